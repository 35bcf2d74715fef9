# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""What scaffolder/_copier_speed/ relies on in copier, Jinja and PyYAML (issue 15).

These fail loudly when a release of copier or Jinja moves what the speed-ups
reach into: the speed-ups would then silently do nothing, or worse.  That
scaffolder's projects stay byte-identical to plain copier's is checked in
tests/test_software.py (test_scaffolder_new_makes_byte_for_byte_what_plain_copier_makes).
"""

from __future__ import annotations

import inspect
import os
import stat
from pathlib import Path

import jinja2
import pytest
import yaml

from scaffolder import _copier_speed
from tests.helpers import files_of, git


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "scaffolder" / "jinja-code"


def _copier_env() -> jinja2.Environment:
    from copier._jinja_ext import SandboxedEnvironment

    return SandboxedEnvironment(extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"],
                                keep_trailing_newline=True)


def test_copier_makes_its_environments_from_the_class_the_cache_patches() -> None:
    from copier import _main
    from copier._jinja_ext import SandboxedEnvironment

    assert _main.SandboxedEnvironment is SandboxedEnvironment
    assert "SandboxedEnvironment(" in inspect.getsource(_main.Worker.__dict__["jinja_env"].func)
    assert "compile" not in SandboxedEnvironment.__dict__  # nothing of copier's own to wrap


def test_jinja_compiles_strings_and_files_through_environment_compile() -> None:
    params = list(inspect.signature(jinja2.Environment.compile).parameters)
    assert params == ["self", "source", "name", "filename", "raw", "defer_init"]
    assert "self.compile(source)" in inspect.getsource(jinja2.Environment.from_string)
    assert "environment.compile(source, name, filename)" in inspect.getsource(jinja2.loaders.BaseLoader.load)
    env = _copier_env()
    for option in _copier_speed._compile._LEXER_OPTIONS:
        assert hasattr(env, option), option


def test_copier_reads_yaml_through_its_module_attribute() -> None:
    from copier import _template, _user_data

    assert _template.yaml is yaml and _user_data.yaml is yaml
    assert "yaml.SafeLoader" in inspect.getsource(_template.load_template_config)
    assert "yaml.safe_load(" in inspect.getsource(_user_data.parse_yaml_string)
    assert hasattr(yaml, "CSafeLoader"), "PyYAML without libyaml: copier.yml is read by the slow loader"


def test_inside_faster_a_string_is_compiled_once_and_renders_the_same(cache_home: Path) -> None:
    from copier import _template, _user_data
    from copier._jinja_ext import SandboxedEnvironment

    source = "{{ name | upper }}-{% for i in range(3) %}{{ i }}{% endfor %}"
    plain = _copier_env().from_string(source).render(name="x")
    calls: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, src: str, *args: object, **kwargs: object) -> object:
        calls.append(src)
        return original(self, src, *args, **kwargs)  # type: ignore[arg-type]

    jinja2.Environment.compile = counting  # type: ignore[method-assign]
    try:
        with _copier_speed.faster():
            assert _template.yaml is not yaml and _user_data.yaml.SafeLoader is yaml.CSafeLoader
            with _copier_speed.faster():  # re-entrant
                first = _copier_env().from_string(source).render(name="x")
            second = _copier_env().from_string(source).render(name="x")  # another environment, as copier makes
    finally:
        jinja2.Environment.compile = original  # type: ignore[method-assign]
    assert first == second == plain == "X-012"
    assert calls.count(source) == 1
    assert any(cache_home.glob("*.code")), "nothing kept for the next process"
    # undone afterwards
    assert "compile" not in SandboxedEnvironment.__dict__
    assert _template.yaml is yaml and _user_data.yaml is yaml


def test_the_next_process_reads_the_code_from_disk(cache_home: Path) -> None:
    source = "{{ 'next process' ~ n }}"
    with _copier_speed.faster():
        _copier_env().from_string(source)
    _copier_speed._compile._CODE.clear()  # as in a new process
    original = jinja2.Environment.compile
    calls: list[str] = []
    jinja2.Environment.compile = lambda self, src, *a, **k: calls.append(src) or original(self, src, *a, **k)  # type: ignore[method-assign]
    try:
        with _copier_speed.faster():
            rendered = _copier_env().from_string(source).render(n=2)
    finally:
        jinja2.Environment.compile = original  # type: ignore[method-assign]
    assert rendered == "next process2"
    assert source not in calls


def test_environments_that_compile_differently_never_share_code(cache_home: Path) -> None:
    from copier._jinja_ext import SandboxedEnvironment

    source = "<< x >>{{ x }}\n"
    with _copier_speed.faster():
        braces = _copier_env().from_string(source).render(x=1)
        angles = SandboxedEnvironment(variable_start_string="<<", variable_end_string=">>").from_string(source)
        assert angles.render(x=1) == "1{{ x }}"
    assert braces == "<< x >>1\n"


def test_a_file_template_keeps_its_own_file_name(tmp_path: Path, cache_home: Path) -> None:
    from copier._jinja_ext import SandboxedEnvironment

    for clone in ("a", "b"):
        (tmp_path / clone).mkdir()
        (tmp_path / clone / "f.jinja").write_text("{{ 1 // 0 }}\n")
    with _copier_speed.faster():
        for clone in ("a", "b"):
            env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(tmp_path / clone))
            template = env.get_template("f.jinja")
            assert template.filename == str(tmp_path / clone / "f.jinja")
            with pytest.raises(ZeroDivisionError) as err:
                template.render()
            assert any(str(tmp_path / clone / "f.jinja") == str(entry.path) for entry in err.traceback)


def test_a_cache_folder_others_may_write_is_not_read(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    cache_home.chmod(0o777)
    with _copier_speed.faster():
        _copier_env().from_string("{{ 'shared folder' }}")
    assert not any(cache_home.glob("*.code"))
    assert stat.S_IMODE(os.stat(cache_home).st_mode) == 0o777


def _tiny_template(root: Path) -> Path:
    (root / "template").mkdir(parents=True)
    (root / "copier.yml").write_text("_subdirectory: template\nname:\n  type: str\n  default: tiny\n")
    (root / "template" / "README.md.jinja").write_text("# {{ name }} one\n")
    (root / "template" / "{{_copier_conf.answers_file}}.jinja").write_text("{{ _copier_answers|to_nice_yaml -}}\n")
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "one", cwd=root)
    git("tag", "v1", cwd=root)
    return root


def test_copier_clones_a_template_through_the_module_function_the_speed_up_replaces() -> None:
    from copier import _template, _vcs

    assert _template.clone is _vcs.clone
    source = inspect.getsource(_template.Template.__dict__["local_abspath"].func)
    assert "clone(" in source and "location=str(self._temp_clone_path)" in source
    assert list(inspect.signature(_vcs.clone).parameters) == ["url", "ref", "location"]


def _copy(src: Path | str, dest: Path, ref: str) -> dict[str, object]:
    """Plain ``run_copy`` inside :func:`faster`; the answers copier recorded."""
    import warnings

    from copier import run_copy

    with _copier_speed.faster(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(str(src), dest, vcs_ref=ref, defaults=True, quiet=True)
    return yaml.safe_load((dest / ".copier-answers.yml").read_text())


def _on_disk(cache: Path) -> list[Path]:
    folder = cache / "scaffolder" / "template-clones"
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def test_a_clone_is_lent_within_the_process_and_to_the_next_one(tmp_path: Path, cache_home: Path) -> None:
    cache = cache_home.parent.parent
    src = _tiny_template(tmp_path / "tpl")
    _copier_speed.give_back_all()
    _copy(src, tmp_path / "p1", "v1")
    _copy(src, tmp_path / "p2", "v1")
    [clone] = _copier_speed.lent_clones()
    assert _on_disk(cache) == [clone]
    assert git("status", "--porcelain", "--ignored", cwd=clone) == ""  # copier only read it
    inode = clone.stat().st_ino
    _copier_speed.give_back_all()  # what happens when the process ends: the clone stays for the next one
    assert clone.stat().st_ino == inode
    assert _copy(src, tmp_path / "p3", "HEAD")["_commit"] == "v1"  # HEAD of a clean tree: the same commit
    assert _copier_speed.lent_clones() == [clone] and clone.stat().st_ino == inode
    assert [(tmp_path / f"p{n}" / "README.md").read_text() for n in (1, 2, 3)] == ["# tiny one\n"] * 3
    _copier_speed.give_back_all()


def test_a_moved_or_added_tag_or_a_dirty_head_gets_a_clone_of_its_own(tmp_path: Path, cache_home: Path) -> None:
    src = _tiny_template(tmp_path / "tpl")
    _copier_speed.give_back_all()
    _copy(src, tmp_path / "p1", "v1")
    (src / "template" / "README.md.jinja").write_text("# {{ name }} two\n")
    git("commit", "-q", "-am", "two", cwd=src)
    head = _copy(src, tmp_path / "p2", "HEAD")["_commit"]
    assert str(head).startswith("v1-1-g")
    git("tag", "v2", cwd=src)  # the same commit, but copier describes it differently now
    assert _copy(src, tmp_path / "p3", "HEAD")["_commit"] == "v2"
    git("tag", "-f", "v1", cwd=src)  # moved
    assert _copy(src, tmp_path / "p4", "v1")["_commit"] in ("v1", "v2")
    (src / "template" / "README.md.jinja").write_text("# {{ name }} dirty\n")
    _copy(src, tmp_path / "p5", "HEAD")  # uncommitted changes: never lent, copier adds them
    assert [(tmp_path / f"p{n}" / "README.md").read_text() for n in range(1, 6)] == [
        "# tiny one\n", "# tiny two\n", "# tiny two\n", "# tiny two\n", "# tiny dirty\n"]
    assert len(_copier_speed.lent_clones()) == 4  # v1, HEAD before and after v2, v1 moved; not the dirty HEAD
    _copier_speed.give_back_all()


def test_a_clone_changed_on_disk_is_made_again(tmp_path: Path, cache_home: Path) -> None:
    src = _tiny_template(tmp_path / "tpl")
    _copier_speed.give_back_all()
    _copy(src, tmp_path / "p1", "v1")
    [clone] = _copier_speed.lent_clones()
    _copier_speed.give_back_all()
    (clone / "template" / "INJECTED.md").write_text("not from the template\n")
    (clone / "template" / "README.md.jinja").write_text("# changed\n")
    _copy(src, tmp_path / "p2", "v1")
    assert sorted(p.name for p in (tmp_path / "p2").iterdir()) == [".copier-answers.yml", "README.md"]
    assert (tmp_path / "p2" / "README.md").read_text() == "# tiny one\n"
    [again] = _copier_speed.lent_clones()
    assert not (again / "template" / "INJECTED.md").exists()
    _copier_speed.give_back_all()


def test_clones_beyond_the_limit_go_unless_another_process_reads_them(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    from scaffolder._copier_speed import _clones

    cache = cache_home.parent.parent
    monkeypatch.setattr(_clones, "_MAX_KEPT", 2)
    _copier_speed.give_back_all()
    templates = [_tiny_template(tmp_path / f"tpl{n}") for n in range(4)]
    _copy(templates[0], tmp_path / "p0", "v1")
    [first] = _copier_speed.lent_clones()
    _copier_speed.give_back_all()
    reader = os.open(first, os.O_RDONLY)  # another open file: as another process holding its shared lock
    fcntl.flock(reader, fcntl.LOCK_SH)
    try:
        for n in (1, 2, 3):
            _copy(templates[n], tmp_path / f"p{n}", "v1")
            _copier_speed.give_back_all()
        kept = _on_disk(cache)
        assert first in kept and len(kept) == 2  # the oldest, but read: kept; the others beyond 2: removed
    finally:
        os.close(reader)
    assert [(tmp_path / f"p{n}" / "README.md").read_text() for n in range(4)] == ["# tiny one\n"] * 4


def test_without_a_private_cache_folder_clones_are_the_process_own(tmp_path: Path, cache_home: Path) -> None:
    folder = cache_home.parent / "template-clones"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    src = _tiny_template(tmp_path / "tpl")
    _copier_speed.give_back_all()
    _copy(src, tmp_path / "p1", "v1")
    _copy(src, tmp_path / "p2", "v1")
    [clone] = _copier_speed.lent_clones()
    assert folder not in clone.parents and not any(folder.iterdir())
    _copier_speed.give_back_all()
    assert not clone.exists()


def test_two_processes_borrow_one_clone_at_once(tmp_path: Path, cache_home: Path) -> None:
    import subprocess
    import sys

    cache = cache_home.parent.parent
    src = _tiny_template(tmp_path / "tpl")
    code = ("import sys; from pathlib import Path; from tests.test_copier_speed import _copy; "
            "_copy(Path(sys.argv[1]), Path(sys.argv[2]), 'v1')")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "PYTHONPATH": str(Path(__file__).parent.parent)}
    procs = [subprocess.Popen([sys.executable, "-c", code, str(src), str(tmp_path / f"p{n}")], env=env,
                              stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    errors = [proc.communicate(timeout=120)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], errors
    assert [(tmp_path / f"p{n}" / "README.md").read_text() for n in (1, 2)] == ["# tiny one\n"] * 2
    assert len(_on_disk(cache)) == 1
    assert not [p for p in (cache / "scaffolder" / "template-clones").iterdir() if p.name.startswith(".")]


def test_copier_clones_a_remote_template_from_the_mirror_the_lending_clones_from() -> None:
    from copier import _vcs

    assert list(inspect.signature(_vcs._get_or_create_mirror).parameters) == ["url"]
    assert list(inspect.signature(_vcs._is_remote).parameters) == ["url"]
    source = inspect.getsource(_vcs.clone)
    assert "if _is_remote(url):" in source and "_get_or_create_mirror(url)" in source


def _remote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """The tiny template pushed to a bare repository, and its ``file://`` URL (copier treats it as remote)."""
    monkeypatch.setenv("COPIER_CACHE_DIR", str(tmp_path / "copier-mirrors"))
    src = _tiny_template(tmp_path / "tpl")
    git("clone", "-q", "--bare", str(src), str(tmp_path / "remote.git"), cwd=tmp_path)
    git("remote", "add", "origin", str(tmp_path / "remote.git"), cwd=src)
    return src, (tmp_path / "remote.git").as_uri()


