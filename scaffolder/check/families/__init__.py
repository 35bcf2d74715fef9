# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""The predicates of the rules, one module per family (metadata: ``data/check_rules.yml``)."""

from __future__ import annotations

import importlib

MODULES = ("config", "licence", "reuse", "notices", "community", "ci", "template")


def load() -> None:
    """Import every family module, which registers its predicates."""
    for name in MODULES:
        importlib.import_module(f"scaffolder.check.families.{name}")
