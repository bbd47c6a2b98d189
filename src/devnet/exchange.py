"""Moving a network in and out: the export documents (JSON, developer CSV, iCalendar,
Graphviz DOT), reading import files into validated records, and merging them into a
network. Pure: no printing, no files, no clock (the caller passes `today`)."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from pydantic import ValidationError

from devnet.analysis import need_label, snapshot
from devnet.errors import DataFileError, UsageError
from devnet.model import (
    CLOSENESS_LABELS,
    RELATIONS,
    SCHEMA_VERSION,
    Checkin,
    Goal,
    Network,
    Person,
    choice,
    is_valid_id,
    slugify,
    validation_messages,
)
from devnet.render import jsonable
from devnet.render.clean import csv_cell, csv_text, csv_uncell, csv_untext, dumps, safe

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "relation",
    "context",
    "functions",
    "goals",
    "expertise",
    "cadence",
    "scheduler",
    "learn",
    "offer",
    "split",
    "request",
    "until",
    "closeness",
    "members",
    "since",
    "status",
    "history",
)
"""One row per developer, in this order; every field of a developer has a column.
`status` is the status now (derived from `history`: on import, it only matters for a
row without history); `history` lists each change as `DATE STATUS` or `DATE STATUS:
NOTE`, joined by ';'."""
CSV_LEGACY = ("status_date", "status_note")
"""Columns of a schema 1 export, still accepted on import (one change of status)."""
CSV_REQUIRED = ("name", "relation", "context")
CSV_LISTS = ("functions", "goals", "expertise")
CSV_WORDS = ("relation", "scheduler", "request", "status", "cadence")
CSV_INTS = ("split", "closeness", "members")
CSV_DATES = ("until", "since", "status_date")
_CHANGE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})\s+([a-z-]+)(?::\s?(.*))?", re.DOTALL)
LIST_SEPARATOR = ";"
"""List cells join items with ';'. A ';' or '\\' inside an item is escaped with a
backslash, so free text such as expertise round-trips."""
MAX_IMPORT_BYTES = 50 * 1024 * 1024
MAX_PROBLEMS = 10
MAX_IMPORT_RECORDS = 2 * (10_000 + 1_000 + 100_000)
"""Twice what a network file may hold (store's MAX_PEOPLE, MAX_GOALS, MAX_CHECKINS):
counted on the raw bytes (objects for JSON, lines for CSV) before anything is parsed,
so a hostile import costs a scan, not gigabytes of records."""
MAX_IMPORT_VALUES = 30 * MAX_IMPORT_RECORDS
"""Items (commas) a JSON import may hold: a record has a dozen fields and short lists."""

Kind = Literal["goal", "developer", "checkin"]
KINDS: tuple[Kind, ...] = ("developer", "goal", "checkin")
_NOUNS = {"developer": "developer", "goal": "goal", "checkin": "check-in"}

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _clean(value: str) -> str:
    """Text for a calendar or a graph: CRLF and CR as LF; every other control, bidi or
    invisible character but tab shown as an escape such as \\x1b (render.clean.safe)."""
    return safe(value.replace("\r\n", "\n").replace("\r", "\n"), lines=True)


def _one_line(value: str) -> str:
    return " ".join(_clean(value).split("\n"))


# --- JSON ------------------------------------------------------------------------------


def export_doc(network: Network, as_of: date | None = None) -> dict[str, Any]:
    """The whole network as the contract's JSON: the file's fields, goals and people as
    arrays of objects with their `id`, check-ins as an array (those after `as_of` left
    out when it is given)."""
    doc = network.to_doc()
    checkins = doc.get("checkins", [])
    if as_of is not None:
        checkins = [c for c in checkins if c["date"] <= as_of]
    out = {
        "schema": doc["schema"],
        "profile": doc["profile"],
        "goals": [{"id": k, **v} for k, v in doc.get("goals", {}).items()],
        "people": [{"id": k, **v} for k, v in doc.get("people", {}).items()],
        "checkins": checkins,
    }
    result: dict[str, Any] = jsonable(out)
    return result


def export_json(network: Network, as_of: date | None = None) -> str:
    """The JSON export; control, bidi and invisible characters as \\uXXXX escapes."""
    return dumps(export_doc(network, as_of)) + "\n"


# --- CSV -------------------------------------------------------------------------------


def _escape_item(item: str) -> str:
    return item.replace("\\", "\\\\").replace(LIST_SEPARATOR, "\\" + LIST_SEPARATOR)


def join_items(items: Iterable[str]) -> str:
    """A list cell: items joined by ';', with '\\' and ';' inside an item escaped."""
    return LIST_SEPARATOR.join(_escape_item(i) for i in items)


def split_items(cell: str) -> list[str]:
    """The inverse of join_items; items are trimmed and empty ones dropped. A backslash
    before anything other than ';' or '\\' stays as typed."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for c in chars:
        if c == "\\":
            nxt = next(chars, None)
            if nxt is None:
                current.append("\\")
            elif nxt in ("\\", LIST_SEPARATOR):
                current.append(nxt)
            else:
                current.extend(("\\", nxt))
        elif c == LIST_SEPARATOR:
            items.append("".join(current))
            current = []
        else:
            current.append(c)
    items.append("".join(current))
    return [i.strip() for i in items if i.strip()]


def _csv_cell(value: Any) -> str:
    """A value as a CSV cell that neither a terminal nor a spreadsheet acts on: control,
    bidi and invisible characters as \\uXXXX, a risky first character behind a `'`
    (render.clean); `import` undoes both."""
    if value is None:
        return ""
    if isinstance(value, list):
        return csv_cell(join_items(csv_text(v) for v in value))
    if isinstance(value, date):
        return value.isoformat()
    return csv_cell(csv_text(str(value)))


def export_csv(network: Network) -> str:
    """One row per developer (sorted by id) under a header of CSV_COLUMNS. An empty
    cell means "not set". Cells are written by `_csv_cell`, read back by `_csv_person`."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for pid in sorted(network.people):
        person = network.people[pid]
        data = person.model_dump(mode="python")
        data["id"] = pid
        data["status"] = person.status
        data["history"] = [
            f"{h.date.isoformat()} {h.status}" + (f": {h.note}" if h.note else "")
            for h in person.history
        ]
        writer.writerow([_csv_cell(data.get(col)) for col in CSV_COLUMNS])
    return buffer.getvalue()


# --- iCalendar -----------------------------------------------------------------------------


def _rrule(days: int) -> dict[str, Any]:
    """Exact recurrence for a cadence in days: weeks when it divides, else days.
    (Monthly is 30 days and yearly 365 in devnet, so calendar months would drift.)"""
    if days % 7 == 0:
        freq, interval = "weekly", days // 7
    else:
        freq, interval = "daily", days
    rule: dict[str, Any] = {"freq": freq}
    if interval > 1:
        rule["interval"] = interval
    return rule


_SCHEDULER_TEXT = {
    "me": "You set up the conversation.",
    "them": "They usually set up the conversation; a short note restarts it.",
    "both": "Either of you sets up the conversation.",
}


def export_ics(network: Network, as_of: date) -> bytes:
    """One all-day event per active developer with a cadence (not a closing one:
    nothing new is booked with someone you are leaving), starting
    at their `next` date (the as-of date instead when they are overdue, as PRODUCT.md
    says; a `due` developer keeps their `next` date even when it has passed), repeating
    at the cadence. Text goes through `_clean`, so no control character other than a tab
    reaches the calendar. Output is reproducible for a fixed `as_of`."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//devnet//developmental network//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _one_line(f"devnet: {network.profile.name}'s conversations"))
    stamp = datetime.combine(as_of, time(0), tzinfo=UTC)
    for entry in sorted(snapshot(network, as_of).due, key=lambda d: d.id):
        person = network.people[entry.id]
        days = person.cadence_days
        if entry.next is None or days is None or entry.status == "closing":
            continue
        start = as_of if entry.status == "overdue" else entry.next
        lines = []
        if person.learn and person.learn.strip():
            lines.append(f"What to learn: {_clean(person.learn)}")
        if person.offer and person.offer.strip():
            lines.append(f"What you offer: {_clean(person.offer)}")
        if person.functions:
            lines.append(f"Functions: {', '.join(person.functions)}")
        if person.scheduler is not None:
            lines.append(_SCHEDULER_TEXT[person.scheduler])
        last = entry.last.isoformat() if entry.last else "none yet"
        lines.append(f"Cadence: {person.cadence} ({days} days); last conversation: {last}.")
        lines.append(f"Afterwards, log it: devnet checkin {entry.id}")
        event = Event()
        event.add("uid", f"{entry.id}@devnet")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        if start < date.max:  # RFC 5545: an all-day event without DTEND lasts one day
            event.add("dtend", start + timedelta(days=1))
        event.add("rrule", _rrule(days))
        event.add("summary", f"Talk with {_one_line(person.name)}")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    payload: bytes = cal.to_ical()
    return payload


# --- Graphviz DOT ----------------------------------------------------------------------------


def dot_string(value: str) -> str:
    """A DOT quoted string: backslashes and quotes escaped, so label escapes such as
    \\N cannot be smuggled in; a newline becomes a line break; controls dropped."""
    text = _clean(value).replace("\t", " ")
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _attrs(**values: str | int) -> str:
    parts = [
        f"{key}={value if isinstance(value, int) else dot_string(value)}"
        for key, value in values.items()
    ]
    return f"[{', '.join(parts)}]"


def export_dot(network: Network, as_of: date) -> str:
    """The network as an undirected Graphviz graph: the owner, one cluster per relation
    holding its active and paused developers who had joined by `as_of` (ended ones are
    history, left out), an edge from the owner to each labelled with the functions, and
    the needs of active goals that nobody covers as red dashed nodes."""
    profile = network.profile
    owner = profile.name + (f"\n{profile.stage} career" if profile.stage else "")
    if profile.org:
        owner += f" · {profile.org}"
    lines = [
        "graph devnet {",
        "  graph " + _attrs(rankdir="LR", fontname="Helvetica", label=f"as of {as_of}") + ";",
        "  node " + _attrs(fontname="Helvetica", shape="box", style="rounded") + ";",
        "  edge " + _attrs(fontname="Helvetica", fontsize=10) + ";",
        "  owner " + _attrs(label=owner, shape="doubleoctagon", style="bold") + ";",
    ]
    snap = snapshot(network, as_of)
    states = {pid: ps.state for pid, ps in snap.people.items() if ps.state != "ended"}
    people = {pid: snap.people[pid].person for pid in states}
    for relation in RELATIONS:
        members = [pid for pid, p in people.items() if p.relation == relation]
        if not members:
            continue
        lines.append(f"  subgraph {dot_string('cluster_' + relation)} {{")
        lines.append(f"    label={dot_string(relation)};")
        for pid in members:
            p = people[pid]
            label = f"{p.name}\n{p.context}"
            if states[pid] in ("paused", "closing"):
                label += f"\n({states[pid]})"
            style = "rounded,dashed" if states[pid] == "paused" else "rounded"
            lines.append(f"    {dot_string('p:' + pid)} " + _attrs(label=label, style=style) + ";")
        lines.append("  }")
    for pid, p in people.items():
        label = ", ".join(p.functions) or "-"
        attrs: dict[str, str | int] = {"label": label, "penwidth": p.closeness or 1}
        if p.closeness is not None:
            attrs["tooltip"] = CLOSENESS_LABELS[p.closeness]
        if states[pid] == "paused":
            attrs["style"] = "dashed"
        lines.append(f"  owner -- {dot_string('p:' + pid)} " + _attrs(**attrs) + ";")
    for gc in snap.coverage:
        for cell in gc.cells:
            if cell.status != "gap":
                continue
            node = dot_string(f"gap:{gc.id}:{cell.need}")
            label = f"gap: {need_label(cell.need)}\nfor {gc.title}"
            lines.append(
                f"  {node} "
                + _attrs(label=label, color="red", fontcolor="red", style="dashed")
                + ";"
            )
            lines.append(f"  owner -- {node} " + _attrs(color="red", style="dotted") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"


# --- the registry of formats ---------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    """One export format: its name, the file extensions that choose it, and the
    function that writes it from the network and a day. `as_of` is None when the
    user gave none (the JSON export then keeps every check-in); `today` is the day
    the other formats show otherwise."""

    name: str
    extensions: tuple[str, ...]
    what: str
    """What the format is for, as the --format help says it."""
    write: Callable[[Network, date | None, date], bytes]
    importable: bool = False
    signature: re.Pattern[bytes] | None = None
    """How a file of this format starts, to recognise one without an extension."""


EXPORTS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "json",
            (".json",),
            "everything, lossless",
            lambda net, as_of, _today: export_json(net, as_of).encode(),
            importable=True,
            signature=re.compile(rb"[{\[]"),  # an array too: told it is not an export
        ),
        Format(
            "csv",
            (".csv",),
            "developers, for a spreadsheet",
            lambda net, _as_of, _today: export_csv(net).encode(),
            importable=True,
        ),
        Format(
            "ics",
            (".ics",),
            "next conversations, for a calendar",
            lambda net, as_of, today: export_ics(net, as_of or today),
            signature=re.compile(rb"BEGIN:VCALENDAR", re.IGNORECASE),
        ),
        Format(
            "dot",
            (".dot", ".gv"),
            "a Graphviz graph",
            lambda net, as_of, today: export_dot(net, as_of or today).encode(),
            signature=re.compile(rb"(strict\s+)?(di)?graph\b", re.IGNORECASE),
        ),
    )
}
"""Every export format, in the order help lists them; `export` and `import` have no
per-format branches."""
FORMATS = tuple(EXPORTS)
IMPORTS = tuple(name for name, f in EXPORTS.items() if f.importable)


def export_format(name: str | None, output: str | None) -> Format:
    """The format named by --format, else the one the --output extension names, else
    JSON. An unknown name is a usage error with the valid list."""
    if name is not None:
        return EXPORTS[choice(name, tuple(EXPORTS), "format")]
    suffix = os.path.splitext(output or "")[1].lower()
    return next((f for f in EXPORTS.values() if suffix in f.extensions), EXPORTS["json"])


# --- reading an import file ------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One record of an import file before validation: where it is, for messages."""

    kind: Kind
    where: str
    data: dict[str, Any]


@dataclass
class RawImport:
    """An import file read and split into records, not yet validated."""

    format: Literal["json", "csv"]
    entries: list[Entry]


def _decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_IMPORT_BYTES:
        raise DataFileError(f"{name}: larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataFileError(f"{name}:{line}:{col}: not valid UTF-8 text") from None


def detect_format(raw: bytes, name: str) -> Literal["json", "csv"]:
    """By extension, else by content (a JSON document starts with '{'; else CSV). A
    calendar or a graph, which devnet only writes, is refused with a usage error."""
    lower = name.lower()
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:64]
    if lower.endswith(".toml") or re.match(rb"schema\s*=", head):
        raise UsageError(
            f"{name}: a devnet network file, not an export; import takes what devnet "
            f"export --format {' or '.join(IMPORTS)} writes (devnet --file {name} export "
            "--format json > network.json makes one)"
        )
    found = next((f for f in EXPORTS.values() if lower.endswith(f.extensions)), None)
    if found is None:
        found = next(
            (f for f in EXPORTS.values() if f.signature and f.signature.match(head)),
            EXPORTS["csv"],
        )
    if not found.importable:
        raise UsageError(
            f"{name}: {found.name} ({found.what}) is an export-only format; import takes "
            f"what devnet export --format {' or '.join(IMPORTS)} writes"
        )
    return "json" if found.name == "json" else "csv"


def read_import(raw: bytes, name: str) -> RawImport:
    """Split an import file (devnet JSON or developer CSV) into records. A file that
    cannot be read at all raises DataFileError; record problems come later."""
    kind = detect_format(raw, name)
    _bounded(raw, kind, name)
    text = _decode(raw, name)
    if kind == "json":
        return RawImport("json", list(_json_entries(text, name)))
    return RawImport("csv", list(_csv_entries(text, name)))


def _bounded(raw: bytes, kind: str, name: str) -> None:
    """Refuse, from a count on the bytes, a file with more records than a network may
    hold: parsing and validating a million of them would take minutes and gigabytes."""
    records = raw.count(b"{") if kind == "json" else raw.count(b"\n")
    values = raw.count(b",") if kind == "json" else 0
    if records > MAX_IMPORT_RECORDS or values > MAX_IMPORT_VALUES:
        raise DataFileError(
            f"{name}: too many records for one network (at most {MAX_IMPORT_RECORDS:,}); "
            "nothing was imported"
        )


_JSON_ERRORS = {
    "Expecting value": "expected a value",
    "Expecting ',' delimiter": "expected ',' between items",
    "Expecting ':' delimiter": "expected ':' after a key",
    "Expecting property name enclosed in double quotes": "expected a key in double quotes",
    "Extra data": "more text after the end of the JSON document",
    "Unterminated string starting at": "unterminated string",
    "Invalid control character at": "a control character inside a string",
}


def _json_error(exc: json.JSONDecodeError, name: str) -> DataFileError:
    """A JSON syntax error as one complete sentence with its line and column; an error
    at the very end (or an unterminated string) most likely means a truncated file."""
    what = _JSON_ERRORS.get(exc.msg)
    if what is None:
        what = re.sub(r"( starting)? at$", "", exc.msg)
        what = what[:1].lower() + what[1:]
    if exc.msg.startswith("Unterminated") or exc.pos >= len(exc.doc.rstrip()):
        what += " (is the file truncated?)"
    return DataFileError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {what}")


MAX_DIGITS = 30
"""Longer whole numbers are refused while parsing: no devnet field needs them, and
Python refuses to convert more than 4300 digits."""


class _Refused(Exception):
    """Raised from inside json.loads for what devnet refuses to read."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose keys are unique: a repeated key would silently win."""
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _Refused(
                f"the key {safe(key[:40])!r} appears twice in one object, so which value "
                "counts is unclear"
            )
        obj[key] = value
    return obj


def _small_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _Refused(
            f"a number {len(digits.lstrip('-'))} digits long (devnet's numbers have at most "
            f"{MAX_DIGITS})",
            digits,
        )
    return int(digits)


def _no_constant(word: str) -> Any:
    raise _Refused(f"{word} is not a number JSON allows", word)


def _json_entries(text: str, name: str) -> Iterator[Entry]:
    try:
        doc = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_small_int,
            parse_constant=_no_constant,
        )
    except json.JSONDecodeError as exc:
        raise _json_error(exc, name) from None
    except RecursionError:
        raise DataFileError(f"{name}: not a devnet export: nested too deeply") from None
    except _Refused as exc:
        where = name
        if len(exc.args) > 1:  # the number itself: say where it is
            at = text.find(exc.args[1])
            line = text.count("\n", 0, at) + 1
            where += f":{line}:{at - (text.rfind(chr(10), 0, at) + 1) + 1}"
        raise DataFileError(f"{where}: {exc.args[0]}; nothing was imported") from None
    if not isinstance(doc, dict):
        raise DataFileError(f"{name}: not a devnet export: expected a JSON object")
    version = doc.get("schema")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DataFileError(
            f"{name}: missing or invalid `schema`; is this a devnet export "
            "(devnet export --format json)?"
        )
    if version > SCHEMA_VERSION:
        raise DataFileError(
            f"{name}: written by a newer devnet (format {version}, this devnet knows "
            f"{SCHEMA_VERSION}); upgrade devnet to import it"
        )
    if version == 1:  # schema 1 kept one status per record: make it a history
        from devnet.migrate import status_to_history

        for section in ("goals", "people"):
            records = doc.get(section)
            values = records.values() if isinstance(records, dict) else records or []
            for record in values if isinstance(values, Iterable) else []:
                if isinstance(record, dict):
                    status_to_history(record, record.get("since"), "active")
    unknown = sorted(set(doc) - {"schema", "profile", "goals", "people", "checkins"})
    if unknown:
        raise DataFileError(f"{name}: unknown key {unknown[0]!r}; nothing was imported")
    sections: tuple[tuple[str, Kind], ...] = (
        ("goals", "goal"),
        ("people", "developer"),
        ("checkins", "checkin"),
    )
    for section, kind in sections:
        records = doc.get(section, [])
        expected = f"{name}: {section}: expected an array of {_NOUNS[kind]}s"
        if isinstance(records, dict) and section != "checkins":
            # The file's own form, keyed by id, is accepted too; an object whose values
            # are not records is neither form.
            if not all(isinstance(v, dict) for v in records.values()):
                raise DataFileError(expected)
            records = [{"id": k, **v} for k, v in records.items()]
        if not isinstance(records, list):
            raise DataFileError(expected)
        for i, record in enumerate(records):
            where = f"{name}: {section}[{i}]"
            if not isinstance(record, dict):
                yield Entry(kind, where, {"__error__": "expected an object"})
                continue
            yield Entry(kind, where, record)


def _csv_entries(text: str, name: str) -> Iterator[Entry]:
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise DataFileError(f"{name}: empty file; expected a header row of column names")
        columns = [h.strip().lower() for h in header]
        known = {*CSV_COLUMNS, *CSV_LEGACY}
        for col in columns:
            if col not in known:
                raise DataFileError(
                    f"{name}:1: unknown column {col!r}; columns: {', '.join(CSV_COLUMNS)}"
                )
        dup = [c for c, n in Counter(columns).items() if n > 1]
        if dup:
            raise DataFileError(f"{name}:1: column {dup[0]!r} appears twice")
        missing = [c for c in CSV_REQUIRED if c not in columns]
        if missing:
            raise DataFileError(f"{name}:1: missing column {missing[0]!r}")
        start = reader.line_num + 1
        for row in reader:
            where = f"{name}:{start}"
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(columns):
                yield Entry(
                    "developer",
                    where,
                    {"__error__": f"{len(row)} cells but {len(columns)} columns"},
                )
                continue
            yield Entry("developer", where, dict(zip(columns, row, strict=False)))
    except csv.Error as exc:
        raise DataFileError(f"{name}:{reader.line_num}: not a valid CSV file: {exc}") from None


# --- validating records ------------------------------------------------------------------------


@dataclass
class Incoming:
    """Validated records of an import file, in file order, and the problems found."""

    goals: list[tuple[str, str, Goal]] = field(default_factory=list)
    people: list[tuple[str, str, Person]] = field(default_factory=list)
    checkins: list[tuple[str, Checkin]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    invalid: int = 0
    invalid_ids: dict[Kind, set[str]] = field(default_factory=dict)
    """Ids of goals and developers whose record is invalid, so that records referring
    to them say so instead of calling the id unknown."""
    format: Literal["json", "csv"] = "json"
    """A CSV carries developers only, so `merge` drops its unknown goal references."""
    stopped: bool = False
    """Validation stopped early: the import is refused anyway, and the first problems
    say enough (a file of a hundred thousand bad records costs no more than that)."""


class _Invalid(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages)
        self.messages = messages


def _validate_json(model: type[Goal] | type[Person] | type[Checkin], data: dict[str, Any]) -> Any:
    clean = {k: v for k, v in data.items() if v is not None}
    try:
        return model.model_validate_json(json.dumps(clean))
    except ValidationError as exc:
        raise _Invalid(validation_messages(exc)) from None
    except (ValueError, RecursionError):
        raise _Invalid(["not valid JSON data"]) from None


def _take_id(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    rest = dict(data)
    value = rest.pop("id", None)
    if not isinstance(value, str) or not is_valid_id(value):
        shown = "missing" if value is None else f"invalid id {value!r}"
        raise _Invalid([f"id: {shown}: use lower-case letters, digits and '-' (at most 64)"])
    return value, rest


def _csv_person(cells: Mapping[str, str], today: date) -> tuple[str, Person]:
    """A developer from one CSV row: words lower-cased, numbers and dates parsed, an
    empty cell left unset (an empty `since` is today, an empty `id` the name's slug)."""
    data: dict[str, Any] = {}
    problems: list[str] = []
    for col, raw in cells.items():
        if col == "id":
            continue
        cell = csv_uncell(raw)
        if col == "history":
            changes = [_CHANGE_RE.fullmatch(item) for item in split_items(cell)]
            if any(m is None for m in changes):
                problems.append("history: expected changes such as '2026-03-01 paused'")
            else:
                data[col] = [
                    {"date": _iso(m.group(1), col, problems), "status": m.group(2)}
                    | ({"note": csv_untext(m.group(3))} if m.group(3) else {})
                    for m in changes
                    if m is not None
                ]
            continue
        if col in CSV_LISTS:
            if col == "expertise":
                items = [csv_untext(i) for i in split_items(cell)]
            else:  # vocabulary and ids: ',' separates too, case does not matter
                items = [i.strip().lower() for i in re.split("[;,]", cell) if i.strip()]
            if items:
                data[col] = items
            continue
        if not cell.strip():
            continue
        if col in CSV_WORDS:
            data[col] = cell.strip().lower()
        elif col in CSV_INTS:
            try:
                data[col] = int(cell.strip())
            except ValueError:
                problems.append(f"{col}: expected a whole number, not {cell.strip()[:20]!r}")
        elif col in CSV_DATES:
            value = cell.strip()
            try:
                if not _DATE_RE.fullmatch(value):
                    raise ValueError
                data[col] = date.fromisoformat(value)
            except ValueError:
                problems.append(f"{col}: expected a date as YYYY-MM-DD, not {value[:20]!r}")
        else:
            data[col] = csv_untext(cell)
    data.setdefault("since", today)
    legacy = {k: data.pop(k) for k in ("status", *CSV_LEGACY) if k in data}
    if "history" not in data:  # a row without history: its status, as schema 1 kept it
        _v1_status(legacy, data)
    pid = csv_uncell(cells.get("id") or "").strip()
    if not pid:
        pid = slugify(str(data.get("name", "")))
        if not pid:
            problems.insert(0, "id: empty, and no name to make one from")
    elif not is_valid_id(pid):
        problems.insert(0, f"id: invalid id {pid!r}: use lower-case letters, digits and '-'")
    try:
        person = Person.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_messages(exc))
    if problems:
        raise _Invalid(list(dict.fromkeys(problems)))
    return pid, person


def _iso(text: str, col: str, problems: list[str]) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"{col}: there is no day {text!r}")
        return None


def _v1_status(legacy: dict[str, Any], data: dict[str, Any]) -> None:
    from devnet.migrate import status_to_history

    data.update(legacy)
    status_to_history(data, data.get("since"), "active")
    since, history = data.get("since"), data.get("history") or []
    if history and isinstance(since, date) and isinstance(history[0].get("date"), date):
        data["since"] = min(since, history[0]["date"])


def validate(
    raw: RawImport,
    today: date,
    progress: Callable[[int], None] | None = None,
    stop_after: int | None = None,
) -> Incoming:
    """Validate every record on its own (references are checked by `merge`, which
    knows the network). `progress` is called with the number of records done. With
    `stop_after`, validation stops once that many problems are found."""
    incoming = Incoming(format=raw.format)
    seen: dict[tuple[Kind, str], str] = {}
    for n, entry in enumerate(raw.entries, 1):
        if stop_after is not None and len(incoming.problems) >= stop_after:
            incoming.stopped = True
            break
        try:
            if "__error__" in entry.data:
                raise _Invalid([str(entry.data["__error__"])])
            if entry.kind == "checkin":
                incoming.checkins.append((entry.where, _validate_json(Checkin, entry.data)))
            elif raw.format == "csv":
                pid, person = _csv_person(entry.data, today)
                _unique(seen, "developer", pid, entry.where)
                incoming.people.append((entry.where, pid, person))
            else:
                rid, rest = _take_id(entry.data)
                _unique(seen, entry.kind, rid, entry.where)
                if entry.kind == "goal":
                    incoming.goals.append((entry.where, rid, _validate_json(Goal, rest)))
                else:
                    incoming.people.append((entry.where, rid, _validate_json(Person, rest)))
        except _Invalid as exc:
            incoming.invalid += 1
            incoming.problems.extend(f"{entry.where}: {m}" for m in exc.messages)
            bad_id = entry.data.get("id")
            if entry.kind != "checkin" and isinstance(bad_id, str) and is_valid_id(bad_id):
                incoming.invalid_ids.setdefault(entry.kind, set()).add(bad_id)
        if progress is not None and (n % 250 == 0 or n == len(raw.entries)):
            progress(n)
    return incoming


def _unique(seen: dict[tuple[Kind, str], str], kind: Kind, rid: str, where: str) -> None:
    first = seen.setdefault((kind, rid), where)
    if first != where:
        raise _Invalid([f"id: {rid!r} appears twice in the file (first at {first})"])


# --- merging -----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did, per kind of record."""

    added: Counter[str] = field(default_factory=Counter)
    replaced: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    """Existing goals or developers that differ and were kept (no --update)."""
    present: Counter[str] = field(default_factory=Counter)
    """Records identical to one already in the network."""
    problems: list[str] = field(default_factory=list)
    invalid: int = 0
    dropped_goals: dict[str, list[str]] = field(default_factory=dict)
    """CSV imports: goal id -> the ids of the developers written (added or replaced)
    whose reference to that goal was dropped because the goal is in neither the
    network nor the file."""
    goalless: list[str] = field(default_factory=list)
    """Of those developers, the ones left listing no goal at all (so they now count
    toward every goal)."""

    @property
    def changed(self) -> bool:
        return bool(sum(self.added.values()) or sum(self.replaced.values()))

    def summary(self) -> str:
        """One line, e.g. "added 3 developers, 2 goals, 40 check-ins; skipped 1
        existing developer (--update replaces it)"."""

        def listing(counts: Counter[str], adjective: str = "") -> str:
            return ", ".join(
                _plural(counts[k], f"{adjective}{_NOUNS[k]}") for k in KINDS if counts[k]
            )

        parts = []
        if self.changed:
            if sum(self.added.values()):
                parts.append("added " + listing(self.added))
            if sum(self.replaced.values()):
                parts.append("replaced " + listing(self.replaced))
        else:
            parts.append("nothing new")
        if sum(self.skipped.values()):
            one = sum(self.skipped.values()) == 1
            parts.append(
                f"skipped {listing(self.skipped, 'existing ')} that "
                f"{'differs' if one else 'differ'} (--update replaces {'it' if one else 'them'})"
            )
        if sum(self.present.values()):
            parts.append(f"{listing(self.present)} already present")
        if self.invalid:
            parts.append(f"left out {_plural(self.invalid, 'invalid record')}")
        return "; ".join(parts)

    def warnings(self) -> list[str]:
        """One line per dropped goal reference of a CSV import, then one for the
        developers left with no goal, e.g. "goal 'x' is not in this network; dropped
        from 3 developers' goals (a, b, c) — add it with devnet goal add and edit them"."""
        lines = []
        for gid, pids in sorted(self.dropped_goals.items()):
            n = len(pids)
            whose = "1 developer's" if n == 1 else f"{n} developers'"
            lines.append(
                f"goal {gid!r} is not in this network; dropped from {whose} goals "
                f"({_some(pids)}) — add it with devnet goal add and edit "
                f"{'it' if n == 1 else 'them'}"
            )
        if self.goalless:
            n = len(self.goalless)
            lines.append(
                f"{_plural(n, 'developer')} ({_some(self.goalless)}) now "
                f"{'lists' if n == 1 else 'list'} no goal, so "
                f"{'counts' if n == 1 else 'count'} toward every goal until edited"
            )
        return lines


def _some(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"


_CHECKIN_FIELDS = tuple(Checkin.model_fields)


def _key(c: Checkin) -> tuple[object, ...]:
    """Every field of a check-in: two check-ins are identical when these are equal."""
    return tuple(
        tuple(v) if isinstance(v := getattr(c, name), list) else v for name in _CHECKIN_FIELDS
    )


def refusal(problems: list[str], hint: str, stopped: bool = False) -> DataFileError:
    """The error for an import with invalid records: the first problems, one a line."""
    lines = problems[:MAX_PROBLEMS]
    if stopped:
        lines.append(f"... and more: devnet stopped looking after {len(problems)} problems")
    elif len(problems) > MAX_PROBLEMS:
        lines.append(f"... and {len(problems) - MAX_PROBLEMS} more problems")
    lines.append(hint)
    return DataFileError("\n".join(lines))


def merge(
    network: Network, incoming: Incoming, *, update: bool = False, skip_invalid: bool = False
) -> ImportResult:
    """Merge validated records into `network`, in place. Goals and developers whose id
    exists are kept (replaced with `update`); a check-in identical to an existing one
    is not added again (counted as a multiset, so duplicates in the file survive an
    import into an empty network). References must resolve in the merged network,
    except a CSV's references to unknown goals: a CSV carries developers only, so
    those references are dropped and listed in `dropped_goals`. With problems and not
    `skip_invalid`, raises DataFileError and changes nothing."""
    result = ImportResult(problems=list(incoming.problems), invalid=incoming.invalid)
    goal_ids = set(network.goals) | {gid for _, gid, _ in incoming.goals}
    bad_goals = incoming.invalid_ids.get("goal", set())
    bad_people = set(incoming.invalid_ids.get("developer", set()))

    def unknown_goal(where: str, gid: str) -> str:
        if gid in bad_goals:
            return f"{where}: goals: refers to goal {gid!r}, whose record is invalid"
        return f"{where}: goals: unknown goal {gid!r}"

    new_goals: dict[str, Goal] = {}
    for _where, gid, goal in incoming.goals:
        new_goals[gid] = goal
    new_people: dict[str, Person] = {}
    dropped: dict[str, list[str]] = {}
    for where, pid, person in incoming.people:
        unknown = [g for g in person.goals if g not in goal_ids]
        if unknown and incoming.format == "csv":
            dropped[pid] = unknown
            person = person.model_copy(update={"goals": [g for g in person.goals if g in goal_ids]})
        elif unknown:
            result.problems.append(unknown_goal(where, unknown[0]))
            result.invalid += 1
            bad_people.add(pid)
            continue
        new_people[pid] = person
    person_ids = set(network.people) | set(new_people)
    new_checkins: list[Checkin] = []
    for where, checkin in incoming.checkins:
        if checkin.developer not in person_ids:
            pid = checkin.developer
            result.problems.append(
                f"{where}: developer: refers to developer {pid!r}, whose record is invalid"
                if pid in bad_people
                else f"{where}: developer: unknown developer {pid!r}"
            )
            result.invalid += 1
            continue
        unknown = [g for g in checkin.goals if g not in goal_ids]
        if unknown:
            result.problems.append(unknown_goal(where, unknown[0]))
            result.invalid += 1
            continue
        new_checkins.append(checkin)
    if (result.problems or incoming.stopped) and not skip_invalid:
        raise refusal(
            result.problems,
            "nothing was imported; fix these records, or pass --skip-invalid to import the others",
            incoming.stopped,
        )
    _put(network.goals, new_goals, "goal", update, result)
    written = _put(network.people, new_people, "developer", update, result)
    for pid in sorted(written & set(dropped)):
        for gid in dropped[pid]:
            result.dropped_goals.setdefault(gid, []).append(pid)
        if not new_people[pid].goals:
            result.goalless.append(pid)
    have = Counter(_key(c) for c in network.checkins)
    for checkin in new_checkins:
        key = _key(checkin)
        if have[key] > 0:
            have[key] -= 1
            result.present["checkin"] += 1
            continue
        network.checkins.append(checkin)
        result.added["checkin"] += 1
    network.checkins.sort(key=lambda c: (c.date, c.developer))
    return result


def _put(
    target: dict[str, Any], new: Mapping[str, Any], kind: Kind, update: bool, result: ImportResult
) -> set[str]:
    """Put the records into `target`; returns the ids written (added or replaced)."""
    written: set[str] = set()
    for rid, record in new.items():
        old = target.get(rid)
        if old is None:
            target[rid] = record
            result.added[kind] += 1
            written.add(rid)
        elif old == record:
            result.present[kind] += 1
        elif update:
            target[rid] = record
            result.replaced[kind] += 1
            written.add(rid)
        else:
            result.skipped[kind] += 1
    return written
