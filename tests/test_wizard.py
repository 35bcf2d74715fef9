# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""`scaffolder wizard`: the flow, the review, cancelling, profiles, and equality with `new`."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from scaffolder.errors import ScaffolderError, UsageError
from scaffolder.evaluate import Contract
from scaffolder.wizard import Cancelled, Profile, Wizard, load_profile, run_wizard
from tests.helpers import GIT_ENV, REPO, answers_of, files_of, render, run_cli
from tests.wizard_driver import CTRL_C, CTRL_U, Keys, data_args, scripted


@pytest.fixture(autouse=True)
def git_identity(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """A known `git config user.name/user.email` (the wizard pre-fills the author from it)."""
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text("[user]\n\tname = Zoë Müller\n\temail = zoe@example.org\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("SCAFFOLDER_PROFILE", raising=False)
    for key in GIT_ENV:
        monkeypatch.delenv(key, raising=False)


# --- a whole run, the review's "change", and equality with `scaffolder new` ---------------

MIXED = {
    "project_kind": "mixed",
    "guide.hardware.know": False,
    "guide.hardware.closed": False,
    "guide.hardware.whole": True,  # -> CERN-OHL-S-2.0
    "guide.software.know": False,
    "guide.software.closed": False,
    "guide.software.whole": False,
    "guide.software.library": True,  # -> LGPL-3.0-or-later
    "guide.docs.know": True,
    "docs_license": "CC-BY-SA-4.0",
    "project_name": ["Beam Monitor", "Beam Position Monitor"],
    "collaboration": "ATLAS",
    "repository_url": "https://gitlab.cern.ch/bpm/beam-position-monitor",
    "review": ["change", "create"],
    "review.change": "project_name",
}


@pytest.fixture(scope="module")
def wizard_run(tmp_path_factory: pytest.TempPathFactory, template_repo: Path) -> dict[str, Any]:
    """One full wizard run on the real prompts: folder asked, one answer changed at the review."""
    base = tmp_path_factory.mktemp("wizard")
    cwd = Path.cwd()
    os.chdir(base)
    mp = pytest.MonkeyPatch()
    try:
        config = base / "gitconfig"
        config.write_text("[user]\n\tname = Zoë Müller\n\temail = zoe@example.org\n", encoding="utf-8")
        mp.setenv("GIT_CONFIG_GLOBAL", str(config))
        mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
        mp.delenv("SCAFFOLDER_PROFILE", raising=False)
        for key in GIT_ENV:
            mp.delenv(key, raising=False)
        with scripted(MIXED) as prompter:
            result = run_wizard(None, template=str(template_repo), prompter=prompter, require_tty=False)
    finally:
        os.chdir(cwd)
        mp.undo()
    return {"result": result, "prompter": prompter, "base": base}


def test_the_steps_come_in_the_documented_order(wizard_run: dict[str, Any]) -> None:
    asked = wizard_run["prompter"].asked
    assert wizard_run["prompter"].unused() == []
    first = [k for k in asked if not k.startswith("guide.")][:13]
    assert first[:4] == ["project_kind", "hardware_license", "software_license", "docs_license"]
    assert first[4:13] == [
        "project_name",
        "project_slug",
        "description",
        "author_name",
        "author_kind",
        "author_email",
        "copyright_holder",
        "collaboration",
        "immunities_clause",
    ]
    assert asked.index("dest") < asked.index("repository_url") < asked.index("forge") < asked.index("review")


def test_author_is_prefilled_from_git_config(wizard_run: dict[str, Any]) -> None:
    prompter = wizard_run["prompter"]
    assert prompter.defaults["author_name"] == "Zoë Müller"
    assert prompter.defaults["author_email"] == "zoe@example.org"


def test_the_project_has_the_answers_and_changed_answers_are_followed(wizard_run: dict[str, Any]) -> None:
    result = wizard_run["result"]
    # the folder was asked (default: the slug), and it followed the slug when the name changed
    assert result.path == wizard_run["base"] / "beam-position-monitor"
    answers = answers_of(result.path)
    assert answers["project_name"] == "Beam Position Monitor"
    assert answers["project_slug"] == "beam-position-monitor"  # left at its default: follows the name
    assert answers["description"] == ""  # empty by default, never the name again
    assert answers["hardware_license"] == "CERN-OHL-S-2.0"
    assert answers["software_license"] == "LGPL-3.0-or-later"
    assert answers["docs_license"] == "CC-BY-SA-4.0"
    assert answers["author_name"] == "Zoë Müller"
    assert answers["collaboration"] == "ATLAS"
    assert result.commit
    out = wizard_run["prompter"].output
    assert "project_slug follows: beam-position-monitor" in out
    assert f"folder follows: {result.path}" in out
    assert "files will be created" in out
    for rel in ("LICENSE", "LICENSES/LGPL-3.0-or-later.txt", "LICENSES/CERN-OHL-S-2.0.txt", "README.md"):
        assert f"\n  {rel}\n" in out


def test_next_steps_show_the_checklist_push_and_updates(wizard_run: dict[str, Any]) -> None:
    out = wizard_run["prompter"].output
    assert "[x] Choose and apply a licence" in out
    assert "[ ] Get approval to publish" in out
    assert "git remote add origin https://gitlab.cern.ch/bpm/beam-position-monitor" in out
    assert "git push -u origin HEAD" in out
    assert "scaffolder update" in out


def test_a_project_from_the_wizard_equals_one_from_new(wizard_run: dict[str, Any], tmp_path: Path) -> None:
    result = wizard_run["result"]
    given = {k: v for k, v in answers_of(result.path).items() if not k.startswith("_")}
    dest = tmp_path / "beam-monitor"
    proc = run_cli(
        "new", str(dest), "--defaults", "--template", answers_of(result.path)["_src_path"], *data_args(given)
    )
    assert proc.returncode == 0, proc.stderr
    assert files_of(dest) == files_of(result.path)


# --- review: quit; cancel; no terminal -------------------------------------------------


def test_quit_at_the_review_writes_nothing(tmp_path: Path, template_repo: Path) -> None:
    dest = tmp_path / "p"
    with scripted({"review": "quit"}) as prompter, pytest.raises(Cancelled) as caught:
        run_wizard(dest, template=str(template_repo), prompter=prompter, require_tty=False)
    assert caught.value.exit_code == 130
    assert "files will be created" in prompter.output  # the review listed the files first
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_writes_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "p"
    with scripted({"project_slug": Keys(CTRL_C)}) as prompter, pytest.raises(KeyboardInterrupt):
        run_wizard(dest, prompter=prompter, require_tty=False)
    assert prompter.asked[-1] == "project_slug"
    assert list(tmp_path.iterdir()) == []


def spawn_wizard(dest: Path, *args: str) -> pexpect.spawn:
    # PROMPT_TOOLKIT_NO_CPR: a pexpect pty never answers cursor-position requests; without it
    # prompt_toolkit waits a second for the answer after each prompt (a real terminal answers).
    env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "scaffolder", "wizard", str(dest), *args],
        env=env,
        encoding="utf-8",
        dimensions=(40, 140),
        timeout=30,
    )


