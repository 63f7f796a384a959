"""A static HTML preview of a mobile screen definition: every screen side by side, phone-sized.

For reviewers and renderer teams, not for citizens: it shows what each screen holds (components,
rules in short, navigation) in one language, without running any rule. Every text is escaped.

    python -m procgen.targets.mobile.preview generated/mobile/birth-registration.json \\
        --lang en > preview.html
"""

from __future__ import annotations

import argparse
import json
import sys
from html import escape
from pathlib import Path
from typing import Any

_CSS = """
body{margin:0;padding:16px;background:#e8e8ea;font:15px/1.4 system-ui,sans-serif;color:#1b1b1f}
h1{font-size:18px;margin:0 0 12px}
.screens{display:flex;gap:16px;overflow-x:auto;align-items:flex-start}
.phone{flex:0 0 360px;width:360px;min-height:640px;background:#fff;border-radius:24px;
 border:8px solid #1b1b1f;box-sizing:border-box;padding:16px;overflow-wrap:anywhere}
.phone h2{font-size:20px;margin:4px 0 12px}.meta{color:#5b5b66;font-size:12px}
.c{border-top:1px solid #ddd;padding:10px 0}.label{font-weight:600}
.rule{font-size:12px;color:#6b3fa0}.hint{color:#5b5b66;font-size:13px}
.input{border:1px solid #888;border-radius:6px;padding:8px;margin-top:4px;color:#888}
.group{border-left:3px solid #6b3fa0;padding-left:8px;margin-top:6px}
.btn{display:block;margin-top:16px;background:#0b5cad;color:#fff;border-radius:8px;
 padding:12px;text-align:center;font-weight:600}
ul{margin:4px 0;padding-left:20px}
"""


def _t(text: dict[str, str] | None, lang: str) -> str:
    if not text:
        return ""
    return escape(text.get(lang) or next(iter(text.values())))


def _rule(name: str, rule: Any) -> str:
    if rule is True or rule is False or rule is None:
        return ""
    return f'<div class="rule">{escape(name)}: {escape(json.dumps(rule, ensure_ascii=False))}</div>'


def _component(c: dict[str, Any], lang: str, ui: dict[str, dict[str, str]]) -> str:
    kind = c["type"]
    parts = [f'<div class="c" data-id="{escape(c["id"])}">']
    if kind == "info":
        if "title" in c:
            parts.append(f'<div class="label">{_t(c["title"], lang)}</div>')
        if "body" in c:
            parts.append(f"<p>{_t(c['body'], lang)}</p>")
        if c.get("items"):
            parts.append("<ul>" + "".join(f"<li>{_t(i, lang)}</li>" for i in c["items"])
                         + "</ul>")
    elif kind == "fee_summary":
        parts.append(f'<div class="label">{_t(c.get("title"), lang) or "Fees"}</div>')
        parts.append(f'<div class="meta">{escape(c["mode"])}: '
                     f'{escape(", ".join(c["fees"]) or _t(ui["no_fees"], lang))}</div>')
    else:
        optional = "" if c["required"] is not False else f' {_t(ui["optional"], lang)}'
        parts.append(f'<div class="label">{_t(c["label"], lang)}{optional}</div>')
        parts.append(f'<div class="meta">{escape(kind)} → '
                     f'{escape(c.get("field") or c.get("document", ""))}</div>')
        if "hint" in c:
            parts.append(f'<div class="hint">{_t(c["hint"], lang)}</div>')
        if kind == "repeat_group":
            inner = "".join(_component(x, lang, ui) for x in c["components"])
            parts.append(f'<div class="group">{inner}</div>')
        elif kind == "document_capture":
            sources = " / ".join(_t(ui["take_photo" if s == "camera" else "choose_file"], lang)
                                 for s in c["sources"])
            parts.append(f'<div class="input">{sources}</div>')
        elif kind in ("choice", "multichoice"):
            mark = "○" if kind == "choice" else "☐"
            parts.append("".join(f"<div>{mark} {_t(o['label'], lang)}</div>"
                                 for o in c["options"]))
        elif kind == "boolean":
            parts.append(f"<div>☐ {_t(ui['yes'], lang)}</div>")
        else:
            parts.append('<div class="input">&nbsp;</div>')
        parts.append(_rule("visible_when", c["visible_when"]))
        parts.append(_rule("required", c["required"]))
        if "constraint" in c:
            parts.append(_rule("constraint", c["constraint"]["logic"]))
    parts.append("</div>")
    return "".join(parts)


def render(doc: dict[str, Any], lang: str) -> str:
    """The preview page of one mobile file in ``lang``."""
    ui = doc["ui"]
    screens = []
    for s in doc["screens"]:
        body = "".join(_component(c, lang, ui) for c in s["components"])
        if s["kind"] == "review":
            body += "<ul>" + "".join(f"<li>{_t(x['title'], lang)}</li>"
                                     for x in s["sections"]) + "</ul>"
        nav = s["navigation"]
        button = (f'<div class="btn">{_t(ui[s["action"]], lang)}</div>'
                  if s["action"] in ui else "")
        screens.append(
            f'<section class="phone" id="{escape(s["id"])}">'
            f'<div class="meta">{escape(s["id"])} · ← {escape(str(nav["back"]))} · → '
            f'{escape(str(nav.get("next") or nav.get("on_success")))}</div>'
            f"<h2>{_t(s['title'], lang)}</h2>{_rule('visible_when', s['visible_when'])}"
            f"{body}{button}</section>")
    title = _t(doc["procedure"]["title"], lang)
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{_CSS}</style></head><body><h1>{title}</h1>"
            f'<div class="screens">{"".join(screens)}</div></body></html>\n')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="a generated mobile/<id>.json")
    parser.add_argument("--lang", default=None, help="language (default: the file's default)")
    args = parser.parse_args(argv)
    doc = json.loads(args.file.read_text("utf-8"))
    sys.stdout.write(render(doc, args.lang or doc["default_language"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
