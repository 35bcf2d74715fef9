# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder update``: bring one repository to a newer template version.

:func:`update` never raises for a problem of the repository: it returns an
:class:`UpdateResult` saying ``updated``, ``up to date``, ``conflicts``,
``refused`` or ``failed`` (with the reason), so that many repositories can be
updated in one run (see :mod:`scaffolder.fleet`).  Copier does the work
(``Worker.run_update``: a 3-way merge of the template's changes with the
project's); scaffolder adds the checks around it, finds the conflicts copier
leaves behind without failing, and restores the repository when copier fails.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder import gitops, identity, progress, questions, repofiles, versions
from scaffolder.errors import ScaffolderError, listed
from scaffolder.questions import ANSWERS_FILE

if TYPE_CHECKING:
    from collections.abc import Iterable


class Outcome(str, Enum):
    """What happened to one repository; the value is what the table and JSON show."""

    UPDATED = "updated"
    UP_TO_DATE = "up to date"
    AVAILABLE = "update available"
    CONFLICTS = "conflicts"
    REFUSED = "refused"
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value


#: Outcomes that count as success for the exit code.
CLEAN = frozenset({Outcome.UPDATED, Outcome.UP_TO_DATE})


def exit_code(results: Iterable[UpdateResult], *, check: bool = False) -> int:
    """The exit status of a run: the worst of its repositories.

    ``update``: 0 when every repository is updated or up to date, else 1.
    ``update --check``: 0 up to date, 1 an update is available, 2 could not
    check (not a template project, template unreachable, ...).
    """
    if not check:
        return max((0 if r.clean else 1 for r in results), default=0)
    codes = {Outcome.UP_TO_DATE: 0, Outcome.AVAILABLE: 1}
    return max((codes.get(Outcome(r.result), 2) for r in results), default=0)


#: Whose template a repository follows (``UpdateResult.template``): see :mod:`scaffolder.identity`.
ORGANISATION = "organisation"
FOREIGN = "foreign"

_MARKERS = (b"<<<<<<< ", b">>>>>>> ")
#: The largest file searched for conflict markers (copier merges text files).
_MARKER_LIMIT = 16 * 1024 * 1024


class Refused(ScaffolderError):
    """The repository is not in a state an update may start from."""


@dataclass
class UpdateResult:
    path: str
    result: Outcome
    current: str | None = None
    target: str | None = None
    reason: str = ""
    #: ``git status --porcelain`` lines of what the update changed.
    changed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    branch: str | None = None
    commit: str | None = None
    #: The template the repository records (``_src_path``) and whether it is the organisation's.
    source: str | None = None
    template: str | None = None

    @property
    def clean(self) -> bool:
        return Outcome(self.result) in CLEAN

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "result": str(self.result)}


def update(
    path: Path | str,
    *,
    data: dict[str, Any] | None = None,
    to: str | None = None,
    check: bool = False,
    branch: str | None = None,
    commit: bool = False,
    trust: bool = False,
    on_step: progress.Step | None = None,
    trust_templates: Sequence[str] = (),
) -> UpdateResult:
    """Update the repository at ``path`` to the newest template version (or ``to``).

    ``data`` changes answers; ``check`` only reports whether an update is
    available; ``branch`` makes the update on a new branch and commits it there
    when it is clean (``commit`` commits on the current branch).
    Without ``trust``, copier runs nothing of the template's but the reviewed
    migrations of the organisation's template (see :func:`_trusted`);
    ``trust`` lets copier run everything the template asks for, and so does
    naming the repository's template in ``trust_templates`` (compared by
    :func:`scaffolder.identity.same`); ``on_step`` hears of each
    slow step (see :mod:`scaffolder.progress`).
    """
    result = UpdateResult(path=str(path), result=Outcome.FAILED)
    try:
        if str(path).startswith("-"):
            raise Refused(f"repository path {str(path)!r} starts with '-'; refused (git would read it as an option)")
        _update(
            Path(path).expanduser().absolute(),
            result,
            data or {},
            to,
            check,
            branch,
            commit,
            trust,
            trust_templates,
            on_step,
        )
    except Refused as exc:
        result.result, result.reason = Outcome.REFUSED, str(exc)
    except ScaffolderError as exc:
        result.result, result.reason = Outcome.FAILED, str(exc)
    except Exception as exc:  # one repository's surprise must not stop the others
        result.result, result.reason = Outcome.FAILED, f"{type(exc).__name__}: {' '.join(str(exc).split())}"
    return result


def recorded_answers(project: Path) -> dict[str, Any]:
    """The answers file of an untrusted repository (read through :mod:`scaffolder.repofiles`)."""
    import yaml

    path = project / ANSWERS_FILE
    if not path.is_file() and not path.is_symlink():
        raise Refused(
            f"no {ANSWERS_FILE}: the repository was not made from the template; "
            f"bring it under management with `scaffolder adopt {project}`"
        )
    try:
        loaded = yaml.safe_load(repofiles.read_text(project, ANSWERS_FILE))
    except repofiles.UnsafeFile as exc:
        raise Refused(str(exc)) from None
    except yaml.YAMLError:
        raise ScaffolderError(f"{ANSWERS_FILE} is not valid YAML") from None
    if not isinstance(loaded, dict) or not loaded.get("_src_path"):
        raise ScaffolderError(f"{ANSWERS_FILE} does not record the template (_src_path)")
    return loaded


