# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Community files, where forges look for them (root, .github/, docs/, .gitlab/), and citation metadata."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder.check.rules import Fail, Pass, Verdict, predicate

if TYPE_CHECKING:
    from scaffolder.check.facts import Facts

CFF_SCHEMA = Path(__file__).resolve().parent.parent.parent / "data" / "schemas" / "cff-1.2.0.json"


def _present(facts: Facts, pattern: str, label: str) -> Verdict:
    found = facts.find(pattern)
    if found:
        return Pass(", ".join(found))
    return Fail(f"no {label} at the root, in .github/, docs/ or .gitlab/")


@predicate("COM001")
def readme(facts: Facts) -> Verdict:
    return _present(facts, "README", "README")


@predicate("COM002")
def contributing(facts: Facts) -> Verdict:
    return _present(facts, "CONTRIBUTING", "CONTRIBUTING")


@predicate("COM003")
def code_of_conduct(facts: Facts) -> Verdict:
    return _present(facts, "CODE[_-]OF[_-]CONDUCT", "CODE_OF_CONDUCT")


@predicate("COM004")
def security(facts: Facts) -> Verdict:
    return _present(facts, "SECURITY", "SECURITY")


@predicate("COM005")
def support(facts: Facts) -> Verdict:
    return _present(facts, "SUPPORT", "SUPPORT")


@predicate("COM006")
def governance(facts: Facts) -> Verdict:
    return _present(facts, "GOVERNANCE|MAINTAINERS", "GOVERNANCE or MAINTAINERS")


@predicate("COM007")
def citation(facts: Facts) -> Verdict:
    return Pass("CITATION.cff") if "CITATION.cff" in facts.file_set else Fail("no CITATION.cff at the root")


@lru_cache(maxsize=1)
def _cff_validator() -> Any:
    from jsonschema.validators import validator_for

    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    return validator_for(schema)(schema)


def _yaml_without_timestamps(text: str) -> Any:
    """YAML as CFF reads it: dates stay strings (the schema checks their form)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
        for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass


@predicate("COM008")
def citation_valid(facts: Facts) -> Verdict:
    text = facts.text("CITATION.cff")
    if text is None:
        return Fail(facts.unreadable.get("CITATION.cff", "CITATION.cff cannot be read"), ("CITATION.cff",))
    import yaml

    try:
        data = _yaml_without_timestamps(text)
    except yaml.YAMLError as exc:
        return Fail(f"not YAML: {' '.join(str(exc).split())}", ("CITATION.cff",))
    errors = sorted(_cff_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return Fail(f"{where}: {first.message[:300]}{more}", ("CITATION.cff",))
    return Pass(f"cff-version {data.get('cff-version')}")


@predicate("COM009")
def codemeta(facts: Facts) -> Verdict:
    return Pass("codemeta.json") if "codemeta.json" in facts.file_set else Fail("no codemeta.json at the root")


@predicate("COM010")
def codemeta_valid(facts: Facts) -> Verdict:
    text = facts.text("codemeta.json")
    if text is None:
        return Fail(facts.unreadable.get("codemeta.json", "codemeta.json cannot be read"), ("codemeta.json",))
    try:
        data = json.loads(text)
    except ValueError as exc:
        return Fail(f"not JSON: {exc}", ("codemeta.json",))
    if not isinstance(data, dict):
        return Fail("not a JSON object", ("codemeta.json",))
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if not any(isinstance(c, str) and ("w3id.org/codemeta" in c or "schema/codemeta" in c) for c in contexts):
        return Fail(f"@context is {context!r}, not CodeMeta's (https://w3id.org/codemeta/3.0)", ("codemeta.json",))
    if data.get("@type") != "SoftwareSourceCode":
        return Fail(f"@type is {data.get('@type')!r}, not 'SoftwareSourceCode'", ("codemeta.json",))
    return Pass(str(context))

