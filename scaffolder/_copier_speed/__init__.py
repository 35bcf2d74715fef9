# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The one place where scaffolder reaches into copier's internals for speed.

copier compiles every Jinja string again each time it renders it (every
question's default, ``when``, validator and help, every path), with a new
environment for each render of the template (an update renders it three
times), reads ``copier.yml`` with PyYAML's pure-Python loader, and clones the
template, a checkout of its whole repository, for each render.  Inside
:func:`faster`:

- Jinja code compiled by copier's environment class is kept, in memory and on
  disk for the next process (:mod:`._compile`);
- copier reads ``copier.yml``, its ``!include`` files and the YAML answers
  that it renders with PyYAML's C loader (libyaml) when PyYAML has it;
- a git template's clone at a commit is made once and lent to every later
  use of that commit, in this process and the next ones (:mod:`._clones`),
  and what copier asks git about it is asked once per clone (:mod:`._clone_facts`);
- the destination's ``core.fileMode`` is asked once per render, not once per
  file (:mod:`._filemode`);
- copier's scratch folders (the versions an update renders only to compare
  them) are made on the RAM-backed ``/dev/shm`` where that is safe
  (:mod:`._scratch`).

Both caches live under ``$XDG_CACHE_HOME/scaffolder`` (default
``~/.cache/scaffolder``) in folders only their owner may write.  None of this
changes what copier renders (a test compares ``scaffolder new`` with plain
``copier copy`` byte for byte).  What it relies on, checked by
``tests/test_copier_speed.py`` so that a copier or Jinja release that changes
it fails loudly instead of silently losing the gain:

- ``copier._jinja_ext.SandboxedEnvironment`` is the class of copier's Jinja
  environments, and Jinja compiles through ``Environment.compile(source, name,
  filename, raw, defer_init)``;
- ``copier._template.Template.local_abspath`` calls the module's
  ``clone(url, ref, location=...)`` and uses the path it returns (it removes
  only the ``location`` it made itself), and copier only reads a clone;
- ``copier._vcs.clone`` clones a remote template (``_vcs._is_remote``) from
  the mirror ``_vcs._get_or_create_mirror(url)`` returns, fetched first;
- ``copier._template.Template``'s ``commit``, ``commit_hash``,
  ``git_index_modes``, ``version`` and ``_raw_config`` are cached properties
  that read only the clone at ``local_abspath``;
- ``copier._main.Worker._sync_git_index_executable_bit(dst_relpath,
  src_mode)`` does nothing unless ``git config --type=bool --get
  core.fileMode`` in ``self.subproject.local_abspath`` says ``false``;
- ``copier._template`` (``copier.yml`` and its includes: ``yaml.SafeLoader``)
  and ``copier._user_data`` (answers of type yaml, choices: ``yaml.safe_load``)
  reach PyYAML through their module attribute ``yaml``.
"""

from __future__ import annotations

import contextlib
import threading
import types
from collections.abc import Iterator
from typing import Any

from scaffolder._copier_speed import _clone_facts, _clones, _compile, _filemode, _scratch
from scaffolder._copier_speed._cache import cache_root
from scaffolder._copier_speed._clones import give_back_all, lent_clones
from scaffolder._copier_speed._compile import cache_folder, cached_entries

__all__ = ["cache_folder", "cache_root", "cached_entries", "faster", "give_back_all", "lent_clones"]

_LOCK = threading.Lock()
_DEPTH = 0
_SAVED: dict[str, Any] = {}


class _YamlWithCLoader(types.ModuleType):
    """The ``yaml`` module as copier's readers see it: ``SafeLoader`` and ``safe_load`` are the C ones."""

    def __init__(self, yaml: types.ModuleType) -> None:
        super().__init__("yaml")
        self.__dict__.update(vars(yaml))
        loader = yaml.CSafeLoader
        self.SafeLoader = loader
        self.safe_load = lambda stream: yaml.load(stream, Loader=loader)


@contextlib.contextmanager
def faster() -> Iterator[None]:
    """Within this block, copier compiles each Jinja string once, reads YAML with libyaml and borrows clones.

    Re-entrant; undone when the outermost block ends (borrowed clones are
    kept until the process ends, or :func:`give_back_all`).
    """
    global _DEPTH
    with _LOCK:
        if _DEPTH == 0:
            _install()
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0:
                _uninstall()


def _yaml_readers() -> tuple[types.ModuleType, ...]:
    """copier's modules that read YAML through their module attribute ``yaml``: copier.yml, answers."""
    from copier import _template, _user_data

    return (_template, _user_data)


def _install() -> None:
    import yaml

    _SAVED["clone"] = _clones.install()
    _SAVED["clone facts"] = _clone_facts.install()
    _SAVED["compile"] = _compile.install()
    _SAVED["filemode"] = _filemode.install()
    _scratch.install()
    for module in _yaml_readers():
        _SAVED[module.__name__] = module.yaml  # type: ignore[attr-defined]
        if hasattr(yaml, "CSafeLoader"):
            module.yaml = _YamlWithCLoader(yaml)  # type: ignore[attr-defined]


def _uninstall() -> None:
    _clones.uninstall(_SAVED["clone"])
    _clone_facts.uninstall(_SAVED["clone facts"])
    _compile.uninstall(_SAVED["compile"])
    _filemode.uninstall(_SAVED["filemode"])
    _scratch.uninstall()
    for module in _yaml_readers():
        module.yaml = _SAVED[module.__name__]  # type: ignore[attr-defined]
    _SAVED.clear()
