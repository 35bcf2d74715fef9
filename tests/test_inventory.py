# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""scaffolder inventory collect/export/merge on real git repositories (local paths and file:// URLs)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from pathlib import Path

import pytest

from scaffolder.inventory import store as store_mod
from scaffolder.inventory.collect import collect
from scaffolder.inventory.merge import merge
from scaffolder.inventory.record import Activity, InventoryOptions, RepoRecord
from scaffolder.inventory.run import collect_many
from scaffolder.inventory.sources import Source, cache_path, shard_of
from scaffolder.inventory.store import Store
from tests.helpers import REPO, run_cli
from tests.inventory_helpers import _git, bare, commit

MIT = (REPO / "scaffolder" / "data" / "licences" / "MIT.txt").read_text(encoding="utf-8")
CERN_OHL_S = (REPO / "scaffolder" / "data" / "licences" / "CERN-OHL-S-2.0.txt").read_text(encoding="utf-8")
# REUSE-IgnoreStart (the headers of the test repositories, not of this file)
HEADER = "# SPDX-FileCopyrightText: 2026 CERN\n# SPDX-License-Identifier: MIT\n"
# REUSE-IgnoreEnd


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A compliant software repository, a board, a templated project, an empty one, a binary LICENSE."""
    base = tmp_path_factory.mktemp("repos")
    sw = base / "software"
    commit(sw, {"LICENSES/MIT.txt": MIT, "LICENSE": MIT, "src/a.py": HEADER + "print(1)\n",
                "src/b.py": HEADER + "print(2)\n", "README.md": "<!--\n" + HEADER.replace("# ", "") + "-->\n"
                "![](https://www.repostatus.org/badges/latest/active.svg)\n",
                "CITATION.cff": HEADER + "cff-version: 1.2.0\ntitle: Software\nlicense: MIT\n"
                "identifiers:\n  - type: doi\n    value: 10.5281/zenodo.4242\n",
                ".mailmap": HEADER + "Alice <alice@cern.ch> <alice@home.example>\n"},
           email="alice@home.example", date="2023-05-01T10:00:00Z")
    commit(sw, {"src/c.py": HEADER + "print(3)\n"}, email="alice@cern.ch", date="2024-02-01T10:00:00Z")
    commit(sw, {"src/d.py": HEADER + "print(4)\n"}, email="bob@mail.cern.ch", date="2024-03-01T10:00:00Z")
    commit(sw, {"src/e.py": HEADER + "print(5)\n"}, email="carol@notcern.ch", date="2024-04-01T10:00:00Z")
    board = base / "board"
    commit(board, {"LICENSES/CERN-OHL-S-2.0.txt": CERN_OHL_S, "board.kicad_pcb": "(kicad_pcb (version 20211014))\n",
                   "board.kicad_sch": "(kicad_sch (version 20211123))\n",
                   "REUSE.toml": 'version = 1\n[[annotations]]\npath = "**"\nSPDX-FileCopyrightText = "2026 CERN"\n'
                   'SPDX-License-Identifier = "CERN-OHL-S-2.0"\n'})
    templated = base / "templated"
    commit(templated, {".copier-answers.yml": "_commit: v1.0.0\n_src_path: /nowhere/template\nproject_kind: mixed\n"
                       "software_license: MIT\nhardware_license: CERN-OHL-S-2.0\ndocs_license: CC-BY-4.0\n",
                       "LICENSES/MIT.txt": MIT, "main.c": "int main(void) { return 0; }\n"})
    (base / "empty").mkdir()
    _git(base / "empty", "init", "-q")
    binary = base / "binary-licence"
    commit(binary, {"LICENSE": b"\x00\x01PK binary\x00", "x.py": "print(1)\n"})
    return {p.name: p for p in (sw, board, templated, base / "empty", binary)}


def options(tmp: Path, **kw: object) -> InventoryOptions:
    settings: dict[str, object] = {"db": tmp / "inv.sqlite", "cache": tmp / "cache", "email_domains": ("cern.ch",),
                                   "template_check": False, "jobs": 1, **kw}
    return InventoryOptions(**settings)  # type: ignore[arg-type]


def test_a_software_record_has_its_licences_reuse_status_citation_and_people(repos, tmp_path):
    r = collect(Source(str(repos["software"])), options(tmp_path))
    assert r.status == "recorded", r.error
    assert (r.kind, r.kind_from) == ("software", "guessed")
    assert r.licence_declared == "MIT" and r.licence_detected == "MIT" and r.licence_agree is True
    assert r.licence_files == {"LICENSE": "MIT", "LICENSES/MIT.txt": "MIT"}
    assert r.reuse_status == "compliant", r.reuse_detail
    assert r.doi == "10.5281/zenodo.4242" and r.citation_title == "Software"
    assert r.repostatus == "active"
    assert r.languages == {"Python": 5, "Markdown": 1}
    assert r.first_commit == "2023-05-01T10:00:00Z" and r.last_commit == "2024-04-01T10:00:00Z"
    # .mailmap joins alice's two addresses: 3 people, 2 of them at cern.ch (a subdomain counts, notcern.ch not)
    assert (r.commits, r.contributors, r.org_contributors) == (4, 3, 2)
    assert r.activity == {2023: Activity(1, 1, 1, 1), 2024: Activity(3, 3, 2, 2)}
    assert r.default_branch == "main" and r.head and len(r.head) == 40
    # scaffolder check's summary, as the check reports it: no CI, no community files here
    from scaffolder.check import CheckOptions, run

    report = run(repos["software"], CheckOptions(parallel=False))
    assert (r.check_errors, r.check_warnings) == (report.errors, report.warnings)
    assert r.check_failed and r.check_failed.split() == [f.id for f in report.failures]
    assert "CI001" in r.check_failed.split()


def test_a_kicad_board_is_hardware_and_reuse_toml_declares_its_licence(repos, tmp_path):
    r = collect(Source(str(repos["board"])), options(tmp_path))
    assert (r.kind, r.kind_from) == ("hardware", "guessed")
    assert r.licence_declared == "CERN-OHL-S-2.0" and r.licence_sources == {"REUSE.toml": "CERN-OHL-S-2.0"}
    assert r.licence_detected == "CERN-OHL-S-2.0" and r.licence_agree is True
    assert r.reuse_status == "compliant", r.reuse_detail


def test_the_answers_give_kind_template_version_and_declared_licences(repos, tmp_path):
    r = collect(Source(str(repos["templated"])), options(tmp_path))
    assert (r.kind, r.kind_from) == ("mixed", "answers")
    assert (r.template_src, r.template_version) == ("/nowhere/template", "v1.0.0")
    assert r.licence_declared == "CC-BY-4.0 AND CERN-OHL-S-2.0 AND MIT"
    assert r.licence_detected == "MIT" and r.licence_agree is False
    assert r.reuse_status == "non-compliant"
    assert "missing LICENSES/" not in (r.reuse_detail or "") or "MIT" not in (r.reuse_detail or "")


def test_an_unreachable_template_leaves_currency_unknown_and_says_why(repos, tmp_path):
    r = collect(Source(str(repos["templated"])), options(tmp_path, template_check=True))
    assert r.status == "recorded" and r.template_current is None
    assert any(p.startswith("template /nowhere/template:") for p in r.problems), r.problems


def test_the_record_is_read_from_head_not_from_the_work_tree(repos, tmp_path):
    work = tmp_path / "work"
    commit(work, {"LICENSE": MIT, "a.py": "x = 1\n"})
    (work / "LICENSE").write_text("Proprietary. All rights reserved.\n")
    with (work / "huge.bin").open("wb") as fh:  # 2 GB, sparse: reading it would take seconds and 2 GB of memory
        fh.truncate(2 * 1024**3)
    (work / "escape.py").symlink_to("/etc/passwd")
    r = collect(Source(str(work)), options(tmp_path))
    assert r.status == "recorded" and r.licence_detected == "MIT"
    assert r.languages == {"Python": 1}
    # the check reads a work tree: with uncommitted changes it would not describe HEAD, so it is not run
    assert r.check_errors is None
    assert "check: not run: uncommitted changes in the work tree (the record is of HEAD)" in r.problems


def test_a_committed_file_over_the_limit_is_not_read_and_says_so(tmp_path):
    repo = tmp_path / "big"
    commit(repo, {"LICENSE": MIT + "\n" * 5000, "a.py": "x = 1\n"})
    r = collect(Source(str(repo)), options(tmp_path, max_bytes=2000))
    assert r.status == "recorded" and r.licence_files == {"LICENSE": "unreadable"}
    assert any("LICENSE: " in p and "more than the 2000 scaffolder reads" in p for p in r.problems), r.problems


def test_bad_repositories_fail_in_one_line_and_binary_licences_are_problems(repos, tmp_path):
    empty = collect(Source(str(repos["empty"])), options(tmp_path))
    assert empty.status == "failed" and empty.error == "no commits (an empty repository: nothing to record)"
    missing = collect(Source(str(tmp_path / "nowhere")), options(tmp_path))
    assert missing.error == "no such folder"
    binary = collect(Source(str(repos["binary-licence"])), options(tmp_path))
    assert binary.status == "recorded" and binary.licence_files == {"LICENSE": "unreadable"}
    assert "LICENSE: a binary file, not text; not read" in binary.problems
    for rec in (empty, missing):
        assert "\n" not in rec.error and rec.head is None and rec.languages == {}


def test_urls_are_cloned_bare_and_partial_and_fetched_again(repos, tmp_path):
    src = tmp_path / "upstream"
    commit(src, {"LICENSE": MIT, "a.py": "x = 1\n"}, email="dev@cern.ch")
    url = bare(src, tmp_path / "upstream.git")
    opts = options(tmp_path)
    first = collect(Source(url), opts)
    assert first.status == "recorded", first.error
    clone = cache_path(opts.cache, url)
    assert _git(clone, "rev-parse", "--is-bare-repository").strip() == "true"
    assert _git(clone, "config", "remote.origin.partialclonefilter").strip() == "blob:none"
    assert not any(clone.glob("*.py")) and first.licence_detected == "MIT" and first.url == url
    assert collect(Source(url), opts, known_head=first.head).status == "unchanged"
    new = commit(src, {"b.py": "y = 2\n"}, email="dev@cern.ch", date="2025-01-01T00:00:00Z")
    _git(src, "push", "-q", str(tmp_path / "upstream.git"), "main")
    second = collect(Source(url), opts, known_head=first.head)
    assert second.status == "recorded" and second.head == new and second.languages == {"Python": 2}


@pytest.mark.parametrize("url", ["ext::sh -c touch% /tmp/pwned", "ftp://host/repo.git", "https://", "-oProxy=x://y"])
def test_invalid_urls_fail_without_running_anything(url, tmp_path):
    r = collect(Source(url), options(tmp_path))
    assert r.status == "failed" and r.error.startswith("invalid URL"), r.error
    assert not Path("/tmp/pwned").exists()


def test_an_unreachable_url_fails_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("no_proxy", "127.0.0.1")  # loopback only, whatever proxy the machine has
    r = collect(Source("http://127.0.0.1:9/nothing.git"), options(tmp_path))
    assert r.status == "failed" and r.error.startswith("cannot clone:") and "\n" not in r.error
    assert not list((tmp_path / "cache").glob("*.git"))  # nothing half-cloned left in the cache


def test_external_repositories_record_only_the_organisations_commits(repos, tmp_path):
    r = collect(Source(str(repos["software"]), external=True), options(tmp_path))
    assert r.external and r.status == "recorded"
    assert {y: a.org_commits for y, a in r.activity.items()} == {2023: 1, 2024: 2}
    assert r.licence_declared is None and r.languages == {}


# --- the store ---------------------------------------------------------------


def test_a_rerun_carries_unchanged_repositories_over_into_a_new_snapshot(repos, tmp_path):
    opts = options(tmp_path)
    sources = [Source(str(repos["software"])), Source(str(repos["board"]))]
    first = collect_many(sources, opts)
    assert first.counts == {"recorded": 2}
    second = collect_many(sources, opts)
    assert second.counts == {"unchanged": 2} and second.snapshot != first.snapshot
    with Store(opts.db) as db:
        assert db.version == store_mod.latest_version()
        a = {r["source"]: r for r in db.records(first.snapshot)}
        b = {r["source"]: r for r in db.records(second.snapshot)}
        assert [s["finished"] is not None for s in db.snapshots()] == [True, True]
    for key, rec in a.items():
        assert b[key]["status"] == "unchanged"
        same = {k: v for k, v in rec.items() if k not in ("status", "collected", "snapshot")}
        assert same == {k: v for k, v in b[key].items() if k not in ("status", "collected", "snapshot")}


def test_a_rerun_with_other_settings_reads_the_repositories_again(repos, tmp_path):
    source = [Source(str(repos["software"]))]
    collect_many(source, options(tmp_path))
    other = collect_many(source, options(tmp_path, email_domains=("example.org",)))
    assert other.counts == {"recorded": 1}  # the organisation's people changed: the counts are made anew
    with Store(tmp_path / "inv.sqlite") as db:
        (rec,) = db.records(other.snapshot)
    assert rec["org_contributors"] == 0


def test_a_record_is_one_transaction_nothing_of_a_failed_write_stays(tmp_path):
    with Store(tmp_path / "t.sqlite") as db:
        snap = db.begin_snapshot("2026-01-01")
        broken = RepoRecord(source="/x", status="recorded", languages={"Python": 3},
                            activity={2024: Activity(commits=None)})  # type: ignore[arg-type]
        with pytest.raises(sqlite3.IntegrityError):
            db.save(snap, broken)
        assert list(db.records(snap)) == []
        assert db.conn.execute("SELECT COUNT(*) FROM language").fetchone()[0] == 0


def test_the_schema_is_upgraded_by_user_version_and_a_newer_one_refused(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    with Store(path) as db:
        snap = db.begin_snapshot("2026-01-01")
        db.save(snap, RepoRecord(source="/kept", status="recorded", name="kept"))
    schema = tmp_path / "inventory.sql"
    schema.write_text(store_mod.SCHEMA.read_text() + "\n-- version 2\nALTER TABLE record ADD COLUMN topics TEXT;\n")
    monkeypatch.setattr(store_mod, "SCHEMA", schema)
    with Store(path) as db:
        assert db.version == 2
        assert [r["name"] for r in db.records(snap)] == ["kept"]
    monkeypatch.undo()
    from scaffolder.errors import ScaffolderError

    with pytest.raises(ScaffolderError, match="schema version 2 is newer than this scaffolder's"):
        Store(path)


def test_merge_joins_shards_by_snapshot_label_and_leaves_inputs_alone(repos, tmp_path):
    names = ["software", "board", "templated"]
    dbs = []
    for k in (1, 2):
        opts = InventoryOptions(db=tmp_path / f"shard{k}.sqlite", cache=tmp_path / "c", jobs=1,
                                snapshot="2026-11-30", template_check=False)
        mine = [Source(str(repos[n])) for n in names if shard_of(str(repos[n]), 2) == k]
        collect_many(mine, opts)
        dbs.append(opts.db)
    before = [p.read_bytes() for p in dbs]
    out = tmp_path / "all.sqlite"
    assert merge(out, dbs) == {"2026-11-30": 3}
    with Store(out) as db:
        (only,) = db.snapshots()
        assert only["label"] == "2026-11-30" and only["records"] == 3
        assert sorted(r["name"] for r in db.records(only["id"])) == sorted(names)
        assert next(r for r in db.records(only["id"]) if r["name"] == "software")["languages"]["Python"] == 5
    assert [p.read_bytes() for p in dbs] == before
    assert merge(out, dbs) == {}  # merging again adds nothing


def test_shards_split_every_source_into_exactly_one(tmp_path):
    keys = [f"https://forge.example/group/p{i}.git" for i in range(200)]
    shards = [shard_of(k, 4) for k in keys]
    assert set(shards) == {1, 2, 3, 4} and shards == [shard_of(k, 4) for k in keys]
    assert shard_of("https://forge.example/group/p0.git", 4) == 4  # stable across machines and versions


# --- the command line --------------------------------------------------------


@pytest.fixture(scope="module")
def cli_db(repos, tmp_path_factory):
    """One CLI run over good, empty, missing, binary-licence and hostile-named repositories."""
    tmp = tmp_path_factory.mktemp("cli")
    hostile = tmp / "x\n$(touch pwned){{ 7*7 }}<script>é"
    commit(hostile, {"a.py": "x = 1\n"})
    listing = tmp / "repos.txt"
    listing.write_text(f"# a comment\n{repos['software']}\n\n{repos['empty']}\n{repos['binary-licence']}\n"
                       "ftp://bad.example/repo.git\nnot-here\n", encoding="utf-8")
    env = {"SCAFFOLDER_CACHE": str(tmp / "cache")}
    proc = run_cli("inventory", "collect", "--from", str(listing), str(hostile), "--db", str(tmp / "inv.sqlite"),
                   "--jobs", "2", "--snapshot", "2026-11-30", cwd=tmp, env=env)
    return tmp, proc


def test_collect_exits_1_with_one_line_per_failure_and_problem(cli_db):
    tmp, proc = cli_db
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    out = proc.stdout
    assert "snapshot 1: 3 failed, 3 recorded" in out
    lines = out.splitlines()
    assert any("empty" in ln and "failed" in ln and "no commits" in ln for ln in lines)
    assert any("not-here" in ln and "no such folder" in ln for ln in lines)
    assert any("ftp://bad.example/repo.git" in ln and "invalid URL" in ln and "scheme 'ftp'" in ln for ln in lines)
    assert any("binary-licence" in ln and "problem" in ln and "LICENSE: a binary file" in ln for ln in lines)
    # a hostile name is data: recorded, shown on one line with its newline escaped, nothing run
    assert any(ln.endswith("x\\n$(touch pwned){{ 7*7 }}<script>é: recorded") for ln in proc.stderr.splitlines())
    assert not (tmp / "pwned").exists()
    assert "[6/6]" in proc.stderr


def test_export_json_is_a_list_of_codemeta_records(cli_db):
    tmp, _ = cli_db
    proc = run_cli("inventory", "export", "--db", str(tmp / "inv.sqlite"), "--snapshot", "2026-11-30", cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert len(records) == 6
    sw = next(r for r in records if r["name"] == "software")
    assert sw["@context"] == ["https://w3id.org/codemeta/3.0", {"inventory": "urn:scaffolder:inventory:"}]
    assert sw["@type"] == "SoftwareSourceCode" and sw["license"] == ["https://spdx.org/licenses/MIT"]
    assert sw["identifier"] == "https://doi.org/10.5281/zenodo.4242"
    assert sw["inventory:activity"]["2024"] == {"commits": 3, "contributors": 3, "org_commits": 2,
                                                "org_contributors": 2}
    hostile = next(r for r in records if "pwned" in r["name"])
    assert hostile["name"] == "x\n$(touch pwned){{ 7*7 }}<script>é"


def test_export_csv_has_one_row_per_repository_and_no_formulas(cli_db):
    tmp, _ = cli_db
    proc = run_cli("inventory", "export", "--db", str(tmp / "inv.sqlite"), "--format", "csv", cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == 6
    sw = next(r for r in rows if r["name"] == "software")
    assert sw["licence_declared"] == "MIT" and sw["languages"] == "Python: 5; Markdown: 1"
    assert sw["reuse_status"] == "compliant"


def test_usage_errors_exit_2(tmp_path):
    for args in (["collect"], ["collect", ".", "--shard", "3/2"], ["collect", ".", "--jobs", "0"],
                 ["collect", "--from", str(tmp_path / "missing.txt")]):
        proc = run_cli("inventory", *args, cwd=tmp_path)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and proc.stderr.count("\n") <= 3
    proc = run_cli("inventory", "export", "--db", str(tmp_path / "none.sqlite"), cwd=tmp_path)
    assert proc.returncode == 1 and "no such inventory database" in proc.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_collect_exits_0_when_all_are_recorded_and_shards_partition(repos, tmp_path):
    paths = [str(repos[n]) for n in ("software", "board", "templated")]
    env = {"SCAFFOLDER_CACHE": str(tmp_path / "cache")}
    counts = 0
    for k in (1, 2):
        proc = run_cli("inventory", "collect", *paths, "--shard", f"{k}/2", "--no-template-check",
                       "--db", str(tmp_path / f"s{k}.sqlite"), cwd=tmp_path, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        m = re.search(r"(\d+) recorded", proc.stdout)
        counts += int(m[1]) if m else 0
    proc = run_cli("inventory", "merge", str(tmp_path / "all.sqlite"), str(tmp_path / "s1.sqlite"),
                   str(tmp_path / "s2.sqlite"), cwd=tmp_path)
    assert proc.returncode == 0 and "3 record(s) merged" in proc.stdout, proc.stdout + proc.stderr
    assert counts == 3
    assert os.path.getsize(tmp_path / "all.sqlite") > 0


def test_external_repositories_from_a_file_are_recorded_as_external(repos, tmp_path):
    listing = tmp_path / "outside.txt"
    listing.write_text(f"{repos['software']}\n", encoding="utf-8")
    env = {"SCAFFOLDER_CACHE": str(tmp_path / "cache")}
    proc = run_cli("inventory", "collect", "--external", str(listing), "--db", str(tmp_path / "x.sqlite"),
                   cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run_cli("inventory", "export", "--db", str(tmp_path / "x.sqlite"), cwd=tmp_path)
    (rec,) = json.loads(proc.stdout)
    assert rec["inventory:external"] is True and "license" not in rec
    assert {y: a["org_commits"] for y, a in rec["inventory:activity"].items()} == {"2023": 1, "2024": 2}


def test_a_hostile_url_never_becomes_a_path_of_the_cache(tmp_path):
    for url in ("https://forge.example/g/..%2F..%2Fetc.git", "https://forge.example/g/$(reboot)\u2028x.git",
                "https://forge.example/g/.git", "file:///srv/../../tmp/x.git"):
        path = cache_path(tmp_path, url)
        assert path.parent == tmp_path and path.name.endswith(".git") and not path.name.startswith(".")
        assert all(ch.isalnum() or ch in "._-" for ch in path.name), path.name


def test_an_empty_snapshot_exports_a_csv_header_and_an_empty_json_list(tmp_path):
    from scaffolder.inventory.export import to_csv, to_json

    assert to_json([]) == "[]"
    header = to_csv([]).splitlines()
    assert len(header) == 1 and header[0].startswith("source,status,error,")


def test_a_partial_clone_fetches_the_blobs_it_reads_in_one_request(tmp_path, monkeypatch):
    src = tmp_path / "many"
    commit(src, {f"src/m{i}.py": f"x = {i}\n" for i in range(30)})
    url = bare(src, tmp_path / "many.git")
    trace = tmp_path / "trace.json"
    config = tmp_path / "gitconfig"
    config.write_text(f"[trace2]\n\teventTarget = {trace}\n")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    r = collect(Source(url), options(tmp_path))
    assert r.status == "recorded" and r.languages == {"Python": 30}
    fetches = [json.loads(line) for line in trace.read_text().splitlines() if '"child_start"' in line]
    fetches = [e for e in fetches if "fetch" in e.get("argv", []) or "fetch-pack" in " ".join(e.get("argv", []))]
    assert len(fetches) <= 2, [e["argv"] for e in fetches]  # not one per file


def test_the_reuse_status_agrees_with_reuse_lint_on_a_generated_project(tmp_path):
    from tests.helpers import render, reuse_problems

    project = render(tmp_path / "gen", {"project_name": "Gen", "project_slug": "gen", "author_email": "a@cern.ch",
                                        "project_kind": "mixed", "repository_url": "https://gitlab.cern.ch/lab/gen"})
    commit(project, {})
    assert reuse_problems(project) == ""
    r = collect(Source(str(project)), options(tmp_path))
    assert r.reuse_status == "compliant", r.reuse_detail
    assert (r.kind, r.kind_from) == ("mixed", "answers") and r.licence_agree is True, r.licence_sources
    # one file without its header: reuse lint and the inventory both say non-compliant, about that file
    victim = next(p for p in sorted(project.rglob("*.py")) if "SPDX-License-Identifier" in p.read_text())
    victim.write_text("print('no header')\n")
    commit(project, {})
    assert str(victim.relative_to(project)) in reuse_problems(project)
    again = collect(Source(str(project)), options(tmp_path))
    assert again.reuse_status == "non-compliant" and str(victim.relative_to(project)) in (again.reuse_detail or "")


def test_merge_refuses_an_input_that_is_not_an_inventory_and_leaves_out_as_it_was(repos, tmp_path):
    good = tmp_path / "good.sqlite"
    collect_many([Source(str(repos["board"]))], InventoryOptions(db=good, jobs=1, template_check=False))
    out = tmp_path / "out.sqlite"
    with Store(good) as db:
        label = db.snapshots()[0]["label"]
    assert merge(out, [good]) == {label: 1}
    before = out.read_bytes()
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database\n")
    proc = run_cli("inventory", "merge", str(out), str(bad), cwd=tmp_path)
    assert proc.returncode == 1 and "notes.sqlite: not an inventory database" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and out.read_bytes() == before
    assert run_cli("inventory", "merge", str(out), cwd=tmp_path).returncode == 2


def test_the_template_version_is_current_until_the_template_releases_a_newer_one(tmp_path):
    template = tmp_path / "template"
    commit(template, {"copier.yml": "project_name: {type: str}\n"})
    _git(template, "tag", "v1.0.0")
    project = tmp_path / "project"
    commit(project, {".copier-answers.yml": f"_commit: v1.0.0\n_src_path: {template}\nproject_kind: software\n"})
    assert collect(Source(str(project)), options(tmp_path, template_check=True)).template_current is True
    commit(template, {"copier.yml": "project_name: {type: str, help: Name}\n"})
    _git(template, "tag", "v1.1.0")
    from scaffolder.inventory import facts

    facts._newest.cache_clear()  # one run asks each template once; this test is two runs
    r = collect(Source(str(project)), options(tmp_path, template_check=True))
    assert (r.template_version, r.template_current) == ("v1.0.0", False)


def test_an_untagged_template_is_versioned_by_commit(tmp_path):
    from scaffolder.inventory import facts

    template = tmp_path / "template"
    first = commit(template, {"copier.yml": "project_name: {type: str}\n"})
    project = tmp_path / "project"
    commit(project, {".copier-answers.yml": f"_commit: {first[:7]}\n_src_path: {template}\nproject_kind: software\n"})
    facts._newest.cache_clear()
    assert collect(Source(str(project)), options(tmp_path, template_check=True)).template_current is True
    commit(template, {"copier.yml": "project_name: {type: str, help: Name}\n"})
    facts._newest.cache_clear()
    assert collect(Source(str(project)), options(tmp_path, template_check=True)).template_current is False


def test_the_organisations_domains_come_from_its_profile(tmp_path):
    from scaffolder.errors import ScaffolderError
    from scaffolder.inventory import email_domains

    assert email_domains(None) == ("cern.ch",) == email_domains("cern")
    acme = tmp_path / "acme.yml"
    acme.write_text("_organisation: ACME\n_email_domains: [ACME.example, lab.acme.example]\n")
    assert email_domains(str(acme)) == ("acme.example", "lab.acme.example")
    assert email_domains("none") == ()
    acme.write_text("_email_domains: not-a-list\n")
    with pytest.raises(ScaffolderError, match="_email_domains must be a list of domains"):
        email_domains(str(acme))


@pytest.mark.parametrize(("index", "schema"), [(0, "gitlab-ci"), (1, "github-workflows")])
def test_the_scheduled_pipelines_in_the_docs_are_valid_ci_files(index, schema):
    """Validated against the forges' schemas as check-jsonschema vendors them (in-process: fast)."""
    import importlib.resources

    import jsonschema
    import yaml

    blocks = re.findall(r"```yaml\n(.*?)```", (REPO / "docs" / "inventory.md").read_text(encoding="utf-8"), re.S)
    vendored = importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / f"{schema}.json"
    document = json.loads(vendored.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(document)(document)
    pipeline = yaml.safe_load(blocks[index])
    if schema == "github-workflows":
        pipeline["on"] = pipeline.pop(True)  # YAML 1.1 reads the key `on` as true; GitHub does not
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(pipeline)]
    assert errors == []
    assert "--shard" in blocks[index] and "inventory merge" in blocks[index]


