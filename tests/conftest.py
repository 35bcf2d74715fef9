# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import template_copy


@pytest.fixture(scope="session")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary git copy of this checkout, tagged v1.0.0: a template source like a real one."""
    return template_copy(tmp_path_factory.mktemp("template"))
