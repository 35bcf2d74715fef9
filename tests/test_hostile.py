# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Hostile repositories are read safely (issue 16, item 5; docs/security.md).

Links never lead scaffolder out of a repository, files are read up to a size
limit, git never runs the ``ext`` or ``fd`` transports (neither scaffolder's
git calls nor copier's), and a path or URL that starts with ``-`` is refused.
"""

from __future__ import annotations

import json
import subprocess
import warnings
from pathlib import Path

import pytest

from scaffolder import gitops, repofiles
from scaffolder.errors import ScaffolderError
from scaffolder.licences import catalogue
from tests.helpers import committed_repo, git, run_cli

PASSWD = Path("/etc/passwd")
_ADOPT = ("--defaults", "--data=author_email=team@example.org")


def _everything_written(root: Path) -> str:
    files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink() and ".git" not in p.parts]
    return "".join(p.read_text(errors="replace") for p in files)


@pytest.fixture
def permissive_git(tmp_path: Path) -> dict[str, str]:
    """A machine whose git configuration allows the ``ext`` transport: only scaffolder's hardening stops it."""
    config = tmp_path / "permissive-gitconfig"
    config.write_text('[protocol "ext"]\n\tallow = always\n[protocol "fd"]\n\tallow = always\n')
    return {"GIT_CONFIG_GLOBAL": str(config)}


# --- links and sizes -------------------------------------------------------------------


@pytest.mark.skipif(not PASSWD.is_file(), reason="needs /etc/passwd as the file outside")
def test_adopt_reports_a_licence_that_links_out_of_the_repository(tmp_path: Path, template_repo: Path) -> None:
    repo = committed_repo(tmp_path / "repo", {"main.py": "print('hi')\n"})
    (repo / "LICENSE").symlink_to(PASSWD)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "a licence", cwd=repo)
    proc = run_cli("adopt", str(repo), *_ADOPT, "--template", str(template_repo))
    out = proc.stdout + proc.stderr
    assert "LICENSE: links outside the repository" in out
    secret = PASSWD.read_text().splitlines()[0]
    assert secret not in out and secret not in _everything_written(repo)
    assert (repo / "LICENSE").is_symlink()  # the project's file is left as it is


def test_adopt_never_writes_through_a_folder_that_links_out(tmp_path: Path, template_repo: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    mit = "Copyright (c) 2024 Jane Doe\n\n" + catalogue().get("MIT").text()
    repo = committed_repo(tmp_path / "repo", {"main.py": "print('hi')\n", "LICENSE": mit})
    (repo / "docs").symlink_to(outside, target_is_directory=True)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "docs elsewhere", cwd=repo)
    proc = run_cli("adopt", str(repo), *_ADOPT, "--template", str(template_repo))
    assert proc.returncode == 0, proc.stderr
    assert list(outside.iterdir()) == []
    assert "not read or written: docs/PUBLISHING.md: links outside the repository" in proc.stdout


def test_a_licence_over_the_size_limit_is_reported_not_read(tmp_path: Path, template_repo: Path) -> None:
    repo = committed_repo(tmp_path / "repo", {"LICENSE": "MIT License\n" + "x" * (repofiles.MAX_BYTES + 1)})
    proc = run_cli("adopt", str(repo), *_ADOPT, "--template", str(template_repo))
    size = repofiles.MAX_BYTES + len("MIT License\n") + 1
    assert f"LICENSE: {size} bytes, more than the {repofiles.MAX_BYTES}" in proc.stdout + proc.stderr


def test_update_refuses_an_answers_file_that_links_out(tmp_path: Path) -> None:
    outside = tmp_path / "answers.yml"
    outside.write_text("_src_path: /nowhere\n_commit: v1.0.0\n")
    repo = committed_repo(tmp_path / "repo", {})
    (repo / ".copier-answers.yml").symlink_to(outside)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "answers elsewhere", cwd=repo)
    proc = run_cli("update", str(repo))
    assert proc.returncode == 1
    assert "refused: .copier-answers.yml: links outside the repository" in proc.stdout


# --- git: transports, options ------------------------------------------------------------