def test_declared_licences_are_joined_as_declared_never_simplified_away():
    from scaffolder.inventory.licensing import combine, keys, valid

    # absorption would make this MIT: the files that offer a choice would vanish from the record
    assert combine(["MIT", "Apache-2.0 OR MIT", "MIT"]) == "(Apache-2.0 OR MIT) AND MIT"
    assert combine(["CC-BY-4.0 AND MIT", "CERN-OHL-S-2.0"]) == "CC-BY-4.0 AND CERN-OHL-S-2.0 AND MIT"
    assert combine(["mit"]) == "MIT" and combine([]) is None
    assert valid("LicenseRef-Proprietary-Lab") and valid("MIT OR LicenseRef-x")
    assert not valid("Foo Bar") and not valid("MIT AND") and not valid("MIT OR $(reboot)")
    assert keys("GPL-2.0-or-later WITH Classpath-exception-2.0") == {"GPL-2.0-or-later", "Classpath-exception-2.0"}


def test_an_invalid_declared_expression_is_a_problem_not_a_licence(tmp_path):
    repo = tmp_path / "odd"
    commit(repo, {"CITATION.cff": "cff-version: 1.2.0\ntitle: Odd\nlicense: Apache 2\n",
                  "pyproject.toml": '[project]\nname = "odd"\nlicense = "LicenseRef-Lab-Internal"\n'})
    r = collect(Source(str(repo)), options(tmp_path))
    assert r.licence_declared == "LicenseRef-Lab-Internal"
    assert "CITATION.cff: 'Apache 2' is not an SPDX licence expression; not counted" in r.problems


