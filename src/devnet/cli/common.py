"""What every command shares: the Typer app, the global options, the one error
boundary, the two consoles, loading and saving through the store, id resolution
and the parsing of option values."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

# Typer vendors Click; its usage errors are only importable from the vendored module.
from typer._click.exceptions import NoArgsIsHelpError
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperGroup

from devnet.errors import DevnetError, NotFoundError, UsageError, shown

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from devnet.model import Network
    from devnet.store import Loaded


@dataclass
class State:
    file: str | None = None
    pager: bool = True
    quiet: bool = False
    told_interrupt: bool = False


STATE = State()


def _one_line(message: str) -> str:
    from devnet.render import safe

    return "\n".join(safe(line) for line in message.splitlines())


def _usage_line(exc: ClickUsageError, fallback: str = "devnet") -> typer.Exit:
    """A wrong command line as one line on stderr (exit 2), with where to look."""
    where = exc.ctx.command_path if exc.ctx is not None else fallback
    message = exc.format_message().rstrip(".")
    joint = " See" if message.endswith("?") else "; see"
    sys.stderr.write(f"devnet: error: {_one_line(message)}{joint} '{where} --help'\n")
    return typer.Exit(2)


GLOBAL_FLAGS = ("--no-pager", "-q", "--quiet")
"""Global options without a value; like --file, they may follow the command."""


def hoist_file_option(args: list[str]) -> list[str]:
    """Let `--file PATH` and the global flags stand after the command too (`devnet
    list --file x.toml`, `devnet gaps --no-pager`): move them in front of the
    command, where the global options are parsed."""
    moved: list[str] = []
    rest: list[str] = []
    seen_command = False
    i = 0
    while i < len(args):
        word = args[i]
        if word == "--":
            rest.extend(args[i:])
            break
        if word in ("--file", "-f") and i + 1 < len(args):
            (moved if seen_command else rest).extend(args[i : i + 2])
            i += 2
            continue
        if word.startswith("--file=") or (seen_command and word in GLOBAL_FLAGS):
            (moved if seen_command else rest).append(word)
        else:
            seen_command = seen_command or not word.startswith("-")
            rest.append(word)
        i += 1
    return moved + rest


# --- help: commands grouped by use, examples ---------------------------------------------

PANEL_START = "Getting started"
PANEL_WEEKLY = "Every week"
PANEL_LOOK = "Looking"
PANEL_PEOPLE = "Changing a relationship"
PANEL_FILES = "Files"
PANELS = (PANEL_START, PANEL_WEEKLY, PANEL_LOOK, PANEL_PEOPLE, PANEL_FILES)
"""The sections of `devnet --help`, in order. A new command names its section and
gives one to three examples: `@app.command(rich_help_panel=PANEL_WEEKLY,
epilog=examples("devnet prep maria"))`, and takes its place in ORDER."""

ORDER = (
    *("init", "where", "profile", "goal", "add"),
    *("checkin", "checkins", "undo", "due", "prep", "review", "gaps"),
    *("show", "list", "search", "report", "map", "history"),
    *("edit", "pause", "resume", "end", "remove"),
    *("check", "open", "export", "import", "restore", "doctor"),
)
"""The order of commands within their section: a first session, then by how often
they are used. A command not named here follows, in registration order."""

REQUIRED = "[required]"
"""Ends the help of an option a command cannot run without (devnet checks it itself,
to say what the option is for when it is missing)."""


def examples(*lines: str) -> str:
    """A command's --help epilog: one to three command lines, shown as typed."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


