# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Accuracy and speed of licence detectors on the licence corpus (tests/data/licence-corpus/).

scaffolder.detect against the PyPI libraries that were candidates for the job
(none of them is a dependency of scaffolder: install them in a separate
virtualenv, with this checkout on the path, to measure them):

    python -m venv /tmp/cand && /tmp/cand/bin/pip install pyyaml pyaskalono spdx-matcher scancode-toolkit-mini
    /tmp/cand/bin/python benchmarks/bench_licence_detectors.py [--runs 3] [--markdown]

A detector is right on a file when it reports the file's expected SPDX id, or
reports no catalogue licence (nothing, or a licence outside the catalogue) for a
file whose expected id is null. "family" counts a GNU text right when only the
-only/-or-later choice differs (the libraries do not read notices). Times are
per file, medians over runs, after a first untimed run (index loading is timed
on its own line).
"""

from __future__ import annotations

import argparse
import platform
import signal
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from scaffolder import detect  # noqa: E402
from scaffolder.licences import catalogue  # noqa: E402

CORPUS = HERE.parent / "tests" / "data" / "licence-corpus"
Detector = Callable[[str], "str | None"]
#: Seconds a detector may spend on one file; past that the file counts as not identified.
BUDGET = 20
TIMED_OUT = "(timed out)"


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def bounded(detector: Detector, text: str) -> str | None:
    """``detector(text)``, or :data:`TIMED_OUT` after :data:`BUDGET` seconds."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(BUDGET)
    try:
        return detector(text)
    except _Timeout:
        return TIMED_OUT
    finally:
        signal.alarm(0)


def _scaffolder() -> Detector:
    detect._templates()
    return lambda text: detect.identify(text).spdx


def _askalono() -> Detector:
    import askalono

    def run(text: str) -> str | None:
        try:
            found = askalono.identify(text)
        except Exception:  # askalono raises on texts it cannot place
            return None
        return found.name if found.score >= 0.8 else None  # the askalono CLI's default confidence

    return run


def _spdx_matcher() -> Detector:
    import spdx_matcher

    def run(text: str) -> str | None:
        licences, _ = spdx_matcher.analyse_license_text(text)
        ids = sorted((licences or {}).get("licenses", {}))
        return ids[0] if len(ids) == 1 else (" AND ".join(ids) or None)

    return run


def _scancode() -> Detector:
    from licensedcode.cache import build_spdx_license_expression, get_index

    index = get_index()

    def run(text: str) -> str | None:
        matches = index.match(query_string=text)
        if not matches:
            return None
        expression = " AND ".join(sorted({m.rule.license_expression for m in matches}))
        return build_spdx_license_expression(expression)

    return run


CANDIDATES: dict[str, Callable[[], Detector]] = {
    "scaffolder.detect": _scaffolder,
    "pyaskalono 0.2.0": _askalono,
    "spdx-matcher 0.1.4": _spdx_matcher,
    "scancode-toolkit-mini 32.5.0": _scancode,
}


def _family(spdx: str | None) -> str | None:
    return spdx.removesuffix("-only").removesuffix("-or-later") if spdx else spdx


def score(detector: Detector, files: dict[str, str | None], texts: dict[str, str]) -> tuple[int, int, list[str]]:
    known = {lic.id for lic in catalogue().licences}
    exact = family = 0
    wrong = []
    for rel, expected in files.items():
        got = bounded(detector, texts[rel])
        got_known = got if got in known else None
        if got_known == expected:
            exact += 1
            family += 1
        elif _family(got_known) == _family(expected) and expected is not None:
            family += 1
            wrong.append(f"{rel}: {got} (expected {expected})")
        else:
            wrong.append(f"{rel}: {got} (expected {expected})")
    return exact, family, wrong


def main() -> int:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", action="store_true", help="print a table for docs/licensing.md")
    parser.add_argument("--show-wrong", action="store_true")
    args = parser.parse_args()
    files = yaml.safe_load((CORPUS / "expected.yml").read_text(encoding="utf-8"))["files"]
    files = {rel: entry["expected"] for rel, entry in files.items()}
    texts = {rel: (CORPUS / rel).read_bytes().decode("utf-8", errors="replace") for rel in files}
    rows = []
    for name, make in CANDIDATES.items():
        start = time.perf_counter()
        try:
            detector = make()
        except ImportError as exc:
            print(f"{name}: not installed ({exc})", file=sys.stderr)
            continue
        load = time.perf_counter() - start
        exact, family, wrong = score(detector, files, texts)
        runs = []
        for _ in range(args.runs):
            start = time.perf_counter()
            for rel in files:
                bounded(detector, texts[rel])
            runs.append((time.perf_counter() - start) / len(files))
        rows.append((name, exact, family, len(files), load, statistics.median(runs)))
        if args.show_wrong:
            print(f"{name}:\n  " + "\n  ".join(wrong), file=sys.stderr)
    machine = f"{platform.machine()}, {platform.processor() or platform.system()}, Python {platform.python_version()}"
    if args.markdown:
        print(f"Measured {date.today()} on {machine} ({args.runs} runs, median):\n")
        print("| detector | right | right but -only/-or-later | load | per file |")
        print("|---|---|---|---|---|")
        for name, exact, family, total, load, per in rows:
            print(f"| {name} | {exact}/{total} | {family}/{total} | {load:.2f} s | {per * 1000:.1f} ms |")
    else:
        for name, exact, family, total, load, per in rows:
            print(f"{name:32} {exact:2}/{total} right, {family:2}/{total} by family, "
                  f"load {load:.2f} s, {per * 1000:.1f} ms/file")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
