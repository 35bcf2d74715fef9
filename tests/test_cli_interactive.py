# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder new`` in a real terminal (a pty), answering copier's questions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.helpers import GIT_ENV, REPO, answers_of, reuse_problems

pexpect = pytest.importorskip("pexpect")


def test_new_asks_the_questions_in_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO)}
    child = pexpect.spawn(sys.executable, ["-m", "scaffolder", "new", str(tmp_path / "p"),
                                           "--data", "author_email=dev@example.org"], env=env,
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
