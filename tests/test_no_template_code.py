# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``new``, ``wizard`` and ``adopt`` never run template code (issue 16, item 3).

The template here is this checkout plus every feature copier runs only with
``--trust``: a task, a migration and a Jinja extension, each writing a marker
file.  scaffolder refuses the template in one line; no marker appears.  A
control run of bare copier with ``unsafe=True`` shows the markers would
appear if anything enabled those features.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest

from scaffolder.errors import ScaffolderError
from tests.helpers import REPO, committed_repo, git, run_cli, template_copy
from tests.template_versions import ANSWERS, edit
from tests.wizard_driver import scripted

EXTENSION = '''\
from pathlib import Path

from jinja2.ext import Extension

Path({marker!r}).write_text("the extension module was imported")


class Marker(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        Path({marker!r}).write_text("the extension was loaded")
'''
SCRIPT = "from pathlib import Path\nPath({marker!r}).write_text('ran')\n"
UNSAFE = (
    "_answers_file: .copier-answers.yml\n"
    "_jinja_extensions:\n  - scaffolder_marker_ext.Marker\n"
    '_tasks:\n  - ["{{ _copier_python }}", "{{ _copier_conf.src_path }}/hooks/task_marker.py"]\n'
    "_migrations:\n  - version: v0.0.1\n"
    '    command: ["{{ _copier_python }}", "{{ _copier_conf.src_path }}/hooks/migration_marker.py"]\n'
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    markers = root / "markers"
    markers.mkdir()
    ext = root / "ext"
    ext.mkdir()
    (ext / "scaffolder_marker_ext.py").write_text(EXTENSION.format(marker=str(markers / "extension")))
    tpl = template_copy(root / "template", tag=None)
    (tpl / "hooks" / "task_marker.py").write_text(SCRIPT.format(marker=str(markers / "task")))
    (tpl / "hooks" / "migration_marker.py").write_text(SCRIPT.format(marker=str(markers / "migration")))
    edit(tpl / "copier.yml", "_answers_file: .copier-answers.yml\n", UNSAFE)
    git("add", "-A", cwd=tpl)
    git("commit", "-q", "-m", "every unsafe feature", cwd=tpl)
    git("tag", "v1.0.0", cwd=tpl)
    return {"template": tpl, "markers": markers, "ext": ext}


def _env(hostile: dict[str, Path]) -> dict[str, str]:
    """The extension importable (as if installed), and the template not the organisation's."""
    return {"PYTHONPATH": os.pathsep.join([str(REPO), str(hostile["ext"])]), "SCAFFOLDER_PROFILE": "none"}


def _markers(hostile: dict[str, Path]) -> list[str]:
    return sorted(p.name for p in hostile["markers"].iterdir())


def _refusal(text: str, hostile: dict[str, Path]) -> None:
    line = next(line for line in text.splitlines() if "error" in line)
    assert f"template {hostile['template']} uses jinja_extensions, tasks" in line
    assert "never runs template code" in line


def test_new_runs_no_template_code(hostile: dict[str, Path], tmp_path: Path) -> None:
    proc = run_cli("new", str(tmp_path / "p"), "--template", str(hostile["template"]), "--defaults",
                   *(f"--data={k}={v}" for k, v in ANSWERS.items()), env=_env(hostile))
    assert proc.returncode == 1
    _refusal(proc.stderr, hostile)
    assert _markers(hostile) == []
    assert not (tmp_path / "p").exists()


def test_adopt_runs_no_template_code(hostile: dict[str, Path], tmp_path: Path) -> None:
    repo = committed_repo(tmp_path / "existing", {"main.py": "print('hello')\n"})
    proc = run_cli("adopt", str(repo), "--template", str(hostile["template"]), "--defaults",
                   *(f"--data={k}={v}" for k, v in ANSWERS.items()), "--data=software_license=Apache-2.0",
                   env=_env(hostile))
    assert proc.returncode == 1
    _refusal(proc.stderr, hostile)
    assert _markers(hostile) == []
    assert sorted(p.name for p in repo.iterdir()) == [".git", "main.py"]


def test_the_wizard_runs_no_template_code(
    hostile: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffolder.wizard import run_wizard

    monkeypatch.syspath_prepend(str(hostile["ext"]))
    monkeypatch.setenv("SCAFFOLDER_PROFILE", "none")
    with scripted({"author_email": "team@example.org"}) as prompter, pytest.raises(ScaffolderError) as caught:
        run_wizard(tmp_path / "p", template=str(hostile["template"]), prompter=prompter, require_tty=False)
    _refusal(f"error: {caught.value}", hostile)
    assert _markers(hostile) == []
    assert not (tmp_path / "p").exists()


def test_control_bare_copier_with_trust_would_run_them(hostile: dict[str, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without this, the tests above could pass because the markers can never be written."""
    from copier import run_copy

    monkeypatch.syspath_prepend(str(hostile["ext"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(str(hostile["template"]), tmp_path / "p", data=ANSWERS, defaults=True, quiet=True, unsafe=True)
    assert _markers(hostile) == ["extension", "task"]  # a migration runs on update only
    for marker in hostile["markers"].iterdir():
        marker.unlink()
