# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The questionnaire contract (copier.yml and what it includes), and answers to it.

This module reads copier.yml with PyYAML only, so the CLI and the wizard can
check answers without importing copier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from scaffolder.errors import AnswerError, ScaffolderError, UsageError

#: Where a project records its answers and template version (``_answers_file`` in copier.yml).
ANSWERS_FILE = ".copier-answers.yml"


@dataclass(frozen=True)
class Question:
    name: str
    type: str
    help: str
    default: Any
    choices: Any
    when: Any
    validator: str | None

    @property
    def computed(self) -> bool:
        """Not asked and not stored: a value derived from the answers."""
        return self.when is False


def _loader(root: Path) -> type:
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        """libyaml's parser where PyYAML has it: several times faster (the wizard's start)."""

    def include(loader: yaml.SafeLoader, node: yaml.Node) -> list[Any]:
        pattern = str(loader.construct_scalar(node))  # type: ignore[arg-type]
        data: list[Any] = []
        for path in sorted(root.glob(pattern)):
            for doc in yaml.load_all(path.read_bytes(), Loader=Loader):
                if doc is None:
                    continue
                data.extend(doc if isinstance(doc, list) else [doc])
        return data

    Loader.add_constructor("!include", include)
    return Loader


def load_config(template_root: Path) -> dict[str, Any]:
    """copier.yml as copier sees it: documents merged, ``!include`` resolved."""
    import yaml

    merged: dict[str, Any] = {}
    text = (template_root / "copier.yml").read_bytes()
    for doc in yaml.load_all(text, Loader=_loader(template_root)):
        for part in doc if isinstance(doc, list) else [doc]:
            if isinstance(part, dict):
                merged.update(part)
    return merged


@lru_cache(maxsize=8)
def questionnaire(template_root: Path) -> dict[str, Question]:
    """Questions by name, in the order copier asks them."""
    out: dict[str, Question] = {}
    for name, spec in load_config(template_root).items():
        if name.startswith("_") or not isinstance(spec, dict):
            continue
        out[name] = Question(
            name=name,
            type=str(spec.get("type", "str")),
            help=str(spec.get("help", "")).strip(),
            default=spec.get("default"),
            choices=spec.get("choices"),
            when=spec.get("when", True),
            validator=spec.get("validator"),
        )
    return out


def asked(template_root: Path) -> dict[str, Question]:
    return {n: q for n, q in questionnaire(template_root).items() if not q.computed}


_TRUE = {"y", "yes", "t", "true", "on", "1"}
_FALSE = {"n", "no", "f", "false", "off", "0", ""}


def cast(question: Question, value: Any) -> Any:
    """Cast a command-line string to the question's type, or raise AnswerError."""
    if not isinstance(value, str):
        return value
    if question.type == "bool":
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise AnswerError(question.name, value, "expected yes/no (true, false, 1, 0)")
    if question.type == "int":
        try:
            return int(value.strip())
        except ValueError:
            raise AnswerError(question.name, value, "expected a whole number") from None
    if question.type == "float":
        try:
            return float(value.strip())
        except ValueError:
            raise AnswerError(question.name, value, "expected a number") from None
    return value


