"""Web target (issue 5): pages, escaping, CSP, no-JavaScript fallback, rules data, diagnostics.

Covers: one page per procedure and language plus shared assets; the expression runtime is
bundled from ``procgen/expr/runtime``; every procedure text is escaped; no inline script or
style (strict CSP); without JavaScript every step is shown and the form posts multipart to
the API; conditions travel as JSON data; golden pages for the kitchen sink; determinism;
PG501–PG504. The head (issue 18): a meta description from the summary in the page's language;
with ``base_url`` absolute hreflang alternates, x-default and a canonical link, without it
relative alternates only; a bad ``base_url`` is PG126.
"""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import pytest
from tests.web.helpers import KITCHEN_SINK, PROCEDURES, ROOT, build
from tests.web.projects import hostile, minimal, project

from procgen.diagnostics import DiagnosticSink
from procgen.diagnostics.codes import CODES
from procgen.model import load_portal
from procgen.targets import EmitContext, Target, get
from procgen.targets.web import WebTarget


class Page(HTMLParser):
    """Every start tag with its attributes, plus script bodies."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    def rules(self) -> dict:
        (body,) = [b for a, b in self.scripts if a.get("id") == "procgen-rules"]
        return json.loads(body)


@pytest.fixture(scope="module")
def kitchen():
    return build(KITCHEN_SINK)


@pytest.fixture(scope="module")
def bundled():
    return build(PROCEDURES)


def html(files, lang: str, pid: str) -> str:
    return files[PurePosixPath("web", lang, f"{pid}.html")].decode("utf-8")


def test_target_is_registered_and_satisfies_the_protocol() -> None:
    assert isinstance(get("web"), WebTarget)
    assert isinstance(WebTarget(), Target)


def test_one_page_per_procedure_and_language_plus_shared_assets(bundled) -> None:
    portal, files, sink = bundled
    expected = {PurePosixPath("web", lang, f"{p.id}.html")
                for p in portal.procedures for lang in portal.settings.languages}
    expected |= {PurePosixPath("web/assets/procgen.js"), PurePosixPath("web/assets/procgen.css")}
    assert set(files) == expected
    assert len(portal.procedures) >= 20
    # The bundled procedures build with --strict, but for the provinces' placeholder values
    # (PG406: listed under --strict, to confirm before publishing).
    assert [d.message for d in sink if d.code != "PG406"] == []


def test_bundle_reads_the_expression_runtime_at_emit_time(kitchen) -> None:
    _, files, _ = kitchen
    bundle = files[PurePosixPath("web/assets/procgen.js")].decode("utf-8")
    runtime = (ROOT / "src/procgen/expr/runtime/procgen-expr.js").read_text("utf-8").rstrip("\n")
    assert runtime in bundle
    assert bundle.index("root.ProcgenExpr") < bundle.index("globalThis.ProcgenExpr;")
    assert not (ROOT / "src/procgen/targets/web/assets/procgen-expr.js").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_kitchen_sink_golden(kitchen, golden, lang: str) -> None:
    _, files, _ = kitchen
    golden.check(f"web/{lang}/kitchen-sink.html", html(files, lang, "kitchen-sink"))


def test_one_bundled_procedure_golden(bundled, golden) -> None:
    _, files, _ = bundled
    golden.check("web/vi/birth-registration.html", html(files, "vi", "birth-registration"))


def test_build_is_deterministic() -> None:
    assert build(KITCHEN_SINK)[1] == build(KITCHEN_SINK)[1]


def test_build_does_not_depend_on_hash_seeds() -> None:
    import subprocess
    import sys

    script = ("import hashlib, sys; from tests.web.helpers import build, PROCEDURES; "
              "files = build(PROCEDURES)[1]; h = hashlib.sha256(); "
              "[h.update(str(k).encode() + v) for k, v in sorted(files.items())]; "
              "print(h.hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, text=True,
                              capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed}
                              ).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_pages_need_no_unsafe_inline_and_load_only_local_assets(bundled, kitchen) -> None:
    for files in (bundled[1], kitchen[1]):
        for path, data in files.items():
            if path.suffix != ".html":
                continue
            page = Page(data.decode("utf-8"))
            (meta,) = [a for a in page.all("meta")
                       if a.get("http-equiv") == "Content-Security-Policy"]
            policy = meta["content"] or ""
            assert "default-src 'none'" in policy and "script-src 'self';" in policy
            assert "unsafe" not in policy
            assert not page.all("style")
            for tag, attrs in page.tags:
                assert "style" not in attrs, (path, tag)
                assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            for attrs, _body in page.scripts:  # the runtime, and data blocks (never run)
                assert attrs.get("src") == "../assets/procgen.js" or (
                    attrs.get("type") in ("application/json", "application/ld+json")
                    and attrs.get("src") is None), attrs
            # what the page loads (an alternate or canonical address is only named)
            sources = [a.get("href") for a in page.all("link")
                       if a.get("rel") not in ("alternate", "canonical")]
            sources += [a.get("src") for a in page.all("script")]
            for src in filter(None, sources):
                assert src.startswith(("../", "data:")), (path, src)


def test_every_procedure_text_is_escaped(tmp_path: Path) -> None:
    _, files, _ = build(project(tmp_path, {"hostile": hostile()}))
    for lang in ("vi", "en"):
        text = html(files, lang, "hostile")
        page = Page(text)
        assert not page.all("img")
        assert [a.get("src") for a, _ in page.scripts] == ["../assets/procgen.js", None, None,
                                                           None]
        structured = [b for a, b in page.scripts if a.get("type") == "application/ld+json"]
        assert len(structured) == 2  # the service and its FAQ
        for block in structured:
            assert "<" not in block and ">" not in block and "&" not in block
        assert json.loads(structured[0])["name"].startswith("Title <img")
        faq = json.loads(structured[1])["mainEntity"]
        assert any("<img" in q["acceptedAnswer"]["text"] for q in faq)  # the text as written
        assert "&lt;img src=x onerror=alert(&#34;pwned&#34;)&gt;" in text
        for label in ("Title", "Summary", "Agency", "Law", "Name", "Hint", "Option A", "Item",
                      "Paper", "Paper hint", "Template", "Fee", "Exempt", "Step", "Description",
                      "Visit"):
            assert f"{label} &lt;img" in text, label
        rules_body = next(b for a, b in page.scripts if a.get("id") == "procgen-rules")
        assert "<" not in rules_body and ">" not in rules_body
        rules = page.rules()
        assert rules["fields"]["name"]["constraint_message"].startswith("Too short <img")
        if lang == "en":
            assert rules["title"].endswith("</script><!--")


def test_without_javascript_every_step_shows_and_the_form_posts_multipart(kitchen) -> None:
    portal, files, _ = kitchen
    proc = portal.procedure("kitchen-sink")
    page = Page(html(files, "en", "kitchen-sink"))
    (form,) = page.all("form")
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
    assert form["action"] == "https://api.example.gov.vn/v1/procedures/kitchen-sink/applications"
    sections = [a for a in page.all("section") if "pg-step" in (a.get("class") or "")]
    assert [s["data-step"] for s in sections] == [p.id for p in proc.pages]
    assert all("hidden" not in s for s in sections)
    names = {a.get("name") for t, a in page.tags if t in ("input", "select", "textarea")}
    for f in proc.asked_fields:
        if f.kind != "group":
            assert f.id in names, f.id
    assert {d.id for d in proc.uploadable_documents} <= names
    assert "children[0][child_name]" not in names  # repeat min 0: no entry until one is added
    required = {a["name"] for t, a in page.tags if "required" in a and t != "button"}
    assert "person_full_name" in required and "purpose" in required
    assert "contact_email" not in required  # asked only when "notary" is chosen
    assert "home_address" not in required  # required: not poor_household
    assert [b for b in page.all("button") if b.get("type") == "submit"]


def test_held_by_state_documents_are_explained_not_asked(kitchen) -> None:
    _, files, _ = kitchen
    text = html(files, "en", "kitchen-sink")
    assert "the state already holds it in the National Population Database" in text
    names = {a.get("name") for a in Page(text).all("input")}
    assert "id-card" not in names and "original-deed" not in names and "declaration" not in names
    assert 'accept="image/jpeg,image/png"' in text and "Up to 2 MB" in text
    assert "Originals: 2 – Copies: 0" in text and "Originals: 0 – Copies: 1" in text


def test_rules_carry_the_compiled_conditions(kitchen) -> None:
    from procgen.expr import to_runtime

    portal, files, _ = kitchen
    proc = portal.procedure("kitchen-sink")
    rules = Page(html(files, "vi", "kitchen-sink")).rules()
    assert sorted(rules["fields"]) == sorted(f.id for f in proc.asked_fields)
    assert [i for s in rules["steps"] for i in s["fields"]] == [f.id for f in proc.asked_fields]
    email = proc.field("contact_email")
    assert rules["fields"]["contact_email"]["when"] == to_runtime(email.when)
    assert rules["fields"]["home_address"]["required"] == ["not", ["var", "poor_household"]]
    child = rules["fields"]["children"]["fields"]["child_birth_date"]
    assert child["constraint"] == ["<=", ["row", "child_birth_date"], ["today"]]
    assert child["constraint_message"] == "Không được ở tương lai"
    assert rules["fields"]["children"]["repeat"] == {"min": 0, "max": 5}
    assert [f["id"] for f in rules["fees"]] == ["online-fee", "copy-fee", "value-fee"]
    assert rules["documents"]["proof-of-poverty"]["when"] == ["var", "poor_household"]
    assert rules["documents"]["photo"]["max_bytes"] == 2 * 1024 * 1024


def test_templates_use_only_the_view_model() -> None:
    import jinja2.meta

    from procgen.targets.web.render import environment

    env = environment()
    allowed = {"page", "rules", "ui", "step", "offices_id", "steps"}  # the block; the steps HTML
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]
        free = jinja2.meta.find_undeclared_variables(env.parse(source))
        assert free <= allowed, (name, free - allowed)
    assert env.autoescape is True or env.autoescape(None)
    assert isinstance(env.undefined, type) and env.undefined.__name__ == "StrictUndefined"


def codes(root: Path) -> list[tuple[str, int]]:
    _, _, sink = build(root)
    return sorted((d.code, d.span.line if d.span else 0) for d in sink if d.code.startswith("PG5"))


def test_pg501_unknown_interface_language(tmp_path: Path) -> None:
    root = project(tmp_path, {"tiny": minimal()}, languages="vi, en, fr")
    assert codes(root) == [("PG501", 0)]


def test_pg502_link_without_host_is_shown_as_text(tmp_path: Path) -> None:
    extra = "legal_basis:\n  - {title: Luật, url: \"http:///nowhere\"}\n"
    root = project(tmp_path, {"tiny": minimal(extra=extra)})
    assert codes(root) == [("PG502", 2)]
    text = html(build(root)[1], "vi", "tiny")
    assert "nowhere" not in text and "<li>Luật</li>" in text


def test_pg504_nested_group_is_left_out(tmp_path: Path) -> None:
    fields = ("  - id: outer\n    type: group\n    label: Ngoài\n    fields:\n"
              "      - {id: plain, type: text, label: Thường}\n"
              "      - {id: inner, type: group, label: Trong,\n"
              "         fields: [{id: x, type: text, label: X}]}\n")
    root = project(tmp_path, {"tiny": minimal(fields=fields)})
    assert codes(root) == [("PG504", 8)]
    text = html(build(root)[1], "vi", "tiny")
    assert 'name="outer[__i__][plain]"' in text and "[inner]" not in text and '"inner"' not in text


def test_a_procedure_without_an_online_channel_shows_information_only(tmp_path: Path) -> None:
    body = minimal().replace("online: {processing_time", "in_person: {processing_time")
    _, files, _ = build(project(tmp_path, {"tiny": body}))
    page = Page(html(files, "en", "tiny"))
    assert page.all("form") == [] and not page.all("input")
    assert "You cannot apply for this online" in html(files, "en", "tiny")


# ---- the head: description, alternates, canonical (issue 18) --------------------------------

BASE = "https://dichvucong.example.gov.vn/thu-tuc"
"""The kitchen sink's ``base_url`` (written there with a trailing ``/``)."""


