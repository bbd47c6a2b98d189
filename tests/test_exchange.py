"""The pure exchange layer and the report/map renderers: lossless JSON and CSV round
trips (hypothesis), the calendar parsed back with icalendar, DOT escaping, import
validation and merging, Markdown escaping, and a report snapshot at a fixed date."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import checkin, day, goal, network, person
from devnet import exchange as ex
from devnet.analysis import gaps
from devnet.errors import DataFileError
from devnet.model import Network
from devnet.render.report import md, report_markdown
from devnet.store import serialize
from strategies import networks

SNAPSHOTS = Path(__file__).parent / "snapshots"
HYPO = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""As many examples as the Hypothesis profile says (conftest: quick default, thorough ci)."""
TODAY = date(2025, 6, 1)


def empty_like(net: Network, **fields: object) -> Network:
    return Network.model_validate({"schema": 2, "profile": net.profile, **fields})


def import_into(
    target: Network, raw: bytes, name: str, *, update: bool = False, skip: bool = False
) -> ex.ImportResult:
    incoming = ex.validate(ex.read_import(raw, name), TODAY)
    return ex.merge(target, incoming, update=update, skip_invalid=skip)


def example_network() -> Network:
    """A small, realistic network with every section of the report exercised and a
    name that tries to break Markdown."""
    goals = {
        "manage": goal(
            "sponsorship,coaching,role-modeling",
            title="Become a people manager",
            skills=["Run a budget cycle", "Hiring interviews"],
            by=date(2025, 12, 31),
        ),
        "talk": goal("exposure,psychosocial", title="Speak at a *conference*"),
        "sql": goal("coaching", title="Learn SQL", status="achieved", status_date=day(80)),
    }
    people = {
        "maria-chen": person("Maria Chen", "sponsorship,coaching", goals=["manage"]),
        "leo": person(
            "Leo [Park](http://x) | #1",
            "acceptance,friendship",
            relation="peer",
            context="Lean In circle",
            offer=None,
            closeness=2,
        ),
        "priya": person(
            "Priya Nair", "coaching", relation="junior", context="IEEE", expertise=["SQL"]
        ),
        "old": person("Old Boss", "protection", status="ended", status_date=day(10)),
    }
    logs = [
        checkin("maria-chen", 20, functions=["coaching"], goals=["manage"],
                skills=["Run a budget cycle"], note="Budget walkthrough\n# not a heading",
                gave="Notes on the European business"),
        checkin("maria-chen", 70, functions=["sponsorship"], goals=["manage"]),
        checkin("priya", 40, functions=["coaching"], goals=["sql"], skills=["Window functions"]),
        checkin("leo", 60, functions=["acceptance"], skills=["Breathing before a talk"]),
        checkin("old", 5, functions=["protection"], gave="Covered a shift"),
        checkin("maria-chen", 200, functions=["coaching"], note="after the as-of date"),
    ]  # fmt: skip
    return network(people, goals, logs)


# --- JSON ------------------------------------------------------------------------------------


@HYPO
@given(net=networks())
def test_json_export_then_import_into_an_empty_network_reproduces_it(net: Network) -> None:
    raw = ex.export_json(net).encode()
    target = empty_like(net)
    result = import_into(target, raw, "net.json")
    assert target == net
    assert serialize(target) == serialize(net)
    assert result.added["checkin"] == len(net.checkins)
    again = import_into(target, raw, "net.json")
    assert not again.changed
    assert sum(again.present.values()) == len(net.goals) + len(net.people) + len(net.checkins)
    assert serialize(target) == serialize(net)


def test_json_export_has_the_contract_shape() -> None:
    doc = ex.export_doc(example_network())
    assert list(doc) == ["schema", "profile", "goals", "people", "checkins"]
    assert [g["id"] for g in doc["goals"]] == ["manage", "sql", "talk"]
    assert doc["people"][0]["id"] == "leo"
    assert doc["checkins"][0] == {
        "date": "2025-01-06",
        "developer": "old",
        "functions": ["protection"],
        "gave": "Covered a shift",
    }


def test_json_export_as_of_leaves_out_later_checkins() -> None:
    net = example_network()
    assert len(ex.export_doc(net, day(100))["checkins"]) == 5
    assert len(ex.export_doc(net)["checkins"]) == 6


# --- CSV -------------------------------------------------------------------------------------


@HYPO
@given(net=networks(csv_safe=True))
def test_csv_opens_with_the_csv_module_and_round_trips(net: Network) -> None:
    text = ex.export_csv(net)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == ex.CSV_COLUMNS
    assert [r[0] for r in rows[1:]] == sorted(net.people)
    target = empty_like(net, goals=net.goals)
    import_into(target, text.encode(), "people.csv")
    assert target.people == net.people


@given(st.lists(st.text().map(str.strip).filter(bool), max_size=5))
def test_list_cells_round_trip(items: list[str]) -> None:
    assert ex.split_items(ex.join_items(items)) == items


