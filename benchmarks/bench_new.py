# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Time `scaffolder new` against bare `copier copy`, and `scaffolder --help`.

Whole processes, interleaved runs, medians.  Both make the same project from the
same template source (a clean temporary git copy of this checkout) with the same
answers.  `scaffolder new` is timed with --no-git (what copier does), and the git
init + first commit it adds is reported on its own line.

    python benchmarks/bench_new.py [--runs 7] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.helpers import template_copy  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(HERE.parent), "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
       "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table for docs/benchmarks.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-new-"))
    try:
        src = template_copy(work / "template")
        answers = ["-d", "project_name=bench", "-d", "project_slug=bench", "-d", "author_email=bench@example.org"]
        copier = [str(BIN / "copier"), "copy", "--defaults", "--quiet", "--vcs-ref", "HEAD", *answers, str(src)]
        new = [sys.executable, "-m", "scaffolder", "new", "--defaults", "--template", str(src), *answers]
        results: dict[str, list[float]] = {"copier copy": [], "scaffolder new --no-git": [],
                                           "scaffolder new (with git)": [], "scaffolder --help": []}
        timed([*copier, str(work / "warm")])  # warm caches once
        for i in range(args.runs):
            results["copier copy"].append(timed([*copier, str(work / f"c{i}")]))
            results["scaffolder new --no-git"].append(timed([*new, "--no-git", str(work / f"s{i}")]))
            results["scaffolder new (with git)"].append(timed([*new, str(work / f"g{i}")]))
            results["scaffolder --help"].append(timed([sys.executable, "-m", "scaffolder", "--help"]))
        med = {k: statistics.median(v) for k, v in results.items()}
        base = med["copier copy"]
        rows = [
            ("bare `copier copy --defaults`", med["copier copy"], 1.0),
            ("`scaffolder new --defaults --no-git`", med["scaffolder new --no-git"],
             med["scaffolder new --no-git"] / base),
            ("`scaffolder new --defaults` (git init + first commit)", med["scaffolder new (with git)"],
             med["scaffolder new (with git)"] / base),
            ("git init + first commit alone", med["scaffolder new (with git)"] - med["scaffolder new --no-git"], None),
            ("`scaffolder --help`", med["scaffolder --help"], None),
        ]
        print(f"{date.today()} · {platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
              f"Python {platform.python_version()} · {args.runs} runs, medians")
        print("| what | median (s) | vs bare copier |\n|---|---|---|")
        for name, seconds, ratio in rows:
            print(f"| {name} | {seconds:.3f} | {'' if ratio is None else f'{ratio:.2f}×'} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
