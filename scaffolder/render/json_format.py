# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""JSON: one report object (``Report.as_dict``), or ``{"schema_version", "repositories": [...]}`` for many.

The format is documented in docs/check.md ("JSON format") and versioned by
``schema_version`` (:data:`scaffolder.check.report.SCHEMA_VERSION`).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from scaffolder.check.report import SCHEMA_VERSION

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scaffolder.check.report import Report


def render(reports: Sequence[Report]) -> str:
    if len(reports) == 1:
        data: object = reports[0].as_dict()
    else:
        data = {"schema_version": SCHEMA_VERSION, "repositories": [r.as_dict() for r in reports]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
