# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The generated template-update jobs apply scaffolder's trust policy (issue 16, item 4).

The job passes ``--trust`` to copier (so that the template's migrations run)
only while ``.copier-answers.yml`` names the template the job was made from.
Each test runs the job's own update script, taken from the rendered CI file,
against a local bare repository standing for the template's canonical URL.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, answers_of, git, render, template_copy
from tests.template_versions import ANSWERS, edit

MIGRATION = (
    "_answers_file: .copier-answers.yml\n_migrations:\n  - version: v2.0.0\n"
    '    command: ["{{ _copier_python }}", "{{ _copier_conf.src_path }}/hooks/mark.py"]\n'
)
MARK = "from pathlib import Path\nPath('MIGRATED').write_text('the v2.0.0 migration ran\\n')\n"


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The canonical repository (bare): v1.0.0 is this checkout, v2.0.0 declares a migration."""
    root = tmp_path_factory.mktemp("job")
    checkout = template_copy(root / "checkout", tag="v1.0.0")
    (checkout / "hooks" / "mark.py").write_text(MARK)
    edit(checkout / "copier.yml", "_answers_file: .copier-answers.yml\n", MIGRATION)
    git("add", "-A", cwd=checkout)
    git("commit", "-q", "-m", "v2.0.0: a migration", cwd=checkout)
    git("tag", "v2.0.0", cwd=checkout)
    bare = root / "template.git"
    git("clone", "-q", "--bare", str(checkout), str(bare), cwd=root)
    return bare


@pytest.fixture(scope="module", params=["gitlab", "github"])
def made(request: pytest.FixtureRequest, remote: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made with plain copier from the canonical URL at v1.0.0, committed."""
    answers = {**ANSWERS, "forge": request.param, "ci": True, "template_updates": "ci-job", "language": "other"}
    project = render(tmp_path_factory.mktemp(request.param) / "demo", answers, src=f"file://{remote}", vcs_ref="v1.0.0")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "Create the project", cwd=project)
    return project


def update_script(project: Path) -> tuple[str, dict[str, str]]:
    """The job's commands up to the commit (pushing is the forge's business), and its variables."""
    gitlab = project / ".gitlab/ci/template-update.yml"
    if gitlab.exists():
        job = yaml.safe_load(gitlab.read_text(encoding="utf-8"))["template-update"]
        lines, variables = [line for line in job["script"] if not line.startswith("pip install")], job["variables"]
        lines = [line for line in lines if "TEMPLATE_UPDATE_TOKEN" not in line and "checkout -B" not in line]
        script = "\n".join(lines)
    else:
        workflow = yaml.safe_load((project / ".github/workflows/template-update.yml").read_text(encoding="utf-8"))
        step = workflow["jobs"]["update"]["steps"][-1]
        script, variables = step["run"], step["env"]
    return script.split("git add --all")[0], {k: str(v) for k, v in variables.items()}


def run_job(project: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    script, variables = update_script(project)
    (tmp_path / "gitconfig").write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTHON"))}
    env.update(variables)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])  # copier and python3
    env.update({"GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1"})
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script], cwd=project, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_the_job_runs_the_migration_of_the_template_it_was_made_from(made: Path, remote: Path, tmp_path: Path) -> None:
    project = shutil.copytree(made, tmp_path / "demo", symlinks=True)
    assert update_script(project)[1]["TEMPLATE_URL"] == f"file://{remote}"
    proc = run_job(project, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "MIGRATED").read_text() == "the v2.0.0 migration ran\n"
    assert answers_of(project)["_commit"] == "v2.0.0"


