# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The licence catalogue (``scaffolder/data/licences.yml``) and its texts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
CATALOGUE = DATA / "licences.yml"
TEXTS = DATA / "licences"


@dataclass(frozen=True)
class Licence:
    id: str
    name: str
    kind: str
    regime: str
    summary: str
    source: str
    default: bool = False
    #: False for licences kept when adopting a repository but not offered for new projects
    offered: bool = True
    network: bool = False
    variant: str | None = None
    source_location: bool = False
    url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def text_path(self) -> Path:
        return TEXTS / f"{self.id}.txt"

    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Catalogue:
    licences: tuple[Licence, ...]
    parts: dict[str, list[str]]
    part_labels: dict[str, str]
    immunities_clause: str

    def get(self, spdx_id: str) -> Licence:
        for lic in self.licences:
            if lic.id == spdx_id:
                return lic
        raise KeyError(spdx_id)

    def for_kind(self, kind: str, *, offered_only: bool = True) -> list[Licence]:
        """Licences for one part: ``software``, ``hardware`` or ``docs``.

        Only those offered for new projects unless ``offered_only`` is false
        (adopt also accepts licences an existing repository carries).
        """
        return [lic for lic in self.licences if lic.kind == kind and (lic.offered or not offered_only)]

    def default_for(self, kind: str) -> Licence:
        return next(lic for lic in self.for_kind(kind) if lic.default)

    def parts_of(self, project_kind: str) -> list[str]:
        """The licensed parts of a project kind, main part first."""
        return list(self.parts[project_kind])


_FIELDS = {f for f in Licence.__dataclass_fields__ if f != "extra"}


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    import yaml

    # libyaml when PyYAML has it: the catalogue is read on every `new` (a tenth of a second in pure Python)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(CATALOGUE.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    licences = tuple(
        Licence(
            **{k: v for k, v in entry.items() if k in _FIELDS},
            extra={k: v for k, v in entry.items() if k not in _FIELDS},
        )
        for entry in raw["licences"]
    )
    return Catalogue(
        licences=licences,
        parts=raw["parts"],
        part_labels=raw["part_labels"],
        immunities_clause=raw["immunities_clause"],
    )


def recorded_checksums() -> dict[str, str]:
    """``{file name: sha256}`` as recorded by tools/update_licence_texts.py."""
    sums = {}
    for line in (TEXTS / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name] = digest
    return sums


def drifted_texts() -> list[str]:
    """Names of shipped texts whose content no longer matches the recorded checksum."""
    recorded = recorded_checksums()
    shipped = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in TEXTS.glob("*.txt")}
    return sorted(n for n in recorded.keys() | shipped.keys() if recorded.get(n) != shipped.get(n))


def identify(text: str) -> Licence | None:
    """The catalogue licence that the licence file ``text`` carries (see :func:`scaffolder.detect.identify`)."""
    from scaffolder import detect

    found = detect.identify(text).spdx
    try:
        return catalogue().get(found) if found else None
    except KeyError:
        return None
