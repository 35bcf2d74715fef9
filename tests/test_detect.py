# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The licence detector (scaffolder.detect) on catalogue texts, variants and repository roots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scaffolder import detect
from scaffolder.licences import catalogue

CAT = catalogue()


@pytest.mark.parametrize("lic", CAT.licences, ids=lambda lic: lic.id)
def test_every_catalogue_text_is_identified_as_its_family(lic) -> None:  # type: ignore[no-untyped-def]
    found = detect.identify(lic.text())
    assert found.spdx is not None and found.score == 1.0
    assert lic.id in {found.spdx, *found.alternatives}


def test_mit_with_title_and_copyright_line_is_mit_and_keeps_the_holder() -> None:
    text = "MIT License\n\nCopyright (c) 2023 Jane Doe\n\n" + CAT.get("MIT").text()
    assert detect.identify(text).spdx == "MIT"
    assert detect.copyright_notices(text) == ["2023 Jane Doe"]


def test_a_clause_added_to_mit_is_not_mit() -> None:
    text = (
        CAT.get("MIT")
        .text()
        .replace(
            "The above copyright",
            "The Software shall not be used for military purposes of any kind. The above copyright",
        )
    )
    assert detect.identify(text).spdx is None


def test_bsd_with_the_project_name_is_bsd() -> None:
    text = "Copyright (c) 2019, Foo Project\nAll rights reserved.\n\n" + CAT.get("BSD-3-Clause").text().replace(
        "the copyright holder nor", "Foo Project nor"
    )
    assert detect.identify(text).spdx == "BSD-3-Clause"


def test_gnu_text_without_notice_is_only_with_or_later_as_alternative() -> None:
    found = detect.identify(CAT.get("GPL-3.0-or-later").text())
    assert (found.spdx, found.alternatives) == ("GPL-3.0-only", ("GPL-3.0-or-later",))


def test_gnu_text_with_or_later_notice_is_or_later() -> None:
    notice = (
        "This program is free software: you can redistribute it and/or modify it under the terms of the GNU "
        "General Public License as published by the Free Software Foundation, either version 3 of the License, "
        "or (at your option) any later version.\n\n"
    )
    found = detect.identify(notice + CAT.get("GPL-3.0-or-later").text())
    assert (found.spdx, found.alternatives) == ("GPL-3.0-or-later", ())


def test_root_licence_files_reads_only_inside_the_repository(tmp_path: Path) -> None:
    (tmp_path / "LICENSE.md").write_text("# MIT License\n\nCopyright 2020 Ann\n\n" + CAT.get("MIT").text())
    (tmp_path / "COPYING").write_bytes(b"\0\1binary")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(CAT.get("MIT").text())
    os.symlink(outside, tmp_path / "LICENCE")
    (tmp_path / "LICENSE-OTHER.txt").write_text("All rights reserved. Do not copy.\n")
    (tmp_path / "README.md").write_text("not a licence\n")
    found = {f.path: f for f in detect.root_licence_files(tmp_path)}
    assert set(found) == {"COPYING", "LICENCE", "LICENSE-OTHER.txt", "LICENSE.md"}
    assert (found["LICENSE.md"].spdx, found["LICENSE.md"].notices, found["LICENSE.md"].problem) == (
        "MIT",
        ["2020 Ann"],
        None,
    )
    assert found["COPYING"].problem == "binary file"
    assert found["LICENCE"].problem == "links outside the repository"
    assert found["LICENSE-OTHER.txt"].problem == "unknown licence text"


CORPUS = Path(__file__).parent / "data" / "licence-corpus"


def _corpus() -> dict[str, dict[str, str | None]]:
    import yaml

    return yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))["files"]


def test_the_corpus_lists_every_file_it_holds() -> None:
    held = {p.relative_to(CORPUS).as_posix() for p in CORPUS.glob("*/*")}
    assert held == set(_corpus()) and len(held) >= 25


def test_every_corpus_file_is_identified_right() -> None:
    """Accuracy over real licence files; 'unknown' is right only where the text is none of the catalogue's."""
    results = {}
    for rel, entry in _corpus().items():
        text = (CORPUS / rel).read_bytes().decode("utf-8", errors="replace")
        results[rel] = (detect.identify(text).spdx, entry["expected"])
    wrong = {rel: got for rel, got in results.items() if got[0] != got[1]}
    right = len(results) - len(wrong)
    print(f"licence corpus: {right}/{len(results)} right ({right / len(results):.0%})")
    assert wrong == {}, wrong


def test_root_licence_files_of_a_corpus_repository() -> None:
    found = detect.root_licence_files(CORPUS / "git--git")
    assert [(f.path, f.spdx, f.problem) for f in found] == [("COPYING", "GPL-2.0-only", None)]
    assert found[0].notices == []  # the FSF's notice is the licence document's, not the project's


def test_standard_notices_name_their_licence() -> None:
    gpl2 = (
        "This program is free software; you can redistribute it and/or modify it under the terms of the "
        "GNU General Public License as published by the Free Software Foundation; either version 2 of the "
        "License, or (at your option) any later version."
    )
    assert detect.identify(gpl2) == detect.Identified("GPL-2.0-or-later", 1.0, "notice")
    lgpl21 = gpl2.replace("General Public", "Lesser General Public").replace("version 2", "version 2.1")
    assert detect.identify(lgpl21).spdx == "LGPL-2.1-or-later"
    assert detect.identify(gpl2.replace(", or (at your option) any later version", "")).spdx == "GPL-2.0-only"
