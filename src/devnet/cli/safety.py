"""Commands that keep the file safe: `undo` (take back the last change), `restore`
(list and bring back backups) and `doctor` (check permissions, leftovers, sync
conflicts, backups and the schema)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devnet.cli.common import (
    PANEL_FILES,
    PANEL_WEEKLY,
    JsonOpt,
    app,
    display,
    examples,
    file_path,
    out,
    plain,
    print_json,
    say,
)
from devnet.errors import UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from devnet.store import Check


@app.command(
    rich_help_panel=PANEL_FILES,
    epilog=examples(
        "devnet restore --list", "devnet restore network.toml.20261123T091500.000000Z.toml"
    ),
)
def restore(
    backup: Annotated[
        str | None,
        typer.Argument(metavar="BACKUP", help="A backup's name, as `restore --list` shows it."),
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the backups, newest last.")] = False,
    json: JsonOpt = False,
) -> None:
    """Bring back an earlier version of the file from its backups (see --list)."""
    from devnet.render import fitted_table, safe
    from devnet.store import backup_summary, backups, real_path
    from devnet.store import restore as store_restore

    path = file_path()
    if list_ or backup is None:
        if backup is not None:
            raise UsageError("give either --list or a BACKUP, not both")
        rows = [backup_summary(b) for b in backups(real_path(path))]
        if json:
            print_json(rows)
            return
        if not rows:
            say(f"No backups of {path} yet: devnet keeps one on each save.")
            return
        shown = [
            {
                "name": row["name"],
                "date (UTC)": row["date"].replace("T", " ").rstrip("Z"),
                "size": f"{row['size']:,} B",
                "developers": "does not load"
                if row["developers"] is None
                else str(row["developers"]),
            }
            for row in rows
        ]
        # the name is what you copy: never wrapped; the other columns go first
        display(
            fitted_table(
                shown,
                ("name", "date (UTC)", "size", "developers"),
                ("name", "date (UTC)", "developers", "size"),
                {"name", "size"},
                out().width,
                plain(),
                keep=1,
            )
        )
        if backup is None and not list_:
            say("Restore one with: devnet restore NAME")
        return
    if json:
        raise UsageError("--json goes with --list")
    done = store_restore(path, _backup_name(path, backup))
    name = safe(done.backup.path.name)
    if not done.changed:
        say(f"{safe(path)} already holds {name}; nothing was changed.")
        return
    say(f"Restored {safe(path)} from {name}.")
    if done.kept is not None:
        say(f"The version it replaced is kept as {safe(done.kept.name)}.")
    else:
        say("There was no file to keep.")


@app.command(
    rich_help_panel=PANEL_WEEKLY,
    epilog=examples("devnet undo"),
)
def undo() -> None:
    """Take back the last change (run it again to take back the undo)."""
    from devnet.render import safe
    from devnet.store import undo as store_undo

    done = store_undo(file_path())
    say(f"took back: {safe(done.change)}")


@app.command(
    rich_help_panel=PANEL_FILES,
    epilog=examples("devnet doctor", "devnet doctor --json"),
)
def doctor(json: JsonOpt = False) -> None:
    """Check the file's health: permissions, leftovers, sync conflicts, backups, schema."""
    from devnet.store import doctor as store_doctor

    path = file_path()
    checks = store_doctor(path)
    checks.extend(_hidden_text(path))
    healthy = all(c.status == "ok" for c in checks)
    if json:
        print_json(
            {
                "file": str(path),
                "healthy": healthy,
                "checks": [
                    {
                        "check": c.check,
                        "status": c.status,
                        "message": c.message,
                        "action": c.action or None,
                    }
                    for c in checks
                ],
            }
        )
    else:
        display(_doctor_view(checks, plain()))
    if not healthy:
        raise typer.Exit(1)


def _hidden_text(path: Path) -> list[Check]:
    """Invisible, direction-changing or control characters in a file that loads (one
    that does not is already reported by the store's checks)."""
    from devnet.errors import DevnetError
    from devnet.render.clean import suspicious_fields
    from devnet.store import Check, load

    try:
        network = load(path).network
    except (DevnetError, OSError):
        return []
    fields = list(dict.fromkeys(f for f, _ in suspicious_fields(network.to_doc())))
    if not fields:
        return [Check("text", "ok", "no hidden or control characters in names and notes")]
    shown = ", ".join(fields[:5]) + (f" and {len(fields) - 5} more" if len(fields) > 5 else "")
    return [
        Check(
            "text",
            "warn",
            f"hidden, direction-changing or control characters in {shown}",
            "`devnet check` names each one; remove them with `devnet open` or `devnet edit`",
        )
    ]


def _doctor_view(checks: list[Check], plain: bool) -> RenderableType:
    """The checks as a table, or, on a terminal too narrow for its words, one block
    per check: its name and status, then the finding and what to do, wrapped."""
    from rich.console import Group

    from devnet.render import table, text
    from devnet.render.wrap import Choice, Wrapped, whole_words

    styles = {"ok": "green", "warn": "yellow", "error": "red"}
    t = table("check", "status", "finding", "what to do", plain=plain)
    blocks: list[RenderableType] = []
    for c in checks:
        status = text(c.status, "" if plain else styles[c.status])
        t.add_row(text(c.check), status, text(c.message), text(c.action or "-"))
        blocks.append(text(f"{c.check}: ", "" if plain else "bold").append_text(status))
        blocks.append(Wrapped(text(c.message), lead="  ", indent=2))
        if c.action:
            blocks.append(Wrapped(text(c.action), lead="  → ", indent=4))
    return t if plain else Choice((whole_words(t), Group(*blocks)))


def _backup_name(path: Path, given: str) -> str:
    """A backup's name from a unique prefix of it, or of its time stamp
    (`20261123T0915`); anything else is passed on for the store to refuse."""
    from devnet.errors import NotFoundError
    from devnet.store import backups, real_path

    real = real_path(path)
    names = [b.path.name for b in backups(real)]
    wanted = Path(given).name
    if wanted in names or not wanted:
        return given
    stamp = len(real.name) + 1
    found = [n for n in names if n.startswith(wanted) or n[stamp:].startswith(wanted)]
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        raise NotFoundError(f"backup {given!r} is ambiguous: {shown}; type more of its name")
    return found[0] if found else given
