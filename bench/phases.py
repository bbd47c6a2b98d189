"""Where one devnet command spends its time, phase by phase, in a fresh process:
imports (by package, exclusive time like -X importtime), read, parse, validate,
analyse, render, save. `python bench/phases.py ARGS...` prints one JSON object of ms."""

from __future__ import annotations

import functools
import importlib._bootstrap as bootstrap
import io
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

IMPORT_GROUPS: dict[str, str] = {
    "typer": "import typer (+ its click, shellingham)",
    "shellingham": "import typer (+ its click, shellingham)",
    "annotated_doc": "import typer (+ its click, shellingham)",
    "click": "import typer (+ its click, shellingham)",
    "pydantic": "import pydantic",
    "pydantic_core": "import pydantic",
    "typing_extensions": "import pydantic",
    "typing_inspection": "import pydantic",
    "annotated_types": "import pydantic",
    "importlib": "import importlib.metadata (pydantic plugin loader)",
    "email": "import importlib.metadata (pydantic plugin loader)",
    "zipfile": "import importlib.metadata (pydantic plugin loader)",
    "csv": "import importlib.metadata (pydantic plugin loader)",
    "rich": "import rich",
    "markdown_it": "import rich",
    "pygments": "import rich",
    "tomli": "import tomli, tomli_w, filelock, platformdirs",
    "tomli_w": "import tomli, tomli_w, filelock, platformdirs",
    "filelock": "import tomli, tomli_w, filelock, platformdirs",
    "platformdirs": "import tomli, tomli_w, filelock, platformdirs",
    "devnet": "import devnet modules (incl. building the pydantic models)",
}
OTHER_IMPORTS = "import other stdlib"
WRAPPED: tuple[tuple[str, str, str], ...] = (
    ("devnet.store", "read_bytes", "read"),
    ("devnet.store", "parse", "parse (tomli)"),
    ("devnet.store", "to_network", "validate (pydantic)"),
    # where they are defined: devnet.analysis loads the findings on first use
    ("devnet.analysis.findings", "gaps", "analyse"),
    ("devnet.analysis.snapshot", "due", "analyse"),
    ("devnet.store", "serialize", "save: dump + verify"),
    ("devnet.store", "write_atomic", "save: write + fsync"),
    ("devnet.store", "write_backup", "save: backup"),
)
RENDER = "render (rich)"
OTHER = "other (typer building the commands, dispatch, command code)"
DATA_PHASES = (
    "read",
    "parse (tomli)",
    "validate (pydantic)",
    "analyse",
    RENDER,
    "save: dump + verify",
    "save: backup",
    "save: write + fsync",
)
"""The phases that work on the file and grow with it (the rest is start-up)."""
PHASES = (*dict.fromkeys(IMPORT_GROUPS.values()), OTHER_IMPORTS, *DATA_PHASES, OTHER)


class Clock:
    """Exclusive time per phase: a stack of running phases and imports, where each
    frame's time excludes the frames nested inside it."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self.stack: list[list[float]] = []  # [start, time of nested frames]

    def run(self, phase: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        frame = [time.perf_counter(), 0.0]
        self.stack.append(frame)
        try:
            return func(*args, **kwargs)
        finally:
            self.stack.pop()
            elapsed = time.perf_counter() - frame[0]
            self.totals[phase] = self.totals.get(phase, 0.0) + elapsed - frame[1]
            if self.stack:
                self.stack[-1][1] += elapsed

    def wrap(self, phase: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return self.run(phase, func, *args, **kwargs)

        return wrapper


def _patch_phases(clock: Clock) -> None:
    """Wrap each phase's function wherever a loaded devnet module holds it."""
    for module_name, attr, phase in WRAPPED:
        module = sys.modules.get(module_name)
        original = getattr(module, attr, None) if module else None
        if original is None or hasattr(original, "__wrapped__"):
            continue
        wrapper = clock.wrap(phase, original)
        for name, mod in list(sys.modules.items()):
            if name == "devnet" or name.startswith("devnet."):
                for key, value in list(vars(mod).items()):
                    if value is original:
                        setattr(mod, key, wrapper)
    console = sys.modules.get("rich.console")
    if console is not None and not hasattr(console.Console.print, "__wrapped__"):
        console.Console.print = clock.wrap(RENDER, console.Console.print)


def profile(argv: list[str]) -> dict[str, float]:
    """Run `devnet ARGV` through its console-script entry point in this process."""
    clock = Clock()
    find_and_load = bootstrap._find_and_load  # type: ignore[attr-defined]

    def timed_import(name: str, import_: Any) -> Any:
        group = IMPORT_GROUPS.get(name.partition(".")[0], OTHER_IMPORTS)
        module = clock.run(group, find_and_load, name, import_)
        if name.startswith(("devnet.", "rich.console")):
            _patch_phases(clock)  # lazily imported modules get their phases wrapped too
        return module

    bootstrap._find_and_load = timed_import  # type: ignore[attr-defined]
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    sys.argv = ["devnet", *argv]
    start = time.perf_counter()
    try:
        if os.environ.get("DEVNET_BENCH_UNCAPPED"):
            import devnet.store

            devnet.store.MAX_FILE_BYTES = 1 << 30
        from devnet.cli import main

        clock.run(OTHER, main)
    except SystemExit:
        pass
    finally:
        total = time.perf_counter() - start
        sys.stdout, sys.stderr = stdout, stderr
        bootstrap._find_and_load = find_and_load  # type: ignore[attr-defined]
    clock.totals[OTHER] = total - sum(v for k, v in clock.totals.items() if k != OTHER)
    return {k: round(v * 1000, 2) for k, v in clock.totals.items()}


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "200")
    print(json.dumps(profile(sys.argv[1:])))
