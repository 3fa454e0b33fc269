"""Mutation check: does the suite turn red when the code that decides what is accepted is wrong?

    .venv/bin/python scripts/mutate.py                      # every module in mutation/targets.py
    .venv/bin/python scripts/mutate.py formbuilder/assist/kana.py --jobs 2
    .venv/bin/python scripts/mutate.py formbuilder/assist/kana.py --list   # the mutants, not run

Each mutant (one small change, see mutation/operators.py) is written over its module in a
temporary copy of the repository (never in the working tree: others may be running tests there)
and the module's own tests run with `-x`; a mutant they miss runs against the wider tests that
use the module indirectly. The report gives the score per module and every surviving mutant as
`file:line: change`. Exit status 1 when a survivor is not listed in mutation/equivalent.py.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from mutation.equivalent import EQUIVALENT
from mutation.operators import Mutant, mutants
from mutation.runner import Run, Slot, make_copy, poll, preload, start, stop_all
from mutation.targets import TARGETS

ROOT = Path(__file__).resolve().parent.parent
TOOL_ERRORS = {"failed:4": "pytest usage error", "failed:5": "no tests collected", "failed:97": "wrong tree imported"}


@dataclass
class Outcome:
    mutant: Mutant
    killed_by: str = ""  # "own", "wider" or "" (survived)
    status: str = ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="module paths (default: every target)")
    parser.add_argument("--jobs", "-j", type=int, default=1, help="mutants run at once (default 1)")
    parser.add_argument("--list", action="store_true", help="print the mutants and stop")
    parser.add_argument("--own-only", action="store_true", help="do not run survivors against the wider tests")
    parser.add_argument(
        "--committed", action="store_true", help="mutate the last commit (git archive HEAD), not the working tree"
    )
    args = parser.parse_args(argv)

    modules = [m.removeprefix("./") for m in args.modules] or list(TARGETS)
    unknown = [m for m in modules if m not in TARGETS]
    if unknown:
        parser.error(f"not in scripts/mutation/targets.py: {', '.join(unknown)} (known: {', '.join(TARGETS)})")
    if args.list:
        found = {m: mutants(m, (ROOT / m).read_text(encoding="utf-8"), TARGETS[m].scopes) for m in modules}
        for module, items in found.items():
            for mutant in items:
                print(f"{module}:{mutant.line}: [{mutant.scope}] {mutant.change}")
        print(f"{sum(len(v) for v in found.values())} mutants")
        return 0

    # Stopped by a signal, the copies and the running children are still cleaned up (a
    # background job starts with SIGINT ignored, so it is restored too).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="formbuilder-mutate-"))
    try:
        print(f"Copying the {'last commit' if args.committed else 'working tree'} to {work} …", flush=True)
        first = make_copy(ROOT, work / "slot0", committed=args.committed)
        # Mutants are made from the copy: the working tree may change while they run.
        sources = {m: (first / m).read_text(encoding="utf-8") for m in modules}
        found = {m: mutants(m, sources[m], TARGETS[m].scopes) for m in modules}
        outcomes = _run(found, sources, first, max(1, args.jobs), args.own_only)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return _report(outcomes, time.monotonic() - began)


def _run(
    found: dict[str, list[Mutant]], sources: dict[str, str], first: Path, jobs: int, own_only: bool
) -> dict[str, list[Outcome]]:
    print(f"Preloaded {preload(ROOT)} third-party modules; {sum(map(len, found.values()))} mutants.", flush=True)
    baseline = _Baseline(Slot(first))
    for module in found:
        baseline.timeout(TARGETS[module].own)
    slots = [baseline.slot] + [Slot(_clone(first, first.parent / f"slot{n}")) for n in range(1, jobs)]
    outcomes = {module: [Outcome(m) for m in items] for module, items in found.items()}
    try:
        queue = [(module, o, TARGETS[module].own) for module, items in outcomes.items() for o in items]
        _drain(queue, sources, slots, baseline, "own", last=own_only)
        if not own_only:
            survivors = [
                (module, o, TARGETS[module].wider)
                for module, items in outcomes.items()
                for o in items
                if not o.killed_by and TARGETS[module].wider
            ]
            if survivors:
                print(f"{len(survivors)} survivors: running them against the wider tests …", flush=True)
                for _module, _outcome, tests in survivors:
                    baseline.timeout(tests)
                _drain(survivors, sources, slots, baseline, "wider", last=True)
    finally:
        stop_all(slots)
    return outcomes


class _Baseline:
    """Runs each set of tests once unmutated (it must pass) and derives its timeout."""

    def __init__(self, slot: Slot) -> None:
        self.slot = slot
        self.seconds: dict[tuple[str, ...], float] = {}

    def timeout(self, tests: tuple[str, ...]) -> float:
        if tests not in self.seconds:
            run = Run(tests=tests, timeout=3600, write_bytecode=True)
            start(self.slot, run)
            ended: list = []
            while not ended:
                time.sleep(0.05)
                ended = poll([self.slot])
            if run.status != "passed":
                log = run.log.read_text(encoding="utf-8", errors="replace") if run.log else ""
                sys.exit(f"The unmutated tests fail ({' '.join(tests)}, {run.status}); fix them first:\n{log[-3000:]}")
            print(f"  baseline {' '.join(tests)}: {run.seconds:.1f} s", flush=True)
            self.seconds[tests] = run.seconds
        return max(30.0, 3 * self.seconds[tests] + 15)


def _drain(
    queue: list[tuple[str, Outcome, tuple[str, ...]]],
    sources: dict[str, str],
    slots: list[Slot],
    baseline: _Baseline,
    stage: str,
    last: bool,
) -> None:
    """Run every queued mutant against its tests, `len(slots)` at a time; print survivors of the `last` stage."""
    pending = list(reversed(queue))
    done = 0
    while pending or any(slot.run for slot in slots):
        for slot in slots:
            if slot.run is None and pending:
                module, outcome, tests = pending.pop()
                run = Run(tests=tests, timeout=baseline.timeout(tests), key=outcome)
                start(slot, run, (module, outcome.mutant.apply(sources[module])))
        time.sleep(0.02)
        for _slot, run in poll(slots):
            outcome = run.key
            assert isinstance(outcome, Outcome)
            if run.status in TOOL_ERRORS:
                log = run.log.read_text(encoding="utf-8", errors="replace") if run.log else ""
                sys.exit(f"{TOOL_ERRORS[run.status]} for {outcome.mutant.path}:{outcome.mutant.line}:\n{log[-3000:]}")
            outcome.status = run.status
            if run.status != "passed":
                outcome.killed_by = stage
            elif last:
                mutant = outcome.mutant
                print(f"  survived: {mutant.path}:{mutant.line}: [{mutant.scope}] {mutant.change}", flush=True)
            done += 1
            if done % 25 == 0 or (not pending and not any(s.run for s in slots)):
                print(f"  {stage}: {done}/{len(queue)} run", flush=True)


def _clone(first: Path, into: Path) -> Path:
    shutil.copytree(first, into, symlinks=True)
    return into


def _report(outcomes: dict[str, list[Outcome]], seconds: float) -> int:
    rows = []
    unexplained = 0
    survivors: dict[str, list[tuple[Outcome, str]]] = defaultdict(list)
    for module, items in outcomes.items():
        killed = sum(1 for o in items if o.killed_by)
        equivalent = 0
        for o in items:
            if not o.killed_by:
                reason = EQUIVALENT.get((module, o.mutant.code, o.mutant.change), "")
                equivalent += bool(reason)
                unexplained += not reason
                survivors[module].append((o, reason))
        score = 100 * killed / len(items) if items else 100.0
        rows.append((module, len(items), killed, equivalent, score))
    print()
    print(f"{'module':44} {'mutants':>7} {'killed':>7} {'equiv.':>7} {'score':>7}")
    for module, total, killed, equivalent, score in rows:
        print(f"{module:44} {total:7} {killed:7} {equivalent:7} {score:6.1f}%")
    total = sum(r[1] for r in rows)
    killed = sum(r[2] for r in rows)
    print(f"{'all':44} {total:7} {killed:7} {sum(r[3] for r in rows):7} {100 * killed / max(total, 1):6.1f}%")
    for module, items in survivors.items():
        print(f"\nSurvivors in {module}:")
        for outcome, reason in items:
            mutant = outcome.mutant
            note = f"  (equivalent: {reason})" if reason else ""
            print(f"  {module}:{mutant.line}: [{mutant.scope}] {mutant.change}{note}")
    minutes, rest = divmod(int(seconds), 60)
    print(f"\nWall time {minutes} min {rest} s; {unexplained} survivor(s) not known to be equivalent.")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
