# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The wheels a generated Python project needs offline, downloaded once by the suite and cached.

``tools/prepare_wheelhouse.sh`` names the wheels (the generated project's build
backend and test tool); :func:`wheelhouse` runs it on first use into
``.wheelhouse/<key>/`` in the checkout (or under ``$SCAFFOLDER_WHEELHOUSE``),
where the key covers the script and the Python that runs the tests, so a later
run, or a change of either, reuses or rebuilds it without anyone preparing
anything by hand.  Downloading from the package registry is the one network
use of the suite; the generated project is then installed with ``--no-index``.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from tests.helpers import REPO

SCRIPT = REPO / "tools" / "prepare_wheelhouse.sh"
#: Marks a complete download (written last).
DONE = ".complete"


def cache_root() -> Path:
    return Path(os.environ.get("SCAFFOLDER_WHEELHOUSE") or REPO / ".wheelhouse")


def key() -> str:
    """What the wheels depend on: the script's list, the Python version and the platform."""
    digest = hashlib.sha256(SCRIPT.read_bytes())
    digest.update(f"{sys.implementation.cache_tag} {sysconfig.get_platform()}".encode())
    return f"{sys.implementation.cache_tag}-{digest.hexdigest()[:12]}"


@functools.cache
def wheelhouse() -> Path:
    """A folder of wheels for ``pip install --no-index --find-links``; built on first use, then reused."""
    root = cache_root()
    target = root / key()
    if (target / DONE).is_file():
        return target
    root.mkdir(parents=True, exist_ok=True)
    with (root / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test process may be building the same one
        if (target / DONE).is_file():
            return target
        staging = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
        proc = subprocess.run(
            ["sh", str(SCRIPT), str(staging)],
            env={**os.environ, "PYTHON": sys.executable},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if proc.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            pytest.fail(
                f"could not download the wheelhouse with {SCRIPT.relative_to(REPO)} (the package registry "
                f"must be reachable once; the result is cached in {root}):\n{proc.stdout}{proc.stderr}",
                pytrace=False,
            )
        (staging / DONE).write_text("")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    return target
