# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Time from starting `scaffolder wizard` to its first question, on a real pseudo-terminal.

Run: python benchmarks/bench_wizard.py --runs 7

Prints the median and the range over the runs, next to the time
that `import copier` alone takes in a new interpreter, and checks that the
first question came up without copier imported (the wizard imports copier
only when it renders the preview at the review step).  The figures go into
docs/wizard.md with the date and the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

REPO = Path(__file__).resolve().parent.parent
FIRST_QUESTION = "What the project makes"


def time_to_first_question() -> float:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TERM": "xterm",
        "SCAFFOLDER_PROFILE": "cern",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        child = pexpect.spawn(
            sys.executable,
            ["-m", "scaffolder", "wizard", str(Path(tmp) / "p")],
            env=env,
            encoding="utf-8",
            dimensions=(40, 120),
            timeout=30,
        )
        child.expect(FIRST_QUESTION)
        elapsed = time.perf_counter() - start
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
        child.close()
        if child.exitstatus != 130:
            raise SystemExit(f"wizard exited {child.exitstatus} after Ctrl-C, expected 130")
    return elapsed


def time_import(module: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
    return time.perf_counter() - start


def copier_imported_before_first_question() -> bool:
    """Run the wizard in-process up to its first prompt and look at sys.modules."""
    code = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from scaffolder.prompts import Prompter
from scaffolder.wizard import run_wizard
class Stop(Exception): pass
class P(Prompter):
    def before_prompt(self, key, kind, **kw):
        print("copier" in sys.modules)
        raise Stop
try:
    run_wizard("/nonexistent/wizard-bench", prompter=P(out=open("/dev/null", "w")), require_tty=False)
except Stop:
    pass
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return out.strip().splitlines()[-1] == "True"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each measurement (default 7)")
    runs = parser.parse_args().runs
    wizard = [time_to_first_question() for _ in range(runs)]
    copier = [time_import("copier") for _ in range(runs)]
    python = [time_import("sys") for _ in range(runs)]
    print(f"date: {time.strftime('%Y-%m-%d')}")
    cpu = platform.processor() or platform.machine()
    print(f"machine: {cpu}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"python: {platform.python_version()}")
    for label, values in (
        ("wizard: start to first question", wizard),
        ("python -c 'import copier'", copier),
        ("python -c 'import sys' (interpreter start)", python),
    ):
        low, high, mid = min(values), max(values), statistics.median(values)
        print(f"{label}: median {mid:.2f} s (min {low:.2f}, max {high:.2f})")
    imported = copier_imported_before_first_question()
    print(f"copier imported before the first question: {'yes' if imported else 'no'}")
    return 1 if imported else 0


if __name__ == "__main__":
    raise SystemExit(main())
