# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder update`` on one repository: merges, conflicts, licence switch, refusals, --check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffolder import versions
from scaffolder.create import new
from scaffolder.licences import catalogue
from scaffolder.update import update
from tests.helpers import answers_of, files_of, git, reuse_problems, run_cli, template_copy
from tests.template_versions import (
    ANSWERS,
    LICENCE_LINE,
    LICENCE_LINE_V11,
    clone_project,
    commit_all,
    release,
    two_versions,
)

SPDX_ID = "SPDX-License-" + "Identifier: "


@pytest.fixture(scope="module")
def tpl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_versions(tmp_path_factory.mktemp("tpl") / "template")


@pytest.fixture(scope="module")
def base(tpl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made with `scaffolder new` from v1.0.0 and committed."""
    dest = tmp_path_factory.mktemp("base") / "demo"
    return new(dest, template=str(tpl), vcs_ref="v1.0.0", defaults=True, data=ANSWERS).path


@pytest.fixture(scope="module")
def base11(tpl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same from v1.1.0."""
    dest = tmp_path_factory.mktemp("base") / "demo"
    return new(dest, template=str(tpl), vcs_ref="v1.1.0", defaults=True, data=ANSWERS).path


@pytest.fixture
def project(base: Path, tmp_path: Path) -> Path:
    return clone_project(base, tmp_path / "demo")


@pytest.fixture
def project11(base11: Path, tmp_path: Path) -> Path:
    return clone_project(base11, tmp_path / "demo")


def status(project: Path) -> str:
    return git("status", "--porcelain", "--untracked-files=all", cwd=project)


def test_base_records_v1(base: Path) -> None:
    assert answers_of(base)["_commit"] == "v1.0.0"
    assert LICENCE_LINE in (base / "README.md").read_text()
    assert not (base / "OSPO-NOTES.md").exists()


def test_update_brings_new_and_changed_files_and_keeps_local_edit(project: Path) -> None:
    notice = project / "NOTICE"
    notice.write_text(notice.read_text() + "\nLocal note: the test bench lives in building 13.\n")
    commit_all(project)
    proc = run_cli("update", str(project))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "OSPO-NOTES.md" in proc.stdout and "README.md" in proc.stdout and ".gitignore" in proc.stdout
    assert "v1.0.0" in proc.stdout and "v1.1.0" in proc.stdout and "updated" in proc.stdout
    assert "Local note: the test bench lives in building 13." in notice.read_text()
    readme = (project / "README.md").read_text()
    assert LICENCE_LINE_V11 in readme and LICENCE_LINE not in readme
    assert "News for demo from the Open Source Program Office." in (project / "OSPO-NOTES.md").read_text()
    assert ".project-cache/" in (project / ".gitignore").read_text()
    assert answers_of(project)["_commit"] == "v1.1.0"
    assert not [line for line in readme.splitlines() if line.startswith(("<<<<<<<", "=======", ">>>>>>>"))]
    assert reuse_problems(project) == ""
    # the update is left for review: nothing committed
    assert git("log", "--format=%s", cwd=project).splitlines()[0] == "local change"


def test_conflicting_edit_exits_non_zero_with_markers(project: Path) -> None:
    readme = project / "README.md"
    ours = "Every file is ours, says the team, in an SPDX header or in"
    readme.write_text(readme.read_text().replace(LICENCE_LINE, ours))
    notice = project / "NOTICE"
    notice.write_text(notice.read_text() + "\nKept line.\n")
    commit_all(project)
    proc = run_cli("update", str(project))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "conflicts" in proc.stdout and "README.md" in proc.stdout
    text = readme.read_text()
    assert "\n<<<<<<< before updating\n" in text and "\n>>>>>>> after updating\n" in text
    assert "Every file is ours, says the team" in text and LICENCE_LINE_V11 in text
    assert "Kept line." in notice.read_text()
    assert (project / "OSPO-NOTES.md").is_file()
    assert answers_of(project)["_commit"] == "v1.1.0"


def test_deleted_file_stays_deleted(project: Path) -> None:
    git("rm", "-q", ".gitignore", cwd=project)
    commit_all(project, "we do not want a .gitignore")
    result = update(project)
    assert result.result == "updated", result.reason
    assert not (project / ".gitignore").exists()
    assert (project / "OSPO-NOTES.md").is_file()
    assert not any(".gitignore" in line for line in result.changed)


def test_licence_switch_through_data(project: Path) -> None:
    before = answers_of(project)["software_license"]
    assert before == "Apache-2.0"
    proc = run_cli("update", str(project), "--data", "software_license=MIT")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    mit = catalogue().get("MIT")
    year = answers_of(project)["copyright_year"]
    assert (project / "LICENSE").read_text() == f"Copyright (c) {year} CERN\n\n" + mit.text()  # MIT's notice
    names = {p.name for p in (project / "LICENSES").iterdir()}
    assert "MIT.txt" in names and "Apache-2.0.txt" not in names  # reuse lint below: no unused licence
    assert (project / "LICENSES" / "MIT.txt").read_text() == mit.text()
    for name in ("REUSE.toml", ".copier-answers.yml", ".gitignore"):
        text = (project / name).read_text()
        assert SPDX_ID + "MIT" in text and "Apache" not in text, name
    readme = (project / "README.md").read_text()
    assert "MIT License" in readme and "Apache" not in readme
    assert "MIT" in (project / "NOTICE").read_text()
    assert answers_of(project)["software_license"] == "MIT"
    assert reuse_problems(project) == ""


def test_same_version_licence_switch_and_bad_value(project11: Path) -> None:
    project = project11
    bad = run_cli("update", str(project), "--data", "software_license=WTFPL")
    assert bad.returncode == 1 and "software_license" in bad.stdout + bad.stderr
    assert status(project) == ""  # the failed update was undone
    switched = update(project, data={"software_license": "BSD-3-Clause"})
    assert switched.result == "updated" and switched.current == switched.target == "v1.1.0"
    assert (project / "LICENSES" / "BSD-3-Clause.txt").is_file()
    assert not (project / "LICENSES" / "Apache-2.0.txt").exists()
    assert reuse_problems(project) == ""


def test_dirty_repository_refused_naming_files(project: Path) -> None:
    (project / "NOTICE").write_text("changed\n")
    (project / "scratch.txt").write_text("new\n")
    before = status(project)
    proc = run_cli("update", str(project))
    assert proc.returncode == 1
    assert "refused" in proc.stdout and "NOTICE" in proc.stdout and "scratch.txt" in proc.stdout
    assert status(project) == before
    assert answers_of(project)["_commit"] == "v1.0.0"


def test_repository_without_answers_refused_pointing_to_adopt(tmp_path: Path) -> None:
    repo = tmp_path / "plain"
    repo.mkdir()
    (repo / "README.md").write_text("# plain\n")
    git("init", "-q", cwd=repo)
    commit_all(repo, "first")
    proc = run_cli("update", str(repo))
    assert proc.returncode == 1
    assert "refused" in proc.stdout and "scaffolder adopt" in proc.stdout


def test_check_on_outdated(project: Path) -> None:
    proc = run_cli("update", "--check", str(project))
    assert proc.returncode == 1
    assert "update available" in proc.stdout and "v1.0.0" in proc.stdout and "v1.1.0" in proc.stdout
    as_json = run_cli("update", "--check", "--format", "json", str(project))
    assert as_json.returncode == 1
    [entry] = json.loads(as_json.stdout)
    assert (entry["current"], entry["target"], entry["result"]) == ("v1.0.0", "v1.1.0", "update available")
    assert status(project) == ""


def test_check_on_current_and_no_downgrade(project11: Path) -> None:
    project = project11
    current = run_cli("update", "--check", "--format", "json", str(project))
    assert current.returncode == 0, current.stdout
    [entry] = json.loads(current.stdout)
    assert (entry["current"], entry["target"], entry["result"]) == ("v1.1.0", "v1.1.0", "up to date")
    again = run_cli("update", str(project))
    assert again.returncode == 0 and "up to date" in again.stdout
    older = update(project, to="v1.0.0")
    assert older.result == "refused" and "downgrade" in older.reason
    assert update(project, to="1.1.0").result == "up to date"
    assert update(project, to="v9.9.9").result == "failed"
    assert status(project) == ""


def test_check_exit_codes_one_and_many_the_worst_wins(base: Path, base11: Path, tmp_path: Path) -> None:
    """--check: 0 up to date, 1 update available, 2 could not check; JSON names each repository's state."""
    project = clone_project(base, tmp_path / "old" / "demo")
    project11 = clone_project(base11, tmp_path / "current" / "demo")
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "README.md").write_text("# plain\n")
    git("init", "-q", cwd=plain)
    commit_all(plain, "first")
    moved = clone_project(project11, tmp_path / "moved")
    answers = (moved / ".copier-answers.yml").read_text()
    (moved / ".copier-answers.yml").write_text(answers.replace("_src_path: ", "_src_path: /nowhere"))
    commit_all(moved, "the template is gone")

    def check(*paths: Path) -> tuple[int, list[str]]:
        proc = run_cli("update", "--check", "--format", "json", *map(str, paths))
        return proc.returncode, [entry["result"] for entry in json.loads(proc.stdout)]

    assert check(project11) == (0, ["up to date"])
    assert check(project) == (1, ["update available"])
    assert check(plain) == (2, ["refused"])
    assert check(moved) == (2, ["failed"])
    assert check(project11, project) == (1, ["up to date", "update available"])
    assert check(project, plain, project11) == (2, ["update available", "refused", "up to date"])
    assert check(tmp_path / "no-such-folder", project11) == (2, ["failed", "up to date"])
    text = run_cli("update", "--check", str(moved))
    assert text.returncode == 2 and "not found" in text.stdout
    unreadable = run_cli("update", "--check", "--from", str(tmp_path / "no-such-list.txt"))
    assert unreadable.returncode == 2 and "--from" in unreadable.stderr
    assert status(project) == status(project11) == ""


