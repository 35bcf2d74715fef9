# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Template migrations: a version that renames a file, and hooks/migrate.py itself."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from scaffolder.create import new
from scaffolder.update import _hook_command, update
from tests.helpers import REPO, answers_of, git, template_copy
from tests.template_versions import ANSWERS, clone_project, commit_all, edit, release

MIGRATE = REPO / "hooks" / "migrate.py"
GUIDE = (
    "{% from 'includes/macros.jinja' import spdx_md with context %}{{ spdx_md(docs_license) }}\n\n"
    "# Guide\n\nHow to use {{ project_name }}.\n"
)
OUR_LINE = "Our own section: calibrate before use.\n"
HOOK = ['"{{ _copier_python }}"', '"{{ _copier_conf.src_path }}/hooks/migrate.py"']


@pytest.fixture(scope="module")
def tpl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """v1.0.0; v1.1.0 adds docs/ospo-guide.md; v2.0.0 renames it docs/ospo-handbook.md, with a migration."""
    tpl = template_copy(tmp_path_factory.mktemp("tpl") / "template")
    (tpl / "template" / "docs").mkdir(exist_ok=True)
    (tpl / "template" / "docs" / "ospo-guide.md.jinja").write_text(GUIDE)
    release(tpl, "v1.1.0", "docs/ospo-guide.md")
    git("mv", "template/docs/ospo-guide.md.jinja", "template/docs/ospo-handbook.md.jinja", cwd=tpl)
    command = ", ".join([*HOOK, '"rename"', '"docs/ospo-guide.md"', '"docs/ospo-handbook.md"'])
    edit(tpl / "copier.yml", "_answers_file: .copier-answers.yml\n",
         f"_answers_file: .copier-answers.yml\n_migrations:\n  - version: v2.0.0\n    command: [{command}]\n")
    release(tpl, "v2.0.0", "docs/ospo-guide.md is now docs/ospo-handbook.md")
    return tpl


@pytest.fixture(scope="module")
def base(tpl: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project from v1.1.0 whose guide the team has edited."""
    dest = tmp_path_factory.mktemp("base") / "probe"
    project = new(dest, template=str(tpl), vcs_ref="v1.1.0", defaults=True, data=ANSWERS).path
    guide = project / "docs" / "ospo-guide.md"
    guide.write_text(guide.read_text() + "\n" + OUR_LINE)
    commit_all(project, "our guide")
    return project


def test_rename_migration_moves_the_edited_file(
    tpl: Path, base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCAFFOLDER_TEMPLATE_URL", str(tpl))  # the organisation's template: its migrations run
    project = clone_project(base, tmp_path / "probe")
    result = update(project)
    assert result.result == "updated", (result.reason, result.conflicts)
    assert result.template == "organisation"
    assert (result.current, result.target) == ("v1.1.0", "v2.0.0")
    assert not (project / "docs" / "ospo-guide.md").exists()
    text = (project / "docs" / "ospo-handbook.md").read_text()
    assert "# Guide" in text and "How to use probe." in text and OUR_LINE in text
    assert answers_of(project)["_commit"] == "v2.0.0"


def test_plain_copier_needs_trust_for_the_migration(base: Path, tmp_path: Path) -> None:
    from copier import run_update
    from copier.errors import UnsafeTemplateError

    project = clone_project(base, tmp_path / "probe")
    with warnings.catch_warnings(), pytest.raises(UnsafeTemplateError):
        warnings.simplefilter("ignore")
        run_update(str(project), defaults=True, overwrite=True, quiet=True, unsafe=False)


def test_only_hook_scripts_with_literal_arguments_are_trusted() -> None:
    ours = ["{{ _copier_python }}", "{{ _copier_conf.src_path }}/hooks/migrate.py", "rename", "a", "b"]
    assert _hook_command(ours)
    assert not _hook_command(" ".join(ours))  # shell form
    assert not _hook_command([*ours[:2], "{{ project_name }}"])  # an answer in the command
    assert not _hook_command(["python", *ours[1:]])
    assert not _hook_command([ours[0], "{{ _copier_conf.src_path }}/hooks/../../evil.py"])
    assert not _hook_command([ours[0], "{{ _copier_conf.src_path }}/tools/x.py"])
    assert not _hook_command(["{{ _copier_python }}"])


def run_migrate(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(MIGRATE), *args], cwd=project, capture_output=True, text=True)


def test_migrate_script_rejects_paths_outside_the_project(tmp_path: Path) -> None:
    git("init", "-q", cwd=tmp_path)
    for bad in ("../outside", "/etc/passwd", "-rf", "a/../../b", ""):
        proc = run_migrate(tmp_path, "rename", bad, "x")
        assert proc.returncode == 1, bad
        assert "inside the project" in proc.stderr
    assert run_migrate(tmp_path, "rename", "only-one").returncode == 2
    assert run_migrate(tmp_path, "delete-everything", "a", "b").returncode == 2


def test_migrate_script_with_hostile_names_and_content(tmp_path: Path) -> None:
    old, new_name = "docs/$(touch pwned) `x`; ü.md", "docs/new name 日本.md"
    (tmp_path / "docs").mkdir()
    content = b"{{ 7*7 }} $(rm -rf ~) \xc3\xbc\n"
    (tmp_path / old).write_bytes(content)
    git("init", "-q", cwd=tmp_path)
    commit_all(tmp_path, "start")
    (tmp_path / old).unlink()  # what copier's update does to a file gone from the template
    proc = run_migrate(tmp_path, "rename", old, new_name)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / new_name).read_bytes() == content
    assert not (tmp_path / old).exists() and not (tmp_path / "pwned").exists()
    assert run_migrate(tmp_path, "rename", "never-there.md", "x.md").returncode == 0
    assert not (tmp_path / "x.md").exists()
