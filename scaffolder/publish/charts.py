# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The report's figures: matplotlib (Agg backend, no display) drawing SVG text embedded in the page.

matplotlib is the well-kept plotting library of the Python world; with the
Agg backend it needs no display, and its SVG output is text that goes into
the HTML file itself (no image files, no request). Text stays text
(``svg.fonttype = none``): smaller files, searchable, and matplotlib escapes
it as XML. Each figure comes with alt text written from the same numbers.
"""

from __future__ import annotations

import io
from typing import Any

from scaffolder.errors import ScaffolderError

#: Colours with at least 4.5:1 contrast on white, told apart by more than hue (hatching on stacks).
INSIDE, OUTSIDE, GREY = "#1f5fa8", "#b34700", "#555555"


def _plt() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ScaffolderError(
            "scaffolder report draws its figures with matplotlib: pip install 'ospo-scaffolder[report]'"
        ) from None
    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {"svg.fonttype": "none", "svg.hashsalt": "scaffolder", "font.size": 10, "text.parse_math": False}
    )  # a "$" in a name is text
    import matplotlib.pyplot as plt

    return plt


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    _plt().close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def _integers(axis: Any) -> None:
    """Counts have no halves: whole-number ticks only."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _short(label: str, width: int = 40) -> str:
    label = " ".join(label.split())
    return label if len(label) <= width else label[: width - 1] + "…"


def bars(title: str, counts: dict[str, int], *, horizontal: bool = False, unit: str = "projects") -> dict[str, str]:
    plt = _plt()
    labels, values = [_short(k) for k in counts], list(counts.values())
    fig, ax = plt.subplots(figsize=(6, max(2.0, 0.35 * len(labels) + 1) if horizontal else 3))
    if horizontal:
        ax.barh(labels[::-1], values[::-1], color=INSIDE)
        ax.set_xlabel(unit)
    else:
        ax.bar(labels, values, color=INSIDE)
        ax.set_ylabel(unit)
    ax.set_title(title)
    _integers(ax.xaxis if horizontal else ax.yaxis)
    ax.spines[["top", "right"]].set_visible(False)
    alt = f"{'Horizontal bar' if horizontal else 'Bar'} chart, {title}: " + "; ".join(
        f"{k}: {v}" for k, v in counts.items()
    )
    return {"title": title, "alt": alt + ".", "svg": _svg(fig)}


def stacked(title: str, labels: list[str], series: dict[str, list[int]], unit: str) -> dict[str, str]:
    """Stacked bars, one per label, hatched so that the parts are told apart without colour."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 3))
    bottom = [0] * len(labels)
    styles = [(INSIDE, ""), (OUTSIDE, "//"), (GREY, "..")]
    for (name, values), (colour, hatch) in zip(series.items(), styles, strict=False):
        ax.bar(labels, values, bottom=bottom, label=name, color=colour, hatch=hatch, edgecolor="white")
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_title(title)
    ax.set_ylabel(unit)
    _integers(ax.yaxis)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    parts = [
        f"{label}: " + ", ".join(f"{name} {values[i]}" for name, values in series.items())
        for i, label in enumerate(labels)
    ]
    return {"title": title, "alt": f"Stacked bar chart, {title} ({unit}): " + "; ".join(parts) + ".", "svg": _svg(fig)}


def _unique(rows: list[dict[str, Any]], key: str) -> dict[str, int]:
    """``{name: value}`` where two projects with one name stay two bars (the second gets its rank)."""
    out: dict[str, int] = {}
    for rank, row in enumerate(rows, start=1):
        name = row["name"] if row["name"] not in out else f"{row['name']} (#{rank})"
        out[name] = row[key]
    return out


def report_figures(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Every figure of the report, by name, from :meth:`ReportModel.as_dict`."""
    figures: dict[str, dict[str, str]] = {}
    if data["by_kind"]:
        figures["by_kind"] = bars("Projects by kind", data["by_kind"])
    if data["by_licence"]:
        figures["by_licence"] = bars("Projects by licence", data["by_licence"], horizontal=True)
    if data["compliance"] and data["projects"]:
        labels = [c["label"] for c in data["compliance"]]
        figures["reuse"] = stacked(
            "REUSE compliance per snapshot", labels,
            {"compliant": [c["reuse_compliant"] for c in data["compliance"]],
             "not compliant": [c["reuse_non_compliant"] for c in data["compliance"]],
             "not assessed": [c["reuse_other"] for c in data["compliance"]]}, "projects",
        )  # fmt: skip
        figures["check"] = stacked(
            "scaffolder check per snapshot", labels,
            {"no error": [c["check_passing"] for c in data["compliance"]],
             "errors": [c["check_failing"] for c in data["compliance"]],
             "not run": [c["check_not_run"] for c in data["compliance"]]}, "projects",
        )  # fmt: skip
    template = {k.replace("_", " "): v for k, v in data["template"].items() if v}
    if template:
        figures["template"] = bars("Template currency", template)
    if data["activity"]:
        years = [str(a["year"]) for a in data["activity"]]
        figures["commits"] = stacked(
            "Commits per year", years,
            {"inside the organisation": [a["org_commits"] for a in data["activity"]],
             "outside": [a["outside_commits"] for a in data["activity"]]}, "commits",
        )  # fmt: skip
        figures["contributors"] = stacked(
            "Contributors per year (counted per project)", years,
            {"inside the organisation": [a["org_contributors"] for a in data["activity"]],
             "outside": [a["outside_contributors"] for a in data["activity"]]}, "contributors",
        )  # fmt: skip
    if data["most_active"]:
        figures["most_active"] = bars(
            f"Most active projects in {data['year']} (commits)",
            _unique(data["most_active"], "commits"),
            horizontal=True,
            unit="commits",
        )
    if data["external"]:
        figures["external"] = bars(
            f"Commits by the organisation's people to external projects in {data['year']}",
            _unique(data["external"], "org_commits"),
            horizontal=True,
            unit="commits",
        )
    return figures
