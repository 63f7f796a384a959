"""Benchmarks for ``procgen build`` and ``procgen validate``, side by side with pyxform.

Usage (from the repository root)::

    python bench/run.py                       # sizes 25 and 1000
    python bench/run.py --sizes 25,1000,10000 --jobs 2
    python bench/run.py --xls2xform /path/to/venv/bin/xls2xform --no-write

For each size N it generates a project of N procedures (the real ones, then copies with renamed
ids; the real procgen.yaml, common/ and lists/) and times, as cold processes: a full build, a
no-op rebuild, a rebuild after one procedure changed, and ``validate`` of one file; plus the peak
RSS of the largest process of the full build. It also builds one procedure to every target and
both languages, and converts an XLSForm of the same procedure with pyxform's ``xls2xform``.
Results go into docs/performance.md between the ``bench:begin``/``bench:end`` markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import REPO, make_project, touch_one

DOC = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PROCGEN = [sys.executable, "-c", "from procgen.cli import main; main()"]
ENV = dict(os.environ)


def install_procgen(work: Path) -> str:
    """Install procgen from this checkout, non-editable, into a fresh virtual environment in
    ``work`` and run every ``procgen`` process with that environment's Python.

    This is how users have it, and how pyxform is measured (alone in its own environment):
    the development environment also holds the test extras, and lark imports ``regex`` and
    ``interegular`` whenever they are installed. The installed copy is also a snapshot: edits
    to the working tree during a run (the build's cache key covers the package's files) cannot
    turn no-op rebuilds into full ones. Returns where the venv's ``procgen`` is imported from.
    """
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(REPO)],
        check=True,
    )
    PROCGEN[0] = python
    r = subprocess.run(
        [python, "-c", "import procgen; print(procgen.__file__)"],
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    where = r.stdout.strip()
    if not where.startswith(str(venv)):
        raise SystemExit(f"the installed package is not used (procgen imported from {where})")
    return where


def timed(cmd: list[str], cwd: Path, *, ok: tuple[int, ...] = (0,)) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t
    if r.returncode not in ok:
        raise SystemExit(
            f"{' '.join(cmd)} exited {r.returncode}:\n{r.stdout[-2000:]}{r.stderr[-2000:]}"
        )
    return elapsed


def median(cmd: list[str], cwd: Path, runs: int, before: object = None) -> float:
    times = []
    for _ in range(runs):
        if callable(before):
            before()
        times.append(timed(cmd, cwd))
    return statistics.median(times)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def size_run(n: int, jobs: int, work: Path) -> dict[str, float]:
    proj = work / f"n{n}"
    root = make_project(proj, n, localities=False)
    build = [*PROCGEN, "build", "-j", str(jobs)]
    res: dict[str, float] = {}
    res["full"] = timed(build, proj)
    res["rss"] = peak_rss_mb()  # the full build is the first child of this size... see notes
    res["noop"] = median(build, proj, 3)
    touch_one(root)
    res["one"] = timed(build, proj)
    res["noop_after"] = timed(build, proj)
    one_file = root / "birth-registration.yaml"
    res["validate"] = median([*PROCGEN, "validate", str(one_file.relative_to(proj))], proj, 5)
    shutil.rmtree(proj)
    return res


def one_procedure(work: Path, xls2xform: str, runs: int) -> dict[str, float]:
    from xlsform import write_xlsform

    from procgen.diagnostics import DiagnosticSink
    from procgen.model import load_portal

    proj = work / "one"
    root = make_project(proj, 1, localities=False)
    portal = load_portal(root, DiagnosticSink())
    procedure = portal.procedures[0]
    xlsx = work / f"{procedure.id}.xlsx"
    questions = write_xlsform(procedure, xlsx)

    def clean() -> None:
        for d in ("generated", ".procgen-cache"):
            shutil.rmtree(proj / d, ignore_errors=True)

    # The web target's compiled templates live in a cache the build owns (docs/build.md); a
    # checkout pays their compilation once. Measure that first run alone, then the cold runs.
    ENV["PROCGEN_TEMPLATE_CACHE"] = "off"
    clean()
    timed([*PROCGEN, "build", "-j", "1"], proj)  # compiles lark's grammar cache, if need be
    ENV["PROCGEN_TEMPLATE_CACHE"] = str(work / "template-cache")
    clean()
    first = timed([*PROCGEN, "build", "-j", "1"], proj)
    convert = [xls2xform, str(xlsx), str(work / "form.xml")]
    timed(convert, work)  # pyxform's first run too: its lexer and bytecode caches
    # Alternate the two tools, so that a change in the machine's load hits both alike.
    ours, theirs = [], []
    for _ in range(runs):
        clean()
        ours.append(timed([*PROCGEN, "build", "-j", "1"], proj))
        theirs.append(timed(convert, work))
    files = sum(1 for p in (proj / "generated").rglob("*") if p.is_file())
    return {
        "procgen": statistics.median(ours),
        "first": first,
        "pyxform": statistics.median(theirs),
        "questions": questions,
        "fields": sum(1 for f in procedure.asked_fields for _ in f.walk()),
        "files": files,
        "procedure": procedure.id,  # type: ignore[dict-item]
        "runs": runs,
    }


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "load": " / ".join(f"{x:.2f}" for x in os.getloadavg()),
        "commit": commit or "unknown",
    }


def report(
    sizes: dict[int, dict[str, float]],
    one: dict[str, float] | None,
    info: dict[str, str],
    load_after: str,
    jobs: int,
    argv: list[str],
) -> str:
    lines = [
        BEGIN,
        "",
        f"Measured with `python bench/run.py {' '.join(argv)}` at commit `{info['commit']}`.",
        "",
        f"- machine: {info['nproc']} CPUs ({info['cpu']}), {info['os']}, Python {info['python']}",
        f"- load average (1/5/15 min) before: {info['load']}; after: {load_after}",
        f"- `-j {jobs}`; every time is the wall clock of a cold `procgen` process, procgen "
        "installed alone in a fresh virtual environment (as pyxform is)",
        "",
    ]
    if sizes:
        lines += [
            "| procedures | full build | no-op rebuild | no-op / full | one file changed "
            "| validate one file (cold) | peak RSS¹ |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for n, r in sizes.items():
            lines.append(
                f"| {n:,} | {r['full']:.2f} s | {r['noop']:.3f} s | "
                f"{100 * r['noop'] / r['full']:.1f} % | {r['one']:.2f} s | "
                f"{r['validate']:.3f} s | {r['rss']:.0f} MB |"
            )
        lines += [
            "",
            "¹ `getrusage(RUSAGE_CHILDREN).ru_maxrss`: the largest single process so far "
            "(the main build process or one worker), not the sum over workers.",
            "",
        ]
    if one:
        ratio = one["procgen"] / one["pyxform"]
        lines += [
            f"One procedure (`{one['procedure']}`: {int(one['fields'])} fields, "
            f"{int(one['files'])} files for every target and both languages) against pyxform "
            f"4.5.0 converting an XLSForm of the same procedure ({int(one['questions'])} "
            f"questions), both as cold processes, run alternately, median of "
            f"{int(one['runs'])} each:",
            "",
            "| procgen build (one procedure) | xls2xform (one form) | ratio |",
            "| ---: | ---: | ---: |",
            f"| {one['procgen']:.3f} s | {one['pyxform']:.3f} s | {ratio:.2f}× |",
            "",
            f"The very first build of a checkout (no compiled templates in its cache yet) "
            f"took {one['first']:.3f} s ({one['first'] / one['pyxform']:.2f}×).",
            "",
        ]
        if sizes:
            lines.append(
                "Per-form throughput: "
                + "; ".join(
                    f"N = {n:,}: {1000 * r['full'] / n:.0f} ms a procedure "
                    f"({r['full'] / n / one['pyxform']:.2f}× one cold xls2xform)"
                    for n, r in sizes.items()
                )
            )
            lines.append("")
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25,1000", help="comma-separated N (default 25,1000)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--xls2xform",
        default=shutil.which("xls2xform") or "",
        help="pyxform's CLI (see docs/performance.md about interegular)",
    )
    ap.add_argument(
        "--runs", type=int, default=11, help="cold runs of each tool for the one-procedure ratio"
    )
    ap.add_argument("--no-write", action="store_true", help="print, do not touch docs/")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    info = machine()
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="procgen-bench-") as tmp:
        work = Path(tmp)
        install_procgen(work)
        one = one_procedure(work, args.xls2xform, args.runs) if args.xls2xform else None
        if one:
            print(
                f"one procedure: procgen {one['procgen']:.3f} s, xls2xform {one['pyxform']:.3f} s",
                flush=True,
            )
        for n in sizes:
            results[n] = size_run(n, args.jobs, work)
            print(n, {k: round(v, 3) for k, v in results[n].items()}, flush=True)
    load_after = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    text = report(results, one, info, load_after, args.jobs, sys.argv[1:])
    print(text)
    if not args.no_write:
        doc = DOC.read_text("utf-8") if DOC.exists() else f"{BEGIN}\n{END}\n"
        head, _, rest = doc.partition(BEGIN)
        _, _, tail = rest.partition(END)
        DOC.write_text(head + text + tail, "utf-8")


if __name__ == "__main__":
    main()
