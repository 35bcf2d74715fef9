# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""One repository's record: :func:`collect` never raises.

A repository that cannot be read (no such folder, an invalid or unreachable
URL, no commits) gives a record with ``status = failed`` and the reason in
one line, and nothing else: a record is complete or says why it is not.  A
file that cannot be read (binary, too large, a link) is a *problem* of an
otherwise complete record.
"""

from __future__ import annotations

from pathlib import Path

from scaffolder.errors import ScaffolderError
from scaffolder.inventory import facts, history, licensing, sources
from scaffolder.inventory.gitread import GitRepo
from scaffolder.inventory.record import FAILED, RECORDED, UNCHANGED, InventoryOptions, RepoRecord
from scaffolder.inventory.sources import Source


def collect(source: Source, options: InventoryOptions, known_head: str | None = None) -> RepoRecord:
    """The record of ``source`` at its default branch's HEAD (``unchanged`` when HEAD is ``known_head``)."""
    record = identity(source)
    try:
        _collect(source, options, known_head, record)
    except ScaffolderError as exc:
        return _failed(source, str(exc))
    except Exception as exc:  # one repository's surprise must not stop the others
        return _failed(source, f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}")
    return record


def collect_task(task: tuple[Source, InventoryOptions, str | None]) -> RepoRecord:
    """:func:`collect` with its arguments in one picklable tuple, for :func:`scaffolder.fleet.iter_repos`."""
    return collect(*task)


def crashed(task: tuple[Source, InventoryOptions, str | None], exc: BaseException) -> RepoRecord:
    return _failed(task[0], f"worker died: {exc}")


def identity(source: Source) -> RepoRecord:
    """A record of what is known of ``source`` before reading it (its name, and what a forge said)."""
    return RepoRecord(
        source=source.key,
        name=source.name or sources.display_name(source.location),
        url=source.web_url or (source.location if source.is_url else None),
        forge=source.forge,
        description=source.description,
        archived=source.archived,
        fork=source.fork,
        external=source.external,
    )


def _failed(source: Source, reason: str) -> RepoRecord:
    record = identity(source)
    record.status, record.error = FAILED, " ".join(reason.split())
    return record


def _collect(source: Source, options: InventoryOptions, known_head: str | None, record: RepoRecord) -> None:
    if source.is_url:
        git_dir = sources.fetch(sources.check_url(source.location), options.cache)
    else:
        git_dir = sources.local_git_dir(Path(source.location))
    record.default_branch, head = sources.head_of(git_dir)
    if head is None:
        raise ScaffolderError("no commits (an empty repository: nothing to record)")
    record.head = head
    if head == known_head:
        record.status = UNCHANGED
        return
    repo = GitRepo(git_dir, head, max_bytes=options.max_bytes)
    years, commits, people, org_people, first, last = history.history(repo, options.email_domains)
    record.activity, record.commits, record.contributors, record.org_contributors = years, commits, people, org_people
    record.first_commit, record.last_commit = first, last
    if not source.external:
        _files(repo, options, record)
        if options.check and git_dir.name == ".git":
            _check(git_dir.parent, record)
    record.status = RECORDED


def _check(work_tree: Path, record: RepoRecord) -> None:
    """``scaffolder check``'s summary, for a work tree whose tracked files are HEAD's (else a problem).

    The check reads a work tree; a bare clone has none, and a work tree with
    uncommitted changes would be checked as something other than the HEAD
    this record describes.
    """
    from scaffolder.check import CheckOptions, run
    from scaffolder.inventory.gitread import run_git

    if run_git("status", "--porcelain", "--untracked-files=no", cwd=work_tree).strip():
        record.problems.append("check: not run: uncommitted changes in the work tree (the record is of HEAD)")
        return
    report = run(work_tree, CheckOptions(parallel=False))
    if report.problem is not None:
        record.problems.append(f"check: not run: {report.problem}")
        return
    record.check_errors, record.check_warnings = report.errors, report.warnings
    record.check_failed = " ".join(r.id for r in report.failures) or None


#: The files a record reads besides licence texts and REUSE headers (fetched together, in one git call).
METADATA = (
    facts.ANSWERS, "pyproject.toml", "okh.toml", "CITATION.cff", "codemeta.json", "REUSE.toml",
    "README.md", "README.rst", "README", "README.txt",
)  # fmt: skip


def _files(repo: GitRepo, options: InventoryOptions, record: RepoRecord) -> None:
    problems = record.problems
    repo.keep([*METADATA, *licensing.licence_texts(repo)])
    recorded = facts.answers(repo, problems)
    record.languages = facts.languages([p for p, e in repo.tree.items() if e.is_file])
    kind = recorded.get("project_kind")
    if isinstance(kind, str) and kind:
        record.kind, record.kind_from = kind, "answers"
    elif guessed := facts.guess_kind(record.languages):
        record.kind, record.kind_from = guessed, "guessed"
    found = licensing.licensing(repo, recorded, max_files=options.reuse_max_files)
    problems += found.problems
    record.licence_sources, record.licence_files = found.declared, found.detected
    record.licence_declared = licensing.combine(list(found.declared.values()))
    identified = [v for v in found.detected.values() if v not in ("unknown", "unreadable")]
    record.licence_detected = licensing.combine(identified)
    record.licence_agree = licensing.agree(record.licence_declared, found.detected, found.alternatives)
    record.reuse_status, record.reuse_detail = found.reuse_status, found.reuse_detail
    src, version = recorded.get("_src_path"), recorded.get("_commit")
    if isinstance(src, str) and src:
        record.template_src = src
        record.template_version = str(version) if version else None
        if options.template_check and record.template_version:
            record.template_current = facts.template_current(src, record.template_version, problems)
    record.repostatus = facts.repostatus(repo, recorded, problems)
    record.doi, record.citation_title, description = facts.citation(repo, problems)
    record.description = record.description or description or _str(recorded.get("description"))


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
