"""The only code that touches the network file: find it, read and validate it (with
`path:line:col` errors), migrate older versions in memory, lock it, and save it
atomically so that the file on disk is always exactly the old or the new version."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
from devnet.model import SCHEMA_VERSION, Network, Record, validation_messages

FILE_NAME = "network.toml"
MAX_FILE_BYTES = 5 * 1024 * 1024
"""A network of a thousand people with decades of check-ins is under 5 MB."""
LOCK_TIMEOUT = 10.0
MAX_PROBLEMS = 10

MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""Pure steps from schema N to N+1, applied in memory on load. None yet: schema 1 is
the first published format. A new step needs a fixture file in tests/fixtures/."""

_CONFLICT_RE = re.compile(rb"^(<<<<<<< |=======\r?$|>>>>>>> )", re.MULTILINE)
_COMMENT_RE = re.compile(rb"^\s*#", re.MULTILINE)


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
    warnings: list[str] = field(default_factory=list)


def real_path(path: Path) -> Path:
    """The file a path stands for, symlinks followed; a dangling link is an error."""
    if path.is_symlink() and not path.exists():
        raise DataFileError(f"{path}: is a symbolic link to a file that does not exist")
    return Path(os.path.realpath(path))


def read_bytes(path: Path) -> tuple[Path, bytes]:
    real = real_path(path)
    try:
        if not real.exists():
            raise DataFileError(
                f"{path}: no network file here; create one with "
                "`devnet init --name NAME --stage early|mid|senior`, or pass --file"
            )
        if not real.is_file():
            raise DataFileError(f"{path}: not a regular file")
        if real.stat().st_size > MAX_FILE_BYTES:
            raise DataFileError(
                f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
                "this is not a devnet network file"
            )
        with real.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(f"{path}: larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return real, raw


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
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise DataFileError(f"{path}:{exc.lineno}:{exc.colno}: {exc.msg}") from None
    except (RecursionError, ValueError, MemoryError) as exc:
        kind = "nested too deeply" if isinstance(exc, RecursionError) else "a value is too large"
        raise DataFileError(f"{path}: not a devnet file: {kind}") from None


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


def to_network(doc: dict[str, Any], path: Path) -> tuple[Network, bool]:
    """Check the schema version, migrate, validate. Returns the network and whether the
    file comes from a newer devnet (then it must never be written)."""
    version = doc.get("schema")
    if version is None:
        raise DataFileError(
            f"{path}: missing `schema = {SCHEMA_VERSION}` at the top; is this a devnet file?"
        )
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DataFileError(f"{path}: schema: must be a whole number such as {SCHEMA_VERSION}")
    newer = version > SCHEMA_VERSION
    if newer:
        doc = _prune_unknown(doc, Network)
        doc["schema"] = SCHEMA_VERSION
    while doc["schema"] < SCHEMA_VERSION:
        step = MIGRATIONS[doc["schema"]]
        doc = step(doc)
    try:
        network = Network.model_validate(doc)
    except ValidationError as exc:
        lines = validation_messages(exc)
        extra = len(lines) - MAX_PROBLEMS
        text = "\n".join(f"{path}: {line}" for line in lines[:MAX_PROBLEMS])
        if extra > 0:
            text += f"\n{path}: ... and {extra} more problems"
        raise DataFileError(text) from None
    if newer:
        network.schema_ = version
    return network, newer


def load(path: Path) -> Loaded:
    """Read and validate the network at `path` (no lock: saves are atomic renames)."""
    real, raw = read_bytes(path)
    network, newer = to_network(parse(raw, path), path)
    loaded = Loaded(network, path, real, raw, newer, bool(_COMMENT_RE.search(raw)))
    if newer:
        loaded.warnings.append(
            f"{path} was written by a newer devnet (file format {network.schema_}, this "
            f"devnet knows {SCHEMA_VERSION}); showing what this version understands, and "
            "it will not change the file. Upgrade devnet to edit it."
        )
    return loaded


def serialize(network: Network) -> bytes:
    """The file's bytes for a network, checked by parsing them back before any write."""
    doc = network.to_doc()
    try:
        text = tomli_w.dumps(doc)
        payload = text.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError) as exc:
        raise SaveError(f"cannot write the network: {exc}; nothing was changed") from None
    if tomli.loads(text) != doc:
        raise SaveError("the network did not survive a round trip; nothing was changed")
    return payload


