# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder report``: the yearly report as one self-contained HTML file, as Markdown, and as PDF.

The PDF is printed from the same HTML by headless Chromium when one is
installed (``SCAFFOLDER_CHROMIUM``, else ``chromium`` or ``chromium-browser``
on the PATH); without it the report says it was skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from scaffolder.publish import model
from scaffolder.publish.render import REPORT_TITLE, render, static, write_files

#: Chromium flags for printing: no network of its own, no profile left behind.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
)  # fmt: skip


def build(report: model.ReportModel) -> dict[str, str]:
    from scaffolder.publish.charts import report_figures

    data = report.as_dict()
    figures = {} if report.empty else report_figures(data)
    return {
        "report.html": render("report.html.j2", r=data, figures=figures, css=static("style.css"), title=REPORT_TITLE),
        "report.md": render("report.md.j2", r=data, title=REPORT_TITLE),
    }


def chromium() -> str | None:
    """The Chromium to print PDFs with, if any."""
    if env := os.environ.get("SCAFFOLDER_CHROMIUM"):
        return env if env != "none" else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pdf(html: Path, out: Path, browser: str) -> str | None:
    """Print ``html`` to ``out`` with headless Chromium; None, or why it failed."""
    with tempfile.TemporaryDirectory(prefix="scaffolder-chromium-") as profile:
        tmp = out.with_name(f".tmp-{out.name}")
        try:
            proc = subprocess.run(
                [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={tmp}",
                 html.resolve().as_uri()],
                capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{browser} could not print it ({type(exc).__name__})"
        if proc.returncode != 0 or not tmp.is_file():
            tmp.unlink(missing_ok=True)
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            return f"{browser} could not print it: {last}"
        tmp.replace(out)
    return None


def write(out: Path, db: Path, year: int, *, want_pdf: bool = True) -> dict[str, Any]:
    report = model.report(db, year)
    write_files(out, dict(build(report)))
    result: dict[str, Any] = {"year": year, "snapshot": report.snapshot, "projects": report.projects, "pdf": None}
    if want_pdf:
        browser = chromium()
        if browser is None:
            result["pdf_skipped"] = "no Chromium found (install chromium, or set SCAFFOLDER_CHROMIUM)"
        else:
            why = pdf(out / "report.html", out / "report.pdf", browser)
            result["pdf"] = None if why else out / "report.pdf"
            if why:
                result["pdf_skipped"] = why
    return result
