"""devnet's speed benchmark: cold whole-process runs of the installed `devnet` on
synthetic networks of four sizes, side by side with the floor of its stack
(bench/floor.py: Typer + tomli + pydantic + rich doing the least a command can),
`python -c pass` and `jrnl -n 1`, all in the same interleaved rounds; every command
as a ratio to each, against the targets of issue 13, written to bench/RESULTS.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

HERE = Path(__file__).resolve().parent
COMMANDS = ("list", "gaps", "due", "add", "checkin")
MUTATING = ("add", "checkin")
JSON_COMMANDS = ("list --json", "gaps --json", "due --json")
"""Timed on the typical network: the path a script takes (no rich)."""
FLOOR = "floor"
"""The case key of bench/floor.py on each network."""
LIBRARIES = ("typer", "rich", "pydantic", "pydantic-core", "tomli", "tomli-w", "filelock")
EXTREME_MS = 2500.0
EXTREME_MB = 300.0
JRNL_ENV = "DEVNET_BENCH_JRNL"
"""Path to a `jrnl` executable, if it is not on PATH (e.g. in a separate venv)."""


@dataclass
class Case:
    """One command line timed in every round; `setup` runs untimed before each run."""

    key: str
    argv: list[str]
    env: dict[str, str] | None = None
    setup: Callable[[], None] | None = None
    rounds: int = 0
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    """User + system CPU seconds of each run: less disturbed by a busy machine."""
    failure: str | None = None

    @property
    def ms(self) -> float | None:
        return statistics.median(self.times) * 1000 if self.times else None

    @property
    def cpu_ms(self) -> float | None:
        return statistics.median(self.cpu) * 1000 if self.cpu else None

    @property
    def mb(self) -> float | None:
        return max(self.rss_kb) / 1024 if self.rss_kb else None


def run_once(case: Case) -> None:
    """One cold process: wall time from spawn to exit, and its own peak RSS (wait4)."""
    if case.setup is not None:
        case.setup()
    env = {**os.environ, **(case.env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(
        case.argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    if proc.returncode != 0:
        text = " ".join(errors.decode(errors="replace").split())
        case.failure = f"exit {proc.returncode}: {text[-300:]}"
        return
    case.times.append(elapsed)
    case.rss_kb.append(usage.ru_maxrss)
    case.cpu.append(usage.ru_utime + usage.ru_stime)


def measure(cases: Sequence[Case], rounds: int, warmup: int, log: Callable[[str], None]) -> None:
    """Interleaved rounds (every case once per round) so that drift on a shared machine
    hits all cases alike; the first `warmup` rounds are not recorded."""
    total = warmup + rounds
    for r in range(total):
        started = time.perf_counter()
        for case in cases:
            if case.failure is not None or (case.rounds and r >= warmup + case.rounds):
                continue
            kept = case.times[:], case.rss_kb[:], case.cpu[:]
            run_once(case)
            if r < warmup:
                case.times, case.rss_kb, case.cpu = kept
        log(
            f"  round {r + 1}/{total} ({'warm-up' if r < warmup else 'timed'}) "
            f"{time.perf_counter() - started:.1f}s"
        )


def find_devnet() -> str:
    beside = Path(sys.executable).parent / "devnet"
    found = str(beside) if beside.exists() else shutil.which("devnet")
    if not found:
        raise SystemExit("bench: the `devnet` console script is not installed (pip install -e .)")
    return found


def compile_devnet() -> None:
    """Write devnet's bytecode before timing, as `pip install` does for a user. An
    editable install run with PYTHONDONTWRITEBYTECODE set would otherwise compile
    every module from source in every run (about 50 ms more per command here)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("devnet")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("bench: devnet is not importable (pip install -e .)")
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)


def find_jrnl() -> str | None:
    return os.environ.get(JRNL_ENV) or shutil.which("jrnl")


