"""A/B timing of whole command lines, interleaved so that a busy shared machine hits
all alike: `python bench/ab.py -n 21 'python -c pass' 'devnet --help' ...`. Prints
the median ms of each and its ratio to the first (quote each command; VAR=x prefixes
set environment variables)."""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import time


def split(command: str) -> tuple[dict[str, str], list[str]]:
    words = shlex.split(command)
    env = dict(os.environ)
    while words and "=" in words[0] and not words[0].startswith("-"):
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    return env, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=15, help="timed runs of each (after 1 warm-up)")
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    parsed = [split(c) for c in args.commands]
    times: list[list[float]] = [[] for _ in parsed]
    for r in range(args.n + 1):
        for i, (env, argv) in enumerate(parsed):
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if r:
                times[i].append(time.perf_counter() - start)
    base = statistics.median(times[0])
    for command, samples in zip(args.commands, times, strict=True):
        median = statistics.median(samples)
        print(f"{median * 1000:8.1f} ms  {median / base:5.2f}x  {command}")


if __name__ == "__main__":
    main()
