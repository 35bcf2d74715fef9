# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""What a repository's files say of it: answers, kind, languages, template version, status, citation."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from scaffolder.inventory.gitread import Unreadable

if TYPE_CHECKING:
    from scaffolder.inventory.gitread import GitRepo
    from scaffolder.versions import TemplateVersion

LANGUAGES = Path(__file__).resolve().parent.parent / "data" / "languages.yml"
ANSWERS = ".copier-answers.yml"
_BADGE = re.compile(r"repostatus\.org/badges/latest/([a-z]+)\.svg")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>]+)", re.IGNORECASE)
_README = re.compile(r"^README(\.(md|rst|txt|markdown))?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _language_table() -> tuple[dict[str, str], frozenset[str]]:
    import yaml

    raw = yaml.safe_load(LANGUAGES.read_text(encoding="utf-8"))
    return {k.lower(): v for k, v in raw["extensions"].items()}, frozenset(raw["not_code"])


def languages(paths: list[str]) -> dict[str, int]:
    """Files per language, by name ending; the largest count first."""
    table, _ = _language_table()
    counts: dict[str, int] = {}
    for path in paths:
        name = PurePosixPath(path).name.lower()
        dot = name.find(".", 1)
        while dot != -1:
            if lang := table.get(name[dot:]):
                counts[lang] = counts.get(lang, 0) + 1
                break
            dot = name.find(".", dot + 1)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def guess_kind(langs: dict[str, int]) -> str | None:
    """``hardware`` for a KiCad board, ``mixed`` with code beside it, else ``software`` or ``documentation``."""
    _, not_code = _language_table()
    code = any(lang not in not_code for lang in langs)
    if "KiCad Layout" in langs:
        return "mixed" if code else "hardware"
    if code:
        return "software"
    if any(lang in langs for lang in ("Markdown", "reStructuredText", "TeX")):
        return "documentation"
    return None


def answers(repo: GitRepo, problems: list[str]) -> dict[str, Any]:
    """The template's recorded answers, or {} (an unreadable file is a problem, not a failure)."""
    import yaml

    try:
        text = repo.text_or_none(ANSWERS)
    except Unreadable as exc:
        problems.append(str(exc))
        return {}
    if text is None:
        return {}
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        problems.append(f"{ANSWERS}: not valid YAML")
        return {}
    if not isinstance(loaded, dict):
        problems.append(f"{ANSWERS}: not a mapping of answers")
        return {}
    return loaded


def template_current(src: str, version: str, problems: list[str]) -> bool | None:
    """Whether ``version`` is the template's newest (None when the template cannot be reached)."""
    from scaffolder import versions

    try:
        newest = _newest(src)
        # placed by the commit it names in the template now: an untagged template's commits are versions too
        place = versions.recorded(src, version)
    except Exception as exc:  # an unreachable template is a problem of this record only
        problems.append(f"template {src}: {' '.join(str(exc).split())[:160]}")
        return None
    return None if place is None else versions.order(place, newest.number) >= 0


@lru_cache(maxsize=64)
def _newest(src: str) -> TemplateVersion:
    from scaffolder import versions

    return versions.newest(src)


def repostatus(repo: GitRepo, recorded: dict[str, Any], problems: list[str]) -> str | None:
    """The repostatus.org status: the answers' ``project_status``, else the README's badge."""
    value = recorded.get("project_status") or recorded.get("repostatus")
    if isinstance(value, str) and value:
        return value
    for path in sorted(p for p in repo.tree if "/" not in p and _README.match(p)):
        try:
            text = repo.read_text(path)
        except Unreadable as exc:
            problems.append(str(exc))
            continue
        if m := _BADGE.search(text):
            return m[1]
    return None


def citation(repo: GitRepo, problems: list[str]) -> tuple[str | None, str | None, str | None]:
    """(DOI, title, description) from ``CITATION.cff`` or ``codemeta.json``."""
    import yaml

    doi = title = description = None
    try:
        cff_text = repo.text_or_none("CITATION.cff")
        meta_text = repo.text_or_none("codemeta.json")
    except Unreadable as exc:
        problems.append(str(exc))
        return None, None, None
    if cff_text is not None:
        try:
            cff = yaml.safe_load(cff_text)
        except yaml.YAMLError:
            cff = None
        if isinstance(cff, dict):
            title = _str(cff.get("title"))
            description = _str(cff.get("abstract"))
            doi = _doi(cff.get("doi"))
            for ident in cff.get("identifiers") or []:
                if not doi and isinstance(ident, dict) and ident.get("type") == "doi":
                    doi = _doi(ident.get("value"))
            pref = cff.get("preferred-citation")
            if not doi and isinstance(pref, dict):
                doi = _doi(pref.get("doi"))
    if meta_text is not None:
        try:
            meta = json.loads(meta_text)
        except ValueError:
            meta = None
        if isinstance(meta, dict):
            title = title or _str(meta.get("name"))
            description = description or _str(meta.get("description"))
            for key in ("identifier", "@id", "sameAs"):
                values = meta.get(key)
                for value in values if isinstance(values, list) else [values]:
                    doi = doi or _doi(value)
    return doi, title, description


def _str(value: Any) -> str | None:
    return " ".join(value.split())[:500] if isinstance(value, str) and value.strip() else None


def _doi(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("value")
    if not isinstance(value, str):
        return None
    m = _DOI.search(value)
    return m[1] if m else None
