"""The alignment map: a cycle's `supports` graph as an SVG picture that stays readable at scale.

Rows run from the outermost cycle to the cycle itself (annual bets above quarterly ones) and,
within a cycle, from the root team's objectives ("company") to its children's ("functions")
to everyone below ("teams"). Each function is a column band holding its whole subtree. A cell
(one row of one band) holding more than `CAP` objectives shows one box per team instead, and
more than `CAP` teams one box for the band. Lines leave a box on its left, climb in the gutter
and enter what it supports on its right, so they never cross a box.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from accord.model import KeyResult, Model, Objective, Org
from accord.render.svg import (
    BG,
    FAINT,
    HALO,
    MUTED,
    NS,
    PRIMARY,
    checked_href,
    el,
    fit,
    text,
    wrap,
    xml_text,
)

CAP = 6  # boxes in one cell before its objectives are grouped by team, then by band
ROOT_CAP = 12  # company bets get a wider row before they are grouped by root team
NODE_W, NODE_H = 140, 50
GUTTER = 52  # between columns: lanes entering the box on the left, leaving the one on the right
COL = NODE_W + GUTTER
LINE = NODE_H + 10
GAP = 36  # above each row: its label and the turns of the lines
HEAD = 22  # the band names
LANE = 2.5
CHARS = 21  # characters per line of a box, 11 px type in 140 px
LEVELS = ("company", "functions", "teams")

Cell = tuple[int, str]  # (row, band); the root teams' band is ""


@dataclass(eq=False)
class _Box:
    """One box: an objective, or a group of them that links to a team page."""

    link: str
    text: str
    tip: str
    caption: str
    keys: tuple[str, ...]
    row: int
    draft: bool = False
    group: bool = False
    x: float = -1.0  # placed once >= 0
    y: float = 0.0
    slot: int = 0  # line within its cell, which picks the lanes of its lines


@dataclass
class _Layout:
    """Where the rows and bands are; the boxes carry their own places."""

    width: float
    tops: list[float] = field(default_factory=list)
    bottoms: list[float] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)
    bands: list[tuple[float, str]] = field(default_factory=list)  # (x, team id)
    head: float = 0.0
    height: float = 0.0


def alignment_map(model: Model, cycle_id: str, href: Callable[[str], str]) -> str:
    """The `supports` graph of a cycle and its enclosing cycles; every box links to its page."""
    cells, rows = _cells(model, cycle_id)
    owner = {key: box for boxes in cells.values() for box in boxes for key in box.keys}
    edges = sorted(
        {(owner[k], owner[p]) for k, p in _supports(model, owner) if owner[k] is not owner[p]},
        key=lambda e: (e[0].keys[0], e[1].keys[0]),
    )
    ups: dict[_Box, list[_Box]] = defaultdict(list)
    for child, parent in edges:
        ups[child].append(parent)
    lay = _layout(model.org, cells, rows, ups)
    parts = [
        *_stripes(lay),
        *(_edge(lay, child, parent) for child, parent in edges),
        *sorted({_arrow(parent) for _, parent in edges}),
        *_labels(lay, model.org, href),
        *(_box(box, href) for boxes in cells.values() for box in boxes),
    ]
    label = f"Alignment map of {cycle_id}: {len(owner)} objectives"
    return el("svg", "\n".join(["", *parts, ""]), xmlns=NS,
              viewBox=f"0 0 {lay.width:g} {lay.height:g}", width=lay.width, height=lay.height,
              role="group", aria_label=label, class_="accord-map", font_family="inherit",
              font_size=11)  # fmt: skip


def _placement(org: Org) -> dict[str, tuple[str, int]]:
    """Each team's band (its ancestor just below a root; "" for a root) and level 0, 1 or 2."""
    out: dict[str, tuple[str, int]] = {}
    for tid in sorted(org.teams):
        chain, parent = [tid], org.teams[tid].parent
        while parent is not None and parent in org.teams and parent not in chain:
            chain.append(parent)
            parent = org.teams[parent].parent
        out[tid] = ("", 0) if len(chain) == 1 else (chain[-2], min(2, len(chain) - 1))
    return out


