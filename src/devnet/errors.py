"""The one family of errors devnet raises, each carrying its message for the user
and the exit code the command line turns it into (see PRODUCT.md, "Exit codes")."""

from __future__ import annotations

ECHO_LIMIT = 24
"""The longest value an error message may repeat (see `shown`)."""


def shown(value: object) -> str:
    """A value for an error message: repeated, quoted, only when it is one short word
    (at most ECHO_LIMIT characters, no spaces or control characters), enough to spot
    a typo such as 'montly' and too short to carry a sentence about someone. Anything
    else is described by its length. Messages go to the user's own stderr."""
    text = str(value)
    if len(text) <= ECHO_LIMIT and text.isprintable() and not any(c.isspace() for c in text):
        return repr(text)
    return f"(a value of {len(text)} characters, not repeated here)"


class DevnetError(Exception):
    """A problem the user can act on: one line, no traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(DevnetError):
    """The command line is wrong: an invalid value, date, function or option (exit 2)."""

    exit_code = 2


class NotFoundError(DevnetError):
    """An id, prefix or name that matches nothing, or more than one thing (exit 1)."""


class DuplicateError(DevnetError):
    """An id that already exists (exit 1)."""


class DataFileError(DevnetError):
    """The network file is missing, unreadable, malformed or invalid (exit 1).
    `problems` lists every problem found, one line each (`devnet check` shows them);
    the message itself is one line."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class NewerSchemaError(DataFileError):
    """The file was written by a newer devnet: it may be read but never written."""


class ConflictError(DataFileError):
    """The file changed on disk between reading and writing; nothing was written."""


class SaveError(DevnetError):
    """Writing the file failed; the file on disk is as it was."""


class CheckFailed(DevnetError):
    """`--check` found a high-severity finding (exit 1)."""
