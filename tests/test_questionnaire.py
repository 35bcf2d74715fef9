# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The questionnaire is a public interface."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffolder.questions import asked, questionnaire
from tests.helpers import REPO, answers_of, render

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
    project = render(tmp_path / "p", {"project_name": name, "author_email": "dev@example.org"})
    assert answers_of(project)["project_slug"] == slug
