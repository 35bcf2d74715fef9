# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Markdown for a merge-request comment: failures in a table, skips folded away.

Every value from a repository is escaped (``|``, HTML, newlines), so a file
name or notice cannot break the table or inject markup.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from scaffolder.render import one_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scaffolder.check.report import Report


def cell(text: str, *, code: bool = False) -> str:
    """``text`` safe inside a Markdown table cell (``code``: our own text, whose backticks are code spans)."""
    safe = html.escape(one_line(text), quote=False).replace("|", "\\|")
    return safe if code else safe.replace("`", "\\`")


def _report(report: Report) -> str:
    lines = [f"### scaffolder check: {cell(report.path)}", ""]
    if report.problem is not None:
        return "\n".join([*lines, f"Not checked: {cell(report.problem)}", ""])
    lines += [f"**{cell(report.summary().split(': ', 1)[-1])}**", ""]
    fails = report.failures
    if fails:
        lines += ["| rule | severity | what is wrong | fix |", "|---|---|---|---|"]
        lines += [
            f"| {r.id} | {r.severity} | {cell(r.title)}: {cell(r.message)} | {cell(r.fix, code=True)} |" for r in fails
        ]
        lines.append("")
    skipped = [r for r in report.results if r.status in ("skip", "ignored")]
    if skipped:
        lines += ["<details><summary>Skipped or ignored rules</summary>", ""]
        lines += [f"- {r.id} {cell(r.title)}: {cell(r.message)}" for r in skipped]
        lines += ["", "</details>", ""]
    return "\n".join(lines)


def render(reports: Sequence[Report]) -> str:
    out = "\n".join(_report(r) for r in reports)
    if len(reports) > 1:
        out += "\n| repository | errors | warnings | worst rule |\n|---|---|---|---|\n"
        for r in reports:
            if r.problem is not None:
                out += f"| {cell(r.path)} | - | - | not checked |\n"
            else:
                out += f"| {cell(r.path)} | {r.errors} | {r.warnings} | {r.worst or '-'} |\n"
    return out
