# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Licence: the root licence file, the ids declared everywhere, LICENSES/, the catalogue."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from scaffolder.check.families._util import expression_ids, plural, some, toml
from scaffolder.check.rules import Fail, Pass, Skip, Verdict, predicate

if TYPE_CHECKING:
    from scaffolder.check.facts import Facts


@predicate("LIC001")
def root_licence_exists(facts: Facts) -> Verdict:
    if not facts.licence_files:
        return Fail("no LICENSE, LICENCE or COPYING file at the root of the repository")
    return Pass(", ".join(f.path for f in facts.licence_files))


@predicate("LIC002")
def root_licence_identified(facts: Facts) -> Verdict:
    bad = [f for f in facts.licence_files if not f.spdx]
    if bad:
        return Fail(
            "; ".join(f"{f.path}: {f.problem or 'not identified'}" for f in bad), tuple(f.path for f in bad)
        )
    return Pass(", ".join(f"{f.path}: {f.spdx}" for f in facts.licence_files))


def _accepted_ids(facts: Facts) -> set[str]:
    return {lic.id for lic in facts.catalogue.licences}


@predicate("LIC003")
def licences_accepted(facts: Facts) -> Verdict:
    accepted = _accepted_ids(facts)
    refused: dict[str, str] = {}
    for f in facts.licence_files:
        alternatives = {f.spdx, *(f.identified.alternatives if f.identified else ())} - {None}
        if f.spdx and not alternatives & accepted:
            refused.setdefault(f.spdx, f.path)
    reuse = facts.reuse
    if reuse.error is None:
        for path, ids in reuse.by_file.items():
            for lic in ids:
                if lic.removesuffix("+") not in accepted:
                    refused.setdefault(lic, path)
    if refused:
        return Fail(
            "not in the organisation's catalogue: " + ", ".join(f"{lic} ({where})" for lic, where in refused.items()),
            tuple(dict.fromkeys(refused.values())),
        )
    return None


@predicate("LIC004")
def root_licence_used(facts: Facts) -> Verdict:
    used = facts.reuse.used
    unused = [f for f in facts.licence_files if f.spdx and f.spdx not in used]
    if unused and used:
        f = unused[0]
        return Fail(
            f"{f.path} is {f.spdx}, but no file's REUSE information names it (files use {', '.join(sorted(used))})",
            (f.path,),
        )
    if unused:
        return Skip("no file carries REUSE licence information (see REU001)")
    return None


def _declared(facts: Facts) -> dict[str, list[str]]:
    """``{file: [ids]}`` for the licences declared in metadata files (unreadable files are left out)."""
    out: dict[str, list[str]] = {}

    def add(path: str, value: Any) -> None:
        values = value if isinstance(value, list) else [value]
        ids = []
        for v in values:
            if isinstance(v, str) and v.strip():
                text = v.strip().removeprefix("https://spdx.org/licenses/").removeprefix("http://spdx.org/licenses/")
                ids.extend(expression_ids(text.removesuffix(".html")))
        if ids:
            out[path] = ids

    for path in facts.files:
        name = path.rsplit("/", 1)[-1]
        depth = path.count("/")
        try:
            if name == "pyproject.toml" and depth <= 2 and (text := facts.text(path)) is not None:
                data = toml(text)
                add(path, data.get("project", {}).get("license"))
                add(path, data.get("tool", {}).get("poetry", {}).get("license"))
            elif path == "okh.toml" and (text := facts.text(path)) is not None:
                add(path, toml(text).get("license"))
            elif path == "CITATION.cff" and (text := facts.text(path)) is not None:
                import yaml

                data = yaml.safe_load(text)
                if isinstance(data, dict):
                    add(path, data.get("license"))
            elif path == "codemeta.json" and (text := facts.text(path)) is not None:
                data = json.loads(text)
                if isinstance(data, dict):
                    add(path, data.get("license"))
        except Exception:  # noqa: S112 - a file that does not parse is another rule's failure (COM008, COM010)
            continue
    return out


@predicate("LIC005")
def metadata_agrees(facts: Facts) -> Verdict:
    known = set(facts.reuse.licences) | set(facts.root_licences)
    declared = _declared(facts)
    if not declared:
        return Skip("no pyproject.toml, CITATION.cff, codemeta.json or okh.toml declares a licence")
    wrong = {path: [i for i in ids if i.removesuffix("+") not in known] for path, ids in declared.items()}
    wrong = {p: ids for p, ids in wrong.items() if ids}
    if wrong:
        texts = ", ".join(sorted(known)) or "none"
        return Fail(
            "; ".join(f"{p} declares {', '.join(ids)}" for p, ids in wrong.items())
            + f", which the repository does not use (licence texts: {texts})",
            tuple(wrong),
        )
    # A file at the root describes the whole repository: it names the root licence among its own.
    root = set(facts.root_licences)
    apart = [p for p, ids in declared.items() if "/" not in p and root and not root & set(ids)]
    if apart:
        main = ", ".join(sorted(root))
        return Fail("; ".join(f"{p} declares {', '.join(declared[p])}, not the root licence {main}" for p in apart),
                    tuple(apart))
    return Pass("; ".join(f"{p}: {', '.join(ids)}" for p, ids in declared.items()))


@predicate("LIC006")
def texts_for_used(facts: Facts) -> Verdict:
    missing = facts.reuse.missing
    if missing:
        parts = [f"{lic} (used by {some(files, 3)})" for lic, files in sorted(missing.items())]
        files = sorted({f for fs in missing.values() for f in fs})
        return Fail("no text in LICENSES/ for " + "; ".join(parts), tuple(files[:10]))
    return None


@predicate("LIC007")
def no_unused_texts(facts: Facts) -> Verdict:
    reuse = facts.reuse
    if reuse.unused:
        paths = tuple(reuse.licences[lic] for lic in sorted(reuse.unused) if lic in reuse.licences)
        return Fail(f"{plural(len(paths), 'text')} that no file uses: {', '.join(paths)}", paths)
    return None


@predicate("LIC008")
def texts_named(facts: Facts) -> Verdict:
    reuse = facts.reuse
    bad = {**reuse.bad, **reuse.without_extension}
    if bad:
        paths = tuple(sorted(set(bad.values())))
        return Fail(f"not named by an SPDX id with an extension: {', '.join(paths)}", paths)
    return None


@predicate("LIC009")
def texts_verbatim(facts: Facts) -> Verdict:
    from scaffolder.detect import identify

    known = _accepted_ids(facts)
    wrong: list[str] = []
    compared: list[str] = []
    for lic, path in sorted(facts.reuse.licences.items()):
        if lic not in known:
            continue
        text = facts.text(path)
        if text is None:
            continue
        found = identify(text)
        compared.append(lic)
        if lic != found.spdx and lic not in found.alternatives:
            what = f"the {found.spdx} text" if found.spdx else f"not a known licence text (score {found.score})"
            wrong.append(f"{path} is {what}")
    if wrong:
        return Fail("; ".join(wrong), tuple(w.split(" ", 1)[0] for w in wrong))
    if not compared:
        return Skip("no text in LICENSES/ is one the catalogue holds to compare with")
    return Pass(f"compared {', '.join(compared)}")
