"""REQ foundation: every malformed file gets the right code at the right line and column.

Each case in ``cases/`` is a tiny file a policy writer could read. ``┆`` marks where each
diagnostic must point; the header says which codes, in marker order:

    # expect: PG112 PG112          one code per marker, in file order
    # expect-at: PG313 common/loop-b.yaml:4:8   a diagnostic in another file of the project
    # kind: locality | settings    where the file goes (default: a procedure)

The project around each case is the kitchen-sink fixture plus ``project-extra/``. The list of
(code, file, line, col) must match exactly: no missing and no extra diagnostics.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from procgen.diagnostics import DiagnosticSink
from procgen.diagnostics.codes import CODES
from procgen.model import validate_paths

HERE = Path(__file__).parent
CASES = sorted((HERE / "cases").glob("*.yaml"))
KITCHEN = HERE.parent / "fixtures" / "kitchen-sink"
MARK = "┆"
BINARY_CASES = {
    "pg101-not-utf8": (b"procgen: 1\nid: pg101-not-utf8\ntitle: {vi: \xd0\xe3ng k\xfd}\n", (3, 13)),
}


def parse_case(
    text: str,
) -> tuple[str, list[tuple[int, int]], list[str], list[tuple[str, str]], str]:
    """Strip markers; return (text, marker positions, codes, (code, where) pairs, kind)."""
    codes: list[str] = []
    elsewhere: list[tuple[str, str]] = []
    kind = "procedure"
    for line in text.splitlines():
        if m := re.match(r"# expect: (.+)", line):
            codes += m.group(1).split()
        elif m := re.match(r"# expect-at: (PG\d+) (\S+)", line):
            elsewhere.append((m.group(1), m.group(2)))
        elif m := re.match(r"# kind: (\w+)", line):
            kind = m.group(1)
    positions = []
    clean_lines = []
    for n, line in enumerate(text.split("\n"), start=1):
        while MARK in line:
            col = line.index(MARK) + 1
            positions.append((n, col))
            line = line.replace(MARK, "", 1)
        clean_lines.append(line)
    return "\n".join(clean_lines), positions, codes, elsewhere, kind


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "procedures"
    shutil.copytree(KITCHEN, root)
    shutil.copytree(HERE / "project-extra", root, dirs_exist_ok=True)
    return root


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, positions, codes, elsewhere, kind = parse_case(case.read_text("utf-8"))
    if case.stem in BINARY_CASES:
        data, pos = BINARY_CASES[case.stem]
        positions = [pos]
    else:
        data = text.encode("utf-8")
    assert len(codes) == len(positions), (
        f"{case.name}: {len(codes)} codes, {len(positions)} markers"
    )
    target = {
        "procedure": project / f"{case.stem}.yaml",
        "locality": project / "localities" / f"{case.stem}.yaml",
        "settings": project / "procgen.yaml",
    }[kind]
    target.write_bytes(data)
    monkeypatch.chdir(project.parent)
    sink = DiagnosticSink()
    validate_paths([target.relative_to(project.parent)], Path("procedures"), sink)
    name = str(target.relative_to(project.parent))
    # A --strict-only code (placeholders, unsourced facts) counts only where the case expects it.
    asked = set(codes) | {c for c, _ in elsewhere}
    actual = sorted((d.code, d.span.file, d.span.line, d.span.col) for d in sink
                    if d.span and (d.code in asked or not CODES[d.code].strict_only))
    expected = sorted(
        [(c, name, line, col) for c, (line, col) in zip(codes, positions, strict=True)]
        + [
            (
                c,
                "procedures/" + w.rsplit(":", 2)[0],
                int(w.rsplit(":", 2)[1]),
                int(w.rsplit(":", 2)[2]),
            )
            for c, w in elsewhere
        ]
    )
    assert actual == expected, "\n".join(f"{d.span}: {d.code} {d.message}" for d in sink)
