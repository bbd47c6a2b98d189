"""The `devnet` program and `python -m devnet`: run the command line, and answer
Ctrl-C with exit 130 and no traceback even while the libraries are still loading.
`devnet --version` is answered here, before Typer and the commands are loaded."""

import os
import sys

_GLOBAL_VALUE_OPTIONS = ("--file", "-f")


def version_asked(args: list[str]) -> bool:
    """True when the command line asks only for the version: `--version` comes
    before any command and any help option, after nothing but `--file PATH`
    (anything else, even a mistake, goes to the full command line, as before)."""
    words = iter(args)
    for word in words:
        if word == "--version":
            return True
        if word in _GLOBAL_VALUE_OPTIONS:
            if next(words, None) is None:
                return False
        elif not word.startswith("--file="):
            return False
    return False


def main() -> None:
    try:
        if version_asked(sys.argv[1:]):
            from devnet import __version__

            sys.stdout.write(f"devnet {__version__}\n")
            return
        # pydantic looks for plugins (entry points of every installed distribution)
        # before it builds the first model; devnet uses none, and the search costs
        # about a tenth of a read command's own work. A value the user set is kept.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        from devnet.cli import main as run

        run()
    except KeyboardInterrupt:
        store = sys.modules.get("devnet.store")
        saved = store is not None and store.LAST.replaced
        told = "the change was saved" if saved else "the file is as it was"
        sys.stderr.write(f"devnet: interrupted; {told}\n")
        raise SystemExit(130) from None
    except MemoryError:
        sys.stderr.write("devnet: error: out of memory; the file is as it was\n")
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
