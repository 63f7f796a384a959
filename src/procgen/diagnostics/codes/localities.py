"""PG4xx: locality overlays, which may only fill in what a procedure leaves to them."""

from __future__ import annotations

from procgen.diagnostics.codes import Code, Worded

CODES = (
    Code("PG401", "error", "overlay-unknown-procedure", "unknown procedure '{name}'{suggestion}",
         "A locality overlay sets values for a procedure that does not exist.",
         "fees:\n  birth-registraton:\n    late-registration-fee: 8000",
         "Use the id of a procedure in `procedures/`.",
         vi=Worded("không có thủ tục '{name}'{suggestion}",
                   'Một tệp địa phương đặt giá trị cho một thủ tục không tồn tại.',
                   'Dùng mã (id) của một thủ tục có trong `procedures/`.')),
    Code("PG402", "error", "overlay-unknown-fee",
         "procedure '{procedure}' has no fee '{name}'{suggestion}",
         "A locality overlay sets a fee that the procedure does not define.",
         "fees:\n  birth-registration:\n    late-fee: 8000",
         "Use a fee id from the procedure's `fees`.",
         vi=Worded("thủ tục '{procedure}' không có khoản phí '{name}'{suggestion}",
                   'Một tệp địa phương đặt một khoản phí mà thủ tục không quy định.',
                   'Dùng mã của một khoản phí trong mục `fees` của thủ tục.')),
    Code("PG403", "error", "overlay-fee-not-local",
         "fee '{name}' of '{procedure}' is set nationally, not by localities",
         "Only fees with `set_by: locality` may be set in an overlay.",
         "fees:\n  birth-registration:\n    extra-copy-fee: 5000   # amount fixed nationally",
         "Remove the line; ask the owner of the procedure to make the fee `set_by: locality`.",
         vi=Worded("khoản phí '{name}' của '{procedure}' do trung ương quy định, địa phương không được đặt",
                   'Tệp địa phương chỉ được đặt các khoản phí có `set_by: locality`.',
                   'Xóa dòng này; đề nghị người phụ trách thủ tục chuyển khoản phí thành `set_by: locality`.')),
    Code("PG404", "error", "overlay-fee-out-of-range",
         "{amount} for fee '{name}' is outside the national range {low}–{high}",
         "A locality's fee must lie inside the range the procedure sets.",
         "fees:\n  birth-registration:\n    late-registration-fee: 50000   # range max 10000",
         "Use an amount inside the range.",
         vi=Worded("mức {amount} của khoản phí '{name}' nằm ngoài khung quốc gia {low}–{high}",
                   'Mức phí của địa phương phải nằm trong khung mà thủ tục quy định.',
                   'Dùng một mức phí nằm trong khung.')),
    Code("PG405", "warning", "overlay-fee-missing",
         "{given} of {total} localities set fee '{name}' of '{procedure}'; not set by: "
         "{missing}",
         "A `set_by: locality` fee that some overlays leave without an amount: quotes and "
         "forms show it as unknown there. Reported once per fee, at the fee.",
         "fees:\n  - id: permit-fee\n    set_by: locality   # no overlay sets it",
         "Add the amount each People's Council set to the overlays named, e.g. "
         "`procgen locality set-fee PROCEDURE FEE AMOUNT --source ACT`; while an amount is "
         "not known, add it with `--placeholder`.",
         vi=Worded("{given} trên {total} địa phương đã đặt khoản phí '{name}' của '{procedure}'; chưa đặt: {missing}",
                   'Một khoản phí `set_by: locality` mà một số tệp địa phương chưa có mức phí: ở đó, báo phí và biểu mẫu hiện mức phí là chưa biết. Chỉ báo một lần cho mỗi khoản phí, tại khoản phí đó.',
                   'Thêm mức phí mà Hội đồng nhân dân từng địa phương đã quyết định vào các tệp được nêu, ví dụ `procgen locality set-fee PROCEDURE FEE AMOUNT --source ACT`; khi chưa biết mức phí, thêm với `--placeholder`.')),
    Code("PG406", "warning", "overlay-placeholder",
         "{count} placeholder {values} in this overlay: {names}",
         "Values marked `placeholder: true` are not confirmed against the locality's own act; "
         "citizens see them as \"to be confirmed\". Listed under `--strict` only.",
         "fees:\n  birth-registration:\n    late-registration-fee: {amount: 8000, "
         "placeholder: true}",
         "Replace each with the amount the People's Council resolution sets and cite it: "
         "`{amount: 8000, source: {act: \"Nghị quyết 07/2023/NQ-HĐND\"}}`.",
         strict_only=True,
         vi=Worded('tệp địa phương này có {count} {values} tạm thời: {names}',
                   'Các giá trị đánh dấu `placeholder: true` chưa được đối chiếu với văn bản của địa phương; người dân thấy chúng là "đang chờ xác nhận". Chỉ liệt kê khi dùng `--strict`.',
                   'Thay từng giá trị bằng mức mà Nghị quyết của Hội đồng nhân dân quy định và ghi rõ nguồn: `{amount: 8000, source: {act: "Nghị quyết 07/2023/NQ-HĐND"}}`.')),
)
