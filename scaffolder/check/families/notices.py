# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Notices: the organisation's form of the copyright line, its immunities clause, CERN-OHL's Source Location."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scaffolder import repofiles
from scaffolder.check.families._util import some, words
from scaffolder.check.rules import Fail, Pass, Skip, Verdict, predicate

if TYPE_CHECKING:
    from scaffolder.check.facts import Facts

_PREFIX = re.compile(r"^\W*(?:spdx-filecopyrighttext:|spdx-copyrighttext:)?\s*(?:copyright\b)?\s*(?:\(c\)|©)?\s*", re.I)
_YEARS = r"\d{4}(?:\s*[-–,]\s*\d{4})*,?"
#: Boards may be larger than the files scaffolder usually reads.
BOARD_LIMIT = 64 * 1024 * 1024


def _notice_lines(facts: Facts) -> dict[str, str]:
    """Each copyright notice of the repository (without the "Copyright"/SPDX prefix) -> where it stands."""
    out: dict[str, str] = {}
    for line, path in facts.reuse.notices.items() if facts.reuse.error is None else ():
        out.setdefault(_PREFIX.sub("", line).strip(), path)
    for path in facts.find(r"NOTICE", ("",)):
        for line in (facts.text(path) or "").splitlines():
            if re.match(r"^\W*copyright\b", line, re.I):
                out.setdefault(_PREFIX.sub("", line).strip().rstrip("."), path)
    for f in facts.licence_files:
        for notice in f.notices:
            out.setdefault(notice.strip(), f.path)
    # A notice ends at its sentence; text with code in it (a test, a template) is not a notice.
    tidy: dict[str, str] = {}
    for notice, path in out.items():
        notice = re.split(r"[.;]\s", notice, maxsplit=1)[0].strip()
        if notice and not re.search(r"[{}\"'\\]", notice):
            tidy.setdefault(notice, path)
    return tidy


def _form(org: str) -> re.Pattern[str]:
    return re.compile(
        rf"^{_YEARS}\s+{re.escape(org)}(?:\s+for the benefit of the \S.*\scollaboration)?\.?(?:\s*<[^>]*>)?$", re.I
    )


def _names_org(notice: str, org: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(org)}(?![\w-])", notice) is not None


@predicate("NOT001")
def organisation_form(facts: Facts) -> Verdict:
    org = facts.organisation
    form = _form(org)
    wrong = {
        n: p
        for n, p in _notice_lines(facts).items()
        if (_names_org(n, org) or re.search(r"\bcollaboration\b", n, re.I)) and not form.match(n)
    }
    if wrong:
        return Fail(
            "; ".join(f"{p}: {n!r}" for n, p in list(wrong.items())[:5])
            + f" (expected 'YEAR {org}' or 'YEAR {org} for the benefit of the NAME collaboration')",
            tuple(dict.fromkeys(wrong.values())),
        )
    return None


@predicate("NOT002")
def immunities_clause(facts: Facts) -> Verdict:
    org = facts.organisation
    form = _form(org)
    holders = [p for n, p in _notice_lines(facts).items() if form.match(n)]
    if not holders:
        return Skip(f"no copyright notice names {org} as holder")
    clause = facts.catalogue.immunities_clause
    if org not in clause:
        return Skip(f"the catalogue's immunities clause is not {org}'s")
    if (facts.answers or {}).get("immunities_clause") is False:
        return Skip("the template answers leave the clause out (immunities_clause: false)")
    wanted = words(clause)
    candidates = facts.find(r"NOTICE", ("",)) + facts.find(r"README", ("",))
    for path in candidates:
        if wanted in words(facts.text(path) or ""):
            return Pass(path)
    return Fail(
        f"{org} holds the copyright ({holders[0]}), but neither NOTICE nor README has its immunities clause",
        tuple(candidates) or (holders[0],),
    )


def _reciprocal_hardware(facts: Facts) -> list[str]:
    ids = {lic.id for lic in facts.catalogue.licences if lic.source_location}
    used = set(facts.root_licences) | (facts.reuse.used if facts.reuse.error is None else set())
    return sorted(ids & used)


@predicate("NOT003")
def source_location_notice(facts: Facts) -> Verdict:
    ohl = _reciprocal_hardware(facts)
    if not ohl:
        return Skip("no CERN-OHL-W or CERN-OHL-S licence is used")
    candidates = facts.find(r"NOTICE", ("",)) + facts.find(r"README", ("",))
    for path in candidates:
        if m := re.search(r"source location[ \t]*:[ \t]*(\S+)", facts.text(path) or "", re.I):
            return Pass(f"{path}: {m.group(1)}")
    return Fail(f"{', '.join(ohl)} is used, but NOTICE and README give no 'Source location: URL'", tuple(candidates))


def _sexprs(text: str, head: str) -> list[str]:
    """The balanced S-expressions of ``text`` that start with ``(head``."""
    out = []
    for m in re.finditer(rf"\({re.escape(head)}[\s)]", text):
        depth, i, quoted = 0, m.start(), False
        while i < len(text):
            c = text[i]
            if quoted:
                if c == "\\":
                    i += 1
                elif c == '"':
                    quoted = False
            elif c == '"':
                quoted = True
            elif c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    out.append(text[m.start() : i + 1])
                    break
            i += 1
    return out


def silkscreen_texts(board: str) -> list[str]:
    """The texts of a ``.kicad_pcb`` board's ``gr_text`` items on the front silkscreen."""
    out = []
    for item in _sexprs(board, "gr_text"):
        m = re.match(r'\(gr_text\s+"((?:[^"\\]|\\.)*)"', item)
        layer = re.search(r'\(layer\s+"?(F\.SilkS|F\.Silkscreen)"?[\s)]', item)
        if m and layer:
            out.append(m.group(1).replace('\\"', '"').replace("\\n", "\n"))
    return out


@predicate("NOT004")
def source_location_silkscreen(facts: Facts) -> Verdict:
    ohl = _reciprocal_hardware(facts)
    if not ohl:
        return Skip("no CERN-OHL-W or CERN-OHL-S licence is used")
    boards = [f for f in facts.files if f.endswith(".kicad_pcb")]
    if not boards:
        return Skip("no .kicad_pcb board is tracked")
    lacking = []
    for board in boards:
        try:
            text = repofiles.read_text(facts.root, board, limit=BOARD_LIMIT)
        except repofiles.UnsafeFile as exc:
            lacking.append(f"{board} ({exc})")
            continue
        if not any(re.search(r"source location[ \t]*:[ \t]*\S", t, re.I) for t in silkscreen_texts(text)):
            lacking.append(board)
    if lacking:
        paths = tuple(b.split(" ")[0] for b in lacking)
        return Fail(f"no 'Source Location: URL' text on F.SilkS: {some(lacking)}", paths)
    return Pass(some(boards))


@predicate("NOT005")
def changes_file(facts: Facts) -> Verdict:
    ohl = _reciprocal_hardware(facts)
    if not ohl:
        return Skip("no CERN-OHL-W or CERN-OHL-S licence is used")
    found = facts.find(r"CHANGES", ("",))
    if not found:
        return Fail(f"{', '.join(ohl)} asks for modification notices; there is no CHANGES file at the root")
    return Pass(found[0])
