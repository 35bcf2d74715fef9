# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Which licence a repository's licence file carries: the one detector of ``adopt`` and ``check``.

The comparison follows the SPDX License List Matching Guidelines, with the
catalogue's own verbatim texts (``data/licences/``) as the templates:

* case, white space, punctuation, quote and dash styles, bullets and list
  numbering, URLs and Markdown markup do not count (so reflowed and
  Markdown-formatted copies match);
* copyright lines and "All rights reserved" do not count (they are the
  replaceable part of every licence), nor do a few equivalent spellings
  (``licence``/``license``, ...);
* a title before the text (``MIT License``) is allowed, and so is a short
  substitution such as BSD's "the copyright holder" replaced by the project's
  name;
* what follows ``END OF TERMS AND CONDITIONS`` (the Apache appendix, the GNU
  "How to Apply" section) is optional.

GNU licences share one text between ``-only`` and ``-or-later``.  The version
is decided by the notice where the file has one ("either version 2 of the
License, or (at your option) any later version" makes ``-or-later``).  A bare
text without a notice is reported as ``-only``, as ScanCode (``gpl-3.0``) and
GitHub's licensee (``GPL-3.0``) do, with the ``-or-later`` id among the
:attr:`Identified.alternatives`, so that a caller that must not guess (adopt)
can ask.  See docs/licensing.md.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scaffolder import repofiles

#: Below this score a text is reported as unknown.
THRESHOLD = 0.9
#: Below this share of a licence's word triples, a file is not a (modified) copy of that licence,
#: and a standard notice in it may name its licence instead.
NOTICE_ONLY = 0.2

#: A placeholder of at most this many words may be replaced by a name ("the copyright holder").
_NAME_WORDS = 4
#: Differences of at most this many words (list markers, a stray word) do not count.
_STRAY_WORDS = 2
#: How much a word added to or taken from the licence body weighs against the words matched.
_PENALTY = 5

_EQUIVALENT = {
    "licence": "license",
    "licences": "licenses",
    "licenced": "licensed",
    "licencing": "licensing",
    "licencee": "licensee",
    "organisation": "organization",
    "acknowledgement": "acknowledgment",
    "centre": "center",
    "percent": "per cent",
    "sublicense": "sub license",
    "sublicensable": "sub licensable",
    "noninfringement": "non infringement",
    "whereever": "wherever",
}

_COPYRIGHT_LINE = re.compile(
    r"^\W*(?:spdx-filecopyrighttext:.*|(?:copyright|©|\(c\))\W*(?:\(c\)|©|\d{4}).*|all rights reserved\W*)$",
    re.IGNORECASE,
)
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>)\]]+>?", re.IGNORECASE)
_HTML = re.compile(r"<[A-Za-z/!][^<>]*>")  # tags and comments; "<year>"-style placeholders go too
_ALERT = re.compile(r"\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[a-z0-9]+")
_TAIL = ("end", "of", "terms", "and", "conditions")
_LATER = (
    ("or", "at", "your", "option", "any", "later", "version"),
    ("or", "any", "later", "version"),
    ("or", "later"),
)
_ONLY = (("version", "only"), ("only", "version"), ("only", "valid", "version"))  # the last: git, Linux

_APACHE_NOTICE = (
    "licensed under the apache license version 2 0 the license you may not use this file except in "
    "compliance with the license"
)
_GNU_NOTICE = re.compile(
    r"you can redistribute it and or modify it under the terms of the gnu (?P<kind>lesser |library |affero )?"
    r"general public license (?:as published by the free software foundation )?(?:either )?"
    r"version (?P<major>\d)(?: (?P<minor>\d))? (?:of the license )?(?P<later>or at your option any later version)?"
)


@dataclass(frozen=True)
class Identified:
    """The licence of a text: ``spdx`` is ``None`` when no known licence matches."""

    spdx: str | None
    score: float
    method: str
    #: Other ids the same text equally is (a GNU text without a notice: the ``-or-later`` id).
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class LicenceFile:
    """One licence file at a repository's root, what it carries, or why it could not be read."""

    path: str
    spdx: str | None
    notices: list[str]
    problem: str | None
    identified: Identified | None = None


@dataclass(frozen=True)
class _Template:
    family: str  # the id, or the GNU base id ("GPL-3.0") that -only/-or-later share
    ids: tuple[str, ...]
    words: tuple[str, ...]
    required: int  # words before the optional tail (END OF TERMS AND CONDITIONS)
    grams: frozenset[tuple[str, ...]]  # word trigrams of the required part, to rank templates fast


