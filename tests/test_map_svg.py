"""`devnet map --svg`: the diagram for a slide, checked through the real CLI by parsing
what it writes: one dot per developer present that day, a legend of every encoding,
nothing active or remote in the file, hostile text inert, the same bytes every time,
everything inside the viewBox, labels clear of one another at 30 people."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from builders import checkin, goal, network, person
from conftest import Run
from devnet import store
from devnet.analysis import CLOSING_REASONS
from devnet.model import FUNCTIONS, Network
from devnet.render.svg import CLOSING, FAMILY_COLOURS, HEIGHT, LINE_WIDTHS, WIDTH, text_width

NS = "{http://www.w3.org/2000/svg}"
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.toml"))
AS_OF = "2025-06-01"


def draw(run: Run, tmp_path: Path, *args: str, file: Path | None = None) -> tuple[str, ET.Element]:
    """`devnet map --svg` (on `file` if given) through the CLI: the text and its tree."""
    out = tmp_path / "out.svg"
    where = ("--file", str(file)) if file else ()
    result = run(*where, "map", "--svg", str(out), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    return text, ET.fromstring(text)


def nodes(root: ET.Element) -> dict[str, ET.Element]:
    """The developers' dots by developer id."""
    return {
        g.get("id", "").removeprefix("dev-"): g
        for g in root.iter(f"{NS}g")
        if g.get("class", "").split()[:1] == ["node"]
    }


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def crowd(size: int = 30) -> Network:
    """A network of `size` developers of every relation, inside and outside the
    organization, with every closeness, one to three function families, long names,
    a paused one and one whose latest review said move-on."""
    relations = ("supervisor", "senior", "peer", "peer", "circle", "junior", "family", "external")
    contexts = ("Acme", " acme ", "Globex Research", "University of Edinburgh", "Initech")
    functions = list(FUNCTIONS)
    people = {}
    for i in range(size):
        relation = relations[i % len(relations)]
        context = "Lee family" if relation == "family" else contexts[i % len(contexts)]
        name = f"Person {i:02d} " + ("Featherstonehaugh-Cholmondeley " * (i % 7 == 3)) + "Lee"
        extra: dict[str, object] = {"members": 5} if relation == "circle" else {}
        if i == 4:
            extra |= {"status": "paused", "status_date": date(2025, 3, 1)}
        people[f"p{i:02d}"] = person(
            name,
            functions[i % 9 : i % 9 + 1 + i % 3],
            relation=relation,
            context=context,
            closeness=(None, 1, 2, 3, 4)[i % 5],
            **extra,
        )
    return network(people, checkins=[checkin("p05", 30, review="move-on")])


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_draws_one_dot_per_developer_present_and_a_legend(
    run: Run, tmp_path: Path, example: Path
) -> None:
    net = store.load(example).network
    day = date(2026, 12, 31)
    _, root = draw(run, tmp_path, "--as-of", day.isoformat(), file=example)
    expected = {pid for pid, p in net.people.items() if p.status_on(day) not in (None, "ended")}
    assert expected
    assert set(nodes(root)) == expected
    for pid in expected:  # each dot has its full name in its <title>
        title = nodes(root)[pid].find(f"{NS}title")
        assert title is not None and title.text is not None
        assert title.text.startswith(net.people[pid].name)
    assert root.get("viewBox") == f"0 0 {WIDTH} {HEIGHT}"
    heading = "".join(root.itertext())
    assert f"Developmental network of {net.profile.name}" in heading
    assert "as of 31 December 2026" in heading


def test_the_legend_explains_every_encoding(run: Run, netfile: Path, tmp_path: Path) -> None:
    store.create(netfile, crowd())
    _, root = draw(run, tmp_path, "--as-of", AS_OF)
    legend = [g for g in root.iter(f"{NS}g") if classes(g) == {"legend"}]
    assert len(legend) == 1
    words = " ".join(legend[0].itertext())
    for meaning in (
        "you",
        "inside Acme",
        "outside it",
        "sector",
        *FAMILY_COLOURS,
        "several families",
        "no function recorded",
        "especially close",
        "less than close",
        "distant",
        "not recorded",
        "paused",
        "closing",
    ):
        assert meaning in words, meaning
    fills = {c.get("fill") for c in legend[0].iter(f"{NS}circle")}
    assert set(FAMILY_COLOURS.values()) <= fills
    widths = {ln.get("stroke-width") for ln in legend[0].iter(f"{NS}line")}
    assert {str(w) for w in LINE_WIDTHS.values()} <= widths


