# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The distributions and a tool install: the template ships inside the wheel.

The wheel and the sdist are built (offline, ``python -m build --no-isolation``:
the sdist first, then the wheel from the sdist) from a clone of a local bare
repository that stands in for the organisation's canonical URL, and the wheel
is installed (not editable) into a fresh virtual environment whose folder
name has a space in it.  Its dependencies come from the test environment
through a ``.pth`` file (``pip check`` proves the wheel's requirements are met
there), so the test needs no registry.  The commands then run from that
environment, as a user who ran ``pipx install`` would run them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.helpers import GIT_ENV, REPO, answers_of, git, reuse_problems, template_copy

#: The example address of the OSPO's repository in the README's install command.
README_URL = "https://gitlab.example.org/ospo/scaffolder.git"
TEMPLATE_PARTS = ("copier.yml", "template/", "includes/", "questions/", "hooks/", "scaffolder/data/")


def _run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
         timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def _clean_env(**extra: str) -> dict[str, str]:
    """A user's environment: no scaffolder settings, no PYTHONPATH to this checkout, an empty git config."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "SCAFFOLDER_", "PYTHON", "VIRTUAL_ENV"))}
    home = Path(tempfile.mkdtemp(prefix="home-"))
    (home / "gitconfig").write_text("")
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / "gitconfig"), **GIT_ENV, **extra})
    return env


def build(src: Path, out: Path, url: str | None) -> dict[str, Path]:
    """``python -m build`` (sdist, then the wheel from the sdist) with the test environment's setuptools."""
    env = _clean_env(**({"SCAFFOLDER_TEMPLATE_URL": url} if url else {}))
    proc = _run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, src, env=env)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


def install(wheel: Path, venv: Path) -> Path:
    """The wheel installed (not editable) into a fresh venv; returns its ``scaffolder`` command."""
    _run(sys.executable, "-m", "venv", "--without-pip", venv).check_returncode()
    python = venv / "bin" / "python"
    purelib = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
                   .stdout.strip())
    # The test environment's packages serve as dependencies; its own scaffolder (an editable
    # install, whose import hook is in a .pth file that a .pth-listed folder does not run) does not.
    (purelib / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    proc = _run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
                "--no-index", wheel, env=_clean_env())
    assert proc.returncode == 0, proc.stderr
    return venv / "bin" / "scaffolder"


@pytest.fixture(scope="module")
def canonical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The organisation's template repository (bare), tagged v1.0.0."""
    root = tmp_path_factory.mktemp("canonical")
    work = root / "work"
    work.mkdir()
    # A file that shows the pins a project's CI gets (template_source, template_version).
    pins = work / "template" / "pins.txt.jinja"
    pins.parent.mkdir()
    tag = "# SPDX" + "-"  # split: these are the generated file's tags, not this file's
    pins.write_text(f"{tag}FileCopyrightText: 2026 CERN\n{tag}License-Identifier: Apache-2.0\n"
                    "{{ template_source }} {{ template_version }} {{ template_ref }}\n")
    template_copy(work, tag="v1.0.0")
    git("clone", "-q", "--bare", str(root / "work"), str(root / "scaffolder.git"), cwd=root)
    return root / "scaffolder.git"


