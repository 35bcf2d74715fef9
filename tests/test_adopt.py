# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder adopt``: an existing repository brought under the template, then updated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffolder import adopt_licence
from scaffolder.adopt import adopt, guess_defaults
from scaffolder.errors import ScaffolderError
from scaffolder.licences import catalogue
from scaffolder.update import update
from tests.helpers import answers_of, git, run_cli
from tests.template_versions import commit_all, two_versions

OWN_README = "# Beam monitor\n\nOur own README, written by hand.\n"
OWN_CODE = "print('beam')\n"


@pytest.fixture(scope="module")
def tpl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # v1.1.0 leaves the README alone: an adopted repository keeps its own README,
    # so a template change to it would be a conflict (as it should be).
    return two_versions(tmp_path_factory.mktemp("tpl") / "template", readme=False)


def existing_repo(path: Path, licence: str = "GPL-3.0-or-later", licence_text: str | None = None) -> Path:
    """A repository with its own README, LICENSE and one source file whose SPDX header names ``licence``."""
    path.mkdir()
    (path / "README.md").write_text(OWN_README)
    (path / "LICENSE").write_text(catalogue().get(licence).text() if licence_text is None else licence_text)
    (path / "src").mkdir()
    # REUSE-IgnoreStart
    (path / "src" / "beam.py").write_text(f"# SPDX-License-Identifier: {licence}\n" + OWN_CODE)
    # REUSE-IgnoreEnd
    git("init", "-q", "-b", "main", cwd=path)
    git("config", "user.name", "Ada Lovelace", cwd=path)
    git("config", "user.email", "ada@example.org", cwd=path)
    commit_all(path, "our own start")
    return path


def test_adopt_keeps_own_files_and_later_update_works(tpl: Path, tmp_path: Path) -> None:
    repo = existing_repo(tmp_path / "beam-monitor")
    licence_before = (repo / "LICENSE").read_text()
    proc = run_cli("adopt", str(repo), "--defaults", "--template", str(tpl), "--to", "v1.0.0")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "differs from the template (kept yours; --overwrite replaces it): README.md" in out
    assert "matches the template: LICENSE" in out
    assert "added: LICENSES/GPL-3.0-or-later.txt" in out and "added: REUSE.toml" in out
    # a bare GPL text: the file's SPDX header says "or later"
    assert "licence recorded: GPL-3.0-or-later (found: LICENSE: GPL-3.0-only, or GPL-3.0-or-later" in out
    assert "author_name='Ada Lovelace'" in out
    # nothing overwritten
    assert (repo / "README.md").read_text() == OWN_README
    assert (repo / "LICENSE").read_text() == licence_before
    assert (repo / "src" / "beam.py").read_text().endswith(OWN_CODE)
    answers = answers_of(repo)
    assert answers["_commit"] == "v1.0.0" and answers["_src_path"] == str(tpl)
    assert answers["project_name"] == "beam-monitor"
    assert answers["software_license"] == "GPL-3.0-or-later"
    assert answers["author_name"] == "Ada Lovelace" and answers["author_email"] == "ada@example.org"
    assert not (repo / "OSPO-NOTES.md").exists()
    commit_all(repo, "adopt the template")
    result = update(repo)
    assert result.result == "updated", (result.reason, result.conflicts)
    assert (result.current, result.target) == ("v1.0.0", "v1.1.0")
    assert (repo / "OSPO-NOTES.md").is_file()
    assert ".project-cache/" in (repo / ".gitignore").read_text()
    assert (repo / "README.md").read_text() == OWN_README
    assert (repo / "LICENSE").read_text() == licence_before
    assert answers_of(repo)["_commit"] == "v1.1.0"


def test_adopt_overwrite_and_refusals(tpl: Path, tmp_path: Path) -> None:
    repo = existing_repo(tmp_path / "beam", licence="MIT")
    (repo / "scratch").write_text("uncommitted\n")
    with pytest.raises(ScaffolderError, match="uncommitted changes in scratch"):
        adopt(repo, template=str(tpl), defaults=True)
    (repo / "scratch").unlink()
    result = adopt(repo, template=str(tpl), defaults=True, overwrite=True, data={"description": "A monitor"})
    assert result.version == "v1.1.0"
    assert result.overwritten == ["README.md"] and "LICENSE" in result.matching
    assert result.answers["software_license"] == "MIT" and result.answers["description"] == "A monitor"
    assert (repo / "README.md").read_text().startswith("<!--")
    assert "A monitor" in (repo / "README.md").read_text()
    commit_all(repo, "adopt")
    with pytest.raises(ScaffolderError, match="scaffolder update"):
        adopt(repo, template=str(tpl), defaults=True)


