# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder inventory``: what the organisation publishes, where, under which licences, kept current.

- :mod:`~scaffolder.inventory.collect`: one repository's record (:func:`collect` never raises);
- :mod:`~scaffolder.inventory.run`: many sources into one snapshot, skipping what has not moved;
- :mod:`~scaffolder.inventory.store`: the SQLite database (schema ``data/inventory.sql``);
- :mod:`~scaffolder.inventory.forges`: GitLab groups and GitHub organisations as sources;
- :mod:`~scaffolder.inventory.export` and :mod:`~scaffolder.inventory.merge`.

See docs/inventory.md.
"""

from __future__ import annotations

from pathlib import Path

from scaffolder.errors import ScaffolderError

PROFILES = Path(__file__).resolve().parent.parent / "data" / "profiles"


def email_domains(spec: str | None) -> tuple[str, ...]:
    """The ``_email_domains`` of an organisation profile (a file or a built-in name; default CERN's)."""
    import os

    import yaml

    chosen = spec or os.environ.get("SCAFFOLDER_PROFILE") or "cern"
    if chosen == "none":
        return ()
    path = Path(chosen).expanduser()
    if not path.is_file() and (PROFILES / f"{chosen}.yml").is_file():
        path = PROFILES / f"{chosen}.yml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        why = getattr(exc, "strerror", None) or "not valid YAML"
        raise ScaffolderError(f"--profile: cannot read {chosen}: {why}") from None
    domains = raw.get("_email_domains", []) if isinstance(raw, dict) else []
    if not isinstance(domains, list) or not all(isinstance(d, str) and "." in d for d in domains):
        raise ScaffolderError(f"--profile {chosen}: _email_domains must be a list of domains like cern.ch")
    return tuple(d.lower() for d in domains)
