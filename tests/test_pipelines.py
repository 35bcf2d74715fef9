# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Where pipelines meet scaffolder: the GitLab CI/CD component, the GitHub Action, the release workflows.

Each file is validated against the schema its forge publishes, as vendored by
check-jsonschema (pinned in the test extra, licences inside that package):
SchemaStore's github-action and github-workflow schemas and GitLab's CI
schema (which covers a component's ``spec:`` header).  The lines a project's
CI uses to call them (docs/pipelines.md) are validated the same way.  The
decisions the component and the action take (``scaffolder.pipeline``) are
tested on scaffolder's real JSON output.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from scaffolder import pipeline
from scaffolder.cli.check import FAIL_ON
from tests.helpers import REPO, run_cli

VENDOR = Path(str(importlib.util.find_spec("check_jsonschema").origin)).parent / "builtin_schemas" / "vendor"
COMPONENTS = sorted((REPO / "templates").glob("*.yml"))
DOCS = REPO / "docs" / "pipelines.md"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((VENDOR / f"{name}.json").read_text(encoding="utf-8"))


def _errors(schema: dict[str, Any], document: Any) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def _workflow(text: str) -> Any:
    """A GitHub workflow as GitHub reads it (YAML 1.2: ``on`` is a key, not ``True``)."""
    loaded = yaml.safe_load(text)
    if isinstance(loaded, dict) and True in loaded:
        loaded["on"] = loaded.pop(True)
    return loaded


def _doc_blocks(kind: str) -> list[str]:
    """The ```yaml blocks of docs/pipelines.md preceded by a ``<!-- KIND -->`` marker."""
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(rf"<!-- {kind} -->\n```yaml\n(.*?)```", text, re.S)


def test_there_are_components_for_check_and_template_update() -> None:
    assert [p.name for p in COMPONENTS] == ["check.yml", "template-update.yml"]


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda p: p.name)
def test_component_spec_and_jobs_validate_against_gitlab_ci_schema(component: Path) -> None:
    spec, jobs = yaml.safe_load_all(component.read_text(encoding="utf-8"))
    schema = _schema("gitlab-ci")
    assert _errors(schema, spec) == []
    assert _errors(schema, jobs) == []
    inputs = spec["spec"]["inputs"]
    used = set(re.findall(r"\$\[\[ inputs\.([a-z-]+) \]\]", component.read_text(encoding="utf-8")))
    assert used == set(inputs), "every input is used and only declared inputs are used"
    for name, value in inputs.items():
        assert value.get("description"), name
    assert "version" in inputs and "default" not in inputs["version"], "the version is always pinned"


def test_check_component_and_action_offer_the_report_formats_and_thresholds() -> None:
    inputs = yaml.safe_load_all((REPO / "templates" / "check.yml").read_text(encoding="utf-8"))
    spec = next(inputs)["spec"]["inputs"]
    assert spec["format"]["options"] == ["text", "json", "sarif", "markdown"]
    assert tuple(spec["fail-on"]["options"]) == FAIL_ON  # what scaffolder check --fail-on takes
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["inputs"]["fail-on"]["default"] == spec["fail-on"]["default"] == "error"
    for threshold in FAIL_ON:
        assert threshold in action["inputs"]["fail-on"]["description"]
    for fmt in spec["format"]["options"]:
        assert fmt in action["inputs"]["format"]["description"]


def test_action_metadata_validates_against_schemastore_github_action_schema() -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert _errors(_schema("github-actions"), action) == []
    assert action["runs"]["using"] == "composite"
    # inputs reach the shell through env, never spliced into the script (no injection)
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")


def test_release_workflows_validate_against_the_forges_schemas() -> None:
    workflow = _workflow((REPO / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    assert _errors(_schema("github-workflows"), workflow) == []
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert _errors(_schema("gitlab-ci"), gitlab) == []
    for text in (json.dumps(workflow), json.dumps(gitlab)):
        assert "twine check --strict" in text and "python -m build" in text
        assert "SCAFFOLDER_TEMPLATE_URL" in text


def test_the_lines_a_project_uses_validate_against_the_forges_schemas() -> None:
    gitlab, github = _doc_blocks("gitlab-ci"), _doc_blocks("github-workflow")
    assert gitlab and github
    for block in gitlab:
        config = yaml.safe_load(block)
        assert _errors(_schema("gitlab-ci"), config) == []
        for item in config["include"]:
            name = item["component"].split("/")[-1].split("@")[0]
            spec = next(yaml.safe_load_all((REPO / "templates" / f"{name}.yml").read_text(encoding="utf-8")))
            declared = spec["spec"]["inputs"]
            required = {k for k, v in declared.items() if "default" not in v}
            assert required <= set(item["inputs"]) <= set(declared), item
    action_inputs = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))["inputs"]
    for block in github:
        workflow = _workflow(block)
        assert _errors(_schema("github-workflows"), workflow) == []
        steps = [s for job in workflow["jobs"].values() for s in job["steps"] if "/scaffolder@" in s.get("uses", "")]
        assert steps
        for step in steps:
            assert set(step.get("with", {})) <= set(action_inputs), step


# --- the decisions (scaffolder.pipeline) -------------------------------------


@pytest.mark.parametrize(
    ("threshold", "status"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_check_fail_on_fails_on_the_threshold_and_graver(
    threshold: str, status: int, warned: Path, tmp_path: Path
) -> None:
    proc = run_cli("check", "--fail-on", threshold, "-o", str(tmp_path / "r.txt"), str(warned))
    assert proc.returncode == status, proc.stdout + proc.stderr
    assert run_cli("check", "--fail-on", threshold, str(tmp_path / "nothing")).returncode == 2
    assert run_cli("check", "--fail-on", "sometimes", str(warned)).returncode == 2


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new project whose only failures are warnings and info (no CITATION.cff, no codemeta.json)."""
    project = tmp_path_factory.mktemp("warned") / "p"
    made = run_cli("new", str(project), "--defaults", "--data", "citation=false")
    assert made.returncode == 0, made.stderr
    failed = run_cli("check", "--format", "json", str(project))
    severities = {r["severity"] for r in json.loads(failed.stdout)["results"] if r["status"] == "fail"}
    assert "error" not in severities and "warning" in severities, severities
    return project


def test_outcome_of_real_update_results(tmp_path: Path, template_repo: Path) -> None:
    made = run_cli("new", str(tmp_path / "p"), "--defaults", "--template", str(template_repo))
    assert made.returncode == 0, made.stderr
    up = run_cli("update", "--format", "json", cwd=tmp_path / "p")
    assert pipeline.outcome(json.loads(up.stdout)) == "none"
    refused = run_cli("update", "--format", "json", cwd=tmp_path)  # not a repository made from the template
    with pytest.raises(pipeline.PipelineError, match=r"^template update (refused|failed): "):
        pipeline.outcome(json.loads(refused.stdout))
    assert pipeline.outcome([{"result": "conflicts"}]) == pipeline.outcome([{"result": "updated"}]) == "push"


def test_this_repositorys_release_workflow_passes_actionlint() -> None:
    from tests.test_software import _actionlint

    lint = _actionlint(REPO / ".github" / "workflows" / "release.yml", cwd=REPO)
    assert lint.returncode == 0, lint.stdout + lint.stderr
