"""Layout for any terminal width: text wrapped only between words, with each
`devnet ...` command kept whole on one line, and a choice between layouts made at
render time from the width rich gives (a grid when it fits, a list when not)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

__all__ = [
    "Choice",
    "WordTable",
    "Wrapped",
    "command_spans",
    "whole_words",
    "wrap_markdown",
    "wrap_points",
]

_TOKEN = re.compile(r'"[^"]*"\S*|\S+')
_CLOSERS = ".,;:)`'"
_ARGUMENT = re.compile(
    r"""(-{1,2}[A-Za-z][\w-]*(=\S*)?   # an option
    |"[^"]*"                         # a quoted value
    |\.\.\.                          # a value left to fill in
    |[A-Z][A-Z0-9_-]*                # a placeholder: ID, NAME, YYYY-MM-DD
    |[a-z0-9][\w.,@/+-]*)$           # a subcommand, an id or a value
    """,
    re.VERBOSE,
)
_PROSE = (
    " a an and as at but for from if in is it of on or so the them then to when where which"
    " with shows lists prints "
)
"""Lowercase words that end a command written inside a sentence: `(devnet resume a
or devnet resume b)`, `devnet gaps --verbose shows them`."""


def command_spans(value: str) -> list[tuple[int, int]]:
    """Where `devnet ...` commands are in `value`, as (start, end) offsets: from the
    word devnet to the last argument, with the punctuation that closes it."""
    tokens = list(_TOKEN.finditer(value))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        word = tokens[i].group().lstrip("(`'")
        if word != "devnet" or i + 1 == len(tokens):
            i += 1
            continue
        start = tokens[i].start() + len(tokens[i].group()) - len(word)
        end = tokens[i].end()
        i += 1
        while i < len(tokens):
            raw = tokens[i].group()
            core = raw if raw in ("...", '"..."') else raw.rstrip(_CLOSERS)
            if not core or not _ARGUMENT.match(core) or f" {core} " in _PROSE:
                break
            end = tokens[i].start() + len(core)
            i += 1
            if core != raw:  # `(devnet goal done ID)`, `... --skill.`: it ends here
                end = tokens[i - 1].end()
                break
        spans.append((start, end))
    return spans


def _units(value: str) -> list[tuple[int, int, bool]]:
    """The unbreakable pieces of `value`: words, and commands as one piece each
    (start, end, is_command)."""
    commands = command_spans(value)
    units: list[tuple[int, int, bool]] = []
    for match in re.finditer(r"\S+", value):
        start, end = match.span()
        inside = next((c for c in commands if c[0] < end and start < c[1]), None)
        if inside is None:
            units.append((start, end, False))
            continue
        low, high = min(start, inside[0]), max(end, inside[1])
        if units and units[-1][2] and units[-1][1] > low:
            low = units[-1][0]
            units.pop()
        units.append((low, max(high, end), True))
    return units


def wrap_points(value: str, width: int, first: int = 0, indent: int = 0) -> list[tuple[int, int]]:
    """Lines of `value` (one paragraph) as (start, end) offsets, wrapped only between
    words; the first line has `first` columns taken already, the others `indent`. A
    word or command longer than a line gets a line of its own, whole."""
    lines: list[tuple[int, int]] = []
    start = end = -1
    used = first
    for low, high, _command in _units(value):
        size = high - low
        if start < 0:
            start, end = low, high
            continue
        if used + (end - start) + 1 + size <= width:
            end = high
            continue
        lines.append((start, end))
        used = indent
        start, end = low, high
    if start >= 0:
        lines.append((start, end))
    return lines


@dataclass
class Wrapped:
    """`content` wrapped to the width it is given, only between words, each line
    after the first indented by `indent` (a hanging indent under `lead`, which
    starts the first line). A command longer than the width sits on a line of its
    own and runs past it rather than being split: copied, it still works."""

    content: Text
    lead: Text | str = ""
    indent: int = 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment
        from rich.text import Text

        # soft wrap (piped output): one line per paragraph, as rich prints text
        width = 1 << 16 if options.no_wrap else options.max_width
        lead = Text(self.lead) if isinstance(self.lead, str) else self.lead
        pad = " " * self.indent
        first = True
        for paragraph in self.content.split("\n", allow_blank=True):
            plain = paragraph.plain
            offsets = wrap_points(
                plain, width, lead.cell_len if first else self.indent, self.indent
            )
            for start, end in offsets or [(0, 0)]:
                line = Text(pad) if not first else lead.copy()
                line.append_text(paragraph[start:end])
                first = False
                yield from line.render(console)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        plain = self.content.plain
        longest = max(
            (high - low for line in plain.split("\n") for low, high, _ in _units(line)),
            default=0,
        )
        lead = len(self.lead) if isinstance(self.lead, str) else self.lead.cell_len
        widest = max((len(line) for line in plain.split("\n")), default=0)
        return Measurement(max(lead, self.indent) + longest, lead + widest)


def whole_words(t: Table) -> WordTable:
    """`t` laid out so that no column is narrower than its longest word: rich alone
    would squeeze the widest column below it and split words. Measured, it says
    whether it fits at all (see Choice)."""
    return WordTable(t)


@dataclass
class WordTable:
    """A table whose columns share the width between their longest word (the least
    each gets) and their longest line (the most each wants): the columns that want
    least are served first, the rest share what is left evenly."""

    table: Table

    def _ranges(self, console: Console, options: ConsoleOptions) -> list[tuple[int, int]]:
        from rich.measure import Measurement

        unbounded = options.update_width(1 << 16)
        ranges = []
        for column in self.table.columns:
            column.width = None
            sizes = [Measurement.get(console, unbounded, c) for c in (column.header, *column.cells)]
            least = max([column.min_width or 0, *(m.minimum for m in sizes)])
            ranges.append((least, max([least, *(m.maximum for m in sizes)])))
        return ranges

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        ranges = self._ranges(console, options)
        overhead = self._overhead(console, options, ranges)
        return Measurement(
            sum(r[0] for r in ranges) + overhead, sum(r[1] for r in ranges) + overhead
        )

    def _overhead(
        self, console: Console, options: ConsoleOptions, ranges: list[tuple[int, int]]
    ) -> int:
        """Borders and padding: what the table takes beyond its columns' content."""
        from rich.measure import Measurement

        for column, (least, _) in zip(self.table.columns, ranges, strict=True):
            column.width = least
        taken = Measurement.get(console, options.update_width(1 << 16), self.table).minimum
        for column in self.table.columns:
            column.width = None
        return taken - sum(r[0] for r in ranges)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        ranges = self._ranges(console, options)
        room = options.max_width - self._overhead(console, options, ranges)
        widths = [least for least, _ in ranges]
        wants = [most - least for least, most in ranges]
        spare = room - sum(widths)
        # the least demanding first, each up to an even share of what is left: short
        # values stay on one line, long ones share the rest
        order = sorted(range(len(wants)), key=lambda i: wants[i])
        for done, index in enumerate(order):
            share = max(0, spare) // (len(order) - done)
            given = min(wants[index], share)
            widths[index] += given
            spare -= given
        for column, width in zip(self.table.columns, widths, strict=True):
            column.width = width
        yield self.table


