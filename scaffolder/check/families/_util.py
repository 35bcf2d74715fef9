# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Small helpers shared by the families."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from typing import Any

#: How many names a failure lists before "and N more".
SHOWN = 10


def some(names: Iterable[str], limit: int = SHOWN) -> str:
    """``a, b, c and 7 more``: the first names of a long list."""
    items = list(names)
    head = ", ".join(items[:limit])
    return head + (f" and {len(items) - limit} more" if len(items) > limit else "")


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


_OPERATOR = re.compile(r"\s+(?:AND|OR)\s+|[()]", re.IGNORECASE)


def expression_ids(expression: str) -> list[str]:
    """The licence ids of an SPDX expression (``WITH`` exceptions dropped, ``+`` kept)."""
    out = []
    for part in _OPERATOR.split(expression):
        lic = re.split(r"\s+WITH\s+", part.strip(), flags=re.IGNORECASE)[0].strip()
        if lic:
            out.append(lic)
    return out


def toml(text: str) -> dict[str, Any]:
    """TOML text as a dict (``tomllib``, or ``tomli`` before Python 3.11); ValueError when it is not TOML."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return dict(tomllib.loads(text))


def words(text: str) -> str:
    """``text`` as lower-case words separated by one space: comment markers, wrapping and markup do not count."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))
