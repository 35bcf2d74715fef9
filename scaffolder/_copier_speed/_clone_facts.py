# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""What copier reads from a template's clone, read once per lent clone.

copier's ``Template`` reads four facts from its clone by running git:
``commit`` (``git describe --tags --always``), ``commit_hash`` (``git
rev-parse HEAD``), ``git_index_modes`` (``git ls-files --stage``) and
``version`` (dunamai, seven git processes), and parses ``copier.yml`` with its
includes (``_raw_config``).  Each ``Template`` object does it again, and an
update makes five for its two versions: over 30 git processes and five
parses, in every repository of a fleet.  A lent clone's content is fixed
by its key (template, commit, tags: :mod:`._clones`), so inside ``faster()``
each fact is asked once per key and process, and kept for the process
(a few dozen values at most; the mutable ones are handed out as copies).
A template that is not a lent clone
(a folder without git, a local template with uncommitted changes) is asked as
copier asks.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from scaffolder._copier_speed import _clones

NAMES = ("commit", "commit_hash", "git_index_modes", "version", "_raw_config")
_MUTABLE = ("git_index_modes", "_raw_config")  # handed out as copies: copier's objects never share them
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
        value = _FACTS[key, name]
        return copy.deepcopy(value) if name in _MUTABLE else value

    fact.__wrapped__ = func  # type: ignore[attr-defined]
    fact.__doc__ = func.__doc__
    return fact


def install() -> dict[str, Any]:
    """Replace ``Template``'s cached properties in ``NAMES`` by ones that ask once per clone; returns the originals."""
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