def test_the_encodings_follow_the_data(run: Run, netfile: Path, tmp_path: Path) -> None:
    people = {
        "in": person("In Side", "sponsorship", context="  ACME  corp ", closeness=4),
        "out": person("Out Side", "friendship", context="Globex", closeness=1),
        "both": person("Both Families", "coaching,acceptance,role-modeling", relation="peer"),
        "none": person("No Functions", "", relation="junior", closeness=None),
        "paused": person("Pau Sed", relation="peer", status="paused", status_date=date(2025, 2, 1)),
        "closing": person("Clo Sing", relation="external", context="Globex"),
    }
    net = network(people, checkins=[checkin("closing", 20, review="move-on")], org="Acme Corp")
    store.create(netfile, net)
    _, root = draw(run, tmp_path, "--as-of", AS_OF)
    dots = nodes(root)
    assert "inside" in classes(dots["in"]) and "outside" in classes(dots["out"])
    assert "paused" in classes(dots["paused"]) and "closing" in classes(dots["closing"])
    assert "active" in classes(dots["in"])
    fill = [c.get("fill") for c in dots["in"].iter(f"{NS}circle")]
    assert fill == [FAMILY_COLOURS["career"]]
    split = [p.get("fill") for p in dots["both"].iter(f"{NS}path")]
    assert split == list(FAMILY_COLOURS.values())
    assert [c.get("fill") for c in dots["none"].iter(f"{NS}circle")] == ["#ffffff"]
    assert any(c.get("stroke-dasharray") for c in dots["closing"].iter(f"{NS}circle"))
    ties = {
        (ln.get("x2"), ln.get("y2")): ln
        for g in root.iter(f"{NS}g")
        if classes(g) == {"ties"}
        for ln in g.iter(f"{NS}line")
    }

    def tie(pid: str) -> ET.Element:
        dot = dots[pid].findall(f"{NS}circle")[-1]  # every circle of a dot shares its centre
        return ties[(dot.get("cx"), dot.get("cy"))]

    assert tie("in").get("stroke-width") == str(LINE_WIDTHS[4])
    assert tie("out").get("stroke-width") == str(LINE_WIDTHS[1])
    assert tie("none").get("stroke-dasharray") == "1.5 5"  # closeness unset: thin dotted
    assert tie("paused").get("stroke-dasharray") == "9 6"
    assert tie("closing").get("stroke-dasharray") == "9 6"
    assert tie("in").get("stroke-dasharray") is None
    org = [t for t in root.iter(f"{NS}text") if classes(t) == {"org"}]
    assert [t.text for t in org] == ["ACME CORP"]


def test_only_the_people_present_that_day_are_drawn(
    run: Run, netfile: Path, tmp_path: Path
) -> None:
    people = {
        "old": person("Long Gone", status="ended", status_date=date(2025, 3, 1)),
        "later": person("Ends Later", status="ended", status_date=date(2025, 9, 1)),
        "new": person("Not Yet", since=date(2025, 8, 1)),
        "here": person("Here Now"),
    }
    store.create(netfile, network(people))
    _, root = draw(run, tmp_path, "--as-of", AS_OF)
    assert set(nodes(root)) == {"later", "here"}
    assert "active" in classes(nodes(root)["later"])  # ended only after that day
    _, root = draw(run, tmp_path, "--as-of", "2025-10-01")
    assert set(nodes(root)) == {"new", "here"}


def test_closing_comes_from_the_snapshot_with_its_reason(
    run: Run, netfile: Path, tmp_path: Path
) -> None:
    people = {
        "moved": person("Moved On"),
        "period": person("Period Over", request="period", until=date(2025, 5, 1)),
        "period-later": person("Period Later", request="period", until=date(2025, 12, 1)),
    }
    store.create(netfile, network(people, checkins=[checkin("moved", 20, review="move-on")]))
    _, root = draw(run, tmp_path, "--as-of", AS_OF)
    dots = nodes(root)
    assert {pid for pid, g in dots.items() if "closing" in classes(g)} == {"moved", "period"}

    def title(pid: str) -> str:
        element = dots[pid].find(f"{NS}title")
        assert element is not None and element.text is not None
        return element.text

    assert title("moved").endswith("closing: agreed to move on")
    assert title("period").endswith("closing: the agreed period is over")
    assert "closing" not in title("period-later")
    assert CLOSING.keys() == set(CLOSING_REASONS)  # every reason has its words
    _, root = draw(run, tmp_path, "--as-of", "2025-04-01")  # before the period ended
    assert "active" in classes(nodes(root)["period"])


