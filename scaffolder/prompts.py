# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The wizard's prompts: a small adaptor over questionary (prompt_toolkit).

Every prompt has a ``key`` (a question name such as ``project_kind``, or
``guide.software.closed`` for a licence-guidance question, ``review`` ...);
tests drive the real prompts by overriding :meth:`Prompter.before_prompt` to
feed keystrokes for that key into a prompt_toolkit pipe input.  Ctrl-C and Esc
raise KeyboardInterrupt at any prompt.

A key answers one prompt only: yes/no prompts wait for Enter (questionary's
default answers on the ``y``/``n`` key itself, so the Enter that people type
after it went on to accept the next prompt's default), and each prompt starts
by discarding keys typed before it was shown (prompt_toolkit's type-ahead
store and the terminal's input queue).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, TextIO

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from scaffolder.evaluate import Option

STYLE = questionary.Style(
    [
        ("qmark", "fg:#5f87af bold"),
        ("question", "bold"),
        ("answer", "fg:#5f87af bold"),
        ("instruction", "fg:#808080"),
        ("pointer", "fg:#5f87af bold"),
        ("highlighted", "fg:#5f87af bold"),
        ("disabled", "fg:#808080 italic"),
    ]
)


def _escape_bindings() -> KeyBindings:
    kb = KeyBindings()

    @kb.add("escape", eager=True)
    def _(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    return kb


class Prompter:
    """Asks one thing at a time on the terminal (or the current prompt_toolkit session)."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out

    # --- hooks -------------------------------------------------------------------

    def before_prompt(self, key: str, kind: str, *, options: Sequence[Any] = (), default: Any = None) -> None:
        """Called just before a prompt is shown (tests feed keystrokes here)."""

    # --- output --------------------------------------------------------------------

    def say(self, text: str = "") -> None:
        print(text, file=self.out or sys.stdout, flush=True)

    def heading(self, text: str) -> None:
        self.say()
        self.say(f"== {text}")

    # --- prompts ---------------------------------------------------------------------

    def select(
        self, key: str, message: str, options: Sequence[Option], default: Any = None, *, help: str = ""
    ) -> Any:
        values = [o.value for o in options if not o.disabled]
        if default not in values:
            default = values[0] if values else None
        choices = [
            questionary.Choice(o.title, value=o.value, disabled=o.disabled or None, description=None)
            for o in options
        ]
        self._start(key, "select", options=options, default=default)
        hint = f"({help}, use arrow keys)" if help else None
        q = questionary.select(
            message, choices=choices, default=default, instruction=hint, style=STYLE, qmark="?"
        )
        return self._ask(q)

    def checkbox(
        self,
        key: str,
        message: str,
        options: Sequence[Option],
        default: Sequence[Any] = (),
        *,
        help: str = "",
    ) -> list[Any]:
        choices = [
            questionary.Choice(
                o.title, value=o.value, disabled=o.disabled or None, checked=o.value in default
            )
            for o in options
        ]
        self._start(key, "checkbox", options=options, default=list(default))
        hint = f"({help}, space to toggle)" if help else None
        q = questionary.checkbox(message, choices=choices, instruction=hint, style=STYLE, qmark="?")
        return list(self._ask(q))

    def confirm(self, key: str, message: str, default: bool = True, *, help: str = "") -> bool:
        self._start(key, "confirm", default=default)
        if help:
            self.say(f"  {help}")
        q = questionary.confirm(message, default=default, auto_enter=False, style=STYLE, qmark="?")
        return bool(self._ask(q))

    def text(
        self,
        key: str,
        message: str,
        default: str = "",
        *,
        validate: Callable[[str], str] | None = None,
        help: str = "",
    ) -> str:
        self._start(key, "text", default=default)

        def check(text: str) -> bool | str:
            message = validate(text) if validate else ""
            return message or True

        q = questionary.text(
            message, default=default, validate=check, instruction=help or None, style=STYLE, qmark="?"
        )
        return str(self._ask(q))

    def _start(self, key: str, kind: str, *, options: Sequence[Any] = (), default: Any = None) -> None:
        """Drop keys typed before this prompt (they were meant for an earlier one), then the hook."""
        discard_typeahead()
        self.before_prompt(key, kind, options=options, default=default)

    def _ask(self, question: Any) -> Any:
        app = question.application
        esc = _escape_bindings()
        app.key_bindings = merge_key_bindings([app.key_bindings, esc]) if app.key_bindings else esc
        return question.unsafe_ask()


def discard_typeahead() -> None:
    """Forget keys read or typed ahead of the next prompt (the current session's input)."""
    import os

    from prompt_toolkit.application.current import get_app_session
    from prompt_toolkit.input.typeahead import clear_typeahead

    source = get_app_session().input
    clear_typeahead(source)
    try:
        fd = source.fileno()
    except (AttributeError, NotImplementedError, ValueError, OSError):
        return
    if os.isatty(fd):
        try:
            import termios  # POSIX terminals; on Windows prompt_toolkit reads the console directly
        except ImportError:
            return
        termios.tcflush(fd, termios.TCIFLUSH)
