# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder adopt PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder.cli._answers import add_answer_flags, add_template_flag, collect_answers

if TYPE_CHECKING:
    import argparse


def register(sub: Any) -> None:
    p = sub.add_parser(
        "adopt",
        help="bring an existing repository under the template's management",
        description="Add the template's files that PATH lacks, compare the ones it has (never "
        "overwriting them unless --overwrite) and write the answers file, so that `scaffolder update` "
        "keeps the repository current from then on. The licence is identified in the root licence files "
        "(LICENSE*, LICENCE*, COPYING*): adopt stops, writing nothing, when it cannot tell the licence or the "
        "licence is not in the catalogue, unless --data software_license=ID (or hardware_/docs_license) gives "
        "it. Copyright notices found there and in file headers are kept. Other defaults are guessed from "
        "the repository: the name from the folder, the author from git config.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help="the repository (a clean git work tree)")
    add_answer_flags(p)
    add_template_flag(p)
    p.add_argument("--to", metavar="VERSION", help="template version to adopt (a tag; default: the newest)")
    p.add_argument(
        "--overwrite", action="store_true", help="replace existing files that differ from the template"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scaffolder.adopt import adopt

    result = adopt(
        args.path,
        data=collect_answers(args),
        template=args.template,
        to=args.to,
        defaults=args.defaults,
        overwrite=args.overwrite,
        quiet=True,
    )
    found = "; ".join(result.licence_files) or "given with --data"
    print(f"licence recorded: {result.licence} (found: {found})")
    if result.kept_copyright:
        print("copyright kept: " + "; ".join(result.kept_copyright))
    if result.guessed:
        print("guessed from the repository: " + ", ".join(f"{k}={v!r}" for k, v in result.guessed.items()))
    for label, names in (
        ("added", result.added),
        ("matches the template", result.matching),
        ("differs from the template (kept yours; --overwrite replaces it)", result.differing),
        ("overwritten", result.overwritten),
    ):
        for name in names:
            print(f"{label}: {name}")
    for problem in result.reuse_problems:
        print(f"reuse lint: {problem}")
    print(f"recorded template version {result.version} in .copier-answers.yml")
    print(
        "review the changes (git status, git diff) and commit them; "
        "from then on `scaffolder update` keeps the repository current"
    )
    from scaffolder.check import summary_line

    print(summary_line(result.path, untracked=True))
    return 0