def test_csv_is_lenient_with_hand_made_vocabulary() -> None:
    text = (
        "Name,Relation,Context,Functions,Since,Closeness\n"
        'Ana Díaz, Senior ,Acme,"Coaching, Sponsorship",2024-01-02,3\n'
    )
    target = network(goals={"g": goal()})
    result = import_into(target, text.encode(), "x.csv")
    assert result.added["developer"] == 1
    ana = target.people["ana-diaz"]
    assert (ana.relation, ana.functions, ana.closeness) == (
        "senior",
        ["coaching", "sponsorship"],
        3,
    )


def test_csv_empty_since_is_today_and_empty_cells_are_unset() -> None:
    target = network()
    import_into(target, b"name,relation,context,since,learn\nAna,peer,X,,\n", "x.csv")
    assert target.people["ana"].since == TODAY
    assert target.people["ana"].learn is None


def test_csv_bad_rows_name_their_line_and_change_nothing() -> None:
    text = (
        "id,name,relation,context,closeness,since\n"
        "ok,Ok,peer,X,3,2024-01-01\n"
        'two,"Two\nlines",peer,X,9,2024-01-01\n'
        "bad,Bad,boss,X,,2024-13-01\n"
    )
    target = network(people={"keep": person("Keep")})
    before = serialize(target)
    with pytest.raises(DataFileError) as caught:
        import_into(target, text.encode(), "people.csv")
    message = caught.value.message
    assert "people.csv:3: closeness: must be at most 4" in message
    assert "people.csv:5: since: expected a date" in message
    assert "people.csv:5: relation:" in message
    assert "people.csv:2" not in message
    assert "nothing was imported" in message
    assert serialize(target) == before
    result = import_into(target, text.encode(), "people.csv", skip=True)
    assert result.added["developer"] == 1
    assert result.invalid == 2
    assert set(target.people) == {"keep", "ok"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (b"", "empty file"),
        (b"name,relation\n", "missing column 'context'"),
        (b"name,relation,context,colour\n", "people.csv:1: unknown column 'colour'"),
        (b"name,name,relation,context\n", "appears twice"),
        (b'name,relation,context\n"A,peer,X\n', "not a valid CSV"),
        (b"name,relation,context\nA\xff,peer,X\n", "people.csv:2:2: not valid UTF-8"),
    ],
)
def test_unreadable_csv_is_one_data_error(text: bytes, words: str) -> None:
    with pytest.raises(DataFileError, match=re.escape(words)):
        ex.read_import(text, "people.csv")


def test_csv_too_many_cells_is_a_row_problem() -> None:
    text = b"name,relation,context,goals\nA,peer,X,\nB,peer,X,,extra\n"
    with pytest.raises(DataFileError) as caught:
        import_into(network(), text, "p.csv")
    assert "p.csv:3: 5 cells but 4 columns" in caught.value.message
    assert "p.csv:2" not in caught.value.message


def test_csv_unknown_goals_are_dropped_with_one_warning_per_goal() -> None:
    """A CSV carries developers only: its exported goal references cannot resolve in a
    fresh file, so they are dropped (with a warning) instead of refusing the import."""
    source = example_network()
    source.people["leo"].goals = ["talk", "manage"]
    raw = ex.export_csv(source).encode()
    target = network(goals={"talk": goal(title="Talk")})
    result = import_into(target, raw, "mid.csv")
    assert result.added == {"developer": 4}
    assert result.problems == []
    assert target.people["maria-chen"].goals == []
    assert target.people["leo"].goals == ["talk"]
    assert result.dropped_goals == {"manage": ["leo", "maria-chen"]}
    assert result.goalless == ["maria-chen"]
    assert result.warnings() == [
        "goal 'manage' is not in this network; dropped from 2 developers' goals "
        "(leo, maria-chen) — add it with devnet goal add and edit them",
        "1 developer (maria-chen) now lists no goal, so counts toward every goal until edited",
    ]
    again = import_into(target, raw, "mid.csv")
    assert not again.changed and again.warnings() == []


def test_json_unknown_goals_stay_refused() -> None:
    doc = ex.export_doc(example_network())
    doc["goals"] = []
    doc["checkins"] = []
    target = network()
    with pytest.raises(DataFileError, match=r"x.json: people\[1\]: goals: unknown goal 'manage'"):
        import_into(target, json.dumps(doc).encode(), "x.json")
    assert not target.people


# --- merging ---------------------------------------------------------------------------------


def test_existing_ids_are_skipped_unless_update_replaces_them() -> None:
    source = network({"maria": person("Maria Chen", learn="new")}, {"g": goal(title="New")})
    raw = ex.export_json(source).encode()
    target = network({"maria": person("Maria Chen", learn="old")}, {"g": goal(title="Old")})
    result = import_into(target, raw, "x.json")
    assert result.skipped == {"developer": 1, "goal": 1}
    assert not result.changed
    assert "skipped 1 existing developer, 1 existing goal that differ (--update" in (
        result.summary()
    )
    assert target.people["maria"].learn == "old"
    result = import_into(target, raw, "x.json", update=True)
    assert result.replaced == {"developer": 1, "goal": 1}
    assert target.people["maria"].learn == "new"
    assert target.goals["g"].title == "New"


