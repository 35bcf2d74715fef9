# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Build step: ship the template inside the package.

The repository is both the template and the package.  A wheel (and so
``pipx install git+URL`` or ``uv tool install git+URL``) carries the template
as package data in ``scaffolder/_template/``: every path copier.yml and the
template reach (``TEMPLATE_PARTS`` and the package's ``scaffolder/data``,
which copier.yml and the template include by their paths from the template
root).  Beside it, ``scaffolder/_build_info.json`` records the git commit the
template was built from (``git describe --tags --always``, exactly what copier
records as ``_commit`` when it renders that commit from the canonical URL), so
a project made from the packaged template records a version that ``copier
update`` finds in the canonical repository.  An sdist carries the template
parts and the build information, so a wheel built from it (no ``.git``) is the
same.  Editable installs use the checkout itself (``scaffolder/templates.py``).
See docs/release.md.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
#: The template's own files at the repository root (copier.yml's ``_subdirectory`` and what it includes).
TEMPLATE_PARTS = ("copier.yml", "template", "includes", "questions", "hooks")
#: Package data that copier.yml and the template include by path (``scaffolder/data/...``).
TEMPLATE_DATA = "scaffolder/data"
#: Where the build information lives, in the package and in an sdist.
BUILD_INFO = "scaffolder/_build_info.json"
PACKAGED = "scaffolder/_template"
#: Names the canonical URL of the template at build time, as at run time (scaffolder/identity.py).
ENV_TEMPLATE_URL = "SCAFFOLDER_TEMPLATE_URL"
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo")


def _git(*args: str) -> str | None:
    try:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def canonical_url() -> str | None:
    """Where the template comes from: ``$SCAFFOLDER_TEMPLATE_URL``, else the checkout's origin if it is a URL.

    Credentials in the URL (a CI job's token) are never recorded.
    """
    url = os.environ.get(ENV_TEMPLATE_URL, "").strip() or _git("config", "--get", "remote.origin.url") or ""
    if "://" in url:
        parts = urlsplit(url)
        host = parts.hostname or ""
        netloc = host + (f":{parts.port}" if parts.port else "")
        if parts.username and parts.scheme in ("ssh", "git+ssh"):
            netloc = f"{parts.username}@{netloc}"
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    if url.startswith("git@") and ":" in url:
        return url  # scp-like ssh form: the user is the forge's, not a credential
    # a plain path (a local clone's origin, a tool's cache) is no place another machine reaches
    return url if os.environ.get(ENV_TEMPLATE_URL) else None


def build_info() -> dict[str, object]:
    """The template version this build ships: from the git checkout, else from the sdist, else unknown."""
    top = _git("rev-parse", "--show-toplevel")
    if top and Path(top).resolve() == ROOT:
        paths = [*TEMPLATE_PARTS, TEMPLATE_DATA]
        status = _git("status", "--porcelain", "--untracked-files=all", "--", *paths)
        tag = _git("describe", "--tags", "--exact-match", "HEAD")
        return {
            "commit": _git("rev-parse", "HEAD"),
            "describe": _git("describe", "--tags", "--always", "HEAD"),
            "tag": tag or None,
            "dirty": bool(status),
            "url": canonical_url(),
        }
    recorded = ROOT / BUILD_INFO
    if recorded.is_file():
        loaded = json.loads(recorded.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            return loaded
    return {"commit": None, "describe": None, "tag": None, "dirty": None, "url": None}


def _write_info(path: Path, info: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")


class BuildPyWithTemplate(build_py):  # type: ignore[misc]
    """``build_py``, then the template and its build information into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install renders the checkout itself
        lib = Path(self.build_lib)
        target = lib / PACKAGED
        shutil.rmtree(target, ignore_errors=True)
        for part in TEMPLATE_PARTS:
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, target / part, ignore=_IGNORE)
            elif src.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target / part)
            else:
                raise SystemExit(f"template part {part} is missing from {ROOT}: the sdist is incomplete")
        shutil.copytree(ROOT / TEMPLATE_DATA, target / TEMPLATE_DATA, ignore=_IGNORE)
        _write_info(lib / BUILD_INFO, build_info())


class SdistWithBuildInfo(sdist):  # type: ignore[misc]
    """``sdist``, with the build information of the checkout it was made from."""

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        target = Path(base_dir) / BUILD_INFO
        if target.exists():
            target.unlink()  # a hard link to the checkout's file, if one was left there
        _write_info(target, build_info())


setup(cmdclass={"build_py": BuildPyWithTemplate, "sdist": SdistWithBuildInfo})
