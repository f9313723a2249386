"""Checked documents to a Model: org, ids, refs, plans (E103-E110); imports read, model."""
