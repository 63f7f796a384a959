"""Benchmark: ``procgen score`` of N procedures, warm (after ``procgen build``, the scores read
from the build's cache) and cold (no build: every procedure parsed and scored).

Usage (from the repository root)::

    python bench/score.py                  # sizes 25 and 1000
    python bench/score.py --sizes 1000 --runs 5 --no-write

For each size N it generates a project of N procedures with the real ``localities/`` (34
overlays), builds it once, then times as cold processes: ``procgen score --format json``
(national) and ``--locality all`` (national and the 34), warm; and the national score with no
build output (cold). Median of ``--runs``. Results go into docs/performance.md between the
``bench-score:begin``/``bench-score:end`` markers. Issue 20 asks for at most 2 s warm at 1,000.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PROCGEN, install_procgen, machine, timed
from synth import REPO, make_project

DOC = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- bench-score:begin -->", "<!-- bench-score:end -->"


def size_run(n: int, runs: int, work: Path) -> dict[str, float]:
    proj = work / f"n{n}"
    make_project(proj, n, localities=True)
    out: dict[str, float] = {}
    score = [*PROCGEN, "score", "--format", "json"]
    out["cold"] = statistics.median(timed(score, proj) for _ in range(runs))
    timed([*PROCGEN, "build"], proj)
    out["warm"] = statistics.median(timed(score, proj) for _ in range(runs))
    out["warm_all"] = statistics.median(timed([*score, "--locality", "all"], proj)
                                        for _ in range(runs))
    shutil.rmtree(proj)
    return out


def report(sizes: dict[int, dict[str, float]], info: dict[str, str], runs: int,
           argv: list[str]) -> str:
    lines = [
        BEGIN,
        "",
        f"Measured with `python bench/score.py {' '.join(argv)}` at commit `{info['commit']}` "
        f"({info['nproc']} CPUs, {info['cpu']}; load before: {info['load']}); cold processes, "
        f"median of {runs}.",
        "",
        "| procedures | warm, national | warm, national + 34 localities | cold (no build) |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for n, r in sizes.items():
        lines.append(f"| {n:,} | {r['warm']:.2f} s | {r['warm_all']:.2f} s | {r['cold']:.2f} s |")
    lines += ["", END]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25,1000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-write", action="store_true", help="print, do not edit the docs")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="procgen-bench-score-") as tmp:
        work = Path(tmp)
        install_procgen(work)
        info = machine()
        results = {n: size_run(n, args.runs, work) for n in sizes}
    text = report(results, info, args.runs, sys.argv[1:])
    print(text)
    if args.no_write:
        return
    doc = DOC.read_text("utf-8")
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        doc = head + text + rest.split(END, 1)[1]
    else:
        doc = doc.rstrip("\n") + "\n\n## The scorecard\n\n" + _INTRO + text + "\n"
    DOC.write_text(doc, "utf-8")


_INTRO = (
    "`python bench/score.py` times `procgen score` of N procedures with the 34 real overlays: "
    "warm, after `procgen build` (the scores are the build's cached parts, docs/score.md), "
    "and cold, with no build output (every procedure parsed). Issue 20 asks for at most 2 s "
    "warm at 1,000 procedures on these 2 cores.\n\n"
)


if __name__ == "__main__":
    main()
