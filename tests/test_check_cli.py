# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder check`` from the command line: exit codes, formats, many repositories, new and adopt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scaffolder.check import CheckOptions, run
from scaffolder.licences import catalogue
from scaffolder.render import FORMATS, renderer
from tests.helpers import git, run_cli

DATA = Path(__file__).resolve().parent / "data"
HOSTILE = "x|<script>alert(1)</script> `$(rm -rf /)` {{ y }}\nnext"


@pytest.fixture(scope="module")
def made(template_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A project made by `scaffolder new` (CLI), and what new printed."""
    dest = tmp_path_factory.mktemp("new") / "demo"
    proc = run_cli(
        "new", str(dest), "--defaults", "--template", str(template_repo),
        "--data", "project_kind=software", "--data", "language=python",
        "--data", "repository_url=https://github.com/example/demo",
    )
    assert proc.returncode == 0, proc.stderr
    return dest, proc.stderr


@pytest.fixture(scope="module")
def broken(made: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same project without LICENSE and SECURITY.md, and a hostile file name without a header."""
    project = tmp_path_factory.mktemp("broken") / "demo"
    shutil.copytree(made[0], project, symlinks=True)
    (project / "LICENSE").unlink()
    (project / "SECURITY.md").unlink()
    (project / "notes<b>|x`.txt").write_text("no header\n", encoding="utf-8")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "break", cwd=project)
    return project


def test_new_ends_with_the_check_summary(made: tuple[Path, str]) -> None:
    assert "check: 0 errors, 0 warnings" in made[1]


def test_exit_codes(made: tuple[Path, str], broken: Path, tmp_path: Path) -> None:
    assert run_cli("check", str(made[0])).returncode == 0
    proc = run_cli("check", str(broken))
    assert proc.returncode == 1
    assert "FAIL LIC001 error" in proc.stdout and "fix: " in proc.stdout
    assert proc.stdout.rstrip().splitlines()[-1].startswith(f"{broken}: 2 errors")
    assert run_cli("check", str(tmp_path)).returncode == 2
    bad = run_cli("check", "--select", "NOPE", str(made[0]))
    assert bad.returncode == 2 and "'NOPE' is not a rule id" in bad.stderr and "Traceback" not in bad.stderr
    # only warnings failing: exit 0
    assert run_cli("check", "--select", "COM004", str(broken)).returncode == 0


def test_many_repositories_end_with_a_table(made: tuple[Path, str], broken: Path, tmp_path: Path) -> None:
    listing = tmp_path / "repos.txt"
    listing.write_text(f"# fleet\n{made[0]}\n\n{broken}\n", encoding="utf-8")
    proc = run_cli("check", "--from", str(listing), "-j", "2")
    assert proc.returncode == 1, proc.stderr
    table = proc.stdout.splitlines()[-3:]
    assert table[0].split() == ["repository", "errors", "warnings", "worst", "rule"]
    assert table[1].split() == [str(made[0]), "0", "0", "-"]
    assert table[2].split() == [str(broken), "2", "1", "LIC001"]
    assert "[2/2]" in proc.stderr
    proc = run_cli("check", str(made[0]), str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "not checked: not a folder" in proc.stdout


def test_json_is_versioned_and_lists_every_rule(broken: Path) -> None:
    proc = run_cli("check", "--format", "json", str(broken))
    data = json.loads(proc.stdout)
    assert next(iter(data)) == "schema_version" and data["schema_version"] == 1
    assert data["summary"]["errors"] == 2 and data["ok"] is False
    lic = next(r for r in data["results"] if r["id"] == "LIC001")
    assert lic["status"] == "fail" and lic["help"] == "docs/check.md#lic001" and "adopt" in lic["fix"]
    reu = next(r for r in data["results"] if r["id"] == "REU001")
    assert reu["status"] == "fail" and reu["locations"] == ["notes<b>|x`.txt"]
    many = json.loads(renderer("json")([run(broken, CheckOptions(parallel=False))] * 2))
    assert list(many) == ["schema_version", "repositories"] and len(many["repositories"]) == 2


def test_sarif_is_valid_sarif_2_1_0(made: tuple[Path, str], broken: Path) -> None:
    import jsonschema

    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    reports = [run(p, CheckOptions(parallel=False)) for p in (made[0], broken)]
    # Not jsonschema.validate: it checks the schema first, and the OASIS schema's `language` pattern
    # uses an inline flag Python's re refuses mid-pattern; we write no `language`, so it never applies.
    validator = jsonschema.Draft202012Validator(schema)
    for subset in (reports[:1], reports):
        log = json.loads(renderer("sarif")(subset))
        assert [e.message for e in validator.iter_errors(log)] == []
    broken_log = json.loads(renderer("sarif")(reports))
    broken_log["runs"][1]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(broken_log)), "the schema must reject a level SARIF does not define"
    assert len(log["runs"]) == 2 and log["version"] == "2.1.0"
    results = log["runs"][1]["results"]
    assert {r["ruleId"] for r in results} == {"LIC001", "COM004", "REU001"}
    rules = log["runs"][1]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert log["runs"][0]["results"] == []


def test_markdown_and_text_keep_hostile_values_as_data(broken: Path) -> None:
    report = run(broken, CheckOptions(parallel=False))
    report.results = [r if r.id != "COM004" else type(r)(**{**r.as_dict(), "locations": (), "message": HOSTILE})
                      for r in report.results]
    md = renderer("markdown")([report])
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\|" in md
    for line in md.splitlines():
        if line.startswith("| COM004"):
            assert line.count(" | ") == 3  # the value did not add a column
    text = renderer("text")([report])
    assert "alert(1)" in text and HOSTILE not in text  # one line: the newline is gone
    for fmt in FORMATS:
        assert renderer(fmt)([report]).endswith("\n")


def test_adopt_ends_with_the_check_summary(template_repo: Path, tmp_path: Path) -> None:
    repo = tmp_path / "legacy"
    repo.mkdir()
    (repo / "README.md").write_text("# legacy\n", encoding="utf-8")
    shutil.copy(catalogue().get("MIT").text_path, repo / "LICENSE")
    git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "legacy", cwd=repo)
    proc = run_cli("adopt", str(repo), "--defaults", "--template", str(template_repo))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().splitlines()[-1].startswith("check: 1 error")
    # The check fails only on what adopt reported as left to do: the repository's own file without a header.
    report = run(repo, CheckOptions(untracked=True, parallel=False))
    failing = {r.id: r.locations for r in report.results if r.status == "fail"}
    assert failing == {"REU001": ("README.md",)}
    left = [line.split(": ")[1] for line in proc.stdout.splitlines() if line.startswith("reuse lint: ")]
    assert left == ["README.md"]
