"""devnet in a real pseudo-terminal (pexpect), where what it does depends on the
terminal: questions, the pager and colour, and layouts at 40, 60, 80 and 120 columns."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import closed

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mid-career.toml"
WIDTHS = (40, 60, 80, 120)
NARROWEST = [pytest.param(w, marks=() if w == WIDTHS[0] else pytest.mark.slow) for w in WIDTHS]
"""Every width; the default run keeps the narrowest (the hardest to fit), the slow run
(CI) the others: each is a real devnet on a real terminal."""
EVERY_WIDTH_SLOW = [pytest.param(w, marks=pytest.mark.slow) for w in WIDTHS]
"""For the layouts the default run leaves to the four it keeps at 40 columns (gaps,
list, show, report: a grid, a table, blocks and prose): every width in CI only."""
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\x1b[=>]")


def program() -> list[str]:
    script = Path(sys.executable).parent / "devnet"
    return [str(script)] if script.exists() else [sys.executable, "-m", "devnet"]


def spawn(*args: str, width: int = 80, env: dict[str, str] | None = None) -> pexpect.spawn:  # type: ignore[name-defined]
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DEVNET_", "FORCE_CO"))}
    full.pop("CLICOLOR_FORCE", None)
    full.pop("PAGER", None)
    full.update({"TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "", "LINES": ""})
    full.update(env or {})
    full = {k: v for k, v in full.items() if v != ""}
    command = program()
    return pexpect.spawn(
        command[0],
        [*command[1:], *args],
        env=full,
        dimensions=(50, width),
        encoding="utf-8",
        timeout=30,
    )


def screen(*args: str, width: int = 80, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run to the end on a terminal `width` columns wide: exit status and what it showed."""
    child = spawn(*args, width=width, env={"DEVNET_PAGER": "cat", **(env or {})})
    child.expect(pexpect.EOF)
    closed(child)
    shown = ANSI.sub("", child.before or "").replace("\r\n", "\n").replace("\r", "")
    return child.exitstatus, shown


@pytest.fixture
def network(tmp_path: Path) -> Path:
    path = tmp_path / "net.toml"
    shutil.copy(EXAMPLE, path)
    return path


# --- questions are asked only on a terminal ------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status"), [("y", 0), pytest.param("n", 1, marks=pytest.mark.slow)]
)
def test_remove_asks_on_a_terminal(network: Path, answer: str, status: int) -> None:
    child = spawn("--file", str(network), "remove", "leo")
    child.expect(r"\[y/N\]: ")
    child.sendline(answer)
    child.expect(pexpect.EOF)
    closed(child)
    assert child.exitstatus == status
    assert ("[people.leo-park]" in network.read_text()) == (answer == "n")


# --- the pager, colour and --quiet ---------------------------------------------------------

MARK = "sed s/^/PAGED:/"
"""A pager that shows it was used: every line it gets comes out marked."""
GAPS = ("gaps", "--as-of", "2026-11-23")


def tall(*args: str, rows: int, env: dict[str, str]) -> str:
    child = spawn("--file", str(EXAMPLE), *args, env=env)
    child.setwinsize(rows, 80)
    child.expect(pexpect.EOF)
    closed(child)
    assert child.exitstatus == 0
    return ANSI.sub("", child.before or "")


def test_long_output_on_a_terminal_goes_through_the_pager() -> None:
    shown = tall(*GAPS, rows=10, env={"DEVNET_PAGER": MARK})
    assert shown.count("PAGED:") > 10
    assert "PAGED:" not in tall(*GAPS, "--no-pager", rows=10, env={"DEVNET_PAGER": MARK})
    assert "PAGED:" not in tall("--no-pager", *GAPS, rows=10, env={"DEVNET_PAGER": MARK})


def test_output_that_fits_the_screen_is_not_paged() -> None:
    assert "PAGED:" not in tall("due", rows=45, env={"DEVNET_PAGER": MARK})


@pytest.mark.slow  # three real devnets; the test above is the default run's pager check
def test_the_pager_is_devnet_pager_else_pager_else_less(tmp_path: Path) -> None:
    assert "PAGER2:" in tall(*GAPS, rows=10, env={"PAGER": "sed s/^/PAGER2:/"})
    both = tall(*GAPS, rows=10, env={"PAGER": "sed s/^/PAGER2:/", "DEVNET_PAGER": MARK})
    assert "PAGED:" in both and "PAGER2:" not in both
    fake = tmp_path / "less"
    fake.write_text('#!/bin/sh\necho "LESS-ARGS:$*"\nsed s/^/LESS:/\n')
    fake.chmod(0o755)
    path = f"{tmp_path}{os.pathsep}{os.environ['PATH']}"
    shown = tall(*GAPS, rows=10, env={"PATH": path})
    assert "LESS-ARGS:-FRX" in shown and "LESS:" in shown


