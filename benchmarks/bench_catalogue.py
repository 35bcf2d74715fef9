# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Time `scaffolder catalogue` and `scaffolder report` for N projects, and the index page in headless Chromium.

The inventory is written with the inventory's own store (no repositories:
what is measured is publishing, not collecting): N records with the
variety of a real organisation (kinds, licences, statuses, seven years of
activity) in two snapshots a year apart, plus N/20 external repositories.
Each command runs as a whole process, ``--repeat`` times, alternating
catalogue and report (paired runs on the same loaded machine); the median
is reported. In Chromium (Debian's, through selenium and its
chromedriver), the index page is opened from disk ``--repeat`` times and
its time to interactive read from the page (the moment catalogue.js has
indexed every entry), with the time a search keystroke takes to filter
the list.

    python benchmarks/bench_catalogue.py [--projects 2000] [--repeat 5] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("software", "software", "software", "hardware", "mixed", "documentation")
LICENCES = ("Apache-2.0", "MIT", "BSD-3-Clause", "GPL-3.0-or-later", "CERN-OHL-S-2.0", "CERN-OHL-W-2.0 AND Apache-2.0")
STATUSES = ("active", "wip", "inactive", "concept", "abandoned", None)


def make_inventory(db: Path, n: int) -> None:
    from scaffolder.inventory.record import Activity, RepoRecord
    from scaffolder.inventory.store import Store

    with Store(db) as store:
        for label, count, year in (("2025-11-30", n * 9 // 10, 2025), ("2026-11-30", n, 2026)):
            sid = store.begin_snapshot(label)
            for i in range(count):
                store.save(sid, RepoRecord(
                    source=f"https://gitlab.example.org/lab/project-{i}", status="recorded",
                    name=f"project-{i}", url=f"https://gitlab.example.org/lab/project-{i}", forge="gitlab",
                    description=f"Project {i}: a tool for beam instrumentation, detector readout and analysis.",
                    kind=KINDS[i % len(KINDS)], licence_declared=LICENCES[i % len(LICENCES)],
                    reuse_status="compliant" if (i + year) % 3 else "non-compliant",
                    check_errors=i % 2, check_warnings=i % 3, repostatus=STATUSES[i % len(STATUSES)],
                    template_src="https://gitlab.example.org/ospo/template" if i % 2 else None,
                    template_version="v1.0.0" if i % 2 else None, template_current=bool(i % 4 == 1) if i % 2 else None,
                    first_commit=f"{2019 + i % 7}-01-01T00:00:00Z", last_commit=f"{year}-0{1 + i % 9}-01T00:00:00Z",
                    commits=100, contributors=5, org_contributors=3, languages={"Python": 10 + i % 5, "C": i % 3},
                    activity={y: Activity(10 + i % 7, 3, 7, 2) for y in range(2019 + i % 7, year + 1)},
                    doi=f"10.5281/zenodo.{i}" if i % 5 == 0 else None,
                ))  # fmt: skip
            for i in range(n // 20):
                store.save(sid, RepoRecord(
                    source=f"https://github.com/outside/lib-{i}", status="recorded", name=f"lib-{i}", external=True,
                    url=f"https://github.com/outside/lib-{i}", activity={year: Activity(i % 9 + 1, 1, i % 9 + 1, 1)},
                ))  # fmt: skip
            store.finish_snapshot(sid)


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "scaffolder", *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def browser_times(index: Path, repeat: int) -> tuple[list[float], list[float]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"):  # fmt: skip
        options.add_argument(flag)
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(options=options, service=Service(executable_path="/usr/bin/chromedriver"))
        try:
            tti, search = [], []
            for _ in range(repeat):
                driver.get(index.as_uri())
                tti.append(driver.execute_script("return window.catalogueReadyAt") / 1000)
                search.append(driver.execute_script(
                    "const q = document.getElementById('q'); const t = performance.now();"
                    "q.value = 'project-19'; q.dispatchEvent(new Event('input'));"
                    "const n = document.querySelectorAll('#projects li:not([hidden])').length;"
                    "return [performance.now() - t, n];"
                )[0] / 1000)  # fmt: skip
        finally:
            driver.quit()
    return tti, search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        db = base / "inventory.sqlite"
        make_inventory(db, args.projects)
        cat, rep = [], []
        for _ in range(args.repeat):
            cat.append(timed(["catalogue", "--db", str(db), "--output", str(base / "site")]))
            rep.append(timed(["report", "--db", str(db), "--year", "2026", "--output", str(base / "rep"), "--no-pdf"]))
        size = sum(p.stat().st_size for p in (base / "site").rglob("*") if p.is_file())
        index = (base / "site" / "index.html").stat().st_size
        tti, search = browser_times(base / "site" / "index.html", args.repeat)
    rows = [
        ("scaffolder catalogue (process)", statistics.median(cat), min(cat), max(cat)),
        ("scaffolder report --no-pdf (process)", statistics.median(rep), min(rep), max(rep)),
        ("index page: time to interactive (Chromium)", statistics.median(tti), min(tti), max(tti)),
        ("index page: one search keystroke filters the list", statistics.median(search), min(search), max(search)),
    ]
    head = (f"{date.today()} · {platform.machine()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
            f"{args.projects} projects · site {size / 2**20:.1f} MiB (index.html {index / 2**20:.1f} MiB)")  # fmt: skip
    if args.markdown:
        print(head + "\n\n| what | median | min | max |\n|---|---:|---:|---:|")
        for name, med, lo, hi in rows:
            print(f"| {name} | {med:.3f} s | {lo:.3f} s | {hi:.3f} s |")
    else:
        print(head)
        for name, med, lo, hi in rows:
            print(f"{name:55} median {med:.3f} s (min {lo:.3f}, max {hi:.3f})")


if __name__ == "__main__":
    main()
