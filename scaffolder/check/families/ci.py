# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""CI: a pipeline for the forge, running the licence check."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scaffolder.check.rules import Fail, Pass, Verdict, predicate

if TYPE_CHECKING:
    from scaffolder.check.facts import Facts

_LICENCE_CHECK = re.compile(r"reuse[ -]lint|fsfe/reuse|reuse-action|reuse-tool|\breuse\s+lint|scaffolder\s+check", re.I)


def _pipelines(facts: Facts) -> dict[str, list[str]]:
    github = [f for f in facts.files if re.fullmatch(r"\.github/workflows/[^/]+\.ya?ml", f)]
    gitlab = [f for f in facts.files if f in (".gitlab-ci.yml", ".gitlab-ci.yaml")]
    return {"github": github, "gitlab": gitlab}


def _forge(facts: Facts) -> str | None:
    forge = (facts.answers or {}).get("forge")
    return forge if forge in ("github", "gitlab") else None


@predicate("CI001")
def pipeline_exists(facts: Facts) -> Verdict:
    pipelines = _pipelines(facts)
    forge = _forge(facts)
    files = pipelines[forge] if forge else pipelines["github"] + pipelines["gitlab"]
    if files:
        return Pass(", ".join(files))
    wanted = {"github": ".github/workflows/*.yml", "gitlab": ".gitlab-ci.yml"}
    if forge:
        return Fail(f"the project is on {forge} (answers) but has no {wanted[forge]}")
    return Fail("no .gitlab-ci.yml and no .github/workflows/*.yml")


@predicate("CI002")
def pipeline_checks_licences(facts: Facts) -> Verdict:
    pipelines = _pipelines(facts)
    forge = _forge(facts)
    files = pipelines[forge] if forge else pipelines["github"] + pipelines["gitlab"]
    for path in files:
        if _LICENCE_CHECK.search(facts.text(path) or ""):
            return Pass(path)
    return Fail(f"no job runs reuse lint or scaffolder check in {', '.join(files)}", tuple(files))
