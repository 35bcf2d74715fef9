# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder wizard``: a guided questionnaire for people who do not know licences.

The wizard only collects answers: a dict that ``scaffolder new --data`` would
accept.  It then creates the project through :func:`scaffolder.create.new`,
the same code path as ``scaffolder new``.  The licence guidance is data
(``scaffolder/data/wizard.yml``); every other question comes from the
template's questionnaire, asked with its own help, choices, defaults and
validators (see docs/wizard.md).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder import gitops
from scaffolder.errors import AnswerError, ScaffolderError, UsageError
from scaffolder.licences import DATA

if TYPE_CHECKING:
    from collections.abc import Callable

    from scaffolder.create import NewResult
    from scaffolder.evaluate import Contract, Option
    from scaffolder.prompts import Prompter

TABLE = DATA / "wizard.yml"
PROFILES = DATA / "profiles"
#: Environment variable naming the organisation profile (a file, or a built-in name).
ENV_PROFILE = "SCAFFOLDER_PROFILE"
BUILTIN_PROFILE = "cern"

#: The identity step, in this order (the rest of the questionnaire follows in file order).
IDENTITY = (
    "project_name",
    "project_slug",
    "description",
    "author_name",
    "author_email",
    "copyright_holder",
    "collaboration",
    "immunities_clause",
)

NO_TTY = (
    "the wizard needs a terminal to ask its questions; without one, give the answers on the "
    "command line: scaffolder new DEST --defaults --data KEY=VALUE ... (or --data-file FILE)"
)


class Cancelled(ScaffolderError):
    """The person quit the wizard; nothing was written."""

    exit_code = 130


def licence_question(part: str) -> str:
    """The question that holds the licence of one part (``software`` -> ``software_license``)."""
    return f"{part}_license"


# --- the decision table ----------------------------------------------------------


@dataclass(frozen=True)
class Leaf:
    licence: str
    reason: str


@dataclass(frozen=True)
class Node:
    name: str
    ask: str
    help: str
    if_yes: str | Leaf
    if_no: str | Leaf

    def branch(self, yes: bool) -> str | Leaf:
        return self.if_yes if yes else self.if_no


Path_ = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Guide:
    """The yes/no questions that lead to a licence for one part."""

    part: str
    start: str
    nodes: dict[str, Node]

    def paths(self) -> list[tuple[Path_, Leaf]]:
        """Every answer path from the first question to a recommendation, yes before no."""
        out: list[tuple[Path_, Leaf]] = []

        def walk(name: str, path: Path_) -> None:
            if name in {n for n, _ in path}:
                raise ScaffolderError(f"{TABLE.name}: guidance for {self.part} loops at {name!r}")
            node = self.nodes[name]
            for yes in (True, False):
                nxt = node.branch(yes)
                step = (*path, (name, yes))
                if isinstance(nxt, Leaf):
                    out.append((step, nxt))
                else:
                    walk(nxt, step)

        walk(self.start, ())
        return out

    def path_to(self, licence: str) -> dict[str, bool]:
        """The answers that lead to ``licence`` (empty if no path does)."""
        for path, leaf in self.paths():
            if leaf.licence == licence:
                return dict(path)
        return {}


@dataclass(frozen=True)
class ChecklistItem:
    item: str
    done_if_file: tuple[str, ...] = ()
    done_if_answered: str | None = None

    def done(self, project: Path, answers: dict[str, Any]) -> bool:
        if any(any(project.glob(pattern)) for pattern in self.done_if_file):
            return True
        return bool(self.done_if_answered and answers.get(self.done_if_answered))


@dataclass(frozen=True)
class Table:
    guides: dict[str, Guide]
    checklist: tuple[ChecklistItem, ...]


def _branch(raw: Any, where: str) -> str | Leaf:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, dict) and set(raw) == {"licence", "reason"}:
        return Leaf(str(raw["licence"]), " ".join(str(raw["reason"]).split()))
    raise ScaffolderError(f"{TABLE.name}: {where} must name a question or give licence and reason")