def test_nothing_in_the_file_can_run_or_fetch(run: Run, netfile: Path, tmp_path: Path) -> None:
    store.create(netfile, crowd())
    text, root = draw(run, tmp_path, "--as-of", AS_OF)
    tags = {e.tag.removeprefix(NS) for e in root.iter()}
    assert tags <= {"svg", "title", "style", "rect", "text", "tspan", "g", "line", "circle",
                    "ellipse", "path"}  # fmt: skip
    for element in root.iter():
        for name, value in element.attrib.items():
            assert "href" not in name, (element.tag, name)
            assert not name.startswith("on"), (element.tag, name)
            assert "url(" not in value and "javascript:" not in value
    style = "".join(s.text or "" for s in root.iter(f"{NS}style"))
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "sans-serif" in style
    assert re.findall(r"[a-z]+://[^\s\"'<]*", text) == ["http://www.w3.org/2000/svg"]


HOSTILE_NAME = "<script>alert(1)</script> & \"x\" 'y' ]]> \x1b[31m\u202eRTL\u200b"


def test_hostile_text_is_escaped_and_inert(run: Run, netfile: Path, tmp_path: Path) -> None:
    people = {
        "evil": person(HOSTILE_NAME, context='"><a href="https://evil.example">x</a>'),
        "url": person("url(https://evil.example) @import 'x'", relation="peer"),
    }
    goals = {"g": goal("exposure", title="<b>Goal</b> & </text><script>x</script>")}
    net = network(people, goals=goals, org="<Org> & \x07Co", name="<Owner> \u202e&")
    store.create(netfile, net)
    text, root = draw(run, tmp_path, "--as-of", AS_OF)
    assert not [e for e in root.iter() if e.tag in (f"{NS}script", f"{NS}a", f"{NS}foreignObject")]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]", text)
    assert "https://evil.example" not in re.sub(r">[^<]*<", "><", text)  # text only
    title = nodes(root)["evil"].find(f"{NS}title")
    assert title is not None and title.text is not None
    assert title.text.startswith(
        "<script>alert(1)</script> & \"x\" 'y' ]]> \\x1b[31m\\u202eRTL\\u200b · senior"
    )
    words = "".join(root.itertext())
    assert "<Owner> \\u202e&" in words
    assert "<ORG> & \\X07CO" in words  # the organization's label on the diagram
    assert "<b>Goal</b> &" in words  # the open need's objective, shown as text


