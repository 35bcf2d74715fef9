# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The organisation's template, named once, and sources compared by identity (scaffolder.identity)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffolder import identity, templates
from tests.helpers import git

ONE_REPOSITORY = [
    "https://gitlab.cern.ch/ospo/template",
    "https://gitlab.cern.ch/ospo/template.git",
    "https://gitlab.cern.ch/ospo/template.git/",
    "https://GitLab.CERN.ch/ospo/template/",
    "git@gitlab.cern.ch:ospo/template.git",
    "git@gitlab.cern.ch:ospo/template",
    "ssh://git@gitlab.cern.ch/ospo/template",
    "ssh://git@gitlab.cern.ch:7999/ospo/template.git",
    "git+https://gitlab.cern.ch/ospo/template",
    "https://oauth2:token@gitlab.cern.ch/ospo/template.git",
]


@pytest.mark.parametrize("spelling", ONE_REPOSITORY)
def test_the_https_and_ssh_spellings_of_one_repository_are_one_source(spelling: str) -> None:
    assert identity.normalise(spelling) == "gitlab.cern.ch/ospo/template"
    assert identity.same(spelling, ONE_REPOSITORY[0])


@pytest.mark.parametrize(
    "other",
    [
        "https://gitlab.cern.ch/ospo/template-fork",
        "https://gitlab.cern.ch/evil/template",
        "https://gitlab.cern.ch.evil.org/ospo/template",
        "https://gitlab.cern.ch/ospo/Template",
        "git@github.com:ospo/template.git",
        "/ospo/template",
        "https://evil.org\\@gitlab.cern.ch/ospo/template",
        "https://a@b@gitlab.cern.ch/ospo/template",
        "https://gitlab.cern.ch /ospo/template",
        "",
    ],
)
def test_other_repositories_are_other_sources(other: str) -> None:
    assert not identity.same(other, ONE_REPOSITORY[0])


def test_copier_shorthands_name_github_and_gitlab_repositories() -> None:
    assert identity.same("gh:cern/scaffolder", "https://github.com/cern/scaffolder.git")
    assert identity.same("gl:/cern/scaffolder", "git@gitlab.com:cern/scaffolder")
    assert identity.git_url("gh:cern/scaffolder") == "https://github.com/cern/scaffolder.git"
    assert identity.git_url("git+https://host/a/b") == "https://host/a/b"


def test_a_local_path_is_its_real_path_and_a_file_url_the_path_it_names(tmp_path: Path) -> None:
    real = tmp_path / "template.git"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    for spelling in (str(real), f"{real}/", str(tmp_path / "link"), f"file://{real}", f"file://{tmp_path}/link/"):
        assert identity.normalise(spelling) == str(real.resolve()), spelling
    assert not identity.same(str(real), str(tmp_path))


def test_urls_and_paths_are_told_apart() -> None:
    for url in ("https://h/a/b", "git@h:a/b", "ssh://h/a", "file:///x/y.git", "gh:a/b"):
        assert identity.is_url(url), url
    for path in ("/srv/template", "./template", "~/template", "template", "a/b:c"):
        assert not identity.is_url(path), path
    assert identity.is_network_url("git@h:a/b") and not identity.is_network_url("file:///x/y.git")


def test_urls_are_recorded_in_a_form_copier_takes_for_git() -> None:
    assert identity.copier_url("https://gitlab.cern.ch/ospo/template") == "https://gitlab.cern.ch/ospo/template.git"
    assert identity.copier_url("https://gitlab.cern.ch/ospo/template/") == "https://gitlab.cern.ch/ospo/template.git"
    assert identity.copier_url("git@host:a/b") == "git@host:a/b"
    assert identity.copier_url("file:///srv/t.git") == "file:///srv/t.git"


@pytest.fixture
def no_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(identity.ENV_TEMPLATE_URL, raising=False)
    monkeypatch.setenv("SCAFFOLDER_PROFILE", "none")


def _checkout(path: Path, origin: str | None) -> Path:
    path.mkdir()
    (path / "copier.yml").write_text("_subdirectory: template\n")
    git("init", "-q", cwd=path)
    if origin:
        git("remote", "add", "origin", origin, cwd=path)
    return path


@pytest.mark.usefixtures("no_configuration")
def test_the_checkouts_network_origin_is_the_canonical_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = _checkout(tmp_path / "scaffolder", "git@gitlab.cern.ch:ospo/scaffolder.git")
    monkeypatch.setattr(templates, "CHECKOUT", checkout)
    found = identity.organisation_template()
    assert found == identity.TemplateIdentity("git@gitlab.cern.ch:ospo/scaffolder.git", checkout)
    assert identity.is_organisation_template("https://gitlab.cern.ch/ospo/scaffolder")
    assert identity.is_organisation_template(str(checkout))
    assert not identity.is_organisation_template("https://gitlab.cern.ch/ospo/other")
    assert identity.recorded_source(str(checkout)) == "git@gitlab.cern.ch:ospo/scaffolder.git"
    assert identity.recorded_source("https://x.org/a/b") == "https://x.org/a/b"


@pytest.mark.usefixtures("no_configuration")
def test_a_local_origin_is_no_canonical_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = _checkout(tmp_path / "scaffolder", str(tmp_path / "elsewhere"))
    monkeypatch.setattr(templates, "CHECKOUT", checkout)
    assert identity.organisation_template() == identity.TemplateIdentity(None, checkout)
    assert identity.recorded_source(str(checkout)) == str(checkout)


def test_the_environment_and_the_profile_name_the_url_before_the_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checkout = _checkout(tmp_path / "scaffolder", "https://github.com/someone/fork")
    monkeypatch.setattr(templates, "CHECKOUT", checkout)
    profile = tmp_path / "acme.yml"
    profile.write_text("_organisation: ACME\n_template_url: https://git.acme.org/ospo/template\n")
    monkeypatch.delenv(identity.ENV_TEMPLATE_URL, raising=False)
    monkeypatch.setenv("SCAFFOLDER_PROFILE", str(profile))
    assert identity.organisation_template().url == "https://git.acme.org/ospo/template.git"
    assert identity.recorded_source(str(checkout)) == "https://git.acme.org/ospo/template.git"
    assert not identity.is_organisation_template("https://github.com/someone/fork")
    monkeypatch.setenv(identity.ENV_TEMPLATE_URL, "file:///srv/ospo/template.git")
    assert identity.organisation_template().url == "file:///srv/ospo/template.git"
    assert identity.is_organisation_template("/srv/ospo/template.git")


@pytest.mark.usefixtures("no_configuration")
def test_another_local_checkout_is_recorded_by_its_own_network_origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templates, "CHECKOUT", _checkout(tmp_path / "scaffolder", None))
    other = _checkout(tmp_path / "other", "https://github.com/group/other-template")
    assert identity.recorded_source(str(other)) == "https://github.com/group/other-template"
    assert not identity.is_organisation_template(str(other))
