"""The one sanitiser of text from the file (render.clean): what it escapes for a
terminal, for JSON, and what it flags as invisible or look-alike."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devnet.render.clean import UNSAFE_KEEP_LINES, dumps, hidden_characters, safe, suspicious_fields


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Eve\x1b[2J", "Eve\\x1b[2J"),
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),
        ("Csi\x9b31m", "Csi\\x9b31m"),
        ("Tom \u202eevil", "Tom \\u202eevil"),
        ("Ma\u200bria", "Ma\\u200bria"),
        ("a\u2028b", "a\\u2028b"),
        ("\ufeffx\u061c", "\\ufeffx\\u061c"),
        ("Ma\u200dria", "Ma\\u200dria"),  # a joiner between Latin letters
        ("👩\u200d💻", "👩\u200d💻"),  # an emoji sequence keeps its joiner
        ("a\tb\nc", "a\\tb\\nc"),
        ("Łukasz Żółć", "Łukasz Żółć"),
    ],
)
def test_safe_shows_what_could_act_on_a_terminal_as_escapes(value: str, shown: str) -> None:
    assert safe(value) == shown


def test_safe_keeps_lines_when_asked() -> None:
    assert safe("a\tb\nc\x1b", lines=True) == "a\tb\nc\\x1b"


@given(st.recursive(st.text(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_is_lossless_and_holds_no_unsafe_character(data: object) -> None:
    text = dumps(data)
    assert json.loads(text) == data
    assert not UNSAFE_KEEP_LINES.search(text)


def test_hidden_characters_name_each_character_and_where() -> None:
    assert hidden_characters("Ma\u200bria Chen") == [
        "an invisible or direction-changing character U+200B (zero width space) at position 3"
    ]
    assert hidden_characters("note\r\nwith CRLF") == []
    assert hidden_characters("Maria\u00a0Chen") == []  # only in names and titles
    assert hidden_characters("Maria\u00a0Chen", label=True) == [
        "an unusual space U+00A0 (no-break space) at position 6"
    ]
    assert hidden_characters("M\u0430ria Chen", label=True) == [
        "Latin and Cyrillic letters mixed in word 1"
    ]
    assert hidden_characters("Мария Чен", label=True) == []  # all Cyrillic is a name


def test_suspicious_fields_give_the_field_path() -> None:
    doc = {
        "profile": {"name": "Sam"},
        "people": {"fake": {"name": "Ma\u200bria", "expertise": ["ok", "\x1b[2J"]}},
        "checkins": [{"note": "fine"}, {"note": "\u202eevil"}],
    }
    paths = [path for path, _ in suspicious_fields(doc)]
    assert paths == ["people.fake.name", "people.fake.expertise[1]", "checkins[1].note"]
