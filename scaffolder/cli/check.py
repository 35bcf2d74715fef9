# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder check [PATH ...]``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder.errors import UsageError

if TYPE_CHECKING:
    import argparse

FORMATS = ("text", "json", "sarif", "markdown")  # scaffolder.render.FORMATS, without importing it for --help
FAIL_ON = ("error", "warning", "info", "never")  # scaffolder.check.rules.SEVERITIES, and never


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="report what a repository lacks: licence, REUSE, notices, community files, CI, template",
        description="Check each repository (default: the current folder), made from the template or not, "
        "against the OSPO's rules: licence, REUSE, the organisation's notices, community files, CI and "
        "template currency. Read-only and offline; only files git tracks are read. With several "
        "repositories they are checked in parallel and a table ends the output. Rules: docs/check.md.",
        epilog="exit status: 0 when no rule of severity error (or --fail-on's) fails; 1 when one does; 2 for "
        "a wrong command line or a path that is not a git repository.",
    )
    p.add_argument("paths", nargs="*", type=str, metavar="PATH", help="repository to check (repeatable)")
    p.add_argument(
        "--from", dest="from_file", type=Path, metavar="FILE", help="read repository paths from FILE, one a line"
    )
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--select", action="append", metavar="RULES",
                   help="run only these rules: ids, families or prefixes, comma-separated (repeatable)")
    p.add_argument("--ignore", action="append", metavar="RULES",
                   help="leave these rules out: ids, families or prefixes, comma-separated (repeatable)")
    p.add_argument("--untracked", action="store_true",
                   help="also check files git does not track yet (but does not ignore)")
    p.add_argument("-j", "--jobs", type=int, metavar="N", help="repositories checked at once (default: CPU count)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--fail-on", choices=FAIL_ON, default="error",
                   help="exit 1 when a rule of this severity or a graver one fails; never: only report "
                   "(default: error)")
    p.add_argument("--list-rules", action="store_true", help="print the rules (id, family, severity, title) and exit")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from scaffolder import fleet
    from scaffolder.check import CheckOptions, run_many
    from scaffolder.render import renderer

    if args.list_rules:
        from scaffolder.check.rules import registry

        for rule in registry().rules.values():
            print(f"{rule.id:<7} {rule.family:<10} {rule.severity:<8} {rule.title}")
        return 0
    paths = list(args.paths)
    if args.from_file is not None:
        paths += fleet.read_paths(args.from_file)
    if not paths:
        paths = ["."]
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    options = CheckOptions.from_args(args)
    many = len(paths) > 1

    def progress(done: int, total: int, report: Any) -> None:
        if many:
            print(f"[{done}/{total}] {report.summary()}", file=sys.stderr, flush=True)

    reports = run_many(paths, options, jobs=args.jobs, progress=progress)
    out = renderer(args.format)(reports)
    if args.output is not None:
        try:
            args.output.write_text(out, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"--output: cannot write {args.output}: {exc.strerror}") from None
        print("\n".join(r.summary() for r in reports), file=sys.stderr)
    else:
        sys.stdout.write(out)
    return max(r.exit_for(args.fail_on) for r in reports)