class Group(TyperGroup):
    """The one error boundary: devnet's errors become one line on stderr and their
    exit code; so do command-line mistakes (exit 2). An unexpected error never shows
    a traceback (it could hold notes about people) unless DEVNET_DEBUG is set."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        if parent is None:
            args = hoist_file_option(list(args))
            STATE.told_interrupt = False
            store = sys.modules.get("devnet.store")
            if store is not None:  # a new command line in the same process (tests)
                store.LAST.replaced = False
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except NoArgsIsHelpError:
            raise
        except ClickUsageError as exc:
            raise _usage_line(exc) from None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The commands in sections by use (PANELS), not in one alphabetical list;
        plain text, so that --help needs no rich."""
        listed = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        shown = [(name, c) for name, c in listed if c is not None and not c.hidden]
        if not shown:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in shown)
        longest = max(len(name) for name, _ in shown)  # one column across sections
        sections: dict[str, list[tuple[str, str]]] = {}
        order = ORDER if ctx.parent is None else ()  # a group's own commands: as registered
        for name, command in sorted(
            shown, key=lambda c: order.index(c[0]) if c[0] in order else 99
        ):
            panel = getattr(command, "rich_help_panel", None) or "Commands"
            row = (name.ljust(longest), command.get_short_help_str(limit))
            sections.setdefault(panel, []).append(row)
        for panel in sorted(sections, key=lambda p: PANELS.index(p) if p in PANELS else 99):
            with formatter.section(panel):
                formatter.write_dl(sections[panel])

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta[f"devnet.sub.{id(self)}"] = name  # for errors raised without a context
        return name, command, rest

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DevnetError as exc:
            sys.stderr.write(f"devnet: error: {_one_line(exc.message)}\n")
            raise typer.Exit(exc.exit_code) from None
        except NoArgsIsHelpError:
            raise
        except ClickUsageError as exc:
            sub = ctx.meta.get(f"devnet.sub.{id(self)}")
            where = f"{ctx.command_path} {sub}" if sub else ctx.command_path
            raise _usage_line(exc, where) from None
        except (typer.TyperException, typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            sys.stderr.write(f"devnet: {interrupted()}\n")
            STATE.told_interrupt = True
            raise typer.Exit(130) from None
        except MemoryError:
            sys.stderr.write(f"devnet: error: {out_of_memory()}\n")
            raise typer.Exit(1) from None
        except BrokenPipeError:
            with contextlib.suppress(OSError):
                sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (silence the flush at exit)
            raise typer.Exit(0) from None
        except Exception as exc:
            if os.environ.get("DEVNET_DEBUG"):
                raise
            sys.stderr.write(
                f"devnet: internal error ({type(exc).__name__}); the file was not changed "
                "by a partial write. Set DEVNET_DEBUG=1 to see the details.\n"
            )
            raise typer.Exit(1) from None


def interrupted() -> str:
    """The Ctrl-C line, true to what happened: the store records whether this process
    replaced the file (and holds Ctrl-C back around the rename until it has)."""
    store = sys.modules.get("devnet.store")
    if store is not None and store.LAST.replaced:
        return "interrupted; the change was saved"
    return "interrupted; the file is as it was"


def out_of_memory() -> str:
    store = sys.modules.get("devnet.store")
    saved = store is not None and store.LAST.replaced
    return "out of memory; " + ("the change was saved" if saved else "the file is as it was")


app = typer.Typer(
    cls=Group,
    name="devnet",
    help="Build and look after your developmental network: the people who take an "
    "active interest in your growth, and the objectives they help you reach.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=examples(
        'devnet init --name "Sam Lee" --stage mid --org Acme',
        "devnet --file examples/mid-career.toml gaps --as-of 2026-11-23",
        "devnet COMMAND --help",
    ),
)
goal_app = typer.Typer(
    cls=Group,
    help="Objectives: what you want your network to help you reach (four or five at most).",
    no_args_is_help=True,
    rich_markup_mode=None,
    epilog=examples(
        'devnet goal add "Become a people manager" --needs sponsorship,coaching',
        "devnet goal list",
        "devnet goal done become-a-people-manager",
    ),
)
app.add_typer(goal_app, name="goal", rich_help_panel=PANEL_START)


# --- the two consoles ------------------------------------------------------------


PIPE_WIDTH = 200
"""Width for tables when stdout is not a terminal (rich would assume 80)."""