def jrnl_journal(folder: Path, entries: int) -> dict[str, str]:
    """A jrnl config and plain-text journal of `entries` entries; returns the env."""
    config = folder / "config" / "jrnl"
    config.mkdir(parents=True, exist_ok=True)
    journal = folder / "journal.txt"
    lines = []
    for i in range(entries):
        day = generate.AS_OF.toordinal() - entries + i
        stamp = datetime.fromordinal(day).strftime("%Y-%m-%d")
        note = generate.NOTES[i % len(generate.NOTES)]
        lines.append(f"[{stamp} 09:00:00 AM] {note} with @{generate.FIRST[i % 50]}.\n\n")
    journal.write_text("".join(lines), encoding="utf-8")
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: true\n"
        "indent_character: '|'\n"
        f"journals:\n  default:\n    journal: {journal}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.6\n",
        encoding="utf-8",
    )
    return {"XDG_CONFIG_HOME": str(folder / "config"), "XDG_DATA_HOME": str(folder)}


def restorer(path: Path, original: bytes) -> Callable[[], None]:
    def restore() -> None:
        path.write_bytes(original)

    return restore


# --- the report ------------------------------------------------------------------------


def fmt(value: float | None, unit: str = "", digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}{unit}"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for lib in ("devnet", *LIBRARIES):
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = "absent"
    return out


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with_model = Path("/proc/cpuinfo")
    if with_model.exists():
        for line in with_model.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores"