def test_a_gnu_text_without_its_notice_agrees_with_either_declared_version(tmp_path):
    from scaffolder.inventory.licensing import agree

    gpl = (REPO / "scaffolder" / "data" / "licences" / "GPL-3.0-or-later.txt").read_text(encoding="utf-8")
    repo = tmp_path / "gnu"
    commit(repo, {"COPYING": gpl, "pyproject.toml": '[project]\nname = "g"\nlicense = "GPL-3.0-or-later"\n'})
    r = collect(Source(str(repo)), options(tmp_path))
    assert r.licence_files["COPYING"] in ("GPL-3.0-only", "GPL-3.0-or-later")
    assert r.licence_agree is True, (r.licence_declared, r.licence_files)
    alt = {"COPYING": ("GPL-3.0-or-later",)}
    assert agree("GPL-3.0-only", {"COPYING": "GPL-3.0-only"}, alt) is True
    assert agree("MIT", {"COPYING": "GPL-3.0-only"}, alt) is False
    assert agree("MIT AND GPL-3.0-or-later", {"COPYING": "GPL-3.0-only"}, alt) is False  # MIT's text is missing
    assert agree("MIT", {"LICENSE": "unknown"}, {}) is None


def test_a_git_directory_whose_head_links_out_is_read_by_git_not_followed(repos, tmp_path):
    from scaffolder.inventory.sources import quick_head

    git_dir = tmp_path / "odd" / ".git"
    git_dir.mkdir(parents=True)
    (git_dir / "HEAD").symlink_to("/dev/zero")
    assert quick_head(git_dir) is None  # never read: /dev/zero would never end
    assert quick_head(repos["software"] / ".git") == _git(repos["software"], "rev-parse", "HEAD").strip()
