"""devnet's entry point with the store's file-size cap lifted, for benchmark networks
larger than the cap (the real devnet refuses them; RESULTS.md says so)."""

from __future__ import annotations

import devnet.store

devnet.store.MAX_FILE_BYTES = 1 << 30

from devnet.cli import main  # noqa: E402 (after the cap is lifted, as the real entry point)

main()