def forced_colour() -> bool:
    """FORCE_COLOR or CLICOLOR_FORCE (set, and not 0) ask for colour even when
    piped; NO_COLOR (set, not empty) wins over them."""
    if os.environ.get("NO_COLOR"):
        return False
    return any(os.environ.get(k, "") not in ("", "0") for k in ("FORCE_COLOR", "CLICOLOR_FORCE"))


def _force(stream: Any) -> bool | None:
    """rich's force_terminal for a stream: forced colour, else its own judgement on
    a terminal, else never (rich alone would take FORCE_COLOR=0 as forcing)."""
    if forced_colour():
        return True
    return None if stream.isatty() else False


def out() -> Console:
    """stdout: data only. Piped, it is wide enough for every table column."""
    from rich.console import Console

    console = Console(
        highlight=False, soft_wrap=False, emoji=False, force_terminal=_force(sys.stdout)
    )
    if not console.is_terminal:
        console.width = max(console.width, PIPE_WIDTH)
    return console


def err() -> Console:
    """stderr: talk (confirmations, hints, warnings)."""
    from rich.console import Console

    return Console(
        stderr=True,
        highlight=False,
        emoji=False,
        soft_wrap=True,
        force_terminal=_force(sys.stderr),
    )


def plain() -> bool:
    """Plain text (no boxes, no colour) when stdout is not a terminal, unless colour
    is forced (FORCE_COLOR, CLICOLOR_FORCE)."""
    return not (sys.stdout.isatty() or forced_colour())


DEFAULT_PAGER = "less -FRX"
"""-F quits at once when the output fits the screen, -R shows colour, -X leaves
the output on the screen."""


def pager() -> list[str] | None:
    """The pager for long output: $DEVNET_PAGER, else $PAGER, else `less -FRX`; None
    with --no-pager, when stdout is not a terminal, or when set to "" or cat."""
    if not STATE.pager or not sys.stdout.isatty():
        return None
    import shlex

    chosen = os.environ.get("DEVNET_PAGER", os.environ.get("PAGER", DEFAULT_PAGER))
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    return None if words in ([], ["cat"]) else words


def _page(command: list[str], shown: str) -> None:
    """Show `shown` through the pager; if it cannot start, print it as it is."""
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # a bare `less` in $PAGER still shows colour
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(shown)
        return
    assert process.stdin is not None
    try:
        with contextlib.suppress(BrokenPipeError):  # quit before the end
            process.stdin.write(shown.encode(sys.stdout.encoding or "utf-8", "replace"))
            process.stdin.close()
    finally:
        while True:
            try:
                process.wait()
                break
            except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
                continue


def display(renderable: RenderableType) -> None:
    """Print to stdout; piped, long lines of text are not wrapped (a command in
    a next step must stay on one line for whoever reads or copies it). On a
    terminal, output taller than the screen goes through the pager."""
    console = out()
    command = pager()
    # not cropped: a command wider than the terminal is shown whole (render.wrap)
    if command is None:
        console.print(renderable, soft_wrap=not console.is_terminal, crop=False)
        return
    with console.capture() as capture:
        console.print(renderable, crop=False)
    shown = capture.get()
    if shown.count("\n") < console.height:
        sys.stdout.write(shown)
    else:
        _page(command, shown)


def say(message: str) -> None:
    """A line of talk on stderr (none with --quiet); `message` may hold values from
    the file."""
    if STATE.quiet:
        return
    _talk(message)


def warn(message: str) -> None:
    _talk(f"devnet: warning: {message}", "yellow")


def _talk(message: str, style: str = "") -> None:
    """A line on stderr. Unstyled, or where no colour shows (stderr not a terminal,
    colour not forced), it is the plain line rich would print, written without
    importing rich (a write command's confirmation would otherwise load it)."""
    from devnet.render import plain_line, text

    if not style or _force(sys.stderr) is False:
        sys.stderr.write(plain_line(message) + "\n")
        sys.stderr.flush()
        return
    err().print(text(message, style))


