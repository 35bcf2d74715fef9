# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""What the catalogue and the yearly report say, computed once from the inventory.

Every figure comes from the inventory's snapshots: "new this year" and "now
compliant" compare the year's newest snapshot with the newest snapshot of an
earlier year (the *baseline*), so a project that was already there, or
already compliant, is never counted again. Renderers get :meth:`as_dict`
and compute nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scaffolder.errors import ScaffolderError

SCHEMA_VERSION = 1
#: repostatus.org states, and the words the catalogue shows for them.
STATUS_WORDS = {
    "concept": "concept", "wip": "work in progress", "active": "active", "inactive": "inactive",
    "suspended": "suspended", "abandoned": "abandoned", "unsupported": "unsupported", "moved": "moved",
}  # fmt: skip
#: How many projects the report lists as the most active.
TOP = 10


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL with a host, else None: nothing else ever becomes a link."""
    if not url or any(ch in url for ch in "\n\r\t\0 \"'<>`"):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def slug(record: dict[str, Any]) -> str:
    """A file name for the project's page: its name made safe, and a hash of its source (unique)."""
    base = re.sub(r"[^a-z0-9]+", "-", (record.get("name") or "project").lower()).strip("-")[:50] or "project"
    return f"{base}-{hashlib.sha256(record['source'].encode()).hexdigest()[:8]}"


def licences_in_words(expression: str | None) -> list[dict[str, str]]:
    """Each licence an expression names, with the catalogue's name and plain-words summary where it has one."""
    from scaffolder import licences
    from scaffolder.inventory.licensing import keys

    out = []
    catalogue = licences.catalogue()
    for key in sorted(keys(expression)):
        try:
            lic = catalogue.get(key)
            out.append({"id": key, "name": lic.name, "summary": " ".join(lic.summary.split())})
        except KeyError:
            words = "a licence of the project's own: read its text in the repository's LICENSES/ folder"
            if not key.startswith("LicenseRef-"):
                words = "not in the OSPO's licence catalogue: read its text on spdx.org"
            out.append({"id": key, "name": key, "summary": words})
    return out


def issues_url(url: str | None, forge: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).netloc.lower()
    if "github" in host or (forge or "").lower() == "github":
        return url.rstrip("/") + "/issues"
    if "gitlab" in host or (forge or "").lower() == "gitlab":
        return url.rstrip("/") + "/-/issues"
    return None


def project(rec: dict[str, Any]) -> dict[str, Any]:
    """One catalogue entry from one inventory record."""
    url = safe_url(rec.get("url"))
    expression = rec.get("licence_declared") or rec.get("licence_detected")
    repostatus = rec.get("repostatus")
    status = "archived" if rec.get("archived") else (repostatus if repostatus in STATUS_WORDS else "unknown")
    doi = rec.get("doi")
    title = rec.get("citation_title") or rec.get("name")
    return {
        "id": slug(rec),
        "source": rec["source"],
        "name": rec.get("name") or rec["source"],
        "description": " ".join((rec.get("description") or "").split()),
        "kind": rec.get("kind") or "unknown",
        "licence": expression,
        "licence_declared": rec.get("licence_declared"),
        "licence_detected": rec.get("licence_detected"),
        "licence_agree": rec.get("licence_agree"),
        "licences": licences_in_words(expression),
        "status": status,
        "repostatus": repostatus,
        "status_words": "archived" if status == "archived" else STATUS_WORDS.get(status, "not stated"),
        "url": url,
        "issues": issues_url(url, rec.get("forge")),
        "documentation": (url.rstrip("/") + "#readme") if url else None,
        "last_activity": (rec.get("last_commit") or "")[:10] or None,
        "first_commit": (rec.get("first_commit") or "")[:10] or None,
        "reuse_status": rec.get("reuse_status") or "unknown",
        "reuse_detail": rec.get("reuse_detail"),
        "check_errors": rec.get("check_errors"),
        "check_warnings": rec.get("check_warnings"),
        "check_failed": (rec.get("check_failed") or "").split(),
        "template_version": rec.get("template_version"),
        "template_current": rec.get("template_current"),
        "languages": rec.get("languages") or {},
        "commits": rec.get("commits"),
        "contributors": rec.get("contributors"),
        "fork": bool(rec.get("fork")),
        "citation": {
            "title": title,
            "doi": doi,
            "doi_url": safe_url(f"https://doi.org/{doi}") if doi else None,
            "from_cff": bool(rec.get("citation_title") or doi),
        },
    }