def test_identical_checkins_count_as_a_multiset() -> None:
    twice = [checkin("p", 1, note="same"), checkin("p", 1, note="same")]
    raw = ex.export_json(network({"p": person()}, checkins=twice)).encode()
    target = network({"p": person()}, checkins=[checkin("p", 1, note="same")])
    result = import_into(target, raw, "x.json")
    assert (result.added["checkin"], result.present["checkin"]) == (1, 1)
    assert len(target.checkins) == 2
    assert not import_into(target, raw, "x.json").changed


def test_references_resolve_against_the_merged_network() -> None:
    doc = (
        '{"schema": 1, "people": [{"id": "a", "name": "A", "relation": "peer", '
        '"context": "X", "since": "2024-01-01", "goals": ["g"]}], '
        '"checkins": [{"date": "2024-02-01", "developer": "b"}, '
        '{"date": "2024-02-01", "developer": "a"}]}'
    )
    target = network(goals={"g": goal()})
    with pytest.raises(DataFileError, match=r"x.json: checkins\[0\]: developer: unknown"):
        import_into(target, doc.encode(), "x.json")
    assert not target.people
    result = import_into(target, doc.encode(), "x.json", skip=True)
    assert result.added == {"developer": 1, "checkin": 1}
    assert "left out 1 invalid record" in result.summary()


@pytest.mark.parametrize(
    ("doc", "words"),
    [
        ('{"schema": 1,\n "people": [}', "x.json:2:13:"),
        ("[1, 2]", "expected a JSON object"),
        ('{"people": []}', "missing or invalid `schema`"),
        ('{"schema": 99}', "newer devnet"),
        ('{"schema": 1, "extra": 1}', "unknown key 'extra'"),
        ('{"schema": 1, "people": 3}', "people: expected an array"),
    ],
)
def test_unreadable_json_is_one_data_error(doc: str, words: str) -> None:
    with pytest.raises(DataFileError, match=re.escape(words)):
        ex.read_import(doc.encode(), "x.json")


@pytest.mark.parametrize(
    ("record", "words"),
    [
        ('{"name": "A", "relation": "peer", "context": "X", "since": "2024-01-01"}', "id: missing"),
        ('{"id": "Bad Id", "name": "A"}', "invalid id"),
        ('{"id": "a", "name": "A", "relation": "peer", "context": "X"}', "since: missing"),
        ('{"id": "a", "name": "A", "relation": "peer", "context": "X", "since": "2024-01-01",'
         ' "closeness": "3"}', "closeness: expected a whole number"),
        ('{"id": "a", "name": "A", "relation": "peer", "context": "X", "since": "2024-01-01",'
         ' "colour": "red"}', "colour: unknown field"),
        ("7", "expected an object"),
    ],
)  # fmt: skip
def test_invalid_json_records_name_their_index(record: str, words: str) -> None:
    doc = f'{{"schema": 1, "people": [{record}]}}'.encode()
    with pytest.raises(DataFileError) as caught:
        import_into(network(), doc, "x.json")
    assert "x.json: people[0]: " in caught.value.message
    assert words in caught.value.message


def test_duplicate_ids_in_one_file_are_refused() -> None:
    rec = '{"id": "g", "title": "T", "needs": ["coaching"]}'
    with pytest.raises(DataFileError, match=r"goals\[1\]: id: 'g' appears twice"):
        import_into(network(), f'{{"schema": 1, "goals": [{rec}, {rec}]}}'.encode(), "x.json")


def test_format_is_detected_by_extension_then_content() -> None:
    assert ex.detect_format(b"name", "a.JSON") == "json"
    assert ex.detect_format(b"{", "a.csv") == "csv"
    assert ex.detect_format(b"\xef\xbb\xbf \n{", "-") == "json"
    assert ex.detect_format(b"name,relation", "data.txt") == "csv"


def test_progress_is_reported() -> None:
    raw = ex.read_import(ex.export_json(example_network()).encode(), "x.json")
    seen: list[int] = []
    ex.validate(raw, TODAY, seen.append)
    assert seen == [len(raw.entries)]


# --- iCalendar ---------------------------------------------------------------------------------


