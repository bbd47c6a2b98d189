"""Commands about the file itself: init, where and check."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from devnet.cli.common import (
    PANEL_FILES,
    PANEL_START,
    REQUIRED,
    JsonOpt,
    app,
    complete_word,
    examples,
    file_path,
    print_json,
    say,
)
from devnet.errors import UsageError

if TYPE_CHECKING:
    from devnet.model import Profile


@app.command(
    rich_help_panel=PANEL_START,
    epilog=examples(
        'devnet init --name "Sam Lee" --stage mid --org Acme',
        'devnet --file ~/notes/network.toml init --name "Sam Lee" --stage early',
    ),
)
def init(
    name: Annotated[str | None, typer.Option(metavar="NAME", help=f"Your name. {REQUIRED}")] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            metavar="STAGE",
            help=f"Your career stage: early, mid, senior. {REQUIRED}",
            autocompletion=complete_word("stage"),
        ),
    ] = None,
    org: Annotated[str | None, typer.Option(metavar="ORG", help="Your home organization.")] = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print the file's path and the profile as JSON.")
    ] = False,
) -> None:
    """Create the network file (refuses if one exists)."""
    from pydantic import ValidationError

    from devnet.model import SCHEMA_VERSION, STAGES, Network, choice, validation_messages
    from devnet.store import create

    if name is None or not name.strip():
        raise UsageError("missing --name: your name")
    if stage is None:
        raise UsageError("missing --stage: early, mid or senior")
    profile = {"name": name.strip(), "stage": choice(stage, STAGES, "stage")}
    if org is not None and org.strip():
        profile["org"] = org.strip()
    try:
        network = Network.model_validate({"schema": SCHEMA_VERSION, "profile": profile})
    except ValidationError as exc:
        raise UsageError("; ".join(validation_messages(exc))) from None
    path = file_path()
    create(path, network)
    if json:
        mine = network.profile
        print_json(
            {
                "path": str(path.absolute()),
                "profile": {"name": mine.name, "stage": mine.stage, "org": mine.org},
            }
        )
    say(f"Created {path} (private to you).")
    say(
        'Next: set four or five objectives, e.g. devnet goal add "Become a people manager" '
        "--needs sponsorship,coaching,role-modeling"
    )


@app.command(
    rich_help_panel=PANEL_START,
    epilog=examples("devnet where", "DEVNET_FILE=net.toml devnet where --json"),
)
def where(json: JsonOpt = False) -> None:
    """Print the network file in use (--file, else $DEVNET_FILE, else the default)."""
    path = file_path().absolute()
    if json:
        print_json({"path": str(path), "exists": path.exists()})
    else:
        typer.echo(str(path))


@app.command(
    rich_help_panel=PANEL_FILES,
    epilog=examples("devnet check", "devnet --file net.toml check --json"),
)
def check(json: JsonOpt = False) -> None:
    """Validate the file: silent with exit 0 when all is well, else each problem and exit 1.

    Invisible, direction-changing or control characters in the text (a zero-width
    space that makes "Ma\u200bria" look like "Maria") are warnings: one line each with
    the field, exit 0."""
    from devnet.cli.common import warn
    from devnet.errors import DataFileError, NewerSchemaError
    from devnet.store import load

    try:
        loaded = load(file_path())
        if loaded.newer:
            raise NewerSchemaError(
                f"{loaded.path}: written by a newer devnet (file format "
                f"{loaded.network.schema_}); this devnet can read it but not check or change "
                "it. Upgrade devnet."
            )
    except DataFileError as exc:
        if json:
            print_json({"ok": False, "problems": exc.problems})
        elif len(exc.problems) > 1:
            from devnet.errors import DevnetError

            raise DevnetError("\n".join(exc.problems)) from None
        raise
    for message in loaded.warnings:
        warn(message)
    from devnet.render.clean import suspicious_fields

    hidden = suspicious_fields(loaded.network.to_doc())
    for field, problem in hidden:
        # a warning, not a failure: the file is valid, and a name may need a joiner
        warn(f"{field}: {problem}; it can make one text look like another")
    if json:
        print_json(
            {
                "ok": True,
                "problems": [],
                "warnings": [{"field": f, "message": m} for f, m in hidden],
            }
        )


@app.command(
    rich_help_panel=PANEL_START,
    epilog=examples("devnet profile", "devnet profile --stage senior", 'devnet profile --org ""'),
)
def profile(
    name: Annotated[str | None, typer.Option(metavar="NAME", help="Your name.")] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            metavar="STAGE",
            help="Your career stage: early, mid, senior.",
            autocompletion=complete_word("stage"),
        ),
    ] = None,
    org: Annotated[
        str | None, typer.Option(metavar="ORG", help="Your home organization (empty clears it).")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Show your profile, or change it (your stage and organization shape the advice)."""
    from devnet.cli.common import change, load, say
    from devnet.model import STAGES, choice

    if name is None and stage is None and org is None:
        mine = load().network.profile
        if json:
            print_json({"name": mine.name, "stage": mine.stage, "org": mine.org})
        else:
            from devnet.render import safe

            typer.echo(
                f"{safe(mine.name)}, {mine.stage} career"
                + (f", at {safe(mine.org)}" if mine.org else "")
            )
        return
    if name is not None and not name.strip():
        raise UsageError("--name cannot be cleared")
    new_stage = None if stage is None else choice(stage, STAGES, "stage")
    with change() as network:
        data = network.profile.model_dump()
        if name is not None:
            data["name"] = name.strip()
        if new_stage is not None:
            data["stage"] = new_stage
        if org is not None:
            data["org"] = org.strip() or None
        network.profile = _profile(data)
    say("Profile updated.")


def _profile(data: dict[str, object]) -> Profile:
    from pydantic import ValidationError

    from devnet.model import Profile, validation_messages

    try:
        return Profile.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as exc:
        raise UsageError("; ".join(validation_messages(exc))) from None