@dataclass
class Results:
    sizes: dict[str, generate.Size]
    files: dict[str, int]
    cases: dict[str, Case]
    jrnl: str | None
    profiles: dict[str, dict[str, dict[str, float]]]
    quick: bool
    rounds: int
    warmup: int
    over: dict[str, int] = field(default_factory=dict)
    """Networks larger than the store's cap, timed through bench/uncapped.py."""

    def ms(self, key: str) -> float | None:
        case = self.cases.get(key)
        return case.ms if case else None

    def floor(self, size: str) -> float | None:
        """The floor app's median on the `size` network."""
        return self.ms(f"{size} {FLOOR}")

    def cpu(self, key: str) -> float | None:
        case = self.cases.get(key)
        return case.cpu_ms if case else None

    def targets(self) -> list[tuple[str, str, str, bool | None]]:
        """(measure, target, measured, met) for each target of issue 13: met is
        judged on the median wall time; the CPU-time ratio is shown beside it."""
        rows: list[tuple[str, str, str, bool | None]] = []

        def add(name: str, target: str, a: str, b: str, limit: float) -> None:
            value = ratio(self.ms(a), self.ms(b))
            met = None if value is None else value <= limit
            cpu = ratio(self.cpu(a), self.cpu(b))
            rows.append((name, target, f"{fmt(value, 'x', 2)} (CPU {fmt(cpu, 'x', 2)})", met))

        floor = f"typical {FLOOR}"
        for command in ("gaps", "due", "list"):
            add(f"`{command}`, typical / floor", "<= 1.10x", f"typical {command}", floor, 1.10)
        for command in JSON_COMMANDS:
            add(f"`{command}`, typical / floor", "<= 0.90x", f"typical {command}", floor, 0.90)
        add("`devnet --version` / `devnet --help`", "<= 0.80x", "version", "help", 0.80)
        for command in MUTATING:
            add(f"`{command}`, typical / floor", "<= 1.15x", f"typical {command}", floor, 1.15)
        add("`checkin`, heavy / typical", "<= 1.40x", "heavy checkin", "typical checkin", 1.40)
        if "extreme" in self.sizes:
            failed = [c for c in COMMANDS if self.cases[f"extreme {c}"].failure]
            slowest = max((self.ms(f"extreme {c}") or 0 for c in COMMANDS), default=0)
            peak = max((self.cases[f"extreme {c}"].mb or 0 for c in COMMANDS), default=0)
            rows.append(
                (
                    "extreme, slowest command",
                    f"< {EXTREME_MS:,.0f} ms",
                    "failed: " + ", ".join(failed) if failed else fmt(slowest, " ms"),
                    None if failed else slowest < EXTREME_MS,
                )
            )
            rows.append(
                (
                    "extreme, peak memory (largest of every command)",
                    f"< {EXTREME_MB:,.0f} MB",
                    fmt(peak, " MB"),
                    None if failed else peak < EXTREME_MB,
                )
            )
        return rows

    def version_ratio(self) -> float | None:
        return ratio(self.ms("version"), self.ms("help"))

    def data_ms(self, size: str, command: str) -> float | None:
        """In-process ms spent on the file itself (read, parse, validate, analyse,
        render, save): what grows with the network, free of start-up noise."""
        phases = self.profiles.get(size, {}).get(command)
        if not phases:
            return None
        from phases import DATA_PHASES

        return sum(phases.get(p, 0.0) for p in DATA_PHASES)

    def data_growth_of(self, command: str) -> float | None:
        """ms per check-in on the file's own work, extreme over heavy (1.0 = linear)."""
        if "heavy" not in self.sizes or "extreme" not in self.sizes:
            return None
        per = []
        for size in ("heavy", "extreme"):
            ms = self.data_ms(size, command)
            if ms is None:
                return None
            per.append(ms / self.sizes[size].checkins)
        return ratio(per[1], per[0])

    def growth_of(self, command: str) -> float | None:
        """Marginal ms per check-in above the tiny network, extreme over heavy."""
        base = self.ms(f"tiny {command}")
        if "heavy" not in self.sizes or "extreme" not in self.sizes:
            return None
        per: list[float] = []
        for size in ("heavy", "extreme"):
            t = self.ms(f"{size} {command}")
            if t is None or base is None:
                return None
            per.append((t - base) / (self.sizes[size].checkins - self.sizes["tiny"].checkins))
        return ratio(per[1], per[0])

    def growth(self) -> float | None:
        """The worst command's growth per check-in, from the in-process profile when
        heavy and extreme were profiled (cold-process margins over the tiny network are
        within the machine's noise for the heavy network), else from cold runs."""
        values = [g for c in COMMANDS if (g := self.data_growth_of(c)) is not None]
        if not values:
            values = [g for c in COMMANDS if (g := self.growth_of(c)) is not None]
        return max(values) if values else None

    def markdown(self) -> str:
        floor = self.ms("python -c pass")
        v = versions()
        lines = [
            "# devnet benchmark",
            "",
            f"Generated by `python bench/run.py{' --quick' if self.quick else ''}` on "
            f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}.",
            "",
            f"- Machine: {machine()}",
            f"- Python {v['python']}; " + ", ".join(f"{k} {v[k]}" for k in ("devnet", *LIBRARIES)),
            f"- jrnl: {self.jrnl_version() or 'not installed (skipped)'}",
            f"- Method: cold processes of the installed `devnet` console script (its bytecode "
            "compiled first, as `pip install` does), stdout to "
            f"/dev/null (piped), {self.warmup} warm-up round(s) then {self.rounds} timed rounds, "
            "every case once per round (interleaved), median wall time; peak memory is the "
            "largest `ru_maxrss` of the process (`os.wait4`). `add` and `checkin` run on a "
            "copy restored before each run. The floor app, `python -c pass` and `jrnl` run "
            "in the same rounds; every ratio is of medians from this one run. CPU time is the "
            "process's user + system time (`os.wait4`): on a busy machine it moves less than "
            "wall time.",
            "",
            "## Targets (issue 13)",
            "",
            "The floor is `bench/floor.py` on the same network: a minimal Typer app with "
            "devnet's global options that parses the file with tomli, validates one pydantic "
            "model per person and prints a rich table, timed in the same rounds.",
            "",
            "| measure | target | measured: wall time (CPU time) | met |",
            "|---|---|---|---|",
        ]
        for name, target, value, met in self.targets():
            mark = {True: "yes", False: "**no**", None: "n/a"}[met]
            lines.append(f"| {name} | {target} | {value} | {mark} |")
        bound = ratio(self.ms(f"heavy {FLOOR}"), self.ms("typical checkin"))
        if bound is not None:
            lines += [
                "",
                f"The least this stack spends on the heavy network: the floor app there takes "
                f"{fmt(bound, 'x', 2)} a typical `checkin`, and devnet's heavy `checkin` "
                f"{fmt(ratio(self.ms('heavy checkin'), self.ms(f'heavy {FLOOR}')), 'x', 2)} "
                "the floor app (it also validates every check-in and saves).",
            ]
        jrnl_note = (
            "`jrnl -n 1` on a journal with as many entries as the network has check-ins"
            if self.jrnl
            else "jrnl is not installed, so its column is empty (`pip install jrnl`, or "
            f"point ${JRNL_ENV} at one)"
        )
        lines += [
            "",
            "## Cold runs, median ms, and each as a ratio",
            "",
            f"`python -c pass`: {fmt(floor, ' ms', 1)}; "
            f"`devnet --help`: {fmt(self.ms('help'), ' ms')} "
            f"({fmt(ratio(self.ms('help'), floor), 'x', 1)} python); "
            f"`devnet --version`: {fmt(self.ms('version'), ' ms')} "
            f"({fmt(ratio(self.ms('version'), floor), 'x', 1)} python, "
            f"{fmt(self.version_ratio(), 'x', 2)} `--help`). "
            f"Ratios: to the floor app on the same network, to `python -c pass`, and to "
            f"{jrnl_note}.",
            "",
            "| network | command | median ms | / floor | / floor, CPU time | / python | / jrnl "
            "| peak memory |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for name, size in self.sizes.items():
            jrnl = self.ms(f"{name} jrnl")
            floor_ms = self.floor(name)
            where = (
                f"{name} ({size.people:,} people, {size.checkins:,} check-ins, "
                f"{self.files[name] / 1024:,.0f} KB)"
            )
            keys = [FLOOR, *COMMANDS, *(JSON_COMMANDS if name == "typical" else ()), "jrnl"]
            for key in keys:
                case = self.cases.get(f"{name} {key}")
                if case is None:
                    continue
                label = {FLOOR: "floor app (`bench/floor.py list`)", "jrnl": "`jrnl -n 1`"}.get(
                    key, f"`{key}`"
                )
                if case.failure:
                    lines.append(f"| {where} | {label} | failed | | | | | |")
                else:
                    lines.append(
                        f"| {where} | {label} | {fmt(case.ms)} | "
                        f"{fmt(ratio(case.ms, floor_ms), 'x', 2)} | "
                        f"{fmt(ratio(case.cpu_ms, self.cpu(f'{name} {FLOOR}')), 'x', 2)} | "
                        f"{fmt(ratio(case.ms, floor), 'x', 1)} | "
                        f"{fmt(ratio(case.ms, jrnl), 'x', 2)} | {fmt(case.mb, ' MB')} |"
                    )
                where = ""
        if self.over:
            from devnet.store import MAX_FILE_BYTES

            lines += [
                "",
                f"**File-size cap.** devnet's store refuses files over "
                f"{MAX_FILE_BYTES / 2**20:.0f} MB (`store.MAX_FILE_BYTES`); "
                + ", ".join(f"the {n} network is {b / 2**20:.1f} MB" for n, b in self.over.items())
                + ". The installed `devnet` answers it with an error, so its rows time the "
                "same entry point with the cap lifted (`bench/uncapped.py`).",
            ]
        failures = [(k, c.failure) for k, c in self.cases.items() if c.failure]
        if failures:
            lines += ["", "Failures:", ""]
            lines += [f"- `{k}`: {f}" for k, f in failures]
        data_growth = [(c, self.data_growth_of(c)) for c in COMMANDS]
        if any(g is not None for _, g in data_growth):
            lines += [
                "",
                "Time per check-in on the file's own work (in-process read, parse, validate, "
                "analyse, render and save), extreme over heavy: "
                + ", ".join(f"`{c}` {fmt(g, 'x', 2)}" for c, g in data_growth)
                + ".",
            ]
        for name, by_command in self.profiles.items():
            lines += ["", f"## Where the time goes: {name} network (in-process, median ms)", ""]
            commands = list(by_command)
            lines.append("| phase | " + " | ".join(f"`{c}`" for c in commands) + " |")
            lines.append("|---|" + "---|" * len(commands))
            from phases import PHASES

            for phase in PHASES:
                values = [by_command[c].get(phase) for c in commands]
                if any(values):
                    lines.append(f"| {phase} | " + " | ".join(fmt(x, "", 1) for x in values) + " |")
            totals = [sum(by_command[c].values()) for c in commands]
            lines.append("| **total in process** | " + " | ".join(fmt(t) for t in totals) + " |")
        notes = HERE / "NOTES.md"
        if notes.exists():
            lines += ["", notes.read_text(encoding="utf-8").strip()]
        return "\n".join(lines) + "\n"

    def jrnl_version(self) -> str | None:
        if not self.jrnl:
            return None
        out = subprocess.run([self.jrnl, "--version"], capture_output=True, text=True)
        first = out.stdout.strip().splitlines()
        return f"{first[0]} ({self.jrnl})" if first else self.jrnl


def profile_phases(
    devnet_argv: dict[str, list[str]],
    runs: int,
    setups: dict[str, Callable[[], None]],
    uncapped: bool = False,
) -> dict[str, dict[str, float]]:
    """Median ms per phase for each command, each run in a fresh process."""
    out: dict[str, dict[str, float]] = {}
    for command, argv in devnet_argv.items():
        samples: list[dict[str, float]] = []
        for _ in range(runs):
            if command in setups:
                setups[command]()
            proc = subprocess.run(
                [sys.executable, str(HERE / "phases.py"), *argv],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "DEVNET_BENCH_UNCAPPED": "1" if uncapped else ""},
            )
            samples.append(json.loads(proc.stdout))
        keys = {k for s in samples for k in s}
        out[command] = {k: statistics.median(s.get(k, 0.0) for s in samples) for k in keys}
    return out