# --- questions -------------------------------------------------------------------------


def interactive() -> bool:
    """Whether devnet may ask a question: only when standard input is a terminal.
    Piped or redirected input never answers one (`echo y | devnet remove x` must not
    delete): such a command needs its --yes."""
    return sys.stdin.isatty()


def _answer() -> str:
    return sys.stdin.readline()


def confirm(question: str, undone: str) -> None:
    """Ask `question` [y/N] on stderr and return on yes. Not on a terminal it refuses
    (exit 2: the command line lacks --yes); no, or no answer, is exit 1. `undone`
    says what did not happen, e.g. "nothing was removed"."""
    from devnet.errors import DevnetError

    if not interactive():
        raise UsageError(
            f"{undone}: devnet asks first, and standard input is not a terminal; "
            "pass --yes to go ahead without asking"
        )
    # Read the answer ourselves: Ctrl-C must stay an interruption (exit 130).
    sys.stderr.write(f"{question} [y/N]: ")
    sys.stderr.flush()
    answer = _answer()
    if not answer:
        sys.stderr.write("\n")
        raise DevnetError(f"no answer, so {undone}; pass --yes to go ahead without asking")
    if answer.strip().lower() not in ("y", "yes"):
        raise DevnetError(undone)


def print_json(data: Any) -> None:
    """JSON on stdout; control, bidi and invisible characters as \\uXXXX escapes."""
    from devnet.render.clean import dumps

    sys.stdout.write(dumps(data) + "\n")


# --- the file -----------------------------------------------------------------------


def file_path() -> Path:
    """--file, else $DEVNET_FILE, else the platform's user data folder."""
    given = STATE.file or os.environ.get("DEVNET_FILE")
    if given:
        return Path(given).expanduser()
    from devnet.store import default_path

    return default_path()


def load() -> Loaded:
    """Read the network for a read-only command (warnings go to stderr)."""
    from devnet.store import load as store_load

    loaded = store_load(file_path())
    for message in loaded.warnings:
        warn(message)
    return loaded


