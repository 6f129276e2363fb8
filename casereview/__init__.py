"""casereview: author, check and publish safeguarding case reviews."""

__version__ = "0.1.0"
