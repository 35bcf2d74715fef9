# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The readable report: rules grouped by family, each failure with its fix, then a summary line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaffolder.render import one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scaffolder.check.report import Report

MARK = {"fail": "FAIL", "pass": "ok", "skip": "skip", "ignored": "ign."}


def report_text(report: Report, *, passes: bool = True) -> str:
    """One repository: each family's rules (passes too unless ``passes`` is False), then the summary."""
    from scaffolder.check.rules import registry

    lines = [one_line(report.path)]
    if report.problem is not None:
        return f"{one_line(report.summary())}\n"
    families = registry().families
    current = None
    for r in report.results:
        if not passes and r.status == "pass":
            continue
        if r.family != current:
            current = r.family
            lines.append(f"  {families[r.family].title}")
        severity = f" {r.severity}" if r.status == "fail" else ""
        lines.append(f"    {MARK[r.status]:<4} {r.id}{severity}: {r.title}")
        if r.message and r.status != "pass":
            lines.append(f"         {one_line(r.message)}")
        if r.status == "fail":
            lines.append(f"         fix: {r.fix}")
    lines.append(one_line(report.summary()))
    return "\n".join(lines) + "\n"


def table(reports: Sequence[Report]) -> str:
    """The closing table of a run over many repositories: repository, errors, warnings, worst rule."""
    rows = [("repository", "errors", "warnings", "worst rule")]
    for r in reports:
        if r.problem is not None:
            rows.append((one_line(r.path), "-", "-", f"not checked: {one_line(r.problem)}"))
        else:
            rows.append((one_line(r.path), str(r.errors), str(r.warnings), r.worst or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        ("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]).rstrip() for row in rows
    ) + "\n"


def render(reports: Sequence[Report]) -> str:
    if len(reports) == 1:
        return report_text(reports[0])
    return "\n".join(report_text(r, passes=False) for r in reports) + "\n" + table(reports)
