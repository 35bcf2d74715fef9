# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Helpers shared by the tests: real copier, real git, real reuse; no network."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent

#: An identity for commits made by tests, independent of the machine's git config.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def git(*args: str, cwd: Path) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return proc.stdout


def checkout_files(dest: Path) -> Path:
    """This checkout's files as they are now (tracked and new, not ignored), without .git."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for rel in filter(None, listed.split("\0")):
        src = REPO / rel
        if not src.is_file():
            continue  # deleted in the working tree
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    return dest


def template_copy(dest: Path, tag: str | None = "v1.0.0") -> Path:
    """A git repository holding this checkout's template as it is now (tracked and new files)."""
    checkout_files(dest)
    git("init", "-q", "-b", "main", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "template", cwd=dest)
    if tag:
        git("tag", tag, cwd=dest)
    return dest


def render(dest: Path, answers: dict[str, Any], src: Path | str = REPO, vcs_ref: str = "HEAD") -> Path:
    """Plain copier (no scaffolder), with defaults for what ``answers`` leaves out."""
    import warnings

    from copier import run_copy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(str(src), dest, data=answers, defaults=True, quiet=True, vcs_ref=vcs_ref, unsafe=False)
    return dest


def answers_of(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))


def reuse_problems(project: Path) -> str:
    """What ``reuse lint --lines`` would say, through the reuse library ('' when compliant)."""
    from reuse.lint import format_lines
    from reuse.project import Project
    from reuse.report import ProjectReport

    report = ProjectReport.generate(Project.from_directory(project), do_checksum=False, multiprocessing=False)
    return "" if report.is_compliant else format_lines(report)


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, stdin: str | None = None,
            timeout: float = 300, git_identity: bool = True) -> subprocess.CompletedProcess[str]:
    """``scaffolder ARGS`` as a user runs it: a new process, this checkout first on the path.

    ``git_identity=False`` runs it as on a fresh machine: no git identity anywhere.
    """
    base = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    # The machine's own git configuration never leaks in: an empty global config, no system config.
    home = Path(tempfile.mkdtemp(prefix="home-"))
    (home / "gitconfig").write_text("")
    base.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / "gitconfig")})
    if git_identity:
        base.update(GIT_ENV)
    else:
        base.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")})
    full_env = {**base, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "scaffolder", *args],
        cwd=cwd,
        env=full_env,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def leftover_jinja(project: Path) -> list[str]:
    """Files that still contain Jinja syntax or do not end with a newline."""
    bad = []
    for path in project.rglob("*"):
        if not path.is_file() or ".git" in path.relative_to(project).parts:
            continue
        data = path.read_bytes()
        if not data:
            continue
        # GitHub Actions expressions `${{ ... }}` are not Jinja.
        text = re.sub(r"\$\{\{[^{}]*\}\}", "", data.decode("utf-8", errors="replace"))
        if "{{" in text or "{%" in text or "{#" in text or "%}" in text:
            bad.append(f"{path.relative_to(project)}: Jinja left")
        if not data.endswith(b"\n"):
            bad.append(f"{path.relative_to(project)}: no final newline")
    return bad


def in_a_terminal(*args: str) -> str:
    """``scaffolder ARGS`` in a pseudo-terminal: what the user sees."""
    import pexpect  # only the terminal tests need it

    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO)}
    child = pexpect.spawn(sys.executable, ["-m", "scaffolder", *args], env=env, encoding="utf-8", timeout=120)
    out = child.read()
    child.close()
    assert child.exitstatus == 0, out
    return out


def committed_repo(path: Path, files: dict[str, str], message: str = "start") -> Path:
    """A git repository at ``path`` holding ``files`` (name: text) in one commit (an empty one without files)."""
    path.mkdir(parents=True)
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text)
    git("init", "-q", cwd=path)
    git("add", "-A", cwd=path)
    git("commit", "-q", "--allow-empty", "-m", message, cwd=path)
    return path


def files_of(project: Path) -> dict[str, bytes]:
    """Every file below ``project`` but those in ``.git``, by POSIX path, with its bytes (byte-for-byte tests)."""
    return {
        p.relative_to(project).as_posix(): p.read_bytes()
        for p in sorted(project.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(project).parts
    }
