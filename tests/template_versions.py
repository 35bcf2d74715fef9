# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Template versions for the update, adopt and fleet tests: real git tags in a temporary copy.

Each version is a commit on a temporary copy of this checkout (``template_copy``),
tagged like a release, so copier and scaffolder see a template with a history.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import git, template_copy

#: Answers every test project gives: the community files need a contact
#: (an e-mail address or a forge URL) to default to.
ANSWERS = {"author_email": "team@example.org"}

NOTES = (
    "{% from 'includes/macros.jinja' import spdx_md with context %}{{ spdx_md(docs_license) }}\n\n"
    "# Notes from the OSPO\n\nNews for {{ project_name }} from the Open Source Program Office.\n"
)
LICENCE_LINE = "Every file states its copyright and licence, in an SPDX header or in"
LICENCE_LINE_V11 = "Every file states its copyright and its licence, in an SPDX header or in"


def release(tpl: Path, tag: str, message: str = "template change") -> None:
    git("add", "-A", cwd=tpl)
    git("commit", "-q", "-m", message, cwd=tpl)
    git("tag", tag, cwd=tpl)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_v11(tpl: Path, *, readme: bool = True) -> None:
    """v1.1.0: a new file (OSPO-NOTES.md), a changed file (.gitignore) and, if ``readme``, a README line."""
    (tpl / "template" / "OSPO-NOTES.md.jinja").write_text(NOTES, encoding="utf-8")
    gitignore = tpl / "template" / ".gitignore.jinja"
    gitignore.write_text(gitignore.read_text(encoding="utf-8") + "\n# Caches\n.project-cache/\n", encoding="utf-8")
    if readme:
        edit(tpl / "includes" / "readme" / "licence.md.jinja", LICENCE_LINE, LICENCE_LINE_V11)
    release(tpl, "v1.1.0", "OSPO-NOTES.md; .gitignore ignores .project-cache/")


def two_versions(dest: Path, *, readme: bool = True) -> Path:
    """A template with tags v1.0.0 (this checkout) and v1.1.0 (see :func:`add_v11`)."""
    tpl = template_copy(dest)
    add_v11(tpl, readme=readme)
    return tpl


def clone_project(base: Path, dest: Path) -> Path:
    """A copy of a generated project (with its git history), quicker than rendering again."""
    shutil.copytree(base, dest, symlinks=True)
    return dest


def commit_all(project: Path, message: str = "local change") -> None:
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", message, cwd=project)
