"""``procgen validate`` of one file, cold, in each language the diagnostics speak (issue 17).

Usage (from the repository root)::

    python bench/validate_lang.py [--runs 15]

Times ``procgen validate --lang vi|en`` on a bundled procedure and on a broken copy of it (every
message rendered), each as a fresh process, in a temporary copy of ``procedures/``; prints the
median and the slowest run per case. The budget is 0.25 s (docs/performance.md).

As ``bench/run.py`` does, procgen is first installed from the checkout, alone and non-editable,
into a fresh virtual environment in the temporary folder (how users have it: compiled bytecode,
no test extras); ``--here`` times the Python running this script instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ENV, PROCGEN, install_procgen, machine

REPO = Path(__file__).resolve().parent.parent


def _time(args: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*PROCGEN, *args], cwd=cwd, env=ENV, capture_output=True, check=False)
        took.append(time.perf_counter() - start)
    return statistics.median(took), max(took)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--here", action="store_true", help="time this Python's procgen")
    options = parser.parse_args()
    runs = options.runs
    with tempfile.TemporaryDirectory(prefix="procgen-bench-lang-") as tmp:
        work = Path(tmp)
        if not options.here:
            install_procgen(work)
        m = machine()
        print(f"commit {m['commit']}; {m['nproc']} CPUs ({m['cpu']}), {m['os']}, "
              f"Python {m['python']}; load before {m['load']}; "
              f"{'this environment' if options.here else 'procgen installed alone'}\n")
        shutil.copytree(REPO / "procedures", work / "procedures")
        good = work / "procedures" / "birth-registration.yaml"
        bad = work / "procedures" / "broken-copy.yaml"
        text = good.read_text("utf-8").replace("id: birth-registration", "id: broken-copy", 1)
        bad.write_text(text.replace("required: true", "requried: true")
                       .replace("amount: 8000", "amount: 8.000"), "utf-8")
        print("| file | lang | median | slowest |\n| --- | --- | ---: | ---: |")
        for name, path in (("valid", good), ("broken", bad)):
            for lang in ("vi", "en"):
                median, worst = _time(["validate", "--lang", lang, str(path)], work, runs)
                print(f"| {name} | {lang} | {median:.3f} s | {worst:.3f} s |")
        print(f"\nload after {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