def main(argv: Sequence[str] | None = None) -> Results:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, few rounds (CI)")
    parser.add_argument("--rounds", type=int, help="timed rounds (default 7, quick 2)")
    parser.add_argument("--warmup", type=int, help="warm-up rounds (default 1)")
    parser.add_argument("--sizes", help="comma-separated subset of tiny,typical,heavy,extreme")
    parser.add_argument("--out", type=Path, help="where to write the Markdown (RESULTS.md)")
    parser.add_argument("--no-profile", action="store_true", help="skip the phase profile")
    args = parser.parse_args(argv)

    all_sizes = generate.QUICK_SIZES if args.quick else generate.SIZES
    wanted = args.sizes.split(",") if args.sizes else list(all_sizes)
    sizes = {k: all_sizes[k] for k in all_sizes if k in wanted}
    if "tiny" not in sizes:
        sizes = {"tiny": all_sizes["tiny"], **sizes}
    rounds = args.rounds or (2 if args.quick else 7)
    warmup = 1 if args.warmup is None else args.warmup
    out = args.out or (HERE / ("RESULTS-quick.md" if args.quick else "RESULTS.md"))

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    devnet = find_devnet()
    compile_devnet()
    jrnl = find_jrnl()
    work = Path(tempfile.mkdtemp(prefix="devnet-bench-"))
    try:
        cases: list[Case] = [
            Case("python -c pass", [sys.executable, "-c", "pass"]),
            Case("help", [devnet, "--help"]),
            Case("version", [devnet, "--version"]),
        ]
        files: dict[str, int] = {}
        over: dict[str, int] = {}
        setups: dict[str, dict[str, Callable[[], None]]] = {}
        arguments: dict[str, list[str]] = {}
        for name, size in sizes.items():
            started = time.perf_counter()
            path = work / f"{name}.toml"
            made = subprocess.run(
                [sys.executable, str(HERE / "generate.py"), name, str(path)]
                + (["--quick"] if args.quick else []),
                capture_output=True,
                text=True,
                check=True,
            )
            facts = json.loads(made.stdout)
            files[name] = facts["bytes"]
            log(
                f"generated {name}: {size.people} people, {size.checkins} check-ins, "
                f"{facts['bytes'] / 1024:,.0f} KB in {time.perf_counter() - started:.1f}s"
            )
            target = facts["target"]
            cli = [devnet]
            if facts["bytes"] > facts["cap"]:
                over[name] = facts["bytes"]
                cli = [sys.executable, str(HERE / "uncapped.py")]
            # Fewer rounds for the extreme network: each run takes seconds.
            limit = max(2, rounds // 2) if name == "extreme" and not args.quick else 0
            cases.append(
                Case(
                    f"{name} {FLOOR}",
                    [sys.executable, str(HERE / "floor.py"), "--file", str(path), "list"],
                    rounds=limit,
                )
            )
            for command in COMMANDS:
                file = path
                setup = None
                if command in MUTATING:
                    file = work / f"{name}-{command}" / "network.toml"
                    file.parent.mkdir()
                    setup = restorer(file, path.read_bytes())
                    setups.setdefault(name, {})[command] = setup
                extra = {
                    "list": [],
                    "gaps": ["--as-of", generate.AS_OF.isoformat()],
                    "due": ["--as-of", generate.AS_OF.isoformat()],
                    "add": [
                        "Bench Newcomer",
                        "--relation",
                        "peer",
                        "--context",
                        "Bench Co",
                        "--functions",
                        "coaching,friendship",
                        "--cadence",
                        "monthly",
                    ],
                    "checkin": [
                        target,
                        "--date",
                        generate.AS_OF.isoformat(),
                        "--functions",
                        "coaching",
                        "--note",
                        "Benchmark conversation",
                    ],
                }[command]
                arguments[f"{name} {command}"] = ["--file", str(file), command, *extra]
                cases.append(
                    Case(
                        f"{name} {command}",
                        [*cli, "--file", str(file), command, *extra],
                        setup=setup,
                        rounds=limit,
                    )
                )
            for command in JSON_COMMANDS if name == "typical" else ():
                word = command.split()[0]
                extra = ["--as-of", generate.AS_OF.isoformat()] if word != "list" else []
                cases.append(
                    Case(
                        f"{name} {command}",
                        [*cli, "--file", str(path), word, "--json", *extra],
                    )
                )
            if jrnl:
                env = jrnl_journal(work / f"jrnl-{name}", size.checkins)
                cases.append(Case(f"{name} jrnl", [jrnl, "-n", "1"], env=env, rounds=limit))

        log(f"timing {len(cases)} cases: {warmup} warm-up + {rounds} rounds")
        measure(cases, rounds, warmup, log)

        profiles: dict[str, dict[str, dict[str, float]]] = {}
        if not args.no_profile:
            for name in ("typical", "heavy", "extreme") if not args.quick else ("typical",):
                if name not in sizes:
                    continue
                log(f"profiling phases on the {name} network")
                argvs = {c: arguments[f"{name} {c}"] for c in COMMANDS}
                profiles[name] = profile_phases(
                    argvs, 1 if args.quick else 3, setups.get(name, {}), name in over
                )

        results = Results(
            sizes,
            files,
            {c.key: c for c in cases},
            jrnl,
            profiles,
            args.quick,
            rounds,
            warmup,
            over,
        )
        report = results.markdown()
        out.write_text(report, encoding="utf-8")
        print(report)
        log(f"wrote {out}")
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