def calendar_events(net: Network, as_of: date) -> dict[str, Any]:
    from icalendar import Calendar

    cal = Calendar.from_ical(ex.export_ics(net, as_of))
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_ics_parses_back_with_the_right_dates_and_recurrence() -> None:
    people = {
        "maria": person("Maria Chen", learn='Budgets, "cycles"; and\nmore', offer="A tour"),
        "weekly": person("Wei", cadence="2w"),
        "late": person("Late", cadence="10d"),
        "yearly": person("Yara", cadence="yearly"),
        "none": person("No Cadence", cadence=None),
        "paused": person("Paused", status="paused", status_date=day(1)),
    }
    logs = [checkin("maria", 100), checkin("weekly", 110), checkin("maria", 400)]
    as_of = day(120)
    events = calendar_events(network(people, checkins=logs), as_of)
    assert set(events) == {"maria@devnet", "weekly@devnet", "late@devnet", "yearly@devnet"}
    maria = events["maria@devnet"]
    assert maria["DTSTART"].dt == day(130)
    assert maria["DTEND"].dt == day(131)
    assert dict(maria["RRULE"]) == {"FREQ": ["DAILY"], "INTERVAL": [30]}
    assert str(maria["SUMMARY"]) == "Talk with Maria Chen"
    description = str(maria["DESCRIPTION"])
    assert 'What to learn: Budgets, "cycles"; and\nmore' in description
    assert "What you offer: A tour" in description
    assert maria["DTSTAMP"].dt.date() == as_of
    assert dict(events["weekly@devnet"]["RRULE"]) == {"FREQ": ["WEEKLY"], "INTERVAL": [2]}
    assert events["weekly@devnet"]["DTSTART"].dt == day(124)
    assert events["late@devnet"]["DTSTART"].dt == as_of  # overdue: starts on the as-of day
    assert dict(events["yearly@devnet"]["RRULE"]) == {"FREQ": ["DAILY"], "INTERVAL": [365]}


def test_ics_starts_at_next_unless_overdue() -> None:
    """PRODUCT.md: an event starts at `next`, "or the as-of date when overdue". A due
    (not overdue) developer whose `next` has just passed keeps their `next` date."""
    from devnet.analysis import due

    as_of = date(2026, 9, 1)
    people = {
        "due": person("Due", cadence="monthly", since=date(2026, 8, 1)),
        "late": person("Late", cadence="monthly", since=date(2026, 7, 1)),
        "soon": person("Soon", cadence="monthly", since=date(2026, 8, 20)),
    }
    net = network(people)
    status = {d.id: (d.status, d.next) for d in due(net, as_of)}
    assert status["due"] == ("due", date(2026, 8, 31))
    assert status["late"][0] == "overdue"
    events = calendar_events(net, as_of)
    assert events["due@devnet"]["DTSTART"].dt == date(2026, 8, 31)
    assert events["due@devnet"]["DTEND"].dt == date(2026, 9, 1)
    assert events["late@devnet"]["DTSTART"].dt == as_of
    assert events["soon@devnet"]["DTSTART"].dt == date(2026, 9, 19)


def test_ics_is_reproducible_and_shows_control_characters_escaped() -> None:
    net = network({"x": person("Evil\x1b[2J\x07 \u202eName", learn="a\rb")})
    one = ex.export_ics(net, day(5))
    assert one == ex.export_ics(net, day(5))
    assert b"\x1b" not in one and b"\x07" not in one
    assert "\u202e".encode() not in one
    # the escapes are text; iCalendar writes each backslash doubled
    assert b"SUMMARY:Talk with Evil\\\\x1b[2J\\\\x07 \\\\u202eName" in one


_C0_C1 = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)])
_RFC5545_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
"""RFC 5545 CONTROL (every C0 control but HTAB, and DEL), plus the C1 controls."""


@settings(max_examples=200, deadline=None)
@given(
    name=st.text(alphabet=st.sampled_from(_C0_C1 + "ab \n"), min_size=1).filter(
        lambda v: any(c in "ab" for c in v)
    ),
    learn=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))),
)
def test_ics_text_values_hold_no_control_characters(name: str, learn: str) -> None:
    """RFC 5545 allows no control character but HTAB in a text value: every C0/C1
    control from a name, `learn`, `offer` or the owner's name is shown as an escape
    such as \\x1b; a newline is written as the escape \\n (and a CR becomes one)."""
    learn = learn.replace("\x00", "")  # the model refuses NUL
    net = network(
        {"x": person(name.replace("\x00", ""), learn=learn or None, offer="o\x1bff\x85er")}
    )
    net.profile.name = "Sam\x9b\x07 Lee"
    raw = ex.export_ics(net, day(5))
    unfolded = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")
    for line in unfolded:
        assert not _RFC5545_CONTROL.search(line), line
    from icalendar import Calendar

    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert "What you offer: o\\x1bff\\x85er" in str(event["DESCRIPTION"])
    assert not _RFC5545_CONTROL.search(str(event["SUMMARY"]))
    assert "X-WR-CALNAME:devnet: Sam\\x9b\\x07 Lee's conversations" in unfolded


# --- DOT ----------------------------------------------------------------------------------------


