# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Flags shared by the commands that take answers (new, adopt, wizard, update)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_answer_flags(parser: argparse.ArgumentParser, *, defaults: bool = True) -> None:
    group = parser.add_argument_group("answers")
    group.add_argument(
        "-d",
        "--data",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="answer a question (repeatable); the value is taken as it is, never evaluated",
    )
    group.add_argument("--data-file", type=Path, metavar="FILE", help="answers from a YAML file")
    if defaults:
        group.add_argument(
            "--defaults", action="store_true", help="take the default for every question not answered"
        )


def add_template_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--template",
        metavar="SRC",
        help="template source: a path or git URL (default: the checkout scaffolder is installed from)",
    )


def collect_answers(args: argparse.Namespace) -> dict[str, Any]:
    """--data-file first, then --data on top of it."""
    from scaffolder.questions import parse_data_args, read_data_file

    answers: dict[str, Any] = {}
    if args.data_file is not None:
        answers.update(read_data_file(args.data_file))
    answers.update(parse_data_args(args.data))
    return answers


def add_creation_flags(parser: argparse.ArgumentParser) -> None:
    """Flags of the commands that create a project folder (new, wizard)."""
    parser.add_argument("--vcs-ref", metavar="REF", default="HEAD", help="template git ref to use (default: HEAD)")
    parser.add_argument("--force", action="store_true", help="write into DEST even if it is not empty")
    parser.add_argument(
        "--no-git", dest="git", action="store_false", help="skip `git init` and the first commit"
    )


def add_quiet_flag(parser: argparse.ArgumentParser) -> None:
    """``-q/--quiet``: no progress lines (they are shown only on a terminal anyway)."""
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress lines on the terminal (errors still show)"
    )
