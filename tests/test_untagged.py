# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Templates without tags (a fresh clone of this repository has none), tagged later, and the way back.

An untagged template is versioned by commit, as copier does: ``new`` records the
commit, ``update`` goes to the newest commit of the template's branch, and tags,
once there, take precedence.  Every template here is a temporary git copy of
this checkout (``template_copy``), so nothing depends on the tags of the clone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffolder import versions
from scaffolder.adopt import adopt
from scaffolder.create import new
from scaffolder.update import Outcome, update
from tests.helpers import answers_of, git, in_a_terminal, run_cli, template_copy
from tests.template_versions import ANSWERS, clone_project, commit_all

NOTE = "template/UNTAGGED-NOTE.md.jinja"


def head(repo: Path, short: bool = True) -> str:
    return git("rev-parse", *(["--short"] if short else []), "HEAD", cwd=repo).strip()


def template_change(tpl: Path, text: str) -> None:
    """A commit on the template that adds (or changes) one rendered file."""
    (tpl / NOTE).write_text(f"{text}\n", encoding="utf-8")
    git("add", "-A", cwd=tpl)
    git("commit", "-q", "-m", text, cwd=tpl)


@pytest.fixture(scope="module")
def untagged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An untagged template and, beside it, a project made from its only commit (``project``)."""
    tpl = template_copy(tmp_path_factory.mktemp("untagged") / "template", tag=None)
    new(tpl.parent / "project", template=str(tpl), defaults=True, data=ANSWERS)
    return tpl


@pytest.fixture
def fresh(untagged: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the untagged template and of the project made from it, for a test to change."""
    tpl = clone_project(untagged, tmp_path / "template")
    project = clone_project(untagged.parent / "project", tmp_path / "project")
    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    (project / ".copier-answers.yml").write_text(answers.replace(str(untagged), str(tpl)), encoding="utf-8")
    commit_all(project, "the template moved with the copy")
    return tpl, project


def check(*paths: Path) -> tuple[int, list[dict[str, str]]]:
    proc = run_cli("update", "--check", "--format", "json", *map(str, paths))
    return proc.returncode, json.loads(proc.stdout)


def test_new_records_the_commit_of_an_untagged_template(untagged: Path) -> None:
    assert git("tag", cwd=untagged) == ""
    recorded = answers_of(untagged.parent / "project")["_commit"]
    assert recorded == head(untagged)
    assert str(versions.recorded(str(untagged), recorded)).startswith("0.0.0.post1.dev0+g")
    newest = versions.newest(str(untagged))
    assert (newest.ref, newest.label) == ("HEAD", recorded)


def test_untagged_template_check_update_and_check_again(fresh: tuple[Path, Path]) -> None:
    tpl, project = fresh
    code, [entry] = check(project)
    assert (code, entry["result"], entry["current"], entry["target"]) == (0, "up to date", head(tpl), head(tpl))

    made_from = head(tpl)
    template_change(tpl, "A note from the OSPO.")
    code, [entry] = check(project)
    assert (code, entry["result"], entry["target"]) == (1, "update available", head(tpl))

    out = in_a_terminal("update", str(project), "--commit")  # with the progress lines of a terminal
    steps = [line for line in out.splitlines() if line.startswith("scaffolder: ")]
    assert steps == [
        "scaffolder: fetching template versions...",
        f"scaffolder: updating from {made_from} to {head(tpl)}...",
        "scaffolder: committing...",
    ], out
    assert "UNTAGGED-NOTE.md" in out
    assert "A note from the OSPO." in (project / "UNTAGGED-NOTE.md").read_text(encoding="utf-8")
    assert answers_of(project)["_commit"] == head(tpl)
    assert git("status", "--porcelain", cwd=project) == ""
    assert check(project)[0] == 0
    # the README's answer change, at the same (untagged) version
    switched = update(project, data={"software_license": "MIT"}, commit=True)
    assert (switched.result, switched.current, switched.target) == (Outcome.UPDATED, head(tpl), head(tpl))
    assert (project / "LICENSES" / "MIT.txt").is_file() and not (project / "LICENSES" / "Apache-2.0.txt").exists()


def test_project_on_a_commit_updates_after_the_template_is_tagged(fresh: tuple[Path, Path]) -> None:
    tpl, project = fresh
    made_from = head(tpl)
    template_change(tpl, "Released at last.")
    git("tag", "v1.0.0", cwd=tpl)
    code, [entry] = check(project)
    assert (code, entry["current"], entry["target"]) == (1, made_from, "v1.0.0")
    result = update(project)
    assert (result.result, result.target) == (Outcome.UPDATED, "v1.0.0"), result.reason
    assert answers_of(project)["_commit"] == "v1.0.0"


def test_the_recorded_commit_itself_tagged_later_is_up_to_date(fresh: tuple[Path, Path]) -> None:
    tpl, project = fresh
    git("tag", "v1.0.0", cwd=tpl)  # the very commit the project was made from
    result = update(project, check=True)
    assert (result.result, result.current, result.target) == (Outcome.UP_TO_DATE, head(tpl), "v1.0.0")


def test_project_on_a_tag_follows_newer_untagged_commits_and_never_goes_back(fresh: tuple[Path, Path]) -> None:
    tpl, project = fresh
    git("tag", "v1.0.0", cwd=tpl)
    template_change(tpl, "After the release.")  # HEAD is past the newest tag: it is the newest version
    result = update(project, commit=True)
    assert result.result == Outcome.UPDATED, result.reason
    assert result.target == answers_of(project)["_commit"] == f"v1.0.0-1-g{head(tpl)}"
    assert update(project, check=True).result == Outcome.UP_TO_DATE
    back = update(project, to="v1.0.0")
    assert back.result == Outcome.REFUSED and "downgrade" in back.reason


def test_adopt_from_an_untagged_template_then_update(untagged: Path, tmp_path: Path) -> None:
    tpl = clone_project(untagged, tmp_path / "template")
    repo = tmp_path / "existing"
    repo.mkdir()
    (repo / "README.md").write_text("# Existing\n", encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=repo)
    commit_all(repo, "first")
    # no licence file: the holders name the licence, which adopt never guesses
    result = adopt(repo, template=str(tpl), defaults=True, data={**ANSWERS, "software_license": "Apache-2.0"})
    assert result.version == answers_of(repo)["_commit"] == head(tpl)
    commit_all(repo, "adopted")
    template_change(tpl, "Adopted projects hear of it too.")
    updated = update(repo)
    assert (updated.result, updated.target) == (Outcome.UPDATED, head(tpl)), updated.reason
    assert (repo / "UNTAGGED-NOTE.md").is_file()


def test_a_recorded_commit_the_template_does_not_have_cannot_be_checked(fresh: tuple[Path, Path]) -> None:
    tpl, project = fresh
    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    (project / ".copier-answers.yml").write_text(answers.replace(head(tpl), "1234567"), encoding="utf-8")
    commit_all(project, "a commit the template never had")
    code, [entry] = check(project)
    assert code == 2 and entry["result"] == "failed"
    assert "1234567" in entry["reason"] and "neither a commit of the template" in entry["reason"]
