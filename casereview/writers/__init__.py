"""Writers: the only modules (with the CLI) that touch the file system. Each takes the one
Markdown rendering and writes one format into a staging folder."""
