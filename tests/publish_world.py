# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""A known organisation for the catalogue and report tests: repositories built with set dates and people.

Two generated projects (copier, from a tagged copy of this template) and
hand-made ones, collected by ``scaffolder inventory collect`` into two
snapshots (``2025-12-01`` and ``2026-11-30``). ``COMMITS`` is the truth the
tests count from: every figure of the report must follow from it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import REPO, git, render, run_cli, template_copy
from tests.inventory_helpers import commit

MIT = (REPO / "scaffolder" / "data" / "licences" / "MIT.txt").read_text(encoding="utf-8")
OHL = (REPO / "scaffolder" / "data" / "licences" / "CERN-OHL-S-2.0.txt").read_text(encoding="utf-8")
CC_BY = (REPO / "scaffolder" / "data" / "licences" / "CC-BY-4.0.txt").read_text(encoding="utf-8")


# REUSE-IgnoreStart (the headers of the test repositories, not of this file)
def header(spdx: str, comment: str = "#") -> str:
    return f"{comment} SPDX-FileCopyrightText: 2026 CERN\n{comment} SPDX-License-Identifier: {spdx}\n"


MD_CC = "<!--\nSPDX-FileCopyrightText: 2026 CERN\nSPDX-License-Identifier: CC-BY-4.0\n-->\n"
# REUSE-IgnoreEnd
SNAPSHOTS = ("2025-12-01", "2026-11-30")

#: (repository, stage, author date, author e-mail): stage 1 is before the first snapshot, stage 2 before the second.
COMMITS = [
    ("alpha", 1, "2024-03-01T10:00:00Z", "alice@cern.ch"),
    ("alpha", 1, "2025-02-01T10:00:00Z", "bob@example.org"),
    ("alpha", 1, "2025-06-01T10:00:00Z", "alice@cern.ch"),
    ("board", 1, "2025-04-01T10:00:00Z", "carol@cern.ch"),
    ("gen-a", 1, "2025-09-01T10:00:00Z", "dave@cern.ch"),
    ("outside", 1, "2025-05-01T10:00:00Z", "stranger@example.com"),
    ("outside", 1, "2025-05-02T10:00:00Z", "alice@cern.ch"),
    ("alpha", 2, "2026-01-10T10:00:00Z", "alice@cern.ch"),
    ("alpha", 2, "2026-01-11T10:00:00Z", "alice@cern.ch"),
    ("alpha", 2, "2026-01-12T10:00:00Z", "alice@cern.ch"),
    ("alpha", 2, "2026-02-01T10:00:00Z", "erin@example.net"),
    ("board", 2, "2026-03-01T10:00:00Z", "carol@cern.ch"),
    ("beta", 2, "2026-05-01T10:00:00Z", "frank@mail.cern.ch"),
    ("beta", 2, "2026-05-02T10:00:00Z", "gina@example.org"),
    ("gen-b", 2, "2026-07-01T10:00:00Z", "dave@cern.ch"),
    ("outside", 2, "2026-04-01T10:00:00Z", "alice@cern.ch"),
    ("outside", 2, "2026-04-02T10:00:00Z", "alice@cern.ch"),
    ("outside", 2, "2026-04-05T10:00:00Z", "stranger@example.com"),
]
EXTERNAL = {"outside"}
#: What each hand-made repository is (the generated ones are checked against their own files).
KNOWN = {
    "alpha": {"kind": "software", "licences": ["MIT"], "status": "active"},
    "board": {"kind": "hardware", "licences": ["CERN-OHL-S-2.0"], "status": "unknown"},
    "beta": {"kind": "documentation", "licences": ["CC-BY-4.0"], "status": "unknown"},
}


def org(email: str) -> bool:
    domain = email.rsplit("@", 1)[1]
    return domain == "cern.ch" or domain.endswith(".cern.ch")


