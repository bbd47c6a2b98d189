"""devnet as a user meets it when things go wrong: broken, newer and commented files
through the CLI, crashes and kill -9 during saves, concurrent `devnet` processes,
sync conflicts, restore and doctor, hostile names on a terminal, unexpected errors."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from builders import goal, network, person
from devnet import store
from devnet.cli import app
from devnet.model import SCHEMA_VERSION, Network
from test_store import BROKEN, GOOD

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX signals and modes")
"""Stress runs in real processes are `@pytest.mark.slow`: CI runs them (`-m slow`)."""
Cli = Callable[..., Result]
ADD = ("add", "Ann Example", "--relation", "peer", "--context", "Guild")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """`cli("list")` runs devnet in-process on tmp_path/net.toml."""
    for name in ("DEVNET_FILE", "DEVNET_DEBUG", "DEVNET_CRASH_AT", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()
    path = tmp_path / "net.toml"

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, ["--file", str(path), *args], env=env)

    return invoke


def sample() -> Network:
    return network(
        people={"maria-chen": person("Maria Chen", "coaching", goals=["mgr"])},
        goals={"mgr": goal("coaching", title="Become a manager")},
    )


def make(tmp_path: Path, net: Network | None = None) -> Path:
    path = tmp_path / "net.toml"
    store.create(path, net or sample())
    return path


_SCRIPT = Path(sys.executable).with_name("devnet")
DEVNET = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "devnet"]
"""The installed console script when there is one (as a user runs it)."""


def devnet(path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, as a user runs it."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("DEVNET_")}
    full.update(env)
    return subprocess.run(
        [*DEVNET, "--file", str(path), *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=60,
    )


def error_line(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("devnet: error: ")
    assert "Traceback" not in result.output + result.stderr
    return lines[0]


# --- broken, newer and commented files through the CLI ---------------------------------------

CLI_CASES = [
    "syntax error",
    "wrong type",
    "unknown key",
    "git conflict",
    "invalid utf-8",
    "duplicate key",
    "64-bit overflow",
    "NUL in a name",
    "lone surrogate",
    "very long name",
]


@pytest.mark.parametrize("case", CLI_CASES)
def test_broken_file_through_the_cli(tmp_path: Path, cli: Cli, case: str) -> None:
    raw, where = BROKEN[case]
    path = tmp_path / "net.toml"
    path.write_bytes(raw)
    mtime = path.stat().st_mtime_ns
    for args in (("list",), ("check",), ADD, ("goal", "add", "G", "--needs", "coaching")):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.output)
        line = error_line(result)
        assert str(path) in line and where in line
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == mtime
    assert store.stale_temps(path) == [] and store.backups(path) == []


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbf" + GOOD, GOOD.replace(b"\n", b"\r\n")])
def test_bom_and_crlf_files_work_through_the_cli(tmp_path: Path, cli: Cli, raw: bytes) -> None:
    (tmp_path / "net.toml").write_bytes(raw)
    assert cli("check").exit_code == 0
    assert cli(*ADD).exit_code == 0
    listed = cli("list")
    assert "ann-example" in listed.stdout, listed.stderr


def test_newer_file_reads_with_a_warning_and_refuses_changes(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "net.toml"
    raw = GOOD.replace(b"schema = 1", b"schema = 7") + b'pronouns = "they"\n'
    path.write_bytes(raw)
    shown = cli("list")
    assert shown.exit_code == 0
    assert "newer devnet" in shown.stderr and "format 7" in shown.stderr
    assert f"knows {SCHEMA_VERSION}" in shown.stderr
    for args in (ADD, ("goal", "add", "G", "--needs", "coaching")):
        refused = cli(*args)
        assert refused.exit_code == 1
        line = refused.stderr.strip().splitlines()[-1]
        assert (
            "format 7" in line
            and f"knows {SCHEMA_VERSION}" in line
            and "Nothing was changed" in line
        )
    assert path.read_bytes() == raw


def test_comment_loss_warns_once_and_the_backup_keeps_the_original(
    tmp_path: Path, cli: Cli
) -> None:
    path = tmp_path / "net.toml"
    raw = b"# my own notes about this file\n" + GOOD + b"# trailing remark\n"
    path.write_bytes(raw)
    first = cli(*ADD)
    assert first.exit_code == 0
    assert "comments are not kept" in first.stderr
    assert b"#" not in path.read_bytes()
    assert store.backups(path)[0].path.read_bytes() == raw
    second = cli("add", "Bo", "--relation", "peer", "--context", "Guild")
    assert second.exit_code == 0 and "comments" not in second.stderr


def test_unexpected_crash_shows_no_personal_data_and_no_traceback(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "ZZ_SECRET_NOTE_4711"
    path = make(tmp_path, network(people={"p": person(secret, learn=secret)}))
    before = path.read_bytes()

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"internal failure near {secret}")

    monkeypatch.setattr("devnet.render.people.people_table", boom)
    monkeypatch.setattr(store, "serialize", boom)
    for args in (("list",), ADD):
        result = cli(*args)
        assert result.exit_code == 1
        assert secret not in result.stderr + result.stdout
        assert "Traceback" not in result.stderr + result.stdout
        assert "internal error" in result.stderr
    assert path.read_bytes() == before


@posix_only
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EACCES, errno.EROFS])
def test_failed_save_through_the_cli(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    path = make(tmp_path)
    before = path.read_bytes()

    def replace(src: Any, dst: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", replace)
    result = cli(*ADD)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert os.strerror(code) in error_line(result)
    assert path.read_bytes() == before
    assert store.stale_temps(path) == []


# --- display escaping ------------------------------------------------------------------------

HOSTILE = {
    "link": "[link=https://evil.example]click[/link]",
    "markup": "[bold red]loud[/bold red]",
    "clear": "Eve\x1b[2J\x1b[H",
    "osc52": "Mal\x1b]52;c;aGVsbG8=\x07",
    "csi8bit": "Csi\x9b31m",
    "bidi": "Tom \u202eevil\u202c",
}


@pytest.mark.parametrize("command", ["list", "show"])
def test_hostile_names_never_reach_the_terminal_raw(tmp_path: Path, cli: Cli, command: str) -> None:
    people = {
        pid: person(name, learn=name, context=name, expertise=[name])
        for pid, name in HOSTILE.items()
    }
    make(tmp_path, network(people=people))
    env = {"TERM": "xterm-256color", "FORCE_COLOR": "1", "NO_COLOR": "", "COLUMNS": "200"}
    outputs = []
    if command == "list":
        outputs.append(cli("list", env=env))
    else:
        outputs.extend(cli("show", pid, env=env) for pid in HOSTILE)
    for result in outputs:
        assert result.exit_code == 0, result.output
        shown = result.stdout + result.stderr
        assert "\x1b]" not in shown  # no OSC: hyperlinks, clipboard, titles
        assert "\x07" not in shown and "\x9b" not in shown
        assert "\x1b[2J" not in shown and "\x1b[H" not in shown
        assert "\u202e" not in shown
    everything = "".join(r.stdout for r in outputs)
    assert "[link=https://evil.example]click" in everything  # shown literally
    assert "[bold red]loud" in everything


# --- sync conflicts, restore and doctor --------------------------------------------------------


def test_sync_conflict_copies_warn_on_every_command(tmp_path: Path, cli: Cli) -> None:
    make(tmp_path)
    copy = tmp_path / "net.sync-conflict-20250102-101010-ABCDEFG.toml"
    copy.write_bytes(b"this [[ is not toml")
    for args in (("list",), ADD, ("check",)):
        result = cli(*args)
        assert result.exit_code == 0, result.output
        assert "sync conflict copy" in result.stderr and copy.name in result.stderr
    assert copy.read_bytes() == b"this [[ is not toml"


def test_restore_lists_and_brings_back_a_version(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    original = path.read_bytes()
    assert cli(*ADD).exit_code == 0
    listed = cli("restore", "--list", "--json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert [r["developers"] for r in rows] == [1]
    assert set(rows[0]) >= {"name", "date", "size", "developers"}
    table = cli("restore", "--list")
    assert rows[0]["name"] in table.stdout
    result = cli("restore", rows[0]["name"])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == original
    assert len(store.backups(path)) == 2  # the replaced version is kept
    missing = cli("restore", "no-such-backup")
    assert missing.exit_code == 1 and "no backup" in error_line(missing)


@posix_only
def test_doctor_healthy_then_each_problem_named(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    healthy = cli("doctor", "--json")
    assert healthy.exit_code == 0, healthy.output
    assert json.loads(healthy.stdout)["healthy"] is True
    path.chmod(0o640)
    (tmp_path / ".net.toml.x1y2z3w4.tmp").write_text("leftover")
    (tmp_path / "net (Bo's conflicted copy 2025-02-03).toml").write_text("x")
    sick = cli("doctor", "--json")
    assert sick.exit_code == 1
    report = json.loads(sick.stdout)
    status = {c["check"]: c["status"] for c in report["checks"]}
    assert status["permissions"] == "warn"
    assert status["temp files"] == "warn"
    assert status["sync conflicts"] == "warn"
    assert all(c["action"] for c in report["checks"] if c["status"] != "ok")
    path.write_bytes(b"schema = 1\n[profile\n")
    broken = cli("doctor")
    assert broken.exit_code == 1
    assert "restore" in broken.stdout


# --- crashes, kills and concurrent processes ---------------------------------------------------


@posix_only
@pytest.mark.parametrize(
    "point",  # both outcomes (old, new) in the default run, every point in CI (-m slow)
    [
        p if p in ("before_replace", "after_replace") else pytest.param(p, marks=pytest.mark.slow)
        for p in store.CRASH_POINTS
    ],
)
def test_crash_points_leave_old_or_new_and_the_next_save_works(tmp_path: Path, point: str) -> None:
    path = make(tmp_path)
    old = path.read_bytes()
    crashed = devnet(path, *ADD, DEVNET_CRASH_AT=point)
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr
    now = path.read_bytes()
    names = set(store.load(path).network.people)
    if point == "after_replace":
        assert names == {"maria-chen", "ann-example"}
    else:
        assert now == old
    leftovers = store.stale_temps(path)
    if point == "after_replace":
        assert leftovers == []
    else:  # the temp holding the new version, written first
        assert len(leftovers) == 1
        assert stat.S_IMODE(leftovers[0].stat().st_mode) == 0o600
    if point == "after_write":
        assert store.backups(path) == []  # the backup comes after the temp
    else:
        assert store.backups(path)[-1].path.read_bytes() == old
    following = devnet(path, "add", "Bo", "--relation", "peer", "--context", "Guild")
    assert following.returncode == 0, following.stderr
    assert "bo" in store.load(path).network.people


_SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from devnet import store
    path, a, b = (Path(p) for p in sys.argv[1:4])
    payloads = [p.read_bytes() for p in (a, b)]
    print("ready", flush=True)
    i = 0
    while True:
        # the disk half of a save (backup, temp, fsync, replace, prune), over and over:
        # the in-memory half (validate, serialize) cannot touch the file. "b" and "e"
        # mark where each save begins and ends, so a kill can be placed in or between.
        with store.locked(path):
            print("b", flush=True)
            store.replace_contents(path, path, None, payloads[i % 2])
            print("e", flush=True)
        i += 1
    """
)