def words(text: str) -> list[str]:
    """The words of ``text`` that the matching guidelines compare, in order."""
    kept = [line for line in text.splitlines() if not _COPYRIGHT_LINE.match(line.strip())]
    body = _MD_LINK.sub(r"\1", "\n".join(kept))
    body = _URL.sub(" ", body)
    body = _ALERT.sub(" ", _HTML.sub(" ", body)).lower().replace("&", " and ")
    out: list[str] = []
    for word in _WORD.findall(body):
        out.extend(_EQUIVALENT.get(word, word).split())
    return out


def _family(spdx_id: str) -> str:
    return re.sub(r"-(only|or-later)$", "", spdx_id)


@lru_cache(maxsize=1)
def _templates() -> tuple[_Template, ...]:
    from scaffolder.licences import catalogue

    by_text: dict[tuple[str, ...], list[str]] = {}
    for lic in catalogue().licences:
        by_text.setdefault(tuple(words(lic.text())), []).append(lic.id)
    out = []
    for tokens, ids in by_text.items():
        required = len(tokens)
        for i in range(len(tokens) - len(_TAIL) + 1):
            if tokens[i : i + len(_TAIL)] == _TAIL:
                required = i + len(_TAIL)
                break
        grams = frozenset(_grams(tokens[:required]))
        out.append(_Template(_family(ids[0]), tuple(ids), tokens, required, grams))
    return tuple(out)


def _grams(tokens: tuple[str, ...] | list[str], n: int = 3) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1))}


@dataclass(frozen=True)
class _Comparison:
    score: float
    notice: list[str]  # words that may be the file's own notice (outside the licence body)


def _compare(doc: list[str], tpl: _Template) -> _Comparison:
    """How well ``doc`` matches ``tpl``, and the words around the licence body."""
    sm = difflib.SequenceMatcher(None, doc, tpl.words, autojunk=False)
    ops = sm.get_opcodes()
    equal = [op for op in ops if op[0] == "equal"]
    if not equal:
        return _Comparison(0.0, doc)
    first_a, last_a = equal[0][1], equal[-1][2]
    matched_required = matched_tail = penalty = 0
    notice = doc[:first_a] + doc[last_a:]
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            in_required = max(0, min(j2, tpl.required) - j1)
            matched_required += in_required
            matched_tail += (j2 - j1) - in_required
            continue
        if i1 < first_a or i2 > last_a:
            continue  # a title or notice before or after the text, or a part left out there
        notice += doc[i1:i2]
        added, removed = i2 - i1, max(0, min(j2, tpl.required) - j1)
        if tag == "replace" and removed <= _NAME_WORDS and added <= 3 * _NAME_WORDS:
            continue  # a name put in place of a placeholder ("the copyright holder")
        if added + removed > _STRAY_WORDS:
            penalty += added + removed  # a clause added to or taken from the licence
    tail = len(tpl.words) - tpl.required
    if tail and matched_tail / tail <= 0.5:
        # no "How to Apply" appendix: its sample notice, if matched, is the file's own
        notice += [w for tag, i1, i2, j1, _ in ops if tag == "equal" and j1 >= tpl.required for w in doc[i1:i2]]
    score = matched_required / (tpl.required + _PENALTY * penalty)
    return _Comparison(score, notice)


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))


def _gnu_version(tpl: _Template, notice: list[str]) -> tuple[str, str, tuple[str, ...]]:
    """``(id, method, alternatives)`` of a GNU text, decided from the file's own notice."""
    only, later = f"{tpl.family}-only", f"{tpl.family}-or-later"
    if any(_contains(notice, p) for p in _LATER):
        return later, "spdx-template+notice", ()
    if any(_contains(notice, p) for p in _ONLY):
        return only, "spdx-template+notice", ()
    return only, "spdx-template, no notice", (later,)


def identify(text: str) -> Identified:
    """The licence of ``text``, a licence file as found in a repository (title, copyright lines and all)."""
    doc = words(text)
    if not doc:
        return Identified(None, 0.0, "empty")
    for tpl in _templates():  # a verbatim text (the usual case) needs no alignment
        if doc == list(tpl.words) and len(tpl.ids) == 1 and tpl.ids[0] == tpl.family:
            return Identified(tpl.ids[0], 1.0, "exact")
    doc_grams = _grams(doc)
    ranked = sorted(
        ((len(doc_grams & tpl.grams) / max(1, len(tpl.grams)), tpl) for tpl in _templates()),
        key=lambda c: -c[0],
    )
    best: tuple[_Comparison, _Template] | None = None
    for overlap, tpl in ranked[:3]:
        if overlap < 0.5 or overlap < ranked[0][0] - 0.2:
            break
        found = _compare(doc, tpl)
        if best is None or found.score > best[0].score:
            best = (found, tpl)
    if best is None or best[0].score < THRESHOLD:
        if not ranked or ranked[0][0] < NOTICE_ONLY:
            notice = _standard_notice(" ".join(doc))
            if notice is not None:
                return notice
        closest = best[0].score if best else (ranked[0][0] if ranked else 0.0)
        return Identified(None, round(closest, 3), "spdx-template")
    found, tpl = best
    if len(tpl.ids) > 1 or tpl.ids[0] != tpl.family:
        spdx, method, alternatives = _gnu_version(tpl, found.notice)
        return Identified(spdx, round(found.score, 3), method, alternatives)
    method = "exact" if doc == list(tpl.words) else "spdx-template"
    return Identified(tpl.ids[0], round(found.score, 3), method)


