# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The shared, lazily computed view of one repository that every rule reads.

Each fact is computed the first time a rule asks for it and then kept, so the
REUSE pass, the licence detector or the git listing run at most once per
check, and not at all when the rules that need them are not selected.  Files
are read through :mod:`scaffolder.repofiles` (the repository is not trusted),
and only files git tracks are looked at.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder import repofiles
from scaffolder.errors import ScaffolderError
from scaffolder.gitops import git

if TYPE_CHECKING:
    from scaffolder.check.config import RepoConfig
    from scaffolder.check.options import CheckOptions
    from scaffolder.check.reuse_view import ReuseView
    from scaffolder.detect import LicenceFile
    from scaffolder.licences import Catalogue

ANSWERS_FILE = ".copier-answers.yml"
PROFILE = Path(__file__).resolve().parent.parent / "data" / "profiles" / "cern.yml"


class NotARepository(ScaffolderError):
    """The path given is not the top of a git work tree."""

    exit_code = 2


def repository_root(path: Path) -> Path:
    """``path`` when it is the top of a git work tree; otherwise :class:`NotARepository`."""
    if not path.is_dir():
        raise NotARepository(f"{path}: not a folder")
    top = git("rev-parse", "--show-toplevel", cwd=path, check=False).strip()
    if not top:
        raise NotARepository(f"{path}: not a git repository (scaffolder check reads the files git tracks)")
    if Path(top).resolve() != path.resolve():
        raise NotARepository(f"{path}: inside the repository {top}; check that folder instead")
    return path.absolute()


class Facts:
    """What is known about the repository at ``root``, computed on demand."""

    def __init__(self, root: Path, options: CheckOptions) -> None:
        self.root = root
        self.options = options
        self._texts: dict[str, str | None] = {}
        #: Files a rule wanted but scaffolder refused to read, with why.
        self.unreadable: dict[str, str] = {}

    # --- files -------------------------------------------------------------------

    @cached_property
    def _listing(self) -> tuple[tuple[str, ...], frozenset[str]]:
        args = ["ls-files", "-z", "--stage"]
        if self.options.untracked:
            args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        out = git(*args, cwd=self.root)
        files: list[str] = []
        submodules: set[str] = set()
        for entry in filter(None, out.split("\0")):
            if self.options.untracked:
                files.append(entry)
                continue
            meta, name = entry.split("\t", 1)
            if meta.startswith("160000"):
                submodules.add(name)
            else:
                files.append(name)
        # a file deleted from the work tree but not from the index is not there to check
        present = tuple(sorted({f for f in files if (self.root / f).is_file() or (self.root / f).is_symlink()}))
        return present, frozenset(submodules)

    @property
    def files(self) -> tuple[str, ...]:
        """Tracked files (repository-relative, POSIX), sorted."""
        return self._listing[0]

    @cached_property
    def file_set(self) -> frozenset[str]:
        return frozenset(self.files)

    def text(self, rel: str) -> str | None:
        """The text of tracked file ``rel``; None when absent, binary or refused (see :attr:`unreadable`)."""
        if rel not in self._texts:
            value: str | None = None
            if rel in self.file_set:
                try:
                    data = repofiles.read_bytes(self.root, rel)
                except repofiles.UnsafeFile as exc:
                    self.unreadable[rel] = str(exc)
                else:
                    value = None if repofiles.is_binary(data) else data.decode("utf-8", errors="replace")
            self._texts[rel] = value
        return self._texts[rel]

    def find(self, pattern: str, folders: tuple[str, ...] = ("", ".github/", "docs/", ".gitlab/")) -> list[str]:
        """Tracked files in ``folders`` whose name matches ``pattern`` (case-insensitive, any extension)."""
        rx = re.compile(rf"(?:{pattern})(?:\.[A-Za-z0-9]+)?", re.IGNORECASE)
        out = []
        for folder in folders:
            for name in self.files:
                if name.startswith(folder) and "/" not in name[len(folder) :] and rx.fullmatch(name[len(folder) :]):
                    out.append(name)
        return out

    # --- metadata ------------------------------------------------------------------

    @cached_property
    def answers(self) -> dict[str, Any] | None:
        """The template answers (``.copier-answers.yml``), or None when absent or not a mapping."""
        text = self.text(ANSWERS_FILE)
        if text is None:
            return None
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            return None
        return data if isinstance(data, dict) else None

    @cached_property
    def organisation(self) -> str:
        """The organisation whose notices the check expects: the answers' holder, else the profile's."""
        holder = (self.answers or {}).get("copyright_holder")
        if isinstance(holder, str) and holder.strip():
            return holder.strip()
        import yaml

        profile = yaml.safe_load(PROFILE.read_text(encoding="utf-8"))
        return str(profile.get("copyright_holder") or profile.get("_organisation"))

    @cached_property
    def catalogue(self) -> Catalogue:
        from scaffolder.licences import catalogue

        return catalogue()

    @cached_property
    def licence_files(self) -> list[LicenceFile]:
        """The root licence files that git tracks, identified by the licence detector."""
        from scaffolder.detect import root_licence_files

        return [f for f in root_licence_files(self.root) if f.path in self.file_set]

    @cached_property
    def root_licences(self) -> list[str]:
        """SPDX ids of the identified root licence files, in file order."""
        return list(dict.fromkeys(f.spdx for f in self.licence_files if f.spdx))

    @cached_property
    def reuse(self) -> ReuseView:
        from scaffolder.check.reuse_view import view

        return view(self.root, self.files, self._listing[1], parallel=self.options.parallel)

    @cached_property
    def config(self) -> RepoConfig:
        from scaffolder.check.config import load
        from scaffolder.check.rules import registry

        return load(self.root, self.file_set, set(registry().rules))
