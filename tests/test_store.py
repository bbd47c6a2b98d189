"""The store on its own: round trips, hand-broken and hostile files, injected faults at
every step of a save, backups and restore, modes and symlinks, change detection,
locking, migrations from the fixture files, and a fuzzed loader."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import goal, network, person
from devnet import store
from devnet.errors import (
    ConflictError,
    DataFileError,
    DevnetError,
    NewerSchemaError,
    SaveError,
)
from devnet.model import SCHEMA_VERSION, Network
from strategies import networks

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = b'schema = 1\n\n[profile]\nname = "Sam Lee"\nstage = "mid"\n'
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file semantics")
HYPO = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FUZZ = settings(HYPO, max_examples=HYPO.max_examples * 15)
"""The loader is cheap on small inputs: 15 times the profile's examples (conftest)."""


def sample() -> Network:
    return network(
        people={"maria-chen": person("Maria Chen", "coaching,sponsorship", goals=["mgr"])},
        goals={"mgr": goal("coaching,sponsorship", title="Become a manager")},
    )


def make(tmp_path: Path, net: Network | None = None, name: str = "net.toml") -> Path:
    path = tmp_path / name
    store.create(path, net or sample())
    return path


def temps(path: Path) -> list[Path]:
    """Every temp file of ours, beside the file or among its backups."""
    return store.stale_temps(path)


def add_person(path: Path, pid: str, name: str | None = None) -> None:
    with store.transaction(path) as loaded:
        loaded.network.people[pid] = person(name or pid)


# --- round trips -----------------------------------------------------------------------


@HYPO
@given(net=networks())
def test_any_valid_network_round_trips_and_resaves_identically(
    tmp_path_factory: pytest.TempPathFactory, net: Network
) -> None:
    path = tmp_path_factory.mktemp("rt") / "net.toml"
    store.create(path, net)
    loaded = store.load(path)
    assert loaded.network == net
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    assert store.save(loaded) is False  # unchanged: nothing written
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    assert store.serialize(loaded.network) == before
    assert store.backups(path) == []


@HYPO
@given(net=networks())
def test_hostile_text_never_changes_the_file_structure(net: Network) -> None:
    """Free text is always a value: the tables and keys of the file are exactly the
    ones the model names, whatever the names and notes hold (TOML injection)."""
    parsed = tomli.loads(store.serialize(net).decode())
    assert set(parsed) <= {"schema", "profile", "goals", "people", "checkins"}
    assert set(parsed.get("people", {})) == set(net.people)
    assert set(parsed.get("goals", {})) == set(net.goals)
    assert len(parsed.get("checkins", [])) == len(net.checkins)


@pytest.mark.parametrize(
    "name",
    ['x"\n[evil]\npwn = true\n#', "]]", '"""', "\\u0000", "a.b", "x" * 200],
)
def test_injection_names_round_trip_exactly(tmp_path: Path, name: str) -> None:
    net = network(people={"p": person(name, learn=name * 50)})
    path = make(tmp_path, net)
    back = store.load(path).network
    assert back.people["p"].name == name
    assert back.people["p"].learn == name * 50
    assert set(tomli.loads(path.read_text())) == {"schema", "profile", "people"}


# --- hand-broken and hostile files --------------------------------------------------------

