# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""scaffolder: the OSPO's project template and the command that applies it.

Import nothing heavy here: ``scaffolder --help`` must stay fast.
"""

from __future__ import annotations

__version__ = "0.1.0"
#: The name it is published under (PyPI's ``scaffolder`` is another project); the command is ``scaffolder``.
DISTRIBUTION = "ospo-scaffolder"
