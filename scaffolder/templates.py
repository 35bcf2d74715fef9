# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Where the template comes from."""

from __future__ import annotations

import os
from pathlib import Path

from scaffolder.errors import ScaffolderError

#: The checkout this package lives in: the repository is both the package and
#: the template, so an editable install (the README's) finds it offline.
CHECKOUT = Path(__file__).resolve().parent.parent

#: Environment variable naming the default template source (a path or git URL).
ENV_TEMPLATE = "SCAFFOLDER_TEMPLATE"


def default_source() -> str:
    """The template used when ``--template`` is not given."""
    if env := os.environ.get(ENV_TEMPLATE):
        return env
    if (CHECKOUT / "copier.yml").is_file():
        return str(CHECKOUT)
    raise ScaffolderError(
        "no template found next to the installed package; install scaffolder from a "
        f"checkout with `pip install -e .`, or pass --template SRC (or set {ENV_TEMPLATE})"
    )


def resolve_source(template: str | None) -> str:
    """A template source as copier wants it: local paths made absolute."""
    src = template or default_source()
    local = Path(src).expanduser()
    if "://" not in src and not src.startswith("git@") and local.exists():
        return str(local.resolve())
    return src
