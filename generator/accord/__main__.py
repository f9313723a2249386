"""`python -m accord`: the same command as the `accord` script."""

from __future__ import annotations

from accord.cli.main import main

if __name__ == "__main__":
    main()
