# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The check's own settings in the repository."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaffolder.check.rules import Fail, Pass, Verdict, predicate

if TYPE_CHECKING:
    from scaffolder.check.facts import Facts


@predicate("CFG001")
def settings_valid(facts: Facts) -> Verdict:
    config = facts.config
    if config.problems:
        return Fail("; ".join(config.problems), (config.source.split()[0],) if config.source else ())
    if config.source:
        return Pass(f"{config.source}: {len(config.ignore)} rule(s) ignored with a reason")
    return Pass("no settings (pyproject.toml [tool.scaffolder.check] or .scaffolder-check.toml)")
