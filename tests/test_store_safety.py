"""Issue 9, "nothing lost, ever": what a save or a restore replaces is kept first as
raw bytes; backups only for saves that happened, never a copy of the newest, kept by
a retention that survives a burst; the last check right before the rename; a true
Ctrl-C message; read-only files; hostile files bounded; a fair lock; `remove` asks
before locking; `undo`; sync duplicates; errors that do not repeat personal text."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from builders import network, person
from devnet import store
from devnet.cli import app
from devnet.errors import ConflictError, DataFileError, SaveError, shown
from devnet.model import Network

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files and signals")
Cli = Callable[..., Result]
IS_ROOT = hasattr(os, "getuid") and os.getuid() == 0
_SCRIPT = Path(sys.executable).with_name("devnet")
DEVNET = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "devnet"]
TESTS = Path(__file__).parent


def sample() -> Network:
    return network(people={"maria-chen": person("Maria Chen")})


def make(tmp_path: Path) -> Path:
    path = tmp_path / "net.toml"
    store.create(path, sample())
    return path


def add_person(path: Path, pid: str, change: str = "") -> None:
    with store.transaction(path, change) as loaded:
        loaded.network.people[pid] = person(pid)


def replace_person(path: Path, pid: str) -> None:
    """Save a new version of the same size: the one developer is now `pid`."""
    with store.transaction(path, "") as loaded:
        loaded.network.people.clear()
        loaded.network.people[pid] = person(pid)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    for name in ("DEVNET_FILE", "DEVNET_DEBUG", "DEVNET_CRASH_AT", "DEVNET_INTERRUPT_AT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    runner = CliRunner()
    path = tmp_path / "net.toml"

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--file", str(path), *args], input=input)

    return invoke


def devnet(path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("DEVNET_")}
    full.update(env)
    return subprocess.run(
        [*DEVNET, "--file", str(path), *args], capture_output=True, text=True, env=full, timeout=120
    )


# --- 1. whatever is replaced is kept first, as raw bytes --------------------------------


def test_restore_over_an_oversized_file_keeps_it_byte_for_byte(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    good = path.read_bytes()
    add_person(path, "ann")
    junk = b"x" * (store.MAX_FILE_BYTES + 4096)  # over the cap: devnet cannot read it
    path.write_bytes(junk)
    first = store.backups(path)[0].path.name
    result = cli("restore", first)
    assert result.exit_code == 0, result.output
    assert "nothing was changed" not in result.output
    assert path.read_bytes() == good
    assert any(b.path.read_bytes() == junk for b in store.backups(path))


@posix_only
def test_restore_over_a_file_it_may_not_touch_refuses_and_changes_nothing(
    tmp_path: Path, cli: Cli
) -> None:
    path = make(tmp_path)
    add_person(path, "ann")
    before = path.read_bytes()
    count = len(store.backups(path))
    path.chmod(0o000)
    try:
        result = cli("restore", store.backups(path)[0].path.name)
        assert result.exit_code == 1
        assert "read-only" in result.stderr or "cannot read" in result.stderr
    finally:
        path.chmod(0o600)
    assert path.read_bytes() == before and len(store.backups(path)) == count


def test_restore_onto_a_missing_file_does_not_say_nothing_changed(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    add_person(path, "ann")
    name = store.backups(path)[0].path.name
    path.unlink()
    result = cli("restore", name)
    assert result.exit_code == 0, result.output
    assert "nothing was changed" not in result.stderr and "Restored" in result.stderr
    assert path.exists()


# --- 2. backups only for saves that happened; retention ---------------------------------


def test_failed_saves_leave_no_backup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "EXCHANGE", False)  # faults are injected into os.replace
    path = make(tmp_path)
    add_person(path, "ann")
    add_person(path, "bo")
    before = [b.path.read_bytes() for b in store.backups(path)]
    real_replace = os.replace

    def failing(src: Any, dst: Any) -> None:
        if Path(dst) == path.resolve():
            raise OSError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    for i in range(10):
        with pytest.raises(SaveError):
            add_person(path, f"p{i}")
    monkeypatch.undo()
    assert [b.path.read_bytes() for b in store.backups(path)] == before
    assert store.stale_temps(path) == []


def test_no_backup_is_a_copy_of_the_newest(tmp_path: Path) -> None:
    path = make(tmp_path)
    original = path.read_bytes()
    add_person(path, "ann")
    path.write_bytes(original)  # the file is brought back to the backed-up version
    add_person(path, "bo")
    kept = [b.path.read_bytes() for b in store.backups(path)]
    assert kept == [original]


def test_a_burst_of_saves_keeps_each_day_and_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(tmp_path)
    clock = [store.datetime(2026, 1, 1, 9, 0, tzinfo=store.UTC)]
    monkeypatch.setattr(store, "now", lambda: clock[0])
    # about which backups are kept, not durability: 500 saves need not wait for the disk
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    versions: dict[str, bytes] = {}
    for day in range(400):  # a save a day for more than a year
        clock[0] = store.datetime(2025, 1, 1, 9, 0, tzinfo=store.UTC) + timedelta(days=day)
        versions[clock[0].date().isoformat()] = path.read_bytes()
        replace_person(path, f"d{day}")
    today = clock[0] + timedelta(days=1)
    yesterday = path.read_bytes()
    for i in range(100):  # then 100 saves within a minute
        clock[0] = today + timedelta(seconds=i * 0.5)
        replace_person(path, f"burst{i}")
    found = store.backups(path)
    held = {b.path.read_bytes() for b in found}
    assert yesterday in held  # yesterday's version is still restorable
    days = {b.taken.date() for b in found}
    for back in range(1, 30):
        assert (today - timedelta(days=back)).date() in days
    months = {(b.taken.year, b.taken.month) for b in found}
    assert len(months) == 12
    assert len(found) <= store.KEEP_BACKUPS + store.KEEP_DAYS + store.KEEP_MONTHS


# --- 3. the last check is last ------------------------------------------------------------


def test_an_outside_edit_landing_after_the_backup_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit that lands after the backup and temp writes, right before the rename,
    is still caught; the outside version stays, and neither a backup nor a temp of
    the refused save is left."""
    path = make(tmp_path)
    edited = path.read_bytes().replace(b"Maria Chen", b"Maria Q. Chen")
    real_point = store._crash_point

    def edit_at(name: str) -> None:
        if name == "before_replace":
            other = tmp_path / "synced.partial"
            other.write_bytes(edited)
            os.replace(other, path)  # a sync client renames its copy over the file
        real_point(name)

    monkeypatch.setattr(store, "_crash_point", edit_at)
    with pytest.raises(ConflictError, match="changed on disk"):
        add_person(path, "ann")
    assert path.read_bytes() == edited
    assert store.backups(path) == [] and store.stale_temps(path) == []