@dataclass
class Choice:
    """The first of `layouts` whose narrowest rendering fits the width, else the
    last: a grid when the terminal is wide enough for every word in it, a list
    when it is not."""

    layouts: tuple[RenderableType, ...]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.measure import Measurement

        unbounded = options.update_width(1 << 16)  # measured as they are, not as they fit
        for layout in self.layouts[:-1]:
            if Measurement.get(console, unbounded, layout).minimum <= options.max_width:
                yield layout
                return
        yield self.layouts[-1]


_MARKDOWN_LEAD = re.compile(r"(\s*)(#{1,6} |[-*+] (\[[ xX]\] )?|\d+\. )?")


def wrap_markdown(document: str, width: int) -> str:
    """`document` (Markdown) wrapped to `width` for reading on a terminal: lines
    break only between words, a list item's next lines are indented under its text
    (still valid Markdown), and a `devnet ...` command stays whole on one line."""
    out: list[str] = []
    for line in document.split("\n"):
        lead = _MARKDOWN_LEAD.match(line)
        size = lead.end() if lead else 0
        rest = line[size:]
        if len(line) <= width or not rest.strip():
            out.append(line)
            continue
        pad = " " * size
        for number, (start, end) in enumerate(wrap_points(rest, width, size, size)):
            out.append((line[:size] if number == 0 else pad) + rest[start:end])
    return "\n".join(out)
