# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The one place where scaffolder reaches into copier's internals for speed.

copier compiles every Jinja string again each time it renders it (every
question's default, ``when``, validator and help, every path), with a new
environment for each render of the template (an update renders it three
times), reads ``copier.yml`` with PyYAML's pure-Python loader, and clones the
template for each render.  Inside :func:`faster`:

- Jinja code compiled by copier's environment class is kept, keyed by the
  source, the template name and everything of the environment that decides
  what the compiler produces (delimiters and whitespace options, extensions,
  the names of filters and tests, ``optimized``, ``autoescape``: filters by
  name, as the compiler checks them; copier's are the same functions in every
  environment of a template), and by the
  Jinja and Python versions: in memory for the process, and on disk (marshal
  files in ``$XDG_CACHE_HOME/scaffolder/jinja-code``, a folder only its owner
  may write, as Jinja's own bytecode cache does) for the next process.  A file
  template met again from another clone of the template gets the cached code
  with its file name put back, so a traceback names the right file.
- copier reads ``copier.yml``, its ``!include`` files and the YAML answers
  that it renders with PyYAML's C loader (libyaml) when PyYAML has it.
- A local template's clone at a tag or commit is made once per process and
  lent to every later use of that same commit (``copier update`` clones the
  template four or five times; a fleet worker updates many repositories from
  the same two versions).  copier only reads a template's clone; the clone is
  keyed by the template folder and the full commit hash its git resolves the
  ref to, so a moved tag gets a clone of its own.  ``HEAD`` is never lent
  (copier adds a local template's uncommitted changes to it).  The clones are
  removed when the process ends, and beyond a few, the oldest first.

None of these changes what copier renders (a test compares ``scaffolder new`` with
plain ``copier copy`` byte for byte).  What this relies on, checked by
``tests/test_copier_speed.py`` so that a copier or Jinja release that changes
it fails loudly instead of silently losing the gain:

- ``copier._jinja_ext.SandboxedEnvironment`` is the class of copier's Jinja
  environments, and Jinja compiles through ``Environment.compile(source, name,
  filename, raw, defer_init)``;
- ``copier._template.Template.local_abspath`` calls the module's
  ``clone(url, ref, location=...)`` and uses the path it returns (it removes
  only the ``location`` it made itself);
- ``copier._template`` (``copier.yml`` and its includes: ``yaml.SafeLoader``)
  and ``copier._user_data`` (answers of type yaml, choices: ``yaml.safe_load``)
  reach PyYAML through their module attribute ``yaml``.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import marshal
import multiprocessing.util
import os
import re
import shutil
import sys
import tempfile
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

_MAX_ENTRIES = 4096  # a template's strings and files, a few times over; bounds a long fleet run
_MAX_CLONES = 4  # template versions kept at once (an update needs two)
_CLONES: dict[tuple[str, str], Path] = {}
_FINALIZER: list[bool] = []
_MAX_FILES = 20000  # on disk: past this, the folder is emptied (a template version makes about 500)
_CODE: dict[tuple[Any, ...], types.CodeType] = {}
_LOCK = threading.Lock()
_DEPTH = 0
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
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scaffolder" / "jinja-code"


def _usable_folder() -> Path | None:
    """The cache folder, made if missing; None when it is not this user's alone (then nothing is read)."""
    folder = cache_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
        if (hasattr(os, "getuid") and info.st_uid != os.getuid()) or info.st_mode & 0o022:
            return None
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
    """Within this block, copier compiles each Jinja string once and reads YAML with libyaml.

    Re-entrant; undone when the outermost block ends.
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


def _lending_clone(original: Callable[..., str]) -> Callable[..., str]:
    def clone(url: str, ref: str = "HEAD", location: str | None = None) -> str:
        key = _clone_key(url, ref)
        if key is None:
            return original(url, ref, location=location)
        kept = _CLONES.get(key)
        if kept is not None and kept.is_dir():
            return str(kept)
        while len(_CLONES) >= _MAX_CLONES:
            _remove_clone(next(iter(_CLONES)))
        made = Path(tempfile.mkdtemp(prefix="scaffolder-template-"))
        try:
            path = Path(original(url, ref, location=str(made)))
        except BaseException:
            shutil.rmtree(made, ignore_errors=True)
            raise
        _CLONES[key] = path
        return str(path)

    clone.__wrapped__ = original  # type: ignore[attr-defined]
    return clone


def _clone_key(url: str, ref: str | None) -> tuple[str, str] | None:
    """(template folder, full commit hash) for a local git template at a tag or commit; else None."""
    if not ref or ref == "HEAD" or ref.startswith("-"):
        return None
    try:
        folder = Path(url)
        if not folder.is_dir():
            return None
    except (OSError, ValueError):
        return None
    from scaffolder import gitops

    sha = gitops.git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=folder, check=False).strip()
    if not re.fullmatch(r"[0-9a-f]{40,64}", sha):
        return None
    return str(folder.resolve()), sha


def _remove_clone(key: tuple[str, str]) -> None:
    path = _CLONES.pop(key, None)
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


def _remove_clones() -> None:
    for key in list(_CLONES):
        _remove_clone(key)


def kept_clones() -> list[Path]:
    """The template clones this process keeps (for the tests)."""
    return list(_CLONES.values())


def _yaml_readers() -> tuple[types.ModuleType, ...]:
    """copier's modules that read YAML through their module attribute ``yaml``: copier.yml, answers."""
    from copier import _template, _user_data

    return (_template, _user_data)


def _install() -> None:
    import yaml
    from copier import _template
    from copier._jinja_ext import SandboxedEnvironment

    _SAVED["folder"] = _usable_folder()
    _SAVED["clone"] = _template.clone  # type: ignore[attr-defined]
    _template.clone = _lending_clone(_template.clone)  # type: ignore[attr-defined]
    if not _FINALIZER:
        # runs at exit in the main process and in multiprocessing workers (where atexit does not)
        multiprocessing.util.Finalize(None, _remove_clones, exitpriority=10)
        _FINALIZER.append(True)
    _SAVED["compile"] = SandboxedEnvironment.__dict__.get("compile")
    SandboxedEnvironment.compile = _caching_compile(SandboxedEnvironment.compile)  # type: ignore[method-assign]
    for module in _yaml_readers():
        _SAVED[module.__name__] = module.yaml  # type: ignore[attr-defined]
        if hasattr(yaml, "CSafeLoader"):
            module.yaml = _YamlWithCLoader(yaml)  # type: ignore[attr-defined]


def _uninstall() -> None:
    from copier import _template
    from copier._jinja_ext import SandboxedEnvironment

    _template.clone = _SAVED["clone"]  # type: ignore[attr-defined]
    if _SAVED["compile"] is None:
        del SandboxedEnvironment.compile
    else:
        SandboxedEnvironment.compile = _SAVED["compile"]  # type: ignore[method-assign]
    for module in _yaml_readers():
        module.yaml = _SAVED[module.__name__]  # type: ignore[attr-defined]
    _SAVED.clear()


def cached_entries() -> int:
    """How many compiled Jinja sources are kept (for the tests and the benchmark)."""
    return len(_CODE)