@pytest.mark.parametrize("key", ["ctrl-c", "esc"])
def test_cli_ctrl_c_and_esc_exit_130_with_one_line(tmp_path: Path, key: str) -> None:
    dest = tmp_path / "p"
    child = spawn_wizard(dest)
    child.expect("What the project makes")
    child.send("\r")
    child.expect("already know")
    child.send("y\r")
    child.expect("Licence for the software")
    if key == "esc":
        child.send("\x1b")
    else:
        child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    tail = re.sub(r"\x1b\[[?0-9;]*[A-Za-z]", "", child.before.split("\x1b[?2004l")[-1]).strip()
    assert tail == "scaffolder: interrupted; nothing was written"
    assert list(tmp_path.iterdir()) == []


def test_cli_validates_as_typed_with_the_template_validator(tmp_path: Path) -> None:
    child = spawn_wizard(tmp_path / "p", "--profile", "none")
    child.expect("What the project makes")
    child.send("\x1b[B\x1b[B\x1b[B\r")  # documentation
    child.expect("already know")
    child.send("y\r")
    child.expect("Licence for the documentation")
    child.send("\r")
    child.expect("Human name")
    child.send("\r")
    child.expect("Repository and package name")
    child.send("\x159-bad")
    child.expect("must start with a lower-case letter")
    child.send("\x15good-slug")
    child.expect("good-slug")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_without_a_terminal_it_refuses_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "p"
    proc = run_cli("wizard", str(dest), stdin="")
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "needs a terminal" in lines[0]
    assert "scaffolder new DEST --defaults --data KEY=VALUE" in lines[0]
    assert not dest.exists()
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    with pytest.raises(UsageError, match="needs a terminal"):
        run_wizard(dest)


