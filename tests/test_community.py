# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Community, contribution and governance files (issue 3), rendered with plain copier."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from tests.helpers import REPO, answers_of, git, leftover_jinja, render, reuse_problems, template_copy

if TYPE_CHECKING:
    from pathlib import Path

COVENANT = REPO / "scaffolder" / "data" / "community" / "contributor-covenant-2.1.md"
#: The Covenant's "[INSERT CONTACT METHOD]" when conduct_contact is empty: a noun phrase, because
#: the sentence reads "reported to the community leaders responsible for enforcement at ...".
CONDUCT_MAINTAINERS = "the private contacts of the maintainers listed in [MAINTAINERS.md](MAINTAINERS.md)"
#: How SECURITY.md and the README name the channel when security_contact is empty.
SECURITY_WORDS = {
    "github": "through GitHub's private vulnerability reporting"
    ' (the Security tab of this repository, "Report a vulnerability")',
    "gitlab": "in a confidential issue in this project's issue tracker",
    "other": "to the maintainers listed in [MAINTAINERS.md](MAINTAINERS.md)",
}
#: sha256 of the Contributor Covenant 2.1 as published (EthicalSource/contributor_covenant,
#: content/version/2/1/code_of_conduct.md without its front matter); see docs/community.md.
COVENANT_SHA256 = "82652832094a0ea95c3099798331b0399bdeb3961134d73289f806cb3a6bd1d9"
CFF_SCHEMA = REPO / "scaffolder" / "data" / "schemas" / "cff-1.2.0.json"

FORGES = ["github", "gitlab", "other"]
MODELS = ["dco", "inbound-outbound"]
GOVERNANCE = ["single-maintainer", "maintainer-council", "steering-committee"]
CONDUCT = ["contributor-covenant-2.1", "none"]
KINDS = ["software", "hardware", "mixed", "documentation"]
STATUSES = ["concept", "wip", "active", "inactive", "unsupported", "moved", "suspended", "abandoned"]

#: Files every project has, whatever the answers.
ALWAYS = [
    "CONTRIBUTING.md",
    "GOVERNANCE.md",
    "MAINTAINERS.md",
    "SECURITY.md",
    "SUPPORT.md",
    "CHANGELOG.md",
    "docs/PUBLISHING.md",
]
GITHUB_FILES = [
    ".github/ISSUE_TEMPLATE/bug_report.yml",
    ".github/ISSUE_TEMPLATE/feature_request.yml",
    ".github/ISSUE_TEMPLATE/config.yml",
    ".github/pull_request_template.md",
]
GITLAB_FILES = [
    ".gitlab/issue_templates/Bug.md",
    ".gitlab/issue_templates/Feature.md",
    ".gitlab/merge_request_templates/Default.md",
]


def _pairwise(dimensions: list[list[str]]) -> list[tuple[str, ...]]:
    """A small set of combinations that holds every pair of values of any two dimensions."""
    uncovered = {
        (i, a, j, b)
        for i, j in itertools.combinations(range(len(dimensions)), 2)
        for a in dimensions[i]
        for b in dimensions[j]
    }
    chosen: list[tuple[str, ...]] = []
    while uncovered:
        best = max(
            itertools.product(*dimensions),
            key=lambda c: sum((i, c[i], j, c[j]) in uncovered for i, j in itertools.combinations(range(len(c)), 2)),
        )
        chosen.append(best)
        uncovered -= {(i, best[i], j, best[j]) for i, j in itertools.combinations(range(len(best)), 2)}
    return chosen


def _cases() -> list[dict[str, Any]]:
    cases = []
    for n, (forge, model, gov, conduct, kind) in enumerate(_pairwise([FORGES, MODELS, GOVERNANCE, CONDUCT, KINDS])):
        status = STATUSES[n % len(STATUSES)]
        answers: dict[str, Any] = {
            "project_name": f"Case {n}",
            "forge": forge,
            "contribution_model": model,
            "governance_model": gov,
            "code_of_conduct": conduct,
            "project_kind": kind,
            "project_status": status,
            "citation": n % 3 != 2,  # on and off for several kinds
            "repository_url": f"https://{forge}.example.org/group/case-{n}",
            # every other case without an e-mail address: the contacts fall back to the forge's
            # channels, or (forge other) stay empty and are named in words
            "author_email": "" if n % 2 else f"maint{n}@example.org",
        }
        if status == "moved":
            answers["moved_to"] = "https://example.org/new-home"
        if gov == "steering-committee" and n % 2 == 0:
            answers["collaboration"] = "ATLAS"
        cases.append(answers)
    return cases


