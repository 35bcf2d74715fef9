# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The inventory's record of one repository in one snapshot, and the options of a run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RECORDED = "recorded"
#: HEAD has not moved since the last snapshot: the earlier record is carried over.
UNCHANGED = "unchanged"
FAILED = "failed"


@dataclass
class Activity:
    """One year of a repository's history (authors after ``.mailmap``)."""

    commits: int = 0
    contributors: int = 0
    org_commits: int = 0
    org_contributors: int = 0


@dataclass
class RepoRecord:
    """What the inventory knows of one repository; ``status`` says whether it was read."""

    source: str
    status: str = FAILED
    error: str = ""
    name: str | None = None
    url: str | None = None
    forge: str | None = None
    default_branch: str | None = None
    head: str | None = None
    description: str | None = None
    archived: bool | None = None
    fork: bool | None = None
    external: bool = False
    kind: str | None = None
    #: ``answers`` (.copier-answers.yml) or ``guessed`` (from the files).
    kind_from: str | None = None
    licence_declared: str | None = None
    licence_detected: str | None = None
    licence_agree: bool | None = None
    reuse_status: str | None = None
    reuse_detail: str | None = None
    #: The ``scaffolder check`` summary (local work trees whose tracked files are HEAD's; see docs/inventory.md).
    check_errors: int | None = None
    check_warnings: int | None = None
    check_failed: str | None = None
    template_src: str | None = None
    template_version: str | None = None
    template_current: bool | None = None
    repostatus: str | None = None
    first_commit: str | None = None
    last_commit: str | None = None
    commits: int | None = None
    contributors: int | None = None
    org_contributors: int | None = None
    doi: str | None = None
    citation_title: str | None = None
    languages: dict[str, int] = field(default_factory=dict)
    activity: dict[int, Activity] = field(default_factory=dict)
    #: Where each declared licence expression was found: ``{file: expression}``.
    licence_sources: dict[str, str] = field(default_factory=dict)
    #: Files read per detected licence: ``{file: SPDX id or "unknown"}``.
    licence_files: dict[str, str] = field(default_factory=dict)
    #: What could not be read or made sense of; the record is kept, these say where it is thin.
    problems: list[str] = field(default_factory=list)
    #: What the record was made with (:meth:`InventoryOptions.recipe`); set when it is stored.
    recipe: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != FAILED

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class InventoryOptions:
    """Everything a run needs besides the sources; picklable, for the worker processes."""

    db: Path = Path("inventory.sqlite")
    cache: Path = Path(".scaffolder-cache/repositories")
    jobs: int | None = None
    #: E-mail domains of the organisation's people (``cern.ch`` also matches ``mail.cern.ch``).
    email_domains: tuple[str, ...] = ()
    #: A snapshot label (default: today's UTC date).
    snapshot: str | None = None
    max_bytes: int = 1024 * 1024
    #: Files whose REUSE information is read at most; past it the status is "not assessed".
    reuse_max_files: int = 20000
    #: Compare the template version with the newest (reaches the template's repository).
    template_check: bool = True
    #: Run ``scaffolder check`` on local work trees for its summary.
    check: bool = True

    def recipe(self) -> str:
        """A digest of what a record depends on besides the repository: a re-run reuses only its own kind."""
        import hashlib

        from scaffolder import __version__

        what = [__version__, *sorted(self.email_domains), self.max_bytes, self.reuse_max_files]
        what += [self.template_check, self.check]
        return hashlib.sha256(repr(what).encode()).hexdigest()[:16]
