"""Render's pages handed to an engine: the mkdocs plugin, or a folder; imports render and below."""
