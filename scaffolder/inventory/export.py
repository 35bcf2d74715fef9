# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""A snapshot as CodeMeta 3.0 JSON-LD records or as CSV.

CodeMeta terms carry what CodeMeta has words for (name, codeRepository,
license, identifier, programmingLanguage, developmentStatus, dates); the
rest of the record is in our own namespace, ``inventory:`` (docs/inventory.md
lists its terms).
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

CODEMETA = "https://w3id.org/codemeta/3.0"
#: Our namespace for the terms CodeMeta has no word for (a URN: it names, it is not fetched).
NAMESPACE = "urn:scaffolder:inventory:"
#: Record keys exported under ``inventory:`` (the rest map to CodeMeta terms).
EXTRA = (
    "source", "status", "error", "forge", "default_branch", "head", "archived", "fork", "external", "kind",
    "kind_from", "licence_declared", "licence_detected", "licence_agree", "licence_sources", "licence_files",
    "reuse_status", "reuse_detail", "check_errors", "check_warnings", "check_failed", "template_src",
    "template_version", "template_current", "repostatus", "commits", "contributors", "org_contributors",
    "activity", "languages", "problems", "collected",
)  # fmt: skip


def codemeta(rec: dict[str, Any]) -> dict[str, Any]:
    """One record as a CodeMeta 3.0 ``SoftwareSourceCode``."""
    out: dict[str, Any] = {"@type": "SoftwareSourceCode", "name": rec.get("name")}
    if rec.get("url"):
        out["codeRepository"] = rec["url"]
    if rec.get("description"):
        out["description"] = rec["description"]
    if rec.get("licence_declared") or rec.get("licence_detected"):
        from scaffolder.inventory.licensing import keys

        ids = sorted(keys(rec.get("licence_declared") or rec.get("licence_detected")))
        out["license"] = [f"https://spdx.org/licenses/{i}" for i in ids if not i.startswith("LicenseRef-")]
    if rec.get("doi"):
        out["identifier"] = f"https://doi.org/{rec['doi']}"
    if rec.get("languages"):
        out["programmingLanguage"] = list(rec["languages"])
    if rec.get("repostatus"):
        out["developmentStatus"] = rec["repostatus"]
    if rec.get("first_commit"):
        out["dateCreated"] = rec["first_commit"][:10]
    if rec.get("last_commit"):
        out["dateModified"] = rec["last_commit"][:10]
    if rec.get("citation_title"):
        out["inventory:citationTitle"] = rec["citation_title"]
    for key in EXTRA:
        value = rec.get(key)
        if value not in (None, "", [], {}):
            out[f"inventory:{key}"] = value
    return out


def to_json(records: Iterable[dict[str, Any]]) -> str:
    """A JSON list of CodeMeta records, each with the shared context."""
    context = [CODEMETA, {"inventory": NAMESPACE}]
    return json.dumps([{"@context": context, **codemeta(r)} for r in records], indent=2, ensure_ascii=False)


#: CSV columns: the record's own, then languages and activity folded into one cell each.
CSV_SKIP = ("licence_sources", "licence_files", "problems", "languages", "activity", "snapshot")


def to_csv(records: Iterable[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for rec in records:
        row = {k: v for k, v in rec.items() if k not in CSV_SKIP}
        row["languages"] = "; ".join(f"{k}: {v}" for k, v in rec.get("languages", {}).items())
        row["activity"] = "; ".join(
            f"{y}: {a['commits']} commits, {a['contributors']} people, "
            f"{a['org_commits']} org commits, {a['org_contributors']} org people"
            for y, a in rec.get("activity", {}).items()
        )
        row["problems"] = " | ".join(rec.get("problems") or [])
        if writer is None:
            writer = csv.DictWriter(buf, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})
    if writer is None:  # an empty snapshot still says what its columns are
        from scaffolder.inventory.store import COLUMNS

        csv.writer(buf, lineterminator="\n").writerow([*COLUMNS, "languages", "activity", "problems"])
    return buf.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet must not run a hostile description as a formula
    return value
