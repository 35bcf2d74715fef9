# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The template's licensing core, rendered with plain copier (no scaffolder, no --trust)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scaffolder.licences import catalogue
from tests.helpers import answers_of, leftover_jinja, render, reuse_problems

CAT = catalogue()
COPYRIGHT = "SPDX-" + "FileCopyrightText: "
LICENSE_TAG = "SPDX-" + "License-Identifier: "
URL = "https://git.example.org/ospo/demo"


def _case(kind: str, **licences: str) -> dict[str, Any]:
    answers: dict[str, Any] = {"project_name": "Demo", "project_kind": kind, "repository_url": URL}
    answers.update(licences)
    return answers


def _matrix() -> list[Any]:
    """Every kind, and every licence of the catalogue at least once, on the kinds it fits."""
    cases = []
    software = [lic.id for lic in CAT.for_kind("software")]
    hardware = [lic.id for lic in CAT.for_kind("hardware")]
    docs = [lic.id for lic in CAT.for_kind("docs")]
    for i, sw in enumerate(software):
        cases.append(pytest.param(_case("software", software_license=sw, docs_license=docs[i % 3]),
                                  id=f"software-{sw}-{docs[i % 3]}"))
    for i, hw in enumerate(hardware):
        cases.append(pytest.param(_case("hardware", hardware_license=hw, docs_license=docs[i]),
                                  id=f"hardware-{hw}-{docs[i]}"))
        sw = software[(i * 3 + 1) % len(software)]
        cases.append(pytest.param(_case("mixed", hardware_license=hw, software_license=sw,
                                        docs_license=docs[(i + 1) % 3]), id=f"mixed-{hw}-{sw}"))
    for doc in docs:
        cases.append(pytest.param(_case("documentation", docs_license=doc), id=f"documentation-{doc}"))
    # Combinations that matter: the same licence for two parts, and a permissive P board without a URL.
    cases.append(pytest.param(_case("mixed", hardware_license="CERN-OHL-P-2.0", software_license="MIT",
                                    docs_license="CC-BY-4.0", repository_url=""), id="mixed-P-no-url"))
    return cases


def _expected_ids(answers: dict[str, Any]) -> list[str]:
    chosen = {
        "software": answers.get("software_license", CAT.default_for("software").id),
        "hardware": answers.get("hardware_license", CAT.default_for("hardware").id),
        "docs": answers.get("docs_license", CAT.default_for("docs").id),
    }
    return [chosen[part] for part in CAT.parts_of(answers["project_kind"])]


@pytest.mark.parametrize("answers", _matrix())
def test_every_combination_is_reuse_compliant(tmp_path: Path, answers: dict[str, Any]) -> None:
    project = render(tmp_path / "p", answers)
    assert reuse_problems(project) == ""
    ids = _expected_ids(answers)
    third_party = set(answers_of_licences_used(project)) - set(ids)
    assert {p.stem for p in (project / "LICENSES").iterdir()} == set(ids) | third_party
    for spdx_id in ids:
        assert (project / "LICENSES" / f"{spdx_id}.txt").read_bytes() == CAT.get(spdx_id).text_path.read_bytes()
    # The top-level LICENSE is the main licence, unchanged, so forges detect it; a licence that
    # refers to "the above copyright notice" starts with that notice.
    notice = f"Copyright (c) {answers_of(project)['copyright_year']} CERN\n\n" if ids[0] in ABOVE_NOTICE else ""
    assert (project / "LICENSE").read_text(encoding="utf-8") == notice + CAT.get(ids[0]).text()
    assert leftover_jinja(project) == []
    readme = (project / "README.md").read_text(encoding="utf-8")
    for spdx_id in ids:
        assert f"(`{spdx_id}`)" in readme and f"LICENSES/{spdx_id}.txt" in readme
    recorded = answers_of(project)
    assert recorded["_src_path"] and recorded["_commit"]
    assert recorded["project_kind"] == answers["project_kind"]


#: Licences whose text requires "the above copyright notice" (the MIT and BSD family).
ABOVE_NOTICE = {"MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC"}


def test_the_above_copyright_notice_family_is_what_the_root_licence_rule_finds() -> None:
    """LICENSE.jinja finds them by their text: every catalogue licence is on the expected side."""
    for lic in CAT.licences:
        assert ("above copyright notice" in " ".join(lic.text().split())) is (lic.id in ABOVE_NOTICE), lic.id


def test_root_licence_of_the_mit_family_starts_with_the_copyright_line(tmp_path: Path) -> None:
    project = render(tmp_path / "p", {"project_name": "Tracker", "copyright_year": 2024, "collaboration": "ATLAS",
                                      "software_license": "BSD-3-Clause"})
    text = CAT.get("BSD-3-Clause").text()
    assert (project / "LICENSE").read_text(encoding="utf-8") == (
        "Copyright (c) 2024 CERN for the benefit of the ATLAS collaboration\n\n" + text
    )
    assert (project / "LICENSES" / "BSD-3-Clause.txt").read_text(encoding="utf-8") == text  # verbatim
    assert reuse_problems(project) == ""


