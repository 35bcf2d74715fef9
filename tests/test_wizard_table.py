# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The wizard's licence decision table (scaffolder/data/wizard.yml): data, docs and prompts agree."""

from __future__ import annotations

import re

import pytest

from scaffolder.evaluate import Contract
from scaffolder.licences import catalogue
from scaffolder.wizard import Leaf, Profile, Wizard, licence_question, table
from tests.helpers import REPO
from tests.wizard_driver import scripted

DOC = REPO / "docs" / "wizard.md"
PATHS = [(part, path, leaf) for part, guide in table().guides.items() for path, leaf in guide.paths()]


def row(part: str, path: tuple[tuple[str, bool], ...], leaf: Leaf) -> str:
    answers = ", ".join(f"{name}: {'yes' if yes else 'no'}" for name, yes in path)
    return f"| {part} | {answers} | {leaf.licence} |"


def test_every_part_of_the_catalogue_has_guidance_and_a_question() -> None:
    cat = catalogue()
    parts = {p for kinds in cat.parts.values() for p in kinds}
    assert set(table().guides) == parts
    questions = Contract(REPO).questions
    for part in parts:
        assert licence_question(part) in questions


@pytest.mark.parametrize(("part", "path", "leaf"), PATHS, ids=[row(*p)[2:-2] for p in PATHS])
def test_leaf_is_a_catalogue_licence_of_the_part(part: str, path: object, leaf: Leaf) -> None:
    lic = catalogue().get(leaf.licence)
    assert lic.kind == part
    assert leaf.reason.endswith(".")
    assert "\n" not in leaf.reason
    assert leaf.reason.count(". ") == 0, "one sentence"


def test_every_licence_of_the_catalogue_can_be_recommended() -> None:
    cat = catalogue()
    for part, guide in table().guides.items():
        reached = {leaf.licence for _, leaf in guide.paths()}
        assert reached == {lic.id for lic in cat.for_kind(part)}, part


def test_every_question_is_reachable_and_asked_as_a_question() -> None:
    for part, guide in table().guides.items():
        seen = {name for path, _ in guide.paths() for name, _ in path}
        assert seen == set(guide.nodes), part
        for node in guide.nodes.values():
            assert node.ask.endswith("?"), node.ask
            assert node.help


def test_answers_agree_with_the_regime_of_the_recommendation() -> None:
    """Allowing closed products means permissive; keeping the whole open means strongly reciprocal."""
    cat = catalogue()
    expected = {
        ("software", "closed", True): {"permissive"},
        ("software", "whole", False): {"weakly-reciprocal"},
        ("software", "whole", True): {"strongly-reciprocal"},
        ("hardware", "closed", True): {"permissive"},
        ("hardware", "whole", False): {"weakly-reciprocal"},
        ("hardware", "whole", True): {"strongly-reciprocal"},
        ("docs", "free", True): {"public-domain"},
        ("docs", "share_alike", True): {"strongly-reciprocal"},
        ("docs", "share_alike", False): {"permissive"},
    }
    for part, path, leaf in PATHS:
        lic = cat.get(leaf.licence)
        for name, yes in path:
            if (part, name, yes) in expected:
                assert lic.regime in expected[(part, name, yes)], (part, path, lic.id)
        if part == "software" and ("network", True) in path:
            assert "network" in lic.summary, lic.id
        if part == "software" and ("network", False) in path:
            assert not lic.network


def test_pressing_enter_leads_to_the_organisation_default() -> None:
    for part, guide in table().guides.items():
        default = catalogue().default_for(part).id
        path = guide.path_to(default)
        node, leaf = guide.start, None
        while leaf is None:
            nxt = guide.nodes[node].branch(path[node])
            leaf, node = (nxt, node) if isinstance(nxt, Leaf) else (None, nxt)
        assert leaf.licence == default


def test_docs_document_every_path() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = [
        line.strip()
        for line in text.splitlines()
        if re.match(r"\| (software|hardware|docs) \|", line.strip())
    ]
    assert documented == [row(*p) for p in PATHS]


@pytest.fixture(scope="module")
def contract() -> Contract:
    return Contract(REPO, REPO / "build" / "x")


@pytest.mark.parametrize(("part", "path", "leaf"), PATHS, ids=[row(*p)[2:-2] for p in PATHS])
def test_prompts_recommend_the_documented_licence(
    contract: Contract, part: str, path: tuple[tuple[str, bool], ...], leaf: Leaf
) -> None:
    """Drive the real prompts along each path; Enter at the list takes the recommendation."""
    script = {f"guide.{part}.know": False, **{f"guide.{part}.{name}": yes for name, yes in path}}
    with scripted(script) as prompter:
        wizard = Wizard(prompter, contract, Profile("CERN", "test"), preview=lambda a, d: [])
        chosen = wizard.guide(part)
    assert chosen == leaf.licence
    assert prompter.unused() == []
    assert prompter.asked == [
        f"guide.{part}.know",
        *(f"guide.{part}.{n}" for n, _ in path),
        licence_question(part),
    ]
    lic = catalogue().get(leaf.licence)
    assert f"Recommended: {lic.id}" in prompter.output
    assert leaf.reason in prompter.output
    assert lic.summary in prompter.output


def test_knowing_the_licence_skips_the_questions(contract: Contract) -> None:
    with scripted({"guide.hardware.know": True, "hardware_license": "CERN-OHL-P-2.0"}) as prompter:
        wizard = Wizard(prompter, contract, Profile("CERN", "test"), preview=lambda a, d: [])
        assert wizard.guide("hardware") == "CERN-OHL-P-2.0"
    assert prompter.asked == ["guide.hardware.know", "hardware_license"]
    assert prompter.defaults["hardware_license"] == "CERN-OHL-W-2.0"