def described() -> str:
    """What the running command does, in a few words for `undo` to say ("checkin
    maria-chen 2026-11-20"): the command's words, its arguments (ids and names) and
    the day of --date; never notes or other free text from options."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    if ctx is None:
        return "a change"
    # after the program's name, which is `python -m devnet` when run that way
    words = ctx.command_path[len(ctx.find_root().command_path) :].split()
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        if param.param_type_name == "argument" and value not in (None, "", [], ()):
            values = value if isinstance(value, list | tuple) else [value]
            words.extend(str(v) for v in values)
    when = ctx.params.get("date")
    if isinstance(when, str) and when:
        try:  # the day it stands for ("3d ago" means another day tomorrow)
            words.append(happened_on(when).isoformat())
        except UsageError:
            words.append(when)
    text = " ".join(" ".join(str(w).split()) for w in words)
    return text[:200] or "a change"


@contextlib.contextmanager
def change(what: str | None = None) -> Iterator[Network]:
    """Lock, load, let the command change the network, save it if it changed; the
    backup records `what` the change was (by default the command line's words)."""
    from devnet.model import SCHEMA_VERSION
    from devnet.store import transaction

    with transaction(file_path(), what or described()) as loaded:
        for message in loaded.warnings:
            warn(message)
        yield loaded.network
    if loaded.written and loaded.migrated_from is not None:
        say(
            f"Upgraded {loaded.path} from file format {loaded.migrated_from} to "
            f"{SCHEMA_VERSION} (each change of status is now kept with its date); the "
            "previous version is in the backups (devnet restore --list)."
        )
    if loaded.written and loaded.has_comments:
        warn(
            "the file's # comments are not kept when devnet rewrites it (the previous "
            "version is in the backups); use the note fields for free text"
        )


# --- values people type -------------------------------------------------------------


def today() -> date:
    return date.today()


def as_of(value: str | None) -> date:
    """--as-of, or today (the date parser loads only when a date is typed)."""
    if value is None:
        return today()
    from devnet.dates import parse

    return parse(value, today(), option="--as-of date")


def opt_date(value: str | None, option: str, *, target: bool = False) -> date | None:
    """A date option in any form of DATE_HELP; an empty value stands for 'clear'.
    `target` (`--by`, a period's `--until`): a bare weekday is the next one."""
    from devnet.dates import parse

    if value is None or value == "":
        return None
    return parse(value, today(), target=target, option=option)


def happened_on(value: str | None, option: str = "--date") -> date:
    """A day something happened: today by default, never in the future (a mistyped
    future date would silently hide a person from `due`)."""
    if value is None:
        return today()
    from devnet.dates import parse_past

    return parse_past(value, today(), option)


def opt_int(value: str | None, option: str, low: int, high: int) -> int | None:
    if value is None or value.strip() == "":
        return None
    try:
        number = int(value.strip())
    except ValueError:
        raise UsageError(f"invalid {option} {shown(value)}: expected a whole number") from None
    if not low <= number <= high:
        raise UsageError(f"invalid {option} {number}: must be from {low} to {high}")
    return number


def _words(text: str) -> list[str]:
    """The words of a name, title or id as compared: accents and case folded."""
    import re

    from devnet.model import fold

    return [w for w in re.split(r"[\W_]+", fold(text)) if w]


def _starts_words(typed: list[str], words: list[str]) -> bool:
    """Each typed word begins a word of `words`, in order (`chen`, `m chen`)."""
    rest = iter(words)
    return all(any(w.startswith(t) for w in rest) for t in typed)


def _closest(typed: str, items: dict[str, str]) -> str | None:
    """The id whose id, name, or one word of either is most like `typed` (a typo)."""
    from difflib import SequenceMatcher

    best, score = None, 0.6
    for i, name in sorted(items.items()):
        for word in {i, " ".join(_words(name)), *_words(name), *_words(i)}:
            ratio = SequenceMatcher(None, typed, word).ratio()
            if ratio > score:
                best, score = i, ratio
    return best


def _match(kind: str, ref: str, items: dict[str, str], listing: str) -> str:
    """Resolve, in this order: an id; a whole name (case- and accent-insensitive); a
    unique prefix of an id; a unique prefix of any word of a name or id (`chen`,
    `ruth`, `lukasz` for Łukasz). A typo gets a word-level did-you-mean."""
    if ref in items:
        return ref
    folded = ref.strip().casefold()
    if not folded:
        raise UsageError(f"an empty {kind} id")
    if folded in items:
        return folded
    typed = _words(ref)
    whole = " ".join(typed)
    by_name = [i for i, name in items.items() if " ".join(_words(name)) == whole]
    if len(by_name) == 1:
        return by_name[0]
    candidates = by_name or [i for i in items if i.startswith(folded)]
    if not candidates and typed:
        candidates = [i for i in items if "-".join(_words(i)).startswith("-".join(typed))]
    if not candidates and typed:
        candidates = [
            i
            for i, name in items.items()
            if _starts_words(typed, _words(name)) or _starts_words(typed, _words(i))
        ]
    if len(candidates) == 1:
        return candidates[0]
    from devnet.render import safe

    if candidates:
        names = ", ".join(f"{i} ({safe(items[i])})" for i in sorted(candidates)[:10])
        raise NotFoundError(f"{kind} {shown(ref)} is ambiguous: {names}")
    close = _closest(whole, items)
    hint = f" (did you mean {close!r}, {safe(items[close])}?)" if close else ""
    raise NotFoundError(f"no {kind} {shown(ref)}{hint}; see `devnet {listing}`")


def person_id(network: Network, ref: str) -> str:
    return _match("developer", ref, {i: p.name for i, p in network.people.items()}, "list --all")


def goal_id(network: Network, ref: str) -> str:
    return _match("goal", ref, {i: g.title for i, g in network.goals.items()}, "goal list")


def goal_ids(network: Network, refs: list[str]) -> list[str]:
    from devnet.model import dedupe, split_list

    return dedupe(goal_id(network, r) for r in split_list(refs))


# --- shell completion ------------------------------------------------------------------


def _typed_file(ctx: typer.Context | None) -> None:
    """Completion parses the line without running the global options: take a --file
    typed on it (before or after the command) from the root context."""
    if ctx is not None:
        given = ctx.find_root().params.get("file")
        STATE.file = given if isinstance(given, str) and given else None


def _complete(ctx: typer.Context | None, kind: str, incomplete: str) -> list[tuple[str, str]]:
    _typed_file(ctx)
    try:
        from devnet.store import load as store_load

        network = store_load(file_path()).network
    except Exception:
        return []
    items: dict[str, str]
    if kind == "person":
        items = {i: p.name for i, p in network.people.items()}
    else:
        items = {i: g.title for i, g in network.goals.items()}
    head, comma, tail = incomplete.rpartition(",")  # `--goal a,b,<TAB>` completes b
    given = {w.strip() for w in head.split(",")}
    return [
        (head + comma + i, n)
        for i, n in items.items()
        if i.startswith(tail.strip().casefold()) and i not in given
    ]


def complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, "person", incomplete)