CASES = _cases()
IDS = [
    f"{c['forge']}-{c['contribution_model']}-{c['governance_model']}-{c['code_of_conduct']}-{c['project_kind']}"
    for c in CASES
]


def test_cases_cover_every_pair_and_every_value() -> None:
    dims = {
        "forge": FORGES,
        "contribution_model": MODELS,
        "governance_model": GOVERNANCE,
        "code_of_conduct": CONDUCT,
        "project_kind": KINDS,
        "project_status": STATUSES,
    }
    for a, b in itertools.combinations(list(dims)[:5], 2):
        seen = {(c[a], c[b]) for c in CASES}
        assert seen == set(itertools.product(dims[a], dims[b])), (a, b)
    assert {c["project_status"] for c in CASES} == set(STATUSES)
    assert {c["citation"] for c in CASES} == {True, False}
    assert len(CASES) <= 16  # cheap: a pairwise subset of the 144 combinations


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The template as a plain folder: copier renders it without cloning a git repository."""
    dest = tmp_path_factory.mktemp("plain")
    for rel in ("copier.yml", "questions", "includes", "template", "scaffolder/data"):
        src = REPO / rel
        if src.is_dir():
            shutil.copytree(src, dest / rel)
        else:
            shutil.copy2(src, dest / rel)
    return str(dest)


@pytest.fixture(scope="module")
def projects() -> dict[int, Path]:
    """Each case rendered once, on first use."""
    return {}


def _project(projects: dict[int, Path], tmp_path_factory: pytest.TempPathFactory, n: int, src: str) -> Path:
    if n not in projects:
        projects[n] = render(tmp_path_factory.mktemp(f"case{n}") / "p", CASES[n], src=src)
    return projects[n]


def _files(project: Path) -> set[str]:
    return {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}


def _empty_sections(text: str) -> list[str]:
    """Markdown headings with nothing under them before the next heading of the same or a higher level."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    bad = []
    in_code = False
    headings: list[tuple[int, int]] = []
    for i, ln in enumerate(lines):
        if ln.startswith("```"):
            in_code = not in_code
        if not in_code and (m := re.match(r"(#{1,6}) ", ln)):
            headings.append((i, len(m.group(1))))
    for k, (i, level) in enumerate(headings):
        nxt = headings[k + 1] if k + 1 < len(headings) else None
        if (nxt is None and i == len(lines) - 1) or (nxt and nxt[0] == i + 1 and nxt[1] <= level):
            bad.append(lines[i])
    return bad


def _links(project: Path, rel: str) -> list[str]:
    """Relative Markdown links in a file that point nowhere."""
    path = project / rel
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8")):
        if "://" in target or target.startswith(("#", "mailto:")):
            continue
        if not (path.parent / target.split("#")[0]).exists():
            broken.append(target)
    return broken