# --- profiles ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    return Contract(REPO, tmp_path_factory.mktemp("c") / "my-project")


def collect(contract: Contract, profile: Profile, script: dict[str, Any], dest: Path) -> tuple[Any, Any]:
    """Answers from the real prompts; the review lists the files of a real render."""
    from scaffolder.create import new

    def preview(answers: dict[str, Any], where: Path) -> list[str]:
        return new(dest.parent / "preview", data=answers, defaults=True, git=False).files

    with scripted(script) as prompter:
        answers, _ = Wizard(prompter, contract, profile, preview=preview, dest=dest).collect()
    return answers, prompter


def test_profile_overrides_the_template_defaults(tmp_path: Path, contract: Contract) -> None:
    path = tmp_path / "acme.yml"
    path.write_text(
        "_organisation: ACME Research\n"
        "project_kind: documentation\n"
        "copyright_holder: ACME Research\n"
        "forge: gitlab\n"
        "docs_license: CC0-1.0\n",
        encoding="utf-8",
    )
    profile = load_profile(path, contract)
    assert profile.organisation == "ACME Research"
    answers, prompter = collect(contract, profile, {}, tmp_path / "out" / "p")  # Enter everywhere
    assert answers["project_kind"] == "documentation"
    assert answers["copyright_holder"] == "ACME Research"
    assert answers["forge"] == "gitlab"
    assert answers["docs_license"] == "CC0-1.0"  # Enter through the guidance leads to the profile's licence
    assert answers["immunities_clause"] is False  # the template's default, computed from the holder
    titles = {o.value: o.title for o in prompter.options["docs_license"]}
    cc0 = "CC0-1.0: Creative Commons Zero v1.0 Universal (public domain)"
    assert titles["CC0-1.0"] == f"{cc0} [recommended] [ACME Research default]"
    assert titles["CC-BY-4.0"] == "CC-BY-4.0: Creative Commons Attribution 4.0 International (permissive)"


def no_preview(answers: dict[str, Any], where: Path) -> list[str]:
    raise AssertionError("these tests never reach the review")


@pytest.mark.parametrize(
    ("url", "forge", "refused"),
    [
        ("", "github", []),  # no URL: the profile's forge
        ("https://gitlab.cern.ch/bpm/monitor", "gitlab", ["github", "other"]),  # the URL wins
        ("https://github.com/bpm/monitor", "github", ["gitlab", "other"]),
        ("https://git.example.org/bpm/monitor", "other", []),  # a host that names no forge
    ],
)
def test_the_forge_follows_the_repository_url_over_the_profile(
    tmp_path: Path, contract: Contract, url: str, forge: str, refused: list[str]
) -> None:
    cern = load_profile("cern", contract)
    assert cern.answers["forge"] == "github"
    with scripted({}) as prompter:
        wizard = Wizard(prompter, contract, cern, preview=no_preview, dest=tmp_path / "p")
        wizard.answers = {"project_kind": "documentation", "repository_url": url}
        wizard.ask("forge")
    assert prompter.defaults["forge"] == forge and wizard.answers["forge"] == forge
    disabled = {o.value: o.disabled for o in prompter.options["forge"] if o.disabled}
    assert sorted(disabled) == refused
    host, named = ("gitlab.cern.ch", "gitlab") if "gitlab" in url else ("github.com", "github")
    for reason in disabled.values():
        assert reason == f"repository_url {url} is on {host}, so the forge is {named} (or change repository_url)"


