"""A leader's priority statement, with each priority's `matches` resolved in its cycle."""

from __future__ import annotations

from accord.model.okrs import Priority, Statement
from accord.model.organisation import accepted
from accord.read.load import StatementFile
from accord.read.source import JsonPath
from accord.resolve.links import Links, Site


def resolve_statement(file: StatementFile, links: Links) -> Statement:
    """The statement of a placed, schema-valid statement file."""
    doc = file.doc
    assert doc is not None
    owner = f"{file.cycle}/statements/{file.person}"
    priorities = []
    for index, raw in enumerate(doc.data["priorities"]):
        path: JsonPath = ("priorities", index)
        sites = [
            Site(owner, "matches", text, file.cycle, doc.at((*path, "matches", i)))
            for i, text in enumerate(raw.get("matches", ()))
        ]
        priorities.append(Priority(raw["text"], doc.at(path), links.keys(sites)))
    data = doc.data
    return Statement(
        person=file.person,
        cycle=file.cycle,
        file=doc.path,
        where=doc.at(()),
        priorities=tuple(priorities),
        trade_offs=tuple(data.get("trade_offs", ())),
        stop_doing=tuple(data.get("stop_doing", ())),
        success_looks_like=data.get("success_looks_like"),
        accept=accepted(data.get("accept")),
    )
