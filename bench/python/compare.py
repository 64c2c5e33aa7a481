#!/usr/bin/env python3
"""The same graphs in Python hypernodes and pipefunc, beside hypernodes (Rust), in one table.

Run from the workspace root:

    python3 bench/python/compare.py

It creates a virtual environment in bench/python/.venv (once), installs `hypernodes` and
`pipefunc` there from the package index, re-runs itself inside it, times each case in Python,
runs the Rust side (`HN_CASES=1 cargo bench -p hypernodes --bench peers`, which prints the
same cases), and prints per-run times and each library's ratio to Rust. Not part of CI.

Cases, every node one addition, as in `hypernodes/benches/peers.rs`:
chain10 (x -> s1 -> ... -> s10), diamond (a; b, c from a; d from b and c), fanout100
(100 nodes each taking x), map10k (one node over 10,000 items).
"""

import os
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"
ROOT = HERE.parent.parent
PACKAGES = ["hypernodes", "pipefunc"]


def in_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


def ensure_venv() -> None:
    """Creates the venv and installs the packages once, then re-runs this script in it."""
    python = VENV / ("Scripts" if os.name == "nt" else "bin") / "python"
    if not python.exists():
        venv.create(VENV, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PACKAGES], check=True)
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def median_seconds(run, budget=1.0):
    """Median seconds per call over batches, about `budget` seconds in all."""
    start = time.perf_counter()
    run()
    once = max(time.perf_counter() - start, 1e-7)
    per_batch = max(1, int(budget / 15 / once))
    times = []
    for _ in range(15):
        start = time.perf_counter()
        for _ in range(per_batch):
            run()
        times.append((time.perf_counter() - start) / per_batch)
    return statistics.median(times)


def bump(x, k):
    return x + k


# --- pipefunc -------------------------------------------------------------------------


def pipefunc_cases():
    from pipefunc import Pipeline, pipefunc

    def chain():
        funcs = []
        for k in range(10):
            src, out = ("x" if k == 0 else f"s{k}"), f"s{k + 1}"
            funcs.append(
                pipefunc(output_name=out)(
                    eval(f"lambda {src}: bump({src}, {k + 1})", {"bump": bump})
                )
            )
        pipeline = Pipeline(funcs)
        return lambda: pipeline("s10", x=1)

    def diamond():
        a = pipefunc(output_name="a")(lambda x: bump(x, 11))
        b = pipefunc(output_name="b")(lambda a: bump(a, 12))
        c = pipefunc(output_name="c")(lambda a: bump(a, 13))
        d = pipefunc(output_name="d")(lambda b, c: bump(b ^ c, 14))
        pipeline = Pipeline([a, b, c, d])
        return lambda: pipeline("d", x=1)

    def fanout():
        funcs = [
            pipefunc(output_name=f"o{k}")(eval(f"lambda x: x + {k}")) for k in range(100)
        ]
        pipeline = Pipeline(funcs)
        return lambda: pipeline.run([f"o{k}" for k in range(100)], full_output=False, kwargs={"x": 1})

    def map10k():
        inc = pipefunc(output_name="y", mapspec="x[i] -> y[i]")(lambda x: x + 1)
        pipeline = Pipeline([inc])
        xs = list(range(10_000))
        return lambda: pipeline.map({"x": xs}, parallel=False, storage="dict")

    return {"chain10": chain, "diamond": diamond, "fanout100": fanout, "map10k": map10k}


# --- hypernodes (Python) ----------------------------------------------------------------


def hypernodes_cases():
    from hypernodes import Pipeline, node

    def chain():
        nodes = []
        for k in range(10):
            src, out = ("x" if k == 0 else f"s{k}"), f"s{k + 1}"
            nodes.append(
                node(output_name=out)(
                    eval(f"lambda {src}: bump({src}, {k + 1})", {"bump": bump})
                )
            )
        pipeline = Pipeline(nodes=nodes)
        return lambda: pipeline.run(inputs={"x": 1})

    def diamond():
        a = node(output_name="a")(lambda x: bump(x, 11))
        b = node(output_name="b")(lambda a: bump(a, 12))
        c = node(output_name="c")(lambda a: bump(a, 13))
        d = node(output_name="d")(lambda b, c: bump(b ^ c, 14))
        pipeline = Pipeline(nodes=[a, b, c, d])
        return lambda: pipeline.run(inputs={"x": 1})

    def fanout():
        nodes = [node(output_name=f"o{k}")(eval(f"lambda x: x + {k}")) for k in range(100)]
        pipeline = Pipeline(nodes=nodes)
        return lambda: pipeline.run(inputs={"x": 1})

    def map10k():
        inc = node(output_name="y")(lambda x: x + 1)
        pipeline = Pipeline(nodes=[inc])
        xs = list(range(10_000))
        return lambda: pipeline.map(inputs={"x": xs}, map_over="x")

    return {"chain10": chain, "diamond": diamond, "fanout100": fanout, "map10k": map10k}


def time_library(name, cases):
    """Seconds per run for each case, or the error that stopped it (APIs change)."""
    try:
        builders = cases()
    except Exception as error:  # the package did not import
        return {case: f"error: {error}"[:32] for case in ("chain10", "diamond", "fanout100", "map10k")}
    times = {}
    for case, build in builders.items():
        try:
            times[case] = median_seconds(build())
        except Exception as error:
            times[case] = f"error: {type(error).__name__}: {error}"[:32]
    return times


def rust_cases():
    """Seconds per run by hypernodes (Rust, `Runner`), from the peers bench's case mode."""
    out = subprocess.run(
        ["cargo", "bench", "-q", "-p", "hypernodes", "--bench", "peers"],
        cwd=ROOT,
        env={**os.environ, "HN_CASES": "1"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    times = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 2:
            times[parts[0]] = float(parts[1]) * 1e-9
    return times


def human(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def main():
    if not in_venv():
        ensure_venv()
    # The workspace's `hypernodes/` directory would shadow the Python package.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    rust = rust_cases()
    libraries = {
        "hypernodes (Python)": time_library("hypernodes", hypernodes_cases),
        "pipefunc": time_library("pipefunc", pipefunc_cases),
    }
    print(f"{'case':<11} {'hypernodes (Rust)':>18}", end="")
    for name in libraries:
        print(f" {name:>22} {'/ Rust':>9}", end="")
    print()
    for case in ("chain10", "diamond", "fanout100", "map10k"):
        print(f"{case:<11} {human(rust[case]):>18}", end="")
        for times in libraries.values():
            value = times[case]
            if isinstance(value, float):
                print(f" {human(value):>22} {value / rust[case]:>9.0f}", end="")
            else:
                print(f" {value:>32}", end="")
        print()


if __name__ == "__main__":
    main()
