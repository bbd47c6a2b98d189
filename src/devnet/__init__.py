"""devnet: build and look after your developmental network from the command line."""
