# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Drive the wizard's real prompts (questionary on prompt_toolkit) through a pipe input.

`Scripted` is the wizard's own Prompter; before each prompt it types the
keystrokes for the answer its script gives for that prompt's key (a question
name, `guide.<part>.<node>`, `review`, `review.change`, `dest`).  Keys that
the script does not name are answered with Enter: the default.  A list in the
script is consumed one item per time the key is asked.
"""

from __future__ import annotations

import contextlib
import io
import threading
from typing import TYPE_CHECKING, Any

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from scaffolder.prompts import Prompter

if TYPE_CHECKING:
    from collections.abc import Iterator

DOWN, UP, ENTER, CTRL_C, CTRL_U = "\x1b[B", "\x1b[A", "\r", "\x03", "\x15"
WATCHDOG_SECONDS = 30


class Keys(str):
    """Raw keystrokes, sent as they are."""


class Scripted(Prompter):
    def __init__(self, pipe: Any, script: dict[str, Any]) -> None:
        self.buffer = io.StringIO()
        super().__init__(out=self.buffer)
        self.pipe = pipe
        self.script = {k: (list(v) if isinstance(v, list) else v) for k, v in script.items()}
        self.used: set[str] = set()
        self.asked: list[str] = []
        self.defaults: dict[str, Any] = {}
        self.options: dict[str, list[Any]] = {}
        self.stuck: str | None = None
        self._watchdog: threading.Timer | None = None

    def _arm(self, key: str) -> None:
        """A prompt that refuses its scripted answer would wait forever: interrupt it instead."""
        self.disarm()

        def fire() -> None:
            self.stuck = key
            self.pipe.send_text(CTRL_C)

        self._watchdog = threading.Timer(WATCHDOG_SECONDS, fire)
        self._watchdog.daemon = True
        self._watchdog.start()

    def disarm(self) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()

    @property
    def output(self) -> str:
        return self.buffer.getvalue()

    def unused(self) -> list[str]:
        return sorted(k for k in self.script if k not in self.used)

    def before_prompt(self, key: str, kind: str, *, options: Any = (), default: Any = None) -> None:
        self.asked.append(key)
        self.defaults.setdefault(key, default)
        self.options.setdefault(key, list(options))
        value: Any = Keys(ENTER)
        if key in self.script:
            self.used.add(key)
            value = self.script[key]
            if isinstance(value, list):
                value = value.pop(0) if value else Keys(ENTER)
        self._arm(key)
        self.pipe.send_text(self.keys(kind, value, options, default))

    @staticmethod
    def keys(kind: str, value: Any, options: Any, default: Any) -> str:
        if isinstance(value, Keys):
            return str(value)
        if kind == "select":
            values = [o.value for o in options if not o.disabled]
            if value not in values:
                raise AssertionError(f"script: {value!r} is not one of {values}")
            steps = values.index(value) - values.index(default)
            return (DOWN * steps if steps > 0 else UP * -steps) + ENTER
        if kind == "confirm":
            return ("y" if value else "n") + ENTER
        if kind == "text":
            return CTRL_U + str(value) + ENTER
        raise AssertionError(f"script cannot answer a {kind} prompt")


@contextlib.contextmanager
def scripted(script: dict[str, Any]) -> Iterator[Scripted]:
    """A Scripted prompter on a pipe input (the terminal's output is discarded)."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        prompter = Scripted(pipe, script)
        try:
            yield prompter
        except KeyboardInterrupt:
            if prompter.stuck is not None:
                stuck = prompter.stuck
                raise AssertionError(f"the prompt {stuck!r} did not accept the scripted answer") from None
            raise
        finally:
            prompter.disarm()


def data_args(answers: dict[str, Any]) -> list[str]:
    """The answers as `scaffolder new` command-line arguments."""
    out = []
    for key, value in answers.items():
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        out += ["--data", f"{key}={text}"]
    return out
