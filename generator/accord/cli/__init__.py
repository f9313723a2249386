"""The `accord` command: the only part that prints, exits or imports click; imports anything."""
