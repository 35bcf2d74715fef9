# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Every relative link in this repository's README and docs leads to a file that exists (and its anchor)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from tests.helpers import REPO

DOCS = sorted([*REPO.glob("*.md"), *(REPO / "docs").glob("*.md")])

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
_CODE = re.compile(r"`[^`\n]*`")
_INLINE = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.M)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def prose(text: str) -> str:
    """The Markdown without code blocks and code spans (their brackets are not links)."""
    return _CODE.sub("", _FENCE.sub("", text))


def links(text: str) -> list[str]:
    body = prose(text)
    return _INLINE.findall(body) + _REFERENCE.findall(body)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its text
    text = re.sub(r"[`*_]", "", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@cache
def anchors(path: Path) -> frozenset[str]:
    seen: dict[str, int] = {}
    out = set()
    for heading in _HEADING.findall(_FENCE.sub("", path.read_text(encoding="utf-8"))):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return frozenset(out)


def broken(doc: Path) -> list[str]:
    out = []
    for target in links(doc.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
            continue  # https:, mailto: ...: not a file of this repository
        path_part, _, anchor = target.partition("#")
        dest = (doc.parent / path_part).resolve() if path_part else doc
        if not dest.exists():
            out.append(f"{target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            out.append(f"{target}: no heading with the anchor #{anchor}")
    return out


def test_the_checked_documents_have_links() -> None:
    assert {"README.md", "TEMPLATE_CHANGELOG.md", "questionnaire.md", "update.md"} <= {d.name for d in DOCS}
    assert len(links((REPO / "README.md").read_text(encoding="utf-8"))) >= 5


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.relative_to(REPO).as_posix())
def test_every_relative_link_resolves(doc: Path) -> None:
    assert broken(doc) == []


def test_the_checker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Other\n\n## Exit codes: `update`\n", encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text(
        "# Title\n\n[ok](other.md) [ok](other.md#exit-codes-update) [ok](#title) [web](https://example.org/x)\n"
        "[gone](updating.md) [bad anchor](other.md#nope) [self](#missing)\n\n"
        "```\n[not a link](nowhere.md)\n```\n`[code](nowhere.md)`\n[ref]: gone-too.md\n",
        encoding="utf-8",
    )
    assert broken(doc) == [
        "updating.md: no such file",
        "other.md#nope: no heading with the anchor #nope",
        "#missing: no heading with the anchor #missing",
        "gone-too.md: no such file",
    ]
