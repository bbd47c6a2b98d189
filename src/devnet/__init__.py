"""devnet: build and look after your developmental network from the command line."""

__version__ = "0.1.0"
"""The release; pyproject.toml says the same (a test checks), so `devnet --version`
needs no package metadata lookup, and the entry point answers it before loading the
command line."""