def test_a_remote_template_is_fetched_once_per_block_and_renders_as_plain_copier_does(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warnings

    from copier import _vcs, run_copy

    src, url = _remote(tmp_path, monkeypatch)
    fetched: list[str] = []
    real = _vcs._get_or_create_mirror
    monkeypatch.setattr(_vcs, "_get_or_create_mirror", lambda u: fetched.append(u) or real(u))
    _copier_speed.give_back_all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(url, tmp_path / "plain", vcs_ref="v1", defaults=True, quiet=True)
    assert len(fetched) == 1
    with _copier_speed.faster():
        _copy(src, tmp_path / "unused", "v1")  # a local source in the same block: no fetch
        for n in (1, 2):
            _copy(url, tmp_path / f"p{n}", "v1")
    assert len(fetched) == 2  # once in the block, for two copies
    [_, remote_clone] = _copier_speed.lent_clones()
    assert Path(_vcs._get_mirror_path(url)) in [Path(p) for p in git(
        "remote", "get-url", "origin", cwd=remote_clone).split()]
    for n in (1, 2):
        assert files_of(tmp_path / f"p{n}") == files_of(tmp_path / "plain")
    (src / "template" / "README.md.jinja").write_text("# {{ name }} two\n")
    git("commit", "-q", "-am", "two", cwd=src)
    git("tag", "-f", "v1", cwd=src)
    git("push", "-q", "--force", "origin", "main", "v1", cwd=src)
    assert _copy(url, tmp_path / "p3", "v1")["_commit"] == "v1"  # a new block fetches the moved tag
    assert (tmp_path / "p3" / "README.md").read_text() == "# tiny two\n"
    _copier_speed.give_back_all()


def test_a_remote_template_with_submodules_is_not_lent(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, url = _remote(tmp_path, monkeypatch)
    (src / ".gitmodules").write_text("")
    git("add", ".gitmodules", cwd=src)
    git("commit", "-q", "-m", "submodules", cwd=src)
    git("tag", "v2", cwd=src)
    git("push", "-q", "origin", "main", "v2", cwd=src)
    _copier_speed.give_back_all()
    _copy(url, tmp_path / "p1", "v2")
    assert _copier_speed.lent_clones() == []
    assert (tmp_path / "p1" / "README.md").read_text() == "# tiny one\n"


def test_copier_asks_git_for_core_filemode_for_each_file_and_acts_only_on_false() -> None:
    from copier._main import Worker

    method = Worker._sync_git_index_executable_bit
    assert list(inspect.signature(method).parameters) == ["self", "dst_relpath", "src_mode"]
    source = inspect.getsource(method)
    assert "subproject_root = self.subproject.local_abspath" in source
    assert '"config", "--type=bool", "--get", "core.fileMode"' in source
    assert 'if file_mode_setting != "false":\n            # git will pick up' in source


@pytest.mark.parametrize("file_mode", ["true", "false"])
def test_core_filemode_is_asked_once_and_an_executable_bit_still_reaches_the_index(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch, file_mode: str
) -> None:
    from scaffolder import gitops

    src = _tiny_template(tmp_path / "tpl")
    for name in ("run.sh", "other.sh"):
        (src / "template" / name).write_text("#!/bin/sh\n")
        (src / "template" / name).chmod(0o755)
    git("add", "-A", cwd=src)
    git("commit", "-q", "-m", "scripts", cwd=src)
    git("tag", "v2", cwd=src)
    import warnings

    from copier import run_copy

    def destination(name: str) -> Path:
        dest = tmp_path / name
        dest.mkdir()
        git("init", "-q", cwd=dest)
        git("config", "core.fileMode", file_mode, cwd=dest)
        (dest / "run.sh").write_text("#!/bin/sh\n")
        git("add", "run.sh", cwd=dest)  # tracked as 100644
        return dest

    plain, ours = destination("plain"), destination("ours")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(str(src), plain, vcs_ref="v2", defaults=True, quiet=True, overwrite=True)
    asked: list[tuple[str, ...]] = []
    real = gitops.git

    def counting(*args: str, **kwargs: object) -> str:
        if "core.fileMode" in args:
            asked.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(gitops, "git", counting)
    _copier_speed.give_back_all()
    with _copier_speed.faster(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(str(src), ours, vcs_ref="v2", defaults=True, quiet=True, overwrite=True)
    assert len(asked) == 1  # four files rendered, one question
    index = [git("ls-files", "--stage", "--", "run.sh", cwd=dest).split()[0] for dest in (plain, ours)]
    assert index == ["100755" if file_mode == "false" else "100644"] * 2  # as plain copier does
    _copier_speed.give_back_all()


def test_copier_keeps_its_update_scratch_folders_in_tempfile_s_default_folder() -> None:
    from copier import _main

    source = inspect.getsource(_main.Worker._apply_update)
    assert source.count("TemporaryDirectory(") == 2 and "dir=" not in source.split("as new_copy")[0]


def test_scratch_folders_go_to_memory_only_inside_the_block_and_when_nobody_chose_a_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tempfile

    from scaffolder._copier_speed import _scratch

    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    before = tempfile.gettempdir()
    expected = _scratch.scratch_folder()
    if Path("/dev/shm").is_dir() and os.statvfs("/dev/shm").f_bavail * os.statvfs("/dev/shm").f_frsize > 2**30:
        assert expected == Path(f"/dev/shm/scaffolder-{os.getuid()}")  # this machine and CI: a tmpfs of GiBs
    with _copier_speed.faster():
        assert tempfile.gettempdir() == str(expected or before)
        with tempfile.TemporaryDirectory() as scratch:
            assert Path(scratch).parent == (expected or Path(before))
    assert tempfile.gettempdir() == before
    monkeypatch.setenv("TMPDIR", before)
    with _copier_speed.faster():
        assert tempfile.gettempdir() == before  # the user's choice stands


@pytest.mark.parametrize("problem", ["others may write", "a link", "too little free", "not tmpfs"])
def test_a_scratch_folder_that_is_not_safe_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problem: str
) -> None:
    from scaffolder._copier_speed import _scratch

    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    shm = tmp_path / "shm"
    shm.mkdir()
    monkeypatch.setattr(_scratch, "_SHM", shm)
    monkeypatch.setattr(_scratch, "_is_tmpfs", lambda path: problem != "not tmpfs")
    monkeypatch.setattr(_scratch, "_MIN_FREE", 2**62 if problem == "too little free" else 1)
    folder = shm / f"scaffolder-{os.getuid()}"
    if problem == "others may write":
        folder.mkdir(mode=0o777)
        folder.chmod(0o777)
    if problem == "a link":
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        folder.symlink_to(tmp_path / "elsewhere")
    assert _scratch.scratch_folder() is None
    monkeypatch.setattr(_scratch, "_is_tmpfs", lambda path: True)
    monkeypatch.setattr(_scratch, "_MIN_FREE", 1)
    if problem in ("not tmpfs", "too little free"):
        assert _scratch.scratch_folder() == folder  # the control: safe, it is used
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_dev_shm_is_recognised_as_tmpfs_as_the_kernel_reports_it() -> None:
    import shutil
    import subprocess

    from scaffolder._copier_speed import _scratch

    if shutil.which("stat") is None or not Path("/proc/self/mounts").exists():
        pytest.skip("needs Linux and coreutils' stat (Debian package coreutils)")
    for path in (Path("/dev/shm"), Path("/proc"), Path("/")):
        kind = subprocess.run(["stat", "-f", "-c", "%T", str(path)], capture_output=True, text=True).stdout.strip()
        assert _scratch._is_tmpfs(path) == (kind == "tmpfs"), (path, kind)


def test_copier_reads_the_facts_of_a_clone_through_cached_properties() -> None:
    from functools import cached_property

    from copier._template import Template

    from scaffolder._copier_speed import _clone_facts

    for name in _clone_facts.NAMES:
        prop = Template.__dict__[name]
        assert isinstance(prop, cached_property), name
        assert "self.local_abspath" in inspect.getsource(prop.func), name


def test_the_facts_of_a_lent_clone_are_asked_once_and_are_those_copier_finds(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import warnings

    from copier._template import Template

    from scaffolder._copier_speed import _clone_facts

    src = _tiny_template(tmp_path / "tpl")
    (src / "template" / "run.sh").write_text("#!/bin/sh\n")
    (src / "template" / "run.sh").chmod(0o755)
    git("add", "-A", cwd=src)
    git("commit", "-q", "-m", "two", cwd=src)  # v1-1-g...: a version dunamai computes from the history

    def facts() -> dict[str, object]:
        template = Template(url=str(src), ref="HEAD")
        found = {name: getattr(template, name) for name in _clone_facts.NAMES}
        found["clone"] = template.local_abspath
        return found

    run_in: list[str] = []  # the folder of every git process (plumbum's, dunamai's, scaffolder's)
    real_init = subprocess.Popen.__init__

    def recording(self: subprocess.Popen[bytes], args: object, *rest: object, **kwargs: object) -> None:
        if isinstance(args, (list, tuple)) and args and str(args[0]).endswith("git"):
            run_in.append(str(kwargs.get("cwd") or Path.cwd()))
            run_in.extend(str(arg) for arg in args if str(arg).startswith("/"))  # git -C FOLDER
        real_init(self, args, *rest, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(subprocess.Popen, "__init__", recording)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = facts()
    plain_clone = str(want.pop("clone"))
    assert sum(folder.startswith(plain_clone) for folder in run_in) >= 6  # the control: copier asks git each
    assert "post1" in str(want["version"]) and want["git_index_modes"]
    _copier_speed.give_back_all()
    with _copier_speed.faster():
        first = facts()
        clone = str(first.pop("clone"))
        run_in.clear()
        again = [facts() for _ in range(2)]
    assert [first, *({k: v for k, v in f.items() if k != "clone"} for f in again)] == [want] * 3
    assert not [folder for folder in run_in if folder.startswith(clone)]  # asked once, in the first round
    (src / "template" / "run.sh").write_text("#!/bin/sh\necho dirty\n")  # uncommitted: not lent, asked
    with _copier_speed.faster(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dirty = Template(url=str(src), ref="HEAD")
        assert _copier_speed._clones.lent_key(Path(dirty.local_abspath)) is None
        assert dirty.commit_hash != want["commit_hash"]  # copier's commit of the uncommitted changes
        dirty._cleanup()
    _copier_speed.give_back_all()
