# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder catalogue`` and ``scaffolder report``: the public catalogue and the yearly report.

Run once, render many: :mod:`~scaffolder.publish.model` computes what the
pages say from the inventory's snapshots (plain dictionaries, ``as_dict()``);
:mod:`~scaffolder.publish.catalogue` and :mod:`~scaffolder.publish.report`
only render them (Jinja files in ``data/report/``, autoescaped), and
:mod:`~scaffolder.publish.charts` draws the report's figures. See
docs/catalogue.md.
"""
