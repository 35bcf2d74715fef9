# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""SARIF 2.1.0 (OASIS), for GitHub code scanning and other SARIF viewers: one run per repository.

Every rule of the run is a ``reportingDescriptor`` (id, title, fix as help,
severity as default level); every failure is a ``result`` at the files the
rule named, or at the repository root when it named none (a missing file).
Passes, skips and ignored rules are not results.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scaffolder.check.report import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
BASE = "REPOROOT"


def _location(path: str) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": {"uri": path or ".", "uriBaseId": BASE}}}


def _run(report: Report) -> dict[str, Any]:
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for r in report.results:
        index[r.id] = len(rules)
        rules.append(
            {
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.title},
                "help": {"text": r.fix},
                "defaultConfiguration": {"level": LEVEL[r.severity]},
                "properties": {"family": r.family, "documentation": r.help},
            }
        )
    results = []
    for r in report.results:
        if r.status != "fail":
            continue
        where = r.locations or ("",)
        results.append(
            {
                "ruleId": r.id,
                "ruleIndex": index[r.id],
                "level": LEVEL[r.severity],
                "message": {"text": f"{r.message} (fix: {r.fix})" if r.message else r.title},
                "locations": [_location(path) for path in where],
            }
        )
    root = Path(report.path).expanduser().absolute().as_uri().rstrip("/") + "/"
    invocation: dict[str, Any] = {"executionSuccessful": report.problem is None}
    if report.problem is not None:
        invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": report.problem}}]
    return {
        "tool": {
            "driver": {
                "name": "scaffolder check",
                "version": __version__,
                "informationUri": "https://reuse.software/",
                "rules": rules,
            }
        },
        "originalUriBaseIds": {BASE: {"uri": root}},
        "invocations": [invocation],
        "results": results,
    }


def render(reports: Sequence[Report]) -> str:
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [_run(r) for r in reports]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
