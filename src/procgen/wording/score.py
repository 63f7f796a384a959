"""The scorecard's words (``procgen score``, ``generated/score/``), merged into
:data:`procgen.wording.catalogue.TEXTS`: each indicator's name, definition and formula, the
burden's counts, the reasons a procedure is not full-process, the report's headings."""

from __future__ import annotations

SCORE_TEXTS: dict[str, dict[str, str]] = {
    # indicators: name, what it measures, how it is computed
    "score_online_name": {"vi": "Cung cấp trực tuyến", "en": "Offered online"},
    "score_online_definition": {
        "vi": "Thủ tục có kênh nộp hồ sơ trực tuyến.",
        "en": "The procedure can be filed online."},
    "score_online_formula": {
        "vi": "số thủ tục có kênh online / số thủ tục",
        "en": "procedures with an online channel / procedures"},
    "score_full_process_name": {"vi": "Trực tuyến toàn trình", "en": "Full-process online"},
    "score_full_process_definition": {
        "vi": "Nộp, giải quyết, nộp phí trực tuyến và nhận kết quả điện tử hoặc qua bưu chính, "
              "không phải đến trực tiếp.",
        "en": "Filed, settled and paid online, the result returned electronically or by post, "
              "with no visit."},
    "score_full_process_formula": {
        "vi": "số thủ tục toàn trình / số thủ tục",
        "en": "full-process procedures / procedures"},
    "score_payable_online_name": {"vi": "Thanh toán trực tuyến", "en": "Payable online"},
    "score_payable_online_definition": {
        "vi": "Thủ tục có thu phí, lệ phí mà mọi khoản thu khi nộp trực tuyến đều thanh toán "
              "trực tuyến được.",
        "en": "A fee-bearing procedure whose every fee charged online can be paid online."},
    "score_payable_online_formula": {
        "vi": "số thủ tục có thu phí thanh toán trực tuyến được / số thủ tục có thu phí",
        "en": "fee-bearing procedures payable online / fee-bearing procedures"},
    "score_electronic_result_name": {"vi": "Kết quả điện tử", "en": "Electronic result"},
    "score_electronic_result_definition": {
        "vi": "Kết quả được cấp dưới dạng điện tử, hoặc kênh trực tuyến trả kết quả điện tử.",
        "en": "The result is issued electronically, or the online channel returns it "
              "electronically."},
    "score_electronic_result_formula": {
        "vi": "số thủ tục có kết quả điện tử / số thủ tục",
        "en": "procedures with an electronic result / procedures"},
    "score_data_reuse_name": {"vi": "Tái sử dụng dữ liệu", "en": "Data reuse"},
    "score_data_reuse_definition": {
        "vi": "Phần thông tin và giấy tờ được lấy từ dữ liệu Nhà nước đã có, không bắt người "
              "dân khai lại hay nộp lại.",
        "en": "The share of answers and documents taken from data the state already holds, "
              "not asked again."},
    "score_data_reuse_formula": {
        "vi": "(trường điền sẵn + giấy tờ Nhà nước đã có) / (mọi trường + mọi giấy tờ có thể "
              "phải nộp, trừ tờ khai); trung bình các thủ tục",
        "en": "(prefilled fields + documents held by the state) / (all fields + every document "
              "that may be required, the form itself excluded); mean over procedures"},
    "score_completeness_name": {"vi": "Công khai đầy đủ", "en": "Published in full"},
    "score_completeness_definition": {
        "vi": "Bản mô tả nêu đủ các bộ phận mà Nghị định 63/2010 điều 8 yêu cầu.",
        "en": "The description states the parts Decree 63/2010 art. 8 requires."},
    "score_completeness_formula": {
        "vi": "bộ phận đã nêu / 8 (mã, các bước, hồ sơ, mẫu đơn, đối tượng, cơ quan, kết quả, "
              "căn cứ pháp lý)",
        "en": "parts stated / 8 (code, steps, dossier, forms, applicants, agency, result, "
              "legal basis)"},
    "score_fee_parity_name": {"vi": "Phí trực tuyến không cao hơn", "en": "Online fee no higher"},
    "score_fee_parity_definition": {
        "vi": "Mức thu cao nhất khi nộp trực tuyến không vượt mức thu khi nộp trực tiếp.",
        "en": "The most charged online is no more than the most charged in person."},
    "score_fee_parity_formula": {
        "vi": "thủ tục có phí trực tuyến ≤ phí trực tiếp / thủ tục có cả hai kênh và có phí",
        "en": "procedures whose online fees ≤ in-person fees / procedures with both channels "
              "and a fee"},
    "score_time_parity_name": {"vi": "Thời hạn trực tuyến không dài hơn",
                               "en": "Online time no longer"},
    "score_time_parity_definition": {
        "vi": "Thời hạn giải quyết khi nộp trực tuyến không dài hơn khi nộp trực tiếp.",
        "en": "Processing online takes no longer than in person."},
    "score_time_parity_formula": {
        "vi": "thủ tục có thời hạn trực tuyến ≤ trực tiếp / thủ tục có cả hai kênh",
        "en": "procedures whose online time ≤ in-person time / procedures with both channels"},
    "score_sourced_name": {"vi": "Thông tin có nguồn", "en": "Sourced facts"},
    "score_sourced_definition": {
        "vi": "Phần các khoản phí, giấy tờ, thời hạn và căn cứ pháp lý đã đối chiếu với nguồn "
              "chính thức.",
        "en": "The share of fees, documents, processing times and legal bases checked against "
              "an official source."},
    "score_sourced_formula": {
        "vi": "thông tin sourced / mọi thông tin; trung bình các thủ tục",
        "en": "sourced facts / all facts; mean over procedures"},
    "score_publication_lead_name": {"vi": "Công bố đúng hạn", "en": "Published on time"},
    "score_publication_lead_definition": {
        "vi": "Thủ tục được công bố trước ngày có hiệu lực.",
        "en": "The procedure is published before it takes effect."},
    "score_submitted_online_name": {"vi": "Hồ sơ nộp trực tuyến", "en": "Filed online"},
    "score_submitted_online_definition": {
        "vi": "Phần hồ sơ thực tế được nộp trực tuyến.",
        "en": "The share of applications actually filed online."},
    "score_paid_online_name": {"vi": "Phí nộp trực tuyến", "en": "Paid online"},
    "score_paid_online_definition": {
        "vi": "Phần khoản thu thực tế được thanh toán trực tuyến.",
        "en": "The share of fees actually paid online."},
    "score_settled_on_time_name": {"vi": "Giải quyết đúng hạn", "en": "Settled on time"},
    "score_settled_on_time_definition": {
        "vi": "Phần hồ sơ được giải quyết trước hạn trả kết quả.",
        "en": "The share of applications settled by their due date."},
    "score_satisfaction_name": {"vi": "Mức độ hài lòng", "en": "Satisfaction"},
    "score_satisfaction_definition": {
        "vi": "Đánh giá của người dân về việc tiếp nhận và giải quyết.",
        "en": "Citizens' rating of how their application was received and settled."},
    "score_fee_parity_ref": {"vi": "Hội nghị ngày 05/6/2023", "en": "Meeting of 5 June 2023"},
    "score_time_parity_ref": {"vi": "Hội nghị ngày 05/6/2023", "en": "Meeting of 5 June 2023"},
    "score_sourced_ref": {"vi": "procgen (docs/dsl.md, mục Provenance)",
                          "en": "procgen (docs/dsl.md, Provenance)"},
    "score_live_short": {"vi": "cần dữ liệu vận hành", "en": "needs live data"},
    "score_live": {"vi": "cần dữ liệu vận hành: ghi {events}",
                   "en": "needs live data: record {events}"},
    # why not full-process
    "score_reason_no_online_channel": {"vi": "không có kênh trực tuyến",
                                       "en": "no online channel"},
    "score_reason_steps": {"vi": "phải đến trực tiếp", "en": "a visit is required"},
    "score_reason_documents": {"vi": "giấy tờ giấy", "en": "paper documents"},
    "score_reason_fees": {"vi": "phí không nộp trực tuyến được", "en": "fees not payable online"},
    "score_reason_result": {"vi": "nhận kết quả tại nơi giải quyết",
                            "en": "result collected at the desk"},
    # burden
    "score_burden_typed_fields": {"vi": "Trường phải khai", "en": "Fields typed"},
    "score_burden_prefilled_fields": {"vi": "Trường điền sẵn", "en": "Fields prefilled"},
    "score_burden_uploads": {"vi": "Tệp tải lên", "en": "Uploads"},
    "score_burden_paper_originals": {"vi": "Bản chính giấy", "en": "Paper originals"},
    "score_burden_paper_copies": {"vi": "Bản sao giấy", "en": "Paper copies"},
    "score_burden_visits": {"vi": "Lần đến trực tiếp", "en": "Visits in person"},
    "score_burden_pages": {"vi": "Trang biểu mẫu", "en": "Form pages"},
    "score_burden_minutes": {"vi": "Thời gian ước tính (phút)", "en": "Estimated time (minutes)"},
    "score_burden_mean_minutes": {"vi": "Thời gian ước tính trung bình (phút)",
                                  "en": "Mean estimated time (minutes)"},
    # facts
    "score_facts": {"vi": "Thông tin theo mức tin cậy", "en": "Facts by confidence"},
    "score_level_sourced": {"vi": "có nguồn", "en": "sourced"},
    "score_level_weak": {"vi": "nguồn yếu", "en": "weakly sourced"},
    "score_level_inferred": {"vi": "suy luận", "en": "inferred"},
    "score_level_placeholder": {"vi": "giá trị tạm", "en": "placeholder"},
    "score_level_unsourced": {"vi": "chưa có nguồn", "en": "no source"},
    # report
    "score_title": {"vi": "Bảng chấm điểm chất lượng", "en": "Quality scorecard"},
    "score_national": {"vi": "Toàn quốc", "en": "National"},
    "score_heading": {"vi": "{title} — {where}, tính đến {on}: {score}/100",
                      "en": "{title} — {where}, as of {on}: {score}/100"},
    "score_indicator": {"vi": "Chỉ số", "en": "Indicator"},
    "score_value": {"vi": "Giá trị", "en": "Value"},
    "score_ref": {"vi": "Căn cứ", "en": "Source"},
    "score_procedure": {"vi": "Thủ tục", "en": "Procedure"},
    "score_score": {"vi": "Điểm", "en": "Score"},
    "score_full": {"vi": "Toàn trình", "en": "Full-process"},
    "score_why_not": {"vi": "Lý do chưa toàn trình", "en": "Why not full-process"},
    "score_unsourced": {"vi": "Chưa có nguồn", "en": "Unsourced"},
    "score_yes": {"vi": "có", "en": "yes"},
    "score_no": {"vi": "không", "en": "no"},
    "score_na": {"vi": "không áp dụng", "en": "n/a"},
    "score_of": {"vi": "{met} trên {applies}", "en": "{met} of {applies}"},
    "score_burden": {"vi": "Gánh nặng cho người dân", "en": "Citizen burden"},
    "score_fail_under": {"vi": "điểm {score} của {where} thấp hơn {limit}",
                         "en": "{where} scores {score}, under {limit}"},
    "score_no_locality": {"vi": "không có địa phương '{locality}'{suggestion}",
                          "en": "no locality '{locality}'{suggestion}"},
    # the HTML report (generated/score/, the score target)
    "score_report_nav": {"vi": "Các bảng chấm điểm", "en": "Scorecards"},
    "score_report_back": {"vi": "Bảng chấm điểm toàn quốc", "en": "National scorecard"},
    "score_report_indicators": {"vi": "Các chỉ số", "en": "Indicators"},
    "score_report_definition": {"vi": "Định nghĩa", "en": "Definition"},
    "score_report_formula": {"vi": "Công thức", "en": "Formula"},
    "score_report_live": {"vi": "Chỉ số cần dữ liệu vận hành",
                          "en": "Indicators that need live data"},
    "score_report_live_intro": {
        "vi": "Các chỉ số này không tính được từ bản mô tả thủ tục: cổng dịch vụ công cần ghi "
              "lại các trường sau cho mỗi sự kiện.",
        "en": "These cannot be computed from the procedure files: a portal must record these "
              "fields for each event."},
    "score_report_item": {"vi": "Mục", "en": "Item"},
    "score_report_count": {"vi": "Số lượng", "en": "Count"},
    "score_report_procedures": {"vi": "Điểm theo thủ tục", "en": "Score by procedure"},
    "score_report_localities": {"vi": "Điểm theo tỉnh, thành phố",
                                "en": "Score by province and city"},
    "score_report_locality": {"vi": "Tỉnh, thành phố", "en": "Province or city"},
    "score_report_chart_indicators": {
        "vi": "Biểu đồ thanh: giá trị các chỉ số tính được, theo %; bảng sau có cùng số liệu",
        "en": "Bar chart: the computed indicators' values, in %; the table after it holds "
              "the same figures"},
    "score_report_chart_procedures": {
        "vi": "Biểu đồ thanh: điểm của từng thủ tục, trên 100; bảng sau có cùng số liệu",
        "en": "Bar chart: each procedure's score, out of 100; the table after it holds the "
              "same figures"},
    "score_report_about": {
        "vi": "Định nghĩa, công thức và căn cứ của từng chỉ số: docs/score.md. Điểm của một "
              "thủ tục là trung bình các chỉ số áp dụng cho nó; điểm của bảng là trung bình "
              "điểm các thủ tục.",
        "en": "Each indicator's definition, formula and source: docs/score.md. A procedure's "
              "score is the mean of the indicators that apply to it; the scorecard's, the "
              "mean of the procedures' scores."},
}
"""Key → ``{"vi": …, "en": …}``, as in the catalogue."""
