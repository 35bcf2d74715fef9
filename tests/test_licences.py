# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The licence catalogue and its shipped texts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from scaffolder import licences
from scaffolder.licences import catalogue

#: What issue 2 says the questionnaire offers, per part.
OFFERED = {
    "software": {"Apache-2.0", "MIT", "BSD-3-Clause", "GPL-3.0-or-later", "LGPL-3.0-or-later", "MPL-2.0",
                 "EUPL-1.2", "AGPL-3.0-or-later"},
    "hardware": {"CERN-OHL-P-2.0", "CERN-OHL-W-2.0", "CERN-OHL-S-2.0"},
    "docs": {"CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"},
}
DEFAULTS = {"software": "Apache-2.0", "hardware": "CERN-OHL-W-2.0", "docs": "CC-BY-4.0"}


def test_shipped_texts_match_recorded_checksums() -> None:
    assert licences.drifted_texts() == []


def test_drift_is_detected(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "licences"
    copy.mkdir()
    for p in licences.TEXTS.iterdir():
        (copy / p.name).write_bytes(p.read_bytes())
    (copy / "MIT.txt").write_bytes((copy / "MIT.txt").read_bytes().replace(b"free of charge", b"for a fee"))
    monkeypatch.setattr(licences, "TEXTS", copy)
    assert licences.drifted_texts() == ["MIT.txt"]


def test_catalogue_offers_what_the_questionnaire_promises() -> None:
    cat = catalogue()
    for kind, ids in OFFERED.items():
        assert {lic.id for lic in cat.for_kind(kind)} == ids
        assert cat.default_for(kind).id == DEFAULTS[kind]
        assert sum(lic.default for lic in cat.for_kind(kind)) == 1


def test_every_licence_has_exactly_one_text_and_checksum() -> None:
    cat = catalogue()
    ids = {lic.id for lic in cat.licences}
    assert {p.stem for p in licences.TEXTS.glob("*.txt")} == ids
    assert set(licences.recorded_checksums()) == {f"{i}.txt" for i in ids}


@pytest.mark.parametrize("lic", catalogue().licences, ids=lambda lic: lic.id)
def test_text_is_the_licence_and_plain(lic: licences.Licence) -> None:
    text = lic.text()
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert not text.startswith(("\n", "---"))
    for marker in ("{{", "{%", "{#"):
        assert marker not in text  # the template includes texts through Jinja
    assert hashlib.sha256(lic.text_path.read_bytes()).hexdigest() == licences.recorded_checksums()[f"{lic.id}.txt"]


@pytest.mark.parametrize(
    ("spdx_id", "phrase"),
    [
        ("Apache-2.0", "Apache License\n                           Version 2.0, January 2004"),
        ("MIT", "Permission is hereby granted, free of charge"),
        ("BSD-3-Clause", "3. Neither the name of the copyright holder nor the names of its contributors"),
        ("GPL-3.0-or-later", "GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007"),
        ("LGPL-3.0-or-later", "GNU LESSER GENERAL PUBLIC LICENSE"),
        ("AGPL-3.0-or-later", "GNU AFFERO GENERAL PUBLIC LICENSE"),
        ("MPL-2.0", "Mozilla Public License Version 2.0"),
        ("EUPL-1.2", "EUROPEAN UNION PUBLIC LICENCE v. 1.2"),
        ("CERN-OHL-P-2.0", "CERN Open Hardware Licence Version 2 - Permissive"),
        ("CERN-OHL-W-2.0", "CERN Open Hardware Licence Version 2 - Weakly Reciprocal"),
        ("CERN-OHL-S-2.0", "CERN Open Hardware Licence Version 2 - Strongly Reciprocal"),
        ("CC-BY-4.0", "Attribution 4.0 International"),
        ("CC-BY-SA-4.0", "Attribution-ShareAlike 4.0 International"),
        ("CC0-1.0", "CC0 1.0 Universal"),
    ],
)
def test_text_is_the_right_licence(spdx_id: str, phrase: str) -> None:
    assert phrase in catalogue().get(spdx_id).text()


def test_or_later_texts_carry_no_added_notice() -> None:
    # The SPDX text of GPL-3.0-or-later is the GPL itself, not the "how to apply" notice.
    gpl = catalogue().get("GPL-3.0-or-later").text()
    assert gpl.startswith("GNU GENERAL PUBLIC LICENSE") or gpl.lstrip().startswith("GNU GENERAL PUBLIC LICENSE")
    assert "This program is free software: you can redistribute it" in gpl  # only in the appendix
    assert gpl.index("This program is free software") > gpl.index("END OF TERMS AND CONDITIONS")


def test_immunities_clause_is_the_exact_wording() -> None:
    assert catalogue().immunities_clause == (
        "In applying this licence, CERN does not waive the privileges and immunities granted to it by "
        "virtue of its status as an Intergovernmental Organization or submit itself to any jurisdiction."
    )


def test_identify_finds_a_licence_by_its_text() -> None:
    mit = catalogue().get("MIT").text()
    assert licences.identify("  " + mit.replace("\n", "\n ")) == catalogue().get("MIT")
    assert licences.identify("All rights reserved.") is None


def test_licences_not_offered_are_left_out_of_new_projects_choices_and_the_wizard(tmp_path: Path) -> None:
    """copier's choice list (which the wizard shows) lists them only for an adopted repository."""
    from scaffolder.evaluate import Contract
    from tests.helpers import REPO

    cat = catalogue()
    kept = {lic.id for lic in cat.licences if not lic.offered}
    assert {"GPL-2.0-only", "GPL-2.0-or-later", "LGPL-2.1-or-later", "BSD-2-Clause", "ISC"} <= kept
    assert all(lic.offered for part in cat.parts for lic in cat.for_kind(part) if part in ("software", "docs"))
    contract = Contract(REPO, tmp_path / "p")
    q = contract.questions["software_license"]
    new = {o.value for o in contract.options(q, contract.context({}))}
    adopted = {o.value for o in contract.options(q, contract.context({"adopted": True}))}
    assert new == {lic.id for lic in cat.for_kind("software")} and not new & kept
    assert kept <= adopted


def test_plain_copier_refuses_a_licence_not_offered(tmp_path: Path) -> None:
    from tests.helpers import render

    with pytest.raises(ValueError, match="Invalid choice for 'software_license'"):
        render(tmp_path / "p", {"software_license": "GPL-2.0-only"})


def test_new_refuses_to_pose_as_an_adopted_repository(tmp_path: Path) -> None:
    from tests.helpers import run_cli

    proc = run_cli("new", str(tmp_path / "p"), "--defaults", "--no-git", "--data", "adopted=true",
                   "--data", "software_license=GPL-2.0-only")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "adopted: 'true' is not accepted: set only by `scaffolder adopt`" in proc.stderr
    assert not (tmp_path / "p").exists()
