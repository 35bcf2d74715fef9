# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""What the CI/CD component and the GitHub Action decide from scaffolder's JSON output.

The GitLab CI/CD component (``templates/``) and the GitHub Action
(``action.yml``) run in a project's pipeline; the two decisions they take
are made here, once, from the documented JSON outputs:

``python -m scaffolder.pipeline gate REPORT.json --fail-on error|warning|info|never``
    Exit 1 when the ``scaffolder check --format json`` report (one repository
    or many) has a failed rule of the threshold's severity or graver, naming
    each; 0 otherwise.  ``error`` is ``scaffolder check``'s own exit status.

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

#: Severities, gravest first; a threshold fails on its own and every graver one.
SEVERITIES = ("error", "warning", "info")
THRESHOLDS = (*SEVERITIES, "never")


class PipelineError(Exception):
    """An output that cannot be read: the job fails with one line."""


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PipelineError(f"cannot read {path}: {exc.strerror}") from None
    except ValueError:
        raise PipelineError(f"{path} is not JSON (was scaffolder run with --format json?)") from None


def failures(report: Any, threshold: str) -> list[str]:
    """``path: RULE (severity) title`` for each failed rule at or above ``threshold``."""
    if threshold not in THRESHOLDS:
        raise PipelineError(f"--fail-on: {threshold!r} is not one of {', '.join(THRESHOLDS)}")
    if threshold == "never":
        return []
    counted = SEVERITIES[: SEVERITIES.index(threshold) + 1]
    repos = report.get("repositories", [report]) if isinstance(report, dict) else None
    if not isinstance(repos, list) or not all(isinstance(r, dict) and "results" in r for r in repos):
        raise PipelineError("not a scaffolder check report (no results)")
    found = []
    for repo in repos:
        for result in repo["results"]:
            if result.get("status") == "fail" and result.get("severity") in counted:
                found.append(f"{repo.get('path', '.')}: {result.get('id')} ({result.get('severity')}) "
                             f"{result.get('title', '')}".rstrip())
    return found


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
    gate = sub.add_parser("gate", help="fail on a check report's failures at or above a severity")
    gate.add_argument("report", type=Path)
    gate.add_argument("--fail-on", default="error", metavar="|".join(THRESHOLDS))
    upd = sub.add_parser("outcome", help="what a template update job does next")
    upd.add_argument("result", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "gate":
            found = failures(_load(args.report), args.fail_on)
            for line in found:
                print(f"failed: {line}")
            if found:
                print(f"scaffolder check: {len(found)} failed at --fail-on {args.fail_on} or graver")
            return 1 if found else 0
        print(outcome(_load(args.result)))
        return 0
    except PipelineError as exc:
        print(f"scaffolder pipeline: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
