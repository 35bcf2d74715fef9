# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Open-hardware projects (project_kind hardware and mixed): KiCad files, CERN-OHL notices, REUSE,
KiBot and its CI, okh.toml and .ohwr.yaml.

Each combination is rendered once per module (``project`` fixture); KiCad files are parsed with
kiutils, and the board is opened with KiCad's own ``pcbnew`` when the system Python has it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from scaffolder.licences import catalogue
from tests.helpers import REPO, answers_of, git, leftover_jinja, render, reuse_problems

if TYPE_CHECKING:
    from collections.abc import Callable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CAT = catalogue()
HARDWARE = [lic.id for lic in CAT.for_kind("hardware")]
SOFTWARE = [lic.id for lic in CAT.for_kind("software")]
KINDS = ["hardware", "mixed"]
FORGES = ["github", "gitlab", "other"]
SLUG = "demo-board"
URL = "https://git.example.org/lab/demo-board"
BASE = {"project_name": "Demo Board", "project_slug": SLUG, "repository_url": URL}
SPDX_LIC = "SPDX-License-" + "Identifier: "
SPDX_COPY = "SPDX-File" + "CopyrightText: "

#: Hostile answers for the s-expression files: quotes, parentheses, backslashes (also trailing), non-ASCII.
HOSTILE = {
    "project_name": 'Zoë\'s "Board" (v2) \\ 日本 )( end\\',
    "project_slug": "hostile",
    "copyright_holder": 'Müller "&" (Labs) \\ Ltd',
    "board_revision": 'B "2" (\\)',
    "description": 'A "board": yes, null, 1.0 \\ {not jinja}',
    "repository_url": "https://example.org/o/hostile",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``project(**answers)``: the project rendered from BASE + answers, rendered once per module."""
    cache: dict[str, Path] = {}

    def get(**answers: Any) -> Path:
        data = {**BASE, **answers}
        if data.get("project_kind") in KINDS:  # one cache entry whether the defaults are spelt out or not
            data = {"hardware_license": CAT.default_for("hardware").id, "forge": "github", **data}
        key = json.dumps(data, sort_keys=True)
        if key not in cache:
            cache[key] = render(tmp_path_factory.mktemp("hw") / "project", data)
        return cache[key]

    return get


def kiutils_text(value: str) -> str:
    """kiutils unescapes ``\\"`` in s-expression strings but leaves ``\\\\`` doubled: finish the job."""
    return value.replace("\\\\", "\\")


def licence_files(project: Path) -> set[str]:
    return {p.name for p in (project / "LICENSES").iterdir()}


def reuse_licence_of(project: Path, rel: str) -> set[str]:
    from reuse.project import Project

    infos = Project.from_directory(project).reuse_info_of(project / rel)
    return {str(expr) for info in infos for expr in info.spdx_expressions}


# --- every combination ------------------------------------------------------------------------


@pytest.mark.parametrize("forge", FORGES)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("licence", HARDWARE)
def test_combination_renders_and_is_reuse_compliant(
    project: Callable[..., Path], licence: str, kind: str, forge: str
) -> None:
    p = project(project_kind=kind, hardware_license=licence, forge=forge)
    assert reuse_problems(p) == ""
    assert leftover_jinja(p) == []
    for path in p.rglob("*"):  # exactly one final newline (licence texts are shipped as they are)
        if path.is_file() and "LICENSES" not in path.parts and path.name != "LICENSE":
            assert not path.read_bytes().endswith(b"\n\n"), path
    expected = {licence, "CC-BY-4.0"} | ({"Apache-2.0"} if kind == "mixed" else set())
    assert licence_files(p) == {f"{i}.txt" for i in expected}
    # The hardware licence is the main licence, also for mixed projects.
    assert (p / "LICENSE").read_text(encoding="utf-8") == CAT.get(licence).text()
    for rel in [
        f"cad_electronics/{SLUG}.kicad_pro",
        f"cad_electronics/{SLUG}.kicad_sch",
        f"cad_electronics/{SLUG}.kicad_pcb",
        f"cad_electronics/{SLUG}.kibot.yaml",
        "cad_electronics/sym-lib-table",
        "cad_electronics/fp-lib-table",
        f"cad_electronics/libraries/{SLUG}.kicad_sym",
        "cad_electronics/README.md",
        "bom/README.md",
        "docs/manual/README.md",
        "datasheets_external_parts/README.md",
        "CHANGES",
        "okh.toml",
        ".ohwr.yaml",
    ]:
        assert (p / rel).is_file(), rel
    assert (p / "firmware/README.md").is_file() == (kind == "mixed")
    assert (p / ".github/workflows/kibot.yml").is_file() == (forge == "github")
    assert (p / ".gitlab/ci/kibot.yml").is_file() == (forge == "gitlab")
    assert not (p / ".github").exists() or forge == "github"
    assert not (p / ".gitlab").exists() or forge == "gitlab"


@pytest.mark.parametrize("kind", KINDS)
def test_each_folder_has_the_licence_the_readme_gives(project: Callable[..., Path], kind: str) -> None:
    p = project(project_kind=kind, hardware_license="CERN-OHL-S-2.0", forge="github")
    code = "Apache-2.0" if kind == "mixed" else "CERN-OHL-S-2.0"
    expected = {
        f"cad_electronics/{SLUG}.kicad_pcb": "CERN-OHL-S-2.0",
        f"cad_electronics/{SLUG}.kicad_sch": "CERN-OHL-S-2.0",
        f"cad_electronics/{SLUG}.kicad_pro": "CERN-OHL-S-2.0",
        f"cad_electronics/{SLUG}.kibot.yaml": "CERN-OHL-S-2.0",
        f"cad_electronics/libraries/{SLUG}.kicad_sym": "CERN-OHL-S-2.0",
        "cad_electronics/sym-lib-table": "CERN-OHL-S-2.0",
        "cad_electronics/fp-lib-table": "CERN-OHL-S-2.0",
        "CHANGES": "CERN-OHL-S-2.0",
        "cad_electronics/README.md": "CC-BY-4.0",
        "docs/manual/README.md": "CC-BY-4.0",
        "bom/README.md": "CC-BY-4.0",
        ".github/workflows/kibot.yml": code,
        "okh.toml": code,
        ".ohwr.yaml": code,
    }
    if kind == "mixed":
        expected["firmware/README.md"] = "Apache-2.0"
    for rel, licence in expected.items():
        assert reuse_licence_of(p, rel) == {licence}, rel
    # A file added later to bom/ is covered by the hardware licence.
    (p / "bom" / "demo-board-1.0-bom.csv").write_text("Ref,Qty\n", encoding="utf-8")
    try:
        assert reuse_licence_of(p, "bom/demo-board-1.0-bom.csv") == {"CERN-OHL-S-2.0"}
        assert reuse_problems(p) == ""
    finally:
        (p / "bom" / "demo-board-1.0-bom.csv").unlink()
    readme = (p / "README.md").read_text(encoding="utf-8")
    assert "| `cad_electronics/` | KiCad project" in readme
    assert re.search(r"\| `cad_electronics/` \|[^\n]*\| `CERN-OHL-S-2.0` \|", readme)
    assert re.search(r"\| `docs/`, README files[^|]*\|[^\n]*\| `CC-BY-4.0` \|", readme)
    assert re.search(rf"\| build, CI and metadata files \|[^\n]*\| `{code}` \|", readme)
    firmware_row = "| `firmware/` | firmware or software for the hardware | `Apache-2.0` |"
    assert (firmware_row in readme) == (kind == "mixed")


def test_other_project_kinds_get_nothing_of_this(project: Callable[..., Path]) -> None:
    for kind, forge in (("software", "github"), ("documentation", "gitlab")):
        p = project(project_kind=kind, forge=forge, repository_url="")
        names = {q.relative_to(p).as_posix() for q in p.rglob("*")}
        for rel in ["cad_electronics", "bom", "docs/manual", "datasheets_external_parts", "firmware", "CHANGES",
                    "okh.toml", ".ohwr.yaml", ".github/workflows/kibot.yml", ".gitlab/ci/kibot.yml"]:
            assert rel not in names, rel
        assert "kicad" not in (p / ".gitignore").read_text(encoding="utf-8").lower()
        assert "CERN-OHL" not in (p / "NOTICE").read_text(encoding="utf-8")
        assert "## Hardware" not in (p / "README.md").read_text(encoding="utf-8")
        assert "board_revision" not in answers_of(p)


# --- licence choices --------------------------------------------------------------------------


def _offered(error: Exception) -> list[str]:
    """The choices copier lists in its "Invalid choice" error: what the question offers."""
    return re.findall(r"'([^']+)'", str(error).split(" is not in ", 1)[1])


def test_software_licences_are_never_offered_for_the_hardware(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"Invalid choice for 'hardware_license'") as err:
        render(tmp_path / "p", {**BASE, "project_kind": "hardware", "hardware_license": "Apache-2.0"})
    assert _offered(err.value) == HARDWARE
    assert not set(_offered(err.value)) & set(SOFTWARE)


def test_cern_ohl_is_never_offered_for_the_software(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"Invalid choice for 'software_license'") as err:
        render(tmp_path / "p", {**BASE, "project_kind": "mixed", "software_license": "CERN-OHL-S-2.0"})
    assert _offered(err.value) == SOFTWARE
    assert not set(_offered(err.value)) & set(HARDWARE)


@pytest.mark.parametrize(("licence", "kind"), [("CERN-OHL-W-2.0", "hardware"), ("CERN-OHL-S-2.0", "mixed")])
def test_reciprocal_licences_require_a_source_location(tmp_path: Path, licence: str, kind: str) -> None:
    answers = {**BASE, "project_kind": kind, "hardware_license": licence, "repository_url": ""}
    with pytest.raises(ValueError) as err:
        render(tmp_path / "p", answers)
    message = str(err.value)
    assert "Validation error for question 'repository_url'" in message
    assert f"is required for {licence}" in message
    assert "Source Location" in message
    assert not (tmp_path / "p" / "cad_electronics").exists()


def test_permissive_licence_without_repository(project: Callable[..., Path]) -> None:
    """CERN-OHL-P has no Source Location: no URL is needed, and none is claimed."""
    p = project(project_kind="hardware", hardware_license="CERN-OHL-P-2.0", repository_url="", forge="other")
    assert reuse_problems(p) == ""
    assert not (p / "okh.toml").exists() and not (p / ".ohwr.yaml").exists()
    readme = (p / "README.md").read_text(encoding="utf-8")
    assert "scaffolder update --data repository_url=URL" in readme
    notice = (p / "NOTICE").read_text(encoding="utf-8")
    assert "Source location" not in notice and "Source Location" not in notice
    assert "As per CERN-OHL-P v2 section 4" in notice
    assert "access to the\nNotices that apply to them" in notice
    from kiutils.board import Board

    board = Board.from_file(str(p / "cad_electronics" / f"{SLUG}.kicad_pcb"))
    assert set(board.titleBlock.comments) == {1, 2}
    assert [t.text for t in board.graphicItems if type(t).__name__ == "GrText"] == ["CERN-OHL-P-2.0"]


# --- KiCad files ------------------------------------------------------------------------------


def _source_line(licence: str, url: str) -> str:
    return ("Source Location: " if CAT.get(licence).source_location else "Design files: ") + url


@pytest.mark.parametrize("licence", HARDWARE)
def test_kicad_files_parse_with_filled_title_blocks(project: Callable[..., Path], licence: str) -> None:
    from kiutils.board import Board
    from kiutils.libraries import LibTable
    from kiutils.schematic import Schematic
    from kiutils.symbol import SymbolLib

    p = project(project_kind="hardware", hardware_license=licence, forge="github")
    cad = p / "cad_electronics"
    board = Board.from_file(str(cad / f"{SLUG}.kicad_pcb"))
    schematic = Schematic.from_file(str(cad / f"{SLUG}.kicad_sch"))
    assert board.version == 20211014
    assert schematic.version == 20211123
    assert (cad / f"{SLUG}.kicad_pcb").read_text(encoding="utf-8").startswith(
        "(kicad_pcb (version 20211014) (generator pcbnew)"
    )
    assert (cad / f"{SLUG}.kicad_sch").read_text(encoding="utf-8").startswith(
        "(kicad_sch (version 20211123) (generator eeschema)"
    )
    year = answers_of(p)["copyright_year"]
    for tb in (board.titleBlock, schematic.titleBlock):
        assert tb.title == "Demo Board"
        assert tb.revision == "1.0"
        assert tb.company == "CERN"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", tb.date)
        assert tb.comments == {
            1: f"{SPDX_COPY}{year} CERN",
            2: f"{SPDX_LIC}{licence}",
            3: _source_line(licence, URL),
        }
    # Outline on Edge.Cuts, licence and Source Location on the front silkscreen.
    outline = [g for g in board.graphicItems if g.layer == "Edge.Cuts"]
    assert [type(g).__name__ for g in outline] == ["GrRect"]
    assert (outline[0].start.X, outline[0].start.Y, outline[0].end.X, outline[0].end.Y) == (100, 60, 200, 140)
    silk = [(g.text, g.layer) for g in board.graphicItems if type(g).__name__ == "GrText"]
    assert silk == [(licence, "F.SilkS"), (_source_line(licence, URL), "F.SilkS")]
    # Project file and library tables with project-local libraries.
    pro = json.loads((cad / f"{SLUG}.kicad_pro").read_text(encoding="utf-8"))
    assert pro["meta"] == {"filename": f"{SLUG}.kicad_pro", "version": 1}
    assert pro["sheets"][0][0] == schematic.uuid
    sym = LibTable.from_file(str(cad / "sym-lib-table"))
    fp = LibTable.from_file(str(cad / "fp-lib-table"))
    assert sym.type == "sym_lib_table" and fp.type == "fp_lib_table"
    assert [(lib.name, lib.uri) for lib in sym.libs] == [(SLUG, f"${{KIPRJMOD}}/libraries/{SLUG}.kicad_sym")]
    assert [(lib.name, lib.uri) for lib in fp.libs] == [(SLUG, f"${{KIPRJMOD}}/libraries/{SLUG}.pretty")]
    assert SymbolLib.from_file(str(cad / "libraries" / f"{SLUG}.kicad_sym")).version == 20211014
    assert (cad / "libraries" / f"{SLUG}.pretty").is_dir()


SEXPR_CASES = ["plain", "", "\\", "\\\\", '"', '\\"', '")', "end\\", '(a) "b" \\ c', "Zoë 日本 ©",
               "{{ x }} $(id) `b`"]


@pytest.mark.parametrize("value", SEXPR_CASES)
def test_sexpr_macro_quotes_like_kicad(value: str) -> None:
    import jinja2
    from kiutils.utils.sexpr import parse_sexp

    env = jinja2.Environment(  # as copier builds it: the macros file also uses copier's filters
        loader=jinja2.FileSystemLoader(REPO),
        extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"],
    )
    sexpr = env.get_template("includes/hardware/macros.jinja").module.sexpr
    quoted = str(sexpr(value))
    # KiCad's own rule (pcbnew 6.0.11 saves 'T "q" \ (x)' as "T \"q\" \\ (x)"): quote, escape \ and ".
    assert quoted == '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    parsed = parse_sexp(f"(title {quoted} (next 1))")
    assert len(parsed) == 3 and parsed[0] == "title" and parsed[2] == ["next", 1]
    assert kiutils_text(parsed[1]) == value


def test_hostile_answers_do_not_break_the_kicad_files(project: Callable[..., Path]) -> None:
    from kiutils.board import Board
    from kiutils.schematic import Schematic

    p = project(project_kind="mixed", forge="gitlab", **HOSTILE)
    assert reuse_problems(p) == ""
    cad = p / "cad_electronics"
    board = Board.from_file(str(cad / "hostile.kicad_pcb"))
    schematic = Schematic.from_file(str(cad / "hostile.kicad_sch"))
    for tb in (board.titleBlock, schematic.titleBlock):
        assert kiutils_text(tb.title) == HOSTILE["project_name"]
        assert kiutils_text(tb.company) == HOSTILE["copyright_holder"]
        assert kiutils_text(tb.revision) == HOSTILE["board_revision"]
        assert kiutils_text(tb.comments[1]).endswith(HOSTILE["copyright_holder"])
        assert tb.comments[3] == "Source Location: https://example.org/o/hostile"
    assert [g.layer for g in board.graphicItems] == ["Edge.Cuts", "F.SilkS", "F.SilkS"]
    # The TOML and YAML files keep the same answers as data.
    okh = tomllib.loads((p / "okh.toml").read_text(encoding="utf-8"))
    assert okh["name"] == HOSTILE["project_name"]
    assert okh["licensor"] == HOSTILE["copyright_holder"]
    assert okh["version"] == HOSTILE["board_revision"]
    assert okh["function"] == HOSTILE["description"]
    ohwr = yaml.safe_load((p / ".ohwr.yaml").read_text(encoding="utf-8"))
    assert ohwr["name"] == HOSTILE["project_name"]


# --- KiCad itself -----------------------------------------------------------------------------

SYSTEM_PYTHON = "/usr/bin/python3"
#: A Source Location longer than the board is wide: its silkscreen text gets smaller letters.
LONG_URL = "https://git.example.org/a-long-group-name/a-subgroup/another-subgroup/" + "x" * 60

PCBNEW_CHECK = textwrap.dedent(
    """
    import json, sys, pcbnew
    board = pcbnew.LoadBoard(sys.argv[1])
    tb = board.GetTitleBlock()
    texts, outline = [], []
    for item in board.GetDrawings():
        if isinstance(item, pcbnew.PCB_TEXT):
            texts.append([item.GetText(), board.GetLayerName(item.GetLayer())])
        elif item.GetLayer() == pcbnew.Edge_Cuts:
            outline.append([item.GetShape() == pcbnew.SHAPE_T_RECT,
                            [pcbnew.ToMM(v) for v in (item.GetStart().x, item.GetStart().y,
                                                      item.GetEnd().x, item.GetEnd().y)]])
    ok = pcbnew.WriteDRCReport(board, sys.argv[2], pcbnew.EDA_UNITS_MILLIMETRES, True)
    print(json.dumps({"version": pcbnew.Version(), "title": tb.GetTitle(), "rev": tb.GetRevision(),
                      "company": tb.GetCompany(), "comments": [tb.GetComment(i) for i in range(3)],
                      "texts": texts, "outline": outline, "drc_written": ok}))
    """
)


@pytest.fixture(scope="module")
def kicad_python() -> str:
    """The system Python with KiCad's ``pcbnew`` (Debian: apt-get install --no-install-recommends kicad)."""
    if not Path(SYSTEM_PYTHON).is_file():
        pytest.skip(f"KiCad check skipped: {SYSTEM_PYTHON} does not exist")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pcbnew"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(
            f"KiCad check skipped: {SYSTEM_PYTHON} cannot import pcbnew (KiCad is not installed; "
            "apt-get install -y --no-install-recommends kicad)"
        )
    return SYSTEM_PYTHON