def _update(
    project: Path,
    result: UpdateResult,
    data: dict[str, Any],
    to: str | None,
    check: bool,
    branch: str | None,
    commit: bool,
    trust: bool,
    trust_templates: Sequence[str],
    on_step: progress.Step | None,
) -> None:
    if not project.is_dir():
        raise ScaffolderError("no such folder")
    if not gitops.inside_work_tree(project):
        raise Refused("not a git repository (updates need git to merge and to show what changed)")
    recorded = recorded_answers(project)
    result.current = str(recorded.get("_commit") or "") or None
    if not check and (dirty := gitops.dirty_files(project)):
        raise Refused("uncommitted changes in " + listed(dirty) + "; commit or stash them first")
    src = str(recorded["_src_path"])
    result.source = src
    if src.strip().startswith("-"):
        raise Refused(f"_src_path {src!r} starts with '-'; refused (git would read it as an option)")
    organisation = identity.is_organisation_template(src)
    result.template = ORGANISATION if organisation else FOREIGN
    trust = trust or any(identity.same(src, t) for t in trust_templates)
    progress.step(on_step, "fetching template versions")
    target = versions.resolve(src, to)
    result.target = target.label
    if result.current is None:
        raise ScaffolderError(f"{ANSWERS_FILE} does not record the template version (_commit)")
    current = versions.recorded(src, result.current)
    if current is None:
        raise ScaffolderError(
            f"the recorded template version {result.current!r} is neither a commit of the template "
            "nor a PEP 440 version (was the template's history rewritten?)"
        )
    order = versions.order(current, target.number)
    changes = _changed_answers(src, recorded, data)
    if order == 1:
        if to is not None or changes:
            raise Refused(
                f"the repository records {result.current}, newer than {target.label}; copier cannot downgrade"
                + ("" if to is not None else ", so answers cannot be changed against that version")
            )
        result.result, result.target = Outcome.UP_TO_DATE, result.current
        result.reason = f"newer than the newest release {target.label}"
        return
    if order == 0 and not changes:
        result.result = Outcome.UP_TO_DATE
        return
    if check:
        result.result = Outcome.AVAILABLE
        return
    if branch:
        _new_branch(project, branch)
        result.branch = branch
    progress.step(on_step, f"updating from {result.current} to {target.label}")
    try:
        _run_copier(project, src, target, changes, trust=trust, organisation=organisation)
    except BaseException:
        _restore(project, branch)
        result.branch = None
        raise
    result.target = str(recorded_answers(project).get("_commit") or target.label)
    result.changed = _status(project)
    result.conflicts = _conflicts(project, result.changed)
    if result.conflicts:
        result.result = Outcome.CONFLICTS
        result.reason = "resolve the conflict markers in " + listed(result.conflicts)
        return
    result.result = Outcome.UPDATED
    if (branch or commit) and result.changed:
        progress.step(on_step, "committing")
        result.commit = _commit(project, recorded, result.current or "?", result.target)


