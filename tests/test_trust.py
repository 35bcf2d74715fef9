# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Trust follows the template's identity, not its shape (issue 16, docs/security.md).

The templates here are small and hostile: their migration has the reviewed
form (a list-form command running a Python file from the template's own
``hooks/``), and it writes a marker file outside the project.  Only the
organisation's template, or a template the user trusts by name, may run it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import answers_of, git, run_cli

EVIL = "from pathlib import Path\nPath({marker!r}).write_text('template code ran')\n"
MIGRATION = (
    "_migrations:\n"
    "  - version: v2.0.0\n"
    '    command: ["{{ _copier_python }}", "{{ _copier_conf.src_path }}/hooks/evil.py"]\n'
)


def hostile_template(root: Path, marker: Path) -> Path:
    """v1.0.0: one file; v2.0.0: a changed file and a migration of the reviewed form that writes ``marker``."""
    (root / "template").mkdir(parents=True)
    (root / "hooks").mkdir()
    (root / "copier.yml").write_text(
        "_subdirectory: template\n_answers_file: .copier-answers.yml\nname:\n  type: str\n  default: demo\n"
    )
    (root / "template" / "README.md.jinja").write_text("# {{ name }}\n")
    (root / "template" / "{{_copier_conf.answers_file}}.jinja").write_text("{{ _copier_answers|to_nice_yaml }}")
    (root / "hooks" / "evil.py").write_text(EVIL.format(marker=str(marker)))
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "v1", cwd=root)
    git("tag", "v1.0.0", cwd=root)
    (root / "copier.yml").write_text((root / "copier.yml").read_text() + MIGRATION)
    (root / "template" / "README.md.jinja").write_text("# {{ name }}\n\nVersion 2.\n")
    git("commit", "-q", "-am", "v2 with a migration", cwd=root)
    git("tag", "v2.0.0", cwd=root)
    return root


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two hostile templates and a project made from each at v1.0.0 (kept pristine: tests copy them)."""
    root = tmp_path_factory.mktemp("trust")
    out: dict[str, Path] = {}
    for name in ("a", "b"):
        tpl = hostile_template(root / f"template-{name}", root / "markers" / f"ran-{name}")
        made = run_cli("new", str(root / f"project-{name}"), "--template", str(tpl), "--vcs-ref", "v1.0.0",
                       "--defaults", env=_no_organisation())
        assert made.returncode == 0, made.stderr
        out[f"template-{name}"], out[f"project-{name}"] = tpl, root / f"project-{name}"
    (root / "markers").mkdir()
    out["markers"] = root / "markers"
    return out


def _no_organisation(url: str = "") -> dict[str, str]:
    """The machine's organisation template: ``url``, else none that any test template could match."""
    return {"SCAFFOLDER_TEMPLATE_URL": url or "https://ospo.invalid/template.git", "SCAFFOLDER_PROFILE": "none"}


def _project(world: dict[str, Path], name: str, tmp_path: Path) -> Path:
    dest = tmp_path / f"project-{name}"
    shutil.copytree(world[f"project-{name}"], dest, symlinks=True)
    return dest


def _ran(world: dict[str, Path], name: str) -> bool:
    marker = world["markers"] / f"ran-{name}"
    found = marker.exists()
    marker.unlink(missing_ok=True)
    return found


def test_the_issues_exploit_is_refused_in_one_line(world: dict[str, Path], tmp_path: Path) -> None:
    """Issue 16, reproduced: a foreign template's migration of the reviewed form ran without --trust."""
    project = _project(world, "a", tmp_path)
    proc = run_cli("update", str(project), env=_no_organisation())
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert not _ran(world, "a")
    line = next(ln for ln in proc.stdout.splitlines() if "refused" in ln)
    assert str(world["template-a"]) in line and "migrations" in line and "--trust" in line
    assert "foreign template" in line
    assert answers_of(project)["_commit"] == "v1.0.0"
    assert git("status", "--porcelain", cwd=project) == ""


def test_trust_runs_the_template_as_bare_copier_trust_does(world: dict[str, Path], tmp_path: Path) -> None:
    project = _project(world, "a", tmp_path)
    proc = run_cli("update", str(project), "--trust", env=_no_organisation())
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _ran(world, "a")
    assert answers_of(project)["_commit"] == "v2.0.0"


def test_the_organisations_template_runs_its_reviewed_migrations_without_trust(
    world: dict[str, Path], tmp_path: Path
) -> None:
    project = _project(world, "a", tmp_path)
    proc = run_cli("update", str(project), env=_no_organisation(f"file://{world['template-a']}/"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _ran(world, "a")
    assert "foreign" not in proc.stdout


def test_an_answers_file_pointed_at_another_template_is_refused(world: dict[str, Path], tmp_path: Path) -> None:
    """The exploit as the issue tells it: one edited line of .copier-answers.yml."""
    project = _project(world, "a", tmp_path)
    answers = project / ".copier-answers.yml"
    answers.write_text(answers.read_text().replace(str(world["template-a"]), str(world["template-b"])))
    git("commit", "-q", "-am", "point the answers elsewhere", cwd=project)
    proc = run_cli("update", str(project), env=_no_organisation(str(world["template-a"])))
    assert proc.returncode == 1
    assert f"template {world['template-b']} is not the organisation's and uses migrations" in proc.stdout
    assert not _ran(world, "b") and not _ran(world, "a")


def test_a_fleet_trusts_only_the_templates_named(world: dict[str, Path], tmp_path: Path) -> None:
    a, b = _project(world, "a", tmp_path), _project(world, "b", tmp_path)
    everything = run_cli("update", str(a), str(b), "--trust", env=_no_organisation())
    assert everything.returncode == 2
    assert "--trust-template" in everything.stderr and not _ran(world, "a") and not _ran(world, "b")

    proc = run_cli(
        "update", str(a), str(b), "--trust-template", f"file://{world['template-a']}", "--format", "json",
        "--jobs", "1", env=_no_organisation(),
    )
    assert proc.returncode == 1, proc.stderr
    results = {Path(r["path"]).name: r for r in json.loads(proc.stdout)}
    assert results["project-a"]["result"] == "updated"
    assert results["project-b"]["result"] == "refused"
    for name in ("a", "b"):
        assert results[f"project-{name}"]["template"] == "foreign"
        assert results[f"project-{name}"]["source"] == str(world[f"template-{name}"])
    assert _ran(world, "a") and not _ran(world, "b")


def test_the_table_marks_repositories_that_follow_another_template(world: dict[str, Path], tmp_path: Path) -> None:
    a = _project(world, "a", tmp_path)
    proc = run_cli("update", "--check", str(a), env=_no_organisation())
    assert proc.returncode == 1
    row = proc.stdout.splitlines()[-1]
    assert "update available" in row and f"[foreign template {world['template-a']}]" in row
    proc = run_cli("update", "--check", str(a), env=_no_organisation(str(world["template-a"])))
    assert "foreign" not in proc.stdout
