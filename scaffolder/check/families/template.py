# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Template: the answers file, and whether the recorded version is the newest (offline)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scaffolder.check.facts import ANSWERS_FILE
from scaffolder.check.rules import Fail, Pass, Skip, Verdict, predicate
from scaffolder.errors import ScaffolderError

if TYPE_CHECKING:
    from scaffolder.check.facts import Facts


@predicate("TPL001")
def answers_recorded(facts: Facts) -> Verdict:
    if ANSWERS_FILE not in facts.file_set:
        return Fail(f"no {ANSWERS_FILE}: the repository is not managed by the template")
    answers = facts.answers
    if answers is None or not answers.get("_src_path"):
        return Fail(f"{ANSWERS_FILE} is not a mapping with _src_path (the template source)", (ANSWERS_FILE,))
    return Pass(f"{answers['_src_path']} at {answers.get('_commit', '?')}")


@predicate("TPL002")
def newest_version(facts: Facts) -> Verdict:
    from scaffolder import versions

    answers = facts.answers or {}
    src = str(answers["_src_path"])
    recorded = answers.get("_commit")
    if "://" in src or src.startswith("git@"):
        return Skip(f"the template source {src} is not a local path and the check is offline "
                    "(`scaffolder update --check` asks it)")
    path = Path(src).expanduser()
    if not path.is_absolute():
        path = facts.root / path
    if not path.is_dir():
        return Skip(f"the template source {src} is not on this machine")
    try:
        newest = versions.newest(str(path))
        # placed by the commit it names in the template now: a bare commit of an
        # untagged template is a version too (scaffolder.versions)
        place = versions.recorded(str(path), str(recorded)) if recorded else None
    except ScaffolderError as exc:
        return Skip(f"the template's versions cannot be read: {exc}")
    if place is None:
        return Skip(f"{recorded!r} is not a version of the template at {src}")
    if versions.order(place, newest.number) < 0:
        return Fail(f"records template version {recorded}; the newest is {newest.label}", (ANSWERS_FILE,))
    return Pass(f"{recorded}")
