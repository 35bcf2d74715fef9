# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder wizard [DEST]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder.cli._answers import add_creation_flags, add_template_flag

if TYPE_CHECKING:
    import argparse


def register(sub: Any) -> None:
    p = sub.add_parser(
        "wizard",
        help="create a project with a guided questionnaire (helps choose the licences)",
        description="Guided questions, including yes/no questions that lead to a licence for each "
        "part of the project; a review of every answer and of the files; then the project is "
        "created exactly as `scaffolder new` would with the same answers. Needs a terminal.",
    )
    p.add_argument(
        "dest", type=Path, metavar="DEST", nargs="?", help="folder for the project (asked if omitted)"
    )
    p.add_argument(
        "--profile",
        metavar="FILE",
        help="organisation profile: a YAML file of default answers, or a built-in name ('cern', "
        "the default; 'none' for the template's own defaults); also read from $SCAFFOLDER_PROFILE",
    )
    add_template_flag(p)
    add_creation_flags(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scaffolder.wizard import Cancelled, run_wizard

    try:
        run_wizard(
            args.dest,
            profile=args.profile,
            template=args.template,
            vcs_ref=args.vcs_ref,
            force=args.force,
            git=args.git,
        )
    except Cancelled as exc:
        print(f"scaffolder: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0