@lru_cache(maxsize=1)
def table() -> Table:
    """``scaffolder/data/wizard.yml``, checked for structure (tests check it against the catalogue)."""
    import yaml

    raw = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    guides = {}
    for part, spec in raw["guidance"].items():
        nodes = {}
        for name, q in spec["questions"].items():
            nodes[name] = Node(
                name=name,
                ask=" ".join(str(q["ask"]).split()),
                help=" ".join(str(q.get("help", "")).split()),
                if_yes=_branch(q.get("if_yes"), f"{part}.{name}.if_yes"),
                if_no=_branch(q.get("if_no"), f"{part}.{name}.if_no"),
            )
        for node in nodes.values():
            for nxt in (node.if_yes, node.if_no):
                if isinstance(nxt, str) and nxt not in nodes:
                    raise ScaffolderError(
                        f"{TABLE.name}: {part}.{node.name} leads to unknown question {nxt!r}"
                    )
        guides[part] = Guide(part=part, start=spec["start"], nodes=nodes)
    checklist = tuple(
        ChecklistItem(
            item=" ".join(str(c["item"]).split()),
            done_if_file=tuple(c.get("done_if_file") or ()),
            done_if_answered=c.get("done_if_answered"),
        )
        for c in raw.get("checklist") or []
    )
    return Table(guides=guides, checklist=checklist)


# --- organisation profiles ---------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """Default answers for a whole organisation."""

    organisation: str
    source: str
    answers: dict[str, Any] = field(default_factory=dict)


def builtin_profiles() -> list[str]:
    return sorted(p.stem for p in PROFILES.glob("*.yml"))


