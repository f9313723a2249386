"""Accord: OKRs as agreements, kept in git."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

# The distribution's name; the import package and the command are `accord`. Generated files
# pin this distribution to __version__ (scaffold.py).
DISTRIBUTION = "accord-okrs"

try:
    __version__ = version(DISTRIBUTION)
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = ["DISTRIBUTION", "__version__"]
