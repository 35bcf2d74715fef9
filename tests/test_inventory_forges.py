# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Forge discovery against API pages served on 127.0.0.1 (written from the forges' API documentation).

Only discovery is a stand-in: the repositories the pages point to are real
bare repositories in temporary folders, cloned partially by the real command.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_cli
from tests.inventory_helpers import ForgeServer, bare, commit

NO_PROXY = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


@pytest.fixture(scope="module")
def remotes(tmp_path_factory):
    base = tmp_path_factory.mktemp("remotes")
    urls = {}
    for name, files in {
        "firmware": {"main.c": "int main(void) { return 0; }\n"},
        "old-analysis": {"analysis.py": "print('old')\n"},
        "libfoo": {"foo.py": "def foo(): ...\n"},
        "board": {"board.kicad_pcb": "(kicad_pcb (version 20211014))\n"},
        "upstream-tool": {"tool.py": "print('tool')\n"},
    }.items():
        commit(base / "work" / name, files, email="dev@cern.ch")
        urls[name] = bare(base / "work" / name, base / f"{name}.git")
    return urls


def _collect(tmp_path, *args, token="good", env=None):
    full = {**NO_PROXY, "SCAFFOLDER_CACHE": str(tmp_path / "cache"), "GITLAB_TOKEN": token, "GITHUB_TOKEN": token,
            **(env or {})}
    return run_cli("inventory", "collect", "--db", str(tmp_path / "inv.sqlite"), "--no-template-check", *args,
                   cwd=tmp_path, env=full)


def _export(tmp_path):
    proc = run_cli("inventory", "export", "--db", str(tmp_path / "inv.sqlite"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return {r["name"]: r for r in json.loads(proc.stdout)}


def gitlab(remotes):
    server = ForgeServer({"/api/v4/groups/lab/projects": ["gitlab-group-projects-1.json",
                                                           "gitlab-group-projects-2.json"]},
                         remotes, unauthorised="gitlab-401.json")
    server.prefix = server.base
    return server


def github(remotes):
    server = ForgeServer({"/api/v3/orgs/lab-org": ["github-org.json"],
                          "/api/v3/orgs/lab-org/repos": ["github-org-repos.json"]},
                         remotes, unauthorised="github-401.json")
    server.prefix = server.base + "/api/v3"
    return server


def test_a_gitlab_group_gives_every_project_with_subgroups_archived_and_forks(remotes, tmp_path):
    with gitlab(remotes) as server:
        proc = _collect(tmp_path, "--gitlab-group", f"{server.base}/lab")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert any("include_subgroups=true" in r for r in server.requests), server.requests
    assert any("page=2" in r for r in server.requests)  # the Link header was followed
    records = _export(tmp_path)
    assert set(records) == {"lab/electronics/firmware", "lab/old-analysis", "lab/libfoo"}
    firmware = records["lab/electronics/firmware"]
    assert firmware["codeRepository"] == f"{server.base}/lab/electronics/firmware"
    assert firmware["inventory:forge"] == "gitlab" and firmware["programmingLanguage"] == ["C"]
    assert firmware["description"] == "Firmware of the board"
    assert firmware["inventory:archived"] is False and firmware["inventory:fork"] is False
    assert records["lab/old-analysis"]["inventory:archived"] is True
    assert records["lab/libfoo"]["inventory:fork"] is True


def test_a_github_organisation_through_an_enterprise_api_url(remotes, tmp_path):
    with github(remotes) as server:
        proc = _collect(tmp_path, "--github-org", "lab-org", "--github-api", server.prefix)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    listing = [r for r in server.requests if r.startswith("/api/v3/orgs/lab-org/repos?")]
    assert listing and all("type=all" in r for r in listing), server.requests
    records = _export(tmp_path)
    assert set(records) == {"lab-org/board", "lab-org/upstream-tool"}
    assert records["lab-org/board"]["inventory:kind"] == "hardware"
    assert records["lab-org/board"]["codeRepository"] == "https://github.example.org/lab-org/board"
    tool = records["lab-org/upstream-tool"]
    assert tool["inventory:fork"] is True and tool["inventory:archived"] is True


def test_an_expired_token_is_one_failed_line_per_forge(remotes, tmp_path):
    with gitlab(remotes) as gl, github(remotes) as gh:
        proc = _collect(tmp_path, "--gitlab-group", f"{gl.base}/lab", "--github-org", "lab-org",
                        "--github-api", gh.prefix, token="expired")
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert any(f"{gl.base}/lab" in ln and "refused the token (401" in ln and "GITLAB_TOKEN" in ln for ln in lines)
    assert any("github:lab-org" in ln and "refused the token (401" in ln and "GITHUB_TOKEN" in ln for ln in lines)


def test_an_unreachable_forge_fails_in_one_line_and_the_others_are_recorded(remotes, tmp_path):
    proc = _collect(tmp_path, "--gitlab-group", "http://127.0.0.1:9/lab", remotes["firmware"])
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "1 failed, 1 recorded" in proc.stdout
    (line,) = [ln for ln in proc.stdout.splitlines() if "127.0.0.1:9/lab" in ln]
    assert "cannot be reached" in line