@pytest.mark.parametrize("n", range(len(CASES)), ids=IDS)
def test_combination(n: int, projects: dict[int, Path], tmp_path_factory: pytest.TempPathFactory, plain: str) -> None:
    a = CASES[n]
    project = _project(projects, tmp_path_factory, n, plain)
    files = _files(project)

    # clean: REUSE-compliant, no Jinja left, no placeholders, no empty sections, tidy endings
    assert reuse_problems(project) == ""
    assert leftover_jinja(project) == []
    for rel in files:
        if rel.startswith("LICENSES/") or rel == "LICENSE":
            continue
        text = (project / rel).read_text(encoding="utf-8")
        assert "TODO" not in text, rel
        assert "<>" not in text, rel
        assert not text.endswith("\n\n"), f"{rel}: blank line at the end"
        if rel.endswith(".md"):
            assert "\n\n\n" not in text, f"{rel}: double blank line"
            assert _empty_sections(text) == [], rel
            assert _links(project, rel) == [], rel

    # the files, and none for another forge
    covenant = a["code_of_conduct"] == "contributor-covenant-2.1"
    for rel in ALWAYS:
        assert rel in files
    assert ("CODE_OF_CONDUCT.md" in files) is covenant
    assert ("CITATION.cff" in files) is a["citation"]
    assert ("codemeta.json" in files) is a["citation"]
    assert all(rel in files for rel in GITHUB_FILES) is (a["forge"] == "github")
    assert all(rel in files for rel in GITLAB_FILES) is (a["forge"] == "gitlab")
    if a["forge"] != "github":
        assert not any(rel.startswith(".github/") for rel in files)
    if a["forge"] != "gitlab":
        assert not any(rel.startswith(".gitlab/") for rel in files)
    codeowners = {"github": ".github/CODEOWNERS", "gitlab": ".gitlab/CODEOWNERS"}.get(a["forge"])
    assert [r for r in files if r.endswith("CODEOWNERS")] == ([codeowners] if codeowners and a["author_email"] else [])
    if codeowners and a["author_email"]:
        assert (project / codeowners).read_text().splitlines()[-1] == f"* {a['author_email']}"

    stored = answers_of(project)
    for q in (
        "contribution_model",
        "governance_model",
        "code_of_conduct",
        "project_status",
        "security_contact",
        "citation",
    ):
        assert q in stored, q
    assert ("conduct_contact" in stored) is covenant

    # CC-BY-4.0 for the Covenant joins LICENSES/, with its own attribution in REUSE.toml
    licences = {p.name for p in (project / "LICENSES").iterdir()}
    if covenant:
        assert "CC-BY-4.0.txt" in licences
        reuse = (project / "REUSE.toml").read_text()
        block = reuse[reuse.index('path = ["CODE_OF_CONDUCT.md"]') :].split("[[annotations]]")[0]
        assert 'precedence = "override"' in block
        assert "Contributor Covenant" in block and "CC-BY-4.0" in block
        assert stored["copyright_holder"] not in block

    _check_contents(project, a, stored)


def _check_contents(project: Path, a: dict[str, Any], stored: dict[str, Any]) -> None:
    read = lambda rel: (project / rel).read_text(encoding="utf-8")  # noqa: E731
    dco = a["contribution_model"] == "dco"
    security = stored["security_contact"]

    # the contacts
    if a["code_of_conduct"] != "none":
        conduct = read("CODE_OF_CONDUCT.md")
        contact = stored["conduct_contact"]
        words = f"<{contact}>" if contact else CONDUCT_MAINTAINERS
        assert f"enforcement at\n{words}.\n" in conduct
        expected = COVENANT.read_text(encoding="utf-8").replace("[INSERT CONTACT METHOD]", words)
        assert conduct == expected  # verbatim apart from the contact
    sec = read("SECURITY.md")
    assert f"<{security}>" in sec if security else SECURITY_WORDS[a["forge"]] in sec
    assert "within 5 working days" in sec and "within 90 days" in sec
    if not a["author_email"] and a["forge"] == "github":
        assert security == a["repository_url"] + "/security/advisories/new"
    if not a["author_email"] and a["forge"] == "gitlab":
        assert security == a["repository_url"] + "/-/issues/new?issue[confidential]=true"
    if a["author_email"]:
        assert security == a["author_email"]
    if not a["author_email"] and a["forge"] == "other":
        assert security == "" and stored.get("conduct_contact", "") == ""

    # the contribution rule: DCO only for dco
    contributing = read("CONTRIBUTING.md")
    assert ("Signed-off-by:" in contributing) is dco
    assert ("git commit -s" in contributing) is dco
    assert ("https://developercertificate.org/" in contributing) is dco
    assert ("inbound = outbound" in contributing) is (not dco)
    word = {"github": "pull request", "gitlab": "merge request", "other": "git format-patch"}[a["forge"]]
    assert word in contributing
    assert "SPDX-FileCopyrightText: " in contributing and "REUSE-IgnoreStart" in contributing

    # governance matches the model
    governance = read("GOVERNANCE.md")
    label = a["governance_model"].replace("-", " ")
    assert f"Model: **{label}**" in governance
    for other in set(GOVERNANCE) - {a["governance_model"]}:
        assert f"Model: **{other.replace('-', ' ')}**" not in governance
    for section in (
        "## Roles",
        "## How decisions are taken",
        "## Adding and removing maintainers",
        "## Changing this document",
    ):
        assert section in governance
    maintainers = read("MAINTAINERS.md")
    assert stored["author_name"] in maintainers
    assert ("## Steering committee" in maintainers) is (a["governance_model"] == "steering-committee")

    # the change-request template reminds of the rule; issue forms are valid forms
    template = {
        "github": ".github/pull_request_template.md",
        "gitlab": ".gitlab/merge_request_templates/Default.md",
    }.get(a["forge"])
    if template:
        text = read(template)
        assert ("git commit -s" in text) is dco
        assert ("inbound = outbound" in text) is (not dco)
        assert "SPDX-" not in text  # copied into every change request: covered by REUSE.toml instead
    if a["forge"] == "github":
        for form in ("bug_report", "feature_request"):
            data = yaml.safe_load(read(f".github/ISSUE_TEMPLATE/{form}.yml"))
            assert data["name"] and data["description"] and data["body"]
            assert all(item["type"] in {"markdown", "textarea", "input", "checkboxes"} for item in data["body"])
        config = yaml.safe_load(read(".github/ISSUE_TEMPLATE/config.yml"))
        assert config["blank_issues_enabled"] is True

    # README: status badge and meaning, maintenance and end of life, links, contact
    readme = read("README.md")
    status = a["project_status"]
    assert f"https://www.repostatus.org/badges/latest/{status}.svg" in readme
    assert "**Maintenance.**" in readme and "**End of life.**" in readme
    for rel in ALWAYS:
        assert f"]({rel})" in readme, rel
    assert ("](CODE_OF_CONDUCT.md)" in readme) is (a["code_of_conduct"] != "none")
    assert ("## How to cite" in readme) is a["citation"]
    assert f"<{security}>" in readme if security else SECURITY_WORDS[a["forge"]] in readme
    if status == "moved":
        assert "Moved to https://example.org/new-home" in readme

    changelog = read("CHANGELOG.md")
    assert "## [Unreleased]" in changelog and "https://keepachangelog.com/en/1.1.0/" in changelog

    publishing = read("docs/PUBLISHING.md")
    assert "- [x]" in publishing and "- [ ]" in publishing
    assert ("DCO app" in publishing) is (dco and a["forge"] == "github")
    assert ("Push rules" in publishing) is (dco and a["forge"] == "gitlab")
    public_conduct = a["code_of_conduct"] != "none" and stored["conduct_contact"].endswith("/issues")
    no_conduct_contact = a["code_of_conduct"] != "none" and not stored["conduct_contact"]
    assert ("Give a private contact for code-of-conduct reports" in publishing) is (
        public_conduct or no_conduct_contact
    )
    assert ("Give a private contact for vulnerability reports" in publishing) is (not security)
    assert ("Code-of-conduct concerns: report them privately " in readme) is (
        a["code_of_conduct"] != "none" and not public_conduct
    )

    if a["citation"]:
        _check_citation(project, stored)


