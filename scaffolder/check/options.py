# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""How one run of ``scaffolder check`` is asked for: one typed, picklable value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


@dataclass(frozen=True)
class CheckOptions:
    """What to check and how; the same for every repository of a run."""

    #: Rule ids, families or prefixes to run (empty: all).
    select: tuple[str, ...] = ()
    #: Rule ids, families or prefixes to leave out.
    ignore: tuple[str, ...] = ()
    #: Also check untracked files that git does not ignore (after ``adopt``, before the commit).
    untracked: bool = False
    #: Let the REUSE pass use the ``reuse`` library's process pool (off inside a pool of repositories).
    parallel: bool = True

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CheckOptions:
        return cls(
            select=tuple(_tokens(args.select)),
            ignore=tuple(_tokens(args.ignore)),
            untracked=bool(getattr(args, "untracked", False)),
        )


def _tokens(values: list[str] | None) -> list[str]:
    """``--select A,B --select C`` as ``[A, B, C]``."""
    return [t.strip() for v in values or [] for t in v.split(",") if t.strip()]
