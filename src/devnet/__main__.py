"""`python -m devnet` runs the command line."""

from devnet.cli import main

main()
