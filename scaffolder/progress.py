# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Progress lines: one line per slow step, on a terminal only.

The API functions (:func:`scaffolder.create.new`, :func:`scaffolder.adopt.adopt`,
:func:`scaffolder.update.update`) take an optional ``on_step`` callback and
call it with a short phrase ("rendering the template") before each step that
can take more than a second; they print nothing themselves.  The CLI passes
:func:`for_cli`, which writes the lines to stderr only when stderr is a
terminal and ``--quiet`` was not given, so pipes, CI logs and ``--format
json`` stay exactly as they were.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

#: Called with a phrase naming the step about to start.
Step = Callable[[str], None]


def step(on_step: Step | None, what: str) -> None:
    """Tell ``on_step`` (if any) that ``what`` starts."""
    if on_step is not None:
        on_step(what)


def to_stderr(what: str) -> None:
    """One line on stderr (a module-level function: picklable for worker processes)."""
    print(f"scaffolder: {what}...", file=sys.stderr, flush=True)


def for_cli(*, quiet: bool) -> Step | None:
    """The callback for a command: :func:`to_stderr` on a terminal, nothing with ``--quiet`` or when piped."""
    if quiet or not sys.stderr.isatty():
        return None
    return to_stderr
