"""Turning the checked model into pages and pictures."""
