"""render.wrap: wrapping only between words, devnet commands kept whole, and the
layout chosen from the width (a grid when every word fits, a list when not)."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from devnet.render.wrap import (
    Choice,
    Wrapped,
    command_spans,
    whole_words,
    wrap_markdown,
    wrap_points,
)


def commands(value: str) -> list[str]:
    return [value[a:b] for a, b in command_spans(value)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('then record it: devnet edit leo --offer "..."', ['devnet edit leo --offer "..."']),
        ("mark it done (devnet goal done ID), or drop", ["devnet goal done ID),"]),
        ("(devnet resume a-b or devnet resume c)", ["devnet resume a-b", "devnet resume c)"]),
        ("with devnet edit ID --expertise; log it", ["devnet edit ID --expertise;"]),
        ("2 review-due (devnet gaps --verbose shows them)", ["devnet gaps --verbose"]),
        ('devnet goal add "Lead a team" --needs coaching,sponsorship', None),
        ("Set five with `devnet goal add`.", ["devnet goal add`."]),
        ("devnet's thresholds; devnet", []),
    ],
)
def test_a_command_runs_from_devnet_to_its_last_argument(
    value: str, expected: list[str] | None
) -> None:
    assert commands(value) == ([value] if expected is None else expected)


def lines(value: str, width: int, first: int = 0, indent: int = 0) -> list[str]:
    return [value[a:b] for a, b in wrap_points(value, width, first, indent)]


def test_text_wraps_between_words_and_a_command_moves_whole() -> None:
    value = 'Decide what you give in return; then record it: devnet edit aunt-ruth --offer "..."'
    assert lines(value, 40) == [
        "Decide what you give in return; then",
        "record it:",
        'devnet edit aunt-ruth --offer "..."',
    ]
    # wider than the line: alone and whole, the words after it on the next line
    assert lines("log it: devnet checkin maria-chen --review continue, then thank", 20) == [
        "log it:",
        "devnet checkin maria-chen --review continue,",
        "then thank",
    ]
    assert lines("a supercalifragilistic word", 10) == ["a", "supercalifragilistic", "word"]


def test_the_first_line_and_the_next_ones_can_start_further_in() -> None:
    assert lines("one two three four", 11, first=6, indent=2) == ["one", "two three", "four"]


def render(renderable: object, width: int) -> list[str]:
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        console.print(renderable, crop=False)
    return [line.rstrip() for line in capture.get().splitlines()]


def test_wrapped_text_hangs_under_its_lead_and_keeps_commands_whole() -> None:
    content = Text("one-way: nothing given back\n→ then record it: devnet edit leo-park --offer x")
    shown = render(Wrapped(content, lead="• ", indent=2), 30)
    assert shown == [
        "• one-way: nothing given back",
        "  → then record it:",
        "  devnet edit leo-park --offer x",
    ]
    assert render(Wrapped(Text("devnet edit chris-hale --cadence monthly")), 20) == [
        "devnet edit chris-hale --cadence monthly"
    ]


def test_a_table_is_chosen_only_when_no_word_in_it_must_split() -> None:
    grid = Table("need", "Become a people manager")
    grid.add_row("sponsorship", "Maria Chen")
    choice = Choice((whole_words(grid), Text("the list")))
    assert render(choice, 20) == ["the list"]
    wide = render(choice, 40)
    assert any("sponsorship" in line.split() for line in wide)
    # rich alone would split the longest word of the widest column; whole_words does not
    table = Table("ref", "goals", "note")
    table.add_row("maria@2026-06-02", "become-a-people-manager", "She put my name forward " * 3)
    shown = render(whole_words(table), 60)
    assert max(map(len, shown)) <= 60
    assert any("become-a-people-manager" in line for line in shown)


def test_markdown_wraps_under_its_list_marker() -> None:
    document = (
        "# Review\n\n- **Kai Tanaka** (junior): coaching; 2 conversations\n"
        "  - [ ] Working out loud on the enterprise network\n"
        "12. Then log it: devnet checkin kai-tanaka --review continue\n"
    )
    assert wrap_markdown(document, 30).splitlines() == [
        "# Review",
        "",
        "- **Kai Tanaka** (junior):",
        "  coaching; 2 conversations",
        "  - [ ] Working out loud on",
        "        the enterprise network",
        "12. Then log it:",
        "    devnet checkin kai-tanaka --review continue",
    ]
    assert wrap_markdown(document, 200) == document
