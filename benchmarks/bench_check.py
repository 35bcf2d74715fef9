# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Time `scaffolder check`: on a generated project against Python's start, and on a
20,000-file repository against `reuse lint` alone, in one run.

Whole processes, interleaved runs, medians.  The generated project is a mixed
hardware + Python project made by `scaffolder new` from this checkout (the
biggest variant).  The large repository is synthetic: N small Python files
with SPDX headers in folders of 100, a LICENSE, LICENSES/ and a README, all
committed; both tools read the same tracked files.

    python benchmarks/bench_check.py [--runs 7] [--big-runs 3] [--files 20000]
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
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from scaffolder.licences import catalogue  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
       "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}
HEADER = "# SPDX-File" + "CopyrightText: 2026 CERN\n# SPDX-License-" + "Identifier: Apache-2.0\n"


def timed(cmd: list[str], ok: tuple[int, ...] = (0,), cwd: Path | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=ENV, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok:
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True)


def generated(dest: Path) -> Path:
    cmd = [sys.executable, "-m", "scaffolder", "new", str(dest), "--defaults", "--data", "project_kind=mixed",
           "--data", "language=python", "--data", "hardware_license=CERN-OHL-S-2.0",
           "--data", "repository_url=https://github.com/example/bench-board"]
    subprocess.run(cmd, env=ENV, check=True, capture_output=True)
    return dest


def large(dest: Path, files: int) -> Path:
    dest.mkdir()
    for i in range(files):
        folder = dest / "src" / f"pkg{i // 100:03d}"
        if i % 100 == 0:
            folder.mkdir(parents=True)
        (folder / f"mod{i % 100:02d}.py").write_text(f"{HEADER}\nVALUE = {i}\n", encoding="utf-8")
    (dest / "LICENSES").mkdir()
    shutil.copy(catalogue().get("Apache-2.0").text_path, dest / "LICENSES" / "Apache-2.0.txt")
    shutil.copy(catalogue().get("Apache-2.0").text_path, dest / "LICENSE")
    (dest / "README.md").write_text("<!--\n" + HEADER.replace("# ", "") + "-->\n\n# Large\n", encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "large", cwd=dest)
    return dest


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs on the generated project")
    parser.add_argument("--big-runs", type=int, default=3, help="runs on the large repository")
    parser.add_argument("--files", type=int, default=20000, help="files of the large repository")
    args = parser.parse_args()
    load0 = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="bench-check-"))
    try:
        project = generated(work / "board")
        check = [sys.executable, "-m", "scaffolder", "check"]
        small: dict[str, list[float]] = {"python": [], "check": []}
        timed([*check, str(project)])  # warm the file cache
        for _ in range(args.runs):
            small["python"].append(timed([sys.executable, "-c", "pass"]))
            small["check"].append(timed([*check, str(project)]))
        big_repo = large(work / "large", args.files)
        big: dict[str, list[float]] = {"reuse lint": [], "scaffolder check": []}
        timed([str(BIN / "reuse"), "--root", str(big_repo), "lint"])  # warm the file cache
        for _ in range(args.big_runs):
            big["reuse lint"].append(timed([str(BIN / "reuse"), "--root", str(big_repo), "lint"]))
            big["scaffolder check"].append(timed([*check, str(big_repo)], ok=(0, 1)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load1 = os.getloadavg()
    py, ck = median(small["python"]), median(small["check"])
    rl, sc = median(big["reuse lint"]), median(big["scaffolder check"])
    print(f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {platform.machine()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}; load average {load0[0]:.1f} -> {load1[0]:.1f}")
    print()
    print("| case | runs | median | |")
    print("|---|---|---|---|")
    print(f"| `python -c pass` | {args.runs} | {py:.3f} s | |")
    print(f"| `scaffolder check` on a generated mixed project | {args.runs} | {ck:.3f} s | "
          f"**{ck - py:.3f} s beyond Python's start** (target < 0.5 s) |")
    print(f"| `reuse lint`, {args.files} files | {args.big_runs} | {rl:.2f} s | |")
    print(f"| `scaffolder check`, {args.files} files | {args.big_runs} | {sc:.2f} s | "
          f"**{sc / rl:.2f}x reuse lint** (target <= 1) |")
    print()
    print("all runs (s):", {k: [round(v, 3) for v in vs] for k, vs in {**small, **big}.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
