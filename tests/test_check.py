# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder check`` (issue 12): honest results on real repositories.

Projects are rendered once per module with copier from a tagged temporary
template, committed with real git, and broken one way each in copies; every
broken repository must fail on exactly the rule meant and on no other.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from scaffolder.check import CheckOptions, Report, run
from scaffolder.check.rules import registry
from scaffolder.licences import catalogue
from tests.helpers import answers_of, git, render, template_copy

URL = "https://github.com/example/demo-board"
GITLAB_URL = "https://gitlab.cern.ch/example/demo-board"  # the forge follows the URL's host
SERIAL = CheckOptions(parallel=False)
SPDX_ID = "SPDX-License-" + "Identifier: "  # split, so that REUSE does not read this file's tests as its header

#: Variants beyond the software matrix (tests/test_software.py): licences, holders, collaboration.
VARIANTS: dict[str, dict[str, Any]] = {
    "hardware-ohl-s-collaboration": {
        "project_kind": "hardware", "hardware_license": "CERN-OHL-S-2.0", "collaboration": "ATLAS", "forge": "github",
    },
    "hardware-ohl-p-gitlab": {
        "project_kind": "hardware", "hardware_license": "CERN-OHL-P-2.0", "forge": "gitlab",
        "repository_url": GITLAB_URL,
    },
    "mixed-ohl-w-cpp": {"project_kind": "mixed", "language": "cpp", "software_license": "GPL-3.0-or-later"},
    "software-other-holder": {
        "project_kind": "software", "language": "python", "copyright_holder": "Example Institute",
        "software_license": "MIT", "forge": "gitlab", "repository_url": GITLAB_URL,
    },
    "documentation-cc0": {"project_kind": "documentation", "docs_license": "CC0-1.0", "citation": False},
}


def _commit_all(path: Path, message: str = "state") -> None:
    git("add", "-A", cwd=path)
    git("commit", "-q", "--no-verify", "-m", message, cwd=path)


def _project(template: Path, dest: Path, answers: dict[str, Any], vcs_ref: str = "v1.0.0") -> Path:
    base = {"project_name": "Demo Board", "repository_url": URL, "copyright_year": 2026}
    render(dest, {**base, **answers}, src=template, vcs_ref=vcs_ref)
    git("init", "-q", "-b", "main", cwd=dest)
    _commit_all(dest, "created")
    return dest


def failed(report: Report) -> set[str]:
    return {r.id for r in report.results if r.status == "fail"}