@pytest.mark.slow
def test_the_job_refuses_the_migration_of_a_template_pointed_elsewhere(
    made: Path, remote: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.git"
    git("clone", "-q", "--bare", str(remote), str(elsewhere), cwd=tmp_path)
    project = shutil.copytree(made, tmp_path / "demo", symlinks=True)
    answers = project / ".copier-answers.yml"
    answers.write_text(answers.read_text().replace(f"file://{remote}", f"file://{elsewhere}"))
    git("commit", "-q", "-am", "the answers name another template", cwd=project)
    proc = run_job(project, tmp_path)
    assert proc.returncode != 0
    assert f"Template source file://{elsewhere} is not file://{remote}" in proc.stdout
    assert "unsafe feature" in proc.stderr and "migrations" in proc.stderr
    assert not (project / "MIGRATED").exists()
    assert answers_of(project)["_commit"] == "v1.0.0"


# --- the OSPO's pieces: the template's CI/CD component and GitHub Action -------------------------
#
# A project whose template is recorded by a URL on its own forge includes the
# template's `template-update` component (GitLab) or uses its Action (GitHub),
# pinned to the version it records. The tests below run the script of that very
# component or action (this repository's templates/template-update.yml and
# action.yml) with the inputs the generated file gives, scaffolder from this
# checkout standing for the one the job installs, and git's `insteadOf` leading
# the template's URL to the local bare repository.

FORGE_URL = "https://forge.invalid/ospo/scaffolder.git"
GITHUB_URL = "https://github.com/ospo/scaffolder.git"
ELSEWHERE_URL = "https://forge.invalid/someone/else.git"


@pytest.fixture(scope="module", params=["gitlab", "github"])
def made_with_pieces(request: pytest.FixtureRequest, remote: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made from the canonical repository at v1.0.0 that records the template's forge URL."""
    forge = request.param
    url, repo_url = (
        (FORGE_URL, "https://forge.invalid/group/demo")
        if forge == "gitlab"
        else (GITHUB_URL, "https://github.com/group/demo")
    )
    answers = {
        **ANSWERS,
        "forge": forge,
        "ci": True,
        "template_updates": "ci-job",
        "language": "other",
        "repository_url": repo_url,
        "template_source": url,
    }
    project = render(tmp_path_factory.mktemp(forge) / "demo", answers, src=f"file://{remote}", vcs_ref="v1.0.0")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "Create the project", cwd=project)
    return project


def _inputs(text: str, values: dict[str, str]) -> str:
    """A component's ``$[[ inputs.NAME ]]`` replaced by the include's values."""
    import re

    return re.sub(r"\$\[\[\s*inputs\.([\w-]+)\s*\]\]", lambda m: values[m[1]], text)


def piece_script(project: Path) -> tuple[str, dict[str, str]]:
    """The script the generated file runs (the component's or the action's), up to the push, and its environment."""
    gitlab = project / ".gitlab/ci/template-update.yml"
    if gitlab.exists():
        [include] = yaml.safe_load(gitlab.read_text(encoding="utf-8"))["include"]
        name = include["component"].rsplit("/", 1)[1].split("@")[0]
        spec, jobs = yaml.safe_load_all((REPO / "templates" / f"{name}.yml").read_text(encoding="utf-8"))
        values = {k: str(v.get("default", "")) for k, v in spec["spec"]["inputs"].items()} | include["inputs"]
        [job] = yaml.safe_load(_inputs(yaml.safe_dump(jobs), values)).values()
        lines = [line for line in job["script"] if not line.startswith("pip install")]
        lines = lines[: next(i for i, line in enumerate(lines) if line.startswith("git push"))]
        env = {k: str(v) for k, v in job["variables"].items()}
        env.update(
            {
                "TEMPLATE_UPDATE_TOKEN": "tok",
                "CI_SERVER_HOST": "forge.invalid",
                "CI_COMMIT_SHA": git("rev-parse", "HEAD", cwd=project).strip(),
            }
        )
        return "\n".join(lines), env
    workflow = yaml.safe_load((project / ".github/workflows/template-update.yml").read_text(encoding="utf-8"))
    [step] = [
        s
        for s in workflow["jobs"]["update"]["steps"]
        if "@" in s.get("uses", "") and not s["uses"].startswith("actions/")
    ]
    repository = step["uses"].split("@")[0]
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()} | step.get("with", {})
    context = {
        "github.server_url": "https://github.com",
        "github.action_repository": repository,
        "github.event.repository.default_branch": "main",
        "github.token": "token",
    }
    context.update({f"inputs.{k}": v for k, v in inputs.items()})
    [run] = [s for s in action["runs"]["steps"] if s.get("id") == inputs["command"]]
    import re

    def expand(text: str) -> str:
        return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", lambda m: context[m[1]], text)

    env = {k: expand(str(v)) for k, v in run["env"].items()} | {"GITHUB_SERVER_URL": "https://github.com"}
    return run["run"].split("git push")[0], env


def run_piece(project: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    script, variables = piece_script(project)
    (tmp_path / "gitconfig").write_text(
        f'[url "file://{tmp_path / "template.git"}"]\n\tinsteadOf = {FORGE_URL}\n\tinsteadOf = {GITHUB_URL}\n'
        f'[url "file://{tmp_path / "elsewhere.git"}"]\n\tinsteadOf = {ELSEWHERE_URL}\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTHON", "SCAFFOLDER_"))}
    env.update(variables)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])  # scaffolder and python
    env.update(
        {
            "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "TMPDIR": str(tmp_path),
            "RUNNER_TEMP": str(tmp_path),
            "GITHUB_OUTPUT": str(tmp_path / "output"),
        }
    )
    return subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script], cwd=project, env=env, capture_output=True, text=True, check=False
    )


@pytest.mark.slow
def test_the_templates_own_update_job_runs_the_migration_of_the_template_it_is_installed_from(
    made_with_pieces: Path, remote: Path, tmp_path: Path
) -> None:
    git("clone", "-q", "--bare", str(remote), str(tmp_path / "template.git"), cwd=tmp_path)
    project = shutil.copytree(made_with_pieces, tmp_path / "demo", symlinks=True)
    proc = run_piece(project, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (project / "MIGRATED").read_text() == "the v2.0.0 migration ran\n"
    assert answers_of(project)["_commit"] == "v2.0.0"
    assert git("branch", "--show-current", cwd=project).strip() == "template-update"


@pytest.mark.slow
def test_the_templates_own_update_job_refuses_the_migration_of_a_template_pointed_elsewhere(
    made_with_pieces: Path, remote: Path, tmp_path: Path
) -> None:
    git("clone", "-q", "--bare", str(remote), str(tmp_path / "template.git"), cwd=tmp_path)
    git("clone", "-q", "--bare", str(remote), str(tmp_path / "elsewhere.git"), cwd=tmp_path)
    project = shutil.copytree(made_with_pieces, tmp_path / "demo", symlinks=True)
    answers = project / ".copier-answers.yml"
    recorded = answers_of(project)["_src_path"]
    answers.write_text(answers.read_text().replace(recorded, ELSEWHERE_URL))
    git("commit", "-q", "-am", "the answers name another template", cwd=project)
    proc = run_piece(project, tmp_path)
    assert proc.returncode != 0
    assert "refused" in proc.stdout + proc.stderr and "migrations" in proc.stdout + proc.stderr
    assert not (project / "MIGRATED").exists()
    assert answers_of(project)["_commit"] == "v1.0.0"