def _standard_notice(joined: str) -> Identified | None:
    """The licence named by a standard licence notice (Apache's boilerplate, the GNU notices)."""
    if _APACHE_NOTICE in joined:
        return Identified("Apache-2.0", 1.0, "notice")
    match = _GNU_NOTICE.search(joined)
    if match is None:
        return None
    kind = (match["kind"] or "").strip()
    family = {"": "GPL", "lesser": "LGPL", "library": "LGPL", "affero": "AGPL"}[kind]
    version = f"{match['major']}.{match['minor'] or 0}"
    return Identified(f"{family}-{version}-{'or-later' if match['later'] else 'only'}", 1.0, "notice")


def copyright_notices(text: str) -> list[str]:
    """The holders and years of the copyright lines of ``text``.

    ``["2023 Jane Doe"]`` for "Copyright (c) 2023 Jane Doe"; placeholders
    such as the GNU texts' ``Copyright (C) <year> <name of author>`` are left out.
    """
    found: list[str] = []
    for line in text.splitlines():
        stripped = line.strip().strip("*_#>`/;!%\"' -")
        low = stripped.lower()
        if not (low.startswith(("copyright", "©", "(c)", "spdx-filecopyrighttext"))):
            continue
        marker = re.match(r"^(spdx-filecopyrighttext:|copyright|©|\(c\)|\s)+", stripped, flags=re.IGNORECASE)
        assert marker is not None
        rest = stripped[marker.end() :]
        if not (re.search(r"\b(19|20)\d\d\b", rest) or re.search(r"©|\(c\)|spdx", marker.group(0), re.I)):
            continue  # a sentence about copyright, not a notice
        rest = re.sub(r"\s*[.,;]?\s*all rights reserved\.?\s*$", "", rest, flags=re.IGNORECASE)
        rest = " ".join(rest.split()).rstrip(".,;")
        if not rest or not re.search(r"\d{4}|[A-Za-z]", rest):
            continue
        if rest.lower().startswith(("notice", "holder", "owner", "and ", "law", "statement")):
            continue
        if rest.startswith("<") or any(p in rest.lower() for p in ("<year>", "[yyyy]", "{year}")):
            continue
        if rest not in found:
            found.append(rest)
    return found


@lru_cache(maxsize=1)
def _licence_documents_notices() -> frozenset[str]:
    """Copyright notices of the licence documents themselves (the FSF's on the GPL): not the project's."""
    from scaffolder.licences import catalogue

    return frozenset(n for lic in catalogue().licences for n in copyright_notices(lic.text()))


_ROOT_NAME = re.compile(r"^(licen[cs]e|copying)([-._].*)?$", re.IGNORECASE)


def root_licence_files(root: Path) -> list[LicenceFile]:
    """Every ``LICENSE*``, ``LICENCE*`` and ``COPYING*`` at ``root`` (any extension), identified."""
    out: list[LicenceFile] = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if not _ROOT_NAME.match(entry.name):
            continue
        if entry.is_dir() and not entry.is_symlink():
            continue
        rel = entry.name
        try:
            data = repofiles.read_bytes(root, rel)
        except repofiles.UnsafeFile as exc:
            out.append(LicenceFile(rel, None, [], _unsafe_problem(exc)))
            continue
        if repofiles.is_binary(data):
            out.append(LicenceFile(rel, None, [], "binary file"))
            continue
        text = data.decode("utf-8", errors="replace")
        found = identify(text)
        unknown = None if found.spdx else "unknown licence text"
        notices = [n for n in copyright_notices(text) if n not in _licence_documents_notices()]
        out.append(LicenceFile(rel, found.spdx, notices, unknown, found))
    return out


def _unsafe_problem(exc: repofiles.UnsafeFile) -> str:
    message = str(exc)
    if "outside the repository" in message:
        return "links outside the repository"
    return message.split(": ", 1)[-1].removesuffix("; not read")
