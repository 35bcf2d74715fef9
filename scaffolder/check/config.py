# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""A repository's own settings for the check: rules it ignores, each with a reason.

Read from ``[tool.scaffolder.check]`` in ``pyproject.toml`` or from the top of
``.scaffolder-check.toml`` (one of the two)::

    [tool.scaffolder.check]
    ignore = { COM005 = "support questions go to the collaboration's forum" }

A setting that is wrong is not an exception: it is a failure of rule CFG001,
and the ignore it carries is not applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scaffolder import repofiles
from scaffolder.check.families._util import toml
from scaffolder.errors import ScaffolderError

if TYPE_CHECKING:
    from pathlib import Path

OWN_FILE = ".scaffolder-check.toml"
KEYS = ("ignore",)


@dataclass(frozen=True)
class RepoConfig:
    #: Rule id -> the reason it does not apply to this repository.
    ignore: dict[str, str] = field(default_factory=dict)
    #: Where the settings were read from ('' for none).
    source: str = ""
    #: What is wrong with them (each one line), if anything.
    problems: tuple[str, ...] = ()


def load(root: Path, files: frozenset[str], known: set[str]) -> RepoConfig:
    """The settings of the repository at ``root`` (``files``: its tracked files; ``known``: rule ids)."""
    table: Any = None
    source = ""
    problems: list[str] = []
    try:
        if OWN_FILE in files:
            source = OWN_FILE
            table = toml(repofiles.read_text(root, OWN_FILE))
        elif "pyproject.toml" in files:
            data = toml(repofiles.read_text(root, "pyproject.toml"))
            table = data.get("tool", {}).get("scaffolder", {}).get("check")
            source = "pyproject.toml [tool.scaffolder.check]" if table is not None else ""
    except (ScaffolderError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        return RepoConfig(source=source, problems=(f"{source or 'pyproject.toml'}: cannot be read: {exc}",))
    if table is None:
        return RepoConfig()
    if not isinstance(table, dict):
        return RepoConfig(source=source, problems=(f"{source}: must be a table",))
    for key in sorted(set(table) - set(KEYS)):
        problems.append(f"{source}: {key!r} is not a setting (settings: {', '.join(KEYS)})")
    ignore: dict[str, str] = {}
    raw = table.get("ignore", {})
    if not isinstance(raw, dict):
        problems.append(f"{source}: ignore must be a table of RULE = \"reason\", not {type(raw).__name__}")
        raw = {}
    for rule, reason in raw.items():
        if rule not in known:
            problems.append(f"{source}: ignore.{rule}: not a rule id (ids: docs/check.md)")
        elif not isinstance(reason, str) or not reason.strip():
            problems.append(f"{source}: ignore.{rule}: {reason!r} is not a reason; say why the rule does not apply")
        else:
            ignore[rule] = " ".join(reason.split())
    return RepoConfig(ignore=ignore, source=source, problems=tuple(problems))
