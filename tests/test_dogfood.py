# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""This repository follows the OSPO's rules it checks: `scaffolder check .` passes on its tracked files.

Every rule that does not apply to it is ignored in ``pyproject.toml``
(``[tool.scaffolder.check.ignore]``) with its reason; CI runs the same check
(``.ci/run``, after the dev extra is installed).
"""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.helpers import REPO, run_cli


def _is_work_tree() -> bool:
    proc = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=REPO, capture_output=True, text=True)
    return proc.returncode == 0 and proc.stdout.strip() != ""


@pytest.mark.skipif(not _is_work_tree(), reason="needs this repository as a git work tree (its tracked files)")
def test_this_repository_passes_scaffolder_check_with_no_error_and_no_warning() -> None:
    proc = run_cli("check", "--format", "json", str(REPO))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    report = json.loads(proc.stdout)
    failed = [(r["id"], r["severity"], r["message"]) for r in report["results"] if r["status"] == "fail"]
    assert failed == []
    ignored = {r["id"]: r["message"] for r in report["results"] if r["status"] == "ignored"}
    assert all(len(reason) > 40 for reason in ignored.values()), ignored  # a reason, not a placeholder


def test_ci_runs_the_check_after_installing_the_dev_extra() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "check .venv/bin/scaffolder check ." in script
    assert script.index("pip install -q -e '.[dev]'") < script.index("scaffolder check .")
