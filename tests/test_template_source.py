# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""A template source that the project's CI can reach (issue 10, item 7).

A project made from a local checkout records the template's canonical URL as
``_src_path``; copier's and scaffolder's updates work from that URL and the
recorded ``_commit``.  When only a local path is known and the project has a
template-update job, one warning line and an open item in docs/PUBLISHING.md
say so.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from scaffolder.adopt import adopt
from scaffolder.create import new
from tests.helpers import answers_of, committed_repo, git, render, run_cli, template_copy
from tests.template_versions import ANSWERS, add_v11

CI_JOB = {**ANSWERS, "forge": "gitlab", "template_updates": "ci-job", "language": "other"}
OPEN_ITEM = "Record the template's git URL"


@pytest.fixture(scope="module")
def canonical(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A clone of the template (v1.0.0) and its canonical repository, a local bare one named by a file:// URL."""
    root = tmp_path_factory.mktemp("canonical")
    checkout = template_copy(root / "checkout", tag="v1.0.0")
    bare = root / "template.git"
    git("clone", "-q", "--bare", str(checkout), str(bare), cwd=root)
    git("remote", "add", "origin", str(bare), cwd=checkout)  # a clone of the canonical repository
    return {"checkout": checkout, "bare": bare}


@pytest.fixture(scope="module")
def made(canonical: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made with scaffolder new from the checkout, the bare repository named as the canonical URL."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SCAFFOLDER_TEMPLATE_URL", f"file://{canonical['bare']}")
        mp.setenv("SCAFFOLDER_PROFILE", "none")
        return new(
            tmp_path_factory.mktemp("made") / "probe",
            data=CI_JOB,
            template=str(canonical["checkout"]),
            vcs_ref="v1.0.0",
            defaults=True,
        ).path


def test_a_local_checkout_is_recorded_by_its_canonical_url(canonical: dict[str, Path], made: Path) -> None:
    answers = answers_of(made)
    assert answers["_src_path"] == f"file://{canonical['bare']}"
    assert answers["_commit"] == "v1.0.0"
    assert "template_source" not in answers  # a computed value: not stored
    job = (made / ".gitlab/ci/template-update.yml").read_text(encoding="utf-8")
    assert f'TEMPLATE_URL: "file://{canonical["bare"]}"' in job
    assert git("status", "--porcelain", cwd=made) == ""


@pytest.fixture(scope="module")
def released(canonical: dict[str, Path]) -> Path:
    """The canonical repository gains v1.1.0 (pushed from the checkout), as a release would."""
    add_v11(canonical["checkout"])
    git("push", "-q", str(canonical["bare"]), "main", "v1.1.0", cwd=canonical["checkout"])
    return canonical["bare"]


def test_plain_copier_updates_from_the_recorded_url(released: Path, made: Path, tmp_path: Path) -> None:
    from copier import run_update

    project = shutil.copytree(made, tmp_path / "probe", symlinks=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_update(str(project), defaults=True, overwrite=True, quiet=True, unsafe=False, skip_answered=True)
    assert answers_of(project)["_commit"] == "v1.1.0"
    assert answers_of(project)["_src_path"] == f"file://{released}"
    assert (project / "OSPO-NOTES.md").is_file()


def test_scaffolder_updates_from_the_recorded_url(released: Path, made: Path, tmp_path: Path) -> None:
    project = shutil.copytree(made, tmp_path / "probe", symlinks=True)
    proc = run_cli("update", str(project), env={"SCAFFOLDER_TEMPLATE_URL": str(released)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert answers_of(project)["_commit"] == "v1.1.0"
    assert "foreign" not in proc.stdout


def test_only_a_local_path_known_warns_in_one_line_and_in_publishing(
    canonical: dict[str, Path], tmp_path: Path
) -> None:
    args = ["new", str(tmp_path / "probe"), "--template", str(canonical["checkout"]), "--vcs-ref", "v1.0.0"]
    args += ["--defaults", *(f"--data={k}={v}" for k, v in CI_JOB.items())]
    proc = run_cli(*args, env={"SCAFFOLDER_PROFILE": "none", "SCAFFOLDER_TEMPLATE_URL": ""})
    assert proc.returncode == 0, proc.stderr
    warning = [line for line in proc.stderr.splitlines() if line.startswith("scaffolder: warning")]
    assert len(warning) == 1
    assert str(canonical["checkout"]) in warning[0] and "SCAFFOLDER_TEMPLATE_URL" in warning[0]
    assert answers_of(tmp_path / "probe")["_src_path"] == str(canonical["checkout"])
    publishing = (tmp_path / "probe" / "docs/PUBLISHING.md").read_text(encoding="utf-8")
    assert f"- [ ] {OPEN_ITEM}" in publishing and ".gitlab/ci/template-update.yml" in publishing

    quiet = run_cli("new", str(tmp_path / "none"), *args[2:], "--data=template_updates=none",
                    env={"SCAFFOLDER_PROFILE": "none", "SCAFFOLDER_TEMPLATE_URL": ""})
    assert quiet.returncode == 0 and "scaffolder: warning" not in quiet.stderr
    assert OPEN_ITEM not in (tmp_path / "none" / "docs/PUBLISHING.md").read_text(encoding="utf-8")


def test_plain_copier_records_a_url_given_as_template_source(canonical: dict[str, Path], tmp_path: Path) -> None:
    url = "https://gitlab.example.org/ospo/template.git"
    project = render(tmp_path / "probe", {**CI_JOB, "template_source": url}, src=canonical["checkout"],
                     vcs_ref="v1.0.0")
    assert answers_of(project)["_src_path"] == url
    assert OPEN_ITEM not in (project / "docs/PUBLISHING.md").read_text(encoding="utf-8")
    plain = render(tmp_path / "plain", CI_JOB, src=canonical["checkout"], vcs_ref="v1.0.0")
    assert answers_of(plain)["_src_path"] == str(canonical["checkout"])


def test_adopt_records_the_canonical_url(canonical: dict[str, Path], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAFFOLDER_TEMPLATE_URL", f"file://{canonical['bare']}")
    repo = committed_repo(tmp_path / "existing", {"main.py": "print('hello')\n"})
    data = {**CI_JOB, "software_license": "Apache-2.0"}  # no licence file: the holders name it
    result = adopt(repo, data=data, template=str(canonical["checkout"]), to="v1.0.0", defaults=True)
    assert answers_of(repo)["_src_path"] == f"file://{canonical['bare']}"
    assert result.answers["_src_path"] == f"file://{canonical['bare']}"