_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def test_dot_escapes_every_string() -> None:
    tricky = 'Ma"ria\\N \\" x\nsecond}; owner -- evil [label="pwn"]'
    net = network(
        {"m": person(tricky, context="A\\B"), "gone": person("Gone", status="ended")},
        {"g": goal("role-modeling", title='say "hi"')},
    )
    dot = ex.export_dot(net, day(10))
    outside = _QUOTED.sub("", dot)
    assert "pwn" not in outside and "second" not in outside and '"' not in outside
    assert ex.dot_string(tricky + "\nA\\B") in dot
    assert ex.dot_string(tricky) == (
        '"Ma\\"ria\\\\N \\\\\\" x\\nsecond}; owner -- evil [label=\\"pwn\\"]"'
    )
    assert "Gone" not in dot
    assert "gap: role-modeling" in dot
    assert dot.startswith("graph devnet {") and dot.rstrip().endswith("}")
    assert outside.count("{") == outside.count("}")


# --- report ---------------------------------------------------------------------------------------


@given(st.text())
def test_markdown_escaping_leaves_no_structure(value: str) -> None:
    out = md(value)
    assert "\n" not in out and "\r" not in out
    unescaped = re.sub(r"\\.", "", out)
    assert not re.search(r"[`*_\[\]<>|#~\\]", unescaped)


def test_report_snapshot_at_a_fixed_date() -> None:
    text = report_markdown(example_network(), day(100), since=day(15))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Developmental network review: Sam Lee",
        "## Objectives and progress",
        "### Become a people manager",
        "### Speak at a \\*conference\\*",
        "### Learn SQL",
        "### Other learning",
        "## Who helped with what",
        "## What I gave back",
        "## Reviews and endings",
        "## The network",
        "## Open gaps and next steps",
    ]
    assert "after the as-of date" not in text
    assert "Covered a shift" not in text  # before --since
    assert "**Leo \\[Park\\](http://x) \\| \\#1**" in text
    assert "  - [x] Run a budget cycle (learned 2025-01-21 from Maria Chen)" in text
    assert "  - [ ] Hiring interviews" in text
    assert "Budget walkthrough / \\# not a heading" in text
    assert "Type (Higgins & Kram 2001): **opportunistic**" in text
    assert "high from 3 contexts" in text and "strong from 3.0" in text
    # The numbered next steps are the analysis' findings, worded by analysis.py: held
    # by count and order here, so that rewording a finding does not break this snapshot.
    mine, steps = text.split("\nNext steps:\n\n")
    findings = gaps(example_network(), day(100)).findings
    numbered = steps.strip().splitlines()
    assert len(numbered) == len(findings)
    for i, (line, finding) in enumerate(zip(numbered, findings, strict=True), 1):
        assert line.startswith(f"{i}. ({finding.severity}) ")
    snapshot = SNAPSHOTS / "report.md"
    if os.environ.get("DEVNET_UPDATE_SNAPSHOTS") or not snapshot.exists():
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(mine, encoding="utf-8")
    assert mine == snapshot.read_text(encoding="utf-8"), (
        "report changed; if intended, rerun with DEVNET_UPDATE_SNAPSHOTS=1 and review the diff"
    )


def test_report_is_deterministic_and_handles_an_empty_network() -> None:
    net = network()
    assert report_markdown(net, TODAY) == report_markdown(net, TODAY)
    text = report_markdown(net, TODAY)
    assert "No active objective" in text
    assert "Nobody in this period" in text


# --- map ---------------------------------------------------------------------------------


def render(net: Network, as_of: date, plain: bool = True) -> str:
    from rich.console import Console

    from devnet.render.map import network_map

    console = Console(record=True, width=120, file=io.StringIO(), color_system=None)
    console.print(network_map(net, as_of, plain))
    return console.export_text()


def test_map_groups_by_relation_and_context_and_marks_gaps() -> None:
    out = render(example_network(), day(100))
    lines = out.splitlines()
    assert lines[0] == "Sam Lee · mid career · Acme"
    assert "senior (1)" in out and "peer (1)" in out and "junior (1)" in out
    assert "Old Boss" not in out  # ended
    maria = next(line for line in lines if "Maria Chen" in line)
    assert "sponsorship, coaching" in maria
    assert "●●●○ close" in maria
    assert "last talked 30 days ago" in maria
    assert "✗ gap   Speak at a *conference*: exposure (nobody gives it)" in out
    assert "! weak  Speak at a *conference*: psychosocial support" in out


def test_map_shows_names_literally() -> None:
    net = network({"x": person("[link=http://x]y[/link] \x1b[2J [bold]b")})
    out = render(net, day(3), plain=False)
    assert "[link=http://x]y[/link] \\x1b[2J [bold]b" in out
    assert "\x1b" not in out


def test_dates_are_relative_to_as_of() -> None:
    net = network({"x": person("X")}, checkins=[checkin("x", 10), checkin("x", 50)])
    assert "last talked 5 days ago" in render(net, day(15))
    assert "talked today" in render(net, day(50))
    assert "no conversation yet" in render(net, day(5))


def test_report_renders_user_text_literally_as_commonmark() -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(report_markdown(example_network(), day(100)))
    assert "<a " not in html
    assert "<strong>Leo [Park](http://x) | #1</strong>" in html
    assert "<h3>Speak at a *conference*</h3>" in html
    assert html.count("<h1>") == 1


