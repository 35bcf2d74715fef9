# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Jinja code compiled once: in memory for the process, on disk for the next one.

Code compiled by copier's environment class is kept, keyed by the source, the
template name and everything of the environment that decides what the
compiler produces (delimiters and whitespace options, extensions, the names of
filters and tests, ``optimized``, ``autoescape``: filters by name, as the
compiler checks them; copier's are the same functions in every environment of
a template), and by the Jinja and Python versions.  On disk it is marshal
files in ``$XDG_CACHE_HOME/scaffolder/jinja-code``, a folder only its owner may
write.  A file template met again from another clone of the template gets the
cached code with its file name put back, so a traceback names the right file.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaffolder._copier_speed._cache import cache_root, private_folder

_MAX_ENTRIES = 4096  # a template's strings and files, a few times over; bounds a long fleet run
_FOLDER = "jinja-code"  # under cache_root()
_MAX_FILES = 20000  # on disk: past this, the folder is emptied (a template version makes about 500)
_CODE: dict[tuple[Any, ...], types.CodeType] = {}
_LOCK = threading.Lock()
_SAVED: dict[str, Any] = {}
_LEXER_OPTIONS = (
    "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
    "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
    "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "is_async",
)


def _environment_key(env: Any) -> tuple[Any, ...]:
    """What of ``env`` the generated code depends on (filters by name: the compiler checks they exist)."""
    autoescape = env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape)
    return (
        type(env),
        autoescape,
        tuple(getattr(env, option) for option in _LEXER_OPTIONS),
        tuple(sorted(env.extensions)),
        frozenset(env.filters),
        frozenset(env.tests),
    )


def _disk_key(env_key: tuple[Any, ...], source: str, name: str | None, defer_init: bool) -> str:
    import jinja2

    env_type, autoescape, options, extensions, filters, tests = env_key
    stable = (
        f"{env_type.__module__}.{env_type.__qualname__}", autoescape, options, extensions,
        sorted(filters), sorted(tests), source, name, defer_init,
        jinja2.__version__, importlib.util.MAGIC_NUMBER.hex(), sys.implementation.cache_tag,
    )
    return hashlib.sha256(repr(stable).encode("utf-8", "surrogatepass")).hexdigest()


def cache_folder() -> Path:
    """Where compiled Jinja code is kept between processes."""
    return cache_root() / _FOLDER


def _usable_folder() -> Path | None:
    """The cache folder, emptied past ``_MAX_FILES``; None when it is not this user's alone (then nothing is read)."""
    folder = private_folder(_FOLDER)
    if folder is None:
        return None
    try:
        with os.scandir(folder) as entries:
            if sum(1 for _ in entries) > _MAX_FILES:
                for entry in folder.iterdir():
                    entry.unlink(missing_ok=True)
    except OSError:
        return None
    return folder


def _read(folder: Path | None, key: str) -> types.CodeType | None:
    if folder is None:
        return None
    try:
        # Only this user can write the folder (_usable_folder), as for Python's own __pycache__.
        code = marshal.loads((folder / f"{key}.code").read_bytes())  # noqa: S302
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, types.CodeType) else None


def _write(folder: Path | None, key: str, code: types.CodeType) -> None:
    if folder is None:
        return
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps(code))
        tmp.replace(folder / f"{key}.code")
    except OSError:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _relocated(code: types.CodeType, filename: str) -> types.CodeType:
    """``code`` (and the functions it defines) as if compiled from ``filename``."""
    if code.co_filename == filename:
        return code
    consts = tuple(_relocated(c, filename) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def _caching_compile(original: Callable[..., Any]) -> Callable[..., Any]:
    def compile(
        self: Any,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        if raw or not isinstance(source, str):
            return original(self, source, name, filename, raw, defer_init)
        env_key = _environment_key(self)
        key = (env_key, source, name, defer_init)
        code = _CODE.get(key)
        if code is None:
            stable = isinstance(env_key[1], bool)  # a callable autoescape has no stable key
            disk = _disk_key(env_key, source, name, defer_init) if stable else ""
            code = _read(_SAVED.get("folder"), disk) if stable else None
            if code is None:
                code = original(self, source, name, filename, raw, defer_init)
                if stable:
                    _write(_SAVED.get("folder"), disk, code)
            with _LOCK:
                if len(_CODE) >= _MAX_ENTRIES:
                    _CODE.clear()
                _CODE[key] = code
        return _relocated(code, "<template>" if filename is None else filename)

    compile.__wrapped__ = original  # type: ignore[attr-defined]
    return compile


def cached_entries() -> int:
    """How many compiled Jinja sources are kept (for the tests and the benchmark)."""
    return len(_CODE)


def install() -> Callable[..., Any] | None:
    """Make copier's environment class compile through the cache; returns what to put back."""
    from copier._jinja_ext import SandboxedEnvironment

    _SAVED["folder"] = _usable_folder()
    saved = SandboxedEnvironment.__dict__.get("compile")
    SandboxedEnvironment.compile = _caching_compile(SandboxedEnvironment.compile)  # type: ignore[method-assign]
    return saved


def uninstall(saved: Callable[..., Any] | None) -> None:
    from copier._jinja_ext import SandboxedEnvironment

    if saved is None:
        del SandboxedEnvironment.compile
    else:
        SandboxedEnvironment.compile = saved  # type: ignore[method-assign]
    _SAVED.clear()