def expected_activity(up_to_stage: int) -> dict[int, dict[str, int]]:
    """Per year, summed over the organisation's projects: commits, people (once per project), inside/outside."""
    per: dict[tuple[str, int], list[str]] = defaultdict(list)
    for repo, stage, date, email in COMMITS:
        if stage <= up_to_stage and repo not in EXTERNAL:
            per[(repo, int(date[:4]))].append(email)
    years: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (_, year), emails in per.items():
        y = years[year]
        y["commits"] += len(emails)
        y["org_commits"] += sum(1 for e in emails if org(e))
        y["contributors"] += len(set(emails))
        y["org_contributors"] += len({e for e in emails if org(e)})
    return {k: dict(v) for k, v in years.items()}


@dataclass
class World:
    base: Path
    db: Path
    repos: dict[str, Path]
    template: Path


def _stage_files(name: str, stage: int, i: int) -> dict[str, str]:
    """The files a commit adds: each repository's own shape."""
    if name == "alpha":
        files = {f"src/m{stage}_{i}.py": header("MIT") + f"print({i})\n"}
        if stage == 1 and i == 0:
            files |= {"LICENSES/MIT.txt": MIT, "LICENSE": MIT,
                      "README.md": MD_CC.replace("CC-BY-4.0", "MIT")
                      + "![](https://www.repostatus.org/badges/latest/active.svg)\n"}  # fmt: skip
        return files
    if name == "board":
        if stage == 1:  # notes.txt has no header yet: not REUSE-compliant in the first snapshot
            return {"LICENSES/CERN-OHL-S-2.0.txt": OHL, "board.kicad_pcb": "(kicad_pcb (version 20211014))\n",
                    "REUSE.toml": 'version = 1\n[[annotations]]\npath = "board.kicad_pcb"\n'
                    'SPDX-FileCopyrightText = "2026 CERN"\nSPDX-License-Identifier = "CERN-OHL-S-2.0"\n',
                    "notes.txt": "layer stack-up to be decided\n"}  # fmt: skip
        return {"notes.txt": header("CERN-OHL-S-2.0") + "layer stack-up: 4 layers\n"}
    if name == "beta":
        files = {f"docs/page{i}.md": MD_CC + f"# Page {i}\n"}
        if i == 0:
            files |= {"LICENSES/CC-BY-4.0.txt": CC_BY, "README.md": MD_CC + "# Beta\n"}
        return files
    if name == "outside":
        return {f"file{stage}_{i}.txt": f"{i}\n"}
    return {}  # generated projects: the files are copier's


def build(base: Path) -> World:
    template = template_copy(base / "template", tag="v1.0.0")
    repos = {name: base / name for name in ("alpha", "board", "beta", "gen-a", "gen-b", "outside")}
    db = base / "inventory.sqlite"
    (base / "external.txt").write_text(str(repos["outside"]) + "\n")
    for stage in (1, 2):
        if stage == 2:  # a newer template: gen-a (made from v1.0.0) is now behind
            (template / "TEMPLATE_NOTE.md").write_text("newer\n")
            git("add", "-A", cwd=template)
            git("commit", "-q", "-m", "newer", cwd=template)
            git("tag", "v1.1.0", cwd=template)
        counts: dict[str, int] = defaultdict(int)
        for name, st, date, email in COMMITS:
            if st != stage:
                continue
            repo = repos[name]
            if name.startswith("gen-") and not repo.exists():
                kind = "software" if name == "gen-a" else "mixed"
                render(repo, {"project_name": name, "project_slug": name, "author_email": f"{name}@cern.ch",
                              "project_kind": kind, "project_status": "active" if name == "gen-a" else "wip",
                              "repository_url": f"https://gitlab.cern.ch/lab/{name}"},
                       src=str(template), vcs_ref=f"v1.{stage - 1}.0")  # fmt: skip
            commit(repo, _stage_files(name, stage, counts[name]), email=email, date=date,
                   name=email.split("@")[0].title())  # fmt: skip
            counts[name] += 1
        own = [str(p) for n, p in repos.items() if n not in EXTERNAL and p.exists()]
        proc = run_cli("inventory", "collect", *own, "--external", str(base / "external.txt"), "--db", str(db),
                       "--snapshot", SNAPSHOTS[stage - 1], "--jobs", "1", cwd=base)  # fmt: skip
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return World(base=base, db=db, repos=repos, template=template)
