"""Turning devnet's data and results into rich renderables and JSON-ready dicts.
Nothing here prints; every string that came from the file goes through `safe()` (in
`render.clean`, with every other sanitiser)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from devnet.render.clean import safe

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

__all__ = ["fitted_table", "iso", "jsonable", "keep_whole", "safe", "table", "text"]


def text(value: object, style: str = "") -> Text:
    """A rich Text that shows `value` literally: no markup, no control characters;
    a newline in a name or note stays a line break."""
    from rich.text import Text

    return Text(safe(value, lines=True), style=style)


def plain_line(value: object) -> str:
    """What rich prints for `text(value)` on a console that shows no colour and does
    not wrap (devnet's stderr): the safe text with its tabs expanded. Talk on stderr
    is written with it, without loading rich."""
    return safe(value, lines=True).expandtabs(8)


def table(*columns: str, plain: bool, title: str | None = None) -> Table:
    """A table: boxed and colored on a terminal, bare columns when piped."""
    from rich import box
    from rich.table import Table

    t = Table(
        *columns,
        box=None if plain else box.SIMPLE_HEAD,
        title=title,
        show_edge=not plain,
        pad_edge=False,
        header_style="" if plain else "bold",
    )
    for column in t.columns:
        column.overflow = "fold"  # a narrow terminal wraps values; it never cuts them
    return t


def fitted_table(
    rows: list[dict[str, str]],
    order: tuple[str, ...],
    priority: tuple[str, ...],
    whole: set[str],
    width: int,
    plain: bool,
    styles: dict[str, str] | None = None,
    keep: int = 2,
) -> RenderableType:
    """A table of `rows` in column `order` that fits `width`: columns are dropped from
    the end of `priority` until the rest fit (or only `keep` are left), rather than
    squeezing every value into a few letters or splitting a word. Columns in `whole`
    (ids, dates, vocabulary) are never wrapped: a single one wider than the terminal
    is shown as bare lines that run past it, whole."""
    longest = {
        name: max([len(name), *(len(safe(r[name], lines=True)) for r in rows)]) for name in order
    }

    word = {
        name: max([len(name), *(len(w) for r in rows for w in safe(r[name], lines=True).split())])
        for name in order
    }

    def needed(names: list[str]) -> int:
        # a free-text column may wrap between words, but not below a readable width;
        # each column takes 3 more (padding and rule), the table 1 less
        return sum(
            longest[n] if n in whole else min(longest[n], max(12, word[n])) for n in names
        ) + (3 * len(names) - 1)

    shown = list(priority)
    while len(shown) > keep and needed(shown) > width:
        shown.pop()
    if shown == [priority[0]] and shown[0] in whole and needed(shown) > width:
        from rich.console import Group

        lines = [text(row[shown[0]]) for row in rows]
        for line in lines:
            line.no_wrap, line.overflow = True, "ignore"
        return Group(*lines)
    columns = [c for c in order if c in shown]
    t = table(*columns, plain=plain)
    for row in rows:
        style = "" if plain else (styles or {}).get(row.get("status", ""), "")
        t.add_row(*(text(row[c], style if c == "status" else "") for c in columns))
    for index, name in enumerate(columns):
        if name in whole:
            keep_whole(t, index)
        else:  # wrap between words only
            t.columns[index].min_width = word[name]
    if plain:
        return t
    from devnet.render.wrap import WordTable

    # rich would squeeze the widest column below its longest word and split it
    return WordTable(t)


def keep_whole(t: Table, index: int) -> None:
    """Never wrap or shorten column `index` (ids and dates: what people type next)."""
    column = t.columns[index]
    column.no_wrap = True
    column.min_width = max((c.cell_len for c in column.cells if hasattr(c, "cell_len")), default=0)


def iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, everything else as is (dicts and lists walked)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value