def test_map_json_holds_the_pictures_data() -> None:
    from devnet.render.map import map_json

    net = example_network()
    net.people["paused"] = person("Pia", status="paused", status_date=day(50), closeness=None)
    doc = map_json(net, day(100))
    assert list(doc) == ["as_of", "profile", "network", "groups", "gaps"]
    assert doc["as_of"] == "2025-04-11"
    assert doc["profile"] == {"name": "Sam Lee", "stage": "mid", "org": "Acme"}
    assert doc["network"] == {"size": 3, "range": 3, "type": "opportunistic"}
    assert [g["relation"] for g in doc["groups"]] == ["senior", "peer", "junior"]
    acme = doc["groups"][0]["contexts"][0]
    assert acme["context"] == "Acme"
    assert [d["id"] for d in acme["developers"]] == ["maria-chen", "paused"]  # ended left out
    maria, pia = acme["developers"]
    assert maria == {
        "id": "maria-chen",
        "name": "Maria Chen",
        "functions": ["sponsorship", "coaching"],
        "closeness": 3,
        "closeness_label": "close",
        "status": "active",
        "last": "2025-03-12",
        "days_since": 30,
        "due": "due",
    }
    assert (pia["status"], pia["due"], pia["closeness"], pia["last"]) == (
        "paused",
        None,
        None,
        None,
    )
    assert doc["groups"][2]["contexts"][0]["developers"][0]["due"] == "overdue"
    assert [(g["goal"], g["need"], g["status"], g["providers"]) for g in doc["gaps"]] == [
        ("manage", "role-modeling", "gap", []),
        ("talk", "exposure", "gap", []),
        ("talk", "psychosocial", "weak", ["leo"]),
    ]
    assert map_json(net, day(100)) == doc
    assert json.loads(json.dumps(doc)) == doc


def test_report_json_holds_the_reviews_content() -> None:
    from devnet.render.report import report_json

    net = example_network()
    doc = report_json(net, day(100), since=day(15))
    assert list(doc) == [
        "as_of",
        "since",
        "profile",
        "summary",
        "objectives",
        "other_learning",
        "helpers",
        "given_back",
        "nothing_given",
        "reviews",
        "endings",
        "closing",
        "network",
        "gaps",
        "findings",
    ]
    assert (doc["as_of"], doc["since"]) == ("2025-04-11", "2025-01-16")
    assert doc["summary"] == {
        "conversations": 4,
        "developers": 3,
        "skills_learned": 3,
        "objectives_achieved": 1,
        "active_developers": 3,
    }
    assert [o["id"] for o in doc["objectives"]] == ["manage", "talk", "sql"]
    manage = doc["objectives"][0]
    assert manage["skills"][0] == {
        "skill": "Run a budget cycle",
        "learned": True,
        "date": "2025-01-21",
        "developer": "maria-chen",
    }
    assert manage["skills"][1]["learned"] is False
    assert [c["date"] for c in manage["checkins"]] == ["2025-01-21", "2025-03-12"]
    assert manage["checkins"][0]["note"] == "Budget walkthrough\n# not a heading"  # not escaped
    assert doc["objectives"][2]["cells"] is None  # achieved
    assert [h["id"] for h in doc["helpers"]] == ["maria-chen", "leo", "priya"]
    maria = doc["helpers"][0]
    assert (maria["functions"], maria["conversations"], maria["last"]) == (
        ["sponsorship", "coaching"],
        2,
        "2025-03-12",
    )
    assert maria["taught"] == ["Run a budget cycle"]
    assert doc["helpers"][1]["name"] == "Leo [Park](http://x) | #1"
    assert [g["id"] for g in doc["given_back"]] == ["maria-chen", "priya"]
    assert doc["given_back"][0]["gave"] == [
        {"date": "2025-01-21", "gave": "Notes on the European business"}
    ]
    assert doc["nothing_given"] == ["leo"]
    assert doc["network"]["type"] == "opportunistic"
    assert (doc["network"]["high_range"], doc["network"]["strong_ties"]) == (3, 3.0)
    assert len(doc["findings"]) == len(gaps(net, day(100)).findings)
    assert set(doc["findings"][0]) == {"kind", "severity", "goal", "developer", "message", "action"}
    assert report_json(net, day(100), since=day(15)) == doc
    assert json.loads(json.dumps(doc)) == doc
    empty = report_json(network(), TODAY)
    assert (empty["objectives"], empty["helpers"], empty["since"]) == ([], [], None)


# --- as of a day before someone joined (second QA pass) ------------------------------------


def _with_newcomer() -> Network:
    """The example network plus Nia, whose relationship begins after day(100); she has
    an offer, so she would be listed under what was given back."""
    net = example_network()
    net.people["nia"] = person(
        "Nia Newcomer", "exposure", relation="peer", context="Globex", since=day(150), offer="Tea"
    )
    net.people["nap"] = person(
        "Nap Later", "exposure", relation="external", context="IEEE", since=day(150),
        status="paused", offer=None,
    )  # fmt: skip
    return net


