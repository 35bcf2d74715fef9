# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Renderers of check reports: pure functions from reports to text, one per format.

Each takes the reports of one run (one per repository, in the order asked)
and returns the whole output as a string; none reads files or prints.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from scaffolder.check.report import Report

FORMATS = ("text", "json", "sarif", "markdown")


def renderer(name: str) -> Callable[[Sequence[Report]], str]:
    """The ``render`` function of format ``name`` (one of :data:`FORMATS`)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"scaffolder.render.{name}_format")
    return module.render  # type: ignore[no-any-return]


def one_line(text: str) -> str:
    """``text`` on one line without control characters: a repository's values are data, not layout."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