def test_changing_the_url_at_the_review_moves_the_forge_with_it(tmp_path: Path, contract: Contract) -> None:
    script = {
        "project_kind": "documentation",
        "repository_url": ["", "https://gitlab.cern.ch/bpm/monitor"],
        "review.change": "repository_url",
    }
    with scripted(script) as prompter:
        wizard = Wizard(prompter, contract, load_profile("cern", contract), preview=no_preview, dest=tmp_path / "p")
        wizard.fill()
        assert wizard.answers["forge"] == "github"  # no URL: the profile's forge
        wizard.change()
    assert wizard.answers["forge"] == "gitlab"
    assert "forge follows: gitlab" in prompter.output


def test_profile_from_the_environment_and_built_in(
    tmp_path: Path, contract: Contract, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.yml"
    path.write_text("forge: other\n", encoding="utf-8")
    monkeypatch.setenv("SCAFFOLDER_PROFILE", str(path))
    assert load_profile(None, contract).answers == {"forge": "other"}
    assert load_profile("none", contract).answers == {}
    monkeypatch.delenv("SCAFFOLDER_PROFILE")
    cern = load_profile(None, contract)
    assert cern.organisation == "CERN"
    assert cern.answers["copyright_holder"] == "CERN"
    assert cern == load_profile("cern", contract)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("licence: MIT\n", "'licence' is not a question of the questionnaire; the questions are: "),
        ("main_license: MIT\n", "'main_license' is computed from other answers, not asked"),
        (
            "forge: sourceforge\n",
            "forge: 'sourceforge' is not accepted: expected one of: github, gitlab, other",
        ),
        ("software_license: CERN-OHL-W-2.0\n", "software_license: 'CERN-OHL-W-2.0' is not accepted"),
        ("copyright_year: soon\n", "copyright_year: 'soon' is not accepted: expected a whole number"),
        ("- a\n- b\n", "must be a mapping"),
        ("forge: [\n", "not valid YAML"),
    ],
)
def test_profile_errors_are_clear(tmp_path: Path, contract: Contract, text: str, message: str) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScaffolderError) as caught:
        load_profile(path, contract)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_cli_reports_a_bad_profile_in_one_line(tmp_path: Path) -> None:
    child = spawn_wizard(tmp_path / "p", "--profile", str(tmp_path / "missing.yml"))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert child.before.strip().startswith("scaffolder: error: profile ")
    assert len(child.before.strip().splitlines()) == 1


# --- the questionnaire as the wizard evaluates it ----------------------------------------


def test_wizard_defaults_are_the_templates(tmp_path: Path, contract: Contract) -> None:
    """Every default the wizard offers is what copier itself takes with --defaults."""
    project = render(tmp_path / "my-project", {})
    stored = {k: v for k, v in answers_of(project).items() if not k.startswith("_")}
    ctx = Contract(REPO, tmp_path / "my-project").context({})
    assert {k: ctx[k] for k in stored} == stored


@pytest.mark.parametrize(
    ("name", "typed", "ok"),
    [
        ("project_slug", "9-bad", False),
        ("project_slug", "good-slug", True),
        ("project_slug", "bad-", False),
        ("author_email", "not-an-address", False),
        ("author_email", "", True),
        ("author_email", "zoe@example.org", True),
        ("copyright_year", "1900", False),
        ("copyright_year", "next year", False),
        ("copyright_year", "2024", True),
        ("project_name", "  ", False),
    ],
)
def test_validation_as_typed(contract: Contract, name: str, typed: str, ok: bool) -> None:
    q = contract.questions[name]
    message = contract.validate_text(q, typed, contract.context({}))
    assert (message == "") is ok, message


