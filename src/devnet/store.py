"""The only code that touches the network file: find it, read and validate it (with
`path:line:col` errors), migrate older versions in memory, lock it, back it up, and
save it atomically so that the file on disk is always exactly the old or the new one."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

import tomli
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
LOCK_TIMEOUT = 120.0
"""Seconds to wait for another devnet; `$DEVNET_LOCK_TIMEOUT` overrides it. Generous:
waiters queue in the kernel, and a save holds the lock for a fraction of a second."""
WAIT_NOTICE = 1.0
"""After this many seconds of waiting for the lock, say so on stderr."""
MAX_PROBLEMS = 10
MAX_PEOPLE = 10_000
MAX_GOALS = 1_000
MAX_CHECKINS = 100_000
MAX_ENTRIES = 10_000
"""Caps checked before any model is built (the benchmark's extreme network has 1,000
developers and 50,000 check-ins): a list or table inside a record, at most
MAX_ENTRIES entries."""
BACKUP_DIR = ".devnet-backups"
"""Backups live beside the real file (same filesystem, so each is an atomic rename;
they follow the file when it moves). One folder, private (0700)."""
KEEP_BACKUPS = 10
KEEP_DAYS = 30
KEEP_MONTHS = 12
"""Retention: the last KEEP_BACKUPS versions, and the newest version of each of the last
KEEP_DAYS days and of each of the last KEEP_MONTHS months (a burst of saves never
flushes yesterday's version)."""
STALE_TEMP_SECONDS = 300
"""A temp file of ours older than this is a crash leftover (a save takes well under a
second), removed by the next successful save: it holds a full copy of the data."""
CRASH_ENV = "DEVNET_CRASH_AT"
"""Test-only: the step of a save at which the process kills itself (SIGKILL)."""
CRASH_POINTS = ("after_write", "after_backup", "before_replace", "after_replace")
"""In the order a save passes them."""
INT64 = (-(2**63), 2**63 - 1)

_CONFLICT_RE = re.compile(rb"^(<<<<<<< |=======\r?$|>>>>>>> )", re.MULTILINE)
_COMMENT_RE = re.compile(rb"^\s*#", re.MULTILINE)
_TABLE_RE = re.compile(rb"^[ \t]*\[", re.MULTILINE)
_STRINGS_RE = re.compile(
    rb'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
)
MAX_WEIGHT = 3_000_000
"""See `_check_size`: the benchmark's extreme network (1,000 developers, 50,000
check-ins, 6 MB) weighs about 2,170,000; a hostile file at this limit is parsed in
under 3 s and 300 MB on a busy 2-core machine."""
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
    known: dict[str, Any] | None = None
    """The file's chunks with the values they were read as (`known_chunks`), kept by a
    load that is going to save: the save parses back only the chunks that changed."""


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
    _check_size(raw, path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _conflict_markers(raw, path)
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataFileError(f"{path}:{line}:{col}: not valid UTF-8 text") from None
    try:
        doc = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        # A line `=======` inside a multi-line note is text; markers matter only
        # when the file does not parse.
        _conflict_markers(raw, path)
        raise DataFileError(f"{path}:{exc.lineno}:{exc.colno}: {exc.msg}") from None
    except (RecursionError, ValueError, MemoryError) as exc:
        kind = "nested too deeply" if isinstance(exc, RecursionError) else "a value is too large"
        raise DataFileError(f"{path}: not a devnet file: {kind}") from None
    _check_ints(doc, path)
    return doc


def _conflict_markers(raw: bytes, path: Path) -> None:
    marker = _CONFLICT_RE.search(raw)
    if marker is not None:
        line = raw.count(b"\n", 0, marker.start()) + 1
        raise DataFileError(
            f"{path}:{line}: unresolved merge conflict (git conflict markers); "
            "keep the lines you want, delete the markers, then run `devnet check`"
        )


def _check_size(raw: bytes, path: Path) -> None:
    """Refuse, before parsing, a file whose structure would cost more time and memory
    than any real network: the count of tables, keys and values is estimated on the
    raw bytes (text inside strings and comments is left out when it matters)."""
    if _weight_bound(raw) <= MAX_WEIGHT or _weight(raw) <= MAX_WEIGHT:
        return
    if _weight(_STRINGS_RE.sub(b"", raw)) > MAX_WEIGHT:
        raise DataFileError(
            f"{path}: too many tables, keys or values for a devnet network file "
            f"(over {MAX_WEIGHT:,} units; a thousand developers with 50,000 check-ins "
            "weigh about 2,170,000); not read"
        )


def _weight_bound(raw: bytes) -> int:
    """At least `_weight(raw)`, without its regular expression: a table header starts
    a line, so there are no more of them than lines."""
    return 20 * (raw.count(b"\n") + 1) + 5 * raw.count(b"=") + 3 * raw.count(b",")


def _weight(raw: bytes) -> int:
    """Roughly what tomli spends on a file (time and memory, measured on a 2-core
    machine): a table header about four keys, a key about two array items."""
    return 20 * len(_TABLE_RE.findall(raw)) + 5 * raw.count(b"=") + 3 * raw.count(b",")


def _check_ints(doc: dict[str, Any], path: Path) -> None:
    """TOML integers are 64-bit; tomli reads bigger ones, other tools would not. The
    same walk refuses a list or table inside a record with more than MAX_ENTRIES
    entries. It builds no paths (a file at the cap may hold millions of values) until
    it finds a problem."""
    low, high = INT64
    big = {id(doc)} | {id(doc[k]) for k in ("people", "goals", "checkins") if k in doc}
    stack: list[Any] = [doc]
    while stack:
        value = stack.pop()
        if len(value) > MAX_ENTRIES and id(value) not in big:
            raise DataFileError(
                f"{path}: {_path_to(doc, value)}: {len(value):,} entries, more than devnet "
                f"reads in one list or table ({MAX_ENTRIES:,})"
            )
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


def _check_shape(doc: dict[str, Any], path: Path) -> None:
    """Refuse, before any model is built, more records or entries than a network has:
    validation then never collects millions of problems."""
    limits = {"people": MAX_PEOPLE, "goals": MAX_GOALS, "checkins": MAX_CHECKINS}
    known = set(limits) | {"schema", "profile"}
    unknown = [k for k in doc if k not in known]
    if len(doc) > len(known) + MAX_PROBLEMS and unknown:
        raise DataFileError(
            f"{path}: {len(unknown):,} unknown keys at the top (the first is "
            f"{unknown[0][:40]!r}); not a devnet network file"
        )
    for key, limit in limits.items():
        value = doc.get(key)
        if isinstance(value, dict | list) and len(value) > limit:
            raise DataFileError(
                f"{path}: {key}: {len(value):,} entries, more than devnet reads ({limit:,})"
            )


def _record_problems(doc: dict[str, Any], path: Path) -> None:
    """Before validation: when more records than the few shown lack a required key,
    carry an unknown one or are not tables, stop there (pydantic would collect every
    problem of every record first). A record with none of these problems costs two set
    operations; paths are built only for the others."""
    from devnet.model import Checkin, Goal, Person

    problems: list[str] = []
    groups: list[tuple[type[Record], str, Iterable[tuple[Any, Any]]]] = []
    maps: list[tuple[str, type[Record]]] = [("goals", Goal), ("people", Person)]
    for key, model in maps:
        value = doc.get(key)
        if isinstance(value, dict):
            groups.append((model, key, value.items()))
    checkins = doc.get("checkins")
    if isinstance(checkins, list):
        groups.append((Checkin, "checkins", enumerate(checkins)))
    for model, section, records in groups:
        names = {f.alias or n for n, f in model.model_fields.items()}
        required = [f.alias or n for n, f in model.model_fields.items() if f.is_required()]
        needed = set(required)
        for index, record in records:
            if isinstance(record, dict) and names.issuperset(record) and needed <= record.keys():
                continue
            where = f"{section}[{index}]" if section == "checkins" else f"{section}.{index}"
            if not isinstance(record, dict):
                problems.append(f"{path}: {where}: expected a table (a [section])")
                continue
            problems.extend(
                f"{path}: {where}.{k}: missing: this field is required"
                for k in required
                if k not in record
            )
            problems.extend(
                f"{path}: {where}.{k}: unknown field: devnet does not know this key "
                "(check the spelling)"
                for k in record
                if k not in names
            )
            if len(problems) > MAX_PROBLEMS:
                raise DataFileError(
                    f"{problems[0]} (and more; `devnet check` lists the first {MAX_PROBLEMS})",
                    problems=problems[:MAX_PROBLEMS],
                )


def _path_to(doc: Any, target: Any) -> str:
    """The field path of the first value in `doc` that is `target` (an int equal to it,
    or that very list or table), for a message."""
    stack: list[tuple[str, Any]] = [("", doc)]
    while stack:
        where, value = stack.pop()
        if value is target or (type(value) is int and type(target) is int and value == target):
            return where or "the top"
        if isinstance(value, dict):
            stack.extend((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(value))
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
    _check_shape(doc, path)
    newer = version > SCHEMA_VERSION
    if newer:
        doc = _prune_unknown(doc, Network)
        doc["schema"] = SCHEMA_VERSION
    doc = migrate(doc)
    _record_problems(doc, path)
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


def load(path: Path, *, for_save: bool = False) -> Loaded:
    """Read and validate the network at `path` (no lock: saves are atomic renames).
    `for_save` also keeps the file's chunks for a cheaper proof at save time."""
    real, raw = read_bytes(path)
    doc = parse(raw, path)
    version = doc.get("schema")
    network, newer = to_network(doc, path)
    comments = b"#" in raw and _COMMENT_RE.search(raw) is not None
    loaded = Loaded(network, path, real, raw, newer, comments)
    if for_save and not newer and version == SCHEMA_VERSION:
        loaded.known = known_chunks(raw, doc)
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


_CONFLICT_WORDS = (
    "conflict|konflikt|conflit|conflitto|conflicto|conflito|conflicterende|"
    "konflikts|ristiriita|競合|冲突|衝突|충돌|конфликт"
)
"""Words of Dropbox's conflicted-copy names in its languages ("conflicted copy",
"Konfliktkopie", "copie en conflit", "copia en conflicto", "Konflikt-Kopie"…)."""


def conflict_copies(real: Path) -> list[Path]:
    """Copies that sync tools leave beside the file (never read): Dropbox
    `name (… conflicted copy …).toml` in any language, Syncthing
    `name.sync-conflict-YYYYMMDD-HHMMSS-XXXXXXX.toml`, Google Drive and OneDrive
    `name (1).toml`, iCloud `name 2.toml`, OneDrive `name-DESKTOP-AB12CD.toml`."""
    try:
        names = os.listdir(real.parent)
    except OSError:
        return []
    # every pattern starts with the stem and ends with the suffix (the first one in
    # any case): most folders hold no such name, and then nothing is compiled
    start, end = real.stem.casefold(), real.suffix.casefold()
    names = [
        n
        for n in names
        if n != real.name and n.casefold().startswith(start) and n.casefold().endswith(end)
    ]
    if not names:
        return []
    stem, suffix = re.escape(real.stem), re.escape(real.suffix)
    patterns = [
        re.compile(stem + r" \(.*(?:" + _CONFLICT_WORDS + r").*\)" + suffix, re.IGNORECASE),
        re.compile(stem + r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}" + suffix),
        re.compile(stem + r" ?\(\d{1,3}\)" + suffix),
        re.compile(stem + r" \d{1,3}" + suffix),
        re.compile(stem + r"-(?:DESKTOP|LAPTOP|PC|MACBOOK|[A-Z0-9]{2,})-?[A-Z0-9-]*" + suffix),
    ]
    return sorted(real.parent / n for n in names if any(p.fullmatch(n) for p in patterns))


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file, also on case-insensitive file systems."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a == b


# --- writing ------------------------------------------------------------------------


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
"""The keys tomli-w writes bare (its BARE_KEY_CHARS)."""


def _toml(data: dict[str, Any]) -> str:
    """tomli-w's text for `data`; it loads with the first write (reading needs none)."""
    import tomli_w

    return tomli_w.dumps(data)


def _key(key: str) -> str:
    """A TOML key, bare when it can be, quoted as tomli-w quotes it otherwise."""
    if _BARE_KEY.fullmatch(key):
        return key
    return _toml({key: 0})[: -len(" = 0\n")]


def _inline(table: dict[str, Any]) -> str:
    """A small table of scalars on one line: `{ date = 2026-11-01, status = "ended" }`."""
    items = (f"{_key(k)} = {_toml({'v': v})[4:-1]}" for k, v in table.items())
    return "{ " + ", ".join(items) + " }"


def _flat(table: dict[str, Any]) -> str:
    """`key = value` lines of a table whose values are scalars or lists of scalars
    (tomli-w writes every non-empty list one item a line), plus its history, one
    change a line: one layout whatever the content."""
    history = table.get("history")
    body = _toml({k: v for k, v in table.items() if k != "history"})
    if history:
        body += "history = [\n" + "".join(f"    {_inline(h)},\n" for h in history) + "]\n"
    return body


_Record = tuple[str, str, str, Any]


def _records(doc: dict[str, Any]) -> Iterator[_Record]:
    """Each record of a document in the file's order: the header line its chunk starts
    with ("" for the schema line), its section, its key ("" when it has none), its
    value. (A generator: a list of 50,000 of them is what the garbage collector would
    spend its time walking.)"""
    yield "", "schema", "", doc["schema"]
    yield "[profile]\n", "profile", "", doc["profile"]
    for section in ("goals", "people"):
        for key, record in doc.get(section, {}).items():
            yield f"[{section}.{_key(key)}]\n", section, key, record
    for checkin in doc.get("checkins", []):
        yield "[[checkins]]\n", "checkins", "", checkin


def _emit(header: str, section: str, record: Any) -> str:
    if section == "schema":
        return _toml({"schema": record})
    return header + _flat(record)


def _alone(section: str, key: str, record: Any) -> dict[str, Any]:
    """What the chunk of one record reads as, parsed on its own."""
    if section == "checkins":
        return {"checkins": [record]}
    return {section: {key: record}} if key else {section: record}


def _parts(doc: dict[str, Any], known: dict[str, Any] | None = None) -> list[str]:
    """The file's chunks in order, one per record. With the chunks of the file as it
    was loaded (`known_chunks`), a record that still has the value one of them was read
    as, under the same header, is that chunk as it was (tomli-w is not run for it, and
    `_proved` does not parse it again); a chunk holding a `#` is always emitted anew
    (a comment is not kept in part, and the count of `#` tells a file with comments).
    The loaded chunks are tried in their order first (a save changes a record or two,
    so the next loaded chunk is nearly always the one), then looked up."""
    if not known:
        return [_emit(header, section, record) for header, section, _, record in _records(doc)]
    loaded = list(known.items())
    index: dict[Any, list[int]] | None = None
    at = 0
    out: list[str] = []
    for header, section, _, record in _records(doc):
        found = -1
        if at < len(loaded) and _fits(loaded[at], header, record):
            found = at
        else:
            if index is None:
                index = _reusable(loaded)
            for candidate in index.get(_identity_of(header, record), ()):
                if _fits(loaded[candidate], header, record):
                    found = candidate
                    break
        if found < 0:
            out.append(_emit(header, section, record))
        else:
            out.append(loaded[found][0])
            at = found + 1
    return out


def _fits(chunk_value: tuple[str, Any], header: str, record: Any) -> bool:
    """Whether a loaded chunk may be written for a record: it starts with the record's
    header line (the schema chunk: starts with none), holds no `#`, and was read as the
    record's value."""
    chunk, value = chunk_value
    if not (chunk.startswith(header) if header else chunk[:1] != "["):
        return False
    return "#" not in chunk and bool(value == record)


def _identity_of(header: str, record: Any) -> Any:
    """What picks the loaded chunks a record may be written as: its header line, and
    for a check-in its date and developer (a few chunks at most, compared by value)."""
    if header == "[[checkins]]\n" and isinstance(record, dict):
        return (header, record.get("date"), record.get("developer"))
    return header


def _reusable(loaded: list[tuple[str, Any]]) -> dict[Any, list[int]]:
    """The positions of the loaded chunks by `_identity_of` (the schema chunk, the only
    one not starting with `[`, under the header "")."""
    index: dict[Any, list[int]] = {}
    for position, (chunk, value) in enumerate(loaded):
        header = chunk[: chunk.index("\n") + 1] if chunk[:1] == "[" else ""
        try:
            index.setdefault(_identity_of(header, value), []).append(position)
        except TypeError:  # an unhashable date or developer: never looked up
            continue
    return index


def to_text(doc: dict[str, Any]) -> str:
    """The file's text, always in one layout (ENGINEERING.md, storage rule 7): the
    schema, `[profile]`, one `[goals.ID]` and one `[people.ID]` section each, then one
    `[[checkins]]` block per check-in, so that adding a check-in adds only its lines.
    (tomli-w alone inlines an array of short tables and flips layout as they grow.)"""
    return "\n".join(_parts(doc))


def _chunks(text: str) -> list[str]:
    """`text` cut where `to_text` joins its chunks (a blank line): joined with "\n"
    they give `text` back."""
    pieces = text.split("\n\n")
    return [p + "\n" for p in pieces[:-1]] + pieces[-1:]


def _count(doc: dict[str, Any]) -> int:
    return 2 + sum(len(doc.get(k, ())) for k in ("goals", "people", "checkins"))


def _one_header(chunk: str, header: str) -> bool:
    """Whether a chunk starts with its record's header line (the schema chunk: is the
    schema line alone) and holds no other line that starts a table."""
    if not chunk.endswith("\n") or chunk.find("\n[", 1) != -1:
        return False
    if not header:
        return chunk[:1] != "[" and chunk.count("\n") == 1
    return header[:1] == "[" and header.endswith("]\n") and chunk.startswith(header)


def known_chunks(raw: bytes, doc: dict[str, Any]) -> dict[str, Any] | None:
    """Each chunk of a file that loaded, with the value its record was read as in that
    file, when the file is cut exactly as devnet writes it: a chunk per record, in
    devnet's order, each starting with its own header line and holding no other, and
    no multi-line string anywhere (so no chunk runs into the next). Otherwise None (a
    hand-edited layout): a save then parses its whole text back. See `_proved`."""
    if b'"""' in raw or b"'''" in raw or b"\r" in raw or raw.startswith(b"\xef\xbb\xbf"):
        return None
    if doc.get("schema") != SCHEMA_VERSION or not set(doc) <= _SECTIONS:
        return None
    try:
        chunks = _chunks(raw.decode("utf-8"))
        if len(chunks) != _count(doc):
            return None
        known: dict[str, Any] = {}
        for chunk, (header, _, _, record) in zip(chunks, _records(doc), strict=True):
            if not _one_header(chunk, header):
                return None
            known[chunk] = record
    except (AttributeError, KeyError, TypeError, ValueError):  # not shaped like a network
        return None
    return known


_SECTIONS = {"schema", "profile", "goals", "people", "checkins"}


def _proved(text: str, doc: dict[str, Any], parts: list[str], known: dict[str, Any] | None) -> bool:
    """Whether `text` reads back as `doc`. Without `known`: parse it all and compare.
    With the chunks of the file as it was loaded (`known_chunks`): every chunk must
    start with its own header line and hold no other, so the file reads as its chunks
    do one by one; a chunk byte-identical to one of the loaded file, whose record has
    the value that chunk was read as there, is not parsed again; every other chunk is
    parsed on its own and compared with its record."""
    if known is None:
        return bool(tomli.loads(text) == doc)
    if len(parts) != _count(doc):
        return False
    for part, (header, section, key, record) in zip(parts, _records(doc), strict=True):
        if not _one_header(part, header):
            return False
        seen = known.get(part, _MISSING)
        if seen is not _MISSING and seen == record:
            continue
        try:
            if tomli.loads(part) != _alone(section, key, record):
                return False
        except tomli.TOMLDecodeError:
            return False
    return True


_MISSING = object()


def serialize(network: Network, known: dict[str, Any] | None = None) -> bytes:
    """The file's bytes for a network, checked by parsing them back before any write
    (only the chunks that differ from the file as loaded, when `known` holds its
    chunks: see `_proved`)."""
    doc = network.to_doc()
    try:
        parts = _parts(doc, known)
        text = "\n".join(parts)
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
    if not _proved(text, doc, parts, known):
        raise SaveError("the network did not survive a round trip; nothing was changed")
    return payload


def lock_timeout() -> float:
    value = os.environ.get("DEVNET_LOCK_TIMEOUT")
    if value:
        with contextlib.suppress(ValueError):
            return max(0.0, float(value))
    return LOCK_TIMEOUT


def _busy(real: Path, timeout: float) -> DataFileError:
    return DataFileError(
        f"{real}: another devnet is changing this file (waited {timeout:g} s); "
        "try again when it has finished"
    )


def _waiting(real: Path) -> None:
    sys.stderr.write(f"devnet: waiting for another devnet to finish with {real}…\n")
    sys.stderr.flush()


class _Expired(Exception):
    """Raised by the alarm handler to end a blocking flock at the timeout."""


def _flock(fd: int, real: Path, timeout: float) -> None:
    """Take an exclusive flock on `fd`, waiting in the kernel's queue (fair, unlike a
    poll loop); say so after WAIT_NOTICE seconds and give up after `timeout`."""
    import fcntl
    import threading

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    start = time.monotonic()
    deadline = start + timeout
    if threading.current_thread() is not threading.main_thread():
        # Signals reach only the main thread: poll instead (library use, not the CLI).
        noticed = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                now_ = time.monotonic()
                if now_ >= deadline:
                    raise _busy(real, timeout) from None
                if not noticed and now_ - start >= WAIT_NOTICE:
                    noticed = True
                    _waiting(real)
                time.sleep(0.02)
    told = [False]

    def alarm(signum: int, frame: object) -> None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Expired
        if not told[0]:
            told[0] = True
            _waiting(real)
        signal.setitimer(signal.ITIMER_REAL, left)

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, max(0.001, min(WAIT_NOTICE, timeout)))
        fcntl.flock(fd, fcntl.LOCK_EX)
    except _Expired:
        raise _busy(real, timeout) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def locked(real: Path) -> Iterator[None]:
    """Serialise writers with a sidecar lock; the data file itself is never locked
    because os.replace gives it a new inode. flock locks die with their process, so
    devnet never breaks a lock. Waiters block in the kernel, so they are served in
    turn; after a second they are told what they wait for."""
    if os.name != "posix":  # pragma: no cover - POSIX is tested; this is the fallback
        with _locked_portable(real):
            yield
        return
    try:
        fd = os.open(f"{real}.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise DataFileError(f"{real}.lock: cannot lock: {_why(exc)}") from None
    try:
        try:
            _flock(fd, real, lock_timeout())
        except OSError as exc:
            raise DataFileError(f"{real}.lock: cannot lock: {_why(exc)}") from None
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def _locked_portable(real: Path) -> Iterator[None]:  # pragma: no cover - not POSIX
    from filelock import FileLock, Timeout

    lock = FileLock(f"{real}.lock", timeout=lock_timeout(), mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise _busy(real, lock_timeout()) from None
    except OSError as exc:
        raise DataFileError(f"{real}.lock: cannot lock: {_why(exc)}") from None
    try:
        yield
    finally:
        lock.release()


INTERRUPT_ENV = "DEVNET_INTERRUPT_AT"
"""Test-only: the step of a save at which the process sends itself SIGINT (Ctrl-C)."""


@dataclass
class SaveState:
    """What this process did to the file: read by the Ctrl-C message, which must say
    whether the change was saved or the file is as it was."""

    replaced: bool = False


LAST = SaveState()


def now() -> datetime:
    """The clock for backup names and retention (tests replace it)."""
    return datetime.now(UTC)


def _crash_point(name: str) -> None:
    """Test-only: SIGKILL (DEVNET_CRASH_AT) or SIGINT (DEVNET_INTERRUPT_AT) ourselves at
    a named step of a save."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
    if os.environ.get(INTERRUPT_ENV) == name:
        os.kill(os.getpid(), signal.SIGINT)


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


def _write_temp(real: Path, payload: bytes, mode: int, *, crash: bool = False) -> str:
    """A fsynced temp file beside `real` holding `payload`; removed if anything fails."""
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
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(real: Path, payload: bytes, mode: int = 0o600) -> None:
    """Temp file beside the target, fsync, replace, fsync the folder. Any failure
    before the replace leaves the target byte-identical and no temp file behind.
    Raises OSError."""
    tmp = _write_temp(real, payload, mode)
    try:
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
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


class Backup(NamedTuple):
    """One private copy of an earlier version of the file. `change` is what the save
    that replaced this version did ("checkin maria-chen 2026-11-20"), and `after` the
    SHA-256 of what that save wrote; both empty when not recorded."""

    path: Path
    taken: datetime
    size: int

    @property
    def meta_path(self) -> Path:
        return self.path.with_name(self.path.name + ".json")

    def meta(self) -> dict[str, str]:
        """The recorded change, or {} (a sidecar is small; a broken one is ignored)."""
        import json  # a read command loads it only when it asks for a backup's note

        try:
            with self.meta_path.open("rb") as handle:
                data = json.loads(handle.read(64 * 1024))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(v, str)}


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


def _backup_name(real: Path, earlier: list[Backup]) -> Path:
    # Names must sort by time even if two saves share a microsecond or the clock
    # steps back (pruning keeps the newest names): never older than the newest.
    taken = now()
    if earlier and taken <= earlier[-1].taken:
        taken = earlier[-1].taken + timedelta(microseconds=1)
    return backup_dir(real) / f"{real.name}.{taken.strftime(_STAMP)}.toml"


def write_backup(real: Path, raw: bytes) -> Path:
    """Keep `raw` as a new private backup of `real`. Raises SaveError."""
    folder = backup_dir(real)
    try:
        _private_dir(folder)
        target = _backup_name(real, backups(real))
        write_atomic(target, raw, 0o600)
    except OSError as exc:
        raise SaveError(
            f"{folder}: cannot write a backup: {_why(exc)}; nothing was saved and the "
            "file is unchanged"
        ) from None
    return target


def _meta_bytes(change: str, after: bytes) -> bytes:
    import json  # only a write needs it

    return json.dumps(
        {"change": change, "after": hashlib.sha256(after).hexdigest()}, ensure_ascii=False
    ).encode("utf-8")


def _kept(found: list[Backup], today: datetime) -> set[Path]:
    """The backups retention keeps: the last KEEP_BACKUPS, and the version that was
    current at the end of each of the last KEEP_DAYS days and KEEP_MONTHS months. A
    backup stamped T holds the version replaced at T, so the first backup stamped in
    a day holds the newest version of the day before (the last day with a change)."""
    keep = {b.path for b in found[-KEEP_BACKUPS:]} if KEEP_BACKUPS else set()
    days: dict[Any, Path] = {}
    months: dict[tuple[int, int], Path] = {}
    month_now = today.year * 12 + today.month
    for backup in found:  # oldest first: the first one seen in a bucket is kept
        taken = backup.taken
        if (today.date() - taken.date()).days < KEEP_DAYS:
            days.setdefault(taken.date(), backup.path)
        if month_now - (taken.year * 12 + taken.month) < KEEP_MONTHS:
            months.setdefault((taken.year, taken.month), backup.path)
    return keep | set(days.values()) | set(months.values())


def prune_backups(real: Path) -> None:
    found = backups(real)
    keep = _kept(found, now())
    for old in found:
        if old.path not in keep:
            for doomed in (old.path, old.meta_path):
                with contextlib.suppress(OSError):
                    doomed.unlink()


def stale_temps(real: Path, older_than: float = 0.0) -> list[Path]:
    """Our own temp files (`.<name>.*.tmp`, regular, owned by us) beside the file and
    in its backup folder, at least `older_than` seconds old."""
    now_ = time.time()
    found: list[Path] = []
    uid = os.getuid() if hasattr(os, "getuid") else None
    # exactly what mkstemp makes for the file or one of its backups: 8 random chars
    ours = re.compile(
        re.escape(f".{real.name}.")
        + r"(?:\d{8}T\d{6}\.\d{6}Z\.toml\.(?:json\.)?)?[a-z0-9_]{8}\.tmp"
    )
    for folder in (real.parent, backup_dir(real)):
        for path, info, _ in _regular_files(folder, ours):
            if (uid is None or info.st_uid == uid) and now_ - info.st_mtime >= older_than:
                found.append(path)
    return sorted(found)


def _remove_stale_temps(real: Path) -> None:
    for path in stale_temps(real, STALE_TEMP_SECONDS):
        with contextlib.suppress(OSError):
            path.unlink()


# --- replacing the file ----------------------------------------------------------------


def _read_only(info: os.stat_result, real: Path) -> bool:
    """No write permission for the user (the owner's write bit counts even for root:
    a file made read-only on purpose stays so)."""
    uid = os.getuid() if hasattr(os, "getuid") else None
    if uid is not None and info.st_uid == uid and not info.st_mode & stat.S_IWUSR:
        return True
    return not os.access(real, os.W_OK)


def refuse_read_only(real: Path, shown: Path) -> None:
    """Raise SaveError if the file exists and the user may not write it."""
    try:
        info = os.stat(real)
    except OSError:
        return
    if stat.S_ISREG(info.st_mode) and _read_only(info, real):
        raise SaveError(
            f"{shown}: the file is read-only (no write permission for you); nothing was "
            "changed. Make it writable (chmod u+w) to change it with devnet"
        )


def _conflict(shown: Path) -> ConflictError:
    return ConflictError(
        f"{shown}: changed on disk since devnet read it (an editor or a sync tool?); "
        "nothing was written and the other version is untouched. Run the command again."
    )


def _identity(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _keep_current(
    real: Path, shown: Path, fd: int, expected: bytes | None
) -> tuple[Path, Path | None]:
    """Copy the bytes behind `fd` (the current file) as they are, no parsing and no
    size limit, to a new private backup. Refuses with ConflictError if they are not
    `expected`. Returns the backup kept and the file written for it (None when the
    newest backup already holds exactly these bytes)."""
    folder = backup_dir(real)
    digest = hashlib.sha256()
    size = 0
    try:
        _private_dir(folder)
        earlier = backups(real)
        target = _backup_name(real, earlier)
        out, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _backup_failed(folder, exc) from None
    try:
        try:
            os.fchmod(out, 0o600)
            while chunk := os.read(fd, 1 << 20):
                if expected is not None and chunk != expected[size : size + len(chunk)]:
                    raise _conflict(shown)
                digest.update(chunk)
                size += len(chunk)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view) :]
            if expected is not None and size != len(expected):
                raise _conflict(shown)
            os.fsync(out)
        finally:
            os.close(out)
        newest = earlier[-1] if earlier else None
        if newest is not None and newest.size == size and _sha256(newest.path) == digest.digest():
            os.unlink(tmp)  # never a second copy of the newest backup
            return newest.path, None
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _backup_failed(folder, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target, target


def _backup_failed(folder: Path, exc: OSError) -> SaveError:
    return SaveError(
        f"{folder}: cannot write a backup: {_why(exc)}; nothing was saved and the file is unchanged"
    )


def _sha256(path: Path) -> bytes:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return b""
    return digest.digest()


def replace_contents(
    real: Path, shown: Path, expected: bytes | None, payload: bytes, change: str = ""
) -> Path | None:
    """Put `payload` in place of the file, keeping what it replaces. The caller holds
    the lock. In order: the new bytes go to a fsynced temp file; the current bytes are
    copied as they are to a backup (or the save is refused); the last check, that the
    file is still exactly what was read (`expected`; None: whatever was copied), runs
    immediately before the rename. Any failure removes the temp and the backup made
    for this save, and leaves the file as it was. Returns the backup that holds the
    replaced version (None when there was no file)."""
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise SaveError(f"{shown}: cannot save: {_why(exc)}; the file is unchanged") from None
    if info is None and expected is not None:
        raise _conflict(shown)
    if info is not None:
        refuse_read_only(real, shown)
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o600
    try:
        tmp = _write_temp(real, payload, mode, crash=True)
    except OSError as exc:
        raise SaveError(f"{shown}: cannot save: {_why(exc)}; the file is unchanged") from None
    kept: Path | None = None
    made: Path | None = None
    try:
        fd: int | None = None
        if info is not None:
            try:
                fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            except OSError as exc:
                raise SaveError(
                    f"{shown}: cannot read the file to keep a copy of it first: {_why(exc)}; "
                    "nothing was changed"
                ) from None
        # The file read stays open until the rename: its inode cannot be reused by a
        # file an editor or a sync client renames in meanwhile, so the last check can
        # trust it (a closed inode was seen reused within one timestamp tick).
        try:
            if fd is not None:
                before = os.fstat(fd)
                kept, made = _keep_current(real, shown, fd, expected)
                if change:
                    _write_meta(kept, change, payload, made is not None)
                _crash_point("after_backup")
            _crash_point("before_replace")
            # The last check, immediately before the rename: the file is still the one
            # read and copied (same inode, size and times), or it is left alone.
            try:
                latest: os.stat_result | None = os.stat(real)
            except FileNotFoundError:
                latest = None
            if (latest is None) != (info is None) or (
                latest is not None and _identity(latest) != _identity(before)
            ):
                raise _conflict(shown)
            if fd is None or not _exchange(tmp, real):
                _replace(tmp, real)
            elif not _still(fd, tmp, before):
                # An outside edit landed between the check and the exchange (a busy
                # machine can pause devnet there for milliseconds): it is now at `tmp`;
                # put it back where it was, ours goes, and the save is refused.
                _exchange(tmp, real)
                LAST.replaced = False
                raise _conflict(shown)
            else:
                os.unlink(tmp)  # the replaced version, already kept as a backup
        finally:
            if fd is not None:
                os.close(fd)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if made is not None:
            for doomed in (made, made.with_name(made.name + ".json")):
                with contextlib.suppress(OSError):
                    doomed.unlink()
        if isinstance(exc, OSError):
            raise SaveError(f"{shown}: cannot save: {_why(exc)}; the file is unchanged") from None
        raise
    _crash_point("after_replace")
    with contextlib.suppress(OSError):
        _fsync_dir(real.parent)
    prune_backups(real)
    _remove_stale_temps(real)
    return kept


def _write_meta(kept: Path, change: str, payload: bytes, fresh: bool) -> None:
    """Record what the save does next to the backup of the version it replaces. For
    a fresh backup a failure stops the save (OSError); for the newest backup reused
    as is, the old record is simply overwritten."""
    meta = kept.with_name(kept.name + ".json")
    try:
        write_atomic(meta, _meta_bytes(change, payload), 0o600)
    except OSError:
        if fresh:
            raise


def _still(fd: int, swapped: str, before: os.stat_result) -> bool:
    """After the exchange: what was swapped out is the file devnet read and copied
    (same inode, unchanged size and mtime; the rename itself changed its ctime)."""
    now, there = os.fstat(fd), os.lstat(swapped)
    same_file = (there.st_dev, there.st_ino) == (before.st_dev, before.st_ino)
    return same_file and _identity(now)[:4] == _identity(before)[:4]


_RENAME_EXCHANGE = 2
_LIBC: Any = None
EXCHANGE = True
"""Swap names atomically where Linux can; False: the plain rename after the check
(what every other system does; the fault-injection tests patch os.replace)."""


def _exchange(tmp: str, real: Path) -> bool:
    """Swap the two paths atomically (Linux renameat2 RENAME_EXCHANGE), Ctrl-C held
    back as for a replace. False where the system or file system cannot (then the
    caller renames as usual)."""
    global _LIBC
    if not EXCHANGE or not sys.platform.startswith("linux"):
        return False
    if _LIBC is None:
        import ctypes
        import ctypes.util

        try:
            _LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            _LIBC.renameat2  # noqa: B018 (glibc 2.28 or later has it)
        except (OSError, AttributeError):
            _LIBC = False
    if _LIBC is False:
        return False
    at_fdcwd = -100
    block = hasattr(signal, "pthread_sigmask")
    if block:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        done = _LIBC.renameat2(
            at_fdcwd, os.fsencode(tmp), at_fdcwd, os.fsencode(str(real)), _RENAME_EXCHANGE
        )
        if done == 0:
            LAST.replaced = True
            return True
        return False
    finally:
        if block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _replace(tmp: str, real: Path) -> None:
    """os.replace with Ctrl-C held back until `LAST.replaced` tells the truth."""
    block = hasattr(signal, "pthread_sigmask")
    if block:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        os.replace(tmp, real)
        LAST.replaced = True
    finally:
        if block:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _newer_error(loaded: Loaded) -> NewerSchemaError:
    return NewerSchemaError(
        f"{loaded.path}: written by a newer devnet (file format {loaded.network.schema_}, "
        f"this devnet knows {SCHEMA_VERSION}); upgrade devnet to change it. "
        "Nothing was changed."
    )


def save(loaded: Loaded, change: str = "") -> bool:
    """Write `loaded.network` over the file it came from, if it changed, keeping the
    previous bytes as a backup with `change` (what this save does) recorded beside it.
    The caller holds the lock. Refuses if the file changed on disk since it was read."""
    if loaded.newer:
        raise _newer_error(loaded)
    payload = serialize(loaded.network, loaded.known)
    if payload == loaded.raw:
        return False
    try:
        _check_size(payload, loaded.path)
    except DataFileError:  # never write a file devnet itself would refuse to read
        raise SaveError(
            f"{loaded.path}: the network would grow too big for devnet to read back; "
            "nothing was changed"
        ) from None
    replace_contents(loaded.real, loaded.path, loaded.raw, payload, change)
    loaded.raw = payload
    loaded.known = None
    loaded.written = True
    return True


@contextlib.contextmanager
def transaction(path: Path, change: str = "") -> Iterator[Loaded]:
    """Lock, load, let the caller change `network`, save if it changed. An exception
    inside the block writes nothing."""
    real = existing(path)  # no lock file is made beside a missing or odd target
    refuse_read_only(real, path)
    with locked(real):
        loaded = load(path, for_save=True)
        if loaded.newer:
            raise _newer_error(loaded)
        if not loaded.has_comments and b"#" in loaded.raw:
            # A comment after a value (`x = 1  # why`) is not at a line's start: the file
            # has comments when it holds more '#' than the values devnet would write back.
            loaded.has_comments = serialize(loaded.network, loaded.known).count(
                b"#"
            ) < loaded.raw.count(b"#")
        yield loaded
        save(loaded, change)


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


# --- restore, undo and doctor ----------------------------------------------------------


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


class Restored(NamedTuple):
    """What `restore` or `undo` did: the backup brought back, whether the file changed,
    and the backup that keeps the version it replaced (None if there was no file)."""

    backup: Backup
    changed: bool
    kept: Path | None = None
    change: str = ""


def _loadable_backup(backup: Backup) -> bytes:
    raw = _read_capped(backup.path, backup.path)
    try:
        from_bytes(raw, backup.path)  # a broken backup is never restored
    except DataFileError as exc:
        first = exc.message.splitlines()[0]
        raise DataFileError(
            f"backup {backup.path.name} does not load, so it was not restored "
            f"({first}); pick another with `devnet restore --list`"
        ) from None
    return raw


def _holds(real: Path, raw: bytes) -> bool:
    """Whether the file at `real` holds exactly `raw` (read no more than needed)."""
    try:
        if os.stat(real).st_size != len(raw):
            return False
        with real.open("rb") as handle:
            return handle.read(len(raw) + 1) == raw
    except OSError:
        return False


def restore(path: Path, name: str) -> Restored:
    """Put a backup's bytes back in place, atomically and under the lock, after
    checking that they load; the current file, whatever it holds, is kept as a backup
    first (or nothing happens)."""
    real = real_path(path)
    with locked(real):
        backup = find_backup(path, name)
        raw = _loadable_backup(backup)
        if _holds(real, raw):
            return Restored(backup, changed=False)
        kept = replace_contents(real, path, None, raw, f"restore {backup.path.name}")
        return Restored(backup, changed=True, kept=kept)


UNDO_PREFIX = "the undo of "


def undo(path: Path) -> Restored:
    """Take back the last change devnet saved: bring back the version before it (the
    newest backup), keeping the current one as a backup, so an undo can be undone.
    Refuses when the file is not what that change wrote (edited since by hand or by
    another tool), or when the change was not recorded."""
    real = existing(path)
    refuse_read_only(real, path)
    with locked(real):
        found = backups(real)
        if not found:
            raise DataFileError(f"{path}: nothing to undo: devnet has kept no earlier version")
        newest = found[-1]
        meta = newest.meta()
        change = meta.get("change", "")
        if not change or not meta.get("after"):
            raise DataFileError(
                f"{path}: devnet has no record of the last change, so it will not guess; "
                "pick a version with `devnet restore --list`"
            )
        if _sha256(real).hex() != meta["after"]:
            raise DataFileError(
                f"{path}: changed since devnet's last change ({change}), by hand or by "
                "another tool; nothing was undone. Pick a version with `devnet restore --list`"
            )
        raw = _loadable_backup(newest)
        if change.startswith(UNDO_PREFIX):
            again = change[len(UNDO_PREFIX) :]
        else:
            again = UNDO_PREFIX + change
        kept = replace_contents(real, path, None, raw, again)
        return Restored(newest, changed=True, kept=kept, change=change)


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


class Check(NamedTuple):
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
