# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder check``: one compliance report for any git repository, read-only and offline.

:func:`run` checks one repository and returns a :class:`Report`; it never
raises for the repository's content.  Rules run once, each after the rules it
``requires``; a rule whose prerequisite did not pass is skipped, naming it.
Renderers (:mod:`scaffolder.render`) turn reports into text, JSON, SARIF or
Markdown.  :func:`run_many` checks several repositories in parallel.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from scaffolder.check.options import CheckOptions
from scaffolder.check.report import Report, Result
from scaffolder.check.rules import Fail, Pass, Skip, registry
from scaffolder.errors import ScaffolderError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from scaffolder.check.facts import Facts
    from scaffolder.check.rules import Rule

__all__ = ["CheckOptions", "Report", "Result", "run", "run_many", "selected", "summary_line"]


def selected(options: CheckOptions) -> list[str]:
    """The rule ids ``options`` ask for, in file order; an unknown token is a usage error."""
    reg = registry()
    for token in (*options.select, *options.ignore):
        if not reg.matching(token):
            raise UsageError(
                f"--select/--ignore: {token!r} is not a rule id, family or prefix "
                f"(families: {', '.join(sorted(reg.families))}; ids: scaffolder check --list-rules)"
            )
    ids = list(reg.rules)
    if options.select:
        chosen = set().union(*(reg.matching(t) for t in options.select))
        ids = [i for i in ids if i in chosen]
    if options.ignore:
        dropped = set().union(*(reg.matching(t) for t in options.ignore))
        ids = [i for i in ids if i not in dropped]
    return ids


_PAST = {"fail": "failed", "skip": "skipped", "ignored": "ignored", "pass": "passed"}


def _evaluate(rule: Rule, facts: Facts, outcome: dict[str, Result]) -> Result:
    base = Result(rule.id, rule.family, rule.severity, rule.title, "pass", fix=rule.fix, help=rule.anchor)
    blocked = [dep for dep in rule.requires if outcome[dep].status != "pass"]
    if blocked:
        why = ", ".join(f"{d} {_PAST[outcome[d].status]}" for d in blocked)
        return replace(base, status="skip", message=f"requires {why}")
    try:
        verdict = rule.check(facts)
    except ScaffolderError as exc:  # a file refused by repofiles, a git error: this rule cannot say
        return replace(base, status="fail", message=str(exc))
    if isinstance(verdict, Fail):
        return replace(base, status="fail", message=verdict.message, locations=verdict.locations)
    if isinstance(verdict, Skip):
        return replace(base, status="skip", message=verdict.why)
    return replace(base, message=verdict.detail if isinstance(verdict, Pass) else "")


def run(path: str | Path, options: CheckOptions | None = None) -> Report:
    """Check the repository at ``path``; a path that is not a repository becomes the report's ``problem``."""
    from scaffolder.check.facts import Facts, repository_root

    options = options or CheckOptions()
    ids = selected(options)
    report = Report(path=str(path))
    try:
        root = repository_root(Path(path).expanduser())
    except ScaffolderError as exc:
        report.problem = str(exc).removeprefix(f"{path}: ")
        return report
    facts = Facts(root, options)
    reg = registry()
    config = facts.config
    outcome: dict[str, Result] = {}
    for rule in reg.ordered(ids):
        result = _evaluate(rule, facts, outcome)
        if rule.id in config.ignore and result.status == "fail":
            result = replace(result, status="ignored", message=f"{config.source}: {config.ignore[rule.id]}")
        outcome[rule.id] = result
    # Reported in the order of the rules file (grouped by family), not the order they ran in.
    report.results = [outcome[rid] for rid in ids]
    return report


def summary_line(path: str | Path, *, untracked: bool = False) -> str:
    """The check's summary of ``path`` in one line, as ``new`` and ``adopt`` end with it."""
    report = run(path, CheckOptions(untracked=untracked))
    if report.problem is not None:
        return f"check: not run: {report.problem}"
    text = report.summary().split(": ", 1)[1]
    hint = f" (details: scaffolder check {path})" if report.failures else ""
    return f"check: {text}{hint}"


def _run_one(options: CheckOptions, path: str) -> Report:
    return run(path, options)


def _died(path: str, exc: BaseException) -> Report:
    return Report(path=path, problem=f"the check stopped: {exc}")


def run_many(
    paths: Sequence[str],
    options: CheckOptions,
    *,
    jobs: int | None = None,
    progress: Callable[[int, int, Report], None] | None = None,
) -> list[Report]:
    """:func:`run` on every path, ``jobs`` at a time (each REUSE pass serial then); input order kept."""
    import functools

    from scaffolder import fleet

    selected(options)  # a wrong --select is a usage error before any work
    if len(paths) > 1 and (jobs or fleet.default_jobs()) > 1:
        options = replace(options, parallel=False)
    return fleet.map_repos(functools.partial(_run_one, options), paths, jobs=jobs, progress=progress, on_error=_died)
