"""Synthetic projects for the benchmarks: N procedures made from the real ones in procedures/.

Every real procedure is kept; the rest are copies with renamed ids (``<id>-s00001`` ...), in a
project that has the real ``procgen.yaml``, ``common/``, ``lists/`` and ``localities/``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "procedures"
_ID = re.compile(r"^id: *(\S+) *$", re.M)


def real_procedures() -> list[Path]:
    return sorted(p for p in REAL.glob("*.yaml") if p.name != "procgen.yaml")


def make_project(dest: Path, n: int, *, localities: bool = True) -> Path:
    """Write ``dest/procedures`` with ``n`` procedures (at least the real ones when n >= 25)."""
    root = dest / "procedures"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copyfile(REAL / "procgen.yaml", root / "procgen.yaml")
    folders = ("common", "lists", "localities") if localities else ("common", "lists")
    for folder in folders:
        shutil.copytree(REAL / folder, root / folder)
    real = real_procedures()
    for i in range(n):
        src = real[i % len(real)]
        text = src.read_text("utf-8")
        if i < len(real):
            (root / src.name).write_text(text, "utf-8")
            continue
        new_id = f"{src.stem}-s{i:05d}"
        text, count = _ID.subn(f"id: {new_id}", text, count=1)
        if count != 1:
            raise SystemExit(f"{src}: no 'id:' line to rename")
        (root / f"{new_id}.yaml").write_text(text, "utf-8")
    return root


def touch_one(root: Path) -> Path:
    """Change one procedure for real (its revision goes up): the one-file-changed rebuild."""
    path = sorted(p for p in root.glob("*.yaml") if p.name != "procgen.yaml")[-1]
    text = path.read_text("utf-8")
    new, count = re.subn(
        r"^revision: *(\d+)", lambda m: f"revision: {int(m[1]) + 1}", text, count=1, flags=re.M
    )
    if count != 1:
        raise SystemExit(f"{path}: no 'revision:' line")
    path.write_text(new, "utf-8")
    return path
