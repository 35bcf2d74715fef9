# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""What copier asks git about a template's clone, asked once per lent clone.

copier's ``Template`` reads four facts from its clone by running git:
``commit`` (``git describe --tags --always``), ``commit_hash`` (``git
rev-parse HEAD``), ``git_index_modes`` (``git ls-files --stage``) and
``version`` (dunamai, seven git processes).  Each ``Template`` object asks
again, and an update makes several for its two versions: over 30 git
processes, in every repository of a fleet.  A lent clone's content is fixed
by its key (template, commit, tags: :mod:`._clones`), so inside ``faster()``
each fact is asked once per key and process, and kept for the process
(a few dozen small values at most).  A template that is not a lent clone
(a folder without git, a local template with uncommitted changes) is asked as
copier asks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from scaffolder._copier_speed import _clones

NAMES = ("commit", "commit_hash", "git_index_modes", "version")
_MAX_FACTS = 256
_FACTS: dict[tuple[_clones.Key, str], Any] = {}


def _once_per_clone(name: str, func: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def fact(self: Any) -> Any:
        key = _clones.lent_key(Path(self.local_abspath)) if self.vcs == "git" else None
        if key is None:
            return func(self)
        if (key, name) not in _FACTS:
            if len(_FACTS) >= _MAX_FACTS:
                _FACTS.clear()
            _FACTS[key, name] = func(self)
        return _FACTS[key, name]

    fact.__wrapped__ = func  # type: ignore[attr-defined]
    fact.__doc__ = func.__doc__
    return fact


def install() -> dict[str, Any]:
    """Replace ``Template``'s four cached properties by ones that ask once per clone; returns the originals."""
    from copier._template import Template

    saved: dict[str, Any] = {}
    for name in NAMES:
        original = Template.__dict__[name]
        replacement = cached_property(_once_per_clone(name, original.func))
        replacement.__set_name__(Template, name)
        setattr(Template, name, replacement)
        saved[name] = original
    return saved


def uninstall(saved: dict[str, Any]) -> None:
    from copier._template import Template

    for name, original in saved.items():
        setattr(Template, name, original)
