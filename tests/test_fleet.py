# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Updating many repositories at once: parallel workers, progress, the table, the exit code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from scaffolder.create import new
from scaffolder.fleet import read_paths, table
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