def head(text: str) -> tuple[list[str | None], list[str | None], list[tuple[str, str]]]:
    """(meta descriptions, canonical hrefs, (hreflang, href) of the alternates) of a page."""
    page = Page(text)
    links = page.all("link")
    return ([a.get("content") for a in page.all("meta") if a.get("name") == "description"],
            [a.get("href") for a in links if a.get("rel") == "canonical"],
            [(a.get("hreflang") or "", a.get("href") or "") for a in links
             if a.get("rel") == "alternate"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_description_is_the_summary_in_the_page_language(kitchen, lang: str) -> None:
    portal, files, _ = kitchen
    summary = portal.procedure("kitchen-sink").summary
    assert summary is not None
    (description,), _, _ = head(html(files, lang, "kitchen-sink"))
    assert description == " ".join(summary.get(lang).split())
    assert description and "\n" not in description


def test_a_description_is_escaped_and_falls_back_to_the_title(tmp_path: Path) -> None:
    _, files, _ = build(project(tmp_path, {"hostile": hostile(), "tiny": minimal()}))
    text = html(files, "en", "hostile")
    (description,), _, _ = head(text)
    assert description is not None and description.startswith("Summary <img src=x onerror=")
    assert description.endswith("</script><!--")
    assert '<meta name="description" content="Summary &lt;img src=x onerror=alert(&#34;' in text
    for lang, title in (("vi", "Thủ tục"), ("en", "Procedure")):
        assert head(html(files, lang, "tiny"))[0] == [title]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_base_url_gives_absolute_alternates_and_a_canonical_link(kitchen, lang: str) -> None:
    portal, files, _ = kitchen
    assert portal.settings.base_url == BASE  # the trailing / is dropped
    _, canonical, alternates = head(html(files, lang, "kitchen-sink"))
    assert canonical == [f"{BASE}/{lang}/kitchen-sink.html"]
    assert alternates == [("vi", f"{BASE}/vi/kitchen-sink.html"),
                          ("en", f"{BASE}/en/kitchen-sink.html"),
                          ("x-default", f"{BASE}/vi/kitchen-sink.html")]


def test_without_base_url_the_links_stay_relative(bundled) -> None:
    _, files, _ = bundled
    _, canonical, alternates = head(html(files, "vi", "birth-registration"))
    assert canonical == [] and alternates == [("en", "../en/birth-registration.html")]


def test_a_locality_site_keeps_relative_links(kitchen) -> None:
    """A locality's own site is published at an address of its own, not at base_url."""
    portal, _, _ = kitchen
    (place, *_) = portal.localities
    ctx = EmitContext(portal.settings, "test", localities=portal.localities, site=place)
    files = WebTarget().emit_procedure(portal.procedure("kitchen-sink"), ctx, DiagnosticSink())
    _, canonical, alternates = head(html(files, "en", "kitchen-sink"))
    assert canonical == [] and alternates == [("vi", "../vi/kitchen-sink.html")]


BAD_BASE_URLS = [
    ("dichvucong.example.gov.vn/thu-tuc", "must start with https://"),
    ("/thu-tuc", "must start with https://"),
    ("ftp://example.gov.vn/pub", "must start with https://"),
    ("https:example.gov.vn", "must start with https://"),
    ("https:///thu-tuc", "no host name"),
    ("https://admin:secret@example.gov.vn/", "user name or password"),
    ("https://example.gov.vn:99999/", "port"),
    ("https://example.gov.vn:0/", "port"),
    ("https://example.gov.vn/thu-tuc?lang=vi", "query"),
    ("https://example.gov.vn/thu-tuc#top", "fragment"),
    ("https://example.gov.vn/thu tuc", "spaces"),
    ("https://example.gov.vn/\"><script>", "spaces"),
    ("https://example.gov.vn/100%", "hexadecimal"),
]


@pytest.mark.parametrize(("url", "says"), BAD_BASE_URLS, ids=[u for u, _ in BAD_BASE_URLS])
def test_pg126_a_bad_base_url_is_located_and_ignored(tmp_path: Path, url: str,
                                                     says: str) -> None:
    root = project(tmp_path, {"tiny": minimal()})
    settings = root / "procgen.yaml"
    settings.write_text(settings.read_text("utf-8") + f"base_url: '{url}'\n", "utf-8")
    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    (d,) = [d for d in sink if not CODES[d.code].strict_only]  # not the unsourced facts
    assert d.code == "PG126" and d.span is not None
    assert (d.span.file.endswith("procgen.yaml"), d.span.line, d.span.col) == (True, 6, 11)
    assert says in d.message and url in d.message
    assert "không dùng được làm địa chỉ" in d.text("vi")
    assert portal.settings.base_url is None


@pytest.mark.parametrize("url", ["https://example.gov.vn", "http://10.0.0.1:8080/a/b/",
                                 "https://dịch-vụ.example.vn/thủ-tục", "https://[::1]/x"])
def test_good_base_urls_are_taken(tmp_path: Path, url: str) -> None:
    root = project(tmp_path, {"tiny": minimal()})
    settings = root / "procgen.yaml"
    settings.write_text(settings.read_text("utf-8") + f"base_url: '{url}'\n", "utf-8")
    sink = DiagnosticSink()
    assert load_portal(root, sink).settings.base_url == url.rstrip("/")
    assert [d for d in sink if not CODES[d.code].strict_only] == []
