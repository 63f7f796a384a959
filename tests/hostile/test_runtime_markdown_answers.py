"""Issue 14, part D, as a user meets it on the command line: answers are JSON, read as JSON;
procedure text reaches OpenAPI descriptions as literal text, never as Markdown.

Answers (``procgen quote --answers``): what ``json.dumps`` writes is read as it means (an
emoji's surrogate pair, ``2.5e3``); ``"1"`` against the option ``1`` is a wrong type; JSON that
is not JSON, or that readers disagree about (duplicate keys, NaN, numbers beyond a double,
a top level that is not an object), is refused with a located PG610/PG611, never a crash.

Descriptions: ``procgen build --target openapi`` on a kitchen sink whose hint, constraint
message, title and summary carry Markdown links, images, emphasis and a bare ``www.`` address
writes specs in which each renders (markdown-it, linkify on) as its text.

The browser and node cases of part D (field ids that name ``Object.prototype`` members) are in
``tests/web/test_web_prototype_names.py``; the Markdown oracles in
``tests/openapi/test_openapi_markdown.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.hostile.conftest import hostile, tree

BASE: dict[str, Any] = {
    "person_full_name": "Nguyễn Văn An",
    "person_national_id": "001099012345",
    "person_date_of_birth": "1990-05-01",
    "person_sex": "male",
    "person_phone": "0912345678",
    "purpose": "Du lịch nước ngoài",
    "home_address": "1 Phố Huế",
}
NUMBERED = """\
  - id: copy_kind
    type: choice
    label: {vi: Loại bản sao, en: Kind of copy}
    options:
      - {value: 1, label: {vi: Một, en: One}}
      - {value: 2, label: {vi: Hai, en: Two}}
      - {value: "3", label: {vi: Ba, en: Three}}
