# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Time `scaffolder update` against bare `copier update`, and a fleet in parallel against one at a time.

Whole processes, interleaved runs, medians.  The template is a temporary git copy
of this checkout tagged v1.0.0, plus a v1.1.0 that adds a file and changes two
(tests/template_versions.py).  Every run updates a fresh copy of the same
project, generated from v1.0.0 and committed, to v1.1.0.

    python benchmarks/bench_update.py [--runs 7] [--fleet-runs 3] [--fleet 20]
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
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from scaffolder.create import new  # noqa: E402
from tests.template_versions import ANSWERS, commit_all, two_versions  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PYTHONPATH": str(HERE.parent), "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
       "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}


CPU: dict[str, float] = {}


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], ok: tuple[int, ...] = (0,), label: str = "") -> float:
    cpu = children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=ENV, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    CPU[label] = CPU.get(label, 0.0) + children_cpu() - cpu
    if proc.returncode not in ok:
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def fresh(base: Path, dest: Path) -> Path:
    shutil.copytree(base, dest, symlinks=True)
    return dest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of the single-update comparison")
    parser.add_argument("--fleet-runs", type=int, default=3, help="runs of the fleet comparison")
    parser.add_argument("--fleet", type=int, default=20, help="repositories in the fleet")
    parser.add_argument("--jobs", type=int, default=2, help="workers of the parallel fleet run")
    parser.add_argument("--fleet-only", action="store_true", help="skip the single-update comparison")
    args = parser.parse_args()
    load0 = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="bench-update-"))
    try:
        tpl = two_versions(work / "template")
        base = new(work / "base", template=str(tpl), vcs_ref="v1.0.0", defaults=True, git=False, data=ANSWERS).path
        subprocess.run(["git", "init", "-q"], cwd=base, env=ENV, check=True)
        commit_all(base, "generated")
        copier = [str(BIN / "copier"), "update", "--defaults", "--quiet"]
        scaffolder = [sys.executable, "-m", "scaffolder", "update"]
        single: dict[str, list[float]] = {"copier": [], "scaffolder": []}
        timed([*copier, str(fresh(base, work / "warm"))])  # warm caches once
        for i in range(0 if args.fleet_only else args.runs):
            single["copier"].append(timed([*copier, str(fresh(base, work / f"c{i}"))]))
            single["scaffolder"].append(timed([*scaffolder, str(fresh(base, work / f"s{i}"))]))
        fleet: dict[str, list[float]] = {"parallel": [], "sequential": []}
        for i in range(args.fleet_runs):
            for mode, jobs in (("parallel", args.jobs), ("sequential", 1)):
                repos = [str(fresh(base, work / f"f{mode}{i}" / f"r{n:02d}")) for n in range(args.fleet)]
                fleet[mode].append(timed([*scaffolder, "--jobs", str(jobs), *repos], label=mode))
        med = {f"single {k}": statistics.median(v) if v else float("nan") for k, v in single.items()}
        med |= {f"fleet {k}": statistics.median(v) for k, v in fleet.items()}
        uname = subprocess.run(["uname", "-a"], capture_output=True, text=True, check=False).stdout.strip()
        load = os.getloadavg()
        print(f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
        print(f"- machine: `{uname}`")
        print(f"- nproc: {os.cpu_count()}; Python {platform.python_version()}; "
              f"load average (1, 5, 15 min) at the start: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}, "
              f"at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print(f"- single update: {args.runs} interleaved runs; fleet: {args.fleet} repositories, "
              f"{args.fleet_runs} runs of each mode; medians\n")
        print("| what | median (s) | ratio | target |\n|---|---|---|---|")
        if not args.fleet_only:
            ratio = med["single scaffolder"] / med["single copier"]
            print(f"| bare `copier update --defaults` (one repository) | {med['single copier']:.2f} | 1.00× | |")
            print(f"| `scaffolder update` (one repository) | {med['single scaffolder']:.2f} | {ratio:.2f}× "
                  "| ≤ 1.10× |")
        speedup = med["fleet sequential"] / med["fleet parallel"]
        print(f"| `scaffolder update --jobs 1`, {args.fleet} repositories | {med['fleet sequential']:.2f} | 1.00× | |")
        print(f"| `scaffolder update --jobs {args.jobs}`, {args.fleet} repositories | {med['fleet parallel']:.2f} | "
              f"{speedup:.2f}× faster | ≥ 1.6× |")
        print("\nall runs (s): " + "; ".join(
            f"{k}: {', '.join(f'{x:.2f}' for x in v)}" for k, v in {**single, **fleet}.items()))
        print("CPU time of the fleet runs (user + system, all processes, s): "
              + "; ".join(f"{k}: {CPU[k]:.1f}" for k in ("sequential", "parallel")))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