def test_adopt_not_git_and_bad_answer(tpl: Path, tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    folder.mkdir()
    proc = run_cli("adopt", str(folder), "--defaults", "--template", str(tpl))
    assert proc.returncode == 1 and "not a git repository" in proc.stderr
    repo = existing_repo(tmp_path / "r")
    bad = run_cli("adopt", str(repo), "--defaults", "--template", str(tpl), "--data", "nonsense=1")
    assert bad.returncode == 1 and "nonsense" in bad.stderr and "Traceback" not in bad.stderr
    assert git("status", "--porcelain", cwd=repo) == ""


def test_guesses_for_hardware_licence(tmp_path: Path) -> None:
    repo = existing_repo(tmp_path / "board", licence="CERN-OHL-S-2.0")
    found = adopt_licence.answers_for(adopt_licence.examine(repo, {}), {}, {})
    assert found["hardware_license"] == "CERN-OHL-S-2.0" and found["project_kind"] == "hardware"
    guess = guess_defaults(repo, {})
    assert guess["project_name"] == "board" and isinstance(guess["copyright_year"], int)


def test_adopt_asks_in_a_terminal_with_guessed_defaults(tpl: Path, tmp_path: Path) -> None:
    """Interactive adopt: pressing Enter at every question takes the guesses from the repository."""
    pexpect = pytest.importorskip("pexpect")
    import os
    import sys

    from tests.helpers import GIT_ENV, REPO

    repo = existing_repo(tmp_path / "beam-monitor", licence="MPL-2.0")
    env = {**os.environ, "PYTHONPATH": str(REPO), **GIT_ENV, "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "scaffolder", "adopt", str(repo), "--template", str(tpl)],
                          env=env, encoding="utf-8", timeout=60, dimensions=(40, 200))
    asked = 0
    while child.expect(["🎤", pexpect.EOF]) == 0:
        asked += 1
        child.expect(r"\?|\)|:")
        child.send("\r")
        assert asked < 200
    child.close()
    assert child.exitstatus == 0, child.before
    assert asked >= 5
    answers = answers_of(repo)
    assert answers["project_name"] == "beam-monitor"
    assert answers["software_license"] == "MPL-2.0"
    assert answers["author_name"] == "Ada Lovelace"
    assert (repo / "README.md").read_text() == OWN_README


JANE_MIT = "MIT License\n\nCopyright (c) 2023 Jane Doe\n\n" + catalogue().get("MIT").text()
GPL2_NOTICE = (
    "beam-tools: tools for beams\nCopyright (C) 2019 Bob Example\n\n"
    "This program is free software; you can redistribute it and/or modify\n"
    "it under the terms of the GNU General Public License as published by\n"
    "the Free Software Foundation; either version 2 of the License, or\n"
    "(at your option) any later version.\n\n"
)


def test_mit_repository_is_adopted_as_mit_keeping_jane_doe(tpl: Path, tmp_path: Path) -> None:
    """Issue 10: an ordinary MIT LICENSE is MIT; Jane Doe stays the holder; nothing claims Apache or CERN-OHL."""
    repo = existing_repo(tmp_path / "jane", licence="MIT", licence_text=JANE_MIT)
    proc = run_cli("adopt", str(repo), "--defaults", "--template", str(tpl), "--to", "v1.0.0")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "licence recorded: MIT (found: LICENSE: MIT (spdx-template, score 1.00))" in proc.stdout
    assert "copyright kept: 2023 Jane Doe" in proc.stdout
    answers = answers_of(repo)
    assert answers["software_license"] == "MIT" and answers["adopted"] is True
    assert answers["existing_copyright"] == ["2023 Jane Doe"]
    assert (repo / "LICENSE").read_text() == JANE_MIT
    assert (repo / "LICENSES" / "MIT.txt").is_file()
    assert not (repo / "LICENSES" / "Apache-2.0.txt").exists()
    assert not any(p.name.startswith("CERN-OHL") for p in (repo / "LICENSES").iterdir())
    notice = (repo / "NOTICE").read_text()
    assert notice.splitlines()[1] == "Copyright 2023 Jane Doe"
    assert "MIT License (MIT); see LICENSE" in notice and "Apache" not in notice
    assert "Files added from the template: Copyright" in notice
    assert "copyrightHolder" not in json.loads((repo / "codemeta.json").read_text())
    assert "The copyright holder of new files is" in (repo / "CONTRIBUTING.md").read_text()
    # the files that existed before adopt are listed with what they lack and how to fix it
    assert "reuse lint: README.md: no copyright and no licence information" in proc.stdout
    assert "`reuse annotate --copyright '2023 Jane Doe' --license MIT README.md`" in proc.stdout


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("DO WHAT YOU WANT WITH THIS, BUT NEVER SELL IT.\n", "LICENSE: unknown licence text"),
        (catalogue().get("MIT").text().replace("The above copyright", "Not for military use. The above copyright"),
         "LICENSE: unknown licence text (closest match scores"),
    ],
    ids=["own-words", "modified-mit"],
)
def test_unknown_licence_is_refused_and_nothing_written(tpl: Path, tmp_path: Path, text: str, said: str) -> None:
    repo = existing_repo(tmp_path / "odd", licence="MIT", licence_text=text)
    proc = run_cli("adopt", str(repo), "--defaults", "--template", str(tpl), "--to", "v1.0.0")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert said in proc.stderr and "--data software_license=ID" in proc.stderr
    assert git("status", "--porcelain", "--ignored", cwd=repo) == ""


