# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""What licence and copyright an existing repository carries, for ``scaffolder adopt``.

adopt never records a licence the repository does not have: the root licence
files are identified (:mod:`scaffolder.detect`); a file it cannot identify,
a licence outside the catalogue, several different licences or none at all
stop adopt before anything is written, unless the licence is given with
``--data`` (after the holders agree).  The copyright notices found in the
licence files and in the headers of tracked files are kept: they become the
``existing_copyright`` answer, which NOTICE and README show instead of the
organisation's line (that one covers only the files the template adds).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaffolder import detect, gitops, repofiles
from scaffolder.errors import ScaffolderError

#: Tracked files whose headers are read for copyright notices and SPDX licence ids, at most.
MAX_HEADER_FILES = 2000
#: Bytes of each file read as its header.
HEADER_BYTES = 4096
#: Copyright notices kept, at most (a repository with more lists them in its files anyway).
MAX_NOTICES = 20

# REUSE-IgnoreStart
_SPDX_ID = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+()\- ]+)")
# REUSE-IgnoreEnd
_PROCEED = (
    "if the holders agree that the project is (or is relicensed) under a licence of the catalogue, "
    "pass it with --data {question}=ID"
)


@dataclass
class Existing:
    """The licence an existing repository carries and the copyright notices to keep."""

    spdx: str
    kind: str
    notices: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)  # one line per licence file, what the detector said


def examine(project: Path, data: dict[str, Any]) -> Existing:
    """The licence of ``project`` (or the one given in ``data``) and its copyright notices.

    Raises :class:`ScaffolderError` when the licence cannot be decided without a claim.
    """
    from scaffolder.licences import catalogue

    cat = catalogue()
    files = detect.root_licence_files(project)
    found = [_describe(f) for f in files]
    heads = _headers(project)
    headers = _header_ids(heads)
    notices = _notices(heads, files)
    ids = sorted({f.spdx for f in files if f.spdx})
    problems = [f for f in files if f.problem]
    main_question = _main_question(data, ids)
    if data.get(main_question):
        # the licence of the main part, stated by the user (after the holders agreed): it wins
        return Existing(str(data[main_question]), main_question.removesuffix("_license"), notices, found)
    where = ", ".join(found) if found else ""
    if not files:
        raise ScaffolderError(
            f"{project.name} has no licence file (LICENSE*, LICENCE* or COPYING*) at its root: adopting it "
            "would claim a licence it does not have; " + _PROCEED.format(question=main_question)
        )
    if problems or not ids:
        raise ScaffolderError(
            f"cannot tell the licence of {project.name}: {where}; " + _PROCEED.format(question=main_question)
        )
    if len(ids) > 1:
        raise ScaffolderError(
            f"{project.name} carries several licences: {where}; adopt records one per part: "
            + _PROCEED.format(question=main_question)
        )
    spdx = ids[0]
    identified = next(f.identified for f in files if f.spdx == spdx and f.identified)
    if identified.alternatives:
        spdx = _decide_version(spdx, identified.alternatives, headers, where, main_question)
    try:
        lic = cat.get(spdx)
    except KeyError:
        raise ScaffolderError(
            f"{project.name} is licensed under {spdx} ({where}), which is not in the catalogue of licences "
            "scaffolder manages; " + _PROCEED.format(question=main_question)
        ) from None
    return Existing(lic.id, lic.kind, notices, found)


def answers_for(existing: Existing, data: dict[str, Any], asked: dict[str, Any]) -> dict[str, Any]:
    """The answers adopt records for ``existing`` (only those the template asks), ``data`` first."""
    from scaffolder.licences import catalogue

    out: dict[str, Any] = {
        f"{existing.kind}_license": existing.spdx,
        "adopted": True,
        "existing_copyright": existing.notices,
    }
    parts = catalogue().parts
    kinds = [k for k, p in parts.items() if p and p[0] == existing.kind]
    if kinds:  # the project kind whose main part the licence is for, with the fewest parts
        out["project_kind"] = min(kinds, key=lambda k: len(parts[k]))
    out = {k: v for k, v in out.items() if not asked or k in asked}
    return {**out, **data}


def _main_question(data: dict[str, Any], ids: list[str]) -> str:
    """The licence question of the project's main part: from ``project_kind`` if given, else the licence found."""
    from scaffolder.licences import catalogue

    parts = catalogue().parts
    kind = data.get("project_kind")
    if isinstance(kind, str) and parts.get(kind):
        return f"{parts[kind][0]}_license"
    if len(ids) == 1 and _kind_of(ids[0]):
        return f"{_kind_of(ids[0])}_license"
    return "software_license"


def _kind_of(spdx: str) -> str | None:
    from scaffolder.licences import catalogue

    try:
        return catalogue().get(spdx).kind
    except KeyError:
        return None


