# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The Jinja environment of the catalogue's and report's pages (``data/report/``), and safe file writing.

HTML templates are autoescaped: a description with ``<script>`` is shown as
text. Markdown has no escaping of its own, so every value from the
inventory goes through the ``md`` filter.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent.parent / "data" / "report"
TITLE = "Open-source projects"
REPORT_TITLE = "Open Source Program Office report"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md(value: Any) -> str:
    """``value`` as Markdown text: one line, its markup characters escaped, ``<`` and ``&`` as entities."""
    text = " ".join(str(value).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


@lru_cache(maxsize=1)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PAGES),
        # HTML escaped; Markdown has no escaping of its own: its values go through ``md``
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["md"] = md
    return env


def render(template: str, **context: Any) -> str:
    return str(environment().get_template(template).render(**context))


def static(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def write_files(out: Path, files: dict[str, str | bytes]) -> None:
    """Write ``files`` (relative path: content) under ``out``, each whole or not at all (temporary file, rename)."""
    from scaffolder.errors import ScaffolderError

    if out.exists() and not out.is_dir():
        raise ScaffolderError(f"--output {out}: not a folder")
    try:
        for rel, content in files.items():
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            Path(tmp).chmod(0o644)  # a web page: readable by the server that publishes it
            Path(tmp).replace(path)
    except OSError as exc:
        raise ScaffolderError(f"--output {out}: cannot write {exc.filename or out}: {exc.strerror}") from None
