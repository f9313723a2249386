"""Where the alignment map's boxes go: their geometry, the rows and tiers of bands, and the
order of boxes in a cell that keeps lines short (`map.py` decides the boxes and draws them).

Rows run from the company's bets, framed across the top, to each tier of up to `MAX_BANDS`
function bands; within a band's column a cell's boxes stack, the box whose parents lie
furthest right on top, so lines climbing the gutter cross as little as they can.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

MAX_BANDS = 4  # function bands side by side (about 820 px); more wrap into another tier
NODE_W, NODE_H = 140, 64  # the title's two lines, the owner, the progress
GUTTER = 52  # between columns: lanes entering the box on the left, leaving the one on the right
COL = NODE_W + GUTTER
LINE = NODE_H + 10
GAP = 36  # above each row: its label and the turns of the lines
HEAD = 22  # the band names
LANE = 2.5

Row = tuple[int, int]  # (level, cycle): level 0 company, 1 functions, 2 teams; outer cycles first
Cell = tuple[Row, str]  # a row of one band; the root teams' band is ""
Ups = Mapping["Box", list["Box"]]


@dataclass(eq=False)
class Box:
    """One box: an objective, or a group of them that links to a team page."""

    link: str
    text: str
    tip: str
    caption: str
    keys: tuple[str, ...]
    draft: bool = False
    group: bool = False
    progress: str = ""  # "62% · behind", "no check-in yet"; "" for a group or without a date
    pace: str = ""  # on track, a little behind, behind; "" when there is nothing to judge
    x: float = -1.0  # placed once >= 0
    y: float = 0.0
    row: int = 0  # which drawn row, top to bottom
    slot: int = 0  # line within its cell, which picks the lanes of its lines
    n: int = 0  # its number in the picture: data-box, and data-c / data-p on its lines


@dataclass
class Tier:
    """Function bands side by side: their names, and how far down they reach."""

    bands: list[str]
    head: float
    bottom: float = 0.0


@dataclass
class Layout:
    """Where the drawn rows and the tiers of bands are; the boxes carry their own places."""

    width: float
    tops: list[float] = field(default_factory=list)
    bottoms: list[float] = field(default_factory=list)
    labels: list[tuple[float, str]] = field(default_factory=list)
    tiers: list[Tier] = field(default_factory=list)
    company: list[tuple[float, float]] = field(default_factory=list)  # rows of company bets
    height: float = 0.0


def _plan(cells: dict[Cell, list[Box]]) -> tuple[list[tuple[Row, list[str]]], int]:
    """The rows to draw in order, each with its bands ([""]: company bets); the columns."""
    bands = sorted({band for _, band in cells if band})
    size = -(-len(bands) // -(-len(bands) // MAX_BANDS)) if bands else 1  # even tiers
    tiers = [bands[i : i + size] for i in range(0, len(bands), size)]
    roots = max((len(boxes) for (_, band), boxes in cells.items() if not band), default=0)
    rows = sorted({row for row, _ in cells})
    plan = [(row, [""]) for row in rows if row[0] == 0]
    plan += [(row, t) for t in tiers for row in rows if any((row, b) in cells for b in t)]
    return plan, max(size, min(roots, 4))


def layout(cells: dict[Cell, list[Box]], labels: dict[Row, str], ups: Ups) -> Layout:
    """Company bets across the top, then each tier of bands with its rows, top to bottom."""
    plan, cols = _plan(cells)
    lay, y = Layout(width=GUTTER + cols * COL), 8.0
    for i, (row, row_bands) in enumerate(plan):
        if row_bands[0] and (not lay.tiers or lay.tiers[-1].bands is not row_bands):
            y += 16 if lay.tiers else 0  # a visible break between tiers
            lay.tiers.append(Tier(row_bands, y))
            y += HEAD
        lay.labels.append((y + GAP - 8, labels[row]))
        y += GAP
        lay.tops.append(y)
        places = [(cells.get((row, b), []), n, bool(b)) for n, b in enumerate(row_bands)]
        lines = max(
            _place(boxes, i, y, n if band else None, cols, ups) for boxes, n, band in places
        )
        y += lines * LINE - 10
        lay.bottoms.append(y)
        if row_bands[0]:
            lay.tiers[-1].bottom = y + 8
        else:  # the company's own row, framed across the whole width, apart from the bands
            lay.company.append((y - lines * LINE - GAP + 10, y + 6))
            y += 12
    lay.height = max(y + 68, 86)
    return lay


def _place(boxes: list[Box], row: int, y: float, column: int | None, cols: int, ups: Ups) -> int:
    """Stack a band's boxes in its column, or spread company bets over `cols`; count the lines."""
    boxes.sort(key=lambda box: _pull(box, ups))
    across = cols if column is None else 1
    for i, box in enumerate(boxes):
        box.row, box.slot = row, i // across
        box.x = GUTTER + (i % across if column is None else column) * COL
        box.y = y + box.slot * LINE
    return -(-len(boxes) // across)


def _pull(box: Box, ups: Ups) -> tuple[int, float, str]:
    """Order in a cell: the box whose parents' lanes lie furthest right goes on top."""
    lanes = [p.x + LANE * p.slot for p in ups.get(box, []) if p.x >= 0]
    return (0, -sum(lanes) / len(lanes), box.keys[0]) if lanes else (1, 0.0, box.keys[0])
