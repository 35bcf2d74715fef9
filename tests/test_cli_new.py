# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder new`` and the command itself, run as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scaffolder import identity
from scaffolder.licences import catalogue
from tests.helpers import REPO, answers_of, committed_repo, git, reuse_problems, run_cli

HOSTILE_NAME = "Zoë \"Q\" 'ü' {{ 7*7 }} {% raw %} $(touch pwned) `touch pwned2` ; rm -rf ~ 日本"


def _one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def _no_staging_left(parent: Path) -> None:
    assert not [p for p in parent.iterdir() if ".scaffolder-" in p.name]


def test_help_does_not_import_copier() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from scaffolder.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try: main(['--help'])\n"
        "    except SystemExit as e: assert e.code == 0\n"
        "assert 'new' in out.getvalue()\n"
        "heavy = {'copier', 'questionary', 'prompt_toolkit', 'jinja2', 'yaml', 'plumbum', 'pydantic'}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "print(heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_help_and_version() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "new" in proc.stdout and "COMMAND" in proc.stdout
    sub = run_cli("new", "--help")
    assert sub.returncode == 0 and "--data" in sub.stdout and "--no-git" in sub.stdout
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("scaffolder ")


def test_no_command_and_unknown_flag_are_usage_errors(tmp_path: Path) -> None:
    assert run_cli().returncode == 2
    assert run_cli("new", str(tmp_path / "x"), "--bogus").returncode == 2
    proc = run_cli("new", str(tmp_path / "x"), "--defaults", "--data", "no-equals-sign")
    assert proc.returncode == 2
    assert "KEY=VALUE" in _one_error_line(proc)
    assert not (tmp_path / "x").exists()


def test_new_with_defaults_makes_a_committed_compliant_project(tmp_path: Path) -> None:
    proc = run_cli("new", "my-project", "--defaults", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    project = tmp_path / "my-project"
    assert reuse_problems(project) == ""
    answers = answers_of(project)
    assert answers["project_name"] == "my-project" and answers["project_slug"] == "my-project"
    # the checkout, or its canonical URL when one is known (a clone's network origin: scaffolder.identity)
    assert answers["_src_path"] == identity.recorded_source(str(REPO)) and answers["_commit"]
    assert git("status", "--porcelain", cwd=project) == ""
    assert git("log", "--format=%s", cwd=project).strip().startswith("Create my-project from the scaffolder template")
    _no_staging_left(tmp_path)


def test_quick_start_works_on_a_fresh_machine(tmp_path: Path) -> None:
    """The README's quick start with no answers at all: no git identity, so no e-mail address, and no
    repository yet. The security and conduct contacts stay empty and the files name a channel in words."""
    proc = run_cli("new", "my-project", "--defaults", cwd=tmp_path, git_identity=False)
    assert proc.returncode == 0, proc.stderr
    project = tmp_path / "my-project"
    assert reuse_problems(project) == ""
    answers = answers_of(project)
    assert answers["author_email"] == answers["repository_url"] == ""
    assert answers["security_contact"] == answers["conduct_contact"] == ""
    security = (project / "SECURITY.md").read_text(encoding="utf-8")
    assert "Report it privately through GitHub's private vulnerability reporting" in security
    assert "security_contact=" in (project / "docs" / "PUBLISHING.md").read_text(encoding="utf-8")
    assert git("status", "--porcelain", cwd=project) == ""
    _no_staging_left(tmp_path)


def test_first_commit_uses_the_author_when_git_has_no_identity(tmp_path: Path) -> None:
    proc = run_cli("new", str(tmp_path / "p"), "--defaults", "--data", "author_name=Zoë Müller",
                   "--data", "author_email=zoe@example.org", git_identity=False)
    assert proc.returncode == 0, proc.stderr
    assert git("log", "--format=%an <%ae>", cwd=tmp_path / "p").strip() == "Zoë Müller <zoe@example.org>"


def test_author_defaults_come_from_git_config(tmp_path: Path) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Ada Lovelace\n\temail = ada@example.org\n", encoding="utf-8")
    proc = run_cli("new", str(tmp_path / "p"), "--defaults", "--no-git", env={"GIT_CONFIG_GLOBAL": str(config)})
    assert proc.returncode == 0, proc.stderr
    answers = answers_of(tmp_path / "p")
    assert (answers["author_name"], answers["author_email"]) == ("Ada Lovelace", "ada@example.org")
    # An address the template would refuse is not offered as a default.
    config.write_text("[user]\n\tname = root\n\temail = root@localhost\n", encoding="utf-8")
    proc = run_cli("new", str(tmp_path / "q"), "--defaults", "--no-git", env={"GIT_CONFIG_GLOBAL": str(config)})
    assert proc.returncode == 0, proc.stderr
    assert (answers_of(tmp_path / "q")["author_name"], answers_of(tmp_path / "q")["author_email"]) == ("root", "")


def test_inside_another_work_tree_the_project_is_a_repository_of_its_own(tmp_path: Path) -> None:
    """As the README's quick start does: `my-project/` inside the clone's own work tree."""
    outer = tmp_path / "clone"
    (outer / "docs").mkdir(parents=True)
    (outer / "README.md").write_text("# outer\n")
    git("init", "-q", cwd=outer)
    git("add", "-A", cwd=outer)
    git("commit", "-q", "-m", "outer", cwd=outer)
    for dest, cwd in (("my-project", outer), ("nested", outer / "docs")):
        proc = run_cli("new", dest, "--defaults", cwd=cwd)
        assert proc.returncode == 0, proc.stderr
        project = cwd / dest
        assert git("rev-parse", "--show-toplevel", cwd=project).strip() == str(project)
        assert git("log", "--format=%s", cwd=project).startswith(f"Create {dest} from the scaffolder template")
        assert git("status", "--porcelain", cwd=project) == ""
    assert git("log", "--format=%s", cwd=outer).strip() == "outer"


def test_the_root_of_an_existing_repository_gets_no_new_repository(tmp_path: Path) -> None:
    repo = committed_repo(tmp_path / "existing", {"notes.txt": "mine\n"}, message="mine")
    proc = run_cli("new", str(repo), "--defaults", "--force")
    assert proc.returncode == 0, proc.stderr
    assert "is a git repository already: review the files and commit them" in proc.stderr
    assert git("log", "--format=%s", cwd=repo).strip() == "mine"
    assert "?? LICENSE" in git("status", "--porcelain", cwd=repo)


def test_no_git(tmp_path: Path) -> None:
    proc = run_cli("new", str(tmp_path / "p"), "--defaults", "--no-git")
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "p" / ".git").exists()
    assert (tmp_path / "p" / "LICENSE").is_file()


@pytest.mark.parametrize(
    ("data", "field", "value", "allowed"),
    [
        (["software_license=CERN-OHL-S-2.0"], "software_license", "CERN-OHL-S-2.0", "Apache-2.0, MIT"),
        (["project_kind=hardware", "repository_url=https://x.org/b", "hardware_license=MIT"],
         "hardware_license", "MIT", "CERN-OHL-P-2.0, CERN-OHL-W-2.0, CERN-OHL-S-2.0"),
        (["project_kind=hardware", "software_license=MIT"], "software_license", "MIT", "no software part"),
        (["project_kind=hardware"], "repository_url", "''", "Source Location"),
        (["project_kind=firmware"], "project_kind", "firmware", "software, hardware, mixed, documentation"),
        (["project_slug=Bad Slug"], "project_slug", "Bad Slug", "lower-case letter"),
        (["author_email=not-an-email"], "author_email", "not-an-email", "e-mail address"),
        (["copyright_year=next year"], "copyright_year", "next year", "whole number"),
        (["immunities_clause=perhaps"], "immunities_clause", "perhaps", "yes/no"),
        (["repository_url=ftp://x"], "repository_url", "ftp://x", "http(s) URL"),
        (["project_name=two\nlines"], "project_name", "two\\nlines", "one line"),
        (["colour=blue"], "colour", "blue", "no such question"),
    ],
)
def test_bad_answers_get_one_clear_line_and_leave_nothing(
    tmp_path: Path, data: list[str], field: str, value: str, allowed: str
) -> None:
    args = [arg for pair in data for arg in ("--data", pair)]
    proc = run_cli("new", str(tmp_path / "p"), "--defaults", *args)
    assert proc.returncode == 1
    line = _one_error_line(proc)
    assert field in line and value in line and allowed in line, line
    assert not (tmp_path / "p").exists()
    _no_staging_left(tmp_path)


def test_existing_empty_dest_stays_empty_on_error(tmp_path: Path) -> None:
    (tmp_path / "p").mkdir()
    proc = run_cli("new", str(tmp_path / "p"), "--defaults", "--data", "docs_license=MIT")
    assert proc.returncode == 1
    assert list((tmp_path / "p").iterdir()) == []


def test_non_empty_dest_is_refused_unless_forced(tmp_path: Path) -> None:
    dest = tmp_path / "p"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine\n")
    proc = run_cli("new", str(dest), "--defaults", "--no-git")
    assert proc.returncode == 1 and "--force" in _one_error_line(proc)
    assert [p.name for p in dest.iterdir()] == ["notes.txt"]
    forced = run_cli("new", str(dest), "--defaults", "--no-git", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (dest / "notes.txt").read_text() == "mine\n" and (dest / "LICENSE").is_file()


def test_without_a_terminal_questions_cannot_be_asked(tmp_path: Path) -> None:
    proc = run_cli("new", str(tmp_path / "p"))
    assert proc.returncode == 2
    assert "--defaults" in _one_error_line(proc)
    assert not (tmp_path / "p").exists()


def test_hostile_values_are_data(tmp_path: Path) -> None:
    proc = run_cli(
        "new", str(tmp_path / "p"), "--defaults",
        "--data", f"project_name={HOSTILE_NAME}",
        "--data", "project_slug=hostile",
        "--data", "description=Uses `backticks`, $(subshells), {{ braces }} & \"quotes\": yes",
        "--data", "author_name=Zoë Müller",
        "--data", "collaboration=日本 \"Q\" {{ x }}",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    project = tmp_path / "p"
    assert not (tmp_path / "pwned").exists() and not (project / "pwned").exists() and not (tmp_path / "pwned2").exists()
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert f"# {HOSTILE_NAME}\n" in readme
    assert "Uses `backticks`, $(subshells), {{ braces }} & \"quotes\": yes" in readme
    assert "for the benefit of the 日本 \"Q\" {{ x }} collaboration" in readme
    assert HOSTILE_NAME in (project / "NOTICE").read_text(encoding="utf-8")
    answers = answers_of(project)
    assert answers["project_name"] == HOSTILE_NAME
    assert answers["description"].endswith(": yes")
    assert reuse_problems(project) == ""
    assert git("log", "-1", "--format=%s", cwd=project).strip().startswith(f"Create {HOSTILE_NAME} from")


def test_data_file_and_yaml_special_strings(tmp_path: Path) -> None:
    answers_file = tmp_path / "answers.yml"
    answers_file.write_text(yaml.safe_dump({
        "project_name": "null", "project_slug": "yes-project", "description": "1.0",
        "author_name": "yes", "collaboration": ": ", "docs_license": "CC0-1.0",
    }), encoding="utf-8")
    proc = run_cli("new", str(tmp_path / "p"), "--defaults", "--no-git", "--data-file", str(answers_file),
                   "--data", "description=no")
    assert proc.returncode == 0, proc.stderr
    answers = answers_of(tmp_path / "p")
    assert answers["project_name"] == "null" and answers["description"] == "no" and answers["author_name"] == "yes"
    assert answers["docs_license"] == "CC0-1.0"
    assert reuse_problems(tmp_path / "p") == ""


def test_bad_data_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "a.yml"
    bad.write_text("project_name: [unclosed\n")
    proc = run_cli("new", str(tmp_path / "p"), "--defaults", "--data-file", str(bad))
    assert proc.returncode == 1 and "not valid YAML" in _one_error_line(proc)
    missing = run_cli("new", str(tmp_path / "p"), "--defaults", "--data-file", str(tmp_path / "nope.yml"))
    assert missing.returncode == 1 and "cannot read" in _one_error_line(missing)


def test_other_template_source_is_recorded_with_its_version(tmp_path: Path, template_repo: Path) -> None:
    proc = run_cli("new", str(tmp_path / "p"), "--defaults", "--template", str(template_repo))
    assert proc.returncode == 0, proc.stderr
    answers = answers_of(tmp_path / "p")
    assert answers["_src_path"] == str(template_repo)
    assert answers["_commit"] == "v1.0.0"


def test_every_kind_from_the_cli(tmp_path: Path) -> None:
    for kind in catalogue().parts:
        proc = run_cli("new", str(tmp_path / kind), "--defaults", "--no-git", "--data", f"project_kind={kind}",
                       "--data", "repository_url=https://gitlab.example.org/g/p")
        assert proc.returncode == 0, proc.stderr
        assert (tmp_path / kind / "LICENSE").read_text() == catalogue().get(
            {"software": "Apache-2.0", "hardware": "CERN-OHL-W-2.0", "mixed": "CERN-OHL-W-2.0",
             "documentation": "CC-BY-4.0"}[kind]).text()
