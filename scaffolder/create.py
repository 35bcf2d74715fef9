# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder new``: render the template into a new project."""

from __future__ import annotations

import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import gitops, progress, questions, templates
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
    on_step: progress.Step | None = None,
    profile: str | Path | None = None,
) -> NewResult:
    """Create a project in ``dest`` from the template.

    ``data`` answers questions (strings are cast to each question's type);
    ``defaults`` takes the default for every question not answered, otherwise
    copier asks in the terminal.  The template is rendered into a temporary
    folder beside ``dest`` and moved into place only when it succeeded, so an
    error leaves ``dest`` as it was.  With ``git``, ``dest`` becomes a git
    repository with a first commit, also inside another repository's work tree
    (a repository of its own, as the README promises); only when ``dest`` is
    itself the root of a repository already are its files left uncommitted.
    ``profile`` is the organisation profile that may name the template's canonical
    URL (:mod:`scaffolder.identity`).  ``on_step`` hears of each slow step (see :mod:`scaffolder.progress`).
    """
    dest = Path(dest).expanduser().absolute()
    src = templates.resolve_source(template)
    _check_dest(dest, force)
    questions.refuse_adopt_only(data)
    answers = questions.prepare_answers(src, data, defaults=defaults)
    progress.step(on_step, "rendering the template" + ("" if defaults else " after its questions"))
    worker_answers, files = _render(
        src, dest, answers, vcs_ref=vcs_ref, defaults=defaults, quiet=quiet, profile=profile
    )
    result = NewResult(path=dest, answers=worker_answers, files=files)
    if git and not _repository_root(dest):
        progress.step(on_step, "committing")
        version = worker_answers.get("_commit") or "unknown"
        result.commit = gitops.init_and_commit(
            dest,
            f"Create {worker_answers.get('project_name', dest.name)} from the scaffolder template {version}",
            str(worker_answers.get("author_name", "scaffolder")),
            str(worker_answers.get("author_email", "")),
        )
    return result


def _repository_root(path: Path) -> bool:
    """Whether ``path`` is the top of a git work tree (not merely a folder inside one)."""
    if not gitops.inside_work_tree(path):
        return False
    top = gitops.git("rev-parse", "--show-toplevel", cwd=path, check=False).strip()
    return bool(top) and Path(top).resolve() == path.resolve()


def _check_dest(dest: Path, force: bool) -> None:
    if dest.exists() and not dest.is_dir():
        raise ScaffolderError(f"DEST: {str(dest)!r} exists and is not a folder")
    if dest.is_dir() and any(dest.iterdir()) and not force:
        raise ScaffolderError(f"DEST: {str(dest)!r} exists and is not empty; pass --force to write into it")


def _render(
    src: str,
    dest: Path,
    answers: dict[str, Any],
    *,
    vcs_ref: str | None,
    defaults: bool,
    quiet: bool,
    profile: str | Path | None,
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
            profile=profile,
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
    profile: str | Path | None = None,
) -> None:
    """Plain ``copier copy`` (no tasks, no trust) with copier's errors as ScaffolderErrors.

    Nothing of the template runs: no tasks, migrations or Jinja extensions,
    whatever copier's own settings trust (:func:`untrusting_settings`); git
    runs hardened (:func:`scaffolder.gitops.hardened_copier`).  A local
    checkout, or the template inside the package, is recorded by its canonical
    URL (:func:`scaffolder.templates.recorded_source`): the template's computed
    value ``template_source`` writes it as ``_src_path``; the packaged template's
    version (``template_version``) is recorded as ``_commit``
    (:func:`scaffolder.templates.stamp_answers`, also for templates that do not
    write these values themselves).  Both are checked before anything is written.
    """
    from copier import run_copy  # heavy: imported only when a project is made
    from copier.errors import UnsafeTemplateError

    from scaffolder._copier_speed import faster

    gitops.refuse_option_like("--template", src)
    stamp: dict[str, Any] = {}
    record = templates.recorded_source(src, profile)
    if record != src:
        answers = {**answers, "template_source": record}
        stamp["_src_path"] = record
    if templates.is_packaged(src):
        stamp["_commit"] = templates.packaged_version()
        answers = {**answers, "template_version": stamp["_commit"], "template_commit": templates.packaged_commit()}
    with questions.copier_errors(answers), warnings.catch_warnings(), gitops.hardened_copier(), faster():
        warnings.simplefilter("ignore")  # copier's dirty-template notice is not the user's business
        try:
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
                settings=untrusting_settings(),
            )
        except UnsafeTemplateError as exc:
            features = re.search(r"unsafe features?: ([^.\n]+)", str(exc))
            raise ScaffolderError(
                f"template {src} uses {features[1] if features else 'unsafe features'}, which run code on this "
                "machine; scaffolder never runs template code when it makes or adopts a project (docs/security.md)"
            ) from None
    templates.stamp_answers(dest, stamp)


def untrusting_settings() -> Any:
    """copier's user settings (its ``defaults``) without its ``trust`` list: scaffolder decides trust."""
    from copier._settings import SettingsModel

    loaded = SettingsModel.from_file()
    return SettingsModel(defaults=loaded.defaults, trust=set())


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