@contextlib.contextmanager
def locked(real: Path) -> Iterator[None]:
    """Serialise writers with a sidecar lock; the data file itself is never locked
    because os.replace gives it a new inode."""
    from filelock import FileLock, Timeout

    lock = FileLock(f"{real}.lock", timeout=LOCK_TIMEOUT, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise DataFileError(
            f"{real}: another devnet is changing this file; try again in a moment"
        ) from None
    except OSError as exc:
        raise DataFileError(f"{real}.lock: cannot lock: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def _fsync_dir(directory: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(real: Path, payload: bytes, mode: int = 0o600) -> None:
    """Temp file beside the target, fsync, replace, fsync the folder. Any failure
    before the replace leaves the target byte-identical and no temp file behind."""
    try:
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name}.", suffix=".tmp")
    except OSError as exc:
        raise SaveError(
            f"{real}: cannot save: {exc.strerror or exc}; the file is unchanged"
        ) from None
    try:
        try:
            os.fchmod(fd, mode)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, real)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise SaveError(
            f"{real}: cannot save: {exc.strerror or exc}; the file is unchanged"
        ) from None
    # Saved; if this fails only the durability of the rename is unconfirmed.
    with contextlib.suppress(OSError):
        _fsync_dir(real.parent)


def _newer_error(loaded: Loaded) -> NewerSchemaError:
    return NewerSchemaError(
        f"{loaded.path}: written by a newer devnet (file format {loaded.network.schema_}, "
        f"this devnet knows {SCHEMA_VERSION}); upgrade devnet to change it. "
        "Nothing was changed."
    )


def save(loaded: Loaded) -> bool:
    """Write `loaded.network` over the file it came from, if it changed. The caller
    holds the lock. Refuses if the file changed on disk since it was read."""
    if loaded.newer:
        raise _newer_error(loaded)
    payload = serialize(loaded.network)
    if payload == loaded.raw:
        return False
    try:
        current = loaded.real.read_bytes()
    except OSError:
        current = None
    if current != loaded.raw:
        raise ConflictError(
            f"{loaded.path}: changed on disk since devnet read it (an editor or a sync "
            "tool?); nothing was written. Run the command again."
        )
    mode = loaded.real.stat().st_mode & 0o777
    write_atomic(loaded.real, payload, mode)
    loaded.raw = payload
    loaded.written = True
    return True


@contextlib.contextmanager
def transaction(path: Path) -> Iterator[Loaded]:
    """Lock, load, let the caller change `network`, save if it changed. An exception
    inside the block writes nothing."""
    real = real_path(path)
    if not real.parent.is_dir():
        read_bytes(path)  # raises the "no network file" error
    with locked(real):
        loaded = load(path)
        if loaded.newer:
            raise _newer_error(loaded)
        yield loaded
        save(loaded)


def create(path: Path, network: Network) -> Path:
    """Write a new network file; refuses if anything already exists at `path`."""
    if path.is_symlink() and not path.exists():
        raise DataFileError(f"{path}: is a symbolic link to a file that does not exist")
    if path.exists():
        raise DuplicateError(f"{path}: a network file already exists; nothing was changed")
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise SaveError(f"{parent}: cannot create the folder: {exc.strerror or exc}") from None
    real = real_path(path)
    payload = serialize(network)
    with locked(real):
        if real.exists():
            raise DuplicateError(f"{path}: a network file already exists; nothing was changed")
        write_atomic(real, payload, 0o600)
    return real
