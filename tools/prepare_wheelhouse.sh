#!/bin/sh
# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
#
# Download the wheels that the tests need to install and build a generated
# Python project offline: its build backend (hatchling, and editables for
# editable installs), its test tool (pytest) and its linter (ruff, the `dev`
# extra), with their dependencies, for the Python that runs the tests.
#
#   tools/prepare_wheelhouse.sh [DIR]
#
# DIR defaults to $SCAFFOLDER_WHEELHOUSE, else .wheelhouse/ in the checkout;
# PYTHON (default: python3) is the interpreter whose version and platform the
# wheels are chosen for. This is the only step that needs the network (PyPI);
# the tests then run `pip install --no-index --find-links DIR`. The test suite
# runs this script itself on first use (tests/wheelhouse.py) into a cached
# .wheelhouse/<key>/, so nobody needs to run it by hand.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${SCAFFOLDER_WHEELHOUSE:-$here/.wheelhouse}}
python=${PYTHON:-python3}

mkdir -p "$dir"
# Keep these in step with the generated pyproject.toml (build-system.requires
# and the `test` and `dev` extras) in template/.
"$python" -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
    --dest "$dir" "hatchling>=1.27" "editables~=0.3" "pytest>=8" "ruff>=0.9"
echo "wheelhouse ready: $dir"
ls "$dir"
