# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The template's own cost against the engine's floor (issue 15), in one paired run.

The floor is a one-file template made here (one question, one rendered file,
tags v1.0.0 and v1.1.0 that change that file): what copier costs to import,
clone, render and write, whatever the template.  Each round runs, interleaved:

- floor: plain ``copier copy --defaults`` of the one-file template;
- ``scaffolder new --defaults --no-git`` of this template;
- plain ``copier copy --defaults`` of this template (what a project's CI pays);
- floor update: plain ``copier update --defaults`` of a one-file project, v1.0.0 to v1.1.0;
- ``scaffolder update`` of a project of this template, v1.0.0 to v1.1.0
  (tests/template_versions.py: a new file, two changed);
- plain ``copier update --defaults`` of the same project;
- ``scaffolder new`` and ``scaffolder update`` again with an empty
  ``XDG_CACHE_HOME`` ("cold": no compiled Jinja, no template clone kept from an
  earlier process: what a first use pays).

With ``--baseline DIR`` (a checkout of the code to compare with, e.g. ``git
worktree add /tmp/main main``) each round also runs ``scaffolder new`` and
``scaffolder update`` of that code and plain copier on that checkout's
template, so before and after are paired too.

With ``--fleet N`` it then updates N repositories with ``--jobs 1`` and
``--jobs 2`` (interleaved, ``--fleet-runs`` each), and with ``--memory N``
it updates N repositories on two workers and samples each worker's resident
memory after every repository (``fleet.iter_repos``, in this process).

    python benchmarks/bench_speed.py [--runs 7] [--baseline DIR] [--fleet 20] [--fleet-runs 2] [--memory 100]
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
sys.path.insert(0, str(HERE.parent))

from tests.template_versions import ANSWERS, add_v11, commit_all, two_versions  # noqa: E402

BIN = Path(sys.executable).parent
IDENTITY = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
            "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}
ENV = {**os.environ, "PYTHONPATH": str(HERE.parent), **IDENTITY}
GOALS = {"new": 1.4, "update": 1.6, "fleet": 1.85}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=ENV, check=True, capture_output=True)


def floor_template(dest: Path) -> Path:
    """One question, one file; v1.1.0 changes a line of that file."""
    (dest / "template").mkdir(parents=True)
    (dest / "copier.yml").write_text(
        "_subdirectory: template\nproject_name:\n  type: str\n  default: floor\n", encoding="utf-8")
    (dest / "template" / "{{_copier_conf.answers_file}}.jinja").write_text(
        "{{ _copier_answers|to_nice_yaml -}}\n", encoding="utf-8")
    readme = dest / "template" / "README.md.jinja"
    readme.write_text("# {{ project_name }}\n\nFirst version.\n", encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "v1.0.0", cwd=dest)
    git("tag", "v1.0.0", cwd=dest)
    readme.write_text("# {{ project_name }}\n\nSecond version.\n", encoding="utf-8")
    git("commit", "-q", "-am", "v1.1.0", cwd=dest)
    git("tag", "v1.1.0", cwd=dest)
    return dest