def _describe(f: detect.LicenceFile) -> str:
    if f.problem and f.identified is not None and f.identified.score:
        return f"{f.path}: {f.problem} (closest match scores {f.identified.score:.2f})"
    if f.problem:
        return f"{f.path}: {f.problem}"
    assert f.identified is not None
    extra = f", or {' or '.join(f.identified.alternatives)}" if f.identified.alternatives else ""
    return f"{f.path}: {f.spdx}{extra} ({f.identified.method}, score {f.identified.score:.2f})"


def _decide_version(
    spdx: str, alternatives: tuple[str, ...], headers: set[str], where: str, question: str
) -> str:
    """``-only`` or ``-or-later`` for a GNU text without a notice, from the files' SPDX headers."""
    candidates = {spdx, *alternatives}
    said = {_normalise(h) for h in headers} & candidates
    if len(said) == 1:
        return said.pop()
    options = " or ".join(sorted(candidates))
    raise ScaffolderError(
        f"{where}: the licence text does not say whether later versions apply, and no SPDX header "
        f"decides it; pass --data {question}={options.split(' or ')[0]} or {question}="
        f"{options.split(' or ')[1]}, as the project's notices say"
    )


def _normalise(spdx: str) -> str:
    spdx = spdx.strip()
    if spdx.endswith("+"):
        return spdx[:-1] + "-or-later"
    if re.fullmatch(r"(A|L)?GPL-\d\.\d", spdx):
        return spdx + "-only"
    return spdx


def _tracked(project: Path) -> list[str]:
    out = gitops.git("ls-files", "-z", cwd=project, check=False)
    return [p for p in out.split("\0") if p][:MAX_HEADER_FILES]


def _headers(project: Path) -> list[tuple[str, str]]:
    heads = []
    for rel in _tracked(project):
        try:
            target = repofiles.inside(project, rel)  # no link out of the repository
        except repofiles.UnsafeFile:
            continue
        if not target.is_file():
            continue
        with target.open("rb") as handle:
            data = handle.read(HEADER_BYTES)  # only the header: never a whole large file
        if not repofiles.is_binary(data):
            heads.append((rel, data.decode("utf-8", errors="replace")))
    return heads


def _header_ids(heads: list[tuple[str, str]]) -> set[str]:
    ids: set[str] = set()
    for _, head in heads:
        for match in _SPDX_ID.finditer(head):
            ids.update(part for part in re.split(r"\s+(?:OR|AND|WITH)\s+|[()]", match.group(1)) if part.strip())
    return {i.strip() for i in ids}


def _notices(heads: list[tuple[str, str]], files: list[detect.LicenceFile]) -> list[str]:
    notices: list[str] = []
    for f in files:
        notices.extend(n for n in f.notices if n not in notices)
    licence_paths = {f.path for f in files}
    for rel, head in heads:
        if rel in licence_paths or rel.startswith("LICENSES/"):
            continue
        notices.extend(n for n in detect.copyright_notices(head) if n not in notices)
    return notices[:MAX_NOTICES]


def reuse_problems(project: Path, existing: Existing) -> list[str]:
    """What ``reuse lint`` still finds in ``project`` after adopt, one line per file, with why and how to fix it."""
    from reuse.project import Project
    from reuse.report import ProjectReport

    report = ProjectReport.generate(Project.from_directory(project), do_checksum=False, multiprocessing=False)
    if report.is_compliant:
        return []
    root = project.resolve()
    no_copyright = {_relative(root, p) for p in report.files_without_copyright}
    no_licence = {_relative(root, p) for p in report.files_without_licenses}
    holders = " ".join(f"--copyright {shlex.quote(n)}" for n in existing.notices) or "--copyright HOLDER"
    out = []
    for rel in sorted(no_copyright | no_licence):
        lacks = [what for what, files in (("copyright", no_copyright), ("licence", no_licence)) if rel in files]
        flags = [holders] if rel in no_copyright else []
        flags += [f"--license {existing.spdx}"] if rel in no_licence else []
        out.append(
            f"{rel}: no {' and no '.join(lacks)} information (the file existed before adopt; if "
            f"{'these holders and ' if rel in no_copyright else ''}the repository's licence hold for it: "
            f"`reuse annotate {' '.join(flags)} {shlex.quote(rel)}`, else an annotation in REUSE.toml)"
        )
    for lic, files in sorted(report.missing_licenses.items()):
        out.append(f"LICENSES/{lic}.txt: missing, though {len(files)} file(s) name {lic}; add its text there")
    for path in sorted(report.read_errors):
        out.append(f"{path}: could not be read by reuse")
    return out


def _relative(root: Path, path: Path | str) -> str:
    path = Path(path)
    return (path.resolve().relative_to(root) if path.is_absolute() else path).as_posix()