def test_the_same_network_gives_the_same_bytes(run: Run, netfile: Path, tmp_path: Path) -> None:
    store.create(netfile, crowd())
    first = tmp_path / "a.svg"
    second = tmp_path / "b.svg"
    assert run("map", "--as-of", AS_OF, "--svg", str(first)).exit_code == 0
    assert run("map", "--as-of", AS_OF, "--svg", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    reordered = crowd()
    reordered.people = dict(reversed(reordered.people.items()))
    other = tmp_path / "other.toml"
    store.create(other, reordered)
    assert run("--file", str(other), "map", "--as-of", AS_OF, "--svg", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


SIZES = {
    "title": (30.0, True),
    "subtitle": (16.0, False),
    "name": (15.0, True),
    "sub": (12.0, False),
    "sector": (12.0, True),
    "org": (13.0, True),
    "you": (15.0, True),
    "heading": (13.0, True),
    "key": (13.0, False),
    "note": (11.5, False),
}
"""Font size and weight by class, as in the picture's style sheet."""


def _extent(element: ET.Element) -> list[tuple[float, float]]:
    """The corners an element reaches (text by its estimated width)."""
    a = dict(element.attrib)
    tag = element.tag.removeprefix(NS)
    f = {k: float(v) for k, v in a.items() if re.fullmatch(r"-?[\d.]+", v)}
    if tag == "circle":
        return [(f["cx"] - f["r"], f["cy"] - f["r"]), (f["cx"] + f["r"], f["cy"] + f["r"])]
    if tag == "ellipse":
        return [(f["cx"] - f["rx"], f["cy"] - f["ry"]), (f["cx"] + f["rx"], f["cy"] + f["ry"])]
    if tag == "line":
        return [(f["x1"], f["y1"]), (f["x2"], f["y2"])]
    if tag == "rect":
        return [(f["x"], f["y"]), (f["x"] + f["width"], f["y"] + f["height"])]
    if tag == "path":  # M, L and A (whose end point is its last two numbers)
        out = []
        for command, args in re.findall(r"([MLAZ])([^MLAZ]*)", a["d"]):
            numbers = [float(n) for n in args.split()]
            if command != "Z":
                out.append((numbers[-2], numbers[-1]))
        return out
    if tag == "text":
        size, bold = SIZES.get(a.get("class", "").split(" ")[0], (16.0, True))
        width = text_width("".join(element.itertext()), size, bold)
        x = f["x"] - {"end": width, "middle": width / 2}.get(a.get("text-anchor", ""), 0)
        return [(x, f["y"] - 14), (x + width, f["y"] + 4)]
    return []


def test_the_viewbox_holds_every_element(run: Run, netfile: Path, tmp_path: Path) -> None:
    store.create(netfile, crowd())
    _, root = draw(run, tmp_path, "--as-of", AS_OF)
    assert len(list(root.iter())) > 300
    for element in root.iter():
        for x, y in _extent(element):
            assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT, (element.tag, element.attrib)


def test_labels_of_thirty_people_do_not_overlap(run: Run, netfile: Path, tmp_path: Path) -> None:
    store.create(netfile, crowd(30))
    _, root = draw(run, tmp_path, "--as-of", AS_OF)
    assert len(nodes(root)) == 30
    chips = [
        (float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("width", 0)),
         float(r.get("height", 0)))
        for r in root.iter(f"{NS}rect")
        if classes(r) == {"chip"}
    ]  # fmt: skip
    assert len(chips) == 30
    for (x0, y0, w0, h0), (x1, y1, w1, h1) in combinations(chips, 2):
        overlap_x = min(x0 + w0, x1 + w1) - max(x0, x1)
        overlap_y = min(y0 + h0, y1 + h1) - max(y0, y1)
        assert overlap_x <= 2 or overlap_y <= 2, ((x0, y0), (x1, y1))
    names = [t.text or "" for t in root.iter(f"{NS}text") if "name" in classes(t)]
    long = [n for n in names if n.startswith(("Person 03", "Person 10", "Person 17"))]
    assert long and all(n.endswith("…") for n in long)  # shortened; full in the <title>
    titles = [t.text or "" for g in nodes(root).values() for t in g.iter(f"{NS}title")]
    assert any("Featherstonehaugh-Cholmondeley Lee" in t for t in titles)


def test_a_network_without_an_organization_or_anyone(
    run: Run, netfile: Path, tmp_path: Path
) -> None:
    store.create(netfile, network({"x": person("Solo Dev")}, org=None))
    _, root = draw(run, tmp_path, "--as-of", AS_OF)
    assert "outside" in classes(nodes(root)["x"])
    assert "no organization set" in "".join(root.itertext())
    empty = tmp_path / "empty.toml"
    store.create(empty, network({}))
    _, root = draw(run, tmp_path, "--as-of", AS_OF, file=empty)
    assert nodes(root) == {}
    assert "Nobody in the network on this day." in "".join(root.itertext())


def _converter() -> str | None:
    if shutil.which("rsvg-convert"):
        return "rsvg-convert"
    if importlib.util.find_spec("cairosvg") is not None:
        return "cairosvg"
    return None


@pytest.mark.skipif(_converter() is None, reason="no SVG rasteriser (rsvg-convert, cairosvg)")
def test_a_rasteriser_renders_it(run: Run, netfile: Path, tmp_path: Path) -> None:
    store.create(netfile, crowd())
    out = tmp_path / "out.svg"
    assert run("map", "--as-of", AS_OF, "--svg", str(out)).exit_code == 0
    png = tmp_path / "out.png"
    if _converter() == "rsvg-convert":
        subprocess.run(["rsvg-convert", "-o", str(png), str(out)], check=True, timeout=60)
    else:
        import cairosvg  # type: ignore[import-not-found]  # optional, only for this check

        cairosvg.svg2png(url=str(out), write_to=str(png))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == WIDTH
    assert int.from_bytes(data[20:24], "big") == HEIGHT
