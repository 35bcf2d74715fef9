# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""scaffolder catalogue and scaffolder report: every figure and entry checked against what was built.

The inventory is made by ``scaffolder inventory collect`` from repositories
whose licences, kinds, dates and people are known (tests/publish_world.py),
in two snapshots; the report's numbers are counted again here from that
truth, never from the code under test.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, reuse_problems, run_cli
from tests.publish_world import COMMITS, EXTERNAL, KNOWN, SNAPSHOTS, World, build, expected_activity, org


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build(tmp_path_factory.mktemp("world"))


@pytest.fixture(scope="module")
def report_2026(world: World) -> dict:
    from scaffolder.publish.model import report

    return report(world.db, 2026).as_dict()


def licences_of_generated(project: Path) -> list[str]:
    """The licences a generated project uses, as the field's tool sees them (reuse: LICENSES/ and no problem)."""
    assert reuse_problems(project) == ""
    return sorted(p.stem for p in (project / "LICENSES").iterdir())


def truth_licences(world: World) -> dict[str, list[str]]:
    out = {name: KNOWN[name]["licences"] for name in KNOWN}
    out |= {name: licences_of_generated(world.repos[name]) for name in ("gen-a", "gen-b")}
    return out


def test_the_report_counts_projects_by_kind_and_licence_as_built(world, report_2026):
    r = report_2026
    assert (r["snapshot"], r["baseline"]) == ("2026-11-30", "2025-12-01")
    assert r["projects"] == 5 and r["failed"] == 0
    assert r["by_kind"] == {"software": 2, "documentation": 1, "hardware": 1, "mixed": 1}
    counts: dict[str, int] = {}
    for ids in truth_licences(world).values():
        for i in ids:
            counts[i] = counts.get(i, 0) + 1
    assert r["by_licence"] == dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def test_new_this_year_and_now_compliant_come_from_comparing_snapshots(report_2026, world):
    from scaffolder.publish.model import report

    assert report_2026["new"] == ["beta", "gen-b"]  # absent from 2025-12-01
    assert report_2026["now_compliant"] == ["board"]  # notes.txt got its header in 2026
    assert report_2026["no_longer_compliant"] == []
    first = report(world.db, 2025).as_dict()  # no earlier snapshot: new = first commit in 2025
    assert first["baseline"] is None and first["new"] == ["board", "gen-a"] and first["now_compliant"] == []
    assert [c["label"] for c in report_2026["compliance"]] == list(SNAPSHOTS)
    assert [(c["projects"], c["reuse_compliant"], c["reuse_non_compliant"]) for c in report_2026["compliance"]] == [
        (3, 2, 1), (5, 5, 0),
    ]  # fmt: skip


def test_the_check_figures_are_what_scaffolder_check_says_of_each_repository(world, report_2026):
    clean = sum(
        1 for name, path in world.repos.items() if name not in EXTERNAL and run_cli("check", str(path)).returncode == 0
    )
    last = report_2026["compliance"][-1]
    assert (last["check_passing"], last["check_failing"]) == (clean, 5 - clean)


def test_template_currency_follows_the_templates_tags(report_2026):
    # gen-a was made from v1.0.0 and v1.1.0 is out; gen-b from v1.1.0. gen-a's HEAD has not moved since
    # the first snapshot (its record is carried over), yet it is now behind: currency is the template's fact
    assert report_2026["template"] == {"current": 1, "behind": 1, "unknown": 0, "not_from_template": 3}


def test_commits_and_contributors_per_year_inside_and_outside_the_organisation(report_2026):
    truth = expected_activity(2)
    got = {a["year"]: a for a in report_2026["activity"]}
    assert sorted(got) == sorted(truth)
    for year, t in truth.items():
        a = got[year]
        assert (a["commits"], a["org_commits"], a["contributors"], a["org_contributors"]) == (
            t["commits"], t["org_commits"], t["contributors"], t["org_contributors"]), year  # fmt: skip
        assert a["outside_commits"] == t["commits"] - t["org_commits"]


def test_most_active_projects_and_external_contributions(report_2026):
    per: dict[str, list[str]] = {}
    for repo, _, date, email in COMMITS:
        if date.startswith("2026") and repo not in EXTERNAL:
            per.setdefault(repo, []).append(email)
    order = sorted(per, key=lambda n: (-len(per[n]), n))
    assert [(m["name"], m["commits"], m["contributors"]) for m in report_2026["most_active"]] == [
        (n, len(per[n]), len(set(per[n]))) for n in order
    ]
    outside = [e for repo, _, d, e in COMMITS if repo == "outside" and d.startswith("2026") and org(e)]
    assert report_2026["external"] == [
        {"name": "outside", "url": None, "org_commits": len(outside), "org_contributors": len(set(outside))}
    ]


