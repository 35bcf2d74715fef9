# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Regenerate the shipped licence texts from a pinned, offline-installable source.

The SPDX licence-list repository is not reachable from the lab's build machines,
so the texts come from ScanCode's licence database as packaged on PyPI
(``licensedcode-data``, pinned below).  Each ``.LICENSE`` file there has YAML
front matter (with ``spdx_license_key``) followed by the licence text; we keep
the text byte for byte, minus the front matter and surrounding blank lines, and
record a SHA-256 per file in ``SHA256SUMS``.  ``tests/test_licences.py`` fails
when a shipped text no longer matches its recorded checksum.

Usage::

    python tools/update_licence_texts.py            # download the pinned wheel
    python tools/update_licence_texts.py --wheel W  # use a wheel already here
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import yaml

PINNED = "licensedcode-data==32.1.0"
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "scaffolder" / "data"
TEXTS = DATA / "licences"


def _download(dest: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(dest), PINNED],
        check=True,
    )
    return next(dest.glob("licensedcode_data-*.whl"))


def _body(raw: str) -> str:
    """The licence text of a ScanCode ``.LICENSE`` file, without its front matter."""
    _, _, rest = raw.partition("---\n")
    _, _, body = rest.partition("\n---\n")
    return body.strip("\n") + "\n"


def extract(wheel: Path) -> dict[str, str]:
    catalogue = yaml.safe_load((DATA / "licences.yml").read_text(encoding="utf-8"))
    texts: dict[str, str] = {}
    with zipfile.ZipFile(wheel) as zf:
        for entry in catalogue["licences"]:
            member = f"licensedcode/data/{entry['source']}"
            texts[entry["id"]] = _body(zf.read(member).decode("utf-8"))
    return texts


def write(texts: dict[str, str]) -> None:
    for old in TEXTS.glob("*.txt"):
        old.unlink()
    sums = []
    for spdx_id, text in sorted(texts.items()):
        data = text.encode("utf-8")
        (TEXTS / f"{spdx_id}.txt").write_bytes(data)
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {spdx_id}.txt\n")
    (TEXTS / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a licensedcode-data wheel already downloaded")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or _download(Path(tmp))
        write(extract(wheel))
    print(f"wrote {len(list(TEXTS.glob('*.txt')))} texts to {TEXTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