def test_update_never_runs_the_ext_transport_named_by_an_answers_file(
    tmp_path: Path, permissive_git: dict[str, str]
) -> None:
    marker = tmp_path / "ext-ran"
    repo = committed_repo(
        tmp_path / "repo", {".copier-answers.yml": f"_src_path: 'ext::sh -c touch% {marker}'\n_commit: v1.0.0\n"}
    )
    proc = run_cli("update", str(repo), env=permissive_git)
    assert proc.returncode == 1
    assert "failed: cannot reach template ext::" in proc.stdout
    assert not marker.exists()


@pytest.mark.parametrize("source", ["--upload-pack=touch pwned", "-oProxyCommand=touch pwned"])
def test_update_refuses_a_template_source_that_starts_with_a_dash(tmp_path: Path, source: str) -> None:
    repo = committed_repo(tmp_path / "repo", {".copier-answers.yml": f"_src_path: '{source}'\n_commit: v1.0.0\n"})
    proc = run_cli("update", str(repo))
    assert proc.returncode == 1
    assert f"refused: _src_path '{source}' starts with '-'" in proc.stdout
    assert not (repo / "pwned").exists() and not Path("pwned").exists()


def test_paths_and_templates_that_start_with_a_dash_are_refused(tmp_path: Path) -> None:
    adopt = run_cli("adopt", "--", "-repo", cwd=tmp_path)
    assert adopt.returncode == 1 and "PATH: '-repo' starts with '-'" in adopt.stderr
    new = run_cli("new", str(tmp_path / "p"), "--template=--upload-pack=touch pwned", "--defaults", cwd=tmp_path)
    assert new.returncode == 1 and "starts with '-'" in new.stderr
    update = run_cli("update", "--", "-repo", cwd=tmp_path)
    assert update.returncode == 1 and "repository path '-repo' starts with '-'" in update.stdout
    assert not (tmp_path / "pwned").exists()


def test_copiers_own_git_calls_refuse_the_ext_transport(
    tmp_path: Path, permissive_git: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """copier clones ``git+URL`` sources itself (through plumbum): scaffolder's hardening reaches those calls."""
    from copier import run_copy
    from plumbum import local

    from scaffolder.create import copy_template

    for key, value in permissive_git.items():
        monkeypatch.setenv(key, value)
    marker = tmp_path / "ext-ran"
    source = f"git+ext::sh -c touch% {marker}"
    with local.env(**permissive_git):  # plumbum copied the environment at import: give it the machine's config
        with pytest.raises(ScaffolderError):
            copy_template(source, tmp_path / "p", {}, vcs_ref=None, defaults=True, user_defaults={}, quiet=True)
        assert not marker.exists()
        # Control: the same source through bare copier, on this machine, runs the command.
        with warnings.catch_warnings(), pytest.raises(Exception):  # noqa: B017
            warnings.simplefilter("ignore")
            run_copy(source, tmp_path / "r", defaults=True, quiet=True)
    assert marker.exists()


def test_hardened_git_refuses_ext_and_fd_and_keeps_the_users_configuration(
    tmp_path: Path, permissive_git: dict[str, str]
) -> None:
    env = {"PATH": "/usr/bin:/bin", **permissive_git, "GIT_CONFIG_COUNT": "1"}
    env.update({"GIT_CONFIG_KEY_0": "user.name", "GIT_CONFIG_VALUE_0": "Kept"})
    hardened = {**env, **gitops.hardened_env(env)}
    for url in ("ext::true", "fd::0"):
        proc = subprocess.run(["git", "ls-remote", "--", url], env=hardened, capture_output=True, text=True)
        assert proc.returncode != 0 and "not allowed" in proc.stderr, proc.stderr
    name = subprocess.run(["git", "config", "user.name"], env=hardened, capture_output=True, text=True, cwd=tmp_path)
    assert name.stdout.strip() == "Kept"
    assert gitops.hardened_env({"GIT_ALLOW_PROTOCOL": "https:ext"})["GIT_ALLOW_PROTOCOL"] == "https"


# --- check and inventory (issue 16, items 3 and 5, follow-up) ----------------------------


@pytest.mark.skipif(not PASSWD.is_file(), reason="needs /etc/passwd as the file outside")
def test_check_reports_a_licence_that_links_out_of_the_repository_and_never_reads_it(tmp_path: Path) -> None:
    repo = committed_repo(tmp_path / "repo", {"main.py": "print('hi')\n"})
    (repo / "LICENSE").symlink_to(PASSWD)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "a licence", cwd=repo)
    proc = run_cli("check", "--format", "json", "--select", "LIC", str(repo))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    results = {r["id"]: r for r in json.loads(proc.stdout)["results"]}
    assert results["LIC002"]["status"] == "fail" and "links outside the repository" in results["LIC002"]["message"]
    secret = PASSWD.read_text().splitlines()[0]
    assert secret not in proc.stdout + proc.stderr