def load_profile(spec: str | Path | None, contract: Contract) -> Profile:
    """``--profile`` (a file or a built-in name), else ``$SCAFFOLDER_PROFILE``, else CERN's.

    ``none`` means no profile: the template's own defaults.
    """
    import yaml

    chosen = str(spec) if spec is not None else os.environ.get(ENV_PROFILE) or BUILTIN_PROFILE
    if chosen == "none":
        return Profile(organisation="", source="none")
    path = Path(chosen).expanduser()
    if chosen in builtin_profiles() and not path.is_file():
        path = PROFILES / f"{chosen}.yml"
    label = f"profile {chosen}"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        names = ", ".join([*builtin_profiles(), "none"])
        raise ScaffolderError(
            f"{label}: cannot read {path}: {exc.strerror} (give a YAML file or one of: {names})"
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ScaffolderError(
            f"{label}: not valid YAML{f' (line {mark.line + 1})' if mark else ''}"
        ) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ScaffolderError(f"{label}: must be a mapping of question: default answer")
    organisation = raw.pop("_organisation", "")
    raw.pop("_template_url", None)  # the organisation's template, read by scaffolder.identity
    if not isinstance(organisation, str):
        raise ScaffolderError(f"{label}: _organisation must be a name (a string)")
    return Profile(organisation=organisation, source=str(path), answers=check_profile(raw, contract, label))


def check_profile(raw: dict[str, Any], contract: Contract, label: str) -> dict[str, Any]:
    """Profile keys must be questions that are asked; values must fit their type and choices."""
    from scaffolder.evaluate import EvalError

    asked = [n for n, q in contract.questions.items() if not q.computed]
    out: dict[str, Any] = {}
    for key, value in raw.items():
        key = str(key)
        q = contract.questions.get(key)
        if q is None or q.computed:
            what = (
                "is computed from other answers, not asked" if q else "is not a question of the questionnaire"
            )
            raise ScaffolderError(f"{label}: {key!r} {what}; the questions are: {', '.join(asked)}")
        try:
            out[key] = contract.parse(q, value)
        except ValueError as exc:
            raise ScaffolderError(f"{label}: {key}: {value!r} is not accepted: {exc}") from None
    for key, value in out.items():
        try:
            q = contract.questions[key]
            if q.choices is None:
                continue
            only_choices = dataclasses.replace(q, default=None, when=True, help="", validator=None)
            options = contract.options(q, contract.context_for(only_choices, out))
        except EvalError:
            continue
        allowed = [o.value for o in options if not o.disabled]
        many = isinstance(value, list) and contract.raw_spec(key).get("multiselect")
        if options and any(v not in allowed for v in (value if many else [value])):
            raise ScaffolderError(
                f"{label}: {key}: {value!r} is not accepted: expected one of: "
                + ", ".join(str(a) for a in allowed)
            )
    return out


# --- the flow --------------------------------------------------------------------


def show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "":
        return "(empty)"
    return str(value)


class Wizard:
    """Asks the questions and returns the answers; writes nothing."""

    def __init__(
        self,
        prompter: Prompter,
        contract: Contract,
        profile: Profile,
        *,
        preview: Callable[[dict[str, Any], Path], list[str]],
        dest: Path | None = None,
        force: bool = False,
        identity: dict[str, str] | None = None,
    ) -> None:
        from scaffolder.licences import catalogue

        self.p = prompter
        self.c = contract
        self.profile = profile
        self.preview = preview
        self.dest = dest
        self.force = force
        self.identity = identity or {}
        self.catalogue = catalogue()
        self.answers: dict[str, Any] = {}
        self.asked_dest = dest is None

    # --- defaults ----------------------------------------------------------------

    def default(self, name: str, ctx: dict[str, Any]) -> Any:
        """The current answer, else git's identity (author), the profile, the template's default."""
        from scaffolder.evaluate import EvalError

        if name in self.answers:
            return self.answers[name]
        if name in self.identity:
            return self.identity[name]
        if name in self.profile.answers:
            return self.profile.answers[name]
        try:
            return self.c.default(self.c.questions[name], ctx)
        except (EvalError, ValueError):
            return None

    def organisation_default(self, part: str) -> str:
        name = licence_question(part)
        if name in self.profile.answers:
            return str(self.profile.answers[name])
        return self.catalogue.default_for(part).id

    # --- asking ------------------------------------------------------------------

    def applies(self, name: str) -> bool:
        q = self.c.questions.get(name)
        if q is None or q.computed:
            return False
        return self.c.when(q, self.c.context_for(q, self.answers)) is True

    def ask(self, name: str) -> None:
        """Ask one question of the questionnaire and record the answer."""
        q = self.c.questions[name]
        part = next((p for p in self.catalogue.part_labels if licence_question(p) == name), None)
        if part is not None:
            self.answers[name] = self.guide(part)
            return
        from scaffolder.evaluate import EvalError

        ctx = self.c.context_for(q, self.answers)
        default = self.default(name, ctx)
        message = self.c.help(q, ctx)
        try:
            options = self.c.options(q, ctx)
        except (EvalError, ValueError):
            options = []  # choices that cannot be evaluated: a typed answer, which copier checks
        if options and self.c.raw_spec(name).get("multiselect"):
            chosen = default if isinstance(default, list) else []
            value: Any = self.p.checkbox(name, message, options, chosen, help=name)
        elif options:
            value = self.p.select(name, message, options, default, help=name)
        elif q.type == "bool":
            value = self.p.confirm(name, message, bool(default), help="")
        else:
            text = self.p.text(
                name,
                message,
                self._as_text(q.type, default),
                validate=lambda typed: self.c.validate_text(q, typed, ctx),
                help=f"({name})",
            )
            value = self.c.parse(q, text)
        self.answers[name] = value

    @staticmethod
    def _as_text(qtype: str, value: Any) -> str:
        if value is None:
            return ""
        if qtype in ("yaml", "json") and not isinstance(value, str):
            import json

            return json.dumps(value)
        return str(value)

    def guide(self, part: str) -> str:
        """Licence guidance for one part: yes/no questions, a recommendation, then the choice."""
        from scaffolder.evaluate import Option

        name = licence_question(part)
        guide = table().guides[part]
        cat = self.catalogue
        org_default = self.organisation_default(part)
        current = self.answers.get(name)
        self.p.heading(f"Licence for {cat.part_labels[part]}")
        what = cat.part_labels[part].split(" (")[0]  # "the hardware design"
        recommended: Leaf | None = None
        knows = self.p.confirm(
            f"guide.{part}.know",
            f"Do you already know which licence you want for {what}?",
            default=current is not None,
        )
        if not knows:
            leaning = guide.path_to(current or org_default)
            node = guide.nodes[guide.start]
            while True:
                yes = self.p.confirm(
                    f"guide.{part}.{node.name}",
                    node.ask,
                    default=leaning.get(node.name, False),
                    help=node.help,
                )
                nxt = node.branch(yes)
                if isinstance(nxt, Leaf):
                    recommended = nxt
                    break
                node = guide.nodes[nxt]
            lic = cat.get(recommended.licence)
            self.p.say(f"  Recommended: {lic.id}, the {lic.name} ({lic.regime.replace('-', ' ')}).")
            self.p.say(f"  Why: {recommended.reason}")
            self.p.say(f"  It {lic.summary}")
        ctx = self.c.context(self.answers)
        org = self.profile.organisation or "organisation"
        options = []
        for o in self.c.options(self.c.questions[name], ctx):
            try:
                lic = cat.get(str(o.value))
                title = f"{lic.id}: {lic.name} ({lic.regime.replace('-', ' ')})"
            except KeyError:
                title = o.title
            marks = []
            if recommended is not None and o.value == recommended.licence:
                marks.append("recommended")
            if o.value == org_default:
                marks.append(f"{org} default")
            options.append(Option(title + "".join(f" [{m}]" for m in marks), o.value, o.disabled))
        default = recommended.licence if recommended else (current or org_default)
        return str(self.p.select(name, f"Licence for {what}", options, default, help=name))

    def fill(self) -> None:
        """Ask every question that applies and has no answer yet, in questionnaire order."""
        for name in self.c.questions:
            if name not in self.answers and self.applies(name):
                self.ask(name)

    def prune(self) -> None:
        """Drop answers to questions that no longer apply (e.g. after the project kind changed)."""
        for name in list(self.answers):
            if not self.applies(name):
                del self.answers[name]

    def ask_dest(self) -> None:
        if self.dest is not None:
            return
        slug = str(self.answers.get("project_slug") or self.answers.get("project_name") or "project")

        def check(typed: str) -> str:
            if not typed.strip():
                return "must not be empty"
            path = Path(typed).expanduser()
            if path.exists() and not path.is_dir():
                return "exists and is not a folder"
            if path.is_dir() and any(path.iterdir()) and not self.force:
                return "exists and is not empty (pass --force to write into it)"
            return ""

        typed = self.p.text("dest", "Folder to create the project in", slug, validate=check, help="")
        self.dest = Path(typed).expanduser().absolute()

    # --- the steps ---------------------------------------------------------------

    def collect(self) -> tuple[dict[str, Any], Path]:
        """Run the questionnaire and the review; the answers and the destination folder."""
        self.p.heading("What are you making?")
        if self.applies("project_kind"):
            self.ask("project_kind")
        kind = self.answers.get("project_kind")
        parts = self.catalogue.parts_of(kind) if kind in self.catalogue.parts else []
        for part in parts:
            if self.applies(licence_question(part)):
                self.ask(licence_question(part))
        self.p.heading("About the project")
        for name in IDENTITY:
            if name not in self.answers and self.applies(name):
                self.ask(name)
        self.ask_dest()
        self.p.heading("Community, hosting and the rest")
        self.fill()
        while True:
            files = self.review()
            action = self.p.select(
                "review",
                "Create the project?" if files is not None else "Change the answer the template refused?",
                _review_options(files is not None),
                "create" if files is not None else "change",
            )
            if action == "create":
                assert self.dest is not None
                return dict(self.answers), self.dest
            if action == "quit":
                raise Cancelled("quit; nothing was written")
            self.change()

    def review(self) -> list[str] | None:
        """Show every answer and the files to be created (None when the template refused an answer)."""
        assert self.dest is not None
        self.p.heading("Review")
        width = max(len(n) for n in self.answers) if self.answers else 10
        for name, value in self.answers.items():
            self.p.say(f"  {name:<{width}}  {show(value)}")
        self.p.say(f"  {'folder':<{width}}  {self.dest}")
        self.p.say()
        self.p.say("Rendering the project to list its files ...")
        try:
            files = self.preview(dict(self.answers), self.dest)
        except AnswerError as exc:
            self.p.say(f"The template does not accept an answer: {exc}")
            return None
        self.p.say(f"{len(files)} files will be created in {self.dest}:")
        for rel in files:
            self.p.say(f"  {rel}")
        return files

    def change(self) -> None:
        from scaffolder.evaluate import Option

        options = [Option(f"{name}: {show(value)}", name) for name, value in self.answers.items()]
        options.append(Option(f"folder: {self.dest}", "__dest__"))
        name = self.p.select("review.change", "Which answer do you want to change?", options)
        if name == "__dest__":
            self.dest = None
            self.ask_dest()
            return
        before = dict(self.answers)
        old_ctx = self.c.context(before)
        self.ask(name)
        self.follow(name, before, old_ctx)
        self.prune()
        self.fill()

    def follow(self, changed: str, before: dict[str, Any], old_ctx: dict[str, Any]) -> None:
        """Answers left at a default that depends on the changed one follow it (e.g. the slug)."""
        new_ctx = self.c.context(self.answers)
        for name, value in list(self.answers.items()):
            if name == changed:
                continue
            old_default = self.template_default(name, old_ctx)
            if old_default is None or value != old_default:
                continue
            new_default = self.template_default(name, new_ctx)
            if new_default is not None and new_default != value:
                self.answers[name] = new_default
                self.p.say(f"  {name} follows: {show(new_default)}")
        slug_before, slug_now = before.get("project_slug"), self.answers.get("project_slug")
        if (
            self.asked_dest
            and self.dest is not None
            and slug_before != slug_now
            and self.dest.name == slug_before
        ):
            self.dest = self.dest.with_name(str(slug_now))
            self.p.say(f"  folder follows: {self.dest}")

    def template_default(self, name: str, ctx: dict[str, Any]) -> Any:
        """The template's default for an answer (None where git or the profile gave the default)."""
        from scaffolder.evaluate import EvalError

        if name in self.identity or name in self.profile.answers:
            return None
        try:
            return self.c.default(self.c.questions[name], ctx)
        except (EvalError, ValueError):
            return None


def _review_options(ok: bool) -> list[Option]:
    from scaffolder.evaluate import Option

    return [
        Option("Create the project", "create", "" if ok else "the template refused an answer"),
        Option("Change an answer", "change"),
        Option("Quit without writing anything", "quit"),
    ]


# --- entry point --------------------------------------------------------------------


def run_wizard(
    dest: Path | str | None = None,
    *,
    profile: str | Path | None = None,
    template: str | None = None,
    vcs_ref: str | None = "HEAD",
    force: bool = False,
    git: bool = True,
    prompter: Prompter | None = None,
    require_tty: bool = True,
) -> NewResult:
    """Ask, review, then create the project with :func:`scaffolder.create.new`.

    ``prompter`` and ``require_tty=False`` are for tests that drive the
    prompts through a prompt_toolkit pipe input.
    """
    if require_tty and not sys.stdin.isatty():
        raise UsageError(NO_TTY)
    from scaffolder import templates
    from scaffolder.create import _check_dest, new
    from scaffolder.evaluate import Contract

    src = templates.resolve_source(template)
    root = Path(src)
    if not (root / "copier.yml").is_file():
        raise UsageError(
            f"--template: the wizard reads the questionnaire from a local template; {src!r} is not "
            "a folder with copier.yml (use scaffolder new for remote templates)"
        )
    target = Path(dest).expanduser().absolute() if dest is not None else None
    if target is not None:
        _check_dest(target, force)
    contract = Contract(root, target or Path.cwd() / "project")
    chosen = load_profile(profile, contract)
    if prompter is None:
        from scaffolder.prompts import Prompter as TerminalPrompter

        prompter = TerminalPrompter()

    def preview(answers: dict[str, Any], where: Path) -> list[str]:
        with tempfile.TemporaryDirectory(prefix="scaffolder-wizard-") as tmp:
            return new(
                Path(tmp) / where.name, data=answers, template=src, vcs_ref=vcs_ref, defaults=True, git=False
            ).files

    wizard = Wizard(
        prompter,
        contract,
        chosen,
        preview=preview,
        dest=target,
        force=force,
        identity=gitops.identity_defaults(Path.cwd()),
    )
    answers, target = wizard.collect()
    result = new(
        target, data=answers, template=src, vcs_ref=vcs_ref, defaults=True, force=force, git=git, profile=profile
    )
    for line in next_steps(result, answers, git=git):
        prompter.say(line)
    return result


def next_steps(result: NewResult, answers: dict[str, Any], *, git: bool) -> list[str]:
    """What to do after the project exists: the OSPO checklist, pushing, updates."""
    from scaffolder.identity import unreachable_warning

    project = result.path
    lines = ["", f"Created {project} ({len(result.files)} files)."]
    if warning := unreachable_warning(result.answers):
        lines.append(warning[0].upper() + warning[1:])
    if result.commit:
        lines.append(f"First commit: {result.commit[:12]}.")
    lines += ["", "The OSPO's publishing checklist:"]
    for item in table().checklist:
        lines.append(f"  [{'x' if item.done(project, answers) else ' '}] {item.item}")
    url = str(answers.get("repository_url") or "")
    forge = str(answers.get("forge") or "")
    lines += ["", "To publish it:"]
    lines.append(
        f"  create an empty repository at {url}"
        if url
        else f"  create an empty repository{f' on {forge}' if forge and forge != 'other' else ''}, then"
    )
    lines.append(f"  cd {project}")
    if not git:
        lines.append('  git init && git add -A && git commit -m "Create the project"')
    lines.append(f"  git remote add origin {url or 'URL-OF-THE-NEW-REPOSITORY'}")
    lines.append("  git push -u origin HEAD")
    lines += [
        "",
        "Template updates: the project records the template and your answers in .copier-answers.yml;",
        "run `scaffolder update` in it (or `copier update`) to receive the OSPO's improvements,",
        "reviewed as ordinary changes before you commit them.",
        "The same answers make the same project without questions:",
        f"  scaffolder new OTHER-FOLDER --defaults --data-file {project / '.copier-answers.yml'}",
    ]
    return lines
