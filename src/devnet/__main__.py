"""The `devnet` program and `python -m devnet`: run the command line, and answer
Ctrl-C with exit 130 and no traceback even while the libraries are still loading."""

import sys


def main() -> None:
    try:
        from devnet.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("devnet: interrupted; the file is as it was\n")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