def test_branch_commits_the_update(project: Path) -> None:
    proc = run_cli("update", str(project), "--branch", "template-update")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert git("branch", "--show-current", cwd=project).strip() == "template-update"
    assert status(project) == ""
    assert git("log", "-1", "--format=%s", cwd=project).strip() == (
        "Update from the scaffolder template v1.0.0 to v1.1.0"
    )
    assert answers_of(project)["_commit"] == "v1.1.0"
    again = run_cli("update", str(project), "--branch", "template-update", "--to", "v1.1.0", "--data",
                    "software_license=MIT")
    assert again.returncode == 1 and "exists" in again.stdout


def test_version_parsing_orders_describe_output() -> None:
    p = versions.parse
    assert p("v1.0.0") < p("v1.0.0-3-gabc1234") < p("v1.0.0-10-gabc1234") < p("v1.0.1") < p("2.0")
    assert p("not a version") is None and p(None) is None


def test_head_past_the_newest_tag_is_the_newest_version(tmp_path: Path) -> None:
    """`new` renders HEAD; update must then not try to go back to the last tag."""
    tpl = template_copy(tmp_path / "template")
    (tpl / "template" / "HEAD-ONLY.md.jinja").write_text("{{ project_name }}\n")
    git("add", "-A", cwd=tpl)
    git("commit", "-q", "-m", "after the tag", cwd=tpl)
    newest = versions.newest(str(tpl))
    assert newest.ref == "HEAD" and newest.label.startswith("v1.0.0-1-g")
    project = new(tmp_path / "p", template=str(tpl), defaults=True, data=ANSWERS).path
    assert answers_of(project)["_commit"] == newest.label
    assert update(project).result == "up to date"
    (tpl / "template" / "HEAD-ONLY.md.jinja").unlink()
    release(tpl, "v1.1.0", "remove it")
    assert versions.newest(str(tpl)).ref == "v1.1.0"
    result = update(project)
    assert (result.result, result.current, result.target) == ("updated", newest.label, "v1.1.0"), result.reason
    assert not (project / "HEAD-ONLY.md").exists()