def _check_citation(project: Path, stored: dict[str, Any]) -> None:
    import jsonschema

    cff = yaml.safe_load((project / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(json.loads(json.dumps(cff, default=str)))
    assert cff["title"] == stored["project_name"]
    meta = json.loads((project / "codemeta.json").read_text(encoding="utf-8"))
    assert meta["@context"] == "https://w3id.org/codemeta/3.0"
    assert meta["@type"] == "SoftwareSourceCode"
    assert meta["name"] == stored["project_name"]
    assert meta["author"][0]["name"] == stored["author_name"]
    assert meta["developmentStatus"] == "https://www.repostatus.org/#" + stored["project_status"]


HOSTILE = {
    "project_name": 'Zoë\'s "tool": yes {{ x }} $(rm -rf /) `id` 日本 \u2028 <b>&amp;</b>',
    "description": "null",
    "author_name": 'Zoë "Z" Müller: 1.0',
    "author_email": "zoë.o'brien@exämple.org",
    "copyright_holder": "yes",
    "collaboration": "1.0: {{ y }}",
    "repository_url": "https://github.com/o/r?a=1&b='x'",
}


@pytest.mark.parametrize("forge", ["github", "gitlab"])
def test_hostile_answers(forge: str, tmp_path: Path, plain: str) -> None:
    import jsonschema

    url = HOSTILE["repository_url"].replace("github.com", f"{forge}.com")  # a host of that forge
    answers = {
        **HOSTILE,
        "repository_url": url,
        "forge": forge,
        "project_slug": "hostile",
        "project_kind": "mixed",
        "citation": True,
        "governance_model": "steering-committee",
    }
    project = render(tmp_path / "p", answers, src=plain)
    assert reuse_problems(project) == ""

    cff = yaml.safe_load((project / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(json.loads(CFF_SCHEMA.read_text())).validate(cff)
    assert cff["title"] == HOSTILE["project_name"]
    assert cff["abstract"] == "null"
    assert cff["authors"] == [
        {"given-names": 'Zoë "Z" Müller:', "family-names": "1.0", "email": HOSTILE["author_email"]}
    ]
    assert cff["repository-code"] == url

    meta = json.loads((project / "codemeta.json").read_text(encoding="utf-8"))
    assert meta["name"] == HOSTILE["project_name"]
    assert meta["description"] == "null"
    assert meta["author"][0] == {
        "@type": "Person",
        "name": HOSTILE["author_name"],
        "givenName": 'Zoë "Z" Müller:',
        "familyName": "1.0",
        "email": HOSTILE["author_email"],
    }
    assert meta["copyrightHolder"]["name"] == "yes"
    assert meta["codeRepository"] == url

    if forge == "github":
        form = yaml.safe_load((project / ".github/ISSUE_TEMPLATE/bug_report.yml").read_text(encoding="utf-8"))
        assert HOSTILE["project_name"] in form["body"][0]["attributes"]["value"]
        yaml.safe_load((project / ".github/ISSUE_TEMPLATE/config.yml").read_text(encoding="utf-8"))

    # Markdown: verbatim, never re-rendered
    assert f"# Contributing to {HOSTILE['project_name']}\n" in (project / "CONTRIBUTING.md").read_text()
    assert f"- {HOSTILE['author_name']} <{HOSTILE['author_email']}>" in (project / "MAINTAINERS.md").read_text()
    assert "the 1.0: {{ y }} collaboration" in (project / "GOVERNANCE.md").read_text()
    assert f"<{HOSTILE['author_email']}>" in (project / "CODE_OF_CONDUCT.md").read_text()


def test_group_author_is_an_entity(tmp_path: Path, plain: str) -> None:
    project = render(tmp_path / "p", {"project_name": "Demo", "author_email": "a@example.org"}, src=plain)
    cff = yaml.safe_load((project / "CITATION.cff").read_text())
    assert cff["authors"] == [{"name": "The Demo developers", "email": "a@example.org"}]
    meta = json.loads((project / "codemeta.json").read_text())
    assert meta["author"][0]["@type"] == "Organization"


AUTHORS = [
    ("ATLAS Collaboration", {}, {"name": "ATLAS Collaboration"}, {"@type": "Organization"}),
    ("CERN BE-CEM Electronics", {}, {"name": "CERN BE-CEM Electronics"}, {"@type": "Organization"}),
    ("Beams Department maintainers", {}, {"name": "Beams Department maintainers"}, {"@type": "Organization"}),
    ("Zoë Müller", {}, {"given-names": "Zoë", "family-names": "Müller"},
     {"@type": "Person", "givenName": "Zoë", "familyName": "Müller"}),
    ("Maria de la Cruz", {}, {"given-names": "Maria", "name-particle": "de la", "family-names": "Cruz"},
     {"@type": "Person", "givenName": "Maria", "familyName": "de la Cruz"}),
    ("Jean-Luc Picard", {}, {"given-names": "Jean-Luc", "family-names": "Picard"},
     {"@type": "Person", "givenName": "Jean-Luc", "familyName": "Picard"}),
    # the answer overrides the guess, both ways
    ("Ada Lovelace", {"author_kind": "organisation"}, {"name": "Ada Lovelace"}, {"@type": "Organization"}),
    ("Plato", {"author_kind": "person"}, {"family-names": "Plato"}, {"@type": "Person", "familyName": "Plato"}),
]


@pytest.fixture(scope="session")
def cffconvert() -> Path:
    """cffconvert 2.0.0 (the Citation File Format's reference validator) in its own venv, cached in
    .cache/cffconvert: it pins jsonschema<4, which cannot live beside this project's test tools."""
    import subprocess
    import sys

    venv = REPO / ".cache" / "cffconvert"
    exe = venv / "bin" / "cffconvert"
    if not exe.is_file():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        proc = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "cffconvert==2.0.0"],
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"pip install cffconvert==2.0.0 failed:\n{proc.stderr}"
    return exe


def test_cffconvert_rejects_a_broken_citation(cffconvert: Path, tmp_path: Path) -> None:
    import subprocess

    broken = tmp_path / "CITATION.cff"
    broken.write_text('cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors:\n  - nam: x\n', encoding="utf-8")
    proc = subprocess.run([str(cffconvert), "--validate", "-i", str(broken)], capture_output=True, text=True)
    assert proc.returncode != 0


@pytest.mark.parametrize(("name", "extra", "cff_author", "codemeta_author"), AUTHORS, ids=[a[0] for a in AUTHORS])
def test_authors_are_persons_or_organisations(
    name: str, extra: dict[str, str], cff_author: dict[str, str], codemeta_author: dict[str, str],
    tmp_path: Path, plain: str, cffconvert: Path,
) -> None:
    import subprocess

    project = render(tmp_path / "p", {"project_name": "Demo", "author_name": name, **extra}, src=plain)
    kind = "organisation" if codemeta_author["@type"] == "Organization" else "person"
    assert answers_of(project)["author_kind"] == kind
    cff = yaml.safe_load((project / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["authors"] == [cff_author]
    _check_citation(project, answers_of(project))
    proc = subprocess.run([str(cffconvert), "--validate", "-i", str(project / "CITATION.cff")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    meta = json.loads((project / "codemeta.json").read_text(encoding="utf-8"))
    assert meta["author"] == [{"name": name, **codemeta_author}]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"forge": "gitlab", "author_email": "a@example.org"}, {"contribution_model": "dco"}),
        ({"forge": "github", "author_email": "a@example.org"}, {"contribution_model": "inbound-outbound"}),
        ({"forge": "other", "author_email": "a@example.org"}, {"contribution_model": "inbound-outbound"}),
        (
            {"author_email": "a@example.org"},
            {
                "project_status": "wip",
                "citation": True,
                "code_of_conduct": "contributor-covenant-2.1",
                "governance_model": "single-maintainer",
                "conduct_contact": "a@example.org",
                "security_contact": "a@example.org",
            },
        ),
        (
            {"author_email": "a@example.org", "collaboration": "CMS"},
            {"governance_model": "steering-committee"},
        ),
        ({"author_email": "a@example.org", "project_kind": "documentation"}, {"citation": False}),
        # a fresh machine: no e-mail address, no repository yet; the contacts stay empty
        ({}, {"security_contact": "", "conduct_contact": ""}),
        (
            {"forge": "other", "repository_url": "https://example.org/r"},
            {"security_contact": "", "conduct_contact": ""},
        ),
        (
            {"forge": "github", "repository_url": "https://github.com/o/r/"},
            {
                "security_contact": "https://github.com/o/r/security/advisories/new",
                "conduct_contact": "https://github.com/o/r/issues",
            },
        ),
    ],
)
def test_defaults(answers: dict[str, Any], expected: dict[str, Any], tmp_path: Path, plain: str) -> None:
    stored = answers_of(render(tmp_path / "p", {"project_name": "Demo", **answers}, src=plain))
    assert {k: stored[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"security_contact": "not a contact"}, "must be an e-mail address"),
        ({"security_contact": "a@example.org <b>"}, "must be an e-mail address"),
        ({"conduct_contact": "ftp://x.org"}, "must be an e-mail address"),
        ({"project_status": "moved"}, "must be the http(s) URL"),
    ],
)
def test_invalid_contacts(answers: dict[str, Any], message: str, tmp_path: Path, plain: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        render(tmp_path / "p", {"project_name": "Demo", **answers}, src=plain)


#: Empty contacts, per forge: what each file says instead of an address.
EMPTY_CONTACT_CASES = {
    "github": {"forge": "github"},
    "gitlab": {"forge": "gitlab"},
    "other": {"forge": "other"},
    # a repository, but contacts cleared on purpose: links to the repository, never empty ones
    "github-repo": {
        "forge": "github",
        "repository_url": "https://github.com/o/r",
        "security_contact": "",
        "conduct_contact": "",
    },
}


@pytest.mark.parametrize("case", list(EMPTY_CONTACT_CASES))
def test_empty_contacts_are_named_in_words(case: str, tmp_path: Path, plain: str) -> None:
    answers = {"project_name": "Demo", "project_kind": "software", **EMPTY_CONTACT_CASES[case]}
    forge = answers["forge"]
    project = render(tmp_path / "p", answers, src=plain)
    stored = answers_of(project)
    assert stored["author_email"] == stored["security_contact"] == stored["conduct_contact"] == ""
    assert reuse_problems(project) == ""
    assert leftover_jinja(project) == []
    for path in project.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            text = path.read_text(encoding="utf-8")
            rel = path.relative_to(project).as_posix()
            assert "<>" not in text and "TODO" not in text, rel
            assert text.endswith("\n") and not text.endswith("\n\n"), rel
            if rel.endswith(".md"):
                assert "()" not in text and _empty_sections(text) == [] and _links(project, rel) == [], rel
    read = lambda rel: (project / rel).read_text(encoding="utf-8")  # noqa: E731

    # SECURITY.md: the forge's private channel, else the maintainers
    security = read("SECURITY.md")
    assert f"Report it privately {SECURITY_WORDS[forge]}" in security
    assert "Please do **not** report a vulnerability in a public issue" in security

    # CODE_OF_CONDUCT.md: the Covenant, byte for byte, but for the contact, which reads in its sentence
    conduct = read("CODE_OF_CONDUCT.md")
    covenant = COVENANT.read_text(encoding="utf-8")
    assert conduct == covenant.replace("[INSERT CONTACT METHOD]", CONDUCT_MAINTAINERS)
    assert (
        "reported to the community leaders responsible for enforcement at\n"
        "the private contacts of the maintainers listed in [MAINTAINERS.md](MAINTAINERS.md).\n"
        "All complaints will be reviewed"
    ) in conduct

    # README: the contact lines say how, in words
    readme = read("README.md")
    contact = readme[readme.index("## Contact\n") :].split("\n## ")[0]
    assert f"- Security vulnerabilities: report them privately {SECURITY_WORDS[forge]}" in contact
    assert f"- Code-of-conduct concerns: report them privately {SECURITY_WORDS['other']}\n" in contact
    # no address but the issue tracker's: neither an author e-mail nor a contact
    assert re.findall(r"<[^>]*>", contact) == (["<https://github.com/o/r/issues>"] if case == "github-repo" else [])

    # PUBLISHING.md: the channel in words (links from docs/), and open items to give the contacts later
    publishing = read("docs/PUBLISHING.md")
    assert (
        "vulnerability reports " + SECURITY_WORDS[forge].replace("](MAINTAINERS.md)", "](../MAINTAINERS.md)")
        in publishing
    )
    assert "reports to the maintainers listed in [MAINTAINERS.md](../MAINTAINERS.md)." in publishing
    items = [ln for ln in publishing.split("\n- ") if "scaffolder update --data" in ln and "_contact=" in ln]
    assert len(items) == 2 and all(item.startswith("[ ] Give a private contact for ") for item in items)
    assert "`scaffolder update --data security_contact=security@example.org`" in publishing
    assert "`scaffolder update --data conduct_contact=conduct@example.org`" in publishing
    assert ("or keep GitHub's private vulnerability reporting" in publishing) is (forge == "github")
    assert ("or keep confidential issues" in publishing) is (forge == "gitlab")

    # GitHub's issue chooser: a link to SECURITY.md only where there is a repository to link into
    if forge == "github":
        config = yaml.safe_load(read(".github/ISSUE_TEMPLATE/config.yml"))
        if case == "github-repo":
            urls = [link["url"] for link in config["contact_links"]]
            assert urls == [
                "https://github.com/o/r/blob/main/SECURITY.md",
                "https://github.com/o/r/blob/main/SUPPORT.md",
            ]
        else:
            assert config == {"blank_issues_enabled": True}


def test_contact_not_needed_without_code_of_conduct(tmp_path: Path, plain: str) -> None:
    project = render(
        tmp_path / "p",
        {
            "project_name": "Demo",
            "code_of_conduct": "none",
            "docs_license": "CC0-1.0",
            "security_contact": "https://example.org/security",
        },
        src=plain,
    )
    assert "conduct_contact" not in answers_of(project)
    assert "Code-of-conduct" not in (project / "README.md").read_text(encoding="utf-8")
    assert "conduct_contact" not in (project / "docs" / "PUBLISHING.md").read_text(encoding="utf-8")
    assert not (project / "CODE_OF_CONDUCT.md").exists()
    assert not (project / "LICENSES" / "CC-BY-4.0.txt").exists()  # CC-BY-4.0 came only with the Covenant
    assert reuse_problems(project) == ""


def test_status_choices_are_the_repostatus_vocabulary() -> None:
    from scaffolder.questions import questionnaire

    data = yaml.safe_load((REPO / "scaffolder/data/community/repostatus.yml").read_text(encoding="utf-8"))
    choices = questionnaire(REPO)["project_status"].choices
    assert list(choices.values()) == [s["id"] for s in data["statuses"]] == STATUSES
    for title, value in choices.items():
        assert title.startswith(f"{value}: ")


def test_covenant_is_the_published_text() -> None:
    data = COVENANT.read_bytes()
    assert hashlib.sha256(data).hexdigest() == COVENANT_SHA256
    text = data.decode()
    assert text.startswith("# Contributor Covenant Code of Conduct\n\n## Our Pledge\n")
    assert text.count("[INSERT CONTACT METHOD]") == 1
    assert "version 2.1, available at" in text


def test_cff_schema_is_the_official_one() -> None:
    schema = json.loads(CFF_SCHEMA.read_text())
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    assert hashlib.sha256(CFF_SCHEMA.read_bytes()).hexdigest() == (
        "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"
    )


#: What this issue added to the template; removed to build the "before" version.
COMMUNITY_PATHS = [
    "questions/community.yml",
    "includes/community",
    "includes/readme/status.md.jinja",
    "includes/readme/community.md.jinja",
    "includes/reuse/community.toml.jinja",
    "scaffolder/data/community",
]


def test_update_adds_community_files(tmp_path: Path) -> None:
    """A project made before the community files existed gains them with `copier update`."""
    import warnings

    from copier import run_update

    src = template_copy(tmp_path / "template", tag=None)
    saved = tmp_path / "saved"
    shutil.copytree(src, saved, ignore=shutil.ignore_patterns(".git"))
    for rel in COMMUNITY_PATHS:
        target = src / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for path in list((src / "template").rglob("*")):
        rel = path.relative_to(src / "template").as_posix()
        if path.is_file() and any(
            k in rel
            for k in (
                "CONTRIBUTING",
                "CODE_OF_CONDUCT",
                "GOVERNANCE",
                "MAINTAINERS",
                "SECURITY",
                "SUPPORT",
                "CHANGELOG",
                "CITATION",
                "codemeta",
                "{% if on_github %}.github{% endif %}/",  # the forge templates, not the CI files
                "{% if on_gitlab %}.gitlab{% endif %}/",
                "PUBLISHING",
            )
        ):
            path.unlink()
    computed = src / "questions" / "computed.yml"
    text = computed.read_text()
    start = text.index("third_party_licences:")
    end = text.index("licences_used:")
    computed.write_text(
        text[:start] + 'third_party_licences:\n  type: yaml\n  when: false\n  default: "[]"\n\n' + text[end:]
    )
    git("add", "-A", cwd=src)
    git("commit", "-q", "-m", "before the community files", cwd=src)
    git("tag", "v1.0.0", cwd=src)
    shutil.copytree(saved, src, dirs_exist_ok=True)
    git("add", "-A", cwd=src)
    git("commit", "-q", "-m", "community files", cwd=src)
    git("tag", "v1.1.0", cwd=src)

    project = render(
        tmp_path / "p",
        {"project_name": "Old", "author_email": "old@example.org", "forge": "gitlab"},
        src=str(src),
        vcs_ref="v1.0.0",
    )
    assert not (project / "CONTRIBUTING.md").exists()
    assert reuse_problems(project) == ""
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "project", cwd=project)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_update(str(project), vcs_ref="v1.1.0", defaults=True, overwrite=True, unsafe=False, quiet=True)

    for rel in [
        *ALWAYS,
        "CODE_OF_CONDUCT.md",
        "CITATION.cff",
        "codemeta.json",
        *GITLAB_FILES,
        ".gitlab/CODEOWNERS",
    ]:
        assert (project / rel).is_file(), rel
    stored = answers_of(project)
    assert stored["_commit"] == "v1.1.0"
    assert stored["contribution_model"] == "dco"
    assert stored["security_contact"] == "old@example.org"
    assert "Signed-off-by:" in (project / "CONTRIBUTING.md").read_text()
    assert "<old@example.org>" in (project / "CODE_OF_CONDUCT.md").read_text()
    assert "## Status" in (project / "README.md").read_text()
    assert (project / "LICENSES" / "CC-BY-4.0.txt").is_file()
    assert not list(project.rglob("*.rej"))
    assert reuse_problems(project) == ""
