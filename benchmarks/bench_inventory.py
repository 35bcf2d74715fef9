# SPDX-FileCopyrightText: 2026 CERN
# SPDX-License-Identifier: Apache-2.0
"""Time `scaffolder inventory collect` on generated local repositories: first run, re-run, memory.

The repositories are written with git's object format directly (loose
objects: blob, tree, commit; a ref; HEAD), a few commits each, in a fraction
of the time `git init` + `git commit` would take, and with no template; one
`git read-tree` per repository makes the index of its (clean) work tree, so
that `scaffolder check` runs on each as it would on a developer's clone.
Each count gets its own repositories and database.  For each count: the
first run (everything read), then a re-run with nothing changed (every
repository carried over), as whole processes; peak memory is the largest
resident set of the command and its workers.

    python benchmarks/bench_inventory.py [--counts 100 1000] [--jobs 2] [--markdown]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MIT = (ROOT / "scaffolder" / "data" / "licences" / "MIT.txt").read_bytes()


def _object(git: Path, kind: str, body: bytes) -> str:
    data = f"{kind} {len(body)}\0".encode() + body
    oid = hashlib.sha1(data).hexdigest()  # git's object names
    path = git / "objects" / oid[:2] / oid[2:]
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(zlib.compress(data, 1))
    return oid


def _tree(git: Path, files: dict[str, bytes]) -> str:
    entries = sorted((name, _object(git, "blob", content)) for name, content in files.items())
    body = b"".join(b"100644 " + name.encode() + b"\0" + bytes.fromhex(oid) for name, oid in entries)
    return _object(git, "tree", body)


def make_repo(path: Path, index: int, commits: int = 3) -> None:
    """A non-bare repository with ``commits`` commits on main (LICENSE, README, a module per commit), checked out."""
    git = path / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "config").write_text("[core]\n\trepositoryformatversion = 0\n\tbare = false\n")
    files = {"LICENSE": MIT, "README.md": f"# project {index}\n".encode()}
    parent = None
    for n in range(commits):
        # REUSE-IgnoreStart (a generated repository's header, not this file's)
        files[f"mod{n}.py"] = f"# SPDX-License-Identifier: MIT\nVALUE = {index * 10 + n}\n".encode()
        # REUSE-IgnoreEnd
        tree = _tree(git, files)
        domain = "cern.ch" if n % 2 == 0 else "example.org"
        who = f"Dev {n} <dev{n}@{domain}> {1_600_000_000 + index * 1000 + n * 86400 * 200} +0000"
        head = f"tree {tree}\n" + (f"parent {parent}\n" if parent else "")
        body = f"{head}author {who}\ncommitter {who}\n\nchange {n}\n"
        parent = _object(git, "commit", body.encode())
    (git / "refs" / "heads" / "main").write_text(f"{parent}\n")
    for name, content in files.items():  # a clean work tree, so that `scaffolder check` runs on it
        (path / name).write_bytes(content)
    subprocess.run(["git", "read-tree", "HEAD"], cwd=path, check=True)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak resident MiB of the command and its workers, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, proc.returncode


def bench(count: int, jobs: int, work: Path) -> dict[str, float]:
    base = work / f"n{count}"
    start = time.perf_counter()
    for i in range(count):
        make_repo(base / f"repo-{i:05d}", i)
    made = time.perf_counter() - start
    listing = base / "repos.txt"
    listing.write_text("".join(f"repo-{i:05d}\n" for i in range(count)))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCAFFOLDER_CACHE": str(base / "cache")}
    cmd = [sys.executable, "-m", "scaffolder", "inventory", "collect", "--from", str(listing),
           "--db", str(base / "inv.sqlite"), "--jobs", str(jobs), "--no-template-check"]
    first, first_mem, rc1 = run(cmd, env)
    again, again_mem, rc2 = run(cmd, env)
    if rc1 or rc2:
        raise SystemExit(f"collect failed ({rc1}, {rc2}) for {count} repositories")
    return {"count": count, "made": made, "first": first, "first_mem": first_mem, "again": again,
            "again_mem": again_mem}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table for docs/inventory.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-inventory-"))
    try:
        rows = [bench(n, args.jobs, work) for n in args.counts]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    if args.markdown:
        print(f"Measured {date.today().isoformat()} on {machine}, `--jobs {args.jobs}`:\n")
        print("| repositories | first run | re-run, nothing changed | re-run / first "
              "| peak memory, first | peak memory, re-run |")
        print("|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print(f"| {r['count']:,} | {r['first']:.1f} s | {r['again']:.2f} s | {r['again'] / r['first']:.3f} "
                  f"| {r['first_mem']:.0f} MiB | {r['again_mem']:.0f} MiB |")
    else:
        print(machine)
        for r in rows:
            print(f"{r['count']:>6} repositories (made in {r['made']:.1f} s): first {r['first']:.2f} s, "
                  f"re-run {r['again']:.2f} s ({r['again'] / r['first']:.3f} of the first); "
                  f"peak memory {r['first_mem']:.0f} MiB / {r['again_mem']:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
