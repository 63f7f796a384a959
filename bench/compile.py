"""CPU time to compile one procedure, phase by phase, in one warm process.

Usage (from the repository root, procgen importable)::

    python bench/compile.py                          # birth-registration, 200 rounds
    python bench/compile.py --procedure land-first-registration --rounds 500

What a build's worker does for each procedure file, after the shared files are loaded once:
read and check the YAML and build the IR, then each target's files and its portal part. Each
phase is timed with ``time.process_time_ns`` (CPU, not wall clock) over ``--rounds`` rounds
after five warm-up rounds; the median per phase is printed, in milliseconds. The procedures
folder is copied into a temporary folder first, so nothing in the checkout is read twice or
written. ``docs/performance.md`` says what the numbers were and on which machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--procedure", default="birth-registration")
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--procedures", type=Path, default=REPO / "procedures")
    args = ap.parse_args()

    from procgen.build.compile import init_process, target
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.builder import build_procedure
    from procgen.targets import names

    with tempfile.TemporaryDirectory(prefix="procgen-bench-") as tmp:
        root = Path(tmp) / "procedures"
        shutil.copytree(args.procedures, root)
        targets = tuple(names())
        shared = init_process(root, targets, "bench")
        ctx = shared.context(readonly=True)
        path = root / f"{args.procedure}.yaml"
        times: dict[str, list[int]] = {}

        def timed(phase: str, fn):  # type: ignore[no-untyped-def]
            start = time.process_time_ns()
            out = fn()
            times.setdefault(phase, []).append(time.process_time_ns() - start)
            return out

        for i in range(args.rounds + 5):
            if i == 5:
                times.clear()
            sink = DiagnosticSink()
            ws = shared.fresh_workspace(sink)

            def ir(ws=ws, sink=sink):  # type: ignore[no-untyped-def]
                doc = ws.load(path, "procedure")
                return build_procedure(ws, doc, path.stem, sink)

            procedure = timed("YAML, schema and IR", ir)
            if procedure is None:
                sys.exit(f"{path.name} does not compile: {[str(d) for d in sink.items]}")
            for name in targets:
                t, p, s = target(name), procedure, sink
                timed(f"target {name}", lambda t=t, p=p, s=s: t.emit_procedure(p, ctx, s))
                timed(f"portal part {name}", lambda t=t, p=p: t.portal_part(p, ctx))

    total = 0.0
    print(f"{args.procedure}: median CPU per phase over {args.rounds} rounds")
    for phase, ns in times.items():
        ms = statistics.median(ns) / 1e6
        total += ms
        print(f"  {phase:<28} {ms:7.2f} ms")
    print(f"  {'total':<28} {total:7.2f} ms")


if __name__ == "__main__":
    main()
