# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
from __future__ import annotations

from scaffolder.cli import main

raise SystemExit(main())
