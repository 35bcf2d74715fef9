# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder report``: the OSPO's yearly report from the inventory."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder.errors import UsageError

if TYPE_CHECKING:
    import argparse

DB_DEFAULT = Path("inventory.sqlite")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help="write the yearly report (HTML, Markdown, PDF) from the inventory's snapshots",
        description="Write the OSPO's report for one year: projects by kind and licence, new projects, "
        "compliance over time, template currency, activity inside and outside the organisation, and "
        "contributions to external projects, comparing the year's newest snapshot with an earlier year's. "
        "report.html is self-contained; report.pdf is printed from it when Chromium is installed. "
        "See docs/catalogue.md.",
        epilog="exit status: 0 written; 1 no inventory database, or no snapshot in that year; 2 wrong command line.",
    )
    p.add_argument(
        "--db", type=Path, default=DB_DEFAULT, metavar="FILE", help="inventory database (default: %(default)s)"
    )
    p.add_argument("--year", required=True, metavar="YYYY", help="the year to report on")
    p.add_argument("--output", "-o", type=Path, required=True, metavar="DIR", help="folder to write the report into")
    p.add_argument("--no-pdf", action="store_true", help="do not print report.pdf even when Chromium is installed")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not re.fullmatch(r"\d{4}", args.year):
        raise UsageError(f"--year {args.year!r}: expected a year like 2026")
    from scaffolder.publish import report

    done = report.write(args.output, args.db, int(args.year), want_pdf=not args.no_pdf)
    print(f"report {done['year']} ({done['projects']} project(s), snapshot {done['snapshot'] or 'none'}) "
          f"written to {args.output}/report.html and report.md")  # fmt: skip
    if done["pdf"]:
        print(f"PDF: {done['pdf']}")
    elif "pdf_skipped" in done:
        print(f"PDF skipped: {done['pdf_skipped']}")
    return 0