def test_light_filters_agree_with_jinja2_ansible_filters() -> None:
    from jinja2_ansible_filters.core_filters import FilterModule

    from scaffolder.evaluate import LIGHT_FILTERS

    full = FilterModule().filters()

    cases = [
        ("regex_search", ("Zoë's Board", "^[a-z]"), {}),
        ("regex_search", ("abc-1", "^[a-z]([a-z0-9-]{0,62}[a-z0-9])?$"), {}),
        ("regex_search", ("ABC", "b"), {"ignorecase": True}),
        ("regex_replace", ("Hello World!", "[^a-z0-9]+", "-"), {}),
        ("regex_replace", ("--x--", "-+$", ""), {}),
        ("regex_replace", ("a.b", "(a)\\.(b)", "\\2\\1"), {}),
        ("strftime", ("%Y",), {}),
        ("basename", ("/tmp/some/project",), {}),
        ("to_json", ({"a": ["ü", 1]},), {}),
    ]
    for name, args, kwargs in cases:
        assert LIGHT_FILTERS[name](*args, **kwargs) == full[name](*args, **kwargs), name


def test_conditions_and_filters_beyond_the_light_set(tmp_path: Path) -> None:
    (tmp_path / "copier.yml").write_text(
        "a:\n  type: str\n  default: x\n"
        'b:\n  type: str\n  when: "{{ a | nosuchfilter }}"\n'
        "c:\n  type: str\n  default: \"{{ 'docs/a.md' | splitext | first }}\"\n"
        "d:\n  type: bool\n  when: \"{{ a == 'x' }}\"\n",
        encoding="utf-8",
    )
    c = Contract(tmp_path)
    ctx = c.context({})
    assert c.when(c.questions["b"], ctx) is None  # cannot be evaluated: not asked, copier decides
    assert ctx["c"] == "docs/a"  # needs the full jinja2-ansible-filters
    assert c.when(c.questions["d"], ctx) is True
    assert c.when(c.questions["d"], c.context({"a": "y"})) is False


# --- questions that other parts of the questionnaire add --------------------------------

EXTRA = """\
contribution_model:
  type: str
  help: How contributions are accepted
  choices:
    "Developer Certificate of Origin (git commit -s)": dco
    "Inbound = outbound (the forge's terms)": inbound-outbound
  default: "{{ 'dco' if forge == 'gitlab' else 'inbound-outbound' }}"
code_of_conduct:
  type: bool
  help: Add a code of conduct
  default: true
conduct_contact:
  type: str
  help: Where to report conduct problems
  when: "{{ code_of_conduct }}"
  default: "{{ author_email }}"
  validator: "{% if not conduct_contact %}must not be empty{% endif %}"
ci_checks:
  type: str
  help: What CI runs
  multiselect: true
  choices: [lint, test, reuse]
  default: "[test, reuse]"
board_revision:
  type: str
  help: Board revision
  when: "{{ 'hardware' in licence_catalogue[0].parts[project_kind] }}"
  default: A
odd_condition:
  type: str
  help: Asked only when a filter nobody has says so
  when: "{{ forge | no_such_filter }}"
  default: left-to-the-template
"""


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Contract:
    """This template plus questions like those the community, software and hardware parts add."""
    root = tmp_path_factory.mktemp("extended")
    for rel in ("copier.yml", "questions", "scaffolder/data/licences.yml", "scaffolder/data/names.yml",
                "scaffolder/data/community/repostatus.yml"):
        src = REPO / rel
        if src.is_dir():
            for f in src.glob("*.yml"):
                (root / rel).mkdir(parents=True, exist_ok=True)
                (root / rel / f.name).write_bytes(f.read_bytes())
        else:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(src.read_bytes())
    (root / "questions" / "wizard-test.yml").write_text(EXTRA, encoding="utf-8")
    with (root / "copier.yml").open("a", encoding="utf-8") as f:
        f.write("---\n!include questions/wizard-test.yml\n")
    return Contract(root, root / "out" / "p")