def _changed_answers(src: str, recorded: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    """The answers in ``data`` that differ from the recorded ones, cast and checked."""
    if not data:
        return {}
    root = Path(src)
    if root.is_dir() and (root / "copier.yml").is_file():
        known = questions.asked(root)
        context = {k: v for k, v in recorded.items() if k in known and k not in data}
        data = {k: v for k, v in questions.check_answers(root, {**context, **data}).items() if k in data}
    return {k: v for k, v in data.items() if recorded.get(k) != v}


def _new_branch(project: Path, branch: str) -> None:
    if branch.startswith("-") or not gitops.git(
        "check-ref-format", "--branch", branch, cwd=project, check=False
    ):
        raise ScaffolderError(f"--branch: {branch!r} is not a valid branch name")
    if gitops.git(
        "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}", cwd=project, check=False
    ).strip():
        raise Refused(f"branch {branch} exists already")
    gitops.git("switch", "--quiet", "-c", branch, cwd=project)


def _restore(project: Path, branch: str | None) -> None:
    """Undo a failed update: the repository was clean before it started."""
    gitops.git("reset", "--quiet", "--hard", cwd=project, check=False)
    gitops.git("clean", "-fdq", cwd=project, check=False)
    if branch:
        gitops.git("switch", "--quiet", "-", cwd=project, check=False)
        gitops.git("branch", "-D", branch, cwd=project, check=False)


def _run_copier(
    project: Path,
    src: str,
    target: versions.TemplateVersion,
    changes: dict[str, Any],
    *,
    trust: bool,
    organisation: bool,
) -> None:
    """copier's update: ``unsafe`` when trusted, or for the organisation's reviewed migrations only."""
    with warnings.catch_warnings():
        # copier 9 calls Worker internal; pyproject pins copier < 10, where it is still exported
        warnings.simplefilter("ignore", DeprecationWarning)
        from copier import Worker

    from scaffolder._copier_speed import faster
    from scaffolder.create import untrusting_settings

    with questions.copier_errors(changes):
        try:
            with warnings.catch_warnings(), gitops.hardened_copier(), faster():
                warnings.simplefilter("ignore")  # copier's dirty-template notice is not the user's business
                with Worker(
                    dst_path=project,
                    data=changes,
                    vcs_ref=target.ref,
                    defaults=True,
                    overwrite=True,
                    quiet=True,
                    skip_answered=True,
                    conflict="inline",
                    unsafe=trust,
                    settings=untrusting_settings(),
                ) as worker:
                    if not trust and organisation:
                        worker.unsafe = _trusted(worker)
                    worker.run_update()
        except Exception as exc:
            if type(exc).__name__ == "UnsafeTemplateError":
                raise Refused(_refusal(src, str(exc), organisation)) from exc
            raise


def _refusal(src: str, copier_message: str, organisation: bool) -> str:
    """One line: the source, the features copier would run, and how to allow them."""
    m = re.search(r"unsafe features?: ([^.\n]+)", copier_message)
    features = m[1].strip() if m else "unsafe features"
    if organisation:
        return (
            f"the organisation's template {src} uses {features} beyond its reviewed migrations; "
            "scaffolder runs them only with --trust (docs/security.md)"
        )
    return (
        f"template {src} is not the organisation's and uses {features}, which run code on this machine; "
        f"pass --trust-template {src} (or --trust for one repository) if you trust it (docs/security.md)"
    )


_PYTHON = re.compile(r"^\{\{\s*_copier_python\s*\}\}$")
_HOOK = re.compile(r"^\{\{\s*_copier_conf\.src_path\s*\}\}/hooks/[A-Za-z0-9_][A-Za-z0-9_/.-]*\.py$")
_JINJA = ("{{", "{%", "{#")


def _trusted(worker: Any) -> bool:
    """Whether the template's only unsafe feature is migrations of the trusted form.

    Asked only for the organisation's template (:mod:`scaffolder.identity`):
    the form alone proves nothing about who wrote a template.
    A migration is trusted when it is a list-form command (no shell) that runs
    a Python script from the template's own ``hooks/`` folder with the Python
    that runs copier, and passes only literal arguments (no answers).  Such
    scripts are part of the template's reviewed code, like its files.  Tasks,
    Jinja extensions or any other migration need ``--trust``.
    """
    new, old = worker.template, worker.subproject.template
    for tpl in (new, old):
        if tpl is not None and (tpl.jinja_extensions or tpl.tasks):
            return False
    config = questions.load_config(Path(new.local_abspath))
    for migration in config.get("_migrations") or []:
        command = migration.get("command") if isinstance(migration, dict) else migration
        if not _hook_command(command):
            return False
    return True


def _hook_command(command: Any) -> bool:
    if not isinstance(command, list) or len(command) < 2 or not all(isinstance(p, str) for p in command):
        return False
    if not _PYTHON.match(command[0]) or not _HOOK.match(command[1]) or ".." in command[1]:
        return False
    return not any(mark in part for part in command[2:] for mark in _JINJA)


def _status(project: Path) -> list[str]:
    out = gitops.git("status", "--porcelain", "--untracked-files=all", cwd=project)
    return [line for line in out.splitlines() if line.strip()]


def _conflicts(project: Path, status: list[str]) -> list[str]:
    """Files with conflict markers, unmerged files and ``.rej`` files (even ignored ones)."""
    found: list[str] = []
    for line in status:
        code, name = line[:2], line[3:].split(" -> ")[-1].strip('"')
        if name.endswith(".rej") or "U" in code or code in ("AA", "DD"):
            found.append(name)
            continue
        if _has_markers(project, name):
            found.append(name)
    ignored = gitops.git("ls-files", "--others", "--ignored", "--exclude-standard", "-z", cwd=project)
    found += [name for name in ignored.split("\0") if name.endswith(".rej")]
    return sorted(set(found))


def _has_markers(project: Path, name: str) -> bool:
    """Conflict markers in a file of the project (never one a link leads out of the project to)."""
    try:
        data = repofiles.read_bytes(project, name, limit=_MARKER_LIMIT)
    except (repofiles.UnsafeFile, OSError):
        return False
    return any(line.startswith(_MARKERS) for line in data.splitlines())


def _commit(project: Path, recorded: dict[str, Any], old: str, new: str) -> str:
    gitops.git("add", "-A", cwd=project)
    env = gitops.identity_env(
        project, str(recorded.get("author_name") or "scaffolder"), str(recorded.get("author_email") or "")
    )
    gitops.git(
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        f"Update from the scaffolder template {old} to {new}",
        cwd=project,
        env=env,
    )
    return gitops.git("rev-parse", "HEAD", cwd=project).strip()
