# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The forge follows the repository URL; every link built from the URL is right for its forge."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import REPO, answers_of, render, run_cli

#: The README's own example (README.md, "Making a project").
README_EXAMPLE = ["--data", "project_kind=hardware", "--data", "repository_url=https://gitlab.cern.ch/me/my-board"]


def test_the_readme_example_gets_gitlab_files(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(f"--data {arg}" in readme for arg in README_EXAMPLE[1::2])
    dest = tmp_path / "my-board"
    proc = run_cli("new", str(dest), "--defaults", "--no-git", *README_EXAMPLE)
    assert proc.returncode == 0, proc.stderr
    assert answers_of(dest)["forge"] == "gitlab"
    assert (dest / ".gitlab-ci.yml").is_file() and (dest / ".gitlab/merge_request_templates/Default.md").is_file()
    assert not (dest / ".github").exists()
    contributing = (dest / "CONTRIBUTING.md").read_text()
    assert "## Proposing a change: merge requests on GitLab" in contributing
    assert "GitHub" not in contributing
    assert "[issue tracker](https://gitlab.cern.ch/me/my-board/-/issues)" in contributing


@pytest.mark.parametrize(
    ("url", "forge", "named"),
    [
        ("https://gitlab.cern.ch/me/my-board", "github", "gitlab"),
        ("https://me@GitHub.com:443/me/my-board", "other", "github"),
    ],
)
def test_a_forge_that_contradicts_the_url_is_refused_in_one_line(
    tmp_path: Path, url: str, forge: str, named: str
) -> None:
    dest = tmp_path / "p"
    proc = run_cli("new", str(dest), "--defaults", "--no-git", "--data", f"repository_url={url}",
                   "--data", f"forge={forge}")
    assert proc.returncode == 1
    host = re.sub(r"^https://([^@/]*@)?([^/:]+).*$", r"\2", url).lower()
    assert proc.stderr.splitlines() == [
        f"scaffolder: error: forge: {forge!r} is not accepted: repository_url {url} is on {host}, "
        f"so the forge is {named} (or change repository_url)"
    ]
    assert not dest.exists() and list(tmp_path.iterdir()) == []


def test_plain_copier_refuses_the_contradiction_too(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"Invalid choice for 'forge': repository_url .* so the forge is gitlab"):
        render(tmp_path / "p", {"repository_url": "https://gitlab.cern.ch/me/x", "forge": "github"})


@pytest.mark.parametrize(
    ("url", "forge"),
    [
        ("", "github"),  # no URL: the template's default
        ("https://gitlab.com/me/x", "gitlab"),
        ("https://github.com.example.org/me/x", "other"),  # a host that names no forge: any forge allowed
    ],
)
def test_the_default_forge_comes_from_the_url(tmp_path: Path, url: str, forge: str) -> None:
    answers = answers_of(render(tmp_path / "p", {"project_kind": "documentation", "repository_url": url}))
    assert answers["forge"] == forge
    if forge == "other" and url:
        # a self-hosted GitLab (or GitHub) on such a host may still say so
        given = {"project_kind": "documentation", "repository_url": url, "forge": "gitlab"}
        assert answers_of(render(tmp_path / "q", given))["forge"] == "gitlab"


# --- every link built from repository_url, for each forge ------------------------------

#: The pages of each forge that the template links to, after the repository's web address.
PAGES = {
    "github": {"", "/issues", "/issues/new/choose", "/pulls", "/security/advisories/new", "/blob/main/SECURITY.md",
               "/blob/main/SUPPORT.md"},
    "gitlab": {"", "/-/issues", "/-/issues/new", "/-/merge_requests", "/-/issues/new?issue[confidential]=true",
               "/-/raw/HEAD/README.md"},
}
#: Given with a trailing ".git/", which no link may keep (the Source Location repeats it verbatim).
URLS = {"github": "https://github.com/lab/demo-board.git/", "gitlab": "https://gitlab.cern.ch/lab/demo-board.git/"}


@pytest.fixture(scope="module", params=["github", "gitlab"])
def forge_project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    forge = request.param
    answers = {"project_kind": "mixed", "repository_url": URLS[forge], "citation": True}
    return forge, render(tmp_path_factory.mktemp(forge) / "demo-board", answers)


def test_every_link_from_the_repository_url_fits_the_forge(forge_project: tuple[str, Path]) -> None:
    forge, project = forge_project
    assert answers_of(project)["forge"] == forge
    web = URLS[forge].removesuffix(".git/")
    found: dict[str, set[str]] = {}
    for path in sorted(p for p in project.rglob("*") if p.is_file() and p.name != ".copier-answers.yml"):
        text = path.read_text(encoding="utf-8", errors="replace")
        for link in re.findall(re.escape(web) + r"[^\s\"'<>)]*", text):
            link = link.rstrip(".,;")
            if link == URLS[forge]:
                continue  # the answer itself (the CERN-OHL Source Location), verbatim
            found.setdefault(link[len(web):], set()).add(path.relative_to(project).as_posix())
    wrong = {page: files for page, files in found.items() if page not in PAGES[forge]}
    assert wrong == {}
    # the pages people need are linked: the tracker and the change requests
    issues, changes = ("/issues", "/pulls") if forge == "github" else ("/-/issues", "/-/merge_requests")
    assert {"README.md", "CONTRIBUTING.md", "SUPPORT.md", "codemeta.json"} <= found[issues]
    assert "CONTRIBUTING.md" in found[changes]
