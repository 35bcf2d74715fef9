# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The README's Quick start is what CI runs, and its exit-code table covers every command."""

from __future__ import annotations

import re
import subprocess

from scaffolder.cli import COMMANDS
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
CI = (REPO / ".ci" / "run").read_text(encoding="utf-8")
TEST_COMMAND = ".venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"


def section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no section {title!r}"
    return match.group(1)


def quick_start() -> list[str]:
    block = re.search(r"^```sh\n(.*?)^```$", section("Quick start"), re.S | re.M)
    assert block, "no sh block in the Quick start"
    return block.group(1).splitlines()


def test_quick_start_is_two_commands_and_the_second_installs_only_the_test_extra() -> None:
    setup, tests = quick_start()
    assert setup.startswith("python3 -m venv .venv && .venv/bin/pip install -e . && ")
    assert setup.endswith(".venv/bin/scaffolder new my-project --defaults")
    assert tests == TEST_COMMAND
    assert "/my-project/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_ci_runs_the_quick_start_block_verbatim_before_installing_anything_else() -> None:
    awk = re.search(r"quick_start=\$\(awk '(.*?)' README\.md\)", CI, re.S)
    assert awk, ".ci/run no longer extracts the Quick start block with awk"
    extracted = subprocess.run(
        ["awk", awk.group(1), str(REPO / "README.md")], capture_output=True, text=True, check=True
    ).stdout
    assert extracted.splitlines() == quick_start()
    runs_it = CI.index('bash -euo pipefail -c "$quick_start"')
    assert "pip install" not in CI[:runs_it], "CI installs something before the README's commands"
    after = CI[runs_it:]
    assert after.index("'.[dev]'") < after.index("ruff check") < after.index("mypy") < after.index("reuse lint")


def test_exit_code_table_has_a_row_for_every_command() -> None:
    rows = [line for line in section("Exit codes").splitlines() if line.startswith("| `")]
    names = [re.match(r"\| `([^`]*)`", row).group(1) for row in rows]  # type: ignore[union-attr]
    for command in (*COMMANDS, "check"):
        assert any(name.split()[0] == command for name in names), f"no exit-code row for {command}"
    [check_row] = [row for row, name in zip(rows, names, strict=True) if name.startswith("update --check")]
    cells = [cell.strip() for cell in check_row.strip("|").split("|")]
    assert "up to date" in cells[1] and "update is available" in cells[2] and "could not be checked" in cells[3]
