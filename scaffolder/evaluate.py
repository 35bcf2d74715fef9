# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Evaluate the questionnaire's Jinja (defaults, ``when``, choices, validators) without copier.

The wizard asks the template's questions itself, so it needs what copier would
compute for them: defaults, conditions, choices and validation messages.  This
module renders those Jinja strings the way copier does (a sandboxed
environment, the template's ``_envops``, copier's filters) but imports neither
copier nor jinja2-ansible-filters unless a string needs a filter that is not
provided here, which keeps the wizard's first question fast.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from scaffolder import questions

if TYPE_CHECKING:
    from pathlib import Path

    from jinja2 import Environment, Template


class EvalError(Exception):
    """A Jinja string of the questionnaire could not be evaluated."""


class _NeedFullFilters(Exception):
    """A light filter was called in a way only the full ansible filter supports."""


def _regex_search(value: Any, regex: str, *args: Any, **kwargs: Any) -> str | None:
    if args:
        raise _NeedFullFilters
    flags = (re.I if kwargs.get("ignorecase") else 0) | (re.M if kwargs.get("multiline") else 0)
    match = re.search(regex, str(value), flags)
    return match.group() if match else None


def _regex_replace(
    value: Any = "", pattern: str = "", replacement: str = "", ignorecase: bool = False
) -> str:
    return re.sub(pattern, replacement, str(value), flags=re.I if ignorecase else 0)


def _strftime(fmt: str, second: Any = None) -> str:
    return time.strftime(fmt, time.localtime(None if second is None else int(second)))


def _basename(path: Any) -> str:
    return PurePath(str(path)).name


def _to_json(value: Any, *args: Any, **kwargs: Any) -> str:
    return json.dumps(value, *args, **kwargs)


#: The filters of jinja2-ansible-filters that the questionnaire uses, as small equivalents.
LIGHT_FILTERS = {
    "regex_search": _regex_search,
    "regex_replace": _regex_replace,
    "strftime": _strftime,
    "basename": _basename,
    "to_json": _to_json,
}

_FULL = {"on": False}


@lru_cache(maxsize=2)
def _environment(envops_items: tuple[tuple[str, Any], ...], full: bool) -> Environment:
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(**dict(envops_items))
    if full:  # everything copier has: jinja2-ansible-filters (slower to import)
        from jinja2_ansible_filters import AnsibleCoreFiltersExtension  # type: ignore[import-untyped]

        env.add_extension(AnsibleCoreFiltersExtension)
    else:
        env.filters.update(LIGHT_FILTERS)
    return env


def is_template(value: Any) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def cast_bool(value: Any) -> bool:
    """copier's ``cast_to_bool``."""
    if isinstance(value, bool):
        return value
    try:
        return bool(float(value))
    except (TypeError, ValueError):
        pass
    if isinstance(value, str):
        low = value.strip().lower()
        if low in {"y", "yes", "t", "true", "on"}:
            return True
        if low in {"", "n", "no", "f", "false", "off", "~", "null", "none"}:
            return False
    return bool(value)


@dataclass(frozen=True)
class Option:
    """One choice of a question: what is shown, the value, and why it is disabled (or '')."""

    title: str
    value: Any
    disabled: str = ""