# --- 4. Ctrl-C tells the truth ------------------------------------------------------------


@posix_only
@pytest.mark.parametrize(
    ("point", "saved"),
    [
        pytest.param("after_backup", False, marks=pytest.mark.slow),
        ("before_replace", False),
        ("after_replace", True),
    ],
)
def test_ctrl_c_says_whether_the_change_was_saved(tmp_path: Path, point: str, saved: bool) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    result = devnet(
        path, "add", "Ann", "--relation", "peer", "--context", "X", DEVNET_INTERRUPT_AT=point
    )
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    if saved:
        assert "the change was saved" in result.stderr
        assert "ann" in store.load(path).network.people
    else:
        assert "the file is as it was" in result.stderr
        assert path.read_bytes() == before
    assert store.stale_temps(path) == []


@posix_only
@pytest.mark.slow  # twelve real devnets; the fixed points above are the quick check
def test_ctrl_c_at_random_moments_is_always_reported_truly(tmp_path: Path) -> None:
    """SIGINT at random moments of a real `devnet add`: the message matches the disk."""
    import random

    path = make(tmp_path)
    rng = random.Random(11)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEVNET_")}
    for trial in range(TRIALS_CTRL_C):
        before = path.read_bytes()
        child = subprocess.Popen(
            [
                *DEVNET,
                "--file",
                str(path),
                "add",
                f"T{trial}",
                "--relation",
                "peer",
                "--context",
                "X",
            ],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
        changed = path.read_bytes() != before
        if "devnet: interrupted" in err:
            assert child.returncode == 130
            assert ("the change was saved" in err) == changed, err
            assert ("the file is as it was" in err) == (not changed), err
        elif "Added" in err:
            assert changed, err  # it finished before the signal
        else:
            assert not changed, err  # Ctrl-C while Python itself started


TRIALS_CTRL_C = 12


# --- 5. read-only files ------------------------------------------------------------------


@posix_only
def test_a_read_only_file_is_never_rewritten(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    path.chmod(0o400)
    try:
        result = cli("add", "Ann", "--relation", "peer", "--context", "X")
        assert result.exit_code == 1
        assert "the file is read-only" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert path.read_bytes() == before
        assert store.stat.S_IMODE(path.stat().st_mode) == 0o400
        assert store.backups(path) == []
    finally:
        path.chmod(0o600)


# --- 6. hostile files are bounded --------------------------------------------------------

_HEAD = b'schema = 1\n[profile]\nname = "S"\nstage = "mid"\n'
HOSTILE: dict[str, Callable[[], bytes]] = {
    "800k top-level keys": lambda: (
        b"schema = 1\n" + b"".join(b"k%d=1\n" % i for i in range(800_000))
    ),
    "300k tables": lambda: b"schema = 1\n" + b"".join(b"[t%d]\n" % i for i in range(300_000)),
    "1.2M array items": lambda: _HEAD + b"a = [" + b"1," * 1_200_000 + b"]\n",
    "99k invalid check-ins": lambda: (
        b"schema = 1\ncheckins = ["
        + b",".join(b"{a=1}" for _ in range(99_000))
        + b"]\n"
        + _HEAD[11:]
    ),
    "a 99k-key table": lambda: _HEAD + b"".join(b"[profile.t%d]\n" % i for i in range(99_000)),
}
"""Files just under the size cap that cost a parser the most; made when a test needs one."""
PARSED = {"800k top-level keys": 0, "300k tables": 0, "1.2M array items": 0}
"""How often each is parsed (1 when not listed): these are refused on their weight."""
SLOW_ONLY = {"300k tables", "1.2M array items", "a 99k-key table"}
"""In the slow run only: two refused by the same check as 800k top-level keys, and the
table too long (99k invalid check-ins stays: it goes furthest)."""

_MEASURE = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    from devnet import store
    from devnet.errors import DataFileError
    work = {"parsed": 0, "validated": 0}  # the costly steps, counted
    parse, validate = store.tomli.loads, store.Network.model_validate
    def parsing(*args, **kwargs):
        work["parsed"] += 1
        return parse(*args, **kwargs)
    def validating(*args, **kwargs):
        work["validated"] += 1
        return validate(*args, **kwargs)
    store.tomli.loads = parsing
    store.Network.model_validate = validating
    try:
        store.load(Path(sys.argv[1]))
        outcome = "loaded"
    except DataFileError as exc:
        outcome = exc.message
    try:  # this process's own peak (ru_maxrss would include the parent's before exec)
        with open("/proc/self/status") as status:
            line = next(x for x in status if x.startswith("VmHWM:"))
        peak = int(line.split()[1]) // 1024
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps({**work, "mb": peak, "outcome": outcome}))
    """
)


def measure(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@posix_only
@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=pytest.mark.slow) if c in SLOW_ONLY else c for c in HOSTILE]
)
def test_hostile_files_under_the_cap_are_refused_in_bounded_time_and_memory(
    tmp_path: Path, case: str
) -> None:
    """Bounded time, counted instead of timed: a hostile file is refused before any
    model is built (validation would collect a problem per record), and the heaviest
    before they are even parsed."""
    raw = HOSTILE[case]()
    path = tmp_path / "net.toml"
    path.write_bytes(raw)
    assert len(raw) <= store.MAX_FILE_BYTES
    got = measure(path)
    assert got["outcome"] != "loaded" and "\n" not in got["outcome"]
    assert (got["parsed"], got["validated"]) == (PARSED.get(case, 1), 0), got
    assert got["mb"] < 300, got


_UNDER_LIMIT = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
    sys.argv = ["devnet", "--file", sys.argv[2], "list"]
    from devnet.__main__ import main
    main()
    """
)


