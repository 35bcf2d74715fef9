# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder catalogue``: the static catalogue site, from :class:`~scaffolder.publish.model.CatalogueModel`.

A folder browsable from disk or any web server: ``index.html`` (filters and
search in the page, ``catalogue.js``), ``projects/<id>/index.html`` and
``projects/<id>/publiccode.yml``, and ``catalogue.json`` (CodeMeta 3.0).
Nothing is fetched from another site.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from scaffolder.publish import model, publiccode
from scaffolder.publish.render import TITLE, render, static, write_files

#: Marks a projects/ folder as ours, so that a re-run may replace it (pages of projects gone are removed).
MARK = ".scaffolder-catalogue"
ORGANISATION = "CERN"


def build(catalogue: model.CatalogueModel, organisation: str = ORGANISATION) -> dict[str, str]:
    """Every file of the site, by relative path."""
    from scaffolder.inventory.export import to_json
    from scaffolder.inventory.sources import is_url

    data = catalogue.as_dict()
    files: dict[str, str] = {}
    for p in data["projects"]:
        why = publiccode.missing(p, p["repostatus"])
        p["publiccode"] = why is None
        p["publiccode_missing"] = why
        if why is None:
            files[f"projects/{p['id']}/publiccode.yml"] = publiccode.to_yaml(
                publiccode.publiccode(p, p["repostatus"], organisation)
            )
        files[f"projects/{p['id']}/index.html"] = render("catalogue_project.html.j2", p=p, title=TITLE)
    files["index.html"] = render("catalogue_index.html.j2", title=TITLE, **data)
    # a local path says where the inventory ran, nothing the public needs: only URLs are published
    public = [
        {**r, **{k: r[k] if r.get(k) and is_url(r[k]) else None for k in ("source", "template_src")}}
        for r in catalogue.records
    ]
    files["catalogue.json"] = to_json(public) + "\n"
    files["style.css"] = static("style.css")
    files["catalogue.js"] = static("catalogue.js")
    files[f"projects/{MARK}"] = "made by scaffolder catalogue: replaced on every run\n"
    return files


def write(out: Path, db: Path, snapshot: str | None = None) -> dict[str, Any]:
    """Write the site into ``out``; what was written (for the command's closing line)."""
    catalogue = model.catalogue(db, snapshot)
    files = build(catalogue)
    projects = out / "projects"
    if (projects / MARK).is_file():
        shutil.rmtree(projects)
    write_files(out, dict(files))
    return {"projects": len(catalogue.projects), "snapshot": catalogue.snapshot,
            "publiccode": sum(1 for f in files if f.endswith("publiccode.yml"))}  # fmt: skip
