"""The only code that touches the network file: find it, read and validate it (with
`path:line:col` errors), migrate older versions in memory, lock it, back it up, and
save it atomically so that the file on disk is always exactly the old or the new one."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from pydantic import ValidationError

from devnet.errors import (
    ConflictError,
    DataFileError,
    DuplicateError,
    NewerSchemaError,
    SaveError,
)
from devnet.migrate import MIGRATIONS
from devnet.model import SCHEMA_VERSION, Network, Record, validation_messages

FILE_NAME = "network.toml"
MAX_FILE_BYTES = 10 * 1024 * 1024
"""A thousand developers with 50,000 check-ins (the benchmark's extreme network) is
about 6 MB; the cap bounds the time a hostile file can cost (tomli is pure Python)."""
LOCK_TIMEOUT = 10.0
"""Seconds to wait for another devnet; `$DEVNET_LOCK_TIMEOUT` overrides it (tests)."""
MAX_PROBLEMS = 10
BACKUP_DIR = ".devnet-backups"
"""Backups live beside the real file (same filesystem, so each is an atomic rename;
they follow the file when it moves). One folder, private (0700)."""
KEEP_BACKUPS = 10
STALE_TEMP_SECONDS = 300
"""A temp file of ours older than this is a crash leftover (a save takes well under a
second), removed by the next successful save: it holds a full copy of the data."""
CRASH_ENV = "DEVNET_CRASH_AT"
"""Test-only: the step of a save at which the process kills itself (SIGKILL)."""
CRASH_POINTS = ("after_backup", "after_write", "before_replace", "after_replace")
INT64 = (-(2**63), 2**63 - 1)

_CONFLICT_RE = re.compile(rb"^(<<<<<<< |=======\r?$|>>>>>>> )", re.MULTILINE)
_COMMENT_RE = re.compile(rb"^\s*#", re.MULTILINE)
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_STAMP_RE = re.compile(r"(\d{8}T\d{6}\.\d{6}Z)\.toml")


def default_path() -> Path:
    """Where the network lives when neither --file nor $DEVNET_FILE says."""
    from platformdirs import user_data_path

    return user_data_path("devnet", appauthor=False) / FILE_NAME


@dataclass
class Loaded:
    """A network read from disk, with what is needed to save it back safely."""

    network: Network
    path: Path
    real: Path
    raw: bytes
    newer: bool = False
    has_comments: bool = False
    written: bool = False
    migrated_from: int | None = None
    """The older file format this was read from (it is written as the current one)."""
    warnings: list[str] = field(default_factory=list)


# --- finding and reading the file --------------------------------------------------


def real_path(path: Path) -> Path:
    """The file a path stands for, symlinks followed; a dangling link is an error."""
    if path.is_symlink() and not path.exists():
        raise DataFileError(f"{path}: is a symbolic link to a file that does not exist")
    return Path(os.path.realpath(path))


def _read_capped(real: Path, shown: Path) -> bytes:
    """The bytes of a regular file, refusing anything else or anything too large
    (a FIFO is never opened: it would block)."""
    try:
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise DataFileError(f"{shown}: {kind}; expected a devnet network file")
        if info.st_size > MAX_FILE_BYTES:
            raise DataFileError(
                f"{shown}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
                "this is not a devnet network file"
            )
        with real.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataFileError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(f"{shown}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return raw


def existing(path: Path) -> Path:
    """The real file behind `path`, which must exist and be a regular file."""
    real = real_path(path)
    if not os.path.lexists(real):
        raise DataFileError(
            f"{path}: no network file here; create one with "
            "`devnet init --name NAME --stage early|mid|senior`, or pass --file"
        )
    try:
        mode = real.stat().st_mode
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {_why(exc)}") from None
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise DataFileError(f"{path}: {kind}; expected a devnet network file")
    return real


def read_bytes(path: Path) -> tuple[Path, bytes]:
    real = existing(path)
    return real, _read_capped(real, path)


def parse(raw: bytes, path: Path) -> dict[str, Any]:
    """TOML bytes to a dict; every failure is a DataFileError with a line and column."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    marker = _CONFLICT_RE.search(raw)
    if marker is not None:
        line = raw.count(b"\n", 0, marker.start()) + 1
        raise DataFileError(
            f"{path}:{line}: unresolved merge conflict (git conflict markers); "
            "keep the lines you want, delete the markers, then run `devnet check`"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataFileError(f"{path}:{line}:{col}: not valid UTF-8 text") from None
    try:
        doc = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DataFileError(f"{path}:{exc.lineno}:{exc.colno}: {exc.msg}") from None
    except (RecursionError, ValueError, MemoryError) as exc:
        kind = "nested too deeply" if isinstance(exc, RecursionError) else "a value is too large"
        raise DataFileError(f"{path}: not a devnet file: {kind}") from None
    _check_ints(doc, path)
    return doc


def _check_ints(doc: dict[str, Any], path: Path) -> None:
    """TOML integers are 64-bit; tomli reads bigger ones, other tools would not. The
    walk builds no paths (a file at the cap may hold millions of values) until it finds one."""
    low, high = INT64
    stack: list[Any] = [doc]
    while stack:
        value = stack.pop()
        items = value.values() if isinstance(value, dict) else value
        for item in items:
            if type(item) is int:
                if not low <= item <= high:
                    raise DataFileError(
                        f"{path}: {_path_to(doc, item)}: a whole number outside the "
                        "64-bit range TOML allows"
                    )
            elif isinstance(item, dict | list):
                stack.append(item)


def _path_to(doc: Any, target: int) -> str:
    """The field path of the first value in `doc` that is `target` (for a message)."""
    stack: list[tuple[str, Any]] = [("", doc)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(value))
        elif type(value) is int and value == target:
            return where
    return "a value"


def _prune_unknown(data: Any, model: type[Record]) -> Any:
    """For a file from a newer devnet: keep only the fields this version knows."""
    if not isinstance(data, dict):
        return data
    out: dict[str, Any] = {}
    fields = model.model_fields
    names = {f.alias or n: n for n, f in fields.items()}
    for key, value in data.items():
        if key not in names:
            continue
        annotation = fields[names[key]].annotation
        sub = _record_type(annotation)
        if sub is not None and isinstance(value, dict):
            if key in ("goals", "people"):
                value = {k: _prune_unknown(v, sub) for k, v in value.items()}
            else:
                value = _prune_unknown(value, sub)
        elif sub is not None and isinstance(value, list):
            value = [_prune_unknown(v, sub) for v in value]
        out[key] = value
    return out


def _record_type(annotation: Any) -> type[Record] | None:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in get_args(annotation):
        found = _record_type(arg)
        if found is not None:
            return found
    return None


def schema_of(doc: dict[str, Any], path: Path) -> int:
    version = doc.get("schema")
    if version is None:
        raise DataFileError(
            f"{path}: missing `schema = {SCHEMA_VERSION}` at the top; is this a devnet file?"
        )
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DataFileError(f"{path}: schema: must be a whole number such as {SCHEMA_VERSION}")
    return version


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring an older document up to SCHEMA_VERSION with the pure steps; a current one
    comes back unchanged (so migrating twice is the same as once)."""
    while doc["schema"] < SCHEMA_VERSION:
        doc = MIGRATIONS[doc["schema"]](doc)
    return doc


def to_network(doc: dict[str, Any], path: Path) -> tuple[Network, bool]:
    """Check the schema version, migrate, validate. Returns the network and whether the
    file comes from a newer devnet (then it must never be written)."""
    version = schema_of(doc, path)
    newer = version > SCHEMA_VERSION
    if newer:
        doc = _prune_unknown(doc, Network)
        doc["schema"] = SCHEMA_VERSION
    doc = migrate(doc)
    try:
        network = Network.model_validate(doc)
    except ValidationError as exc:
        lines = [f"{path}: {line}" for line in validation_messages(exc)]
        text = lines[0]
        if len(lines) > 1:
            text += f" (and {len(lines) - 1} more; `devnet check` lists them)"
        raise DataFileError(text, problems=lines[:MAX_PROBLEMS]) from None
    except (RecursionError, MemoryError):
        raise DataFileError(f"{path}: not a devnet file: nested too deeply") from None
    if newer:
        network.schema_ = version
    return network, newer


def from_bytes(raw: bytes, path: Path) -> tuple[Network, bool]:
    """Bytes to a network: the whole loader without the disk. Raises only
    DataFileError."""
    return to_network(parse(raw, path), path)


def load(path: Path) -> Loaded:
    """Read and validate the network at `path` (no lock: saves are atomic renames)."""
    real, raw = read_bytes(path)
    doc = parse(raw, path)
    version = doc.get("schema")
    network, newer = to_network(doc, path)
    loaded = Loaded(network, path, real, raw, newer, bool(_COMMENT_RE.search(raw)))
    if isinstance(version, int) and version < SCHEMA_VERSION:
        loaded.migrated_from = version
    if newer:
        loaded.warnings.append(
            f"{path} was written by a newer devnet (file format {network.schema_}, this "
            f"devnet knows {SCHEMA_VERSION}); showing what this version understands, and "
            "it will not change the file. Upgrade devnet to edit it."
        )
    for copy in conflict_copies(real):
        loaded.warnings.append(
            f"sync conflict copy beside the file, not read: {copy}; compare it with "
            f"{path}, merge what you want by hand, then delete the copy"
        )
    return loaded


def conflict_copies(real: Path) -> list[Path]:
    """Dropbox `name (… conflicted copy …).toml` and Syncthing
    `name.sync-conflict-YYYYMMDD-HHMMSS-XXXXXXX.toml` siblings (never read)."""
    stem, suffix = real.stem, real.suffix
    dropbox = re.compile(re.escape(stem) + r" \(.*conflicted copy.*\)" + re.escape(suffix) + "$")
    syncthing = re.compile(
        re.escape(stem) + r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}" + re.escape(suffix) + "$"
    )
    try:
        names = os.listdir(real.parent)
    except OSError:
        return []
    return sorted(real.parent / n for n in names if dropbox.match(n) or syncthing.match(n))


# --- writing ------------------------------------------------------------------------


def _key(key: str) -> str:
    """A TOML key, bare when it can be, quoted as tomli-w quotes it otherwise."""
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def _inline(table: dict[str, Any]) -> str:
    """A small table of scalars on one line: `{ date = 2026-11-01, status = "ended" }`."""
    items = (f"{_key(k)} = {tomli_w.dumps({'v': v})[4:-1]}" for k, v in table.items())
    return "{ " + ", ".join(items) + " }"


def _flat(table: dict[str, Any]) -> str:
    """`key = value` lines of a table whose values are scalars or lists of scalars
    (tomli-w writes every non-empty list one item a line), plus its history, one
    change a line: one layout whatever the content."""
    history = table.get("history")
    body = tomli_w.dumps({k: v for k, v in table.items() if k != "history"})
    if history:
        body += "history = [\n" + "".join(f"    {_inline(h)},\n" for h in history) + "]\n"
    return body


def to_text(doc: dict[str, Any]) -> str:
    """The file's text, always in one layout (ENGINEERING.md, storage rule 7): the
    schema, `[profile]`, one `[goals.ID]` and one `[people.ID]` section each, then one
    `[[checkins]]` block per check-in, so that adding a check-in adds only its lines.
    (tomli-w alone inlines an array of short tables and flips layout as they grow.)"""
    parts = [tomli_w.dumps({"schema": doc["schema"]}), "[profile]\n" + _flat(doc["profile"])]
    for section in ("goals", "people"):
        for key, record in doc.get(section, {}).items():
            parts.append(f"[{section}.{_key(key)}]\n" + _flat(record))
    parts.extend("[[checkins]]\n" + _flat(c) for c in doc.get("checkins", []))
    return "\n".join(parts)


def serialize(network: Network) -> bytes:
    """The file's bytes for a network, checked by parsing them back before any write."""
    doc = network.to_doc()
    try:
        text = to_text(doc)
        payload = text.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError, RecursionError) as exc:
        raise SaveError(
            f"cannot write the network: {type(exc).__name__}; nothing was changed"
        ) from None
    if len(payload) > MAX_FILE_BYTES:
        # Never write a file that devnet itself would refuse to read back.
        raise SaveError(
            f"the network would grow to {len(payload) // 1024} KB, over devnet's limit of "
            f"{MAX_FILE_BYTES // 1024} KB; nothing was changed"
        )
    if tomli.loads(text) != doc:
        raise SaveError("the network did not survive a round trip; nothing was changed")
    return payload


def lock_timeout() -> float:
    value = os.environ.get("DEVNET_LOCK_TIMEOUT")
    if value:
        with contextlib.suppress(ValueError):
            return max(0.0, float(value))
    return LOCK_TIMEOUT


@contextlib.contextmanager
def locked(real: Path) -> Iterator[None]:
    """Serialise writers with a sidecar lock; the data file itself is never locked
    because os.replace gives it a new inode. flock locks die with their process, so
    devnet never breaks a lock."""
    from filelock import FileLock, Timeout

    lock = FileLock(f"{real}.lock", timeout=lock_timeout(), mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise DataFileError(
            f"{real}: another devnet is changing this file (waited "
            f"{lock_timeout():g} s); try again when it has finished"
        ) from None
    except OSError as exc:
        raise DataFileError(f"{real}.lock: cannot lock: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def _crash_point(name: str) -> None:
    """Test-only: SIGKILL ourselves at a named step of a save (DEVNET_CRASH_AT)."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _why(exc: OSError) -> str:
    return exc.strerror or errno.errorcode.get(exc.errno or 0, "") or str(exc)


def write_atomic(real: Path, payload: bytes, mode: int = 0o600, *, crash: bool = False) -> None:
    """Temp file beside the target, fsync, replace, fsync the folder. Any failure
    before the replace leaves the target byte-identical and no temp file behind.
    Raises OSError; `crash` enables the test-only crash points."""
    fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    try:
        try:
            os.fchmod(fd, mode)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if crash:
                _crash_point("after_write")
            os.fsync(fd)
        finally:
            os.close(fd)
        if crash:
            _crash_point("before_replace")
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if crash:
        _crash_point("after_replace")
    # Saved; if this fails only the durability of the rename is unconfirmed.
    with contextlib.suppress(OSError):
        _fsync_dir(real.parent)


def _private_dir(directory: Path) -> None:
    """Create `directory` (and any missing parents) 0700; an existing one is left."""
    missing: list[Path] = []
    probe = directory
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)


# --- backups -------------------------------------------------------------------------


@dataclass
class Backup:
    """One private copy of an earlier version of the file."""

    path: Path
    taken: datetime
    size: int


def backup_dir(real: Path) -> Path:
    return real.parent / BACKUP_DIR


def _regular_files(
    folder: Path, pattern: re.Pattern[str]
) -> Iterator[tuple[Path, os.stat_result, re.Match[str]]]:
    """Regular files (not links) in `folder` whose names match `pattern`, by name."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        path = folder / name
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            yield path, info, match


def backups(real: Path) -> list[Backup]:
    """The backups of the file at `real`, oldest first (names sort by time)."""
    pattern = re.compile(re.escape(f"{real.name}.") + _STAMP_RE.pattern)
    return [
        Backup(path, datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC), info.st_size)
        for path, info, match in _regular_files(backup_dir(real), pattern)
    ]


def write_backup(real: Path, raw: bytes) -> Path:
    """Keep `raw` (the bytes about to be replaced) as a new private backup. Raises
    SaveError: the caller must then not save."""
    folder = backup_dir(real)
    try:
        _private_dir(folder)
        # Names must sort by time even if two saves share a microsecond or the clock
        # steps back (pruning drops the first names): never older than the newest.
        taken = datetime.now(UTC)
        earlier = backups(real)
        if earlier and taken <= earlier[-1].taken:
            taken = earlier[-1].taken + timedelta(microseconds=1)
        target = folder / f"{real.name}.{taken.strftime(_STAMP)}.toml"
        write_atomic(target, raw, 0o600)
    except OSError as exc:
        raise SaveError(
            f"{folder}: cannot write a backup: {_why(exc)}; nothing was saved and the "
            "file is unchanged"
        ) from None
    return target


def prune_backups(real: Path, keep: int = KEEP_BACKUPS) -> None:
    for old in backups(real)[:-keep] if keep else backups(real):
        with contextlib.suppress(OSError):
            old.path.unlink()


def stale_temps(real: Path, older_than: float = 0.0) -> list[Path]:
    """Our own temp files (`.<name>.*.tmp`, regular, owned by us) beside the file and
    in its backup folder, at least `older_than` seconds old."""
    now = time.time()
    found: list[Path] = []
    uid = os.getuid() if hasattr(os, "getuid") else None
    # exactly what mkstemp makes for the file or one of its backups: 8 random chars
    ours = re.compile(
        re.escape(f".{real.name}.") + r"(?:\d{8}T\d{6}\.\d{6}Z\.toml\.)?[a-z0-9_]{8}\.tmp"
    )
    for folder in (real.parent, backup_dir(real)):
        for path, info, _ in _regular_files(folder, ours):
            if (uid is None or info.st_uid == uid) and now - info.st_mtime >= older_than:
                found.append(path)
    return sorted(found)


def _remove_stale_temps(real: Path) -> None:
    for path in stale_temps(real, STALE_TEMP_SECONDS):
        with contextlib.suppress(OSError):
            path.unlink()


def replace_contents(real: Path, shown: Path, expected: bytes | None, payload: bytes) -> None:
    """Back up the current bytes, then atomically put `payload` in place. The caller
    holds the lock. `expected` is what the file held when it was read (None: whatever
    it holds now is backed up); if it changed meanwhile nothing is written."""
    try:
        current: bytes | None = _read_capped(real, shown) if os.path.lexists(real) else None
    except DataFileError:
        current = None
    if expected is not None and current != expected:
        raise ConflictError(
            f"{shown}: changed on disk since devnet read it (an editor or a sync tool?); "
            "nothing was written. Run the command again."
        )
    mode = 0o600
    if current is not None:
        mode = real.stat().st_mode & 0o777
        write_backup(real, current)
        _crash_point("after_backup")
    try:
        write_atomic(real, payload, mode, crash=True)
    except OSError as exc:
        raise SaveError(f"{shown}: cannot save: {_why(exc)}; the file is unchanged") from None
    prune_backups(real)
    _remove_stale_temps(real)


def _newer_error(loaded: Loaded) -> NewerSchemaError:
    return NewerSchemaError(
        f"{loaded.path}: written by a newer devnet (file format {loaded.network.schema_}, "
        f"this devnet knows {SCHEMA_VERSION}); upgrade devnet to change it. "
        "Nothing was changed."
    )


def save(loaded: Loaded) -> bool:
    """Write `loaded.network` over the file it came from, if it changed, keeping the
    previous bytes as a backup. The caller holds the lock. Refuses if the file changed
    on disk since it was read."""
    if loaded.newer:
        raise _newer_error(loaded)
    payload = serialize(loaded.network)
    if payload == loaded.raw:
        return False
    replace_contents(loaded.real, loaded.path, loaded.raw, payload)
    loaded.raw = payload
    loaded.written = True
    return True


@contextlib.contextmanager
def transaction(path: Path) -> Iterator[Loaded]:
    """Lock, load, let the caller change `network`, save if it changed. An exception
    inside the block writes nothing."""
    real = existing(path)  # no lock file is made beside a missing or odd target
    with locked(real):
        loaded = load(path)
        if loaded.newer:
            raise _newer_error(loaded)
        if not loaded.has_comments and b"#" in loaded.raw:
            # A comment after a value (`x = 1  # why`) is not at a line's start: the file
            # has comments when it holds more '#' than the values devnet would write back.
            loaded.has_comments = serialize(loaded.network).count(b"#") < loaded.raw.count(b"#")
        yield loaded
        save(loaded)


def create(path: Path, network: Network) -> Path:
    """Write a new network file; refuses if anything already exists at `path`."""
    if path.is_symlink() and not path.exists():
        raise DataFileError(f"{path}: is a symbolic link to a file that does not exist")
    if os.path.lexists(path):
        if not path.is_file():
            raise DataFileError(f"{path}: exists and is not a regular file; nothing was changed")
        raise DuplicateError(f"{path}: a network file already exists; nothing was changed")
    parent = path.parent
    try:
        _private_dir(parent)
    except OSError as exc:
        raise SaveError(f"{parent}: cannot create the folder: {_why(exc)}") from None
    real = real_path(path)
    payload = serialize(network)
    with locked(real):
        if os.path.lexists(real):
            raise DuplicateError(f"{path}: a network file already exists; nothing was changed")
        try:
            write_atomic(real, payload, 0o600)
        except OSError as exc:
            raise SaveError(f"{path}: cannot create: {_why(exc)}; nothing was written") from None
    return real


# --- restore and doctor ----------------------------------------------------------------


def find_backup(path: Path, name: str) -> Backup:
    """A backup by its file name (as `restore --list` shows it) or its path."""
    real = real_path(path)
    available = backups(real)
    wanted = Path(name).name
    for backup in available:
        if backup.path.name == wanted:
            return backup
    hint = f"; the newest is {available[-1].path.name}" if available else "; there are none yet"
    raise DataFileError(f"no backup {name!r} of {path}{hint}; see `devnet restore --list`")


def restore(path: Path, name: str) -> tuple[Backup, Path | None]:
    """Put a backup's bytes back in place, atomically and under the lock, after
    checking that they load; the current file becomes a backup first. Returns the
    backup restored and the backup of the replaced file (None if nothing changed)."""
    real = real_path(path)
    with locked(real):
        backup = find_backup(path, name)
        raw = _read_capped(backup.path, backup.path)
        try:
            from_bytes(raw, backup.path)  # a broken backup is never restored
        except DataFileError as exc:
            first = exc.message.splitlines()[0]
            raise DataFileError(
                f"backup {backup.path.name} does not load, so it was not restored "
                f"({first}); pick another with `devnet restore --list`"
            ) from None
        try:
            current = _read_capped(real, path) if os.path.lexists(real) else None
        except DataFileError:
            current = None
        if current == raw:
            return backup, None
        before = {b.path for b in backups(real)}
        replace_contents(real, path, None, raw)
        kept = [b.path for b in backups(real) if b.path not in before]
        return backup, kept[-1] if kept else None


def backup_summary(backup: Backup) -> dict[str, Any]:
    """Date, size and number of developers of a backup (None when it does not load)."""
    developers: int | None
    try:
        network, _ = from_bytes(_read_capped(backup.path, backup.path), backup.path)
        developers = len(network.people)
    except DataFileError:
        developers = None
    return {
        "name": backup.path.name,
        "path": str(backup.path),
        "date": backup.taken.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "size": backup.size,
        "developers": developers,
        "loads": developers is not None,
    }


@dataclass
class Check:
    """One finding of `devnet doctor`."""

    check: str
    status: str  # ok, warn or error
    message: str
    action: str = ""


def doctor(path: Path) -> list[Check]:
    """Inspect the file and what lies beside it; never changes anything."""
    checks: list[Check] = []
    try:
        real = real_path(path)
    except DataFileError as exc:
        return [Check("file", "error", exc.message, "point --file at the real file")]
    if path.is_symlink():
        checks.append(Check("file", "ok", f"{path} is a link to {real}"))
    if not os.path.lexists(real):
        checks.append(
            Check(
                "file",
                "error",
                f"{path}: no network file here",
                "create one with `devnet init`, or `devnet restore` a backup",
            )
        )
    else:
        checks.extend(_doctor_file(real, path))
    if real.parent.is_dir() and not os.access(real.parent, os.W_OK | os.X_OK):
        # Saves write a temp file beside the file, a lock and backups: all in the folder.
        checks.append(
            Check(
                "folder",
                "error",
                f"{real.parent} is not writable, so devnet cannot save changes there",
                "make the folder writable, or move the file (and point --file at it)",
            )
        )
    temps = stale_temps(real)
    if temps:
        checks.append(
            Check(
                "temp files",
                "warn",
                f"{len(temps)} leftover temp file(s) from an interrupted save, each a full "
                "copy of your data: " + ", ".join(str(t) for t in temps),
                "if no devnet is running, delete them (the next save removes old ones)",
            )
        )
    else:
        checks.append(Check("temp files", "ok", "no leftover temp files"))
    copies = conflict_copies(real)
    if copies:
        checks.append(
            Check(
                "sync conflicts",
                "warn",
                "sync conflict copies beside the file: " + ", ".join(str(c) for c in copies),
                f"compare each with {path}, merge by hand, then delete the copy",
            )
        )
    else:
        checks.append(Check("sync conflicts", "ok", "no sync conflict copies"))
    checks.extend(_doctor_backups(real))
    return checks


def _doctor_file(real: Path, path: Path) -> list[Check]:
    checks: list[Check] = []
    try:
        mode = real.stat().st_mode
    except OSError as exc:
        return [Check("file", "error", f"{path}: cannot read: {_why(exc)}")]
    if mode & 0o077 and stat.S_ISREG(mode):
        checks.append(
            Check(
                "permissions",
                "warn",
                f"{real} is readable or writable by others (mode {mode & 0o777:04o}); it "
                "holds notes about people",
                f"chmod 600 {real}",
            )
        )
    else:
        checks.append(Check("permissions", "ok", f"private (mode {mode & 0o777:04o})"))
    try:
        raw = _read_capped(real, path)
        doc = parse(raw, path)
        version = schema_of(doc, path)
        network, newer = to_network(doc, path)
    except DataFileError as exc:
        checks.append(
            Check(
                "loads",
                "error",
                exc.message,
                "fix the line named, or bring back a backup with `devnet restore --list`",
            )
        )
        return checks
    checks.append(
        Check("loads", "ok", f"loads: {len(network.people)} developers, {len(network.goals)} goals")
    )
    if newer:
        checks.append(
            Check(
                "schema",
                "warn",
                f"file format {version} is newer than this devnet knows ({SCHEMA_VERSION}); "
                "it can be read but not changed",
                "upgrade devnet",
            )
        )
    elif version < SCHEMA_VERSION:
        checks.append(
            Check(
                "schema",
                "ok",
                f"file format {version}; the next change updates it to {SCHEMA_VERSION} "
                "(a backup is kept)",
            )
        )
    else:
        checks.append(Check("schema", "ok", f"file format {version} (current)"))
    return checks


def _doctor_backups(real: Path) -> list[Check]:
    folder = backup_dir(real)
    found = backups(real)
    if not found:
        return [Check("backups", "ok", f"no backups yet (they go to {folder} on each save)")]
    checks = [
        Check(
            "backups",
            "ok",
            f"{len(found)} backup(s) in {folder}, newest "
            f"{found[-1].taken.strftime('%Y-%m-%d %H:%M:%S')} UTC",
        )
    ]
    loose = [b.path for b in found if b.path.lstat().st_mode & 0o077]
    with contextlib.suppress(OSError):
        if folder.stat().st_mode & 0o077:
            loose.insert(0, folder)
    if loose:
        checks.append(
            Check(
                "backup permissions",
                "warn",
                "readable by others: " + ", ".join(str(p) for p in loose),
                f"chmod -R go-rwx {folder}",
            )
        )
    return checks