def big(n: int, tag: str) -> Network:
    return network(
        people={
            f"p{i}": person(f"{tag} {i}", learn=f"{tag} " * 40, expertise=[tag] * 3)
            for i in range(n)
        }
    )


@dataclass
class Kills:
    in_save: int = 0
    """Kills that landed inside a save (after its "b", before its "e")."""
    saves: int = 0
    """Saves completed, over all the processes killed."""


def kill_during_saves(tmp_path: Path, kills: int, size: int) -> Kills:
    """Kill a process that saves two big networks in turn at random moments. Each
    time the file must be exactly what the saves that finished left, or, when the
    kill landed inside a save, that or the version that save was writing."""
    path = tmp_path / "net.toml"
    versions = []
    for tag in ("alpha", "beta"):
        target = tmp_path / f"{tag}.toml"
        target.write_bytes(store.serialize(big(size, tag)))
        versions.append(target.read_bytes())
    store.create(path, big(size, "alpha"))
    rng = random.Random(4711)
    counted = Kills()
    before = path.read_bytes()
    for _ in range(kills):
        child = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _SAVER,
                str(path),
                *(str(tmp_path / f"{t}.toml") for t in ("alpha", "beta")),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.4))
        child.send_signal(signal.SIGKILL)
        marks = child.stdout.read().split()
        child.wait()
        done = marks.count("e")
        finished = versions[(done - 1) % 2] if done else before
        now = path.read_bytes()
        if marks and marks[-1] == "b":  # killed inside save number `done` (from 0)
            counted.in_save += 1
            assert now in (finished, versions[done % 2]), "neither the old nor the new version"
        else:
            assert now == finished, "a finished save was lost"
        counted.saves += done
        store.load(path)
        before = now
    return counted


