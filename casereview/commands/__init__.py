"""One module per command; each is a library function the CLI calls."""
