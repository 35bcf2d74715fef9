# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The questionnaire is a public interface."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scaffolder.questions import asked, questionnaire
from tests.helpers import REPO, answers_of, render

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Names promised by issue 2; later parts add to them. Never rename without a migration.
FOUNDATION = [
    "project_name", "project_slug", "description", "project_kind", "author_name", "author_email",
    "copyright_holder", "copyright_year", "collaboration", "immunities_clause", "software_license",
    "hardware_license", "docs_license", "repository_url", "forge",
]


def test_foundation_questions_exist_and_are_asked() -> None:
    names = list(asked(REPO))
    for name in FOUNDATION:
        assert name in names


def test_every_asked_question_has_a_one_line_help() -> None:
    for q in asked(REPO).values():
        assert q.help and "\n" not in q.help.strip(), q.name


def test_final_computed_values_see_every_answer() -> None:
    """questions/computed.yml (licences used, copyright text...) comes after every asked question."""
    import yaml

    final = set(yaml.safe_load((REPO / "questions" / "computed.yml").read_text(encoding="utf-8")))
    order = list(questionnaire(REPO).values())
    last_asked = max(i for i, q in enumerate(order) if not q.computed)
    assert final and all(i > last_asked for i, q in enumerate(order) if q.name in final)


def test_every_asked_question_is_documented() -> None:
    doc = (REPO / "docs" / "questionnaire.md").read_text(encoding="utf-8")
    for name in asked(REPO):
        assert f"`{name}`" in doc, name


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("My Project", "my-project"),
        ("Zoë Müller's Détecteur", "zoe-muller-s-detecteur"),
        ("Łódź Straße Ærø", "lodz-strasse-aero"),
        ("  42 Beam--Monitor!! ", "beam-monitor"),
        ("日本", "project"),
    ],
)
def test_slug_is_derived_from_the_name(tmp_path: Path, name: str, slug: str) -> None:
    assert answers_of(render(tmp_path / "p", {"project_name": name}))["project_slug"] == slug


def test_the_default_description_is_empty_not_the_name_again(tmp_path: Path) -> None:
    """No README starts "# Beam Monitor / Beam Monitor"; the files that carry a description stay valid."""
    import json

    import jsonschema
    import yaml

    project = render(tmp_path / "beam", {"project_name": "Beam Monitor", "citation": True})
    assert answers_of(project)["description"] == ""
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert "\n# Beam Monitor\n\n## Status\n" in readme  # the title, then the first section
    cff = yaml.safe_load((project / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "scaffolder" / "data" / "schemas" / "cff-1.2.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(json.loads(json.dumps(cff, default=str)))
    assert "abstract" not in cff
    assert "description" not in json.loads((project / "codemeta.json").read_text(encoding="utf-8"))
    assert "description" not in tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "Say in one line what the project is" in (project / "docs" / "PUBLISHING.md").read_text(encoding="utf-8")
