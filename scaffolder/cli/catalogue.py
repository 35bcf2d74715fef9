# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder catalogue``: the public catalogue site from the inventory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

DB_DEFAULT = Path("inventory.sqlite")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "catalogue",
        help="write the public catalogue of the organisation's projects (a static site) from the inventory",
        description="Write a static website of every project in the inventory's newest snapshot: an index "
        "with filters and search, a page per project, catalogue.json (CodeMeta 3.0) and a publiccode.yml per "
        "project. Browsable from disk; nothing is fetched from another site. See docs/catalogue.md.",
        epilog="exit status: 0 written; 1 no inventory database or no such snapshot; 2 wrong command line.",
    )
    p.add_argument(
        "--db", type=Path, default=DB_DEFAULT, metavar="FILE", help="inventory database (default: %(default)s)"
    )
    p.add_argument("--snapshot", metavar="DATE", help="snapshot label or date (default: the newest)")
    p.add_argument("--output", "-o", type=Path, required=True, metavar="DIR", help="folder to write the site into")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scaffolder.publish import catalogue

    done = catalogue.write(args.output, args.db, args.snapshot)
    where = f"snapshot {done['snapshot']}" if done["snapshot"] else "an empty inventory"
    print(f"catalogue of {done['projects']} project(s) from {where} written to {args.output}/index.html "
          f"({done['publiccode']} publiccode.yml)")  # fmt: skip
    return 0
