# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder new``: render the template into a new project."""

from __future__ import annotations

import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import gitops, questions, templates
from scaffolder.errors import ScaffolderError


@dataclass
class NewResult:
    path: Path
    answers: dict[str, Any]
    files: list[str] = field(default_factory=list)
    commit: str | None = None


def new(
    dest: Path | str,
    *,
    data: dict[str, Any] | None = None,
    template: str | None = None,
    vcs_ref: str | None = "HEAD",
    defaults: bool = False,
    force: bool = False,
    git: bool = True,
    quiet: bool = True,
) -> NewResult:
    """Create a project in ``dest`` from the template.

    ``data`` answers questions (strings are cast to each question's type);
    ``defaults`` takes the default for every question not answered, otherwise
    copier asks in the terminal.  The template is rendered into a temporary
    folder beside ``dest`` and moved into place only when it succeeded, so an
    error leaves ``dest`` as it was.
    """
    dest = Path(dest).expanduser().absolute()
    src = templates.resolve_source(template)
    _check_dest(dest, force)
    questions.refuse_adopt_only(data)
    answers = questions.prepare_answers(src, data, defaults=defaults)
    worker_answers, files = _render(src, dest, answers, vcs_ref=vcs_ref, defaults=defaults, quiet=quiet)
    result = NewResult(path=dest, answers=worker_answers, files=files)
    if git and not gitops.inside_work_tree(dest):
        version = worker_answers.get("_commit") or "unknown"
        result.commit = gitops.init_and_commit(
            dest,
            f"Create {worker_answers.get('project_name', dest.name)} from the scaffolder template {version}",
            str(worker_answers.get("author_name", "scaffolder")),
            str(worker_answers.get("author_email", "")),
        )
    return result


def _check_dest(dest: Path, force: bool) -> None:
    if dest.exists() and not dest.is_dir():
        raise ScaffolderError(f"DEST: {str(dest)!r} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise ScaffolderError(f"DEST: {str(dest)!r} exists and is not empty; pass --force to write into it")


def _render(
    src: str, dest: Path, answers: dict[str, Any], *, vcs_ref: str | None, defaults: bool, quiet: bool
) -> tuple[dict[str, Any], list[str]]:
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.scaffolder-", dir=dest.parent))
    try:
        copy_template(
            src,
            staging / dest.name,
            answers,
            vcs_ref=vcs_ref,
            defaults=defaults,
            user_defaults={"project_name": dest.name, **gitops.identity_defaults(dest.parent)},
            quiet=quiet,
        )
        built = staging / dest.name
        stored = questions.rendered_answers(built)
        files = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
        _move_into(built, dest)
        return stored, files
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def copy_template(
    src: str,
    dest: Path,
    answers: dict[str, Any],
    *,
    vcs_ref: str | None,
    defaults: bool,
    user_defaults: dict[str, Any],
    quiet: bool,
) -> None:
    """Plain ``copier copy`` (no tasks, no trust) with copier's errors as ScaffolderErrors."""
    from copier import run_copy  # heavy: imported only when a project is made

    with questions.copier_errors(answers), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # copier's dirty-template notice is not the user's business
        run_copy(
            src,
            dest,
            data=answers,
            vcs_ref=vcs_ref,
            defaults=defaults,
            user_defaults=user_defaults,
            quiet=quiet,
            unsafe=False,
            overwrite=True,
        )


def _move_into(built: Path, dest: Path) -> None:
    if not dest.exists():
        built.rename(dest)
        return
    for item in built.iterdir():
        target = dest / item.name
        if target.is_dir() and item.is_dir():
            _move_into(item, target)
            continue
        if target.is_dir():
            shutil.rmtree(target)
        item.replace(target)