class Contract:
    """The questionnaire of one template, evaluated against answers."""

    def __init__(self, template_root: Path, dst_path: Path | str = "") -> None:
        self.root = template_root
        config = questions.load_config(template_root)
        envops = config.get("_envops") or {}
        self._envops = tuple(sorted((k, v) for k, v in envops.items() if k != "undefined"))
        self.questions = questions.questionnaire(template_root)
        self._config = config
        self.conf = {
            "dst_path": str(dst_path),
            "answers_file": config.get("_answers_file", ".copier-answers.yml"),
        }

    def raw_spec(self, name: str) -> dict[str, Any]:
        """A question's settings as written (for those the Question record does not keep)."""
        spec = self._config.get(name)
        return spec if isinstance(spec, dict) else {}

    # --- rendering -------------------------------------------------------------

    def _template(self, text: str) -> Template:
        return _compile(self._envops, _FULL["on"], text)

    def render(self, text: Any, context: dict[str, Any]) -> Any:
        """Render ``text`` if it is a string (other values come back as they are)."""
        if not isinstance(text, str):
            return text
        if not is_template(text):
            return text
        try:
            try:
                return self._template(text).render(context)
            except _NeedFullFilters:
                raise
            except Exception as exc:
                if _FULL["on"] or not _needs_full(exc):
                    raise
                raise _NeedFullFilters from exc
        except _NeedFullFilters:
            _FULL["on"] = True
            try:
                return self._template(text).render(context)
            except Exception as exc:
                raise EvalError(" ".join(str(exc).split())) from exc
        except Exception as exc:
            raise EvalError(" ".join(str(exc).split())) from exc

    def needs_context(self, q: questions.Question) -> bool:
        """Whether anything about the question is Jinja (else it is evaluated without importing jinja2)."""
        parts: list[Any] = [q.default, q.when, q.help, q.validator]
        if isinstance(q.choices, dict):
            parts += [*q.choices.keys(), *q.choices.values()]
        elif isinstance(q.choices, list):
            parts += [x for item in q.choices for x in (item if isinstance(item, (list, tuple)) else [item])]
        else:
            parts.append(q.choices)
        return any(is_template(p) or isinstance(p, dict) for p in parts)

    def context_for(self, q: questions.Question, answers: dict[str, Any]) -> dict[str, Any]:
        """The context for one question: empty when it has no Jinja at all."""
        return self.context(answers) if self.needs_context(q) else dict(answers)

    def context(self, answers: dict[str, Any]) -> dict[str, Any]:
        """What copier's Jinja sees: every question's answer, else its default, in file order."""
        ctx: dict[str, Any] = {"_copier_conf": dict(self.conf)}
        for name, q in self.questions.items():
            if name in answers:
                ctx[name] = answers[name]
                continue
            try:
                ctx[name] = self.parse(q, self.render(q.default, ctx))
            except (EvalError, ValueError):
                continue
        return ctx

    # --- one question ------------------------------------------------------------

    def parse(self, q: questions.Question, value: Any) -> Any:
        """An answer (typed, or a string) as the question's type; ValueError if it is not one."""
        if self.raw_spec(q.name).get("multiselect"):
            if isinstance(value, str):
                import yaml

                try:
                    value = yaml.safe_load(value) if value.strip() else []
                except yaml.YAMLError as exc:
                    raise ValueError(f"not a YAML list: {' '.join(str(exc).split())}") from None
            items = value if isinstance(value, list) else [] if value is None else [value]
            return [self._parse_one(q, item) for item in items]
        return self._parse_one(q, value)

    def _parse_one(self, q: questions.Question, value: Any) -> Any:
        if value is None:
            return "" if q.type == "str" else None
        if q.type == "bool":
            return cast_bool(value)
        if q.type in ("yaml", "json") and isinstance(value, str):
            import yaml

            try:
                return yaml.safe_load(value)
            except yaml.YAMLError as exc:
                raise ValueError(f"not valid {q.type.upper()}: {' '.join(str(exc).split())}") from None
        if q.type == "int":
            try:
                return int(str(value).strip())
            except ValueError:
                raise ValueError("expected a whole number") from None
        if q.type == "float":
            try:
                return float(str(value).strip())
            except ValueError:
                raise ValueError("expected a number") from None
        if q.type == "str" and not isinstance(value, str):
            return str(value)
        return value

    def default(self, q: questions.Question, ctx: dict[str, Any]) -> Any:
        return self.parse(q, self.render(q.default, ctx))

    def when(self, q: questions.Question, ctx: dict[str, Any]) -> bool | None:
        """Whether the question is asked; None when the condition cannot be evaluated."""
        try:
            return cast_bool(self.render(q.when, ctx))
        except EvalError:
            return None

    def help(self, q: questions.Question, ctx: dict[str, Any]) -> str:
        try:
            text = str(self.render(q.help, ctx))
        except EvalError:
            text = q.help
        return " ".join(text.split()) or q.name

    def options(self, q: questions.Question, ctx: dict[str, Any]) -> list[Option]:
        """The choices as copier formats them (empty list: a free answer)."""
        raw = q.choices
        if raw is None:
            return []
        if isinstance(raw, str):
            import yaml

            try:
                raw = yaml.safe_load(str(self.render(raw, ctx)))
            except yaml.YAMLError as exc:
                raise EvalError(f"choices of {q.name} are not valid YAML") from exc
        items = list(raw.items()) if isinstance(raw, dict) else list(raw or [])
        out = []
        for item in items:
            title, value = item if isinstance(item, (list, tuple)) else (item, item)
            disabled = ""
            if isinstance(value, dict):
                disabled = str(self.render(value.get("validator", ""), ctx)).strip()
                value = value.get("value")
            rendered = self._parse_one(q, self.render(value, ctx))
            out.append(Option(str(self.render(title, ctx)), rendered, disabled))
        return out

    def check(self, q: questions.Question, value: Any, ctx: dict[str, Any]) -> str:
        """The validator's message for ``value`` ('' when accepted, or when it cannot be evaluated)."""
        if not q.validator:
            return ""
        try:
            return " ".join(str(self.render(q.validator, {**ctx, q.name: value})).split())
        except EvalError:
            return ""  # copier checks again when the project is rendered

    def validate_text(self, q: questions.Question, text: str, ctx: dict[str, Any]) -> str:
        """Parse and validate what was typed; the message to show, or ''."""
        try:
            value = self.parse(q, text)
        except ValueError as exc:
            return str(exc)
        return self.check(q, value, ctx)


@lru_cache(maxsize=512)
def _compile(envops: tuple[tuple[str, Any], ...], full: bool, text: str) -> Template:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # e.g. '\\s' in a Jinja string literal
        return _environment(envops, full).from_string(text)


def _needs_full(exc: BaseException) -> bool:
    return "No filter named" in str(exc) or "no test named" in str(exc).lower()
