"""The one place where text from the file is made harmless for every output: terminals
and tables, error messages, JSON, CSV cells (formula injection too), and the finding of
invisible or look-alike characters that `check` and `doctor` flag. Pure, stdlib only."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

# What must never reach an output raw:
# - C0 and C1 controls (ESC, BEL, CSI U+009B...) and DEL;
# - the bidi controls that reorder what follows (U+061C, U+200E/F, U+202A-E, U+2066-9);
# - U+2028/U+2029, which some terminals and editors take for line breaks;
# - invisible characters that make one text look like another: U+00AD soft hyphen,
#   U+034F, U+115F/U+1160/U+3164/U+FFA0 Hangul fillers, U+17B4/5, U+180E, U+200B zero
#   width space, U+2060-4 word joiner and invisible operators, U+FEFF;
# - a zero-width (non-)joiner U+200C/U+200D unless it stands between two visible
#   non-ASCII characters: emoji sequences and some scripts need it, Latin text never.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_LINES = "\n\t"
_HIDDEN = (
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u3164\ufeff\uffa0"
)
_JOINED = f"[^\\x00-\\x9f{_HIDDEN}\\u200c\\u200d]"
_JOINER = f"(?<!{_JOINED})[\\u200c\\u200d]|[\\u200c\\u200d](?!{_JOINED})"
UNSAFE_KEEP_LINES = re.compile(f"[{_CONTROL}{_HIDDEN}]|{_JOINER}")
"""Every character that must be escaped, except newline and tab."""
UNSAFE = re.compile(f"[{_CONTROL}{_LINES}{_HIDDEN}]|{_JOINER}")
"""Every character that must be escaped, newline and tab included (one-line text)."""
_ESCAPED = f"[{_CONTROL}{_HIDDEN}\u200c\u200d]"
"""What an escape written by `csv_text` may stand for."""


def _visible(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def safe(value: object, lines: bool = False) -> str:
    """Text from the file made harmless for a terminal, a table, a message, Markdown,
    an SVG, a calendar or a graph: controls, bidi overrides and invisible characters
    become visible escapes such as `\\x1b` or `\\u200b`; newlines and tabs too unless
    `lines` keeps them. Rich markup is handled by building `Text`, not here."""
    text = "" if value is None else str(value)
    return (UNSAFE_KEEP_LINES if lines else UNSAFE).sub(_visible, text)


# --- JSON ------------------------------------------------------------------------------------


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(data: Any, indent: int | None = 2) -> str:
    """JSON text with every unsafe character (C1 controls, bidi, invisible) written as
    a `\\uXXXX` escape; json already escapes C0. Such characters only occur inside
    strings, so the escaped text parses back to the same data: lossless."""
    import json  # only the --json path pays for it

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    # not UNSAFE: the newlines between items are JSON's own (raw ones in strings are
    # already escaped by json)
    return UNSAFE_KEEP_LINES.sub(_json_escape, text)


# --- CSV -------------------------------------------------------------------------------------

_CSV_ENCODE = r"(\\+)(?=u[0-9A-Fa-f]{4})|(\\*)((?:" + UNSAFE_KEEP_LINES.pattern + r"))"
_CSV_DECODE = r"(\\+)u([0-9A-Fa-f]{4})"
"""Patterns, compiled (and cached by `re`) on first use: only CSV needs them."""
_RISKY_START = re.compile(r"'*[=+\-@\t\r]")
"""A cell a spreadsheet could run as a formula (OWASP CSV injection): it starts with
`=`, `+`, `-`, `@`, a tab or a CR, maybe after quotes already added by devnet."""


def _csv_encode(match: re.Match[str]) -> str:
    if match.group(1) is not None:  # backslashes before a literal "uXXXX": doubled
        return match.group(1) * 2
    return match.group(2) * 2 + f"\\u{ord(match.group(3)):04x}"


def _csv_decode(match: re.Match[str]) -> str:
    run, code = match.group(1), match.group(2)
    char = chr(int(code, 16))
    if len(run) % 2 and re.fullmatch(_ESCAPED, char):
        return "\\" * (len(run) // 2) + char
    if len(run) % 2:  # never written by devnet: a hand-typed escape stays as typed
        return match.group()
    return "\\" * (len(run) // 2) + "u" + code


def csv_text(value: str) -> str:
    """One text value for a CSV cell: unsafe characters (all but newline and tab) as
    `\\uXXXX`, and a run of backslashes before such an escape, or before a literal
    `uXXXX`, doubled so that `csv_untext` gives back exactly `value`."""
    return re.sub(_CSV_ENCODE, _csv_encode, value)


def csv_untext(value: str) -> str:
    """The inverse of `csv_text`."""
    return re.sub(_CSV_DECODE, _csv_decode, value)


def csv_cell(cell: str) -> str:
    """A finished cell made safe for a spreadsheet: one that could start a formula gets
    a leading `'` (OWASP), which `csv_uncell` removes again."""
    return "'" + cell if _RISKY_START.match(cell) else cell


def csv_uncell(cell: str) -> str:
    """The inverse of `csv_cell`: one leading `'` before a risky start is removed."""
    return cell[1:] if cell.startswith("'") and _RISKY_START.match(cell, 1) else cell


# --- invisible and look-alike characters -------------------------------------------------------

_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
_LABELS = ("name", "title", "org", "context")
"""Fields that name someone or something: here an unusual space, or a word mixing
Latin with Cyrillic or Greek letters, makes one name look like another."""


def _char(c: str) -> str:
    name = unicodedata.name(c, "")
    return f"U+{ord(c):04X}" + (f" ({name.lower()})" if name else "")


def _script(c: str) -> str | None:
    if not c.isalpha():
        return None
    first = unicodedata.name(c, "").split(" ", 1)[0]
    return first if first in _SCRIPTS else None


def hidden_characters(value: str, label: bool = False) -> list[str]:
    """What in `value` can act on a terminal or make it look like another text, one
    description each (at most one per character): controls other than newline and
    tab (and CR before a newline), bidi and invisible characters; and, when `label`
    (a name or title), unusual spaces and words mixing scripts."""
    found: dict[str, str] = {}
    for match in UNSAFE_KEEP_LINES.finditer(value):
        c = match.group()
        if c == "\r" and value[match.end() : match.end() + 1] == "\n":
            continue
        kind = "a control character" if unicodedata.category(c) == "Cc" else "an invisible"
        if kind == "an invisible":
            kind += " or direction-changing character"
        found.setdefault(c, f"{kind} {_char(c)} at position {match.start() + 1}")
    if label:
        for match in _ODD_SPACES.finditer(value):
            c = match.group()
            found.setdefault(c, f"an unusual space {_char(c)} at position {match.start() + 1}")
        for n, word in enumerate(value.split(), 1):
            scripts = {s for s in map(_script, word) if s}
            if "LATIN" in scripts and len(scripts) > 1:
                other = sorted(scripts - {"LATIN"})[0].capitalize()
                found.setdefault(word, f"Latin and {other} letters mixed in word {n}")
    return list(found.values())


def _walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")


def suspicious_fields(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field path, description) for every hidden character in a network's document
    (`Network.to_doc()`), e.g. ("people.maria-chen.name", "an invisible ... U+200B ...")."""
    out = []
    for path, value in _walk(doc, ""):
        leaf = path.rsplit(".", 1)[-1]
        for problem in hidden_characters(value, label=leaf in _LABELS):
            out.append((path, problem))
    return out