def _cells(model: Model, cycle_id: str) -> tuple[dict[Cell, list[_Box]], list[str]]:
    """Boxes of the live objectives of the cycle and its enclosing ones; the row labels."""
    cycles = list(reversed(model.org.enclosing(cycle_id)))
    places = _placement(model.org)
    found: dict[tuple[int, int], dict[str, list[Objective]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for key in sorted(model.objectives):
        o = model.objectives[key]
        if o.live and o.cycle in cycles and o.team in places:
            band, level = places[o.team]
            found[(cycles.index(o.cycle), level)][band].append(o)
    rows = sorted(found)
    cells = {
        (row, band): _collapse(model.org, band, objectives, row)
        for row, place in enumerate(rows)
        for band, objectives in sorted(found[place].items())
    }
    return cells, [f"{cycles[c]} · {LEVELS[level]}" for c, level in rows]


def _collapse(org: Org, band: str, objectives: list[Objective], row: int) -> list[_Box]:
    """A box per objective; past the cap, a box per team; past `CAP` teams, one for the band."""
    if len(objectives) <= (CAP if band else ROOT_CAP):
        return [_objective_box(org, o, row) for o in objectives]
    by_team: dict[str, list[Objective]] = defaultdict(list)
    for o in objectives:
        by_team[o.team].append(o)
    if len(by_team) <= CAP or not band:  # root teams are few: never one box for all of them
        return [
            _group(f"{org.teams[t].name}: {_n(len(os), 'objective')}", t, os, row)
            for t, os in sorted(by_team.items())
        ]
    words = (
        f"{org.teams[band].name}: {_n(len(by_team), 'team')}, {_n(len(objectives), 'objective')}"
    )
    return [_group(words, band, objectives, row)]


def _objective_box(org: Org, o: Objective, row: int) -> _Box:
    team, draft = org.teams[o.team].name, o.status == "draft"
    tip = f"{o.title} ({team}, {o.cycle}{', draft' if draft else ''})"
    return _Box(o.key, o.title, tip, f"draft · {team}" if draft else team, (o.key,), row, draft)


def _group(words: str, team: str, objectives: list[Objective], row: int) -> _Box:
    keys = tuple(o.key for o in objectives)
    return _Box(
        f"team:{team}", words, f"{words} in {objectives[0].cycle}", "", keys, row, group=True
    )


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _supports(model: Model, shown: Mapping[str, object]) -> list[tuple[str, str]]:
    """(objective, objective it supports), directly or through key results, both shown."""
    pairs = []
    for key in shown:
        o = model.objectives[key]
        for node in (o.key, *(kr.key for kr in o.key_results)):
            for parent in model.parents(node):
                target = model.node(parent)
                up = target.objective_key if isinstance(target, KeyResult) else parent
                if up != key and up in shown:
                    pairs.append((key, up))
    return pairs


def _layout(
    org: Org, cells: dict[Cell, list[_Box]], rows: list[str], ups: Mapping[_Box, list[_Box]]
) -> _Layout:
    """Rows top to bottom; a column per band (company bets spread across them)."""
    bands = sorted({band for _, band in cells if band})
    column = {band: i for i, band in enumerate(bands)}
    roots = max((len(boxes) for (_, band), boxes in cells.items() if not band), default=0)
    root_cols = max(len(bands), min(roots, 4), 1)
    lay = _Layout(width=GUTTER + max(len(bands), root_cols) * COL)
    y = 8.0
    for row, label in enumerate(rows):
        if not lay.bands and any(band and r == row for r, band in cells):
            lay.head, y = y, y + HEAD
            lay.bands = [(GUTTER + column[b] * COL, b) for b in bands]
        lay.labels.append((y + GAP - 8, label))
        y += GAP
        lay.tops.append(y)
        lines = 0
        for band in ["", *bands]:
            boxes = cells.get((row, band), [])
            boxes.sort(key=lambda box: _pull(box, ups))
            cols = 1 if band else root_cols
            for i, box in enumerate(boxes):
                box.slot = i // cols
                box.x = GUTTER + (column[band] if band else i % cols) * COL
                box.y = y + box.slot * LINE
            lines = max(lines, -(-len(boxes) // cols))
        y += lines * LINE - 10
        lay.bottoms.append(y)
    lay.height = y + 28
    return lay


def _pull(box: _Box, ups: Mapping[_Box, list[_Box]]) -> tuple[int, float, str]:
    """Order in a cell: the box whose parents' lanes lie furthest right goes on top."""
    lanes = [p.x + LANE * p.slot for p in ups.get(box, []) if p.x >= 0]
    return (0, -sum(lanes) / len(lanes), box.keys[0]) if lanes else (1, 0.0, box.keys[0])


def _edge(lay: _Layout, c: _Box, p: _Box) -> str:
    """Out of the child's left side, up its lane, across a gap, into the parent's right side."""
    out_x = c.x - 4 - LANE * (c.slot + (CAP if c.row - p.row > 1 else 0))
    in_x = p.x + NODE_W + 4 + LANE * p.slot
    if p.row < c.row:
        ya, yb = lay.tops[p.row + 1] - 4, lay.tops[p.row + 1] - GAP + 6
    else:
        ya = lay.tops[c.row] - 4
        yb = ya - 12
    mid, cy, py = (ya + yb) / 2, c.y + NODE_H / 2, p.y + NODE_H / 2
    d = f"M{c.x:g} {cy:g}H{out_x:g}V{ya:g}C{out_x:g} {mid:g} {in_x:g} {mid:g} {in_x:g} {yb:g}"
    d += f"V{py:g}H{p.x + NODE_W + 5:g}"
    return el("path", d=d, class_="supports", style=f"fill:none;stroke:{MUTED};stroke-width:1")


def _arrow(p: _Box) -> str:
    """An arrowhead pointing into a box that something supports."""
    return el("path", d=f"M{p.x + NODE_W:g} {p.y + NODE_H / 2:g}l6 -3.5v7z", style=f"fill:{MUTED}")


def _stripes(lay: _Layout) -> list[str]:
    """A faint background for every other band, from its name to the bottom."""
    height = lay.height - lay.head - 24
    return [
        el("rect", x=x - GUTTER / 2 + 4, y=lay.head, width=COL - 8, height=height, rx=6,
           style=f"fill:{FAINT}")
        for x, _ in lay.bands[::2]
    ]  # fmt: skip


def _labels(lay: _Layout, org: Org, href: Callable[[str], str]) -> list[str]:
    """Band names (linked to the team), row labels, and the key along the bottom."""
    out = []
    for x, band in lay.bands:
        name = org.teams[band].name
        words = text(
            fit(name, CHARS + 2),
            x=x + NODE_W / 2,
            y=lay.head + 15,
            text_anchor="middle",
            font_weight="bold",
            style=f"fill:currentColor;{HALO}",
        )
        out.append(
            el("a", el("title", xml_text(name)), words, href=checked_href(href(f"team:{band}")))
        )
    for y, label in lay.labels:
        out.append(text(label, x=6, y=y, font_size=10, style=f"fill:currentColor;{HALO}"))
    key = "A line runs from an objective to what it supports (arrow). Dashed: draft. Stacked: a group."
    out.append(text(key, x=6, y=lay.height - 8, font_size=10, fill="currentColor"))
    return out  # fmt: skip


def _box(box: _Box, href: Callable[[str], str]) -> str:
    """A linked box: the title wrapped and cut (in full in the tooltip), and a caption."""
    dash = ";stroke-dasharray:4 3" if box.draft else ""
    style = f"fill:{BG};stroke:{PRIMARY};stroke-width:1.3{dash}"
    parts = [el("title", xml_text(box.tip))]
    if box.group:
        parts.append(el("rect", x=box.x + 4, y=box.y - 4, width=NODE_W, height=NODE_H, rx=4,
                        style=style))  # fmt: skip
    parts.append(el("rect", x=box.x, y=box.y, width=NODE_W, height=NODE_H, rx=4, style=style))
    for i, line in enumerate(wrap(box.text, CHARS, 2)):
        parts.append(text(line, x=box.x + 6, y=box.y + 16 + 13 * i, fill="currentColor"))
    if box.caption:
        parts.append(text(fit(box.caption, CHARS + 4), x=box.x + 6, y=box.y + NODE_H - 6,
                          font_size=9, style=f"fill:{MUTED}"))  # fmt: skip
    return el("a", *parts, href=checked_href(href(box.link)), class_="objective")