def test_licence_outside_the_catalogue_and_no_licence_are_refused(tmp_path: Path) -> None:
    unlicense = existing_repo(tmp_path / "pd", licence="MIT", licence_text="")
    (unlicense / "LICENSE").unlink()
    with pytest.raises(ScaffolderError, match=r"no licence file .* would claim a licence"):
        adopt_licence.examine(unlicense, {})
    assert adopt_licence.examine(unlicense, {"software_license": "MIT"}).spdx == "MIT"
    # a licence for another part is no licence for the main one
    with pytest.raises(ScaffolderError, match="--data software_license=ID"):
        adopt_licence.examine(unlicense, {"docs_license": "CC0-1.0"})
    hardware = adopt_licence.examine(unlicense, {"project_kind": "hardware", "hardware_license": "CERN-OHL-S-2.0"})
    assert (hardware.spdx, hardware.kind) == ("CERN-OHL-S-2.0", "hardware")


def test_gpl2_or_later_repository_is_accepted(tpl: Path, tmp_path: Path) -> None:
    text = GPL2_NOTICE + catalogue().get("GPL-2.0-or-later").text()
    repo = existing_repo(tmp_path / "beam-tools", licence="GPL-2.0-or-later", licence_text=text)
    result = adopt(repo, template=str(tpl), to="v1.0.0", defaults=True)
    assert result.answers["software_license"] == "GPL-2.0-or-later"
    assert result.kept_copyright == ["2019 Bob Example"]
    assert (repo / "LICENSES" / "GPL-2.0-or-later.txt").is_file()


def test_bare_gnu_text_without_a_header_asks_which_version(tmp_path: Path) -> None:
    repo = existing_repo(tmp_path / "g", licence="MIT", licence_text=catalogue().get("GPL-3.0-or-later").text())
    with pytest.raises(ScaffolderError, match="does not say whether later versions apply"):
        adopt_licence.examine(repo, {})
    assert adopt_licence.examine(repo, {"software_license": "GPL-3.0-only"}).spdx == "GPL-3.0-only"


def test_headers_are_read_only_inside_the_repository(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text("# Copyright 1999 Somebody Else\n")
    repo = existing_repo(tmp_path / "r", licence="MIT", licence_text=JANE_MIT)
    (repo / "src" / "link.py").symlink_to(outside)
    (repo / "src" / "own.py").write_text("# SPDX-FileCopyrightText: 2024 Jane Doe\n")
    commit_all(repo, "more")
    assert adopt_licence.examine(repo, {}).notices == ["2023 Jane Doe", "2024 Jane Doe"]
