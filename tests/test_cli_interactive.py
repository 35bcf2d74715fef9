# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder new`` in a real terminal (a pty): copier's questions, and the progress lines."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from scaffolder import progress
from tests.helpers import GIT_ENV, REPO, answers_of, in_a_terminal, reuse_problems, run_cli


def test_new_asks_the_questions_in_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO)}
    child = pexpect.spawn(sys.executable, ["-m", "scaffolder", "new", str(tmp_path / "p")], env=env,
                          encoding="utf-8", timeout=60, dimensions=(40, 200))
    child.expect("Human name of the project")
    child.send("\x15Interactive Zoë\r")  # Ctrl-U clears the pre-filled default
    child.expect("Repository and package name")
    child.send("\r")  # accept the slug derived from the name
    for _ in range(80):  # accept every other default
        if child.expect([r"🎤", pexpect.EOF]) == 1:
            break
        child.send("\r")
    child.close()
    assert child.exitstatus == 0
    answers = answers_of(tmp_path / "p")
    assert answers["project_name"] == "Interactive Zoë"
    assert answers["project_slug"] == "interactive-zoe"
    assert reuse_problems(tmp_path / "p") == ""


def test_new_says_what_it_is_doing_on_a_terminal_and_is_quiet_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a template URL the project's CI can reach, so that no warning joins the progress lines
    monkeypatch.setenv("SCAFFOLDER_TEMPLATE_URL", "https://gitlab.example.org/ospo/scaffolder.git")
    out = in_a_terminal("new", str(tmp_path / "p"), "--defaults")
    lines = [line for line in out.splitlines() if line.startswith("scaffolder: ")]
    assert lines == ["scaffolder: rendering the template...", "scaffolder: committing..."], out
    assert "scaffolder:" not in in_a_terminal("new", str(tmp_path / "q"), "--defaults", "--quiet")
    piped = run_cli("new", str(tmp_path / "r"), "--defaults")  # stderr is a pipe: no progress lines
    assert piped.returncode == 0 and "scaffolder:" not in piped.stderr, piped.stderr


def test_progress_callback_is_none_unless_stderr_is_a_terminal() -> None:
    assert progress.for_cli(quiet=True) is None
    assert progress.for_cli(quiet=False) is (progress.to_stderr if sys.stderr.isatty() else None)
    heard: list[str] = []
    progress.step(heard.append, "committing")
    progress.step(None, "nothing hears this")
    assert heard == ["committing"]