@posix_only
@pytest.mark.slow
def test_kill9_at_random_moments_never_corrupts(tmp_path: Path) -> None:
    counted = kill_during_saves(tmp_path, kills=8, size=600)
    # the harness did what it claims: most kills hit a save in progress, and the
    # file really changed between them
    assert counted.in_save >= 4, counted
    assert counted.saves >= 8, counted


@posix_only
@pytest.mark.slow
def test_kill9_at_random_moments_never_corrupts_long(tmp_path: Path) -> None:
    counted = kill_during_saves(tmp_path, kills=60, size=3000)
    assert counted.in_save >= 30, counted
    assert counted.saves >= 60, counted


@posix_only
@pytest.mark.slow
def test_readers_never_see_a_partial_file(tmp_path: Path) -> None:
    """Readers take no lock: while another process saves in a loop, every load gives
    one whole version."""
    path = tmp_path / "net.toml"
    for tag in ("alpha", "beta"):
        (tmp_path / f"{tag}.toml").write_bytes(store.serialize(big(200, tag)))
    store.create(path, big(200, "alpha"))
    args = [str(path), str(tmp_path / "alpha.toml"), str(tmp_path / "beta.toml")]
    child = subprocess.Popen([sys.executable, "-c", _SAVER, *args], stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        seen = set()
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            seen.add(next(iter(store.load(path).network.people.values())).name.split()[0])
        assert seen <= {"alpha", "beta"}
    finally:
        child.kill()
        child.wait()


@posix_only
def test_the_kill_harness_catches_a_naive_writer(tmp_path: Path) -> None:
    """The check above can fail: a truncate-and-write killed midway is caught."""
    path = make(tmp_path)
    versions = [path.read_bytes()]
    payload = store.serialize(big(300, "beta"))
    naive = (
        "import os, signal, sys\n"
        "data = open(sys.argv[2], 'rb').read()\n"
        "f = open(sys.argv[1], 'wb')\n"
        "f.write(data[: len(data) // 2]); f.flush()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    source = tmp_path / "beta.toml"
    source.write_bytes(payload)
    subprocess.run([sys.executable, "-c", naive, str(path), str(source)], check=False)
    assert path.read_bytes() not in [*versions, payload]


@posix_only
@pytest.mark.slow
def test_concurrent_devnet_processes_lose_no_update(tmp_path: Path) -> None:
    path = make(tmp_path)
    workers, each = 3, 4
    failures: list[str] = []

    def worker(w: int) -> None:
        for i in range(each):
            done = devnet(path, "add", f"W{w} N{i}", "--relation", "peer", "--context", "X")
            if done.returncode != 0:
                failures.append(done.stderr)

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    people = store.load(path).network.people
    assert len(people) == 1 + workers * each
    assert store.stale_temps(path) == []


@pytest.fixture
def held_lock(tmp_path: Path) -> Iterator[Path]:
    path = make(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(60)\n",
            f"{path.resolve()}.lock",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    yield path
    holder.kill()
    holder.wait()


@posix_only
def test_lock_timeout_message_through_the_cli(held_lock: Path) -> None:
    before = held_lock.read_bytes()
    result = devnet(held_lock, *ADD, DEVNET_LOCK_TIMEOUT="0.2")
    assert result.returncode == 1
    # it gave up at its timeout, before the notice it would give after WAIT_NOTICE (1 s)
    assert "(waited 0.2 s)" in result.stderr and "waiting for" not in result.stderr
    assert "another devnet is changing this file" in result.stderr
    assert "Traceback" not in result.stderr
    assert held_lock.read_bytes() == before
    assert devnet(held_lock, "list").returncode == 0  # readers take no lock