def test_compare_treats_hash_abbreviations_as_one_version() -> None:
    c = versions.compare
    assert c("v1.0.0-3-gabc1234", "v1.0.0-3-gabc12345") == 0
    assert c("v1.0.0", "1.0.0") == 0
    assert c("v1.0.0-3-gabc1234", "v1.0.0") == 1 and c("v1.0.0", "v1.1.0") == -1
    assert c("v1.0.0-3-gabc1234", "v1.0.1") == -1
    assert c("junk", "v1.0.0") is None


def test_scaffolder_update_makes_byte_for_byte_what_plain_copier_update_makes(
    tpl: Path, base: Path, tmp_path: Path
) -> None:
    """Issue 15: the compile cache, the C YAML loader and the lent template clones change no byte.

    Two repositories are updated by scaffolder in this process (the second
    borrows the clones the first made), one by plain copier.
    """
    import warnings

    from copier import run_update

    from scaffolder import _copier_speed

    plain = clone_project(base, tmp_path / "plain")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_update(plain, vcs_ref="v1.1.0", defaults=True, overwrite=True, quiet=True, skip_answered=True,
                   conflict="inline", unsafe=False)
    ours = [clone_project(base, tmp_path / name) for name in ("first", "second")]
    results = [update(path) for path in ours]
    assert [str(r.result) for r in results] == ["updated", "updated"], [r.reason for r in results]
    lent = [key for key in _copier_speed._clones._LENT if key[0] == str(tpl.resolve())]
    assert len(lent) == 2  # v1.0.0 and v1.1.0, lent to the second update
    want = files_of(plain)
    assert "OSPO-NOTES.md" in want
    for path in ours:
        assert files_of(path) == want