def answers_of_licences_used(project: Path) -> list[str]:
    """Licence files present beyond the chosen ones must come from shipped third-party texts."""
    return [p.stem for p in (project / "LICENSES").iterdir()]


def test_copyright_lines_follow_the_organisation_form(tmp_path: Path) -> None:
    project = render(tmp_path / "p", {"project_name": "Tracker", "copyright_year": 2024, "collaboration": "ATLAS"})
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert f"{COPYRIGHT}2024 CERN for the benefit of the ATLAS collaboration\n" in readme
    assert f"{LICENSE_TAG}CC-BY-4.0\n" in readme
    gitignore = (project / ".gitignore").read_text(encoding="utf-8")
    holder = "2024 CERN for the benefit of the ATLAS collaboration"
    assert gitignore.startswith(f"# {COPYRIGHT}{holder}\n# {LICENSE_TAG}Apache-2.0\n")
    assert "Copyright 2024 CERN for the benefit of the ATLAS collaboration" in (project / "NOTICE").read_text()


def test_collaboration_word_is_not_doubled(tmp_path: Path) -> None:
    project = render(tmp_path / "p", {"project_name": "X", "collaboration": "CMS Collaboration"})
    assert "2026 CERN for the benefit of the CMS Collaboration\n" in (project / "README.md").read_text() or \
        "for the benefit of the CMS Collaboration\n" in (project / "README.md").read_text()


def test_immunities_clause_in_readme_and_notice_never_in_licence_texts(tmp_path: Path) -> None:
    project = render(tmp_path / "p", {"project_name": "X", "project_kind": "mixed", "repository_url": URL})
    clause = CAT.immunities_clause
    assert clause in (project / "README.md").read_text(encoding="utf-8")
    assert clause in (project / "NOTICE").read_text(encoding="utf-8")
    for text in [*(project / "LICENSES").iterdir(), project / "LICENSE"]:
        assert "CERN does not waive" not in text.read_text(encoding="utf-8")
        spdx_id = text.stem if text.parent.name == "LICENSES" else "CERN-OHL-W-2.0"
        assert text.read_bytes() == CAT.get(spdx_id).text_path.read_bytes()


def test_immunities_clause_defaults_off_for_other_holders(tmp_path: Path) -> None:
    project = render(tmp_path / "p", {"project_name": "X", "copyright_holder": "Uni Example"})
    assert answers_of(project)["immunities_clause"] is False
    assert "CERN does not waive" not in (project / "README.md").read_text(encoding="utf-8")
    assert "CERN does not waive" not in (project / "NOTICE").read_text(encoding="utf-8")
    assert f"{COPYRIGHT}2026 Uni Example\n" in (project / "README.md").read_text(encoding="utf-8")


def test_copyright_year_is_stored(tmp_path: Path) -> None:
    project = render(tmp_path / "p", {"project_name": "X", "copyright_year": 2019})
    assert answers_of(project)["copyright_year"] == 2019


def test_licence_unfit_for_the_kind_is_refused_by_plain_copier(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="software_license"):
        render(tmp_path / "p", {"project_name": "X", "software_license": "CERN-OHL-S-2.0"})
    with pytest.raises(ValueError, match="hardware_license"):
        render(tmp_path / "q", {"project_name": "X", "project_kind": "hardware", "hardware_license": "MIT",
                                "repository_url": URL})
    assert not (tmp_path / "p").exists() and not (tmp_path / "q").exists()


def test_reciprocal_hardware_needs_a_source_location(tmp_path: Path) -> None:
    for variant in ("CERN-OHL-W-2.0", "CERN-OHL-S-2.0"):
        with pytest.raises(ValueError, match=r"repository_url.*Source Location"):
            render(tmp_path / variant, {"project_name": "B", "project_kind": "hardware",
                                        "hardware_license": variant})
    ok = render(tmp_path / "p", {"project_name": "B", "project_kind": "hardware",
                                 "hardware_license": "CERN-OHL-P-2.0"})
    assert reuse_problems(ok) == ""


def test_pytest_copie_renders_the_defaults(copie: Any) -> None:
    result = copie.copy(extra_answers={"project_name": "Copie Demo"})
    assert result.exit_code == 0, result.exception
    assert result.answers["project_slug"] == "copie-demo"
    assert reuse_problems(result.project_dir) == ""
    licence_files = sorted(p.name for p in (result.project_dir / "LICENSES").iterdir())
    assert licence_files[:2] == ["Apache-2.0.txt", "CC-BY-4.0.txt"]