def complete_goal(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, "goal", incomplete)


def vocabulary(kind: str) -> tuple[str, ...]:
    """The words an option of this kind accepts, for completion."""
    from devnet import model

    if kind == "format":
        from devnet.exchange import FORMATS

        return FORMATS
    words: dict[str, tuple[str, ...]] = {
        "relation": model.RELATIONS,
        "stage": model.STAGES,
        "scheduler": model.SCHEDULERS,
        "request": model.REQUESTS,
        "review": model.REVIEWS,
        "cadence": tuple(model.CADENCES),
        "function": tuple(model.FUNCTIONS),
        "need": model.NEEDS,
        "status": (*model.PERSON_STATUSES, "closing"),
    }
    return words[kind]


def complete_word(kind: str) -> Any:
    """Completion of one vocabulary word (`--relation se<TAB>`)."""

    def complete(incomplete: str) -> list[str]:
        return [w for w in vocabulary(kind) if w.startswith(incomplete.strip().lower())]

    return complete


def complete_list(kind: str) -> Any:
    """Completion of a comma-separated list: the word after the last comma
    (`--functions sponsorship,coa<TAB>`), leaving out those already given."""

    def complete(incomplete: str) -> list[str]:
        head, comma, tail = incomplete.rpartition(",")
        given = {w.strip() for w in head.split(",")}
        return [
            head + comma + w
            for w in vocabulary(kind)
            if w.startswith(tail.strip().lower()) and w not in given
        ]

    return complete


# --- option types shared by several commands ------------------------------------------

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (for scripts) instead of text.")]
DATE_HELP = (
    "Dates: YYYY-MM-DD, today, yesterday, tomorrow, 3d ago, 2w ago, 1m ago, -3d, +2w, "
    "a weekday (friday: the last one, or the next one for a target such as --by), "
    "last/next friday, sow/som/soq/soy (start of this week, month, quarter, year), "
    "eow/eom/eoq/eoy (their end)."
)
"""The date forms every date option accepts (devnet.dates), for its --help."""
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Answer as of this day: check-ins after it, and people whose "
        f"relationship began after it, are ignored. {DATE_HELP}",
    ),
]
PersonArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="A developer's id, a unique prefix of it, or their name.",
        autocompletion=complete_person,
    ),
]
GoalArg = Annotated[
    str,
    typer.Argument(
        metavar="ID",
        help="A goal's id, a unique prefix of it, or its title.",
        autocompletion=complete_goal,
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help=f"The day it happened; today if not given. {DATE_HELP}",
    ),
]
