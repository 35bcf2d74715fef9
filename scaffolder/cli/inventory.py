# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""``scaffolder inventory collect|export|merge``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffolder.errors import UsageError

if TYPE_CHECKING:
    import argparse

DB_DEFAULT = Path("inventory.sqlite")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "inventory",
        help="record the organisation's repositories (licences, status, activity) in a database",
        description="Record what the organisation publishes, where, under which licences and in what "
        "state, one dated snapshot per run, in one SQLite file. See docs/inventory.md.",
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", title="actions", required=True)
    _collect(actions)
    e = actions.add_parser("export", help="write a snapshot to standard output (CodeMeta JSON or CSV)")
    e.add_argument("--db", type=Path, default=DB_DEFAULT, metavar="FILE", help="database (default: %(default)s)")
    e.add_argument("--snapshot", metavar="DATE", help="snapshot label or date (default: the newest)")
    e.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    e.set_defaults(run=run_export)
    m = actions.add_parser("merge", help="join the databases of sharded runs into one")
    m.add_argument("out", type=Path, metavar="OUT.sqlite", help="database to merge into (created if needed)")
    m.add_argument("inputs", type=Path, nargs="+", metavar="IN.sqlite", help="databases to merge")
    m.set_defaults(run=run_merge)


def _collect(actions: Any) -> None:
    c = actions.add_parser(
        "collect",
        help="record repositories into a new snapshot",
        description="Record each repository (local paths and git URLs, a GitLab group, a GitHub "
        "organisation) into a new snapshot of the database. URLs are cloned bare and partial into the "
        "cache folder and fetched on later runs; repositories whose HEAD has not moved are carried over.",
        epilog="exit status: 0 when every repository is recorded; 1 when some failed (see the table); "
        "2 for a wrong command line.",
    )
    c.add_argument("sources", nargs="*", metavar="PATH|URL", help="repository to record (repeatable)")
    c.add_argument("--from", dest="from_file", type=Path, metavar="FILE", help="paths and URLs, one a line")
    c.add_argument("--gitlab-group", action="append", default=[], metavar="URL",
                   help="every project of this GitLab group and its subgroups (token: $GITLAB_TOKEN)")
    c.add_argument("--github-org", action="append", default=[], metavar="NAME",
                   help="every repository of this GitHub organisation (token: $GITHUB_TOKEN)")
    c.add_argument("--github-api", metavar="URL", default=os.environ.get("GITHUB_API_URL"),
                   help="GitHub API for Enterprise servers (default: $GITHUB_API_URL, else api.github.com)")
    c.add_argument("--external", type=Path, metavar="FILE",
                   help="outside repositories (paths, URLs): record only the organisation's commits per year")
    c.add_argument("--db", type=Path, default=DB_DEFAULT, metavar="FILE", help="database (default: %(default)s)")
    c.add_argument("--cache", type=Path, metavar="DIR",
                   help="where URLs are cloned (default: $SCAFFOLDER_CACHE/repositories, "
                   "else ~/.cache/scaffolder/repositories)")
    c.add_argument("--snapshot", metavar="LABEL", help="label of the new snapshot (default: today's date, UTC)")
    c.add_argument("--shard", metavar="K/N", help="record only shard K of N (a stable hash of each source)")
    c.add_argument("-j", "--jobs", type=int, metavar="N", help="repositories read at once (default: CPU count)")
    c.add_argument("--profile", metavar="NAME|FILE",
                   help="organisation profile whose _email_domains mark its people (default: cern)")
    c.add_argument("--no-template-check", action="store_true",
                   help="do not reach templates to tell whether a project's template version is current")
    c.add_argument("--no-check", action="store_true",
                   help="do not run `scaffolder check` on local work trees for the record's check summary")
    c.set_defaults(run=run_collect)  # fmt: skip


def _cache(args: argparse.Namespace) -> Path:
    if args.cache is not None:
        return Path(args.cache)
    if env := os.environ.get("SCAFFOLDER_CACHE"):
        return Path(env) / "repositories"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "scaffolder" / "repositories"


def run_collect(args: argparse.Namespace) -> int:
    from scaffolder.errors import ScaffolderError
    from scaffolder.inventory import email_domains, forges, run, sources
    from scaffolder.inventory.record import InventoryOptions

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    shard = sources.parse_shard(args.shard) if args.shard else None
    entries = list(args.sources)
    if args.from_file is not None:
        entries += _relative(sources.read_sources(args.from_file), args.from_file)
    external = _relative(sources.read_sources(args.external), args.external) if args.external else []
    if not (entries or external or args.gitlab_group or args.github_org):
        raise UsageError("nothing to record: give paths or URLs, --from, --external, --gitlab-group or --github-org")
    found: list[sources.Source] = []
    failures = []
    for entry, is_external in [(e, False) for e in entries] + [(e, True) for e in external]:
        try:
            found.append(sources.Source(sources.normalise(entry), external=is_external))
        except ScaffolderError as exc:  # an invalid URL is that entry's failure, not the run's
            failures.append(forges.failure(entry, str(exc)))
    for group in args.gitlab_group:
        repos, failed = forges.gitlab_group(group, os.environ.get("GITLAB_TOKEN"))
        found += repos
        failures += failed
    for org in args.github_org:
        repos, failed = forges.github_org(org, os.environ.get("GITHUB_TOKEN"), args.github_api)
        found += repos
        failures += failed
    if shard is not None:
        k, n = shard
        found = [s for s in found if sources.shard_of(s.key, n) == k]
        failures = [f for f in failures if sources.shard_of(f.source, n) == k]
    options = InventoryOptions(
        db=args.db,
        cache=_cache(args).absolute(),
        jobs=args.jobs,
        email_domains=email_domains(args.profile),
        snapshot=args.snapshot,
        template_check=not args.no_template_check,
        check=not args.no_check,
    )

    def progress(done: int, total: int, record: Any) -> None:
        print(f"[{done}/{total}] {run.shown(record.source)}: {record.status}", file=sys.stderr, flush=True)

    try:
        summary = run.collect_many(found, options, progress=progress, failures=failures)
    except KeyboardInterrupt:
        print(
            "scaffolder: interrupted; the records written so far are complete, and the snapshot is left "
            "without 'finished'",
            file=sys.stderr,
        )
        return 130
    print(run.table(summary))
    return 1 if summary.failed else 0


def _relative(entries: list[str], file: Path) -> list[str]:
    from scaffolder.inventory.sources import is_url

    return [e if is_url(e) or Path(e).expanduser().is_absolute() else str(file.parent / e) for e in entries]


def run_export(args: argparse.Namespace) -> int:
    from scaffolder.inventory import export
    from scaffolder.inventory.store import Store

    with Store(args.db, create=False) as store:
        records = list(store.records(store.find_snapshot(args.snapshot)))
    if args.format == "json":
        print(export.to_json(records))
    else:
        sys.stdout.write(export.to_csv(records))
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from scaffolder.inventory.merge import merge

    merged = merge(args.out, list(args.inputs))
    for label, count in sorted(merged.items()):
        print(f"snapshot {label}: {count} record(s) merged into {args.out}")
    if not merged:
        print(f"nothing to merge into {args.out}")
    return 0
