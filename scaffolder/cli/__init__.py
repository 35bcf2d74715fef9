# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The ``scaffolder`` command: a thin adaptor from flags to the Python API.

Each subcommand lives in ``scaffolder/cli/<name>.py`` with two functions,
``register(subparsers)`` and ``run(args) -> int``; the work itself is done by
the module named for it (``scaffolder.create``, ``scaffolder.update``, ...),
imported only when the command runs, so ``--help`` never imports copier.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from scaffolder import DISTRIBUTION, __version__
from scaffolder.errors import ScaffolderError

#: Subcommands, in the order ``--help`` lists them.
COMMANDS = ("new", "wizard", "update", "adopt", "check", "inventory", "catalogue", "report")

EPILOG = """\
examples:
  scaffolder wizard                      guided questions, with licence advice
  scaffolder new my-project --defaults
  scaffolder new my-board --data project_kind=hardware --data repository_url=https://gitlab.cern.ch/me/my-board
  scaffolder update --check
  scaffolder update --from repos.txt --branch template-update
  scaffolder adopt path/to/existing-repo
  scaffolder check --format sarif -o check.sarif
  scaffolder inventory collect --from repos.txt && scaffolder inventory export --format csv
Run `scaffolder COMMAND --help` for a command's options."""


class _Version(argparse.Action):
    """``--version``: the package and the default template, worked out only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=str(kwargs.get("help")))

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from scaffolder import templates

        print(f"scaffolder {__version__} ({DISTRIBUTION})\n{templates.version_text()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scaffolder",
        description="Create and maintain projects from the OSPO template: correct licences, "
        "REUSE-compliant copyright notices, community files and CI.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="show the package and template versions and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMANDS:
        importlib.import_module(f"scaffolder.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except ScaffolderError as exc:
        print(f"scaffolder: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("scaffolder: interrupted; nothing was written", file=sys.stderr)
        return 130
