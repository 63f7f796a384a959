"""Benchmark: every locality's own site (``procgen build --locality all``) against the national
build of the same project.

Usage (from the repository root)::

    python bench/sites.py                  # sizes 25 and 1000
    python bench/sites.py --sizes 25 --runs 3 --no-write

For each size N it generates a project of N procedures with the real ``localities/`` (34
overlays), then times, as cold processes with no cache and no output: the national build,
and the build of all 34 locality sites. Median of ``--runs``; the national and the sites runs
alternate, so a change in the machine's load hits both alike. Results go into
docs/performance.md between the ``bench-sites:begin``/``bench-sites:end`` markers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import PROCGEN, install_procgen, machine, timed
from synth import REPO, make_project

DOC = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- bench-sites:begin -->", "<!-- bench-sites:end -->"


def size_run(n: int, jobs: int, runs: int, work: Path) -> dict[str, float]:
    proj = work / f"n{n}"
    root = make_project(proj, n, localities=True)

    def clean() -> None:
        for d in ("generated", "generated-localities", ".procgen-cache"):
            shutil.rmtree(proj / d, ignore_errors=True)

    national = [*PROCGEN, "build", "-j", str(jobs)]
    sites = [*national, "--locality", "all"]
    clean()
    timed(national, proj)  # warm the page cache and the template cache's compilation
    one, every = [], []
    for _ in range(runs):
        clean()
        one.append(timed(national, proj))
        clean()
        every.append(timed(sites, proj))
    names = [p for p in (proj / "generated-localities").rglob("*")
             if p.is_file() and ".procgen-cache" not in p.parts]
    distinct = len({p.stat().st_ino for p in names})  # a file shared by sites is a hard link
    shutil.rmtree(proj)
    del root
    return {"national": statistics.median(one), "sites": statistics.median(every),
            "files": len(names), "distinct": distinct}


def report(sizes: dict[int, dict[str, float]], info: dict[str, str], jobs: int, runs: int,
           argv: list[str]) -> str:
    lines = [
        BEGIN,
        "",
        f"Measured with `python bench/sites.py {' '.join(argv)}` at commit `{info['commit']}` "
        f"({info['nproc']} CPUs, {info['cpu']}; load before: {info['load']}); `-j {jobs}`, "
        f"cold processes, no cache, median of {runs}.",
        "",
        "| procedures | national build | all 34 locality sites | ratio | site files "
        "| of them distinct¹ |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, r in sizes.items():
        lines.append(f"| {n:,} | {r['national']:.2f} s | {r['sites']:.2f} s | "
                     f"{r['sites'] / r['national']:.2f}× | {int(r['files']):,} | "
                     f"{int(r['distinct']):,} |")
    lines += ["", "¹ files written, not hard links to a file another site shares."]
    lines += ["", END]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25,1000")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-write", action="store_true", help="print, do not edit the docs")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="procgen-bench-sites-") as tmp:
        work = Path(tmp)
        install_procgen(work)
        info = machine()
        results = {n: size_run(n, args.jobs, args.runs, work) for n in sizes}
    text = report(results, info, args.jobs, args.runs, sys.argv[1:])
    print(text)
    if args.no_write:
        return
    doc = DOC.read_text("utf-8")
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        doc = head + text + rest.split(END, 1)[1]
    else:
        doc = doc.rstrip("\n") + "\n\n## Locality sites\n\n" + text + "\n"
    DOC.write_text(doc, "utf-8")


if __name__ == "__main__":
    main()