def test_map_report_and_dot_leave_out_who_had_not_joined_by_as_of() -> None:
    from devnet.render.map import map_json
    from devnet.render.report import report_json

    net = _with_newcomer()
    as_of = day(100)
    assert "Nia" not in render(net, as_of) and "Nap" not in render(net, as_of)
    doc = map_json(net, as_of)
    listed = [d["id"] for g in doc["groups"] for c in g["contexts"] for d in c["developers"]]
    assert "nia" not in listed and "nap" not in listed
    assert [g["relation"] for g in doc["groups"]] == ["senior", "peer", "junior"]
    text = report_markdown(net, as_of)
    assert "Nia" not in text and "Nap" not in text
    rj = report_json(net, as_of)
    assert "nia" not in [h["id"] for h in rj["helpers"]]
    assert "nia" not in [g["id"] for g in rj["given_back"]]
    assert "nia" not in rj["nothing_given"]
    dot = ex.export_dot(net, as_of)
    assert "Nia" not in dot and "p:nia" not in dot and "p:nap" not in dot
    # on the day they join, they are there; the JSON export stays the whole file
    later = day(150)
    assert "Nia Newcomer" in render(net, later) and "Nap Later" in render(net, later)
    assert "Nia Newcomer" in report_markdown(net, later) and "p:nia" in ex.export_dot(net, later)
    assert "nia" in [p["id"] for p in ex.export_doc(net, as_of)["people"]]


def test_map_and_report_say_why_a_cell_is_weak_as_gaps_does() -> None:
    """Maria is close (3) and only overdue: her ties are overdue, not 'weak'."""
    net = network(
        {"maria": person("Maria Chen", "coaching")},
        {"g": goal("coaching", "Learn to coach")},
        [checkin("maria", 10)],
    )
    as_of = day(60)
    (weak,) = [f for f in gaps(net, as_of).findings if f.kind == "weak-coverage"]
    assert "only on overdue ties" in weak.message
    assert "Learn to coach: coaching (only overdue ties: Maria Chen)" in render(net, as_of)
    assert "Learn to coach: coaching (only overdue ties: Maria Chen)" in report_markdown(net, as_of)
    net.people["maria"] = net.people["maria"].model_copy(update={"closeness": 1})
    assert "(only overdue or distant ties: Maria Chen)" in render(net, as_of)
    assert "(only distant ties: Maria Chen)" in report_markdown(net, day(20))


def test_ics_books_nothing_with_someone_moving_on() -> None:
    """`due` still lists them (PRODUCT: active developers), the calendar does not."""
    from devnet.analysis import due

    people = {"stay": person("Stay"), "go": person("Go")}
    logs = [checkin("stay", 100, review="continue"), checkin("go", 100, review="move-on")]
    net = network(people, checkins=logs)
    assert [(d.id, d.status) for d in due(net, day(120))] == [("stay", "ok"), ("go", "closing")]
    assert set(calendar_events(net, day(120))) == {"stay@devnet"}
    assert set(calendar_events(net, day(99))) == {"go@devnet", "stay@devnet"}


# --- import messages (second QA pass) ---------------------------------------------------------


def test_checkins_of_an_invalid_developer_say_so_instead_of_unknown() -> None:
    doc = ex.export_doc(example_network())
    assert doc["people"][0]["id"] == "leo"
    doc["people"][0]["closeness"] = "high"
    doc["goals"][0]["needs"] = ["nonsense"]  # manage: Maria lists it, check-ins advance it
    raw = json.dumps(doc).encode()
    with pytest.raises(DataFileError) as caught:
        import_into(empty_like(example_network()), raw, "x.json")
    message = caught.value.message
    assert "x.json: people[0]: closeness:" in message
    assert "developer: refers to developer 'leo', whose record is invalid" in message
    assert "goals: refers to goal 'manage', whose record is invalid" in message
    # Maria is left out for her goal, so her check-ins refer to an invalid record too
    assert "developer: refers to developer 'maria-chen', whose record is invalid" in message
    assert "unknown developer" not in message and "unknown goal" not in message
    target = empty_like(example_network())
    result = import_into(target, raw, "x.json", skip=True)
    assert result.invalid == len(result.problems)
    assert {c.developer for c in target.checkins} == {"old", "priya"}


def test_an_object_of_non_records_is_not_read_as_records() -> None:
    with pytest.raises(DataFileError) as caught:
        ex.read_import(b'{"schema": 1, "people": {"a": 1}}', "x.json")
    assert caught.value.message == "x.json: people: expected an array of developers"
    with pytest.raises(DataFileError, match=r"goals: expected an array of goals$"):
        ex.read_import(b'{"schema": 1, "goals": "x"}', "x.json")
    keyed = b'{"schema": 1, "people": {"a": {"name": "A"}}}'  # the file's own form
    assert ex.read_import(keyed, "x.json").entries[0].data == {"id": "a", "name": "A"}