def test_piped_output_is_never_paged() -> None:
    import subprocess

    env = {**os.environ, "DEVNET_PAGER": MARK, "NO_COLOR": "1"}
    result = subprocess.run(
        [*program(), "--file", str(EXAMPLE), *GAPS],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0 and "PAGED:" not in result.stdout


COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)")


@pytest.mark.parametrize(
    ("env", "coloured"),
    [  # each a real devnet: the slow run has the other switches
        ({"FORCE_COLOR": "1"}, True),
        pytest.param({"CLICOLOR_FORCE": "1"}, True, marks=pytest.mark.slow),
        pytest.param({"FORCE_COLOR": "0"}, False, marks=pytest.mark.slow),
        pytest.param({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, marks=pytest.mark.slow),
        ({}, False),
    ],
)
def test_colour_can_be_forced_when_piped(env: dict[str, str], coloured: bool) -> None:
    import subprocess

    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    full.pop("CLICOLOR_FORCE", None)
    result = subprocess.run(
        [*program(), "--file", str(EXAMPLE), "due", "--as-of", "2026-11-23"],
        capture_output=True,
        text=True,
        env={**full, **env},
        check=False,
    )
    assert result.returncode == 0
    assert bool(COLOUR.search(result.stdout)) == coloured


def test_no_color_keeps_a_terminal_free_of_colour() -> None:
    child = spawn("--file", str(EXAMPLE), "due", "--as-of", "2026-11-23", env={"NO_COLOR": "1"})
    child.expect(pexpect.EOF)
    assert "overdue" in child.before and not COLOUR.search(child.before)
    child = spawn("--file", str(EXAMPLE), "due", "--as-of", "2026-11-23", env={"NO_COLOR": ""})
    child.expect(pexpect.EOF)
    assert COLOUR.search(child.before)


def test_quiet_silences_talk_but_not_errors(network: Path) -> None:
    code, shown = screen("--file", str(network), "-q", "checkin", "leo", "--note", "Lunch")
    # no talk ("Logged ..."); a warning about the file, if any, still shows
    assert code == 0 and "Logged" not in shown
    assert all(line.startswith("devnet: warning:") for line in shown.splitlines() if line)
    code, shown = screen("--file", str(network), "checkin", "leo", "--note", "Tea")
    assert code == 0 and "Logged" in shown  # without -q it talks
    code, shown = screen("--file", str(network), "pause", "leo", "--quiet")
    assert (code, shown.strip()) == (0, "")
    code, shown = screen("--file", str(network), "-q", "show", "nobody")
    assert code == 1 and "devnet: error: no developer 'nobody'" in shown


# --- narrow terminals --------------------------------------------------------------------


@pytest.mark.parametrize("width", EVERY_WIDTH_SLOW)
def test_due_keeps_the_status_at_every_width(width: int) -> None:
    due = json_of(EXAMPLE, "due", "--as-of", "2026-11-23")
    code, shown = screen("--file", str(EXAMPLE), "due", "--as-of", "2026-11-23", width=width)
    assert code == 0
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= width
    for entry in due:
        row = next(line for line in lines if entry["id"] in line.split())
        assert entry["status"] in row.split(), (width, row)


# --- every layout at 40, 60, 80 and 120 columns ----------------------------------------------

EXAMPLES = [
    pytest.param(path, id=path.stem, marks=() if path == EXAMPLE else pytest.mark.slow)
    for path in sorted((ROOT / "examples").glob("*.toml"))
]
"""Every example; all but mid-career only in the slow run (each layout is a terminal)."""
AS_OF = ("--as-of", "2026-11-23")
REFERENCE = 250
"""A terminal wide enough for every layout: the words a narrow one must show whole."""
BOX = re.compile(r"[\u2500-\u257f•→✗✓]")
EDGE = ".,;:()'\"`*!?"


def shown_at(example: Path, *args: str, width: int) -> list[str]:
    """The lines `devnet --file example args` shows on a terminal `width` wide."""
    code, shown = screen("--no-pager", "--file", str(example), *args, width=width)
    assert code in (0, 1), shown  # doctor exits 1 when it finds something
    return [line.rstrip() for line in shown.splitlines()]


_REFERENCES: dict[tuple[str, ...], list[str]] = {}


def reference(example: Path, *args: str) -> list[str]:
    key = (str(example), *args)
    if key not in _REFERENCES:
        _REFERENCES[key] = shown_at(example, *args, width=REFERENCE)
    return _REFERENCES[key]


def words(lines: list[str]) -> list[str]:
    """Words as shown, without box drawing, bullets and the punctuation around them."""
    found = (w.strip(EDGE) for line in lines for w in BOX.sub(" ", line).split())
    return [w for w in found if any(ch.isalnum() for ch in w)]


def commands(lines: list[str]) -> list[str]:
    from devnet.render.wrap import command_spans

    return [line[a:b] for line in lines for a, b in command_spans(line)]


def check_layout(example: Path, args: tuple[str, ...], width: int) -> list[str]:
    """Run `args` at `width` and hold what every layout promises: no line wider than
    the terminal (but a devnet command wider than it, alone on its line), no word
    split (every word shown is a word of the wide layout, or cut with "…" on
    purpose), every command of the wide layout whole on one line."""
    lines = shown_at(example, *args, width=width)
    wide = reference(example, *args)
    assert [w for w in words(wide) if w.endswith("…")] == [], wide  # the reference is whole
    every = set(words(wide))
    for word in words(lines):
        cut = word.endswith("…") and any(w.startswith(word[:-1]) for w in every)
        assert word in every or cut, (width, word, "\n".join(lines))
    whole = commands(wide)
    for line in lines:
        alone = line.strip().lstrip("(`'")  # a command or a word wider than the terminal
        assert len(line) <= width or alone in whole or alone in every, (width, line)
    for command in whole:
        assert any(command in line for line in lines), (width, command, "\n".join(lines))
    return lines


def data(example: Path) -> dict[str, Any]:
    import tomli

    return tomli.loads(example.read_text(encoding="utf-8"))


def here(*args: str) -> Any:
    """devnet run in this process (the command is built once, see conftest): for what
    does not depend on the terminal, the data a layout must show and the setup."""
    from typer.testing import CliRunner

    from devnet.cli import app

    return CliRunner().invoke(app, list(args))


def json_of(example: Path, *args: str) -> Any:
    """What `devnet --file example args --json` says: the data a layout must show."""
    import json

    result = here("--file", str(example), *args, "--json")
    assert result.exit_code in (0, 1), result.stderr  # doctor exits 1 when it finds something
    return json.loads(result.stdout)


@pytest.mark.parametrize("width", NARROWEST)
@pytest.mark.parametrize("example", EXAMPLES)
def test_gaps_keeps_titles_needs_and_commands_whole(example: Path, width: int) -> None:
    lines = check_layout(example, ("gaps", "--verbose", *AS_OF), width)
    shown = words(lines)
    for goal in json_of(example, "gaps", *AS_OF)["goals"]:
        # a title is never cut: all its words, in order, on its line(s)
        assert all(w.strip(EDGE) in shown for w in goal["title"].split()), (width, goal)
        for cell in goal["cells"]:
            assert cell["need"] in shown and cell["status"] in shown, (width, cell)


@pytest.mark.parametrize(
    "width",  # both sides of the switch in the default run
    [pytest.param(w, marks=() if w in (40, 60) else pytest.mark.slow) for w in WIDTHS],
)
def test_gaps_turns_into_a_list_when_the_grid_does_not_fit(width: int) -> None:
    lines = shown_at(EXAMPLE, "gaps", *AS_OF, width=width)
    grid = any(line.split()[:1] == ["need"] for line in lines)
    assert grid == (width >= 60), "\n".join(lines)
    if not grid:  # each title on a line of its own, each need under it
        at = lines.index("Become a people manager")
        assert lines[at + 1].split()[:3] == ["sponsorship", "weak", "Maria"]


@pytest.mark.parametrize("width", NARROWEST)
@pytest.mark.parametrize("example", EXAMPLES)
def test_list_keeps_the_id_and_status(example: Path, width: int) -> None:
    lines = check_layout(example, ("list", "--all"), width)
    for person in json_of(example, "list", "--all"):
        row = next(line for line in lines if person["id"] in line.split())
        # the state shown: closing for an active relationship on its way out
        assert person.get("state", person["status"]) in row.split(), (width, row)


@pytest.mark.parametrize("width", EVERY_WIDTH_SLOW)
@pytest.mark.parametrize("example", EXAMPLES)
def test_goal_list_keeps_the_id_and_status(example: Path, width: int) -> None:
    lines = check_layout(example, ("goal", "list"), width)
    for goal in json_of(example, "goal", "list"):
        row = next(line for line in lines if goal["id"] in line.split())
        assert goal["status"] in row.split(), (width, row)


@pytest.mark.parametrize("width", EVERY_WIDTH_SLOW)
@pytest.mark.parametrize("example", EXAMPLES)
def test_map_keeps_every_name_and_gap(example: Path, width: int) -> None:
    lines = check_layout(example, ("map", *AS_OF), width)
    shown = words(lines)
    listed = json_of(example, "map", *AS_OF)
    for group in listed["groups"]:
        for context in group["contexts"]:
            for person in context["developers"]:
                assert all(w in shown for w in person["name"].split()), (width, person)
    for gap in listed["gaps"]:
        assert all(w.strip(EDGE) in shown for w in gap["title"].split()), (width, gap)
    # a gap's text wraps under itself, never back to column 0
    marks = [i for i, line in enumerate(lines) if line.startswith(("✗ gap", "! weak"))]
    for i in marks:
        follow = lines[i + 1 : i + 4]
        for line in follow:
            if not line or line.startswith(("✗", "!", "✓")):
                break
            assert line.startswith(" " * 8), (width, line)


@pytest.mark.parametrize("width", NARROWEST)
@pytest.mark.parametrize("example", EXAMPLES)
def test_report_on_a_terminal_wraps_between_words_only(example: Path, width: int) -> None:
    lines = check_layout(example, ("report", *AS_OF), width)
    # nothing is left out: the same words, in the same order
    assert words(lines) == words(reference(example, "report", *AS_OF))
    for line, after in itertools.pairwise(lines):
        if line.startswith(("- ", "1. ")) and after and not after.startswith(("- ", "#")):
            assert after.startswith(" "), (width, line, after)  # a list item's next line


def test_report_piped_or_to_a_file_is_not_wrapped(tmp_path: Path) -> None:
    import subprocess

    piped = subprocess.run(
        [*program(), "--file", str(EXAMPLE), "report", *AS_OF],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert max(len(line) for line in piped.splitlines()) > 120
    target = tmp_path / "review.md"
    code, _ = screen("--file", str(EXAMPLE), "report", *AS_OF, "--output", str(target), width=40)
    assert code == 0 and target.read_text(encoding="utf-8") == piped


@pytest.mark.parametrize("width", NARROWEST)
@pytest.mark.parametrize("example", EXAMPLES)
def test_show_keeps_every_check_in_word_and_indent(example: Path, width: int) -> None:
    people = data(example)["people"]
    pid = max(people, key=lambda p: len(json_of(example, "show", p)["checkins"]))
    lines = check_layout(example, ("show", pid), width)
    shown = words(lines)
    for checkin in json_of(example, "show", pid)["checkins"]:
        for field in ("note", "gave"):
            for word in (checkin.get(field) or "").split():
                assert word.strip(EDGE) in shown, (width, field, word)
    if width < 110:  # blocks: under each check-in's ref, every line is indented
        ref = re.compile(r"\S+@\d{4}-\d\d-\d\d\S*")
        at = next(i for i, line in enumerate(lines) if ref.fullmatch(line))
        assert all(line.startswith("  ") for line in lines[at:] if not ref.fullmatch(line))


@pytest.mark.parametrize("width", EVERY_WIDTH_SLOW)
@pytest.mark.parametrize("example", EXAMPLES)
def test_checkins_list_keeps_the_ref(example: Path, width: int) -> None:
    lines = check_layout(example, ("checkins", "list"), width)
    for checkin in json_of(example, "checkins", "list"):
        assert any(line.split()[:1] == [checkin["ref"]] for line in lines), (width, checkin)


@pytest.mark.parametrize("width", EVERY_WIDTH_SLOW)
def test_restore_list_never_wraps_the_name(network: Path, width: int) -> None:
    for note in ("one", "two"):
        done = here("--file", str(network), "-q", "checkin", "leo", "--note", note)
        assert done.exit_code == 0, done.output
    names = [b["name"] for b in json_of(network, "restore", "--list")]
    assert len(names) == 2
    lines = check_layout(network, ("restore", "--list"), width)
    for name in names:
        assert any(line.split()[:1] == [name] for line in lines), (width, name)


@pytest.mark.slow
def test_restore_list_is_bare_names_when_a_name_is_wider_than_the_terminal(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a-network-file-with-a-long-name.toml"
    shutil.copy(EXAMPLE, path)
    assert here("--file", str(path), "-q", "checkin", "leo", "--note", "one").exit_code == 0
    [name] = [b["name"] for b in json_of(path, "restore", "--list")]
    assert len(name) > 60
    lines = shown_at(path, "restore", "--list", width=40)
    assert [line for line in lines if line] == [name]


@pytest.mark.parametrize("width", EVERY_WIDTH_SLOW)
def test_doctor_keeps_each_check_and_its_status(network: Path, width: int) -> None:
    lines = check_layout(network, ("doctor",), width)
    shown = words(lines)
    for check in json_of(network, "doctor")["checks"]:
        assert check["status"] in shown and check["check"].split()[0] in shown, (width, check)


def test_a_command_wider_than_the_terminal_stays_whole_on_its_own_line() -> None:
    example = ROOT / "examples" / "senior-executive.toml"
    command = 'devnet edit chris-hale --cadence monthly --scheduler me --learn "..."'
    lines = shown_at(example, "gaps", *AS_OF, width=40)
    [line] = [line for line in lines if "--scheduler" in line]
    assert command in line and len(line.split()) == len(command.split()), line  # alone