def baseline_template(code: Path, dest: Path) -> Path:
    """The template of another checkout (its tracked files), tagged v1.0.0, plus the same v1.1.0."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=code, capture_output=True, check=True).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        if (code / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(code / rel, dest / rel)
    git("init", "-q", "-b", "main", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "template", cwd=dest)
    git("tag", "v1.0.0", cwd=dest)
    add_v11(dest)
    return dest


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of ``cmd``, run outside any checkout: ``python -m`` puts its folder first on ``sys.path``,
    so a run from this checkout would import its code, not PYTHONPATH's (the baseline's)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env or ENV, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          cwd=tempfile.gettempdir())
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def project_at_v1(src: Path, dest: Path, answers: list[str]) -> Path:
    """A committed project made by plain copier from v1.0.0 of ``src``."""
    subprocess.run([str(BIN / "copier"), "copy", "--defaults", "--quiet", "--vcs-ref", "v1.0.0", *answers,
                    str(src), str(dest)], env=ENV, check=True, capture_output=True)
    git("init", "-q", cwd=dest)
    commit_all(dest, "generated")
    return dest


def fresh(base: Path, dest: Path) -> Path:
    shutil.copytree(base, dest, symlinks=True)
    return dest


def rss_kib() -> int:
    """Resident memory of this process now (KiB, Linux ``/proc``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def update_and_measure(path: str) -> tuple[int, int, str, float]:
    """One update in a fleet worker: (worker pid, its RSS afterwards in KiB, outcome, seconds it took)."""
    from scaffolder.update import update

    start = time.perf_counter()
    result = update(path)
    return os.getpid(), rss_kib(), str(result.result), time.perf_counter() - start


def _failed(path: str, exc: BaseException) -> tuple[int, int, str, float]:
    return 0, 0, f"failed: {exc}", 0.0


def task_times(base: Path, work: Path, count: int, jobs: int) -> list[float]:
    """Seconds each update took inside its worker, ``jobs`` workers at once (fleet.iter_repos, in this process)."""
    from scaffolder import fleet

    os.environ.update(IDENTITY)
    repos = [str(fresh(base, work / f"t{jobs}-{n:03d}")) for n in range(count)]
    return [took for _, (_, _, _, took) in fleet.iter_repos(update_and_measure, repos, jobs=jobs, on_error=_failed)]


def memory_run(base: Path, work: Path, count: int) -> dict[int, list[int]]:
    """RSS of each of two workers after each repository it updated, in order."""
    from scaffolder import fleet

    os.environ.update(IDENTITY)
    repos = [str(fresh(base, work / f"m{n:03d}")) for n in range(count)]
    per_worker: dict[int, list[int]] = {}
    for _, (pid, rss, outcome, _took) in fleet.iter_repos(update_and_measure, repos, jobs=2, on_error=_failed):
        if not outcome.startswith("updated"):
            raise SystemExit(f"memory run: {outcome}")
        per_worker.setdefault(pid, []).append(rss)
    return per_worker


def _label(labels: dict[str, str], name: str) -> str:
    """The table's label of a variant: "X (baseline)" or "X, cold" (empty caches: a first use)."""
    if name.endswith(", cold"):
        return labels[name.removesuffix(", cold")] + ", cold caches (a first use)"
    return labels[name.split(" (")[0]] + ", baseline"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="rounds of the paired single runs")
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with, in the same rounds")
    parser.add_argument("--fleet", type=int, default=20, help="repositories in the fleet (0: no fleet run)")
    parser.add_argument("--fleet-runs", type=int, default=2)
    parser.add_argument("--memory", type=int, default=100, help="repositories of the memory run (0: none)")
    args = parser.parse_args()
    load0 = os.getloadavg()
    started = datetime.now(timezone.utc)
    work = Path(tempfile.mkdtemp(prefix="bench-speed-"))
    try:
        floor = floor_template(work / "floor")
        tpl = two_versions(work / "template")
        ours = [part for k, v in ANSWERS.items() for part in ("-d", f"{k}={v}")]
        floor_base = project_at_v1(floor, work / "floor-base", [])
        base = project_at_v1(tpl, work / "base", ours)
        copy = [str(BIN / "copier"), "copy", "--defaults", "--quiet", "--vcs-ref", "HEAD"]
        cupdate = [str(BIN / "copier"), "update", "--defaults", "--quiet"]
        scaffolder = [sys.executable, "-m", "scaffolder"]
        cases = {
            "floor copy": lambda i: [*copy, str(floor), str(work / f"fc{i}")],
            "scaffolder new": lambda i: [*scaffolder, "new", "--defaults", "--no-git", "--template", str(tpl),
                                         *ours, str(work / f"sn{i}")],
            "scaffolder new, cold": lambda i: ["env", f"XDG_CACHE_HOME={work / f'cold-n{i}'}", *scaffolder, "new",
                                               "--defaults", "--no-git", "--template", str(tpl), *ours,
                                               str(work / f"sk{i}")],
            "copier copy": lambda i: [*copy, *ours, str(tpl), str(work / f"cc{i}")],
            "floor update": lambda i: [*cupdate, str(fresh(floor_base, work / f"fu{i}"))],
            "scaffolder update": lambda i: [*scaffolder, "update", str(fresh(base, work / f"su{i}"))],
            "scaffolder update, cold": lambda i: ["env", f"XDG_CACHE_HOME={work / f'cold-u{i}'}", *scaffolder,
                                                  "update", str(fresh(base, work / f"sv{i}"))],
            "copier update": lambda i: [*cupdate, str(fresh(base, work / f"cu{i}"))],
        }
        envs: dict[str, dict[str, str]] = {}
        if args.baseline:
            old = baseline_template(args.baseline.resolve(), work / "baseline")
            old_base = project_at_v1(old, work / "old-base", ours)
            envs = {name: {**ENV, "PYTHONPATH": str(args.baseline.resolve())}
                    for name in ("scaffolder new (baseline)", "scaffolder update (baseline)")}
            cases |= {
                "scaffolder new (baseline)": lambda i: [*scaffolder, "new", "--defaults", "--no-git", "--template",
                                                        str(old), *ours, str(work / f"bn{i}")],
                "copier copy (baseline)": lambda i: [*copy, *ours, str(old), str(work / f"bc{i}")],
                "scaffolder update (baseline)": lambda i: [*scaffolder, "update",
                                                           str(fresh(old_base, work / f"bu{i}"))],
                "copier update (baseline)": lambda i: [*cupdate, str(fresh(old_base, work / f"bv{i}"))],
            }
        for name, case in cases.items() if args.runs else ():  # warm the file cache (and the compile cache) once
            timed(case(-1), envs.get(name))
        times: dict[str, list[float]] = {name: [] for name in cases}
        for i in range(args.runs):
            for name, case in cases.items():
                times[name].append(timed(case(i), envs.get(name)))
        med = {name: statistics.median(v) for name, v in times.items() if v}
        fleet: dict[int, list[float]] = {1: [], 2: []}
        if args.fleet and not args.runs:  # the single runs warm the caches; without them, one update does
            timed([*scaffolder, "update", str(fresh(base, work / "fleet-warm"))])
        for i in range(args.fleet_runs if args.fleet else 0):
            for jobs in (2, 1):
                repos = [str(fresh(base, work / f"f{jobs}-{i}" / f"r{n:02d}")) for n in range(args.fleet)]
                fleet[jobs].append(timed([*scaffolder, "update", "--jobs", str(jobs), *repos]))
        memory = memory_run(base, work, args.memory) if args.memory else {}
        tasks = {jobs: task_times(base, work, args.fleet, jobs) for jobs in (1, 2)} if args.fleet else {}
        load = os.getloadavg()
        uname = subprocess.run(["uname", "-srvm"], capture_output=True, text=True, check=False).stdout.strip()
        print(f"- date: {started:%Y-%m-%d %H:%M}–{datetime.now(timezone.utc):%H:%M} UTC")
        print(f"- machine: `{uname}`, {os.cpu_count()} cores; Python {platform.python_version()}")
        print(f"- load average (1, 5, 15 min) at the start: {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}, "
              f"at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print(f"- {args.runs} interleaved rounds of the single runs; medians\n")
        print("| what | median (s) | ratio | goal |\n|---|---|---|---|")
        if med:
            print(f"| floor: `copier copy` of the one-file template | {med['floor copy']:.2f} | 1.00× | |")
        labels = {"scaffolder new": "`scaffolder new --defaults --no-git`",
                  "copier copy": "plain `copier copy --defaults`", "scaffolder update": "`scaffolder update`",
                  "copier update": "plain `copier update --defaults`"}
        for name, goal in (("scaffolder new", "new"), ("scaffolder new, cold", None), ("copier copy", None),
                           ("scaffolder new (baseline)", None),
                           ("copier copy (baseline)", None)):
            if name not in med:
                continue
            ratio = med[name] / med["floor copy"]
            label = labels.get(name) or _label(labels, name)
            print(f"| {label} | {med[name]:.2f} | {ratio:.2f}× the floor | {f'≤ {GOALS[goal]}×' if goal else ''} |")
        if med:
            print(f"| floor: `copier update` of the one-file project | {med['floor update']:.2f} | 1.00× | |")
        for name, goal in (("scaffolder update", "update"), ("scaffolder update, cold", None),
                           ("copier update", None),
                           ("scaffolder update (baseline)", None), ("copier update (baseline)", None)):
            if name not in med:
                continue
            ratio = med[name] / med["floor update"]
            label = labels.get(name) or _label(labels, name)
            print(f"| {label} | {med[name]:.2f} | {ratio:.2f}× the floor | {f'≤ {GOALS[goal]}×' if goal else ''} |")
        if fleet[1]:
            one, two = statistics.median(fleet[1]), statistics.median(fleet[2])
            print(f"| fleet of {args.fleet}, `--jobs 1` | {one:.2f} | 1.00× | |")
            print(f"| fleet of {args.fleet}, `--jobs 2` | {two:.2f} | {one / two:.2f}× faster | "
                  f"≥ {GOALS['fleet']}× |")
        print("\nall runs (s): " + "; ".join(f"{k}: {', '.join(f'{x:.2f}' for x in v)}" for k, v in times.items()))
        if fleet[1]:
            print("fleet runs (s): " + "; ".join(
                f"--jobs {j}: {', '.join(f'{x:.2f}' for x in v)}" for j, v in fleet.items()))
            pairs = [one / two for one, two in zip(fleet[1], fleet[2], strict=True)]
            print(f"fleet, each round's `--jobs 1` over its `--jobs 2`: {', '.join(f'{r:.2f}' for r in pairs)}; "
                  f"median {statistics.median(pairs):.2f}×, lowest {min(pairs):.2f}×")
        if tasks:
            alone, together = (statistics.median(tasks[j][j:]) for j in (1, 2))  # not the workers' first
            print(f"one update inside a worker, median of the fleet's {args.fleet} but the first to finish: "
                  f"{alone:.3f} s on one worker, {together:.3f} s with two at once ({together / alone:.2f}×)")
        for n, (_pid, rss) in enumerate(sorted(memory.items())):
            tenth = max(1, len(rss) // 10)
            print(f"memory of worker {n + 1} over its {len(rss)} repositories (MiB): first {rss[0] / 1024:.1f}, "
                  f"after a tenth {rss[tenth - 1] / 1024:.1f}, half {rss[len(rss) // 2] / 1024:.1f}, "
                  f"last {rss[-1] / 1024:.1f}, max {max(rss) / 1024:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