def test_every_other_question_is_asked_generically(extended: Contract, tmp_path: Path) -> None:
    script = {
        "project_kind": "software",
        "guide.software.know": True,
        "guide.docs.know": True,
        "forge": "gitlab",
        # Enter on the empty default is refused inline by the validator; then a value is typed
        "conduct_contact": Keys(CTRL_U + "\r" + "conduct@example.org\r"),
        "ci_checks": Keys(" \r"),  # toggle the first (lint) on
    }
    with scripted(script) as prompter:
        wizard = Wizard(
            prompter, extended, Profile("", "none"), preview=lambda a, d: ["README.md"], dest=tmp_path
        )
        answers, _ = wizard.collect()
    assert prompter.defaults["contribution_model"] == "dco"  # the template's Jinja default, after forge
    assert answers["contribution_model"] == "dco"
    assert answers["code_of_conduct"] is True
    assert prompter.defaults["conduct_contact"] == ""  # the author e-mail, empty here
    assert answers["conduct_contact"] == "conduct@example.org"
    assert prompter.options["ci_checks"] and answers["ci_checks"] == ["lint", "test", "reuse"]
    assert "board_revision" not in answers  # `when` false for software
    assert "odd_condition" not in answers  # `when` cannot be evaluated: left to the template
    assert prompter.asked.index("forge") < prompter.asked.index("contribution_model")


def test_changing_the_kind_at_the_review_asks_what_now_applies(extended: Contract, tmp_path: Path) -> None:
    script = {
        "project_kind": ["software", "hardware"],
        "review": ["change", "create"],
        "review.change": "project_kind",
        "repository_url": "https://example.org/board",
        "conduct_contact": "conduct@example.org",
    }
    with scripted(script) as prompter:
        wizard = Wizard(
            prompter, extended, Profile("", "none"), preview=lambda a, d: ["README.md"], dest=tmp_path
        )
        answers, _ = wizard.collect()
    assert answers["project_kind"] == "hardware"
    assert "software_license" not in answers
    assert answers["hardware_license"] == "CERN-OHL-W-2.0"
    assert answers["board_revision"] == "A"
    assert prompter.unused() == []


def test_help_imports_neither_copier_nor_the_prompt_library() -> None:
    import subprocess

    code = (
        "import sys; from scaffolder.cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('copier', 'questionary', 'prompt_toolkit', 'jinja2') if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout.strip() == "[]", proc.stderr
    assert "wizard" in run_cli("--help").stdout


def test_the_first_question_comes_before_copier_is_imported() -> None:
    import subprocess

    code = (
        "import sys\n"
        "from scaffolder.prompts import Prompter\n"
        "from scaffolder.wizard import run_wizard\n"
        "class Stop(Exception): pass\n"
        "class P(Prompter):\n"
        "    def before_prompt(self, key, kind, **kw):\n"
        "        print(key, sorted(m for m in ('copier', 'jinja2_ansible_filters') if m in sys.modules))\n"
        "        raise Stop\n"
        "try:\n"
        "    quiet = P(out=open('/dev/null', 'w'))\n"
        "    run_wizard('/nonexistent/first-question', prompter=quiet, require_tty=False)\n"
        "except Stop:\n"
        "    pass\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.stdout.strip() == "project_kind []", proc.stderr


@pytest.mark.parametrize("typed", ["n\r", "n\r\r"], ids=["n-enter", "n-enter-enter"])
def test_cli_keys_typed_on_a_yes_no_prompt_answer_only_that_prompt(tmp_path: Path, typed: str) -> None:
    """`n` Enter answers "do you know the licence?" and nothing else: the next question waits.

    A key typed ahead (the second Enter) is dropped too: it was typed before the question was shown.
    """
    child = spawn_wizard(tmp_path / "p", "--profile", "none")
    child.expect("What the project makes")
    child.send("\r")  # software
    child.expect("already know")
    child.send(typed)
    child.expect("May others build closed-source products")
    # The Enter must not have reached this question: had it, its default (yes) would lead on
    # to the patents question at once.
    assert child.expect(["Should contributors", "Must the whole", pexpect.TIMEOUT], timeout=2) == 2
    child.send("n\r")  # no closed products: the next question is the one "no" leads to
    child.expect("Must the whole combined work stay open")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert list(tmp_path.iterdir()) == []