def _published(rec: dict[str, Any]) -> bool:
    return not rec.get("external") and rec.get("status") != "failed"


@dataclass
class CatalogueModel:
    """The catalogue of one snapshot: its projects (by name) and the values its filters offer."""

    snapshot: str | None
    projects: list[dict[str, Any]]
    records: list[dict[str, Any]] = field(repr=False)
    kinds: list[str] = field(default_factory=list)
    licences: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The model for the templates (the entries themselves, not copies: the renderers only read them)."""
        keep = ("snapshot", "projects", "kinds", "licences", "statuses")
        return {"schema_version": SCHEMA_VERSION, **{k: getattr(self, k) for k in keep}}


def catalogue(db: Path, snapshot: str | None = None) -> CatalogueModel:
    """The catalogue of ``snapshot`` (default: the newest); an empty or new database gives an empty one."""
    from scaffolder.inventory.store import Store

    with Store(db, create=False) as store:
        if not store.snapshots() and snapshot is None:
            return CatalogueModel(None, [], [])
        sid = store.find_snapshot(snapshot)
        label = next(s["label"] for s in store.snapshots() if s["id"] == sid)
        records = [r for r in store.records(sid) if _published(r)]
    projects = sorted((project(r) for r in records), key=lambda p: (p["name"].casefold(), p["id"]))
    return CatalogueModel(
        snapshot=label,
        projects=projects,
        records=records,
        kinds=sorted({p["kind"] for p in projects}),
        licences=sorted({lic["id"] for p in projects for lic in p["licences"]}),
        statuses=sorted({p["status"] for p in projects}),
    )


# --- the yearly report --------------------------------------------------------------------------


def year_of(snap: dict[str, Any]) -> str:
    """A snapshot's year: its label's when the label starts with one, else the year it was started."""
    label = str(snap["label"])
    return label[:4] if re.match(r"\d{4}(\D|$)", label) else str(snap["started"])[:4]


@dataclass
class ReportModel:
    """The figures of one year's report (see docs/catalogue.md for how each is worked out)."""

    year: int
    snapshot: str | None
    baseline: str | None
    projects: int
    failed: int
    by_kind: dict[str, int]
    by_licence: dict[str, int]
    new: list[str]
    new_rule: str
    now_compliant: list[str]
    no_longer_compliant: list[str]
    compliance: list[dict[str, Any]]
    template: dict[str, int]
    activity: list[dict[str, int]]
    most_active: list[dict[str, Any]]
    external: list[dict[str, Any]]
    external_total: dict[str, int]

    @property
    def empty(self) -> bool:
        return self.projects == 0 and not self.external

    def as_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, **asdict(self), "empty": self.empty}


def report(db: Path, year: int) -> ReportModel:
    """The report for ``year`` from its newest snapshot; a year without a snapshot is refused."""
    from scaffolder.inventory.store import Store

    with Store(db, create=False) as store:
        snaps = store.snapshots()
        if not snaps:  # an empty inventory: a report that says so, whatever the year
            return ReportModel(year, None, None, 0, 0, {}, {}, [], "", [], [], [], _template([]), [], [], [], {})
        in_year = [s for s in snaps if year_of(s) == str(year)]
        if not in_year:
            known = ", ".join(s["label"] for s in snaps) or "none"
            raise ScaffolderError(f"--year {year}: {db} has no snapshot in {year} (snapshots: {known})")
        current = in_year[-1]
        earlier = [s for s in snaps if year_of(s) < str(year)]
        baseline = earlier[-1] if earlier else None
        records = list(store.records(current["id"]))
        before = {r["source"]: r for r in store.records(baseline["id"])} if baseline else {}
        compliance = [_compliance(store, s) for s in snaps if year_of(s) <= str(year)]
    mine = [r for r in records if _published(r)]
    outside = [r for r in records if r.get("external") and r.get("status") != "failed"]
    return ReportModel(
        year=year,
        snapshot=current["label"],
        baseline=baseline["label"] if baseline else None,
        projects=len(mine),
        failed=sum(1 for r in records if r.get("status") == "failed"),
        by_kind=_count(r.get("kind") or "unknown" for r in mine),
        by_licence=_count(
            lic["id"] for r in mine for lic in licences_in_words(r.get("licence_declared") or r.get("licence_detected"))
        ),
        new=_names(r for r in mine if _is_new(r, before, baseline is not None, year)),
        new_rule="absent from the baseline snapshot" if baseline else f"first commit in {year} (no earlier snapshot)",
        now_compliant=_names(
            r for r in mine if r.get("reuse_status") == "compliant"
            and r["source"] in before and before[r["source"]].get("reuse_status") != "compliant"
        ),
        no_longer_compliant=_names(
            r for r in mine if r.get("reuse_status") != "compliant"
            and before.get(r["source"], {}).get("reuse_status") == "compliant"
        ),
        compliance=compliance,
        template=_template(mine),
        activity=_activity(mine, year),
        most_active=_most_active(mine, year),
        external=_external(outside, year),
        external_total={
            "org_commits": sum(e["org_commits"] for e in _external(outside, year)),
            "projects": len(_external(outside, year)),
        },
    )  # fmt: skip