def parse_data_args(pairs: list[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings from ``--data``; the value may contain ``=`` and anything else."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--data: {pair!r} is not KEY=VALUE")
        out[key.strip()] = value
    return out


def rendered_answers(project: Path) -> dict[str, Any]:
    """The answers a project just rendered by copier stored ({} when there are none)."""
    import yaml

    path = project / ANSWERS_FILE
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return loaded if isinstance(loaded, dict) else {}


def read_data_file(path: Path) -> dict[str, Any]:
    """Answers from a YAML (or JSON) mapping; copier's own ``_``-keys are ignored."""
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScaffolderError(f"--data-file: cannot read {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ScaffolderError(f"--data-file: {path} is not valid YAML{where}") from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ScaffolderError(f"--data-file: {path} must hold a mapping of question: answer")
    return {str(k): v for k, v in raw.items() if not str(k).startswith("_")}


def check_answers(template_root: Path, answers: dict[str, Any]) -> dict[str, Any]:
    """Reject unknown and computed questions and cast values; copier checks the rest."""
    questions = questionnaire(template_root)
    out: dict[str, Any] = {}
    for name, value in answers.items():
        q = questions.get(name)
        if q is None or q.computed:
            known = ", ".join(n for n, qq in questions.items() if not qq.computed)
            raise AnswerError(name, value, f"no such question; the questions are: {known}")
        out[name] = cast(q, value)
    _check_parts(out, questions['project_kind'].default if 'project_kind' in questions else None)
    return out


#: Questions that only a project with that part is asked (their `when` in the template says the same).
PART_QUESTIONS = {
    "software": ("software_license", "language"),
    "hardware": ("hardware_license", "board_revision"),
}


#: Answers that only ``scaffolder adopt`` sets: they allow licences not offered for new projects.
ADOPT_ONLY = ("adopted", "existing_copyright")


def refuse_adopt_only(data: dict[str, Any] | None) -> None:
    """A new project cannot claim to be an adopted repository (it would unlock licences not offered)."""
    for name in ADOPT_ONLY:
        if name in (data or {}):
            raise AnswerError(name, (data or {})[name], "set only by `scaffolder adopt`, for an existing repository")


def prepare_answers(src: str, data: dict[str, Any] | None, *, defaults: bool) -> dict[str, Any]:
    """Answers checked against a local template's questionnaire, and a terminal where copier must ask."""
    import sys

    answers = dict(data or {})
    if Path(src).is_dir():
        answers = check_answers(Path(src), answers)
    if not defaults and not sys.stdin.isatty():
        raise UsageError(
            "no terminal to ask the questions on: pass --defaults, and answers with "
            "--data KEY=VALUE or --data-file FILE"
        )
    return answers


def _check_parts(answers: dict[str, Any], default_kind: Any) -> None:
    """An answer for a part the project kind does not have is an error, not silently ignored."""
    from scaffolder.licences import catalogue

    cat = catalogue()
    kind = answers.get("project_kind", default_kind)
    if kind not in cat.parts:
        return  # copier reports a bad kind with the allowed choices
    parts = cat.parts_of(kind)
    for part, names in PART_QUESTIONS.items():
        for question in names:
            value = answers.get(question)
            if value is None or part in parts:
                continue
            raise AnswerError(
                question,
                value,
                f"a {kind} project has no {part} part, so {question} is not asked; its licences are chosen with "
                + ", ".join(f"{p}_license" for p in parts),
            )


_COPIER_ERRORS = (
    re.compile(r"Validation error for question '(?P<field>[^']+)': (?P<msg>.*)", re.S),
    re.compile(r"Invalid choice for '(?P<field>[^']+)': (?P<msg>.*)", re.S),
    re.compile(r'Question "(?P<field>[^"]+)" is required(?P<msg>)', re.S),
)


def translate_copier_error(exc: Exception, answers: dict[str, Any]) -> ScaffolderError | None:
    """Copier's ValueErrors about answers, as one-line AnswerErrors (None if not one)."""
    text = str(exc)
    for pattern in _COPIER_ERRORS:
        if m := pattern.match(text):
            field = m["field"]
            msg = " ".join(m["msg"].split()) or "an answer is required"
            if msg.startswith("'") and " is not in " in msg:
                allowed = msg.split(" is not in ", 1)[1].strip("[]").replace("'", "")
                msg = f"expected one of: {allowed}"
            return AnswerError(field, answers.get(field, ""), msg)
    return None


@contextmanager
def copier_errors(answers: dict[str, Any]) -> Iterator[None]:
    """Turn what copier raises about answers or the template into one-line ScaffolderErrors."""
    try:
        yield
    except (KeyboardInterrupt, ScaffolderError):
        raise
    except ValueError as exc:
        translated = translate_copier_error(exc, answers)
        if translated is None:
            raise ScaffolderError(f"template error: {' '.join(str(exc).split())}") from exc
        raise translated from exc
    except Exception as exc:
        if type(exc).__module__.startswith(("copier", "plumbum")):
            raise ScaffolderError(f"copier: {' '.join(str(exc).split())}") from exc
        raise
