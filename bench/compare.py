"""make bench-compare BASE=rev: this checkout's pages against an earlier revision's, in turns.

Section 1 of `make bench` (each revision's own `bench.run.server_times`: every page's median over
200 requests, and the PDF's, as a ratio to the bare view of the same run), for the earlier
revision and for this checkout, one after the other, ROUNDS times (3 by default), each run with
its own throwaway PostgreSQL and Redis. Runs in turns share the machine's drift, which separate
`make bench` series do not: on this 2-core machine two series an hour apart differed by more than
the 10 % an issue asks about. Prints the median ratio of each
page on each side, this ÷ base, and marks a page more than 10 % slower.

The earlier revision is checked out in a temporary worktree that uses this checkout's `.venv`
(its requirements must be a subset of this one's). `bench/compare.py --pages OUT`, run inside a
checkout, is one run of one side: it writes the medians to OUT as JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 1.10


def one_run(out: str) -> None:
    """Section 1 of the checkout of the current directory: its own `server_times`, unchanged."""
    sys.path.insert(0, os.getcwd())
    sys.argv = ["bench/run.py"]
    import bench.run as run  # the checkout's own bench: its set-up, pages, clients and timing

    run.setup_database()
    medians, _ = run.server_times()
    Path(out).write_text(json.dumps(medians))


def side_run(checkout: Path, out: Path) -> dict:
    subprocess.run(
        ["scripts/with_services.sh", ".venv/bin/python", str(ROOT / "bench" / "compare.py"), "--pages", str(out)],
        cwd=checkout,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(out.read_text())


def main(base: str, rounds: int) -> int:
    commit = subprocess.run(["git", "rev-parse", "--short", base], cwd=ROOT, check=True, capture_output=True, text=True)
    base = commit.stdout.strip()
    here = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True, capture_output=True, text=True)
    work = Path(tempfile.mkdtemp(prefix="inmprep-compare-"))
    checkout = work / base
    subprocess.run(["git", "worktree", "add", "--detach", str(checkout), base], cwd=ROOT, check=True)
    try:
        (checkout / ".venv").symlink_to(ROOT / ".venv")
        runs: dict[str, list[dict]] = {"base": [], "this": []}
        for number in range(1, rounds + 1):
            for side, tree in (("base", checkout), ("this", ROOT)):
                runs[side].append(side_run(tree, work / f"{side}-{number}.json"))
                print(f"round {number}: {side} done", flush=True)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(checkout)], cwd=ROOT, check=False)
    label = f"{here.stdout.strip()} (this)"
    print(f"\nMedian of {rounds} runs in turns, as × the bare view of the same run")
    print(f"{'page':<22}{base:>12}{label:>18}{'this ÷ base':>13}")
    slower = []
    for page in [page for page in runs["base"][0] if page in runs["this"][0]]:
        ratios = {
            side: statistics.median(run[page] / run["bare view"] for run in side_runs)
            for side, side_runs in runs.items()
        }
        change = ratios["this"] / ratios["base"]
        mark = "  slower by more than 10 %" if change > LIMIT else ""
        if change > LIMIT:
            slower.append(page)
        print(f"{page:<22}{ratios['base']:>12.1f}{ratios['this']:>18.1f}{change:>13.2f}{mark}")
    print(f"\nPages more than 10 % slower than {base}: {', '.join(slower) or 'none'}")
    return 1 if slower else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--pages"]:
        one_run(sys.argv[2])
    else:
        sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3))
