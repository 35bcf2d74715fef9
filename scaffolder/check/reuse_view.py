# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""One REUSE pass over a repository's tracked files, through the ``reuse`` library.

Imported only when a rule needs it (``reuse`` takes a while to import).  The
library walks the folder and asks a "VCS strategy" which paths to leave out;
:class:`TrackedOnly` leaves out everything git does not track, so the check
covers the same files whoever runs it, whatever lies untracked in the work
tree (virtualenvs, build folders).  The per-file pass runs in the library's
own process pool where it has one and ``parallel`` allows it.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from reuse.exceptions import GlobalLicensingConflictError
from reuse.global_licensing import GlobalLicensing, NestedReuseTOML, ReuseDep5, ReuseTOML
from reuse.project import Project
from reuse.report import ProjectReport
from reuse.vcs import VCSStrategy

from scaffolder import repofiles

# The library logs unreadable files itself; the check reports them as results.
logging.getLogger("reuse").addHandler(logging.NullHandler())
logging.getLogger("reuse").propagate = False


class TrackedOnly(VCSStrategy):
    """A REUSE "VCS strategy" under which every path git does not track is ignored."""

    def __init__(self, root: Path, files: tuple[str, ...], submodules: frozenset[str]) -> None:
        super().__init__(root)
        self.files = frozenset(files) - submodules
        self.submodules = submodules
        dirs: set[str] = set()
        for name in files:
            dirs.update(str(p) for p in PurePosixPath(name).parents)
        self.dirs = frozenset(dirs)

    def _rel(self, path: str | os.PathLike[str]) -> str:
        p = Path(path)
        rel = p.relative_to(self.root) if p.is_absolute() else p
        return rel.as_posix()

    def is_ignored(self, path: Path) -> bool:
        rel = self._rel(path)
        return rel not in self.files and rel not in self.dirs

    def is_submodule(self, path: str | os.PathLike[str]) -> bool:
        return self._rel(path) in self.submodules

    @classmethod
    def in_repo(cls, directory: str | os.PathLike[str]) -> bool:
        return False

    @classmethod
    def find_root(cls, cwd: str | os.PathLike[str] | None = None) -> Path | None:
        return None


@dataclass
class ReuseView:
    """What the rules need from REUSE, in repository-relative POSIX paths."""

    error: str | None = None
    files: int = 0
    licences: dict[str, str] = field(default_factory=dict)  # id -> LICENSES/ path
    used: set[str] = field(default_factory=set)
    by_file: dict[str, list[str]] = field(default_factory=dict)  # path -> licence ids
    missing: dict[str, list[str]] = field(default_factory=dict)  # id -> files using it
    unused: set[str] = field(default_factory=set)
    bad: dict[str, str] = field(default_factory=dict)  # not an SPDX id -> path
    without_extension: dict[str, str] = field(default_factory=dict)
    invalid: dict[str, list[str]] = field(default_factory=dict)  # path -> expressions
    no_licence: list[str] = field(default_factory=list)
    no_copyright: list[str] = field(default_factory=list)
    read_errors: list[str] = field(default_factory=list)
    #: Each distinct copyright notice, with the first file (sorted) that carries it.
    notices: dict[str, str] = field(default_factory=dict)


def _rel(root: Path, path: Path | str) -> str:
    p = Path(path)
    if p.is_absolute():
        p = p.relative_to(root)
    return p.as_posix().removeprefix("./")


def project_of(root: Path, files: tuple[str, ...], submodules: frozenset[str]) -> Project:
    """A ``reuse`` project over the tracked ``files``, built as ``Project.from_directory`` builds one.

    ``from_directory`` walks every folder to find REUSE.toml files and asks git
    for every ignored file; the tracked list already says where REUSE.toml
    files are, so this skips both walks (the library then walks once, for the
    per-file pass).  Configuration files are read through :mod:`repofiles`.
    """
    tomls = sorted(f for f in files if f.rsplit("/", 1)[-1] == "REUSE.toml")
    licensing: GlobalLicensing | None = None
    if ".reuse/dep5" in files:
        if tomls:
            raise GlobalLicensingConflictError(f"both {tomls[0]} and .reuse/dep5 exist; they cannot be combined")
        licensing = _dep5(root)
    elif tomls:
        licensing = NestedReuseTOML(
            reuse_tomls=[ReuseTOML.from_toml(repofiles.read_text(root, t), str(root / t)) for t in tomls],
            source=str(root),
        )
    project = Project(root, vcs_strategy=TrackedOnly(root, files, submodules), global_licensing=licensing)
    project.licenses = project._find_licenses()  # what from_directory does after construction
    return project


def _dep5(root: Path) -> ReuseDep5:
    """``.reuse/dep5`` read through :mod:`repofiles` (inside the repository, size limit), then parsed as reuse does."""
    from debian.copyright import Copyright
    from debian.copyright import Error as DebianError
    from reuse.exceptions import GlobalLicensingParseError

    text = repofiles.read_text(root, ".reuse/dep5")
    try:
        return ReuseDep5(str(root / ".reuse/dep5"), Copyright(text.splitlines(keepends=True)))
    except (DebianError, ValueError) as exc:
        raise GlobalLicensingParseError(str(exc), source=".reuse/dep5") from exc


def view(root: Path, files: tuple[str, ...], submodules: frozenset[str], *, parallel: bool) -> ReuseView:
    """The REUSE facts of ``root``, its ``files`` only; a configuration that cannot be read becomes ``error``."""
    try:
        project = project_of(root, files, submodules)
    except Exception as exc:  # GlobalLicensingParseError, conflicts, undecodable REUSE.toml, refused file
        return ReuseView(error=" ".join(str(exc).split()) or type(exc).__name__)
    report = ProjectReport.generate(project, do_checksum=False, multiprocessing=parallel)
    out = ReuseView(files=len(report.file_reports))
    out.licences = {lic: _rel(root, p) for lic, p in report.licenses.items()}
    out.used = set(report.used_licenses)
    out.unused = set(report.unused_licenses)
    out.bad = {lic: _rel(root, p) for lic, p in report.bad_licenses.items()}
    out.without_extension = {lic: _rel(root, p) for lic, p in report.licenses_without_extension.items()}
    out.read_errors = sorted(_rel(root, p) for p in report.read_errors)
    missing: dict[str, list[str]] = defaultdict(list)
    notices: dict[str, str] = {}
    for fr in sorted(report.file_reports, key=lambda f: f.name):
        name = _rel(root, fr.name)
        out.by_file[name] = list(fr.licenses_in_file)
        for lic in fr.missing_licenses:
            missing[lic].append(name)
        if fr.invalid_spdx_expressions:
            out.invalid[name] = sorted(fr.invalid_spdx_expressions)
        if not fr.licenses_in_file:
            out.no_licence.append(name)
        if not fr.copyright:
            out.no_copyright.append(name)
        for line in fr.copyright.splitlines():
            notices.setdefault(line.strip(), name)
    out.missing = dict(missing)
    out.notices = notices
    return out
