# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder adopt``: bring an existing repository under the template's management.

The template is rendered into a temporary folder with copier (answers as for
``scaffolder new``, with defaults guessed from the repository); then the files
the repository lacks are copied in, the others are compared and left alone
(unless ``overwrite``), and the answers file is written with the template
version used, so that ``scaffolder update`` treats the repository like one made
with ``scaffolder new``: the files that differ count as the project's own edits.
"""

from __future__ import annotations

import filecmp
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import adopt_licence, gitops, questions, templates, versions
from scaffolder.errors import ScaffolderError
from scaffolder.questions import ANSWERS_FILE


@dataclass
class AdoptResult:
    path: Path
    version: str
    answers: dict[str, Any]
    guessed: dict[str, Any]
    added: list[str] = field(default_factory=list)
    matching: list[str] = field(default_factory=list)
    differing: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    #: The licence recorded, the licence files and what the detector said of each
    licence: str = ""
    licence_files: list[str] = field(default_factory=list)
    #: Copyright notices of the existing work, kept (NOTICE and README show them)
    kept_copyright: list[str] = field(default_factory=list)
    #: Files that still lack copyright or licence information after adopt (reuse lint), and why
    reuse_problems: list[str] = field(default_factory=list)


def adopt(
    path: Path | str,
    *,
    data: dict[str, Any] | None = None,
    template: str | None = None,
    to: str | None = None,
    defaults: bool = False,
    overwrite: bool = False,
    quiet: bool = True,
) -> AdoptResult:
    """Add the template's missing files to the repository at ``path`` and write its answers file."""
    project = Path(path).expanduser().absolute()
    if not project.is_dir():
        raise ScaffolderError(f"PATH: {project} is not a folder")
    if not gitops.inside_work_tree(project):
        raise ScaffolderError(
            f"{project} is not a git repository: run `git init` and commit your files first, "
            "so that what adopt adds can be reviewed"
        )
    if (project / ANSWERS_FILE).exists():
        raise ScaffolderError(
            f"{project} is managed by the template already ({ANSWERS_FILE} exists); use `scaffolder update`"
        )
    if dirty := gitops.dirty_files(project):
        shown = ", ".join(dirty[:8]) + (f" and {len(dirty) - 8} more" if len(dirty) > 8 else "")
        raise ScaffolderError(f"uncommitted changes in {shown}; commit or stash them first")
    existing = adopt_licence.examine(project, data or {})
    src = templates.resolve_source(template)
    version = versions.resolve(src, to)
    asked = questions.asked(Path(src)) if Path(src).is_dir() else {}
    data = adopt_licence.answers_for(existing, data or {}, asked)
    answers = questions.prepare_answers(src, data, defaults=defaults)
    guessed = guess_defaults(project, asked)
    with tempfile.TemporaryDirectory(prefix="scaffolder-adopt-") as tmp:
        rendered = Path(tmp) / project.name
        _render(src, rendered, answers, guessed, version.ref, defaults=defaults, quiet=quiet)
        stored = questions.rendered_answers(rendered)
        result = AdoptResult(project, str(stored.get("_commit") or version.label), stored, guessed)
        result.licence, result.licence_files, result.kept_copyright = existing.spdx, existing.found, existing.notices
        _merge(rendered, project, overwrite, result)
    result.reuse_problems = adopt_licence.reuse_problems(project, existing)
    return result


def guess_defaults(project: Path, asked: dict[str, Any]) -> dict[str, Any]:
    """Defaults read from the repository, for the questions the template asks.

    The licence is not a default: :func:`adopt_licence.examine` decides it, or adopt stops.
    """
    guess: dict[str, Any] = {"project_name": project.name}
    guess.update(gitops.identity_defaults(project))
    first = gitops.git(
        "log", "--reverse", "--format=%ad", "--date=format:%Y", cwd=project, check=False
    ).split()
    if first and first[0].isdigit():
        guess["copyright_year"] = int(first[0])
    origin = gitops.git("remote", "get-url", "origin", cwd=project, check=False).strip()
    if re.match(r"^https?://[^\s\"<>]+$", origin):
        guess["repository_url"] = origin.removesuffix(".git")
    if asked:
        guess = {k: v for k, v in guess.items() if k in asked}
    return guess


def _render(
    src: str,
    dest: Path,
    answers: dict[str, Any],
    guessed: dict[str, Any],
    ref: str,
    *,
    defaults: bool,
    quiet: bool,
) -> None:
    from scaffolder.create import copy_template

    copy_template(src, dest, answers, vcs_ref=ref, defaults=defaults, user_defaults=guessed, quiet=quiet)


def _merge(rendered: Path, project: Path, overwrite: bool, result: AdoptResult) -> None:
    for file in sorted(p for p in rendered.rglob("*") if p.is_file() or p.is_symlink()):
        rel = file.relative_to(rendered).as_posix()
        target = project / rel
        if rel == ANSWERS_FILE:
            shutil.copy2(file, target)
        elif not target.exists() and not target.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, target, follow_symlinks=False)
            result.added.append(rel)
        elif target.is_file() and filecmp.cmp(file, target, shallow=False):
            result.matching.append(rel)
        elif overwrite and not target.is_dir():
            target.unlink()
            shutil.copy2(file, target, follow_symlinks=False)
            result.overwritten.append(rel)
        else:
            result.differing.append(rel)
