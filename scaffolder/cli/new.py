# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder new DEST``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from scaffolder.cli._answers import add_answer_flags, add_creation_flags, add_template_flag, collect_answers


def register(sub: Any) -> None:
    p = sub.add_parser(
        "new",
        help="create a project from the template",
        description="Create a project in DEST: asks the questions (or takes --defaults), renders the "
        "template, then runs `git init` and makes the first commit.",
    )
    p.add_argument("dest", type=Path, metavar="DEST", help="folder to create the project in")
    add_answer_flags(p)
    add_template_flag(p)
    add_creation_flags(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scaffolder.create import new
    from scaffolder.identity import unreachable_warning

    result = new(
        args.dest,
        data=collect_answers(args),
        template=args.template,
        vcs_ref=args.vcs_ref,
        defaults=args.defaults,
        force=args.force,
        git=args.git,
    )
    print(f"created {result.path} ({len(result.files)} files)", file=sys.stderr)
    if warning := unreachable_warning(result.answers):
        print(f"scaffolder: {warning}", file=sys.stderr)
    if result.commit:
        print(f"first commit {result.commit[:12]}", file=sys.stderr)
        from scaffolder.check import summary_line

        print(summary_line(result.path), file=sys.stderr)
    return 0