def _count(values: Any) -> dict[str, int]:
    return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))


def _names(records: Any) -> list[str]:
    return sorted((r.get("name") or r["source"] for r in records), key=str.casefold)


def _is_new(rec: dict[str, Any], before: dict[str, Any], has_baseline: bool, year: int) -> bool:
    if has_baseline:
        return rec["source"] not in before
    return (rec.get("first_commit") or "")[:4] == str(year)


def _compliance(store: Any, snap: dict[str, Any]) -> dict[str, Any]:
    """REUSE and check results of one snapshot's own projects (plain SQL: no record is loaded)."""
    row = store.conn.execute(
        "SELECT COUNT(*), "
        "SUM(reuse_status = 'compliant'), SUM(reuse_status = 'non-compliant'), "
        "SUM(check_errors = 0), SUM(check_errors > 0) "
        "FROM record WHERE snapshot = ? AND external = 0 AND status != 'failed'",
        (snap["id"],),
    ).fetchone()
    total, compliant, non_compliant, check_ok, check_failing = (int(v or 0) for v in row)
    return {
        "label": snap["label"], "projects": total, "reuse_compliant": compliant,
        "reuse_non_compliant": non_compliant, "reuse_other": total - compliant - non_compliant,
        "check_passing": check_ok, "check_failing": check_failing,
        "check_not_run": total - check_ok - check_failing,
    }  # fmt: skip


def _template(records: list[dict[str, Any]]) -> dict[str, int]:
    made = [r for r in records if r.get("template_src")]
    return {
        "current": sum(1 for r in made if r.get("template_current") is True),
        "behind": sum(1 for r in made if r.get("template_current") is False),
        "unknown": sum(1 for r in made if r.get("template_current") is None),
        "not_from_template": len(records) - len(made),
    }


def _activity(records: list[dict[str, Any]], year: int) -> list[dict[str, int]]:
    """Commits and contributors per year up to ``year``, inside and outside the organisation."""
    years: dict[int, Counter[str]] = {}
    for rec in records:
        for y, a in rec.get("activity", {}).items():
            if int(y) <= year:
                years.setdefault(int(y), Counter()).update(a)
    return [
        {
            "year": y,
            "commits": c["commits"],
            "org_commits": c["org_commits"],
            "outside_commits": c["commits"] - c["org_commits"],
            "contributors": c["contributors"],
            "org_contributors": c["org_contributors"],
            "outside_contributors": c["contributors"] - c["org_contributors"],
        }
        for y, c in sorted(years.items())
    ]


def _most_active(records: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    rows = []
    for rec in records:
        a = rec.get("activity", {}).get(year)
        if a and a["commits"]:
            rows.append({"name": rec.get("name") or rec["source"], "id": slug(rec), **a})
    rows.sort(key=lambda r: (-r["commits"], r["name"].casefold()))
    return rows[:TOP]


def _external(records: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    rows = []
    for rec in records:
        a = rec.get("activity", {}).get(year)
        if a and a["org_commits"]:
            rows.append({
                "name": rec.get("name") or rec["source"], "url": safe_url(rec.get("url")),
                "org_commits": a["org_commits"], "org_contributors": a["org_contributors"],
            })  # fmt: skip
    rows.sort(key=lambda r: (-r["org_commits"], r["name"].casefold()))
    return rows
