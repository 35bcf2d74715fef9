# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The result of checking one repository: built once, rendered by every format.

A repository that cannot be checked at all (not a git repository) is a
report with a ``problem``, not an exception, so a run over many repositories
reports every one of them.  ``as_dict()`` is the JSON format (docs/check.md,
"JSON"): it starts with ``schema_version``, raised whenever a field changes
meaning or goes away.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from scaffolder import __version__
from scaffolder.check.rules import SEVERITIES

#: The version of the JSON format of a report (docs/check.md).
SCHEMA_VERSION = 1
STATUSES = ("fail", "pass", "skip", "ignored")


@dataclass(frozen=True)
class Result:
    """One rule's outcome on one repository."""

    id: str
    family: str
    severity: str
    title: str
    status: str  # one of STATUSES
    #: What failed, why it was skipped or ignored, or a detail of a pass.
    message: str = ""
    locations: tuple[str, ...] = ()
    fix: str = ""
    help: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "family": self.family,
            "severity": self.severity,
            "title": self.title,
            "status": self.status,
            "message": self.message,
            "locations": list(self.locations),
            "fix": self.fix,
            "help": self.help,
        }


@dataclass
class Report:
    """Every selected rule's result on one repository, in the order the rules ran."""

    path: str
    results: list[Result] = field(default_factory=list)
    #: Why the repository could not be checked at all (exit 2), or None.
    problem: str | None = None

    def count(self, status: str, severity: str | None = None) -> int:
        return sum(1 for r in self.results if r.status == status and (severity is None or r.severity == severity))

    @cached_property
    def failures(self) -> list[Result]:
        order = {"error": 0, "warning": 1, "info": 2}
        return sorted((r for r in self.results if r.status == "fail"), key=lambda r: order[r.severity])

    @cached_property
    def errors(self) -> int:
        return self.count("fail", "error")

    @cached_property
    def warnings(self) -> int:
        return self.count("fail", "warning")

    @cached_property
    def ok(self) -> bool:
        """No error-severity failure and nothing that stopped the check."""
        return self.problem is None and self.errors == 0

    @property
    def exit_code(self) -> int:
        return self.exit_for("error")

    def exit_for(self, fail_on: str) -> int:
        """2 when the repository could not be checked; 1 when a rule of severity ``fail_on`` or a graver one
        failed (``never``: no severity fails); else 0."""
        if self.problem is not None:
            return 2
        if fail_on == "never":
            return 0
        counted = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        return 1 if any(r.severity in counted for r in self.failures) else 0

    @property
    def worst(self) -> str:
        """The id of the gravest failure ('' when none)."""
        return self.failures[0].id if self.failures else ""

    def summary(self) -> str:
        """One line: the path and the counts."""
        if self.problem is not None:
            return f"{self.path}: not checked: {self.problem}"
        parts = [
            _plural(self.errors, "error"),
            _plural(self.warnings, "warning"),
            f"{self.count('fail', 'info')} info",
            f"{self.count('pass')} passed",
            f"{self.count('skip')} skipped",
        ]
        if ignored := self.count("ignored"):
            parts.append(f"{ignored} ignored")
        return f"{self.path}: " + ", ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "scaffolder", "version": __version__},
            "path": self.path,
            "problem": self.problem,
            "ok": self.ok,
            "summary": {
                "errors": self.errors,
                "warnings": self.warnings,
                "info": self.count("fail", "info"),
                "passed": self.count("pass"),
                "skipped": self.count("skip"),
                "ignored": self.count("ignored"),
            },
            "results": [r.as_dict() for r in self.results],
        }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