def test_the_report_files_say_the_same_figures(world, tmp_path):
    proc = run_cli("report", "--db", str(world.db), "--year", "2026", "--output", str(tmp_path / "r"), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "| alpha | 4 | 2 | 3 |" in md and "| 2026 | 8 | 6 | 2 |" in md
    html = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    figures = FigureParser.parse(html)
    assert len(figures) >= 8 and all(alt for alt in figures), figures
    assert any("alpha: 4" in alt for alt in figures)
    # self-contained: no file or site to fetch (the icon is an empty data: URL, so none is asked for)
    assert re.findall(r"<link [^>]*>", html) == ['<link rel="icon" href="data:,">'] and " src=" not in html


class FigureParser(HTMLParser):
    """The alt text (aria-label) of every figure's image role."""

    def __init__(self) -> None:
        super().__init__()
        self.alts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("role") == "img":
            self.alts.append(a.get("aria-label") or "")

    @classmethod
    def parse(cls, html: str) -> list[str]:
        p = cls()
        p.feed(html)
        return p.alts


def test_a_year_without_a_snapshot_is_refused_with_one_line(world, tmp_path):
    proc = run_cli("report", "--db", str(world.db), "--year", "2019", "--output", str(tmp_path / "r"))
    assert proc.returncode == 1 and not (tmp_path / "r").exists()
    assert proc.stderr.strip().splitlines() == [
        f"scaffolder: error: --year 2019: {world.db} has no snapshot in 2019 (snapshots: 2025-12-01, 2026-11-30)"
    ]
    bad = run_cli("report", "--db", str(world.db), "--year", "26", "--output", str(tmp_path / "r"))
    assert bad.returncode == 2 and "--year '26'" in bad.stderr


def test_every_catalogue_entry_is_what_was_built(world, tmp_path):
    from scaffolder.publish.model import catalogue

    proc = run_cli("catalogue", "--db", str(world.db), "--output", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    model = catalogue(world.db)
    entries = {p["name"]: p for p in model.as_dict()["projects"]}
    assert sorted(entries) == ["alpha", "beta", "board", "gen-a", "gen-b"]
    licences = truth_licences(world)
    last = {}
    for repo, _, date, _ in COMMITS:
        last[repo] = max(last.get(repo, ""), date[:10])
    for name, p in entries.items():
        assert [lic["id"] for lic in p["licences"]] == licences[name], name
        assert all(lic["summary"] for lic in p["licences"])
        assert p["last_activity"] == last[name]
        if name in KNOWN:
            assert (p["kind"], p["status"]) == (KNOWN[name]["kind"], KNOWN[name]["status"]), name
    assert (entries["gen-a"]["kind"], entries["gen-a"]["status"]) == ("software", "active")
    assert (entries["gen-b"]["kind"], entries["gen-b"]["status"]) == ("mixed", "wip")
    # the MIT summary is the catalogue's own wording
    from scaffolder.licences import catalogue as licence_catalogue

    mit = " ".join(licence_catalogue().get("MIT").summary.split())
    page = (tmp_path / "site" / "projects" / entries["alpha"]["id"] / "index.html").read_text(encoding="utf-8")
    assert mit in page
    feed = json.loads((tmp_path / "site" / "catalogue.json").read_text(encoding="utf-8"))
    assert sorted(r["name"] for r in feed) == sorted(entries)
    assert all(r["@type"] == "SoftwareSourceCode" and "https://w3id.org/codemeta/3.0" in r["@context"] for r in feed)
    assert str(world.base) not in json.dumps(feed)  # local paths (where the inventory ran) are not published


def test_an_empty_inventory_makes_a_catalogue_and_a_report_that_say_so(tmp_path):
    from scaffolder.inventory.store import Store

    db = tmp_path / "empty.sqlite"
    with Store(db):
        pass
    cat = run_cli("catalogue", "--db", str(db), "--output", str(tmp_path / "site"))
    rep = run_cli("report", "--db", str(db), "--year", "2026", "--output", str(tmp_path / "rep"), "--no-pdf")
    assert cat.returncode == 0 and rep.returncode == 0, cat.stderr + rep.stderr
    assert "no projects yet" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "no snapshot yet" in (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    missing = run_cli("catalogue", "--db", str(tmp_path / "nope.sqlite"), "--output", str(tmp_path / "s2"))
    assert missing.returncode == 1 and "no such inventory database" in missing.stderr
    (tmp_path / "file").write_text("x")
    not_a_folder = run_cli("catalogue", "--db", str(db), "--output", str(tmp_path / "file"))
    assert not_a_folder.returncode == 1 and not_a_folder.stderr.strip().splitlines() == [
        f"scaffolder: error: --output {tmp_path / 'file'}: not a folder"
    ]
    no_snapshot = run_cli("catalogue", "--db", str(db), "--snapshot", "2020-01-01", "--output", str(tmp_path / "s3"))
    assert no_snapshot.returncode == 1 and len(no_snapshot.stderr.strip().splitlines()) == 1


def hostile_db(path: Path) -> Path:
    """An inventory with records whose names, descriptions and URLs attack the page."""
    from scaffolder.inventory.record import Activity, RepoRecord
    from scaffolder.inventory.store import Store

    with Store(path) as store:
        sid = store.begin_snapshot("2026-06-01")
        store.save(sid, RepoRecord(
            source="/x/evil", status="recorded", name="<script>window.PWNED=1</script>",
            description='<img src=x onerror="window.PWNED=2"> **bold** [click](javascript:window.PWNED=3) $x$',
            url="javascript:window.PWNED=4", kind="software", licence_declared="MIT", repostatus="active",
            first_commit="2026-01-01T00:00:00Z", last_commit="2026-02-01T00:00:00Z",
            activity={2026: Activity(3, 1, 3, 1)}, doi='10.1/"><script>window.PWNED=5</script>',
        ))  # fmt: skip
        store.save(sid, RepoRecord(
            source="https://github.com/lab/good", status="recorded", name="good", url="https://github.com/lab/good",
            description="A good project.", kind="hardware", licence_declared="CERN-OHL-S-2.0 AND CC-BY-4.0",
            repostatus="wip", first_commit="2026-01-01T00:00:00Z", last_commit="2026-03-01T00:00:00Z",
        ))  # fmt: skip
        store.finish_snapshot(sid)
    return path


def test_hostile_text_is_shown_as_text_and_only_http_links_are_links(tmp_path):
    db = hostile_db(tmp_path / "h.sqlite")
    assert run_cli("catalogue", "--db", str(db), "--output", str(tmp_path / "site")).returncode == 0
    rep = run_cli("report", "--db", str(db), "--year", "2026", "--output", str(tmp_path / "rep"), "--no-pdf")
    assert rep.returncode == 0, rep.stderr
    for page in [*(tmp_path / "site").rglob("*.html"), tmp_path / "rep" / "report.html"]:
        links = LinkParser.parse(page.read_text(encoding="utf-8"))
        assert links.scripts <= {"catalogue.js"}, page
        assert not links.handlers, page
        assert all(re.match(r"(https?://|[\w./-]+\.(html|json|yml)$|#)", h) for h in links.hrefs), links.hrefs
    md = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_without_chromium_the_report_says_the_pdf_was_skipped(tmp_path):
    db = hostile_db(tmp_path / "h.sqlite")
    proc = run_cli("report", "--db", str(db), "--year", "2026", "--output", str(tmp_path / "rep"),
                   env={"SCAFFOLDER_CHROMIUM": "none"})  # fmt: skip
    assert proc.returncode == 0 and "PDF skipped: no Chromium found" in proc.stdout, proc.stdout + proc.stderr
    assert not (tmp_path / "rep" / "report.pdf").exists() and (tmp_path / "rep" / "report.html").is_file()


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: set[str] = set()
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag == "script":
            self.scripts.add(a.get("src") or "inline")
        self.handlers += [k for k in a if k.startswith("on") and not (tag == "form" and k == "onsubmit")]

    @classmethod
    def parse(cls, html: str) -> LinkParser:
        p = cls()
        p.feed(html)
        return p


PUBLICCODE_RULES = REPO / "tests" / "data" / "publiccode" / "publiccode-0.4-core.schema.json"


def test_publiccode_yml_follows_the_standard(tmp_path):
    import jsonschema

    db = hostile_db(tmp_path / "h.sqlite")
    assert run_cli("catalogue", "--db", str(db), "--output", str(tmp_path / "site")).returncode == 0
    written = sorted((tmp_path / "site" / "projects").glob("*/publiccode.yml"))
    assert len(written) == 1  # the hostile record has no http(s) URL: no publiccode.yml, and its page says why
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    schema = json.loads(PUBLICCODE_RULES.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["legal"]["license"] == "CERN-OHL-S-2.0 AND CC-BY-4.0" and data["developmentStatus"] == "development"
    evil = next(
        p for p in (tmp_path / "site" / "projects").iterdir() if p.is_dir() and not (p / "publiccode.yml").exists()
    )
    assert "No publiccode.yml: the inventory has no web address" in (evil / "index.html").read_text(encoding="utf-8")


def test_help_does_not_import_jinja2_or_matplotlib():
    import subprocess
    import sys

    code = (
        "import sys, contextlib, io\nfrom scaffolder.cli import main\n"
        "for cmd in (['catalogue', '--help'], ['report', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try: main(cmd)\n"
        "        except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'jinja2', 'matplotlib', 'yaml'}))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_snapshots_with_a_hand_made_label_take_the_year_they_were_started(tmp_path):
    from scaffolder.publish.model import year_of

    assert year_of({"label": "2026-11-30", "started": "2027-01-01"}) == "2026"
    assert year_of({"label": "weekly", "started": "2025-03-01T00:00:00Z"}) == "2025"
