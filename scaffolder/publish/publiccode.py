# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""A project's ``publiccode.yml`` (the standard public-sector catalogues read, version 0.4), from its entry.

Only what the inventory knows is written; a project lacking what the
standard requires (a web address, a licence, a stated status) gets none, and
its page says why, rather than a file that guesses.
"""

from __future__ import annotations

from typing import Any

#: repostatus.org states as publiccode.yml's developmentStatus.
DEVELOPMENT_STATUS = {
    "concept": "concept", "wip": "development", "active": "stable", "inactive": "stable",
    "suspended": "development", "abandoned": "obsolete", "unsupported": "obsolete", "moved": "obsolete",
}  # fmt: skip
#: The standard's own maintenance words for a status: an abandoned project has none.
MAINTENANCE = {"abandoned": "none", "unsupported": "none", "moved": "none"}


def missing(p: dict[str, Any], repostatus: str | None) -> str | None:
    """Why the project cannot have a publiccode.yml, or None."""
    if not p["url"]:
        return "the inventory has no web address (http or https) for its repository"
    if not p["licence_declared"]:
        return "the project declares no licence"
    if repostatus not in DEVELOPMENT_STATUS:
        return "the project states no status (a repostatus.org badge or the template's project_status)"
    return None


def long_description(p: dict[str, Any], organisation: str) -> str:
    """The standard asks for 150 characters or more: the description, then facts from the inventory."""
    parts = [p["description"] or f"{p['name']} is an open-source {p['kind']} project."]
    parts.append(
        f"{p['name']} is published by {organisation} under {p['licence_declared']}. "
        f"Its source, issues and documentation are at {p['url']}."
    )
    if p["languages"]:
        parts.append("Written in " + ", ".join(p["languages"]) + ".")
    return "\n\n".join(parts)


def publiccode(p: dict[str, Any], repostatus: str, organisation: str) -> dict[str, Any]:
    short = p["description"] or f"{p['name']}, an open-source {p['kind']} project of {organisation}"
    if len(short) > 150:
        short = short[:149].rstrip() + "…"
    return {
        "publiccodeYmlVersion": "0.4",
        "name": p["name"],
        "url": p["url"],
        # The inventory does not know which platforms users run a project on; the standard
        # allows a value of one's own when no predefined one applies.
        "platforms": ["unspecified"],
        "developmentStatus": DEVELOPMENT_STATUS[repostatus],
        "softwareType": "standalone/other" if p["kind"] != "documentation" else "configurationFiles",
        "description": {
            "en": {
                "shortDescription": short,
                "longDescription": long_description(p, organisation),
                "features": [f"{p['kind']} project"],
                "documentation": p["documentation"],
            }
        },
        "legal": {"license": p["licence_declared"], "repoOwner": organisation},
        "maintenance": {"type": MAINTENANCE.get(repostatus, "internal")},
        "localisation": {"localisationReady": False, "availableLanguages": ["en"]},
    }


def to_yaml(data: dict[str, Any]) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: ten times faster
    return "# Written by scaffolder catalogue from the OSPO's inventory.\n" + yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100
    )