"""


def quote(project: Path, text: str, *args: str, expect: int | None = None
          ) -> tuple[int, str, Any]:
    """``procgen quote kitchen-sink`` on answers ``text``; (exit, stderr, stdout JSON or None)."""
    (project / "answers.json").write_text(text, "utf-8")
    before = tree(project / "procedures")
    proc = hostile(project, "quote", "kitchen-sink", "--answers", "answers.json",
                   "--on", "2026-11-28", *args, expect=expect, located="--format" not in args)
    assert tree(project / "procedures") == before
    out = json.loads(proc.stdout) if proc.returncode == 0 else None
    return proc.returncode, proc.stderr, out


def fee(out: dict[str, Any], fid: str) -> int | None:
    return next(f["amount"] for f in out["fees"] if f["id"] == fid)


def test_an_emoji_as_json_dumps_writes_it(project: Path) -> None:
    text = json.dumps({**BASE, "purpose": "Du lịch 😀 với gia đình"})  # \ud83d\ude00
    assert "\\ud83d\\ude00" in text
    quote(project, text, expect=0)


def test_an_exponent_is_a_number(project: Path) -> None:
    _, _, out = quote(project, json.dumps(BASE)[:-1] + ', "declared_value": 2.5e6}', expect=0)
    assert fee(out, "value-fee") == 2500  # 0.1 % of 2 500 000


def test_a_text_for_a_numeric_option_is_not_an_option(project: Path) -> None:
    ks = project / "procedures" / "kitchen-sink.yaml"
    text = ks.read_text("utf-8").replace("  - id: declared_value\n",
                                         NUMBERED + "  - id: declared_value\n")
    ks.write_text(text.replace("fields: [purpose,", "fields: [copy_kind, purpose,"), "utf-8")
    # not an option (PG603, as every validator says), with what the option really is
    for given, want in (('"1"', "the option is the number 1, written without quotes"),
                        ("3", "the option is the text '3', written in quotes")):
        _, err, _ = quote(project, json.dumps(BASE)[:-1] + f', "copy_kind": {given}}}',
                          expect=1)
        assert "error[PG603]" in err and want in err, err
        assert "did you mean" not in err
    quote(project, json.dumps({**BASE, "copy_kind": 1}), expect=0)


# (answers text, the code, where: (line, col), words of the message)
REFUSED = [
    ('{"purpose": "a",\n "purpose": "b"}', "PG611", (2, 2), "given twice"),
    ('{"copies": NaN}', "PG610", (1, 12), "NaN"),
    ('{"copies": -Infinity}', "PG610", (1, 12), "Infinity"),
    ('{"copies": 1' + "0" * 5000 + "}", "PG611", (1, 12), "2^53"),
    ('{"area": 1e999}', "PG611", (1, 10), "too large"),
    ("[1, 2]", "PG611", (1, 1), "must be a JSON object"),
    ('"answers"', "PG611", (1, 1), "must be a JSON object"),
    ('{"purpose": "x",}', "PG610", (1, 17), "trailing comma"),
    ("{'purpose': 'x'}", "PG610", (1, 2), "double quotes"),
    ('{"purpose": "x"}\n// done', "PG610", (2, 1), "after the end"),
    ('{"purpose": "\\ud83d"}', "PG611", (1, 13), "lone surrogate"),
    ("[" * 100_000, "PG611", (1, 33), "deeper"),
    ('{"copies": 01}', "PG610", (1, 12), "not a JSON number"),
    ('{\n  "purpose": "x\n"}', "PG610", (2, 16), "control character"),
    ("", "PG610", (1, 1), "empty"),
]


@pytest.mark.parametrize(("text", "code", "where", "words"), REFUSED,
                         ids=[r[0][:24] for r in REFUSED])
def test_json_that_is_not_answers_is_refused_located(
    project: Path, text: str, code: str, where: tuple[int, int], words: str
) -> None:
    _, err, _ = quote(project, text, "--format", "json", expect=1)
    found = json.loads(err)
    assert [(d["code"], d["line"], d["column"]) for d in found] == [(code, *where)], found
    assert words in found[0]["message"]
    quote(project, text, expect=1)  # the text format is located too


def test_a_device_that_never_ends_is_refused(project: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    proc = hostile(project, "quote", "kitchen-sink", "--answers", "/dev/zero", expect=1)
    assert "error[PG100]" in proc.stderr


def test_markdown_in_procedure_text_is_literal_in_the_built_specs(project: Path) -> None:
    """``procgen build --target openapi`` on a hint, a message and a title that carry Markdown:
    every description holding them renders (markdown-it, linkify on) to the text itself."""
    from markdown_it import MarkdownIt

    attack = "[Pay here](https://phish.example/pay) ![](https://t.example/x.png) **now** www.x.vn"
    ks = project / "procedures" / "kitchen-sink.yaml"
    text = ks.read_text("utf-8")
    for old, new in (  # a hint, a constraint message, the title (tag) and summary (info)
        ('hint: {vi: "Ví dụ:', f'hint: {{vi: "{attack} Ví dụ:'),
        ("{vi: Không được ở tương lai,", f'{{vi: "{attack} Không được ở tương lai",'),
        ("title: {vi: Thủ tục mẫu <b>đầy đủ</b>,", f'title: {{vi: "{attack}",'),
        ('summary: {vi: Dùng mọi tính năng & ký tự "đặc biệt".,', f'summary: {{vi: "{attack}",'),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    ks.write_text(text, "utf-8")
    hostile(project, "validate", expect=0)
    hostile(project, "build", "--target", "openapi", "--out", "out", expect=0)
    render = MarkdownIt("gfm-like", {"linkify": True}).render
    found = 0
    for spec in (project / "out" / "openapi").glob("*.yaml"):
        for line in spec.read_text("utf-8").splitlines():
            if "Pay here" in line and "description" in line:
                html = render(yaml.safe_load(line.strip().removeprefix("- "))["description"])
                assert not re.search(r"<(a|img|strong|em)\b", html), html
                assert "[Pay here](https://phish.example/pay)" in html
                found += 1
    assert found
