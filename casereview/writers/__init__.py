"""Writers: the only modules (with the CLI) that touch the file system. Each takes the one
Markdown rendering and writes one format into a staging folder."""


class WriterError(RuntimeError):
    """A format could not be written (a broken template or mkdocs.yml, a tool failing); the
    message names the file at fault and says what to do. Nothing is published."""
