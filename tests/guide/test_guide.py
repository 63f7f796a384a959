"""The guide target (docs/targets/guide.md): golden files for the kitchen sink; every fact and
word from guidance and the wording catalogue; the online form's address and its QR code only
with ``base_url``; a locality's own amounts and offices on its site; escaped procedure text;
deterministic bytes; a strict page (CSP, no script, no inline style).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jinja2.meta
import pytest
from tests.conftest import PROCEDURES
from tests.web.projects import minimal, project

from procgen import guidance, wording
from procgen.diagnostics import DiagnosticSink
from procgen.model import load_portal
from procgen.targets import EmitContext, get, names
from procgen.targets._jinja import environment
from procgen.wording.conditions import condition

from .conftest import KITCHEN_SINK, Built, build

LANGS = ("vi", "en")


def test_registered_last_and_built_by_default() -> None:
    from procgen.build.pipeline import default_targets

    assert names()[-1] == "guide"
    assert "guide" in default_targets()


def test_golden_kitchen_sink(corpora: dict[str, Built], golden: Any) -> None:
    files = corpora["kitchen"].files
    assert sorted(files) == ["guide/en/kitchen-sink.html", "guide/guide.css",
                             "guide/vi/kitchen-sink.html"]
    for lang in LANGS:
        golden.check(f"guide/{lang}/kitchen-sink.html", files[f"guide/{lang}/kitchen-sink.html"])


def test_every_procedure_and_language_has_a_guide(corpora: dict[str, Built]) -> None:
    built = corpora["bundled"]
    expected = {f"guide/{lang}/{p.id}.html" for p in built.portal.procedures
                for lang in built.portal.settings.languages} | {"guide/guide.css"}
    assert set(built.files) == expected
    assert len(built.portal.procedures) >= 25
    assert not any(b.diagnostics for b in corpora.values())


def _plain(html: str) -> str:
    """The page's text as a reader sees it (tags dropped, entities of the escaper decoded)."""
    import html as html_lib

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("corpus", ["kitchen", "bundled"])
def test_says_what_guidance_and_the_catalogue_say(corpora: dict[str, Built],
                                                  corpus: str) -> None:
    """Each fact is the lower layers' own sentence: nothing is re-worded here."""
    built = corpora[corpus]
    for p in built.portal.procedures:
        for lang in LANGS:
            text = _plain(built.html(lang, p.id))
            lists = guidance.checklist(p)
            said = [p.title.get(lang), wording.online_status(p, lang),
                    *(wording.document_line(d, lang) for d in p.documents),
                    *(condition(s.when, p, lang) for s in lists.situations),
                    *(wording.duration(c.processing_time, lang) for c in p.channels),
                    *(d.field.label.get(lang) for d in guidance.deciding(p)),
                    *(wording.fee_amount(f, lang) for f in p.fees_in_force),
                    *(n for f in p.fees_in_force for n in wording.fee_notes(f, lang))]
            if p.code:
                said.append(p.code)
            if p.agency:
                said.append(p.agency.get(lang))
            missing = [s for s in said if " ".join(s.split()) not in text]
            assert missing == [], (p.id, lang, missing)


def test_a_province_set_fee_is_its_range_nationally_never_a_table(
        corpora: dict[str, Built]) -> None:
    built = corpora["bundled"]
    names_of = [loc.name.get("vi") for loc in built.portal.localities]
    assert len(names_of) == 34
    for p in built.portal.procedures:
        html = built.html("vi", p.id)
        local = [f for f in p.fees if f.set_by_locality]
        for f in local:
            assert wording.fee_amount(f, "vi") in _plain(html)
        assert sum(name in html for name in names_of) <= 1, p.id  # no list of provinces


def _settings_with(root: Path, extra: str) -> Path:
    settings = root / "procgen.yaml"
    settings.write_text(settings.read_text("utf-8") + extra, "utf-8")
    return root


def _in_person(pid: str) -> str:
    return minimal(pid).replace(
        "channels:\n  online: {processing_time: {working_days: 1}}\n",
        "channels:\n  in_person: {processing_time: {working_days: 1}}\n")


def test_base_url_gives_the_address_and_its_qr_code(tmp_path: Path) -> None:
    root = _settings_with(project(tmp_path, {"tiny": minimal(), "desk": _in_person("desk")}),
                          "base_url: https://dichvucong.example.gov.vn/tt/\n")
    built = build(root)
    for lang in LANGS:
        html = built.html(lang, "tiny")
        url = f"https://dichvucong.example.gov.vn/tt/{lang}/tiny.html"
        assert f'<a href="{url}">{url}</a>' in html
        assert html.count("<svg ") == 1
        svg = html[html.index("<svg "):html.index("</svg>")]
        assert re.fullmatch(r'<svg viewBox="0 0 \d+ \d+"><path stroke="#000" d="[Mmhv0-9. -]+"/>',
                            svg)
        assert wording.say("guide_qr", lang) in html
        # no online channel, no online form: neither address nor code
        desk = built.html(lang, "desk")
        assert "<svg" not in desk and "https://" not in desk


