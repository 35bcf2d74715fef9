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


def _code(text: str) -> str:
    """A CI file without its comment lines: a comment naming a check runs nothing."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


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


def _scripts(facts: Facts, code: str) -> list[str]:
    """Tracked files a pipeline runs by name (``bash .ci/run``, ``./ci/check.sh``): one level deep."""
    named = {m.removeprefix("./") for m in re.findall(r"(?<![\w/.-])\.?\.?/?[\w.-]+(?:/[\w.-]+)+|\./[\w.-]+", code)}
    return sorted(named & facts.file_set)


def _template_pieces(facts: Facts) -> re.Pattern[str] | None:
    """The template's own check in CI: its GitLab CI/CD component ``HOST/PATH/check@REF``, or its
    GitHub Action ``uses: OWNER/REPO@REF`` with ``command: check`` (docs/pipelines.md)."""
    from scaffolder import identity

    src = str((facts.answers or {}).get("_src_path") or "")
    key = identity.normalise(src) if identity.is_network_url(src) else ""
    if "/" not in key or key.startswith("unparsed:"):
        return None
    host, path = key.split("/", 1)
    component = rf"component:\s*[\"']?(?:{re.escape(host)}(?::\d+)?|\$CI_SERVER_FQDN)/{re.escape(path)}/check@"
    action = (
        rf"uses:\s*[\"']?{re.escape(path)}@\S+(?:\s+(?:id|name|if):.*)*\s+with:"
        rf"(?:\s+[\w-]+:.*)*?\s+command:\s*[\"']?check\b"
    )
    return re.compile(f"{component}|{action}" if host == "github.com" else component)


@predicate("CI002")
def pipeline_checks_licences(facts: Facts) -> Verdict:
    pipelines = _pipelines(facts)
    forge = _forge(facts)
    files = pipelines[forge] if forge else pipelines["github"] + pipelines["gitlab"]
    pieces = _template_pieces(facts)
    for path in files:
        code = _code(facts.text(path) or "")
        if pieces is not None and pieces.search(code):
            return Pass(f"{path} (the template's own check)")
        if _LICENCE_CHECK.search(code):
            return Pass(path)
        for script in _scripts(facts, code):
            if _LICENCE_CHECK.search(_code(facts.text(script) or "")):
                return Pass(f"{path} runs {script}")
    return Fail(f"no job runs reuse lint or scaffolder check in {', '.join(files)}", tuple(files))
