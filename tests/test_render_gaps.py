"""Rendering of `devnet gaps` and `devnet due`: the JSON shapes of PRODUCT.md, and
the grid, shape panel and findings on a recorded console of fixed width."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from rich.console import Console, RenderableType

from builders import checkin, day, goal, network, person
from devnet import analysis
from devnet.model import Network, Person
from devnet.render import gaps as render

TODAY = day(200)
EVIL = "[link=https://evil.example]Click[/link] \x1b[31mred"


def recent(pid: str, days_ago: int = 10, **fields: object) -> object:
    return checkin(pid, TODAY - timedelta(days=days_ago), **fields)


def sample() -> Network:
    """Two goals; one gap, one weak, one fragile, covered cells; a name and a title
    that look like markup and hold an escape character."""
    people = {
        "ana": person("Ana Ruiz", "coaching,sponsorship", relation="senior"),
        "ben": person("Ben Okafor", "coaching,sponsorship", relation="supervisor", offer=None),
        "evil": person(EVIL, "protection", relation="peer", context="[b]IEEE", closeness=1),
    }
    goals = {
        "lead": goal("coaching,sponsorship,protection", "Become a people manager"),
        "talk": goal("role-modeling,protection", "Speak at [bold]conferences[/bold]"),
    }
    checkins = [checkin(p, TODAY - timedelta(days=10), review="continue") for p in people]
    return network(people, goals, checkins)


def record(renderable: RenderableType, *, color: bool = True) -> tuple[str, str]:
    """(plain text, text with ANSI styles) as a 100-column terminal shows it."""
    console = Console(record=True, width=100, force_terminal=color, color_system="standard")
    console.print(renderable)
    return console.export_text(clear=False), console.export_text(styles=True)


def view(net: Network, *, plain: bool = False, verbose: bool = False) -> tuple[str, str]:
    result = analysis.gaps(net, TODAY)
    return record(render.gaps_view(result, "Acme", plain=plain, verbose=verbose), color=not plain)


# --- JSON -----------------------------------------------------------------------------


def test_gaps_json_shape() -> None:
    data = render.gaps_json(analysis.gaps(sample(), TODAY))
    assert list(data) == ["as_of", "goals", "network", "findings"]
    assert data["as_of"] == TODAY.isoformat()
    assert data["goals"][0] == {
        "id": "lead",
        "title": "Become a people manager",
        "cells": [
            {"need": "coaching", "status": "covered", "providers": ["ana", "ben"]},
            {"need": "sponsorship", "status": "covered", "providers": ["ana", "ben"]},
            {"need": "protection", "status": "weak", "providers": ["evil"]},
        ],
    }
    assert data["goals"][1]["cells"][0] == {
        "need": "role-modeling",
        "status": "gap",
        "providers": [],
    }
    assert data["network"] == {"size": 3, "range": 2, "strength": 2.33, "type": "receptive"}
    for f in data["findings"]:
        assert list(f) == ["kind", "severity", "goal", "developer", "message", "action"]
    uncovered = [f for f in data["findings"] if f["kind"] == "uncovered-need"]
    assert uncovered[0]["goal"] == "talk" and uncovered[0]["developer"] is None
    one_way = [f for f in data["findings"] if f["kind"] == "one-way"]
    assert one_way[0]["developer"] == "ben" and one_way[0]["goal"] is None


def test_gaps_json_of_an_empty_network() -> None:
    data = render.gaps_json(analysis.gaps(network(), TODAY))
    assert data["goals"] == []
    assert data["network"] == {"size": 0, "range": 0, "strength": None, "type": "receptive"}
    assert {f["kind"] for f in data["findings"]} >= {"no-goals", "small-network"}


def test_due_json_shape() -> None:
    net = network(
        {"a": person("A"), "b": person("B", cadence=None)},
        checkins=[checkin("a", TODAY - timedelta(days=31))],
    )
    assert render.due_json(analysis.due(net, TODAY)) == [
        {
            "id": "a",
            "name": "A",
            "last": (TODAY - timedelta(days=31)).isoformat(),
            "next": (TODAY - timedelta(days=1)).isoformat(),
            "status": "due",
        },
        {"id": "b", "name": "B", "last": None, "next": None, "status": "ok"},
    ]


# --- the grid --------------------------------------------------------------------------


def test_grid_shows_status_words_and_provider_names() -> None:
    text, styled = record(render.grid(analysis.gaps(sample(), TODAY), plain=False))
    assert f"Coverage as of {TODAY.isoformat()}" in text
    for word in ("covered", "weak", "gap", "Ana Ruiz", "Ben Okafor"):
        assert word in text
    assert "\x1b[1;31mgap" in styled  # gap in bold red
    assert "\x1b[33mweak" in styled  # weak in yellow
    assert "\x1b[32mcovered" in styled


def test_grid_with_few_needs_puts_needs_across() -> None:
    text, _ = record(render.grid(analysis.gaps(sample(), TODAY), plain=True), color=False)
    header = text.splitlines()[1]
    assert header.split()[:5] == ["goal", "sponsorship", "coaching", "protection", "role-modeling"]


def test_grid_with_many_needs_turns_needs_down() -> None:
    needs = "sponsorship,exposure,coaching,protection,challenge,friendship"
    net = network({"a": person("A", "friendship")}, {"g": goal(needs, "Lead [red]well")})
    text, _ = record(render.grid(analysis.gaps(net, TODAY), plain=True), color=False)
    lines = text.splitlines()
    assert lines[1].split() == ["need", "Lead", "[red]well"]
    assert [line.split()[0] for line in lines[2:] if line and not line.startswith(" ")] == [
        *needs.split(",")
    ]


def test_fragile_cell_is_orange() -> None:
    net = network({"a": person("A")}, {"g": goal("coaching")}, [checkin("a", TODAY)])
    _, styled = record(render.grid(analysis.gaps(net, TODAY), plain=False))
    assert "fragile" in styled
    plain, _ = record(render.grid(analysis.gaps(net, TODAY), plain=True), color=False)
    assert "fragile" in plain and "\x1b" not in plain


def test_text_from_the_file_is_never_markup_nor_control() -> None:
    text, styled = view(sample(), verbose=True)
    assert "[link=https://evil.example]Click[/link]" in text
    assert "Speak at [bold]conferences[/bold]" in text
    assert "\\x1b[31mred" in text  # the escape is shown, not obeyed
    assert "\x1b]8;" not in styled  # no OSC 8 hyperlink
    assert "\x1b[31mred" not in styled


def test_plain_view_has_no_color_and_reads_without_it() -> None:
    text, styled = view(sample(), plain=True)
    assert "\x1b[" not in styled.replace("\\x1b[", "")
    assert "gap" in text and "weak" in text
    assert "Network" in text


# --- shape and findings -------------------------------------------------------------------


def test_shape_panel_prints_measures_and_thresholds() -> None:
    result = analysis.gaps(sample(), TODAY)
    text, _ = record(render.shape_panel(result.shape, "Acme", plain=False))
    assert "size 3 developers" in text and "range 2 contexts" in text
    assert "strength 2.3 of 4" in text and "receptive" in text
    assert "1 supervisor, 1 senior, 1 peer" in text
    assert "inside Acme: 67%" in text
    assert "high range = 3+ contexts" in text and "mean closeness 3+ of 4" in text
    assert "Higgins & Kram 2001" in text


@pytest.mark.parametrize(
    ("people", "words"),
    [
        ({"a": person("A")}, "size 1 developer · range 1 context · strength"),
        (
            {"a": person("A"), "b": person("B", context="IEEE")},
            "size 2 developers · range 2 contexts · strength",
        ),
        ({}, "size 0 developers · range 0 contexts · strength"),
    ],
)
def test_shape_panel_says_one_context_and_one_developer(
    people: dict[str, Person], words: str
) -> None:
    result = analysis.gaps(network(people), TODAY)
    text, _ = record(render.shape_panel(result.shape, "Acme", plain=True))
    assert words in text


def test_entrepreneurial_type_is_described_as_a_proposition() -> None:
    """Higgins & Kram 2001 propose, not establish, that this type supports development
    most."""
    people = {
        f"p{i}": person(f"P{i}", context=c, closeness=4)
        for i, c in enumerate(["Acme", "IEEE", "Globex"])
    }
    result = analysis.gaps(network(people), TODAY)
    assert result.shape.type == "entrepreneurial"
    text, _ = record(render.shape_panel(result.shape, "Acme", plain=True))
    assert "Higgins & Kram propose it supports development most" in " ".join(text.split())
    assert "the most developmental" not in text


def test_findings_grouped_by_severity_with_low_ones_summarised() -> None:
    net = sample()
    result = analysis.gaps(net, TODAY)
    assert any(f.severity == "low" for f in result.findings)
    text, _ = view(net)
    assert text.index("High (") < text.index("Medium (") < text.index("Low (")
    low = Counter(f.kind for f in result.findings if f.severity == "low")
    summary = ", ".join(f"{n} {kind}" for kind, n in low.items())
    assert f"{summary} (devnet gaps --verbose shows them)" in text
    low_messages = [f.message for f in result.findings if f.severity == "low"]
    assert all(m[:30] not in text.replace("\n", " ") for m in low_messages)
    high = next(f for f in result.findings if f.severity == "high")
    assert high.kind in text and "→" in text


def test_verbose_shows_low_findings_in_full() -> None:
    result = analysis.gaps(sample(), TODAY)
    text, _ = view(sample(), verbose=True)
    assert "--verbose shows them" not in text
    low = next(f for f in result.findings if f.severity == "low")
    assert " ".join(text.split()).count(low.kind + ":") == 1


def test_no_findings_says_so() -> None:
    result = analysis.gaps(network(), TODAY)
    empty = type(result)(result.as_of, result.goals, result.shape, ())
    text, _ = record(render.findings(empty, plain=False, verbose=False))
    assert text.startswith("No findings")


@pytest.mark.parametrize("plain", [True, False])
def test_due_table(plain: bool) -> None:
    net = network(
        {"a": person("A"), "b": person(EVIL, cadence=None)},
        checkins=[checkin("a", TODAY - timedelta(days=50))],
    )
    text, styled = record(render.due_table(analysis.due(net, TODAY), plain), color=not plain)
    lines = [line.split() for line in text.splitlines() if line.strip()]
    assert lines[0] == ["id", "name", "last", "next", "status"]
    assert lines[-2][0] == "a" and lines[-2][-1] == "overdue"
    assert lines[-1][0] == "b" and lines[-1][-3:] == ["never", "-", "ok"]
    assert "[link=https://evil.example]Click[/link]" in text
    if not plain:
        assert "\x1b[1;31moverdue" in styled
