# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""REUSE: copyright and licence of every tracked file, through the ``reuse`` library."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaffolder.check.families._util import plural, some
from scaffolder.check.rules import Fail, Pass, Verdict, predicate

if TYPE_CHECKING:
    from scaffolder.check.facts import Facts


@predicate("REU003")
def configuration_readable(facts: Facts) -> Verdict:
    reuse = facts.reuse
    if reuse.error is not None:
        return Fail(reuse.error, tuple(p for p in ("REUSE.toml", ".reuse/dep5") if p in facts.file_set))
    return Pass(f"{plural(reuse.files, 'file')} covered")


@predicate("REU001")
def every_file_annotated(facts: Facts) -> Verdict:
    reuse = facts.reuse
    lacking = sorted(set(reuse.no_licence) | set(reuse.no_copyright) | set(reuse.read_errors))
    if not lacking:
        return None
    parts = []
    if reuse.no_licence:
        parts.append(f"{len(reuse.no_licence)} without licence")
    if reuse.no_copyright:
        parts.append(f"{len(reuse.no_copyright)} without copyright")
    if reuse.read_errors:
        parts.append(f"{len(reuse.read_errors)} unreadable")
    return Fail(
        f"{plural(len(lacking), 'file')} of {reuse.files} ({', '.join(parts)}): {some(lacking)}", tuple(lacking[:10])
    )


@predicate("REU002")
def expressions_valid(facts: Facts) -> Verdict:
    invalid = facts.reuse.invalid
    if invalid:
        return Fail(
            "; ".join(f"{path}: {', '.join(exprs)}" for path, exprs in list(invalid.items())[:10]),
            tuple(list(invalid)[:10]),
        )
    return None
