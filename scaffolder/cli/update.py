# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder update [PATH ...]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder.cli._answers import add_answer_flags, collect_answers
from scaffolder.errors import UsageError

if TYPE_CHECKING:
    import argparse


def register(sub: Any) -> None:
    p = sub.add_parser(
        "update",
        help="update repositories to the newest template version",
        description="Update each repository (default: the current folder) to the newest template "
        "version, or --to VERSION, keeping the recorded answers and every local edit. Conflicts are "
        "left as standard markers and make the command exit non-zero. With several repositories, "
        "they are updated in parallel and a table ends the output.",
        epilog="exit status: 0 when every repository is updated or up to date (with --check: up to "
        "date); 1 otherwise; 2 for a wrong command line.",
    )
    p.add_argument("paths", nargs="*", type=str, metavar="PATH", help="repository to update (repeatable)")
    p.add_argument(
        "--from",
        dest="from_file",
        type=Path,
        metavar="FILE",
        help="read repository paths from FILE, one a line",
    )
    add_answer_flags(p, defaults=False)
    p.add_argument(
        "--to", metavar="VERSION", help="template version to update to (a tag; default: the newest)"
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="change nothing; report the current and newest version, exit 1 when an update is available",
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument(
        "--branch", metavar="NAME", help="make each update on a new branch NAME and commit it there"
    )
    p.add_argument("--commit", action="store_true", help="commit a clean update on the current branch")
    p.add_argument(
        "-j", "--jobs", type=int, metavar="N", help="repositories updated at once (default: CPU count)"
    )
    p.add_argument(
        "--trust",
        action="store_true",
        help="let the template run anything it asks for (tasks, any migration), as copier --trust does; "
        "with several repositories, only for the templates named with --trust-template; see docs/security.md",
    )
    p.add_argument(
        "--trust-template",
        action="append",
        default=[],
        metavar="SRC",
        help="trust this template source (as --trust does) wherever a repository records it, "
        "in https or ssh form (repeatable)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scaffolder import fleet

    paths = list(args.paths)
    if args.from_file is not None:
        paths += fleet.read_paths(args.from_file)
    if not paths:
        paths = ["."]
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    data = collect_answers(args)
    if args.check and (data or args.branch or args.commit):
        raise UsageError("--check changes nothing: it takes no --data, --branch or --commit")
    many = len(paths) > 1
    if args.trust and many and not args.trust_template:
        raise UsageError(
            "--trust with several repositories would trust every template they record; "
            "name the templates to trust with --trust-template SRC"
        )
    options = {
        "data": data,
        "to": args.to,
        "check": args.check,
        "branch": args.branch,
        "commit": args.commit,
        "trust": args.trust and not many,
        "trust_templates": list(args.trust_template),
    }

    def progress(done: int, total: int, r: Any) -> None:
        if many:
            print(f"[{done}/{total}] {r.path}: {r.result}", file=sys.stderr, flush=True)

    results = fleet.update_many(paths, jobs=args.jobs, progress=progress, **options)
    if args.format == "json":
        print(fleet.as_json(results))
    else:
        for r in results if not many else []:
            _details(r)
        print(fleet.table(results))
    if args.check:
        return 0 if all(r.result == "up to date" for r in results) else 1
    return 0 if all(r.clean for r in results) else 1


def _details(r: Any) -> None:
    if r.result == "conflicts":
        print(f"{r.path}: conflicts in (look for <<<<<<< markers):")
        for name in r.conflicts:
            print(f"  {name}")
    if r.changed:
        print(f"{r.path}: files changed by the update:")
        for line in r.changed:
            print(f"  {line}")
    if r.commit:
        print(f"{r.path}: committed {r.commit[:12]}" + (f" on branch {r.branch}" if r.branch else ""))
