# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The rules of ``scaffolder check``: metadata from ``data/check_rules.yml``, predicates by id.

A predicate is a small function over the repository's :class:`~scaffolder.check.facts.Facts`,
registered with ``@predicate("LIC001")``.  It returns ``None`` (the rule holds),
:class:`Pass` (holds, with a detail worth showing), :class:`Fail` (with what is
wrong and where) or :class:`Skip` (the rule does not apply here, and why).  The
registry joins the metadata and the predicates and refuses a rule that has one
without the other, so a rule cannot be documented and never run, or run and
never documented.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from scaffolder.check.facts import Facts

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "check_rules.yml"
SEVERITIES = ("error", "warning", "info")
#: Where each rule is documented; anchors are the lower-case ids.
DOC = "docs/check.md"


@dataclass(frozen=True)
class Pass:
    detail: str = ""


@dataclass(frozen=True)
class Fail:
    message: str
    #: Repository-relative paths the failure is about (shown in SARIF as locations).
    locations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skip:
    why: str


Verdict = Union[Pass, Fail, Skip, None]  # noqa: UP007 - a runtime alias, read by Python 3.10


@dataclass(frozen=True)
class Family:
    name: str
    prefix: str
    title: str


@dataclass(frozen=True)
class Rule:
    """One rule's metadata (as written in ``check_rules.yml``) and its predicate."""

    id: str
    family: str
    severity: str
    title: str
    fix: str
    requires: tuple[str, ...]
    check: Callable[[Facts], Verdict]

    @property
    def anchor(self) -> str:
        return f"{DOC}#{self.id.lower()}"


_PREDICATES: dict[str, Callable[[Facts], Verdict]] = {}


def predicate(rule_id: str) -> Callable[[Callable[[Facts], Verdict]], Callable[[Facts], Verdict]]:
    """Register the decorated function as the predicate of ``rule_id``."""

    def register(fn: Callable[[Facts], Verdict]) -> Callable[[Facts], Verdict]:
        if rule_id in _PREDICATES:
            raise RuntimeError(f"two predicates for rule {rule_id}")
        _PREDICATES[rule_id] = fn
        return fn

    return register


@dataclass(frozen=True)
class Registry:
    families: dict[str, Family]
    rules: dict[str, Rule]

    def family_of(self, rule: Rule) -> Family:
        return self.families[rule.family]

    def matching(self, token: str) -> set[str]:
        """Rule ids that a ``--select``/``--ignore`` token names: an id, a family name or prefix."""
        key = token.strip()
        if key in self.rules:
            return {key}
        for fam in self.families.values():
            if key.lower() == fam.name or key.upper() == fam.prefix:
                return {r.id for r in self.rules.values() if r.family == fam.name}
        return set()

    def ordered(self, ids: Iterable[str]) -> list[Rule]:
        """The rules ``ids`` and everything they require, each after its prerequisites, in file order."""
        wanted: set[str] = set()
        stack = list(ids)
        while stack:
            rid = stack.pop()
            if rid not in wanted:
                wanted.add(rid)
                stack.extend(self.rules[rid].requires)
        out: list[Rule] = []
        placed: set[str] = set()

        def place(rid: str) -> None:
            if rid in placed:
                return
            for dep in self.rules[rid].requires:
                place(dep)
            placed.add(rid)
            out.append(self.rules[rid])

        for rid in self.rules:
            if rid in wanted:
                place(rid)
        return out


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Every rule, metadata joined with its predicate (the family modules are imported here)."""
    import yaml

    from scaffolder.check import families

    families.load()
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    fams = {name: Family(name, v["prefix"], v["title"]) for name, v in raw["families"].items()}
    rules: dict[str, Rule] = {}
    for entry in raw["rules"]:
        rid = entry["id"]
        fam = fams.get(entry["family"])
        if fam is None or not rid.startswith(fam.prefix) or rid in rules:
            raise RuntimeError(f"{RULES_FILE.name}: rule {rid}: unknown family, wrong prefix or repeated id")
        if entry["severity"] not in SEVERITIES:
            raise RuntimeError(f"{RULES_FILE.name}: rule {rid}: severity must be one of {', '.join(SEVERITIES)}")
        if rid not in _PREDICATES:
            raise RuntimeError(f"rule {rid} has no predicate in scaffolder/check/families/")
        rules[rid] = Rule(
            id=rid,
            family=fam.name,
            severity=entry["severity"],
            title=" ".join(entry["title"].split()),
            fix=" ".join(entry["fix"].split()),
            requires=tuple(entry.get("requires", ())),
            check=_PREDICATES[rid],
        )
    if extra := sorted(set(_PREDICATES) - set(rules)):
        raise RuntimeError(f"predicates without metadata in {RULES_FILE.name}: {', '.join(extra)}")
    for rule in rules.values():
        if unknown := [r for r in rule.requires if r not in rules]:
            raise RuntimeError(f"rule {rule.id} requires unknown rules {unknown}")
    return Registry(fams, rules)
