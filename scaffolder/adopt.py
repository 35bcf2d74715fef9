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

from scaffolder import adopt_licence, gitops, progress, questions, repofiles, templates
from scaffolder.errors import ScaffolderError, listed
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
    #: Files of the repository scaffolder refused to read or write (links out of it, too large), and why.
    unsafe: list[str] = field(default_factory=list)
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
    on_step: progress.Step | None = None,
) -> AdoptResult:
    """Add the template's missing files to the repository at ``path`` and write its answers file.

    ``on_step`` hears of each slow step (see :mod:`scaffolder.progress`).
    """
    gitops.refuse_option_like("PATH", str(path))
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
        raise ScaffolderError(f"uncommitted changes in {listed(dirty)}; commit or stash them first")
    existing = adopt_licence.examine(project, data or {})
    progress.step(on_step, "fetching template versions")
    src, version = templates.versioned_source(templates.resolve_source(template), to)
    asked = questions.asked(Path(src)) if Path(src).is_dir() else {}
    unsafe: list[str] = []
    data = adopt_licence.answers_for(existing, data or {}, asked)
    answers = questions.prepare_answers(src, data, defaults=defaults)
    guessed = guess_defaults(project, asked)
    with tempfile.TemporaryDirectory(prefix="scaffolder-adopt-") as tmp:
        rendered = Path(tmp) / project.name
        progress.step(on_step, "rendering the template" + ("" if defaults else " after its questions"))
        _render(src, rendered, answers, guessed, version.ref, defaults=defaults, quiet=quiet)
        stored = questions.rendered_answers(rendered)
        result = AdoptResult(project, str(stored.get("_commit") or version.label), stored, guessed, unsafe=unsafe)
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
    if url := web_address(origin):
        guess["repository_url"] = url  # the template derives the forge from its host
    if asked:
        guess = {k: v for k, v in guess.items() if k in asked}
    return guess


_URL_REMOTE = re.compile(
    r"^(?P<scheme>https?|ssh|git)://(?:[^@/\s]*@)?(?P<host>[A-Za-z0-9.-]+)(?P<port>:[0-9]+)?/(?P<path>[^\s\"<>]+)$"
)
_SCP_REMOTE = re.compile(r"^(?:[^@/\s]+@)?(?P<host>[A-Za-z0-9.-]+\.[A-Za-z0-9.-]+):(?!/)(?P<path>[^\s\"<>]+)$")


def web_address(remote: str) -> str | None:
    """The web address of a git remote, or None for a local path or an unknown form.

    ``https://host/group/x.git`` and ``git@host:group/x.git`` or ``ssh://git@host:7999/group/x.git``
    all give ``https://host/group/x``: user names and tokens are dropped, and an ssh port
    (not the web's) too.
    """
    if m := _URL_REMOTE.match(remote):
        web = m["scheme"] in ("http", "https")
        scheme, port = (m["scheme"], m["port"] or "") if web else ("https", "")
        host, path = m["host"], m["path"]
    elif m := _SCP_REMOTE.match(remote):
        scheme, port, host, path = "https", "", m["host"], m["path"]
    else:
        return None
    path = path.rstrip("/").removesuffix(".git").rstrip("/")
    return f"{scheme}://{host.lower()}{port}/{path}" if path else None


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
    """Copy what the repository lacks; never write or compare through a link that leaves the repository."""
    for file in sorted(p for p in rendered.rglob("*") if p.is_file() or p.is_symlink()):
        rel = file.relative_to(rendered).as_posix()
        target = project / rel
        try:
            repofiles.inside(project, rel)
        except repofiles.UnsafeFile as exc:
            result.unsafe.append(str(exc).replace("; not read", "; not written"))
            continue
        if target.is_symlink() and rel != ANSWERS_FILE:
            result.differing.append(rel)  # a link inside the repository: the project's own, never compared
        elif rel == ANSWERS_FILE:
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
