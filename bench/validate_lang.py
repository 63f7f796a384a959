"""``procgen validate`` of one file, cold, in each language the diagnostics speak (issue 17).

Usage (from the repository root)::

    python bench/validate_lang.py [--runs 15]

Times ``procgen validate --lang vi|en`` on a bundled procedure and on a broken copy of it (every
message rendered), each as a fresh process, in a temporary copy of ``procedures/``; prints the
median and the slowest run per case. The budget is 0.25 s (docs/performance.md).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROCGEN = [sys.executable, "-c", "from procgen.cli import main; main()"]


def _time(args: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    took = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([*PROCGEN, *args], cwd=cwd, capture_output=True, check=False)
        took.append(time.perf_counter() - start)
    return statistics.median(took), max(took)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="procgen-bench-lang-") as tmp:
        work = Path(tmp)
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


if __name__ == "__main__":
    main()
