# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Where the template comes from, and what a project records about it.

Without ``--template``, first to last: ``$SCAFFOLDER_TEMPLATE``; the checkout
this package is installed from (an editable install, the contributors'); the
template shipped inside the package (a wheel, and so ``pipx``/``uv tool``
installs: ``scaffolder/_template``, copied there by setup.py with the git
commit it was built from in ``scaffolder/_build_info.json``).

A project records its template as copier's ``_src_path`` and ``_commit``.  For
the shipped template those would be a site-packages folder and nothing; the
project records instead the organisation's canonical URL
(:func:`recorded_source`, :mod:`scaffolder.identity`) and the commit the wheel
was built from (:func:`packaged_version`: ``git describe --tags --always``,
which is what copier records when it renders that commit from the canonical
URL), so ``scaffolder update`` and ``copier update`` work from any machine.
``scaffolder.create.copy_template`` passes them to the template
(``template_source``, ``template_version``) and :func:`stamp_answers` makes
sure the answers file holds them.
"""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from scaffolder.errors import ScaffolderError

if TYPE_CHECKING:
    from scaffolder.versions import TemplateVersion

PACKAGE = Path(__file__).resolve().parent
#: The checkout this package lives in: the repository is both the package and
#: the template, so an editable install (the README's) finds it offline.
CHECKOUT = PACKAGE.parent
#: The template shipped inside an installed wheel (see setup.py).
PACKAGED = PACKAGE / "_template"
#: What the wheel was built from (see setup.py).
BUILD_INFO = PACKAGE / "_build_info.json"

#: Environment variable naming the default template source (a path or git URL).
ENV_TEMPLATE = "SCAFFOLDER_TEMPLATE"


@dataclass(frozen=True)
class BuildInfo:
    """The git commit the packaged template was built from, and where it was built from."""

    #: Full hash of the commit.
    commit: str | None = None
    #: ``git describe --tags --always`` of it: the ``_commit`` projects record.
    describe: str | None = None
    #: The version tag on that commit, if any.
    tag: str | None = None
    #: Whether the template's files differed from that commit when the wheel was built.
    dirty: bool | None = None
    #: The canonical URL given at build time (or the checkout's network origin).
    url: str | None = None


@functools.cache
def build_info() -> BuildInfo | None:
    """The packaged template's build information, or None when no template is packaged."""
    if not (PACKAGED / "copier.yml").is_file():
        return None
    try:
        raw = json.loads(BUILD_INFO.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return BuildInfo()
    if not isinstance(raw, dict):
        return BuildInfo()

    def text(key: str) -> str | None:
        value = raw.get(key)
        return str(value).strip() or None if value else None

    dirty = raw.get("dirty")
    return BuildInfo(text("commit"), text("describe"), text("tag"), dirty if isinstance(dirty, bool) else None,
                     text("url"))


def _is_checkout(path: Path) -> bool:
    return (path / "copier.yml").is_file() and (path / "template").is_dir()


def default_source() -> str:
    """The template used when ``--template`` is not given."""
    if env := os.environ.get(ENV_TEMPLATE):
        return env
    if _is_checkout(CHECKOUT):
        return str(CHECKOUT)
    if build_info() is not None:
        return str(PACKAGED)
    raise ScaffolderError(
        "no template found: this scaffolder has none inside it and is not installed from a checkout; "
        f"reinstall it (pipx install git+URL), or pass --template SRC (or set {ENV_TEMPLATE})"
    )


def resolve_source(template: str | None) -> str:
    """A template source as copier wants it: local paths made absolute."""
    src = template or default_source()
    local = Path(src).expanduser()
    if "://" not in src and not src.startswith("git@") and local.exists():
        return str(local.resolve())
    return src


def is_packaged(src: str) -> bool:
    """Whether ``src`` is the template shipped inside this package."""
    return build_info() is not None and "://" not in src and Path(src).expanduser().resolve() == PACKAGED


def packaged_version() -> str:
    """The ``_commit`` a project made from the packaged template records."""
    info = build_info()
    if info is None or not info.describe:
        raise ScaffolderError(
            "this scaffolder was built without a template version (not from a git checkout or an sdist); "
            "reinstall it from the template's repository (pipx install git+URL), or pass --template SRC"
        )
    return info.describe


def packaged_commit() -> str:
    """The full hash of the commit the packaged template was built from ('' when unknown)."""
    info = build_info()
    return info.commit or "" if info is not None else ""


def recorded_source(src: str, profile: str | Path | None = None) -> str:
    """The ``_src_path`` a project made from ``src`` records: never a temporary or site-packages path.

    ``profile`` is the organisation profile that may name the canonical URL
    (:func:`scaffolder.identity.recorded_source`).
    """
    from scaffolder import identity

    if not is_packaged(src):
        return identity.recorded_source(src, profile)
    url = identity.organisation_template(profile).url
    if not url:
        raise ScaffolderError(
            "the canonical URL of the template shipped in this scaffolder is not known, and projects must "
            f"record where their updates come from: set {identity.ENV_TEMPLATE_URL} or the profile's "
            f"{identity.PROFILE_KEY}"
        )
    return url


def versioned_source(src: str, to: str | None) -> tuple[str, TemplateVersion]:
    """The source to render and its version: the packaged template at its build, or ``to`` from its repository.

    A version other than the packaged one (``to``) comes from the canonical
    URL, which must then be reachable.
    """
    from scaffolder import versions

    if is_packaged(src):
        if to is None:
            from packaging.version import Version

            label = packaged_version()
            # the packaged copy is rendered as it is; its number only orders it (an untagged build: 0)
            return src, versions.TemplateVersion("HEAD", label, versions.parse(label) or Version("0"))
        src = recorded_source(src)
    return src, versions.resolve(src, to)


def stamp_answers(project: Path, values: dict[str, str]) -> None:
    """Set ``values`` (``_src_path``, ``_commit``) in ``project``'s answers file, the rest byte for byte.

    The template writes ``template_source`` and ``template_version`` there
    itself; this also serves templates that do not (``--template`` sources),
    and values copier folded onto several lines.
    """
    import yaml

    from scaffolder.questions import ANSWERS_FILE, rendered_answers

    path = project / ANSWERS_FILE
    if not path.is_file():
        return
    recorded = rendered_answers(project)
    values = {k: v for k, v in values.items() if recorded.get(k) != v}
    if not values:
        return
    block = yaml.safe_dump(values, sort_keys=False, width=10_000, allow_unicode=True)
    out: list[str] = []
    skipping = False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if skipping and line[:1] in (" ", "\t"):
            continue  # the rest of a value copier folded onto further lines
        skipping = line.split(":", 1)[0] in values
        if block and (skipping or (line.startswith("_") and ":" in line)):
            out.append(block)  # with the other recorded values, at the top
            block = ""
        if not skipping:
            out.append(line)
    path.write_text("".join(out) + block, encoding="utf-8")


def version_text() -> str:
    """The default template and its version, for ``scaffolder --version`` (runs git, imports nothing heavy)."""
    if env := os.environ.get(ENV_TEMPLATE):
        return f"template {env} (from ${ENV_TEMPLATE}; its version is read when it is used)"
    if _is_checkout(CHECKOUT):
        from scaffolder import gitops

        try:
            label = gitops.git("describe", "--tags", "--always", "--dirty", cwd=CHECKOUT, check=False).strip()
        except ScaffolderError:
            label = ""
        return f"template {label or 'of unknown version (not a git checkout)'} (the checkout {CHECKOUT})"
    info = build_info()
    if info is None:
        return "template: none found (pass --template SRC)"
    notes = ["inside the package"]
    if info.commit:
        notes.append(f"commit {info.commit}")
    if info.dirty:
        notes.append("built from files that differ from that commit")
    if info.url:
        notes.append(f"from {info.url}")
    return f"template {info.describe or 'of unknown version'} ({', '.join(notes)})"