@posix_only
@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS is enforced on Linux")
@pytest.mark.parametrize(
    "limit_mb",
    [pytest.param(120, marks=pytest.mark.slow), 200, pytest.param(400, marks=pytest.mark.slow)],
)
def test_a_memory_limit_gives_one_clear_line(tmp_path: Path, limit_mb: int) -> None:
    path = tmp_path / "net.toml"
    path.write_bytes(HOSTILE["99k invalid check-ins"]())
    done = subprocess.run(
        [sys.executable, "-c", _UNDER_LIMIT, str(limit_mb * 1024 * 1024), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode in (1, 2), done.stderr[-500:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("devnet: error: "), done.stderr[-500:]
    assert "panicked" not in done.stderr and "Traceback" not in done.stderr


def test_a_legit_large_network_still_loads(tmp_path: Path) -> None:
    sys.path.insert(0, str(TESTS.parent / "bench"))
    try:
        from generate import QUICK_SIZES, write
    finally:
        sys.path.pop(0)
    target = write(QUICK_SIZES["extreme"], tmp_path)
    got = measure(target)
    assert got["outcome"] == "loaded"
    assert (got["parsed"], got["validated"]) == (1, 1), got  # the counts above count
    raw = target.read_bytes()
    # the full extreme network (1,000 developers, 50,000 check-ins) weighs about 26x this
    assert store._weight(raw) * 50_000 // 1_500 < store.MAX_WEIGHT


# --- 8. conflict markers only when the file does not parse ------------------------------


def test_a_note_line_of_equals_signs_is_not_a_merge_conflict(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    assert cli("checkin", "maria-chen", "--note", "before\n=======\nafter").exit_code == 0
    raw = path.read_bytes()
    if b"\n=======\n" not in raw:  # the layout writes notes on one line: make it multi-line
        raw = raw.replace(b'"before\\n=======\\nafter"', b'"""\nbefore\n=======\nafter"""')
        path.write_bytes(raw)
    assert b"\n=======\n" in raw
    result = cli("list")
    assert result.exit_code == 0, result.output
    path.write_bytes(raw + b"<<<<<<< HEAD\n[profile\n")
    assert "merge conflict" in cli("list").stderr


# --- 11. remove asks before it locks ------------------------------------------------------


class Asking:
    """`devnet remove ID` waiting at its question, its stdin a pseudo-terminal (devnet
    asks only a terminal)."""

    def __init__(self, path: Path) -> None:
        import pty

        self.master, slave = pty.openpty()
        env = {k: v for k, v in os.environ.items() if not k.startswith("DEVNET_")}
        self.child = subprocess.Popen(
            [*DEVNET, "--file", str(path), "remove", "maria-chen"],
            stdin=slave,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        os.close(slave)
        assert self.child.stderr is not None
        prompt = ""
        while "[y/N]" not in prompt:
            char = self.child.stderr.read(1)
            assert char, "devnet ended without asking"
            prompt += char

    def answer(self, text: str) -> str:
        os.write(self.master, text.encode())
        assert self.child.stderr is not None
        err = self.child.stderr.read()
        self.child.wait(timeout=60)
        os.close(self.master)
        return err


@posix_only
def test_an_unanswered_remove_does_not_hold_the_lock(tmp_path: Path) -> None:
    path = make(tmp_path)
    asking = Asking(path)
    try:
        # no wait allowed: if the asking remove held the lock, this add would fail at once
        other = devnet(
            path, "add", "Bo", "--relation", "peer", "--context", "X", DEVNET_LOCK_TIMEOUT="0"
        )
        assert other.returncode == 0, other.stderr
        assert "waiting for another devnet" not in other.stderr
        err = asking.answer("y\n")
    finally:
        asking.child.kill()
    assert asking.child.returncode == 0, err
    assert set(store.load(path).network.people) == {"bo"}


@posix_only
def test_remove_rechecks_after_the_answer(tmp_path: Path) -> None:
    path = make(tmp_path)
    asking = Asking(path)
    try:
        assert devnet(path, "checkin", "maria-chen", "--date", "2026-01-02").returncode == 0
        before = path.read_bytes()
        err = asking.answer("y\n")
    finally:
        asking.child.kill()
    assert asking.child.returncode == 1 and "changed while you were answering" in err
    assert path.read_bytes() == before


# --- 12. a fair lock: writers queue, none fail --------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date, timedelta
    from pathlib import Path
    from devnet import store
    from devnet.errors import DevnetError
    from builders import checkin
    path, me, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    failed = 0
    for i in range(count):
        try:
            with store.transaction(path, f"checkin maria-chen {me}-{i}") as loaded:
                loaded.network.checkins.append(
                    checkin("maria-chen", date(2026, 1, 1) + timedelta(days=me * 100 + i))
                )
        except DevnetError as exc:
            failed += 1
            print(exc.message, file=sys.stderr)
    print(failed)
    """
)


def writers(tmp_path: Path, procs: int, each: int) -> int:
    path = make(tmp_path)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("DEVNET_")}}
    env["PYTHONPATH"] = os.pathsep.join([str(TESTS), *sys.path])
    running = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), str(w), str(each)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for w in range(procs)
    ]
    failed = 0
    for child in running:
        out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
        failed += int(out.strip())
    assert len(store.load(path).network.checkins) == procs * each - failed
    return failed


@posix_only
@pytest.mark.parametrize(
    ("procs", "each"), [(3, 4), pytest.param(8, 8, marks=pytest.mark.slow)], ids=["3x4", "8x8"]
)
def test_parallel_writers_queue_and_none_fail(tmp_path: Path, procs: int, each: int) -> None:
    assert writers(tmp_path, procs=procs, each=each) == 0


@posix_only
@pytest.mark.slow
def test_eight_writers_fifty_checkins_each_none_fail(tmp_path: Path) -> None:
    assert writers(tmp_path, procs=8, each=50) == 0


@posix_only
@pytest.mark.slow  # devnet speaks after a second of waiting; the 3x4 writers stay
def test_a_waiting_devnet_says_so_and_then_saves(tmp_path: Path) -> None:
    """The lock is let go as soon as devnet says it is waiting (not after a fixed time)."""
    import fcntl

    path = make(tmp_path)
    fd = os.open(f"{path.resolve()}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEVNET_")}
    child = subprocess.Popen(
        [*DEVNET, "--file", str(path), "add", "Ann", "--relation", "peer", "--context", "X"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stderr is not None
    said = ""
    try:
        while "waiting for another devnet" not in said:
            line = child.stderr.readline()  # devnet gives up after 120 s: this ends
            assert line, said
            said += line
    finally:
        os.close(fd)  # releases the lock
    said += child.stderr.read()
    assert child.wait(timeout=60) == 0, said
    assert "ann" in store.load(path).network.people


def test_the_lock_no_longer_imports_filelock(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom devnet import store\n"
        "with store.locked(Path(sys.argv[1])):\n    pass\n"
        "print('filelock' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.toml")], capture_output=True, text=True
    )
    assert done.stdout.strip() == ("True" if os.name != "posix" else "False"), done.stderr


# --- undo ---------------------------------------------------------------------------------


def test_undo_takes_back_the_last_change_and_can_be_undone(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    done = cli("checkin", "maria-chen", "--date", "2026-11-20", "--note", "private words")
    assert done.exit_code == 0, done.output
    after = path.read_bytes()
    undone = cli("undo")
    assert undone.exit_code == 0, undone.output
    assert undone.stderr.strip() == "took back: checkin maria-chen 2026-11-20"
    assert path.read_bytes() == before
    again = cli("undo")
    assert again.exit_code == 0, again.output
    assert again.stderr.strip() == "took back: the undo of checkin maria-chen 2026-11-20"
    assert path.read_bytes() == after
    sidecars = list(store.backup_dir(path).glob("*.json"))
    assert sidecars and all(b"private words" not in s.read_bytes() for s in sidecars)


def test_undo_names_the_day_a_typed_date_stood_for(tmp_path: Path, cli: Cli) -> None:
    make(tmp_path)
    done = cli("checkin", "maria-chen", "--date", "2 days ago")
    assert done.exit_code == 0, done.output
    day = (date.today() - timedelta(days=2)).isoformat()
    undone = cli("undo")
    assert undone.stderr.strip() == f"took back: checkin maria-chen {day}"


def test_undo_names_the_change_without_the_program_run_as_python_m(tmp_path: Path) -> None:
    """Run as `python -m devnet`, the program's name is three words; the recorded
    change is still only the command and its arguments."""
    path = make(tmp_path)
    devnet = [sys.executable, "-m", "devnet", "--file", str(path)]
    done = subprocess.run([*devnet, "checkin", "maria-chen", "--date", "2026-11-20"], check=False)
    assert done.returncode == 0
    undone = subprocess.run([*devnet, "undo"], capture_output=True, text=True, check=False)
    assert undone.stderr.strip() == "took back: checkin maria-chen 2026-11-20"


def test_undo_refuses_after_a_hand_edit_and_when_there_is_nothing(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    nothing = cli("undo")
    assert nothing.exit_code == 1 and "nothing to undo" in nothing.stderr
    assert cli("add", "Ann", "--relation", "peer", "--context", "X").exit_code == 0
    edited = path.read_bytes().replace(b"Maria Chen", b"Maria Q. Chen")
    path.write_bytes(edited)
    refused = cli("undo")
    assert refused.exit_code == 1 and "changed since devnet's last change" in refused.stderr
    assert path.read_bytes() == edited


def test_undo_brings_back_a_removed_developer(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    assert cli("remove", "maria-chen", "--yes").exit_code == 0
    result = cli("undo")
    assert result.exit_code == 0 and "took back: remove maria-chen" in result.stderr
    assert path.read_bytes() == before


# --- 14. sync duplicates, and export never over the file ------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "net (Konfliktkopie von Bo 2025-02-03).toml",
        "net (copie en conflit de Bo 2025-02-03).toml",
        "net (copia en conflicto de Bo 2025-02-03).toml",
        "net (1).toml",
        "net 2.toml",
        "net-DESKTOP-4F2K9QZ.toml",
    ],
)
def test_localized_and_cloud_duplicates_are_flagged(tmp_path: Path, cli: Cli, name: str) -> None:
    path = make(tmp_path)
    (tmp_path / name).write_text("x")
    assert (tmp_path / name) in store.conflict_copies(path)
    result = cli("doctor", "--json")
    assert result.exit_code == 1
    status = {c["check"]: c["status"] for c in json.loads(result.stdout)["checks"]}
    assert status["sync conflicts"] == "warn"


@pytest.mark.parametrize("name", ["net-old.toml", "net 2026.toml", "nets.toml", "net.toml.lock"])
def test_other_files_are_not_taken_for_duplicates(tmp_path: Path, name: str) -> None:
    path = make(tmp_path)
    (tmp_path / name).write_text("x")
    assert store.conflict_copies(path) == []


@posix_only
def test_export_refuses_the_network_file_under_another_name(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    alias = tmp_path / "NET.toml"  # what a case-insensitive file system would show
    os.link(path, alias)
    result = cli("export", "--output", str(alias))
    assert result.exit_code == 2 and "network file itself" in result.stderr
    assert path.read_bytes() == before


# --- 15. errors do not repeat personal text ------------------------------------------------


def test_the_echo_rule() -> None:
    assert shown("montly") == "'montly'"
    assert "after her chemo" not in shown("after her chemo ends")
    assert "20 characters" in shown("after her chemo ends")
    assert "x" * 25 not in shown("x" * 25)
    assert "\x1b" not in shown("\x1b[2J")


def test_a_sentence_given_as_a_value_is_not_repeated(tmp_path: Path, cli: Cli) -> None:
    make(tmp_path)
    long = cli("edit", "maria-chen", "--cadence", "after her chemo ends")
    assert long.exit_code == 2 and "chemo" not in long.stderr
    assert "cadence" in long.stderr
    typo = cli("edit", "maria-chen", "--cadence", "montly")
    assert typo.exit_code == 2 and "'montly'" in typo.stderr


def test_a_sentence_in_the_file_is_not_repeated(tmp_path: Path, cli: Cli) -> None:
    path = make(tmp_path)
    raw = path.read_bytes().rstrip(b"\n") + (
        b'\n\n[people.ann]\nname = "Ann"\nrelation = "peer"\ncontext = "X"\n'
        b'cadence = "after her chemo ends"\n'
    )
    path.write_bytes(raw)
    with pytest.raises(DataFileError) as info:
        store.load(path)
    assert "chemo" not in "\n".join([info.value.message, *info.value.problems])
    result = cli("check")
    assert result.exit_code == 1 and "chemo" not in result.stderr and "cadence" in result.stderr


def test_resource_module_is_available() -> None:
    assert resource.getrlimit(resource.RLIMIT_AS)