def test_without_base_url_no_address_is_invented(tmp_path: Path) -> None:
    built = build(project(tmp_path, {"tiny": minimal()}))
    for lang in LANGS:
        html = built.html(lang, "tiny")
        assert "<svg" not in html and "https://" not in html and "http://" not in html
        assert wording.say("guide_qr", lang) not in html
        # it says where instead: on the portal
        assert wording.sentence(wording.say(
            "a_where_online", lang, portal=wording.inline(wording.say("portal", lang)))) in html
        # nothing to bring, nothing to pay: said, not left blank
        assert wording.say("no_documents", lang) in html
        assert wording.say("no_fees", lang) in html


def test_the_qr_code_is_deterministic() -> None:
    from procgen.targets.guide.qr import qr_svg

    url = "https://dichvucong.example.gov.vn/thu-tuc/vi/kitchen-sink.html"
    script = ("import sys; from procgen.targets.guide.qr import qr_svg; "
              f"sys.stdout.write(qr_svg({url!r}))")
    seen = {qr_svg(url)}
    for seed in ("0", "9001"):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        seen.add(out.stdout)
    assert len(seen) == 1
    assert qr_svg(url + "x") not in seen


def test_deterministic(corpora: dict[str, Built]) -> None:
    """Same bytes on a second build, and under two other hash seeds."""
    assert build(KITCHEN_SINK).files == corpora["kitchen"].files
    script = ("import hashlib; from tests.guide.conftest import build, KITCHEN_SINK;"
              "fs = build(KITCHEN_SINK).files;"
              "print(hashlib.sha256(b''.join(k.encode() + v for k, v in sorted(fs.items())))"
              ".hexdigest())")
    digests = set()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                             text=True, check=True, cwd=KITCHEN_SINK.parents[2])
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def _site(root: Path, locality: str, pid: str) -> dict[str, str]:
    sink = DiagnosticSink()
    portal = load_portal(root, sink)
    site = next(x for x in portal.localities if x.id == locality)
    ctx = EmitContext(portal.settings, "test", localities=portal.localities, site=site)
    procedure = next(p for p in portal.procedures if p.id == pid)
    files = get("guide").emit_procedure(procedure, ctx, sink)
    assert not sink.has_errors()
    return {str(k): v.decode("utf-8") for k, v in files.items()}


def test_a_locality_site_shows_its_amount_and_offices(corpora: dict[str, Built]) -> None:
    site = _site(KITCHEN_SINK, "test-city", "kitchen-sink")
    for lang in LANGS:
        html, national = site[f"guide/{lang}/kitchen-sink.html"], corpora["kitchen"].html(
            lang, "kitchen-sink")
        money = wording.money(30000, lang)
        assert f"<td>{money}</td>" in html and money not in national
        for words in ("Public Administration Service Centre", "1 Test Street", "024 0000 0000",
                      "Mon–Fri 08:00–17:00") if lang == "en" else (
                      "Trung tâm Phục vụ hành chính công", "Thứ Hai–Thứ Sáu 08:00–17:00"):
            assert words in html and words not in national
        assert wording.say("local_api_site", lang,
                           name="Test City" if lang == "en" else "Thành phố Thử nghiệm") in html
        ranged = wording.say("fee_set_by_locality", lang, min=wording.money(0, lang),
                             max=wording.money(50000, lang))
        assert ranged in national and ranged not in html


def test_a_procedure_nothing_local_changes_is_the_same_on_every_site(
        corpora: dict[str, Built]) -> None:
    from procgen.model.local import local_facts

    built = corpora["bundled"]
    same = next(p for p in built.portal.procedures
                if not local_facts(p, built.portal.localities).depends)
    site = _site(PROCEDURES, "ha-noi", same.id)
    for lang in LANGS:
        assert site[f"guide/{lang}/{same.id}.html"] == built.html(lang, same.id)


def test_hostile_text_is_escaped(corpora: dict[str, Built]) -> None:
    for built in (corpora["hostile"], corpora["kitchen"]):
        for path, data in built.files.items():
            html = data.decode("utf-8")
            assert "<script" not in html, path
            assert "<img" not in html and "<b>" not in html and "<i>" not in html, path
            assert "<!--" not in html, path
    html = corpora["hostile"].html("en", "hostile")
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in html
    assert "<h1>Title &lt;img src=x onerror=alert(&#34;pwned&#34;)&gt;" in html


def test_a_strict_page(corpora: dict[str, Built]) -> None:
    for built in corpora.values():
        for path, data in built.files.items():
            if not path.endswith(".html"):
                continue
            html = data.decode("utf-8")
            assert html.startswith("<!DOCTYPE html>\n<html lang=\"")
            assert ("default-src &#39;none&#39;; style-src &#39;self&#39;;" in html), path
            assert "<style" not in html and " style=" not in html and "<script" not in html
            assert '<link rel="stylesheet" href="../guide.css">' in html
    css = corpora["kitchen"].files["guide/guide.css"].decode("utf-8")
    assert "@page { size: A4;" in css and "font-size: 11pt" in css


def test_the_template_reads_only_its_view() -> None:
    env = environment("procgen.targets.guide")
    assert env.autoescape is True
    assert isinstance(env.undefined, type) and issubclass(env.undefined, jinja2.StrictUndefined)
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        assert jinja2.meta.find_undeclared_variables(env.parse(source)) <= {"page"}, name
