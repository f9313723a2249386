"""Adapters from render's pages to an engine: the mkdocs plugin, a folder; imports all but cli."""