@pytest.mark.parametrize(
    ("cut", "words"),
    [
        (
            lambda t: t[: t.index('"Maria Chen"') + 5],
            "unterminated string (is the file truncated?)",
        ),
        (lambda t: t[: t.index('"people"')], "(is the file truncated?)"),
        (lambda t: t + "x", "more text after the end of the JSON document"),
    ],
)
def test_json_syntax_errors_are_complete_sentences(cut: Any, words: str) -> None:
    text = ex.export_json(example_network())
    with pytest.raises(DataFileError) as caught:
        ex.read_import(cut(text).encode(), "x.json")
    message = caught.value.message
    assert re.match(r"x\.json:\d+:\d+: not valid JSON: ", message)
    assert message.endswith(words)
    assert not message.endswith(" at")


def test_report_says_one_context_and_one_developer() -> None:
    text = report_markdown(network({"a": person("A")}), TODAY)
    assert "- Size: 1 active developer (1 senior)" in text
    assert "- Range: 1 context, low (high from 3 contexts)" in text
    assert "1 contexts" not in text and "1 developers" not in text


# --- text that could act on a terminal or a spreadsheet ------------------------------------

_RISKY_TEXT = st.lists(
    st.one_of(
        st.text(st.characters(exclude_categories=["Cs"]), max_size=4),
        st.sampled_from(
            ["=", "+", "-", "@", "\t", "\r", "'", "\\", "\\u001b", "u0041", "\x1b", "\x9b"]
        ),
        st.sampled_from(["\u202e", "\u200b", "\u200d", "\u2028", "\ufeff", "\u061c", "\n"]),
    ),
    max_size=6,
).map("".join)


@given(_RISKY_TEXT)
def test_csv_cells_round_trip_and_never_hold_a_raw_control_or_a_formula(value: str) -> None:
    from devnet.render.clean import UNSAFE_KEEP_LINES, csv_cell, csv_text, csv_uncell, csv_untext

    cell = csv_cell(csv_text(value))
    assert csv_untext(csv_uncell(cell)) == value
    assert not UNSAFE_KEEP_LINES.search(cell)
    assert not cell or cell[0] not in "=+-@\t\r"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "\\u000dx"),
        ("'=x", "''=x"),  # a quote devnet did not add survives the round trip
        ("'plain", "'plain"),
        ("Maria", "Maria"),
        ("Ma\u200bria", "Ma\\u200bria"),
        ("a\\u0041", "a\\\\u0041"),  # a literal backslash-u is not taken for an escape
    ],
)
def test_csv_cell_examples(value: str, cell: str) -> None:
    from devnet.render.clean import csv_cell, csv_text, csv_uncell, csv_untext

    assert csv_cell(csv_text(value)) == cell
    assert csv_untext(csv_uncell(cell)) == value


def test_csv_export_neutralises_formulas_and_import_restores_them() -> None:
    risky = ["=1+2", "+cmd", "-3", "@SUM(A1)", "\tTab"]
    net = network(
        {
            f"p{i}": person(name, context=name, learn=name, expertise=[name, "ok"])
            for i, name in enumerate(risky[:-1])
        }
        | {"tab": person("\tTab", learn="\tTab")}  # (list items are trimmed)
    )
    text = ex.export_csv(net)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for row in rows:
        for column in (
            ("name", "learn") if row["id"] == "tab" else ("name", "context", "learn", "expertise")
        ):
            assert row[column].startswith("'"), row[column]
    target = empty_like(net)
    import_into(target, text.encode(), "people.csv")
    assert target.people == net.people


HOSTILE_TEXT = (
    "Ev\x1b[2Jil \x1b]52;c;aGk=\x07 \u202eenil \x9b31m Ma\u200bria \u2028 \ufeff \u061c\u200e"
)


def test_json_export_escapes_hostile_characters_and_stays_lossless() -> None:
    net = network({"x": person(HOSTILE_TEXT, learn=HOSTILE_TEXT)})
    net.profile.name = HOSTILE_TEXT
    text = ex.export_json(net)
    for char in "\x1b\x07\x9b\u202e\u200b\u2028\ufeff\u061c\u200e":
        assert char not in text
    assert "\\u202e" in text and "\\u009b" in text and "\\u001b" in text
    doc = json.loads(text)
    assert doc["profile"]["name"] == HOSTILE_TEXT
    assert doc["people"][0]["learn"] == HOSTILE_TEXT


def test_dot_shows_hostile_characters_escaped() -> None:
    net = network({"x": person(HOSTILE_TEXT, context=HOSTILE_TEXT)})
    text = ex.export_dot(net, day(5))
    for char in "\x1b\x07\x9b\u202e\u200b\u2028\ufeff\u061c\u200e":
        assert char not in text
    assert "Ev\\\\x1b[2Jil" in text  # \x1b as text, its backslash escaped for DOT