@pytest.mark.skipif(not PASSWD.is_file(), reason="needs /etc/passwd as the file outside")
def test_inventory_records_a_licence_that_links_out_as_a_link_and_never_reads_it(tmp_path: Path) -> None:
    repo = committed_repo(tmp_path / "repo", {"main.py": "print('hi')\n"})
    (repo / "LICENSE").symlink_to(PASSWD)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "a licence", cwd=repo)
    db = tmp_path / "inv.sqlite"
    proc = run_cli("inventory", "collect", str(repo), "--db", str(db), "--no-template-check")
    out = proc.stdout + proc.stderr
    export = run_cli("inventory", "export", "--db", str(db), "--format", "json")
    assert export.returncode == 0, export.stderr
    secret = PASSWD.read_text().splitlines()[0]
    assert secret not in out and secret not in export.stdout and secret not in db.read_bytes().decode(errors="replace")
    assert "LICENSE" in out + export.stdout  # the link is reported (a problem), not silently skipped


def test_inventory_refuses_an_ext_url_in_a_from_file_and_runs_nothing(
    tmp_path: Path, permissive_git: dict[str, str]
) -> None:
    marker = tmp_path / "pwned"
    listing = tmp_path / "repos.txt"
    listing.write_text(f"ext::sh -c touch% {marker}\n")
    proc = run_cli(
        "inventory",
        "collect",
        "--from",
        str(listing),
        "--db",
        str(tmp_path / "inv.sqlite"),
        "--cache",
        str(tmp_path / "cache"),
        env=permissive_git,
    )
    assert proc.returncode in (1, 2), proc.stdout + proc.stderr
    assert "ext::" in proc.stdout + proc.stderr and "Traceback" not in proc.stderr
    assert not marker.exists()


def test_inventory_git_runs_hardened_even_where_the_machine_allows_ext(
    permissive_git: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffolder.inventory.gitread import git_env

    for key, value in permissive_git.items():
        monkeypatch.setenv(key, value)
    env = git_env()
    assert "ext" not in env["GIT_ALLOW_PROTOCOL"].split(":") and "fd" not in env["GIT_ALLOW_PROTOCOL"].split(":")
    keys = {env[f"GIT_CONFIG_KEY_{i}"]: env[f"GIT_CONFIG_VALUE_{i}"] for i in range(int(env["GIT_CONFIG_COUNT"]))}
    assert keys["protocol.ext.allow"] == "never" and keys["protocol.fd.allow"] == "never"
    assert keys["core.hooksPath"] == "/dev/null"


DEP5 = (
    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
    "Files: *.py\nCopyright: 2026 CERN\nLicense: Apache-2.0\n"
)


def test_check_reads_a_dep5_file_and_refuses_one_that_links_out(tmp_path: Path) -> None:
    def reu(repo: Path) -> dict[str, dict[str, str]]:
        proc = run_cli("check", "--format", "json", "--select", "REU", str(repo))
        return {r["id"]: r for r in json.loads(proc.stdout)["results"]}

    licence = (Path(__file__).resolve().parent.parent / "LICENSES" / "Apache-2.0.txt").read_text()
    good = committed_repo(
        tmp_path / "good", {"main.py": "print('hi')\n", ".reuse/dep5": DEP5, "LICENSES/Apache-2.0.txt": licence}
    )
    results = reu(good)
    assert results["REU003"]["status"] == "pass" and results["REU001"]["status"] == "pass", results
    if PASSWD.is_file():
        bad = committed_repo(tmp_path / "bad", {"main.py": "print('hi')\n"})
        (bad / ".reuse").mkdir()
        (bad / ".reuse" / "dep5").symlink_to(PASSWD)
        git("add", "-A", cwd=bad)
        git("commit", "-q", "-m", "dep5", cwd=bad)
        results = reu(bad)
        assert results["REU003"]["status"] == "fail"
        assert "links outside the repository" in results["REU003"]["message"]
        assert PASSWD.read_text().splitlines()[0] not in json.dumps(results)