@pytest.fixture(scope="module")
def dists(canonical: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("build")
    git("clone", "-q", str(canonical), str(root / "src"), cwd=root)
    return build(root / "src", root / "dist", canonical.as_uri())


@pytest.fixture(scope="module")
def scaffolder_bin(dists: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install(dists["wheel"], tmp_path_factory.mktemp("tool") / "venv with space")


def _installed(cmd: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return _run(cmd, *args, cwd=cwd, env=_clean_env(**env))


def test_wheel_and_sdist_pass_twine_check_strict(dists: dict[str, Path]) -> None:
    proc = _run(sys.executable, "-m", "twine", "check", "--strict", dists["wheel"], dists["sdist"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("PASSED") == 2


def test_distributions_are_named_ospo_scaffolder_and_the_command_scaffolder(dists: dict[str, Path]) -> None:
    from scaffolder import DISTRIBUTION

    with zipfile.ZipFile(dists["wheel"]) as whl:
        info = next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = whl.read(info).decode()
        entry_points = whl.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert f"Name: {DISTRIBUTION}\n" in metadata
    assert DISTRIBUTION == "ospo-scaffolder"
    assert "scaffolder = scaffolder.cli:main" in entry_points
    assert "License-Expression: Apache-2.0" in metadata


def _template_files(checkout: Path) -> set[str]:
    listed = git("ls-files", "--", *TEMPLATE_PARTS, cwd=checkout).splitlines()
    return {name for name in listed if "__pycache__" not in name}


def test_sdist_holds_every_template_file_and_the_build_information(
    dists: dict[str, Path], canonical: Path
) -> None:
    with tarfile.open(dists["sdist"]) as sdist:
        names = {m.name.split("/", 1)[1] for m in sdist.getmembers() if m.isfile()}
        info_member = next(m for m in sdist.getmembers() if m.name.endswith("scaffolder/_build_info.json"))
        info = json.loads(sdist.extractfile(info_member).read())  # type: ignore[union-attr]
    missing = _template_files(dists["wheel"].parent.parent / "src") - names
    assert not missing, sorted(missing)[:10]
    assert {"setup.py", "pyproject.toml", "MANIFEST.in", "scaffolder/_build_info.json"} <= names
    assert info["commit"] == git("rev-parse", "v1.0.0^{commit}", cwd=canonical).strip()
    assert info["describe"] == info["tag"] == "v1.0.0"
    assert info["dirty"] is False


def test_wheel_holds_the_template_and_the_commit_it_was_built_from(
    dists: dict[str, Path], canonical: Path
) -> None:
    with zipfile.ZipFile(dists["wheel"]) as whl:
        names = set(whl.namelist())
        info = json.loads(whl.read("scaffolder/_build_info.json"))
    shipped = {n.removeprefix("scaffolder/_template/") for n in names if n.startswith("scaffolder/_template/")}
    missing = _template_files(dists["wheel"].parent.parent / "src") - shipped
    assert not missing, sorted(missing)[:10]
    assert info == {
        "commit": git("rev-parse", "v1.0.0^{commit}", cwd=canonical).strip(),
        "describe": "v1.0.0",
        "tag": "v1.0.0",
        "dirty": False,
        "url": canonical.as_uri(),
    }


def test_version_names_the_package_and_the_shipped_template(scaffolder_bin: Path, canonical: Path,
                                                           tmp_path: Path) -> None:
    proc = _installed(scaffolder_bin, "--version", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    commit = git("rev-parse", "v1.0.0^{commit}", cwd=canonical).strip()
    assert proc.stdout.splitlines() == [
        "scaffolder 0.1.0 (ospo-scaffolder)",
        f"template v1.0.0 (inside the package, commit {commit}, from {canonical.as_uri()})",
    ]


def test_the_installed_package_is_the_wheel_and_its_requirements_are_met(scaffolder_bin: Path,
                                                                        tmp_path: Path) -> None:
    python = scaffolder_bin.parent / "python"
    where = _run(python, "-c", "import scaffolder; print(scaffolder.__file__)", cwd=tmp_path, env=_clean_env())
    assert where.stdout.startswith(str(scaffolder_bin.parent.parent)), where.stdout + where.stderr
    check = _run(sys.executable, "-m", "pip", "--python", python, "check", env=_clean_env())
    assert check.returncode == 0, check.stdout + check.stderr


def test_new_records_the_canonical_url_and_the_built_version_never_the_install_path(
    scaffolder_bin: Path, canonical: Path, tmp_path: Path
) -> None:
    proc = _installed(scaffolder_bin, "new", "proj", "--defaults", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    answers = answers_of(tmp_path / "proj")
    assert answers["_src_path"] == canonical.as_uri()
    assert answers["_commit"] == "v1.0.0"
    assert (tmp_path / "proj" / "pins.txt").read_text().endswith(f"\n{canonical.as_uri()} v1.0.0 v1.0.0\n")
    venv = str(scaffolder_bin.parent.parent)
    for path in (tmp_path / "proj").rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "site-packages" not in text and "venv with" not in text and venv not in text, path
    assert reuse_problems(tmp_path / "proj") == ""
    # the rest of the answers file is copier's own, and the project is committed with it
    raw = (tmp_path / "proj" / ".copier-answers.yml").read_text(encoding="utf-8")
    assert raw.startswith("# SPDX-FileCopyrightText:")
    assert git("status", "--porcelain", cwd=tmp_path / "proj") == ""


def test_update_from_the_canonical_url_finds_the_recorded_version(
    scaffolder_bin: Path, canonical: Path, tmp_path: Path
) -> None:
    # The organisation's repository moves on: a new commit, tagged v1.1.0, in a copy of it.
    moved = tmp_path / "moved.git"
    git("clone", "-q", "--bare", str(canonical), str(moved), cwd=tmp_path)
    work = tmp_path / "work"
    git("clone", "-q", str(moved), str(work), cwd=tmp_path)
    readme = work / "template" / "SUPPORT.md.jinja"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nAsk early.\n", encoding="utf-8")
    git("commit", "-qam", "template: SUPPORT asks early", cwd=work)
    git("tag", "v1.1.0", cwd=work)
    git("push", "-q", "origin", "HEAD", "v1.1.0", cwd=work)

    url = moved.as_uri()
    made = _installed(scaffolder_bin, "new", "proj", "--defaults", cwd=tmp_path, SCAFFOLDER_TEMPLATE_URL=url)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "proj"
    assert answers_of(project)["_src_path"] == url

    check = _installed(scaffolder_bin, "update", "--check", "--format", "json", cwd=project)
    [row] = json.loads(check.stdout)
    assert (row["result"], row["current"], row["target"]) == ("update available", "v1.0.0", "v1.1.0"), check

    done = _installed(scaffolder_bin, "update", "--commit", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert answers_of(project)["_commit"] == "v1.1.0"
    assert (project / "pins.txt").read_text().endswith(f"\n{url} v1.1.0 v1.1.0\n"), "the pins move with the update"
    assert (project / "SUPPORT.md").read_text(encoding="utf-8").endswith("Ask early.\n")


def test_adopt_records_the_canonical_url_and_the_built_version(
    scaffolder_bin: Path, canonical: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "existing"
    repo.mkdir()
    (repo / "notes.txt").write_text("mine\n")
    git("init", "-q", "-b", "main", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "start", cwd=repo)
    # no licence file: the holders name the licence, which adopt never guesses
    proc = _installed(
        scaffolder_bin, "adopt", str(repo), "--defaults", "--data", "software_license=Apache-2.0", cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    answers = answers_of(repo)
    assert (answers["_src_path"], answers["_commit"]) == (canonical.as_uri(), "v1.0.0")
    assert (repo / "notes.txt").read_text() == "mine\n"
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "adopt", cwd=repo)
    check = _installed(scaffolder_bin, "update", "--check", cwd=repo)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "up to date" in check.stdout


def test_update_with_the_canonical_repository_out_of_reach_says_so_in_one_line(
    scaffolder_bin: Path, tmp_path: Path
) -> None:
    gone = (tmp_path / "gone.git").as_uri()
    made = _installed(scaffolder_bin, "new", "proj", "--defaults", cwd=tmp_path, SCAFFOLDER_TEMPLATE_URL=gone)
    assert made.returncode == 0, made.stderr
    proc = _installed(scaffolder_bin, "update", "--check", cwd=tmp_path / "proj")
    assert proc.returncode == 2  # could not check (README: exit codes)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out
    [line] = [ln for ln in out.splitlines() if "cannot reach" in ln]
    assert gone in line


def test_a_wheel_that_knows_no_canonical_url_refuses_to_make_a_project_it_could_not_update(
    canonical: Path, tmp_path: Path
) -> None:
    src = tmp_path / "src"
    git("clone", "-q", str(canonical), str(src), cwd=tmp_path)  # origin: a local path
    git("commit", "-q", "--allow-empty", "-m", "past the tag", cwd=src)  # an untagged version
    commit = git("rev-parse", "HEAD", cwd=src).strip()
    described = git("describe", "--tags", "--always", cwd=src).strip()
    assert described.startswith("v1.0.0-1-g")
    wheel = build(src, tmp_path / "dist", url=None)["wheel"]
    with zipfile.ZipFile(wheel) as whl:
        assert json.loads(whl.read("scaffolder/_build_info.json"))["url"] is None
    cmd = install(wheel, tmp_path / "venv")
    proc = _installed(cmd, "new", "proj", "--defaults", cwd=tmp_path)
    assert proc.returncode == 1
    [line] = proc.stderr.splitlines()
    assert "SCAFFOLDER_TEMPLATE_URL" in line and "canonical URL" in line
    assert not (tmp_path / "proj").exists()
    assert not [p for p in tmp_path.iterdir() if ".scaffolder-" in p.name]
    # named at run time, the same wheel makes the project
    url = canonical.as_uri()
    proc = _installed(cmd, "new", "proj", "--defaults", cwd=tmp_path, SCAFFOLDER_TEMPLATE_URL=url)
    assert proc.returncode == 0, proc.stderr
    answers = answers_of(tmp_path / "proj")
    assert (answers["_src_path"], answers["_commit"]) == (url, described)
    # CI pins need a ref the forge resolves: the full commit hash, not the describe name
    assert (tmp_path / "proj" / "pins.txt").read_text().endswith(f"\n{url} {described} {commit}\n")


@pytest.mark.slow
def test_readme_install_command_installs_a_tool_that_makes_projects(canonical: Path, tmp_path: Path) -> None:
    """The README's one command, verbatim but for the address (the local bare repository stands in for it)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Install\n.*?```sh\n(.*?)```", readme, re.S)
    assert block, "README has an Install section with a command"
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert commands == [f"pipx install git+{README_URL}"]
    tools = Path(sys.executable).parent  # pipx comes with the test extra
    env = _clean_env(PIPX_HOME=str(tmp_path / "pipx"), PIPX_BIN_DIR=str(tmp_path / "bin"),
                     PIPX_MAN_DIR=str(tmp_path / "man"), PATH=f"{tools}{os.pathsep}{os.environ['PATH']}")
    proc = _run("sh", "-c", commands[0].replace(README_URL, canonical.as_uri()), cwd=tmp_path, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    made = _installed(tmp_path / "bin" / "scaffolder", "new", "my-project", "--defaults", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    answers = answers_of(tmp_path / "my-project")
    assert (answers["_src_path"], answers["_commit"]) == (canonical.as_uri(), "v1.0.0")


def _component_script(name: str) -> str:
    """The job script of a CI/CD component in templates/, without its install line (the wheel is installed)."""
    _, jobs = yaml.safe_load_all((REPO / "templates" / f"{name}.yml").read_text(encoding="utf-8"))
    [job] = jobs.values()
    return "\n".join(line for line in job["script"] if not line.startswith("pip install"))


def _action_step(step_id: str) -> str:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    [step] = [s for s in action["runs"]["steps"] if s.get("id") == step_id]
    return str(step["run"])


def test_check_component_and_action_run_the_installed_check_with_their_threshold(
    scaffolder_bin: Path, tmp_path: Path
) -> None:
    made = _installed(scaffolder_bin, "new", "proj", "--defaults", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    project = tmp_path / "proj"
    path = f"{scaffolder_bin.parent}{os.pathsep}{os.environ['PATH']}"

    def component(fmt: str, fail_on: str) -> subprocess.CompletedProcess[str]:
        env = _clean_env(PATH=path, SCAFFOLDER_CHECK_FORMAT=fmt, SCAFFOLDER_CHECK_FAIL_ON=fail_on,
                         SCAFFOLDER_CHECK_PATH=".")
        return _run("bash", "-eo", "pipefail", "-c", _component_script("check"), cwd=project, env=env)

    def action(fmt: str, fail_on: str) -> subprocess.CompletedProcess[str]:
        runner = tmp_path / "runner"
        runner.mkdir(exist_ok=True)
        env = _clean_env(PATH=path, FORMAT=fmt, FAIL_ON=fail_on, CHECK_PATH=".", RUNNER_TEMP=str(runner),
                         GITHUB_OUTPUT=str(runner / "output"), GITHUB_STEP_SUMMARY=str(runner / "summary"))
        return _run("bash", "-eo", "pipefail", "-c", _action_step("check"), cwd=project, env=env)

    passed = component("markdown", "error")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert (project / "scaffolder-check.md").read_text() in passed.stdout
    (project / "scaffolder-check.md").unlink()
    assert component("json", "never").returncode == 0
    assert json.loads((project / "scaffolder-check.json").read_text())["results"]
    (project / "scaffolder-check.json").unlink()
    assert action("sarif", "error").returncode == 0
    assert "report=" in (tmp_path / "runner" / "output").read_text()

    # A repository without its licence file fails at the default threshold, and only reports at `never`.
    (project / "LICENSE").unlink()
    git("commit", "-qam", "no licence file", cwd=project)
    for run in (component, action):
        failed = run("text", "error")
        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "FAIL LIC001 error" in failed.stdout
        assert run("text", "never").returncode == 0
        (project / "scaffolder-check.txt").unlink(missing_ok=True)


def test_template_update_component_pushes_the_update_branch_for_review(
    scaffolder_bin: Path, canonical: Path, tmp_path: Path
) -> None:
    """The component's job script, run as a scheduled pipeline would, with a local bare repository as the forge."""
    moved = tmp_path / "template.git"
    git("clone", "-q", "--bare", str(canonical), str(moved), cwd=tmp_path)
    url = moved.as_uri()
    made = _installed(scaffolder_bin, "new", "proj", "--defaults", cwd=tmp_path, SCAFFOLDER_TEMPLATE_URL=url)
    assert made.returncode == 0, made.stderr
    forge = tmp_path / "forge.git"  # the project's repository on the forge; it takes push options as GitLab does
    git("clone", "-q", "--bare", str(tmp_path / "proj"), str(forge), cwd=tmp_path)
    git("config", "receive.advertisePushOptions", "true", cwd=forge)
    # the template moves on to v1.1.0
    work = tmp_path / "work"
    git("clone", "-q", str(moved), str(work), cwd=tmp_path)
    (work / "template" / "SUPPORT.md.jinja").write_text(
        (work / "template" / "SUPPORT.md.jinja").read_text(encoding="utf-8") + "\nAsk early.\n", encoding="utf-8")
    git("commit", "-qam", "template: SUPPORT asks early", cwd=work)
    git("tag", "v1.1.0", cwd=work)
    git("push", "-q", "origin", "HEAD", "v1.1.0", cwd=work)

    job = tmp_path / "job"
    git("clone", "-q", str(forge), str(job), cwd=tmp_path)
    env = _clean_env(
        PATH=f"{scaffolder_bin.parent}{os.pathsep}{os.environ['PATH']}", TMPDIR=str(tmp_path),
        SCAFFOLDER_UPDATE_BRANCH="template-update", SCAFFOLDER_UPDATE_TOKEN_VARIABLE="TEMPLATE_UPDATE_TOKEN",
        SCAFFOLDER_TEMPLATE_URL=url, TEMPLATE_UPDATE_TOKEN="tok",
        CI_COMMIT_SHA=git("rev-parse", "HEAD", cwd=job).strip(),
        CI_SERVER_PROTOCOL="https", CI_SERVER_HOST="forge.invalid", CI_SERVER_PORT="443",
        CI_PROJECT_PATH="group/proj", CI_DEFAULT_BRANCH="main",
    )
    # the forge's address, as the job spells it, leads to the local bare repository
    with open(env["GIT_CONFIG_GLOBAL"], "a") as config:
        config.write(f'[url "{forge}"]\n\tinsteadOf = https://template-update:tok@forge.invalid:443/group/proj.git\n')
    proc = _run("bash", "-eo", "pipefail", "-c", _component_script("template-update"), cwd=job, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pushed = git("show", "template-update:.copier-answers.yml", cwd=forge)
    assert "_commit: v1.1.0" in pushed
    assert git("show", "template-update:SUPPORT.md", cwd=forge).endswith("Ask early.\n")

    # without the token: one line saying which variable to set
    del env["TEMPLATE_UPDATE_TOKEN"]
    proc = _run("bash", "-eo", "pipefail", "-c", _component_script("template-update"), cwd=job, env=env)
    assert proc.returncode == 1 and "Set the CI/CD variable TEMPLATE_UPDATE_TOKEN" in proc.stdout


def test_wizard_from_the_installed_wheel_records_the_canonical_url_and_version(
    scaffolder_bin: Path, canonical: Path, tmp_path: Path
) -> None:
    """The wizard's real prompts, answered by the tests' driver (every default), in the installed package."""
    script = (
        f"import sys; sys.path.append({str(REPO)!r})\n"  # after site-packages: the driver only, not this checkout
        "import scaffolder\n"
        f"assert scaffolder.__file__.startswith({str(scaffolder_bin.parent.parent)!r}), scaffolder.__file__\n"
        "from tests.wizard_driver import scripted\n"
        "from scaffolder.wizard import run_wizard\n"
        "with scripted({'dest': 'wiz'}) as prompter:\n"
        "    run_wizard(None, template=None, prompter=prompter, require_tty=False)\n"
    )
    proc = _run(scaffolder_bin.parent / "python", "-c", script, cwd=tmp_path, env=_clean_env())
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    answers = answers_of(tmp_path / "wiz")
    assert (answers["_src_path"], answers["_commit"]) == (canonical.as_uri(), "v1.0.0")


def test_version_from_a_checkout_names_the_checkout_and_its_commit() -> None:
    from tests.helpers import run_cli

    proc = run_cli("--version")
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.splitlines()
    assert first == "scaffolder 0.1.0 (ospo-scaffolder)"
    described = git("describe", "--tags", "--always", "--dirty", cwd=REPO).strip()
    assert second == f"template {described} (the checkout {REPO})"


def test_a_wheel_built_from_neither_a_checkout_nor_an_sdist_says_it_knows_no_version(
    canonical: Path, tmp_path: Path
) -> None:
    """A forge's source archive has no .git: the wheel ships the template but cannot name its version."""
    export = tmp_path / "export"
    export.mkdir()
    archive = subprocess.run(["git", "archive", "--format=tar", "v1.0.0"], cwd=canonical, capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(export)], input=archive, check=True)
    env = _clean_env()
    proc = _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp_path / "dist", export,
                env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    cmd = install(next((tmp_path / "dist").glob("*.whl")), tmp_path / "venv")
    version = _installed(cmd, "--version", cwd=tmp_path)
    assert version.stdout.splitlines()[1] == "template of unknown version (inside the package)"
    made = _installed(cmd, "new", "proj", "--defaults", cwd=tmp_path, SCAFFOLDER_TEMPLATE_URL=canonical.as_uri())
    assert made.returncode == 1
    [line] = made.stderr.splitlines()
    assert "built without a template version" in line and "--template" in line
    assert not (tmp_path / "proj").exists()