BROKEN: dict[str, tuple[bytes, str]] = {
    "syntax error": (GOOD + b'org = "Acme\n', ":6:"),
    "wrong type": (GOOD.replace(b'"mid"', b"3"), "profile.stage"),
    "unknown key": (GOOD + b'colour = "blue"\n', "profile.colour"),
    "git conflict": (
        b"schema = 1\n<<<<<<< HEAD\n[profile]\n=======\n[profile]\n>>>>>>> theirs\n",
        ":2: unresolved merge conflict",
    ),
    "invalid utf-8": (GOOD.replace(b"Sam", b"S\xffm"), ":4:10: not valid UTF-8"),
    "duplicate key": (GOOD + b'stage = "early"\n', ":6:"),
    "missing schema": (GOOD.replace(b"schema = 1\n", b""), "missing `schema"),
    "schema as text": (GOOD.replace(b"schema = 1", b'schema = "1"'), "schema:"),
    "schema as bool": (GOOD.replace(b"schema = 1", b"schema = true"), "schema:"),
    "date as text": (
        GOOD + b'\n[goals.g]\ntitle = "T"\nneeds = ["coaching"]\nby = "2026-01-01"\n',
        "goals.g.by",
    ),
    "64-bit overflow": (GOOD + b"\n[people.x]\nsplit = 9223372036854775808\n", "people.x.split"),
    "NUL in a name": (GOOD.replace(b"Sam Lee", b"Sam\\u0000Lee"), "profile.name"),
    "lone surrogate": (GOOD.replace(b"Sam Lee", b"Sam\\udc80"), ":4:"),
    "very long name": (GOOD.replace(b"Sam Lee", b"S" * 5000), "profile.name"),
    "very long note": (
        GOOD
        + b'\n[people.p]\nname = "P"\nrelation = "peer"\ncontext = "C"\n'
        + b"since = 2025-01-01\nlearn = '"
        + b"n" * 200_000
        + b"'\n",
        "people.p.learn",
    ),
    "empty file": (b"", "missing `schema"),
    "binary junk": (bytes(range(256)), "not valid UTF-8"),
    "NUL byte in the file": (GOOD.replace(b"Sam Lee", b"Sam\x00Lee"), ":4:"),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_file_gives_one_clear_line_and_stays_untouched(tmp_path: Path, case: str) -> None:
    raw, where = BROKEN[case]
    path = tmp_path / "net.toml"
    path.write_bytes(raw)
    with pytest.raises(DataFileError) as info:
        store.load(path)
    message = info.value.message
    assert message.startswith(str(path)), message
    assert where in message
    assert "\n" not in message
    assert "Traceback" not in message
    with pytest.raises(DataFileError), store.transaction(path):
        pytest.fail("a broken file must never reach the change block")
    assert path.read_bytes() == raw
    assert temps(path) == [] and store.backups(path) == []


@pytest.mark.parametrize(
    "raw",
    [b"\xef\xbb\xbf" + GOOD, GOOD.replace(b"\n", b"\r\n")],
    ids=["BOM", "CRLF"],
)
def test_bom_and_crlf_are_accepted(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "net.toml"
    path.write_bytes(raw)
    assert store.load(path).network.profile.name == "Sam Lee"
    add_person(path, "ann")
    assert store.backups(path)[0].path.read_bytes() == raw  # the original is kept


ABSURD = [
    b"a = " + b"[" * 5000 + b"]" * 5000,
    b"a = " + b"{b=" * 1000 + b"1" + b"}" * 1000,
    b".".join([b"a"] * 100_000) + b" = 1",
    b"a = " + b"9" * 4301,
    b"[" + b"a." * 40_000 + b"a]",
]


@pytest.mark.parametrize(
    "raw",
    ABSURD,
    ids=["nested arrays", "nested tables", "100k dotted key", "4301 digits", "long header"],
)
def test_absurd_toml_is_refused_quickly(
    tmp_path: Path, raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Quickly, counted instead of timed: parsed once (no retry, no second reading to
    explain the failure), refused by the parser's own limits, no model built."""
    path = tmp_path / "net.toml"
    path.write_bytes(raw)
    parsed: list[int] = []
    real_loads = tomli.loads

    def loads(text: str, **kwargs: Any) -> dict[str, Any]:
        parsed.append(len(text))
        return real_loads(text, **kwargs)

    monkeypatch.setattr(store.tomli, "loads", loads)
    monkeypatch.setattr(store.Network, "model_validate", lambda *a: pytest.fail("validated"))
    with pytest.raises(DataFileError) as info:
        store.load(path)
    assert parsed == [len(raw)]
    kind = "a value is too large" if raw.endswith(b"9" * 4301) else "nested too deeply"
    assert info.value.message == f"{path}: not a devnet file: {kind}"


@posix_only
@pytest.mark.slow
def test_absurd_toml_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    """Each absurd file fails with devnet's error in a child whose address space is
    capped at 1 GB, and its peak memory grows by less than 200 MB."""
    script = textwrap.dedent(
        """
        import resource, sys, time
        from pathlib import Path
        from devnet import store
        from devnet.errors import DataFileError
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        parsed = []
        loads = store.tomli.loads
        store.tomli.loads = lambda text: parsed.append(name) or loads(text)
        for name in sys.argv[1:]:
            try:
                store.load(Path(name))
            except DataFileError:
                pass
            else:
                sys.exit(f"{name} loaded")
            assert parsed.count(name) <= 1, name  # bounded work: parsed once at most
        grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
        print(grown_kb // 1024)
        """
    )
    files = []
    for i, raw in enumerate(ABSURD):
        target = tmp_path / f"absurd{i}.toml"
        target.write_bytes(raw)
        files.append(str(target))
    big = tmp_path / "big.toml"
    # a million tiny values: tomli is pure Python, so 5 MB of them takes
    # about 8 s on a 2-core machine; memory stays low either way
    big.write_bytes(b"schema = 1\nx = [" + b"1," * 500_000 + b"]\n")
    files.append(str(big))
    done = subprocess.run(
        [sys.executable, "-c", script, *files], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) < 200


def test_oversized_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "net.toml"
    path.write_bytes(GOOD + b"#" * (store.MAX_FILE_BYTES + 10))
    monkeypatch.setattr(store, "parse", lambda *a: pytest.fail("must not parse"))
    with pytest.raises(
        DataFileError, match=f"larger than {store.MAX_FILE_BYTES // (1024 * 1024)} MB"
    ):
        store.load(path)


def test_a_save_that_devnet_could_not_read_back_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr(store, "MAX_FILE_BYTES", len(before) + 50)
    with pytest.raises(SaveError, match="over devnet's limit"):
        add_person(path, "someone-with-a-rather-long-id", "A name long enough to cross the cap")
    assert path.read_bytes() == before
    assert temps(path) == []


def test_validation_errors_name_fields_never_values(tmp_path: Path) -> None:
    secret = "ZZ_SECRET_VALUE"
    path = tmp_path / "net.toml"
    path.write_bytes(
        GOOD.replace(b'"mid"', f'"{secret}"'.encode())
        + f'\n[people.p]\nname = "{secret}"\nrelation = "{secret}"\ncontext = 5\n'.encode()
    )
    with pytest.raises(DataFileError) as info:
        store.load(path)
    everything = "\n".join([info.value.message, *info.value.problems])
    assert secret not in everything
    assert "profile.stage" in info.value.message
    assert "people.p.relation" in everything


@FUZZ
@given(raw=st.binary(max_size=400))
def test_loader_fuzz_any_bytes(raw: bytes) -> None:
    with contextlib.suppress(DataFileError):
        store.from_bytes(raw, Path("fuzz.toml"))


_SEED = store.serialize(sample())


@FUZZ
@given(
    cuts=st.lists(st.tuples(st.integers(0, len(_SEED)), st.binary(max_size=8)), max_size=4),
)
def test_loader_fuzz_mutated_file(cuts: list[tuple[int, bytes]]) -> None:
    raw = _SEED
    for at, junk in cuts:
        raw = raw[:at] + junk + raw[at + len(junk) :]
    try:
        network_, newer = store.from_bytes(raw, Path("fuzz.toml"))
    except DataFileError:
        return
    assert isinstance(network_, Network)
    if not newer:
        store.serialize(network_)  # whatever loads can be written back


@FUZZ
@given(text=st.text(max_size=300))
def test_loader_fuzz_any_text(text: str) -> None:
    with contextlib.suppress(DataFileError):
        store.from_bytes(text.encode("utf-8", "surrogatepass"), Path("fuzz.toml"))


# --- fault injection ------------------------------------------------------------------------


def _fd_path(fd: int) -> str:
    return os.readlink(f"/proc/self/fd/{fd}")


def _in_backups(where: str) -> bool:
    return store.BACKUP_DIR in where


STEPS = ["mkstemp", "fchmod", "write", "fsync", "replace"]
ERRNOS = [errno.ENOSPC, errno.EIO, errno.EACCES, errno.EROFS, errno.EDQUOT]


def _inject(monkeypatch: pytest.MonkeyPatch, step: str, target: str, code: int) -> None:
    """Make `step` fail with `code`, only for the main file's temp or only for the
    backup's, so that each cell of the matrix hits exactly one place."""

    def hit(where: str) -> bool:
        return _in_backups(where) == (target == "backup")

    def fail() -> None:
        raise OSError(code, os.strerror(code))

    if step == "mkstemp":
        real = store.tempfile.mkstemp

        def mkstemp(*a: Any, **k: Any) -> tuple[int, str]:
            if hit(str(k.get("dir"))):
                fail()
            return real(*a, **k)

        monkeypatch.setattr(store.tempfile, "mkstemp", mkstemp)
    elif step == "replace":
        real_replace = os.replace

        def replace(src: Any, dst: Any) -> None:
            if hit(str(dst)):
                fail()
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", replace)
    else:
        original: Callable[..., Any] = getattr(os, step)

        def on_fd(fd: int, *a: Any) -> Any:
            where = _fd_path(fd)
            if where.endswith(".tmp") and hit(where):
                fail()
            return original(fd, *a)

        monkeypatch.setattr(os, step, on_fd)


@posix_only
@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
@pytest.mark.parametrize("code", ERRNOS, ids=[errno.errorcode[c] for c in ERRNOS])
@pytest.mark.parametrize("target", ["main", "backup"])
@pytest.mark.parametrize("step", STEPS)
def test_fault_injection_matrix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, target: str, code: int
) -> None:
    monkeypatch.setattr(store, "EXCHANGE", False)  # faults are injected into os.replace
    path = make(tmp_path)
    add_person(path, "first")  # so that a backup folder exists already
    before = path.read_bytes()
    backups_before = [b.path for b in store.backups(path)]
    _inject(monkeypatch, step, target, code)
    with pytest.raises(SaveError) as info, store.transaction(path) as loaded:
        loaded.network.people["second"] = person("Second")
    monkeypatch.undo()
    message = info.value.message
    assert "\n" not in message
    assert os.strerror(code) in message
    assert "unchanged" in message
    assert path.read_bytes() == before
    assert temps(path) == []
    if target == "backup":
        assert [b.path for b in store.backups(path)] == backups_before
    add_person(path, "third")  # the next save works
    assert set(store.load(path).network.people) == {"maria-chen", "first", "third"}


@posix_only
@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_failed_directory_fsync_after_replace_still_saves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(tmp_path)
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if os.path.isdir(_fd_path(fd)):
            raise OSError(errno.EIO, "I/O error")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    add_person(path, "ann")
    assert "ann" in store.load(path).network.people


@pytest.mark.parametrize(
    "exc", [KeyboardInterrupt(), MemoryError(), RuntimeError("boom")], ids=type
)
def test_interrupt_during_write_leaves_original_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    real_write = os.write
    calls = []

    def write(fd: int, data: Any) -> int:
        calls.append(fd)
        if len(calls) == 2:  # the backup's write passes; the main file's write fails
            raise exc
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    with pytest.raises(type(exc)), store.transaction(path) as loaded:
        loaded.network.people["x"] = person("X")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert temps(path) == []


@posix_only
def test_real_kernel_write_failure_rlimit(tmp_path: Path) -> None:
    """A real EFBIG from the kernel mid-write (RLIMIT_FSIZE): no root, no tmpfs."""
    path = make(tmp_path)
    before = path.read_bytes()
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        from pathlib import Path
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from builders import person
        from devnet import store
        from devnet.errors import SaveError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            with store.transaction(Path({str(path)!r})) as loaded:
                for i in range(300):
                    loaded.network.people[f"p{{i}}"] = person(f"P {{i}}", learn="x" * 200)
        except SaveError as exc:
            print(exc.message)
            sys.exit(3)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert "File too large" in done.stdout
    assert path.read_bytes() == before
    assert temps(path) == []


@pytest.mark.parametrize("bad", [None, {1, 2}, "\udc80"], ids=["None", "set", "surrogate"])
def test_unserialisable_value_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: Any
) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    loaded = store.load(path)
    real = Network.to_doc

    def to_doc(self: Network) -> dict[str, Any]:
        doc = real(self)
        doc["profile"]["name"] = bad
        return doc

    monkeypatch.setattr(Network, "to_doc", to_doc)
    loaded.network.people["x"] = person("X")
    with pytest.raises(SaveError, match="nothing was changed"):
        store.save(loaded)
    assert path.read_bytes() == before
    assert temps(path) == [] and store.backups(path) == []


@posix_only
@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_save_syscall_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Temp written → fsync(temp) → the backup (written, fsynced, renamed) → the last
    check (stat of the file) → replace → fsync(folder); the real file is never opened
    for writing, and nothing happens between the last check and the rename."""
    monkeypatch.setattr(store, "EXCHANGE", False)  # faults are injected into os.replace
    path = make(tmp_path)
    real = path.resolve()
    log: list[tuple[str, str]] = []
    originals = {n: getattr(os, n) for n in ("write", "fsync", "replace", "open", "stat")}

    def spy(name: str) -> Callable[..., Any]:
        def call(first: Any, *a: Any, **k: Any) -> Any:
            if name in ("write", "fsync"):
                log.append((name, _fd_path(first)))
            elif name == "replace":
                log.append((name, f"{a[0]}"))
            elif name == "stat" and str(first) == str(real):
                log.append(("stat", str(first)))
            elif name == "open" and len(a) > 0 and a[0] & (os.O_WRONLY | os.O_RDWR):
                log.append(("open-for-write", str(first)))
            return originals[name](first, *a, **k)

        return call

    for name in originals:
        monkeypatch.setattr(os, name, spy(name))
    add_person(path, "ann")
    monkeypatch.undo()
    main = [e for e in log if store.BACKUP_DIR not in e[1] and e[0] not in ("open-for-write",)]
    kinds = [k for k, _ in main]
    first_write = kinds.index("write")
    assert main[first_write][1].endswith(".tmp")
    assert kinds[first_write + 1] == "fsync"
    backup = [i for i, e in enumerate(log) if store.BACKUP_DIR in e[1] and e[0] == "replace"]
    temp_synced = log.index(main[first_write + 1])
    replaced = log.index(("replace", str(real)))
    assert len(backup) == 1 and temp_synced < backup[0] < replaced
    assert log[replaced - 1] == ("stat", str(real))  # the last check, right before
    assert log[replaced + 1] == ("fsync", str(real.parent))
    assert ("open-for-write", str(real)) not in log
    assert all(where != str(real) for kind, where in log if kind == "write")


# --- change detection and locking ----------------------------------------------------------


def test_external_edit_between_load_and_save_is_refused(tmp_path: Path) -> None:
    path = make(tmp_path)
    loaded = store.load(path)
    edited = path.read_bytes().replace(b"Sam Lee", b"Sam Q. Lee")
    path.write_bytes(edited)  # an editor or a sync tool
    loaded.network.people["ann"] = person("Ann")
    with pytest.raises(ConflictError, match="changed on disk"):
        store.save(loaded)
    assert path.read_bytes() == edited
    assert temps(path) == [] and store.backups(path) == []


def test_external_edit_inside_a_transaction_is_refused(tmp_path: Path) -> None:
    path = make(tmp_path)
    with pytest.raises(ConflictError), store.transaction(path) as loaded:
        path.write_bytes(path.read_bytes() + b"\n# hand note\n")
        loaded.network.people["ann"] = person("Ann")
    assert path.read_bytes().endswith(b"# hand note\n")


def test_file_deleted_between_load_and_save_is_refused(tmp_path: Path) -> None:
    path = make(tmp_path)
    loaded = store.load(path)
    path.unlink()
    loaded.network.people["ann"] = person("Ann")
    with pytest.raises(ConflictError):
        store.save(loaded)
    assert not path.exists()


@pytest.fixture
def lock_holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """Another process holding the sidecar lock of a network file."""
    path = make(tmp_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\ntime.sleep(60)\n",
            f"{path.resolve()}.lock",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    yield path, holder
    holder.kill()
    holder.wait()


def armed(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The alarms the lock sets while it waits (each one wakes it to say it waits or to
    give up), seen as they are set; a disarm (0) is not a wait."""
    timers: list[float] = []
    real = signal.setitimer

    def setitimer(which: int, seconds: float, interval: float = 0.0) -> tuple[float, float]:
        if seconds:
            timers.append(seconds)
        return real(which, seconds, interval)

    monkeypatch.setattr(store.signal, "setitimer", setitimer)
    return timers


@posix_only
def test_lock_timeout_says_another_devnet_is_running(
    lock_holder: tuple[Path, subprocess.Popen[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = lock_holder
    before = path.read_bytes()
    monkeypatch.setenv("DEVNET_LOCK_TIMEOUT", "0.3")
    timers = armed(monkeypatch)
    with pytest.raises(DataFileError) as info, store.transaction(path) as loaded:
        loaded.network.people["ann"] = person("Ann")
    # the wait is bounded by the alarms devnet set, not by a clock read here
    assert timers and max(timers) <= 0.3 and len(timers) <= 2, timers
    assert "waited 0.3 s" in info.value.message
    assert "another devnet is changing this file" in info.value.message
    assert "delete" not in info.value.message
    assert path.read_bytes() == before


@posix_only
def test_lock_is_released_when_the_holder_is_killed(
    lock_holder: tuple[Path, subprocess.Popen[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, holder = lock_holder
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    monkeypatch.setenv("DEVNET_LOCK_TIMEOUT", "5")
    timers = armed(monkeypatch)
    add_person(path, "ann")
    assert timers == []  # the first try took the lock: no wait at all
    assert "ann" in store.load(path).network.people


def test_lock_timeout_override_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEVNET_LOCK_TIMEOUT", "0.25")
    assert store.lock_timeout() == 0.25
    monkeypatch.setenv("DEVNET_LOCK_TIMEOUT", "soon")
    assert store.lock_timeout() == store.LOCK_TIMEOUT
    monkeypatch.delenv("DEVNET_LOCK_TIMEOUT")
    assert store.lock_timeout() == store.LOCK_TIMEOUT


# --- backups, restore, stale temps -----------------------------------------------------------


def test_each_save_backs_up_the_previous_bytes_privately_and_rotates(tmp_path: Path) -> None:
    path = make(tmp_path)
    versions = [path.read_bytes()]
    for i in range(store.KEEP_BACKUPS + 3):
        add_person(path, f"p{i}")
        versions.append(path.read_bytes())
    found = store.backups(path)
    # the last 10, and the first of the day (the version the day started with)
    assert len(found) == store.KEEP_BACKUPS + 1
    assert found[0].path.read_bytes() == versions[0]
    # the newest backups hold exactly the versions before the last saves, in order
    kept = [b.path.read_bytes() for b in found[1:]]
    assert kept == versions[-store.KEEP_BACKUPS - 1 : -1]
    names = [b.path.name for b in found]
    assert names == sorted(names)
    assert [b.taken for b in found] == sorted(b.taken for b in found)
    folder = store.backup_dir(path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(b.path.stat().st_mode) == 0o600 for b in found)


def test_unchanged_save_makes_no_backup(tmp_path: Path) -> None:
    path = make(tmp_path)
    with store.transaction(path):
        pass
    assert store.backups(path) == []


def test_restore_brings_back_an_exact_version_and_keeps_the_current(tmp_path: Path) -> None:
    path = make(tmp_path)
    original = path.read_bytes()
    add_person(path, "ann")
    current = path.read_bytes()
    first = store.backups(path)[0]
    done = store.restore(path, first.path.name)
    assert done.backup.path == first.path and done.changed
    assert path.read_bytes() == original
    assert done.kept is not None and done.kept.read_bytes() == current
    again = store.restore(path, first.path.name)  # already in place
    assert not again.changed and again.kept is None and path.read_bytes() == original


def test_restore_never_brings_back_a_broken_backup(tmp_path: Path) -> None:
    path = make(tmp_path)
    add_person(path, "ann")
    before = path.read_bytes()
    bad = store.backup_dir(path) / "net.toml.20200101T000000.000000Z.toml"
    bad.write_bytes(b"schema = 1\n[profile\n")
    with pytest.raises(DataFileError, match="does not load"):
        store.restore(path, bad.name)
    with pytest.raises(DataFileError, match="no backup"):
        store.restore(path, "net.toml.nothing.toml")
    assert path.read_bytes() == before


def test_restore_works_when_the_current_file_is_broken(tmp_path: Path) -> None:
    path = make(tmp_path)
    good = path.read_bytes()
    add_person(path, "ann")
    path.write_bytes(b"schema = 1\n[profile\n")
    kept = store.restore(path, store.backups(path)[0].path.name).kept
    assert path.read_bytes() == good
    assert kept is not None and kept.read_bytes() == b"schema = 1\n[profile\n"


def test_backup_failure_stops_the_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make(tmp_path)
    before = path.read_bytes()
    blocker = store.backup_dir(path)
    blocker.write_bytes(b"")  # a file where the backup folder should be
    with pytest.raises(SaveError, match="cannot write a backup"), store.transaction(path) as ld:
        ld.network.people["ann"] = person("Ann")
    assert path.read_bytes() == before


def test_backup_names_sort_by_time_even_within_one_instant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same microsecond, then a clock stepping back an hour: each new backup still
    sorts last, so rotation never prunes the newest copy."""
    path = make(tmp_path)
    clock = [store.datetime(2026, 5, 1, 12, 0, tzinfo=store.UTC)]
    monkeypatch.setattr(store, "now", lambda: clock[0])
    written = [store.write_backup(path, b"one"), store.write_backup(path, b"two")]
    clock[0] = clock[0] - store.timedelta(hours=1)
    written.append(store.write_backup(path, b"three"))
    assert [p.name for p in written] == sorted(p.name for p in written)
    assert [b.path.read_bytes() for b in store.backups(path)] == [b"one", b"two", b"three"]
    monkeypatch.setattr(store, "KEEP_BACKUPS", 1)
    store.prune_backups(path)  # the last one, and the first of its day
    assert [b.path.read_bytes() for b in store.backups(path)] == [b"one", b"three"]


@posix_only
def test_stale_temps_are_removed_by_the_next_save_and_foreign_files_kept(tmp_path: Path) -> None:
    path = make(tmp_path)
    old = tmp_path / ".net.toml.abc12_yz.tmp"
    old_backup = store.backup_dir(path) / ".net.toml.20260101T000000.000000Z.toml.k2j4h6g8.tmp"
    fresh = tmp_path / ".net.toml.def456gh.tmp"
    other = tmp_path / ".other.toml.abcdefgh.tmp"
    sibling = tmp_path / ".net.toml.old.abcdefgh.tmp"  # a leftover of net.toml.old
    target = tmp_path / "target.txt"
    link = tmp_path / ".net.toml.linklink.tmp"
    old_backup.parent.mkdir()
    for f in (old, old_backup, fresh, other, sibling, target):
        f.write_text("copy of personal data")
    link.symlink_to(target)
    hour_ago = time.time() - 3600
    for f in (old, old_backup, other, sibling):
        os.utime(f, (hour_ago, hour_ago))
    os.utime(link, (hour_ago, hour_ago), follow_symlinks=False)
    foreign = tmp_path / ".net.toml.zzz999zz.tmp"
    if os.getuid() == 0:  # only root can make a file owned by someone else
        foreign.write_text("someone else's")
        os.chown(foreign, 4321, 4321)
        os.utime(foreign, (hour_ago, hour_ago))
    add_person(path, "ann")
    assert not old.exists() and not old_backup.exists()
    assert fresh.exists(), "a fresh temp may belong to a save in progress"
    assert other.exists() and sibling.exists()
    assert link.is_symlink() and target.exists()
    assert foreign.exists() == (os.getuid() == 0)


# --- modes, symlinks and odd targets -----------------------------------------------------------


@posix_only
def test_new_file_is_0600_and_new_folders_0700(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "a" / "b" / "net.toml"
        store.create(path, sample())
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


@posix_only
def test_existing_mode_is_kept_not_widened(tmp_path: Path) -> None:
    path = make(tmp_path)
    path.chmod(0o640)
    add_person(path, "ann")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert any(c.check == "permissions" and c.status == "warn" for c in store.doctor(path))


@posix_only
def test_symlinked_file_stays_a_link_and_its_target_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = make(dotfiles, name="real.toml")
    link = tmp_path / "net.toml"
    link.symlink_to(real)
    made_in: list[str] = []
    original = store.tempfile.mkstemp

    def mkstemp(*a: Any, **k: Any) -> tuple[int, str]:
        made_in.append(str(k["dir"]))
        return original(*a, **k)

    monkeypatch.setattr(store.tempfile, "mkstemp", mkstemp)
    add_person(link, "ann")
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert "ann" in store.load(real).network.people
    assert str(dotfiles.resolve()) in made_in
    assert str(tmp_path) not in made_in


@posix_only
@pytest.mark.parametrize("kind", ["dangling link", "folder", "fifo"])
def test_odd_targets_give_one_clear_line_and_create_nothing(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "net.toml"
    if kind == "dangling link":
        path.symlink_to(tmp_path / "missing.toml")
    elif kind == "folder":
        path.mkdir()
    else:
        os.mkfifo(path)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DataFileError) as info:
        store.load(path)
    assert "\n" not in info.value.message and str(path) in info.value.message
    with pytest.raises(DataFileError) as info, store.transaction(path):
        pytest.fail("unreachable")
    assert "\n" not in info.value.message and str(path) in info.value.message
    with pytest.raises(DevnetError):
        store.create(path, sample())
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert not (tmp_path / "missing.toml").exists()


def test_missing_file_is_never_created_by_a_change(tmp_path: Path) -> None:
    path = tmp_path / "net.toml"
    with pytest.raises(DataFileError, match="no network file"), store.transaction(path):
        pytest.fail("unreachable")
    assert list(tmp_path.iterdir()) == []


# --- schema versions and migrations ----------------------------------------------------------

FIXTURE_FILES = sorted(FIXTURES.glob("v*/*.toml"))


def test_there_is_a_fixture_folder_for_every_schema_version() -> None:
    versions = {int(p.parent.name[1:]) for p in FIXTURE_FILES}
    assert versions == set(range(1, SCHEMA_VERSION + 1))
    assert set(store.MIGRATIONS) == set(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_loads_migrates_idempotently_and_resaves(
    tmp_path: Path, fixture: Path
) -> None:
    raw = fixture.read_bytes()
    version = int(fixture.parent.name[1:])
    doc = store.parse(raw, fixture)
    assert doc["schema"] == version
    once = store.migrate(dict(doc))
    assert store.migrate(dict(once)) == once
    network_, newer = store.from_bytes(raw, fixture)
    assert not newer
    saved = store.serialize(network_)
    if version == SCHEMA_VERSION:
        assert saved == raw, "a current-version fixture is in canonical form"
    assert store.serialize(store.from_bytes(saved, fixture)[0]) == saved
    # through the disk: a migrating change keeps the old version as a backup
    path = tmp_path / "net.toml"
    path.write_bytes(raw)
    add_person(path, "zz-new")
    assert store.backups(path)[0].path.read_bytes() == raw
    assert store.load(path).network.schema_ == SCHEMA_VERSION


def test_newer_file_is_read_with_a_warning_and_never_written(tmp_path: Path) -> None:
    path = tmp_path / "net.toml"
    raw = GOOD.replace(b"schema = 1", b"schema = 99") + b'hobby = "chess"\n\n[future]\nx = 1\n'
    path.write_bytes(raw)
    loaded = store.load(path)
    assert loaded.newer and loaded.network.profile.name == "Sam Lee"
    assert "99" in loaded.warnings[0] and str(SCHEMA_VERSION) in loaded.warnings[0]
    with pytest.raises(NewerSchemaError) as info:
        store.save(loaded)
    assert "99" in info.value.message and f"knows {SCHEMA_VERSION}" in info.value.message
    with pytest.raises(NewerSchemaError), store.transaction(path):
        pytest.fail("unreachable")
    assert path.read_bytes() == raw
    assert store.backups(path) == [] and temps(path) == []


# --- sync conflicts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "net (Ann's conflicted copy 2025-01-02).toml",
        "net (conflicted copy 2025-01-02 101010).toml",
        "net.sync-conflict-20250102-101010-ABCDEFG.toml",
        "NET (Konfliktkopie 2025-01-02).TOML",  # Dropbox's names match in any case
    ],
)
def test_sync_conflict_copies_are_warned_about_and_never_read(tmp_path: Path, name: str) -> None:
    path = make(tmp_path)
    (tmp_path / name).write_bytes(b"not toml [[[")
    (tmp_path / "network (conflicted copy).toml").write_text("other file's copy")
    loaded = store.load(path)
    assert len(loaded.warnings) == 1
    assert name in loaded.warnings[0]
    assert store.conflict_copies(path) == [tmp_path / name]


def test_doctor_says_when_the_folder_is_not_writable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make(tmp_path)
    assert all(c.check != "folder" for c in store.doctor(path))
    real_access = os.access
    monkeypatch.setattr(
        store.os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode)
    )
    folder = [c for c in store.doctor(path) if c.check == "folder"]
    assert folder and folder[0].status == "error"
    assert "not writable" in folder[0].message
