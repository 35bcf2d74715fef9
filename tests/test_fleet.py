# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Updating many repositories at once: parallel workers, progress, the table, the exit code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from scaffolder.create import new
from scaffolder.fleet import iter_repos, read_paths, table
from scaffolder.update import UpdateResult
from tests.helpers import answers_of, git, run_cli
from tests.template_versions import ANSWERS, commit_all, two_versions

FLEET = 20
BROKEN = 7


@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """20 repositories from one generated project (v1.0.0), each with its own fresh git history."""
    root = tmp_path_factory.mktemp("fleet")
    tpl = two_versions(root / "template")
    base = new(root / "base", template=str(tpl), vcs_ref="v1.0.0", defaults=True, git=False, data=ANSWERS).path
    repos = []
    for i in range(FLEET):
        repo = root / f"repo-{i:02d}"
        shutil.copytree(base, repo)
        if i == BROKEN:  # its template has moved away: the update must fail, the others go on
            answers = yaml.safe_load((repo / ".copier-answers.yml").read_text())
            answers["_src_path"] = str(root / "moved-away")
            (repo / ".copier-answers.yml").write_text(yaml.safe_dump(answers))
        git("init", "-q", "-b", "main", cwd=repo)
        commit_all(repo, "generated")
        repos.append(repo)
    return repos


def test_fleet_update_in_parallel_on_branches(fleet: list[Path], tmp_path: Path) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text("# the department's repositories\n" + "\n".join(str(p) for p in fleet[1:]) + "\n\n")
    proc = run_cli("update", str(fleet[0]), "--from", str(listing), "--branch", "template-update", "--jobs", "2")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"[{FLEET}/{FLEET}]" in proc.stderr  # progress
    lines = proc.stdout.strip().splitlines()
    assert lines[0].split() == ["repository", "from", "to", "result"]
    rows = lines[1:]
    assert len(rows) == FLEET
    for i, (repo, row) in enumerate(zip(fleet, rows, strict=True)):
        assert row.startswith(str(repo) + " "), row  # input order
        if i == BROKEN:
            assert row.split()[1:4] == ["v1.0.0", "-", "failed:"], row
            assert "moved-away not found" in row
            assert git("branch", "--list", "template-update", cwd=repo) == ""
            assert git("status", "--porcelain", cwd=repo) == ""
            continue
        assert row.split()[1:4] == ["v1.0.0", "v1.1.0", "updated"], row
        assert "on branch template-update" in row
        assert git("branch", "--show-current", cwd=repo).strip() == "template-update"
        assert git("status", "--porcelain", cwd=repo) == ""
        assert (repo / "OSPO-NOTES.md").is_file()
        assert answers_of(repo)["_commit"] == "v1.1.0"
        assert git("rev-list", "--count", "main", cwd=repo).strip() == "1"  # main untouched
    # everything updated is now current; the broken one could not be checked, and the worst wins
    check = run_cli("update", "--check", "--from", str(listing), str(fleet[0]))
    assert check.returncode == 2
    results = [row.split()[3] for row in check.stdout.strip().splitlines()[1:]]
    assert results.count("up") == FLEET - 1 and results.count("failed:") == 1


def test_read_paths_and_table(tmp_path: Path) -> None:
    (tmp_path / "list").write_text("a\n  # comment\n\n/abs/b\n")
    assert read_paths(tmp_path / "list") == [str(tmp_path / "a"), "/abs/b"]
    text = table([
        UpdateResult("r1", "updated", "v1.0.0", "v1.1.0", changed=["M README.md"]),
        UpdateResult("long/repository", "refused", "v1.0.0", None, reason="uncommitted changes in x"),
    ])
    assert text.splitlines() == [
        "repository       from    to      result",
        "r1               v1.0.0  v1.1.0  updated (1 file)",
        "long/repository  v1.0.0  -       refused: uncommitted changes in x",
    ]


CHILD_CPUS = "import os; print(*sorted(os.sched_getaffinity(0)))"


def _where(_: int) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    """In a worker: its pid, the CPUs it may use, and those of a process it starts (as it starts git)."""
    time.sleep(0.2)  # every worker takes an item before the first is done
    child = subprocess.run([sys.executable, "-c", CHILD_CPUS], capture_output=True, text=True, check=True)
    return os.getpid(), tuple(sorted(os.sched_getaffinity(0))), tuple(map(int, child.stdout.split()))


def _died(item: int, exc: BaseException) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
    raise AssertionError(f"worker for {item} died: {exc}")


def _workers(jobs: int) -> dict[int, set[tuple[tuple[int, ...], tuple[int, ...]]]]:
    seen: dict[int, set[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for _, (pid, mine, child) in iter_repos(_where, range(4 * jobs), jobs=jobs, on_error=_died):
        seen.setdefault(pid, set()).add((mine, child))
    assert len(seen) == jobs, seen  # every worker took items
    return seen


needs_affinity = pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="no CPU affinity on this system")


@needs_affinity
def test_one_worker_per_cpu_each_pinned_with_the_processes_it_starts() -> None:
    cpus = tuple(sorted(os.sched_getaffinity(0)))
    jobs = len(cpus)
    if jobs < 2:  # one CPU: one job runs in this process, unpinned
        assert [r[1:] for _, r in iter_repos(_where, [0], jobs=2, on_error=_died)] == [(cpus, cpus)]
        return
    seen = _workers(jobs)
    pinned = set()
    for runs in seen.values():
        [(mine, child)] = runs  # the same CPU for all of a worker's items
        assert len(mine) == 1 and child == mine  # git and every other child process inherits it
        pinned.add(mine[0])
    assert pinned == set(cpus)  # a CPU each
    assert tuple(sorted(os.sched_getaffinity(0))) == cpus  # the calling process is never pinned


@needs_affinity
def test_more_or_fewer_workers_than_cpus_are_left_to_the_scheduler() -> None:
    cpus = tuple(sorted(os.sched_getaffinity(0)))
    for jobs in [len(cpus) + 1] + ([len(cpus) - 1] if len(cpus) > 2 else []):
        for runs in _workers(jobs).values():
            assert runs == {(cpus, cpus)}, (jobs, runs)