@pytest.mark.slow
@pytest.mark.parametrize(
    ("answers", "licence"),
    [({"project_kind": "mixed", "forge": "gitlab", **HOSTILE}, "CERN-OHL-W-2.0"),
     ({"project_kind": "hardware", "forge": "other", "hardware_license": "CERN-OHL-P-2.0",
       "repository_url": ""}, "CERN-OHL-P-2.0"),
     ({"project_kind": "hardware", "forge": "github", "hardware_license": "CERN-OHL-S-2.0",
       "repository_url": LONG_URL}, "CERN-OHL-S-2.0")],
    ids=["hostile-W", "P-without-url", "S-long-url"],
)
def test_kicad_opens_the_board_and_finds_no_drc_error(
    project: Callable[..., Path], kicad_python: str, tmp_path: Path, answers: dict[str, str], licence: str
) -> None:
    p = project(**answers)
    slug = answers.get("project_slug", SLUG)
    board = p / "cad_electronics" / f"{slug}.kicad_pcb"
    report = tmp_path / "drc.rpt"
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.run(
        [kicad_python, "-c", PCBNEW_CHECK, str(board), str(report)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    data = {**BASE, **answers}
    year = answers_of(p)["copyright_year"]
    holder = data.get("copyright_holder", "CERN")
    assert seen["title"] == data["project_name"]
    assert seen["rev"] == data.get("board_revision", "1.0")
    assert seen["company"] == holder
    assert seen["comments"][:2] == [f"{SPDX_COPY}{year} {holder}", f"{SPDX_LIC}{licence}"]
    expected_texts = [[licence, "F.Silkscreen"]]
    if data["repository_url"]:
        assert seen["comments"][2] == _source_line(licence, data["repository_url"])
        expected_texts.append([_source_line(licence, data["repository_url"]), "F.Silkscreen"])
    else:
        assert seen["comments"][2] == ""
    assert seen["texts"] == expected_texts
    assert seen["outline"] == [[True, [100.0, 60.0, 200.0, 140.0]]]
    assert seen["drc_written"] is True
    drc = report.read_text(encoding="utf-8")
    assert "** Found 0 DRC violations **" in drc
    assert "** Found 0 unconnected pads **" in drc
    assert "** Found 0 Footprint errors **" in drc


# --- notices ----------------------------------------------------------------------------------


@pytest.mark.parametrize("licence", ["CERN-OHL-W-2.0", "CERN-OHL-S-2.0"])
def test_cern_ohl_notice_block_in_readme_and_notice(project: Callable[..., Path], licence: str) -> None:
    p = project(project_kind="mixed", hardware_license=licence, forge="gitlab")
    v = CAT.get(licence).variant
    block = textwrap.dedent(
        f"""\
        This source describes Open Hardware and is licensed under the CERN-OHL-{v} v2.
        You may redistribute and modify this source and make products using it under
        the terms of the CERN-OHL-{v} v2 (https://ohwr.org/cern_ohl_{v.lower()}_v2.txt).
        This source is distributed WITHOUT ANY EXPRESS OR IMPLIED WARRANTY,
        INCLUDING OF MERCHANTABILITY, SATISFACTORY QUALITY AND FITNESS FOR A
        PARTICULAR PURPOSE. Please see the CERN-OHL-{v} v2 for applicable conditions.
        Source location: {URL}
        As per CERN-OHL-{v} v2 section 4, should You produce hardware based on this
        source, You must where practicable maintain the Source Location visible
        on the external case of the Demo Board or other products you make
        using this source.
        """
    )
    notice = (p / "NOTICE").read_text(encoding="utf-8")
    readme = (p / "README.md").read_text(encoding="utf-8")
    year = answers_of(p)["copyright_year"]
    assert f"Copyright {year} CERN.\n{block}" in notice
    assert f"```text\nCopyright {year} CERN.\n{block}```" in readme
    # The immunities clause stays where the core puts it: last in NOTICE, after the notice block.
    assert notice.rstrip("\n").endswith(CAT.immunities_clause)
    assert notice.index(block) < notice.index(CAT.immunities_clause)
    hardware = readme[readme.index("## Hardware"):readme.index("## Licence")]
    assert "[CHANGES](CHANGES)" in hardware and "section 3.3" in hardware
    assert ("GitLab CI job" in hardware) and ("GitHub Actions" not in hardware)


def test_changes_file_for_modification_notices(project: Callable[..., Path]) -> None:
    p = project(project_kind="hardware", hardware_license="CERN-OHL-S-2.0", forge="gitlab")
    text = (p / "CHANGES").read_text(encoding="utf-8")
    assert text.startswith("Changes to Demo Board\n")
    assert "CERN-OHL-S v2 (section 3.3)" in text
    assert re.search(r"^\d{4}-\d{2}-\d{2}  CERN\n  Design created \(revision 1\.0\)\.\n\Z", text, re.M)


def test_gitignore_has_the_kicad_entries(project: Callable[..., Path], tmp_path: Path) -> None:
    p = project(project_kind="hardware", forge="github")
    repo = tmp_path / "repo"
    shutil.copytree(p, repo)
    git("init", "-q", cwd=repo)
    ignored = ["cad_electronics/demo-board.kicad_prl", "cad_electronics/demo-board-backups/x.zip",
               "cad_electronics/fp-info-cache", "cad_electronics/~demo-board.kicad_pcb.lck",
               "cad_electronics/_autosave-demo-board.kicad_pcb", "cad_electronics/demo-board.kicad_pcb-bak",
               "cad_electronics/demo-board.kicad_sch-bak", "cad_electronics/#auto_saved_files#",
               "cad_electronics/demo-board-save.kicad_pcb", "fabrication/gerbers/x.gbr"]
    kept = [f"cad_electronics/{SLUG}.kicad_pcb", f"cad_electronics/{SLUG}.kicad_sch",
            f"cad_electronics/{SLUG}.kicad_pro", "cad_electronics/sym-lib-table",
            "cad_electronics/fp-lib-table"]
    proc = subprocess.run(["git", "check-ignore", "--no-index", *ignored, *kept], cwd=repo,
                          capture_output=True, text=True)
    assert proc.stdout.splitlines() == ignored
    text = (p / ".gitignore").read_text(encoding="utf-8")
    assert text.endswith("/fabrication/\n") and "\n\n\n" not in text


# --- KiBot and CI -----------------------------------------------------------------------------


def test_kibot_configuration(project: Callable[..., Path]) -> None:
    p = project(project_kind="hardware", forge="github")
    config = yaml.safe_load((p / "cad_electronics" / f"{SLUG}.kibot.yaml").read_text(encoding="utf-8"))
    assert config["kibot"] == {"version": 1}
    assert config["preflight"] == {"run_erc": True, "run_drc": True}
    outputs = {o["name"]: o for o in config["outputs"]}
    types = {o["type"] for o in outputs.values()}
    assert types == {"gerber", "excellon", "position", "bom", "pdf_sch_print", "pcb_print", "compress"}
    for output in outputs.values():
        assert output["comment"] and output["dir"]
    assert "Edge.Cuts" in outputs["gerbers"]["layers"]
    # KiBot draws a page's layers in order, the last on top: the silkscreen must come after the mask.
    for page in outputs["board_pdf"]["options"]["pages"]:
        layers = page["layers"]
        side = layers[0][0]
        assert layers.index(f"{side}.SilkS") > layers.index(f"{side}.Mask"), layers
    # An output that names its file names it after itself.
    for name, output in outputs.items():
        if "output" in output.get("options", {}):
            assert output["options"]["output"].startswith(f"%f-{name}."), name
    zipped = [f["from_output"] for f in outputs["fabrication_zip"]["options"]["files"]]
    assert set(zipped) <= set(outputs) and {"gerbers", "drill", "position"} <= set(zipped)


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize(
    ("forge", "rel", "schema"),
    [("github", ".github/workflows/kibot.yml", "vendor.github-workflows"),
     ("gitlab", ".gitlab/ci/kibot.yml", "vendor.gitlab-ci")],
)
def test_ci_job_validates_and_runs_kibot_in_a_container(
    project: Callable[..., Path], tmp_path: Path, forge: str, rel: str, schema: str
) -> None:
    p = project(project_kind="mixed", forge=forge)
    path = p / rel
    proc = _check_jsonschema(schema, path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # The schema is real: a broken copy fails.
    broken = tmp_path / "broken.yml"
    text = path.read_text(encoding="utf-8")
    broken_text = text.replace("  script:", "  scripts:").replace("runs-on:", "runs_on:")
    broken.write_text(broken_text, encoding="utf-8")
    assert _check_jsonschema(schema, broken).returncode == 1
    doc = yaml.safe_load(text)
    command = (f"kibot -c cad_electronics/{SLUG}.kibot.yaml -e cad_electronics/{SLUG}.kicad_sch "
               f"-b cad_electronics/{SLUG}.kicad_pcb -d fabrication")
    if forge == "github":
        from tests.test_software import _actionlint

        lint = _actionlint(path)
        assert lint.returncode == 0, lint.stdout + lint.stderr
        job = doc["jobs"]["fabrication"]
        assert isinstance(job["timeout-minutes"], int) and doc["permissions"] == {"contents": "read"}
        assert job["container"]["image"].startswith("ghcr.io/inti-cmnb/kicad")
        assert job["steps"][1]["run"] == command
        upload = job["steps"][2]
        assert upload["uses"].startswith("actions/upload-artifact@")
        assert upload["with"]["path"] == "fabrication/"
    else:
        job = doc["kibot"]
        assert job["image"]["name"].startswith("ghcr.io/inti-cmnb/kicad")
        assert job["script"] == [command]
        assert job["artifacts"]["paths"] == ["fabrication/"]


# --- KiBot itself ---------------------------------------------------------------------------

KIBOT_REQUIREMENTS = ["kibot>=1.9,<2", "lxml"]
#: What KiBot needs from the system besides KiCad 6: KiAuto drives eeschema and pcbnew in a virtual
#: X display (KiCad 6 has no kicad-cli), pcb_print converts with rsvg-convert and Ghostscript.
KIBOT_SYSTEM_TOOLS = {"Xvfb": "xvfb", "xdotool": "xdotool", "rsvg-convert": "librsvg2-bin", "gs": "ghostscript"}


@pytest.fixture(scope="session")
def kibot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """KiBot from PyPI in a venv of the system Python (its pcbnew is KiCad's), made once and cached
    in .cache/kibot (or $SCAFFOLDER_KIBOT_VENV). Skips, naming the Debian packages, when KiCad or the
    tools KiBot drives are missing; a failed pip install fails."""
    if subprocess.run([SYSTEM_PYTHON, "-c", "import pcbnew"], capture_output=True).returncode != 0:
        pytest.skip(f"KiBot skipped: {SYSTEM_PYTHON} cannot import pcbnew (Debian: apt-get install kicad)")
    missing = sorted(pkg for tool, pkg in KIBOT_SYSTEM_TOOLS.items() if shutil.which(tool) is None)
    if missing:
        pytest.skip(f"KiBot skipped: it needs the Debian packages {', '.join(missing)} (apt-get install)")
    venv = Path(os.environ.get("SCAFFOLDER_KIBOT_VENV", REPO / ".cache" / "kibot"))
    ready = venv / "requirements.txt"
    if not ready.is_file() or ready.read_text().split() != KIBOT_REQUIREMENTS:
        shutil.rmtree(venv, ignore_errors=True)
        made = subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", str(venv)],
                              capture_output=True, text=True)
        if made.returncode != 0:
            pytest.skip(f"KiBot skipped: {SYSTEM_PYTHON} cannot make a venv (Debian: apt-get install python3-venv)")
        # --no-compile: KiBot loads its plug-ins from source and refuses stale byte code.
        proc = subprocess.run([str(venv / "bin/pip"), "install", "--quiet", "--no-compile", *KIBOT_REQUIREMENTS],
                              capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, f"pip install {' '.join(KIBOT_REQUIREMENTS)} failed:\n{proc.stderr}"
        ready.write_text("\n".join(KIBOT_REQUIREMENTS) + "\n")
    return venv / "bin" / "kibot"


@pytest.mark.slow
def test_kibot_makes_every_output_with_erc_and_drc_clean(
    project: Callable[..., Path], kibot: Path, tmp_path: Path
) -> None:
    """The configuration CI uses, run by KiBot on KiCad 6, as the CI job runs it."""
    src = project(project_kind="mixed", forge="gitlab", hardware_license="CERN-OHL-S-2.0")
    p = Path(shutil.copytree(src, tmp_path / "project"))
    job = yaml.safe_load((p / ".gitlab/ci/kibot.yml").read_text(encoding="utf-8"))["kibot"]
    (tmp_path / "home").mkdir()
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PATH": f"{kibot.parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", job["script"][0]], cwd=p, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = p / "fabrication"
    assert "ERC messages: 0  Errors 0  Warnings 0" in (out / f"{SLUG}-erc.txt").read_text(encoding="utf-8")
    drc = (out / f"{SLUG}-drc.txt").read_text(encoding="utf-8")
    assert "** Found 0 DRC violations **" in drc and "** Found 0 unconnected pads **" in drc
    gerbers = {f.name for f in (out / "gerbers").iterdir()}
    for layer in ("F_Cu", "B_Cu", "F_Silkscreen", "B_Silkscreen", "F_Mask", "B_Mask", "F_Paste", "B_Paste",
                  "Edge_Cuts"):
        assert f"{SLUG}-{layer}.gbr" in gerbers, layer
    assert {f"{SLUG}-PTH_drill.drl", f"{SLUG}-NPTH_drill.drl", f"{SLUG}-PTH_drill_map.pdf"} <= gerbers
    assert {f.name for f in (out / "assembly").iterdir()} == {f"{SLUG}-top_pos.csv", f"{SLUG}-bottom_pos.csv"}
    config = yaml.safe_load((p / "cad_electronics" / f"{SLUG}.kibot.yaml").read_text(encoding="utf-8"))
    for output in config["outputs"]:  # the files are named after their outputs
        if "output" in output.get("options", {}):
            assert list((out / output["dir"]).glob(f"{SLUG}-{output['name']}.*")), output["name"]
    for pdf in (out / "docs").iterdir():
        assert pdf.read_bytes().startswith(b"%PDF"), pdf.name
    assert "Reference" in (out / "bom" / f"{SLUG}-bom.csv").read_text(encoding="utf-8")
    import zipfile

    with zipfile.ZipFile(out / f"{SLUG}-fabrication_zip.zip") as z:
        names = set(z.namelist())
    assert {f"{SLUG}-F_Cu.gbr", f"{SLUG}-PTH_drill.drl", f"{SLUG}-top_pos.csv", f"{SLUG}-bom.csv"} <= names


# --- catalogue listings -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("forge", "url", "readme", "issues"),
    [
        ("github", "https://github.com/lab/demo-board.git", "https://raw.githubusercontent.com/lab/demo-board/HEAD/README.md",
         "https://github.com/lab/demo-board/issues"),
        ("gitlab", "https://gitlab.cern.ch/lab/demo-board/", "https://gitlab.cern.ch/lab/demo-board/-/raw/HEAD/README.md",
         "https://gitlab.cern.ch/lab/demo-board/-/issues"),
    ],
)
def test_okh_and_ohwr_manifests(
    project: Callable[..., Path], forge: str, url: str, readme: str, issues: str
) -> None:
    p = project(project_kind="mixed", forge=forge, repository_url=url, description="Digitiser: 8 channels",
                board_revision="2.1")
    okh = tomllib.loads((p / "okh.toml").read_text(encoding="utf-8"))
    assert okh == {
        "okhv": "OKH-LOSHv1.0",
        "name": "Demo Board",
        "repo": url,
        "version": "2.1",
        "license": "CERN-OHL-W-2.0",
        "licensor": "CERN",
        "organisation": "CERN",
        "function": "Digitiser: 8 channels",
        "documentation-language": "en",
        "readme": "README.md",
        "contribution-guide": "CONTRIBUTING.md",
        "user-manual": "docs/manual/README.md",
        "bom": "bom/README.md",
        "source": [f"cad_electronics/{SLUG}.kicad_pro", f"cad_electronics/{SLUG}.kicad_sch",
                   f"cad_electronics/{SLUG}.kicad_pcb"],
    }
    proc = okh_check(p / "okh.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for key in ("readme", "contribution-guide", "user-manual", "bom", *okh["source"]):
        assert (p / okh.get(key, key)).is_file(), key
    ohwr_manifest()(**yaml.safe_load((p / ".ohwr.yaml").read_text(encoding="utf-8")))
    ohwr = yaml.safe_load((p / ".ohwr.yaml").read_text(encoding="utf-8"))
    assert ohwr == {
        "version": "1.0.0",
        "name": "Demo Board",
        "description": readme,
        "website": readme.split("/-/raw/")[0] if forge == "gitlab" else "https://github.com/lab/demo-board",
        "licenses": ["CERN-OHL-W-2.0", "Apache-2.0", "CC-BY-4.0"],
        "issues": issues,
    }
    assert {f"{i}.txt" for i in ohwr["licenses"]} == licence_files(p)


# --- the catalogues' own readers ----------------------------------------------------------------

OKH_SCHEMA = REPO / "tests" / "data" / "okh-losh.schema.json"


def test_okh_licensor_of_an_adopted_design_is_its_existing_holders_not_the_organisation(
    project: Callable[..., Path],
) -> None:
    p = project(project_kind="hardware", adopted=True, existing_copyright=["2019-2021 Jane Doe", "2020 ACME Ltd"])
    okh = tomllib.loads((p / "okh.toml").read_text(encoding="utf-8"))
    assert okh["licensor"] == "Jane Doe; ACME Ltd" and "organisation" not in okh
    assert okh_check(p / "okh.toml").returncode == 0
    own = project(project_kind="hardware", adopted=True, existing_copyright=["2019 CERN"])
    okh = tomllib.loads((own / "okh.toml").read_text(encoding="utf-8"))
    assert okh["licensor"] == "CERN" and okh["organisation"] == "CERN"


def okh_check(*paths: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with the OKH-LOSH schema (carried in tests/data) on TOML files: it reads TOML
    itself and evaluates the schema's ECMA-262 patterns (named groups), which Python's re cannot."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(OKH_SCHEMA), *map(str, paths)],
        capture_output=True, text=True, timeout=120,
    )


def ohwr_manifest() -> Any:
    """What the Open Hardware Repository reads from `.ohwr.yaml`: its pydantic model (OHWR/ohwr.org,
    src/compose/manifest.py: extra keys forbidden, version '1.0.0', URLs), without the online
    reachability check."""
    from typing import Literal, Optional

    from pydantic import BaseModel, ConfigDict, Field, HttpUrl

    class Link(BaseModel):
        model_config = ConfigDict(extra="forbid")
        name: str = Field(min_length=1)
        url: HttpUrl

    class Manifest(BaseModel):
        model_config = ConfigDict(extra="forbid")
        version: Literal["1.0.0"]
        name: str = Field(min_length=1)
        description: HttpUrl
        website: HttpUrl
        licenses: Optional[list[str]] = Field(default=None, min_length=1)  # noqa: UP045
        images: Optional[list[HttpUrl]] = Field(default=None, min_length=1, max_length=5)  # noqa: UP045
        documentation: Optional[HttpUrl] = None  # noqa: UP045
        issues: Optional[HttpUrl] = None  # noqa: UP045
        latest_release: Optional[HttpUrl] = None  # noqa: UP045
        forum: Optional[HttpUrl] = None  # noqa: UP045
        newsfeed: Optional[HttpUrl] = None  # noqa: UP045
        links: Optional[list[Link]] = Field(default=None, min_length=1)  # noqa: UP045

    return Manifest


def test_the_catalogue_readers_reject_broken_manifests(tmp_path: Path) -> None:
    """The OKH schema and the OHWR model are real checks: the old okhv and an unknown key fail."""
    import pydantic

    good = textwrap.dedent("""\
        okhv = "OKH-LOSHv1.0"
        name = "n"
        repo = "https://example.org/r"
        version = "1"
        license = "MIT"
        licensor = "x"
        function = "f"
        documentation-language = "en"
        """)
    (tmp_path / "good.toml").write_text(good, encoding="utf-8")
    assert okh_check(tmp_path / "good.toml").returncode == 0
    broken = [good.replace("OKH-LOSHv1.0", "2.0"), good.replace('licensor = "x"\n', ""),
              good.replace('"en"', '"english language"'), good.replace("https://example.org/r", "not a url")]
    for i, text in enumerate(broken):
        (tmp_path / f"broken{i}.toml").write_text(text, encoding="utf-8")
        proc = okh_check(tmp_path / f"broken{i}.toml")
        assert proc.returncode == 1, text
    manifest = ohwr_manifest()
    ok = {"version": "1.0.0", "name": "n", "description": "https://example.org/README.md",
          "website": "https://example.org"}
    manifest(**ok)
    for broken in ({**ok, "version": "1.0"}, {**ok, "homepage": "https://example.org"},
                   {**ok, "description": "README.md"}):
        with pytest.raises(pydantic.ValidationError):
            manifest(**broken)
