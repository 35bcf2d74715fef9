# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Licences of a repository read from git objects: declared, detected, and its REUSE status.

*Declared* is what the project says in its metadata: ``REUSE.toml``, the
``SPDX-License-Identifier`` headers of its files, ``pyproject.toml``,
``CITATION.cff``, ``codemeta.json``, ``okh.toml`` and the template's answers.
*Detected* is what the licence texts are (``LICENSE*``, ``COPYING*``,
``LICENSES/*.txt``), identified by their words.  They agree when they name
the same licences.  Nothing is ever assumed: an unrecognised text is
``unknown``, not the licence its file name suggests.

The REUSE status is worked out from the blobs of HEAD with the ``reuse``
library's parsers (``REUSE.toml``, comment headers, ``.license`` sidecars),
as ``reuse lint`` would on a checkout of HEAD: every covered file needs a
licence and a copyright notice, and ``LICENSES/`` holds exactly the
licences used.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from scaffolder.inventory.gitread import Unreadable, as_text

if TYPE_CHECKING:
    from scaffolder.inventory.gitread import GitRepo

_IGNORED_DIRS = {".git", "LICENSES", ".reuse", ".hg", ".sl"}
_IGNORED_FILE = re.compile(
    r"^(LICEN[CS]E([-.].*)?|COPYING([-.].*)?|\.git|\.hgtags|.*\.license|REUSE\.toml|.*\.spdx|.*\.spdx\.(rdf|json|xml|ya?ml))$"
)
_LICENCE_TEXT = re.compile(r"^(LICEN[CS]E|COPYING)([-.].*)?$")
_SPDX_URL = re.compile(r"^https?://spdx\.org/licenses/([^/]+?)(\.html|\.json)?$")


@dataclass
class Licensing:
    declared: dict[str, str] = field(default_factory=dict)
    detected: dict[str, str] = field(default_factory=dict)
    #: Ids a detected text may equally be (a GNU text without a notice: ``-only`` or ``-or-later``).
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reuse_status: str | None = None
    reuse_detail: str | None = None
    problems: list[str] = field(default_factory=list)


def identify(text: str) -> tuple[str | None, tuple[str, ...]]:
    """The SPDX id of a licence text by the shared detector (:mod:`scaffolder.detect`), and its alternatives."""
    from scaffolder.detect import identify as detector

    found = detector(text)
    return found.spdx or None, tuple(found.alternatives)


def agree(declared: str | None, detected: dict[str, str], alternatives: dict[str, tuple[str, ...]]) -> bool | None:
    """Whether the declared expression names exactly the licences whose texts were found (None: nothing to compare).

    A text the detector could read two ways (a GNU licence without its
    notice) agrees with either; an unknown or unreadable text is left out.
    """
    said = keys(declared)
    texts = {path: spdx for path, spdx in detected.items() if spdx not in ("unknown", "unreadable")}
    if not said or not texts:
        return None
    covered = set()
    for path, spdx in texts.items():
        options = {spdx, *alternatives.get(path, ())}
        if not options & said:
            return False
        covered |= options & said
    return covered == said


@lru_cache(maxsize=1)
def _spdx() -> Any:
    """license-expression's SPDX index (built once per process: building it takes a good part of a second)."""
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def combine(expressions: list[str]) -> str | None:
    """One SPDX expression for all of ``expressions``: their AND, each operand once, nothing simplified away.

    ``MIT`` from one file and ``Apache-2.0 OR MIT`` from another give
    ``(Apache-2.0 OR MIT) AND MIT``, not the ``MIT`` that boolean absorption
    would make of it: the inventory reports what was declared, it does not
    decide which choice a recipient makes.
    """
    operands: set[str] = set()
    for text in expressions:
        if not text or not text.strip():
            continue
        parsed = _spdx().parse(text.strip(), strict=True)
        if parsed is None:
            continue
        parts = parsed.args if type(parsed).__name__ == "AND" else (parsed,)
        for part in parts:
            rendered = str(part)
            operands.add(f"({rendered})" if " OR " in rendered and not rendered.startswith("(") else rendered)
    return " AND ".join(sorted(operands)) or None


def keys(expression: str | None) -> set[str]:
    """The licence identifiers an expression names (``WITH`` exceptions included: REUSE wants their texts too)."""
    if not expression:
        return set()
    return set(_spdx().license_keys(expression))


@lru_cache(maxsize=4096)
def valid(expression: str) -> bool:
    """Whether ``expression`` is an SPDX licence expression of known ids (``LicenseRef-`` ids allowed)."""
    try:
        parsed = _spdx().parse(expression, strict=True)
    except Exception:  # license-expression raises ExpressionError and others for bad input
        return False
    if parsed is None:
        return False
    unknown = _spdx().unknown_license_keys(parsed)
    return all(k.startswith(("LicenseRef-", "DocumentRef-")) for k in unknown)


def licensing(repo: GitRepo, answers: dict[str, Any], *, max_files: int) -> Licensing:
    """Declared and detected licences and the REUSE status of ``repo``'s HEAD."""
    out = Licensing()
    _declared_in_metadata(repo, answers, out)
    _detected(repo, out)
    _reuse(repo, out, max_files)
    return out


def _add(out: Licensing, where: str, value: Any) -> None:
    values = value if isinstance(value, list) else [value]
    found = []
    for v in values:
        if not isinstance(v, str) or not v.strip():
            continue
        text = v.strip()
        if m := _SPDX_URL.match(text):
            text = m[1]
        if valid(text):
            found.append(text)
        else:
            out.problems.append(f"{where}: {text[:80]!r} is not an SPDX licence expression; not counted")
    if found:
        out.declared[where] = " AND ".join(sorted(set(found))) if len(found) > 1 else found[0]


def _read(repo: GitRepo, path: str, out: Licensing) -> str | None:
    try:
        return repo.text_or_none(path)
    except Unreadable as exc:
        out.problems.append(str(exc))
        return None


def _declared_in_metadata(repo: GitRepo, answers: dict[str, Any], out: Licensing) -> None:
    import yaml

    for key in ("software_license", "hardware_license", "docs_license"):
        if answers.get(key):
            _add(out, f".copier-answers.yml {key}", answers[key])
    if (text := _read(repo, "pyproject.toml", out)) is not None:
        project = _toml(text, "pyproject.toml", out).get("project") or {}
        lic = project.get("license") if isinstance(project, dict) else None
        if isinstance(lic, str):
            _add(out, "pyproject.toml", lic)
    if (text := _read(repo, "okh.toml", out)) is not None:
        lic = _toml(text, "okh.toml", out).get("license")
        _add(out, "okh.toml", list(lic.values()) if isinstance(lic, dict) else lic)
    if (text := _read(repo, "CITATION.cff", out)) is not None:
        try:
            cff = yaml.safe_load(text)
        except yaml.YAMLError:
            out.problems.append("CITATION.cff: not valid YAML")
        else:
            if isinstance(cff, dict):
                _add(out, "CITATION.cff", cff.get("license"))
    if (text := _read(repo, "codemeta.json", out)) is not None:
        try:
            meta = json.loads(text)
        except ValueError:
            out.problems.append("codemeta.json: not valid JSON")
        else:
            if isinstance(meta, dict):
                _add(out, "codemeta.json", meta.get("license"))


def _toml(text: str, where: str, out: Licensing) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        loaded = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        out.problems.append(f"{where}: not valid TOML")
        return {}
    return loaded if isinstance(loaded, dict) else {}


def licence_texts(repo: GitRepo) -> list[str]:
    """``LICENSE*``/``COPYING*`` at the root and ``LICENSES/*``: the files whose text is identified."""
    return [
        p
        for p in repo.tree
        if (("/" not in p and _LICENCE_TEXT.match(p)) or (p.startswith("LICENSES/") and p.count("/") == 1))
        and not p.endswith(".license")
    ]


def _detected(repo: GitRepo, out: Licensing) -> None:
    paths = licence_texts(repo)
    sizes = repo.sizes(paths)
    blobs = repo.read_many(paths)
    for path in sorted(paths):
        entry = repo.tree[path]
        if not entry.is_file:
            out.problems.append(f"{path}: not a regular file (mode {entry.mode}); not read")
            out.detected[path] = "unreadable"
            continue
        if path not in blobs:
            size = sizes.get(path, "?")
            out.problems.append(f"{path}: {size} bytes, more than the {repo.max_bytes} scaffolder reads; not read")
            out.detected[path] = "unreadable"
            continue
        try:
            text = as_text(path, blobs[path])
        except Unreadable as exc:
            out.problems.append(str(exc))
            out.detected[path] = "unreadable"
            continue
        spdx, alternatives = identify(text)
        out.detected[path] = spdx or "unknown"
        if alternatives:
            out.alternatives[path] = alternatives


def _ignored(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return any(p in _IGNORED_DIRS for p in parts[:-1]) or bool(_IGNORED_FILE.match(parts[-1]))


def _reuse(repo: GitRepo, out: Licensing, max_files: int) -> None:
    from reuse.extract import extract_reuse_info
    from reuse.global_licensing import ReuseTOML

    toml = None
    if "REUSE.toml" in repo.tree:
        text = _read(repo, "REUSE.toml", out)
        try:
            toml = ReuseTOML.from_toml(text or "", "REUSE.toml")
        except Exception as exc:  # reuse raises its own parse errors and attrs' validation errors
            out.problems.append(f"REUSE.toml: not valid ({' '.join(str(exc).split())[:120]})")
            out.reuse_status, out.reuse_detail = "non-compliant", "REUSE.toml is not valid"
            return
        exprs = sorted({str(e) for item in toml.annotations for e in item.spdx_expressions})
        if exprs:
            _add(out, "REUSE.toml", exprs)
    covered = [p for p, e in repo.tree.items() if e.is_file and not _ignored(p)]
    if len(covered) > max_files:
        out.reuse_status = "not assessed"
        out.reuse_detail = f"{len(covered)} files, more than the {max_files} read for REUSE"
        return
    sidecars = [p + ".license" for p in covered if p + ".license" in repo.tree]
    sizes = repo.sizes(covered)
    covered = [p for p in covered if sizes.get(p, 1) > 0]  # empty files are not covered
    blobs = repo.read_many(covered + sidecars)
    no_licence, no_copyright, unread = [], [], []
    used: set[str] = set()
    header_exprs: set[str] = set()
    for path in covered:
        expressions: set[str] = set()
        notices = False
        own = [blobs.get(path + ".license")] if path + ".license" in repo.tree else [blobs.get(path)]
        item = toml.find_annotations_item(path) if toml else None
        if item is None or item.precedence.name != "OVERRIDE":
            if own[0] is None:
                if item is None:
                    unread.append(path)
                    continue
            else:
                info = extract_reuse_info(own[0].decode("utf-8", "replace"))
                expressions |= {str(e) for e in info.spdx_expressions}
                header_exprs |= {str(e) for e in info.spdx_expressions}
                notices = bool(info.copyright_notices)
        if item is not None and (item.precedence.name != "CLOSEST" or not (expressions and notices)):
            if not expressions:
                expressions |= {str(e) for e in item.spdx_expressions}
            notices = notices or bool(item.copyright_notices)
        if not expressions:
            no_licence.append(path)
        if not notices:
            no_copyright.append(path)
        for e in expressions:
            used |= keys(e) if valid(e) else set()
    if header_exprs:
        _add(out, "SPDX headers", sorted(header_exprs))
    present = {
        PurePosixPath(p).stem
        for p in repo.tree
        if p.startswith("LICENSES/") and p.count("/") == 1 and not p.endswith(".license")
    }
    missing = sorted(used - present)
    unused = sorted(present - used)
    detail = []
    if no_licence:
        detail.append(f"{len(no_licence)} file(s) without a licence (e.g. {no_licence[0]})")
    if no_copyright:
        detail.append(f"{len(no_copyright)} file(s) without a copyright notice (e.g. {no_copyright[0]})")
    if missing:
        detail.append("missing LICENSES/: " + ", ".join(missing))
    if unused:
        detail.append("unused in LICENSES/: " + ", ".join(unused))
    if unread:
        detail.append(f"{len(unread)} file(s) too large to read (e.g. {unread[0]})")
    if not detail:
        out.reuse_status = "compliant"
    elif unread and len(detail) == 1:  # nothing wrong seen, but not everything could be read
        out.reuse_status = "not assessed"
    else:
        out.reuse_status = "non-compliant"
    out.reuse_detail = "; ".join(detail) or None
