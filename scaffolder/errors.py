# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Errors that the CLI turns into one line and an exit code, never a traceback."""

from __future__ import annotations


class ScaffolderError(Exception):
    """A problem the user can fix; the CLI prints it and exits 1."""

    exit_code = 1


class UsageError(ScaffolderError):
    """The command line itself is wrong (exit 2, like argparse)."""

    exit_code = 2


class AnswerError(ScaffolderError):
    """An answer that the questionnaire does not accept."""

    def __init__(self, field: str, value: object, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field}: {_show(value)} is not accepted: {allowed}")


def listed(paths: list[str], limit: int = 8) -> str:
    """``paths`` for a one-line message: the first ``limit`` of them, then how many more."""
    shown = ", ".join(paths[:limit])
    return shown + (f" and {len(paths) - limit} more" if len(paths) > limit else "")


def _show(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 80 else text[:77] + "..."