@pytest.fixture(scope="module")
def variants(template_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("variants")
    return {name: _project(template_repo, root / name, answers) for name, answers in VARIANTS.items()}


@pytest.fixture(scope="module")
def board(template_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mixed project, CERN-OHL-S, holder CERN: the base every broken repository starts from."""
    return _project(
        template_repo,
        tmp_path_factory.mktemp("board") / "demo-board",
        {"project_kind": "mixed", "hardware_license": "CERN-OHL-S-2.0", "language": "python", "forge": "github"},
    )


@pytest.mark.parametrize("name", VARIANTS)
def test_every_generated_variant_passes_with_no_error(name: str, variants: dict[str, Path]) -> None:
    report = run(variants[name], SERIAL)
    errors = [f"{r.id}: {r.message}" for r in report.results if r.status == "fail" and r.severity == "error"]
    assert errors == [] and report.ok
    # a template-made project is on the newest version of its (tagged) template
    assert next(r for r in report.results if r.id == "TPL002").status == "pass"


def test_the_base_board_fails_no_rule_at_all(board: Path) -> None:
    report = run(board, SERIAL)
    assert failed(report) == set(), report.summary()
    statuses = {r.id: r.status for r in report.results}
    assert statuses["NOT003"] == statuses["NOT004"] == statuses["NOT005"] == "pass"
    assert statuses["LIC009"] == "pass"  # the texts are the catalogue's, compared by the detector


# --- broken repositories: each fails on exactly the rule meant ------------------------


def _drop_clause(path: Path) -> None:
    clause = r"\s+".join(map(re.escape, catalogue().immunities_clause.split()))
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"[#>* \t]*" + clause, "", text), encoding="utf-8")


def _wrong_header(project: Path) -> None:
    target = next(p for p in sorted((project / "firmware" / "src").rglob("*.py")))
    text = target.read_text(encoding="utf-8")
    assert SPDX_ID + "Apache-2.0" in text
    target.write_text(text.replace(SPDX_ID + "Apache-2.0", SPDX_ID + "MIT"), "utf-8")


def _no_source_location(project: Path) -> None:
    for name in ("NOTICE", "README.md"):
        path = project / name
        kept = [ln for ln in path.read_text(encoding="utf-8").splitlines(True) if "source location:" not in ln.lower()]
        path.write_text("".join(kept), encoding="utf-8")


def _okh_names_the_docs_licence(project: Path) -> None:
    okh = project / "okh.toml"
    text = okh.read_text(encoding="utf-8")
    assert 'license = "CERN-OHL-S-2.0"' in text
    okh.write_text(text.replace('license = "CERN-OHL-S-2.0"', 'license = "CC-BY-4.0"'), encoding="utf-8")


BROKEN = {
    "no-licence": (lambda p: (p / "LICENSE").unlink(), "LIC001"),
    "unused-licence-text": (
        lambda p: shutil.copy(catalogue().get("MIT").text_path, p / "LICENSES" / "MIT.txt"), "LIC007"
    ),
    "wrong-spdx-id-in-a-header": (_wrong_header, "LIC006"),
    "ohl-s-without-source-location": (_no_source_location, "NOT003"),
    "cern-without-immunities-clause": (
        lambda p: [_drop_clause(p / n) for n in ("NOTICE", "README.md")], "NOT002"
    ),
    "missing-security": (lambda p: (p / "SECURITY.md").unlink(), "COM004"),
    "okh-toml-names-another-licence": (_okh_names_the_docs_licence, "LIC005"),
    "unreadable-reuse-toml": (
        lambda p: (p / "REUSE.toml").write_text("version = 1\n[[annotations]\npath = 1\n", "utf-8"), "REU003"
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_repository_fails_on_exactly_the_rule_meant(case: str, board: Path, tmp_path: Path) -> None:
    breaks, rule = BROKEN[case]
    project = tmp_path / "repo"
    shutil.copytree(board, project, symlinks=True)
    breaks(project)
    _commit_all(project, f"break: {case}")
    report = run(project, SERIAL)
    assert failed(report) == {rule}, [(r.id, r.message) for r in report.results if r.status == "fail"]
    assert not report.ok if next(r for r in report.results if r.id == rule).severity == "error" else report.ok


def test_a_stale_template_version_fails_only_on_tpl002(template_repo: Path, tmp_path: Path) -> None:
    template = tmp_path / "template"
    git("clone", "-q", str(template_repo), str(template), cwd=tmp_path)
    project = _project(template, tmp_path / "proj", {"project_kind": "documentation", "citation": True})
    assert failed(run(project, SERIAL)) == set()
    git("commit", "-q", "--allow-empty", "-m", "template: newer", cwd=template)
    git("tag", "v1.1.0", cwd=template)
    report = run(project, SERIAL)
    assert failed(report) == {"TPL002"}
    assert "the newest is v1.1.0" in next(r.message for r in report.results if r.id == "TPL002")


def test_an_untagged_template_is_versioned_by_commit_for_tpl002(tmp_path: Path) -> None:
    template = template_copy(tmp_path / "template", tag=None)
    project = _project(template, tmp_path / "proj", {"project_kind": "documentation", "citation": True}, "HEAD")
    assert re.fullmatch(r"[0-9a-f]{7,40}", answers_of(project)["_commit"])  # a bare commit, no tag
    first = next(r for r in run(project, SERIAL).results if r.id == "TPL002")
    assert first.status == "pass", first.message
    git("commit", "-q", "--allow-empty", "-m", "template: newer", cwd=template)
    newer = git("rev-parse", "--short=7", "HEAD", cwd=template).strip()
    report = run(project, SERIAL)
    assert failed(report) == {"TPL002"}
    assert newer in next(r.message for r in report.results if r.id == "TPL002")


def test_rules_that_do_not_apply_say_why(variants: dict[str, Path]) -> None:
    report = run(variants["software-other-holder"], SERIAL)
    skipped = {r.id: r.message for r in report.results if r.status == "skip"}
    assert skipped["NOT003"] == "no CERN-OHL-W or CERN-OHL-S licence is used"
    assert skipped["NOT002"] == "the catalogue's immunities clause is not Example Institute's"
    for message in skipped.values():
        assert message


def test_a_folder_that_is_not_a_repository_is_reported_not_raised(tmp_path: Path) -> None:
    report = run(tmp_path, SERIAL)
    assert report.problem and "not a git repository" in report.problem
    assert report.exit_code == 2 and report.results == []


# --- selection and settings ---------------------------------------------------------


def test_select_and_ignore_take_ids_families_and_prefixes(board: Path) -> None:
    only = run(board, CheckOptions(select=("notices", "LIC001"), parallel=False))
    assert {r.id for r in only.results} == {"LIC001", "NOT001", "NOT002", "NOT003", "NOT004", "NOT005"}
    without = run(board, CheckOptions(ignore=("COM", "reuse"), parallel=False))
    assert not any(r.id.startswith(("COM", "REU")) for r in without.results)
    assert any(r.id == "LIC006" for r in without.results)  # its prerequisite REU003 still runs, unreported


def _settings(project: Path, body: str) -> None:
    (project / ".scaffolder-check.toml").write_text(
        "# SPDX-FileCopyrightText: 2026 CERN\n# SPDX-License-Identifier: CC0-1.0\n" + body, encoding="utf-8"
    )


def test_an_ignored_rule_needs_a_reason(board: Path, tmp_path: Path) -> None:
    project = tmp_path / "repo"
    shutil.copytree(board, project, symlinks=True)
    (project / "SECURITY.md").unlink()
    shutil.copy(catalogue().get("CC0-1.0").text_path, project / "LICENSES" / "CC0-1.0.txt")
    _settings(project, '[ignore]\nCOM004 = "security reports go to the collaboration\'s desk"\n')
    _commit_all(project)
    report = run(project, SERIAL)
    result = next(r for r in report.results if r.id == "COM004")
    assert result.status == "ignored" and "collaboration's desk" in result.message
    assert failed(report) == set()

    _settings(project, '[ignore]\nCOM004 = "  "\nXYZ999 = "no such rule"\n')
    _commit_all(project)
    report = run(project, SERIAL)
    assert failed(report) == {"CFG001", "COM004"}
    message = next(r.message for r in report.results if r.id == "CFG001")
    assert "ignore.COM004" in message and "ignore.XYZ999: not a rule id" in message


# --- the registry and its documentation ------------------------------------------------


def test_every_rule_has_metadata_a_predicate_and_a_fix() -> None:
    reg = registry()
    assert len(reg.rules) >= 30
    for rule in reg.rules.values():
        assert re.fullmatch(r"[A-Z]{2,3}\d{3}", rule.id)
        assert rule.title and rule.fix and rule.severity in ("error", "warning", "info")
        assert rule.id.startswith(reg.families[rule.family].prefix)


def test_docs_check_md_is_generated_from_the_rules() -> None:
    from tools.gen_check_docs import DOC, generate

    text = DOC.read_text(encoding="utf-8")
    assert generate(text) == text, "docs/check.md is stale: run python tools/gen_check_docs.py"


def _ci_repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir()
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=path)
    _commit_all(path, "ci")
    return path


def test_ci002_follows_a_script_the_pipeline_runs_and_ignores_comments(tmp_path: Path) -> None:
    def ci002(files: dict[str, str], name: str) -> Any:
        report = run(_ci_repo(tmp_path / name, files), CheckOptions(parallel=False, select=("CI002",)))
        return next(r for r in report.results if r.id == "CI002")

    pipeline = "test:\n  script:\n    - bash .ci/run\n"
    delegated = ci002({".gitlab-ci.yml": pipeline, ".ci/run": "set -e\nreuse lint\n"}, "delegated")
    assert delegated.status == "pass" and delegated.message == ".gitlab-ci.yml runs .ci/run"
    assert ci002({".gitlab-ci.yml": pipeline, ".ci/run": "pytest\n"}, "other").status == "fail"
    commented = ci002({".gitlab-ci.yml": "# reuse lint\ntest:\n  script:\n    - pytest\n"}, "comment")
    assert commented.status == "fail"
