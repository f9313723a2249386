"""Exceptions that mean "the command could not run" (exit 2), never content problems."""

from __future__ import annotations


class AccordError(Exception):
    """Accord could not run; the message is one line for stderr."""


class NotARepository(AccordError):
    """The directory is not an OKR repository (no okrs/org.yaml)."""


class UnreadablePath(AccordError):
    """A path the command needs cannot be read."""


class GitFailure(AccordError):
    """Git could not answer what the command asked."""
