# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""What the template-update CI/CD component and GitHub Action decide from scaffolder's JSON output.

The GitLab CI/CD component (``templates/template-update.yml``) and the GitHub
Action (``action.yml``, ``command: update``) run in a project's pipeline; what
they do after the update is decided here, once, from the documented JSON
output.  (The check's failure threshold is ``scaffolder check --fail-on``.)

``python -m scaffolder.pipeline outcome UPDATE.json``
    Read ``scaffolder update --format json`` for one repository; print
    ``none`` (up to date: nothing to push) or ``push`` (updated, or updated with
    conflicts to resolve in review); exit 1 with the reason when the update
    failed or was refused.

Standard library only: it runs before anything else is imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class PipelineError(Exception):
    """An output that cannot be read: the job fails with one line."""


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PipelineError(f"cannot read {path}: {exc.strerror}") from None
    except ValueError:
        raise PipelineError(f"{path} is not JSON (was scaffolder run with --format json?)") from None


def outcome(results: Any) -> str:
    """``none`` or ``push`` for one repository's update result (see the module docstring)."""
    if not isinstance(results, list) or len(results) != 1 or not isinstance(results[0], dict):
        raise PipelineError("not the scaffolder update result of one repository")
    result = results[0]
    state = result.get("result")
    if state == "up to date":
        return "none"
    if state in ("updated", "conflicts"):
        return "push"
    raise PipelineError(f"template update {state}: {result.get('reason') or 'no reason given'}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scaffolder.pipeline", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    upd = sub.add_parser("outcome", help="what a template update job does next")
    upd.add_argument("result", type=Path)
    args = parser.parse_args(argv)
    try:
        print(outcome(_load(args.result)))
        return 0
    except PipelineError as exc:
        print(f"scaffolder pipeline: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
