# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""This repository practises what it generates."""

from __future__ import annotations

import re

from tests.helpers import REPO, reuse_problems


def test_this_repository_is_reuse_compliant() -> None:
    assert reuse_problems(REPO) == ""


def test_readme_quick_start_is_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n.*?```(?:sh|console|bash)\n(.*?)```", readme, re.S)
    assert block, "README has a Quick start code block"
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith("scaffolder new my-project --defaults")
    assert "pytest" in commands[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pytest" in ci


def test_template_requires_no_trust() -> None:
    config = (REPO / "copier.yml").read_text(encoding="utf-8")
    for setting in ("_tasks", "_jinja_extensions", "_external_data"):
        assert f"\n{setting}:" not in config
