"""The alignment map: a cycle's `supports` graph as an SVG picture that stays readable at scale.

Rows run from the root team's objectives ("company bets", across the top) to its children's
("functions") to everyone below ("teams"); within a level, annual bets (enclosing cycles) come
above quarterly ones. Each function is a column band holding its whole subtree; past
`MAX_BANDS` functions the bands wrap into tiers, one below the other. A cell (one row of one
band) holding more than `CAP` objectives shows one box per team instead, and more than `CAP`
teams one box for the band. Lines leave a box on its left, climb in the gutter and enter what
it supports on its right, so they never cross a box.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date

from accord.model.okrs import ROLLED_UP, KeyResult, Model, Objective
from accord.model.organisation import Org, expected_progress
from accord.render.maplayout import (
    COL,
    GAP,
    GUTTER,
    LANE,
    NODE_H,
    NODE_W,
    Box,
    Cell,
    Layout,
    Row,
    layout,
)
from accord.render.svg import (
    BG,
    FAINT,
    HALO,
    MUTED,
    PRIMARY,
    checked_href,
    el,
    fit,
    pace,
    percent,
    picture,
    text,
    wrap,
    xml_text,
)

CAP = 6  # boxes in one cell before its objectives are grouped by team, then by band
ROOT_CAP = 12  # company bets get a wider row before they are grouped by root team
CHARS = 20  # characters per line of a box, 11 px type in 140 px
LEVELS = ("company", "functions", "teams")
# The stripe beside a box's progress: its words say the same, so colour is never alone.
PACE_COLOURS = {"on track": "#2e7d32", "a little behind": "#f9a825", "behind": "#c62828"}


def alignment_map(
    model: Model, cycle_id: str, href: Callable[[str], str], as_of: date | None = None
) -> str:
    """The `supports` graph of a cycle and its enclosing cycles; every box links to its page
    and, given the day (`as_of`), shows its objective's owner and progress against the
    calendar: a stripe coloured by pace beside the words, which say it without colour."""
    cells, labels = _cells(model, cycle_id)
    if as_of is not None:
        for boxes in cells.values():
            for box in boxes:
                _judge(model, box, as_of)
    owner = {key: box for boxes in cells.values() for box in boxes for key in box.keys}
    pairs = {(owner[k], owner[p]) for k, p in _supports(model, owner) if owner[k] is not owner[p]}
    edges = sorted(pairs, key=lambda e: (e[0].keys[0], e[1].keys[0]))
    ups: dict[Box, list[Box]] = defaultdict(list)
    for child, parent in edges:
        ups[child].append(parent)
    lay = layout(cells, labels, ups)
    for n, box in enumerate(box for boxes in cells.values() for box in boxes):
        box.n = n
    parts = [
        *_stripes(lay),
        *(_edge(lay, child, parent) for child, parent in edges),
        *sorted({_arrow(parent) for _, parent in edges}),
        *_labels(lay, model.org, href),
        *(_box(box, href) for boxes in cells.values() for box in boxes),
    ]
    if not owner:
        parts.append(text("No live objectives in this cycle.", x=8, y=24, fill="currentColor"))
    label = f"Alignment map of {cycle_id}: {len(owner)} objectives"
    return picture(
        parts,
        lay.width,
        lay.height,
        role="group",
        aria_label=label,
        class_="accord-map",
        font_size=11,
    )


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


def _cells(model: Model, cycle_id: str) -> tuple[dict[Cell, list[Box]], dict[Row, str]]:
    """Boxes of the live objectives of the cycle and its enclosing ones; the row labels."""
    cycles = list(reversed(model.org.enclosing(cycle_id)))
    places = _placement(model.org)
    found: dict[Cell, list[Objective]] = defaultdict(list)
    for key in sorted(model.objectives):
        o = model.objectives[key]
        if o.live and o.cycle in cycles and o.team in places:
            band, level = places[o.team]
            found[((level, cycles.index(o.cycle)), band)].append(o)
    cells = {cell: _collapse(model.org, cell[1], objs) for cell, objs in sorted(found.items())}
    return cells, {row: f"{cycles[row[1]]} · {LEVELS[row[0]]}" for row, _ in cells}


def _collapse(org: Org, band: str, objectives: list[Objective]) -> list[Box]:
    """A box per objective; past the cap, a box per team; past `CAP` teams, one for the band."""
    if len(objectives) <= (CAP if band else ROOT_CAP):
        return [_objective_box(org, o) for o in objectives]
    by_team: dict[str, list[Objective]] = defaultdict(list)
    for o in objectives:
        by_team[o.team].append(o)
    if len(by_team) <= CAP or not band:  # root teams are few: never one box for all of them
        return [
            _group(f"{org.teams[t].name}: {_n(len(os), 'objective')}", t, os)
            for t, os in sorted(by_team.items())
        ]
    teams, count = _n(len(by_team), "team"), _n(len(objectives), "objective")
    return [_group(f"{org.teams[band].name}: {teams}, {count}", band, objectives)]


def _objective_box(org: Org, o: Objective) -> Box:
    """The box of one objective, captioned with its owner (its team in the tooltip)."""
    team, draft = org.teams[o.team].name, o.status == "draft"
    person = org.people.get(o.owner)
    owner = person.name if person else o.owner
    tip = f"{o.title} ({team}, {o.cycle}{', draft' if draft else ''}; owner {owner})"
    return Box(o.key, o.title, tip, f"draft · {owner}" if draft else owner, (o.key,), draft)


def _judge(model: Model, box: Box, as_of: date) -> None:
    """The box's progress in words and its pace, for one objective (a group has none)."""
    if box.group:
        return
    shown = model.progress_of(box.keys[0])
    if shown.value is None:
        box.progress = "no check-in yet"
        return
    cycle = model.org.cycles[model.objectives[box.keys[0]].cycle]
    box.pace = pace(shown.value, expected_progress(cycle, as_of))
    rolled = " (rolled up)" if shown.source == ROLLED_UP else ""
    box.progress = f"{percent(shown.value)} · {box.pace}{rolled}"
    box.tip = box.tip.removesuffix(")") + f"; {percent(shown.value)} done{rolled}, {box.pace})"


def _group(words: str, team: str, objectives: list[Objective]) -> Box:
    """One box standing for several objectives, linking to a team's page."""
    keys = tuple(o.key for o in objectives)
    return Box(f"team:{team}", words, f"{words} in {objectives[0].cycle}", "", keys, group=True)


def _n(count: int, noun: str) -> str:
    """A count and its noun: 1 team, 37 teams."""
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


def _edge(lay: Layout, c: Box, p: Box) -> str:
    """Out of the child's left side, up its lane, across a gap, into the parent's right side."""
    out_x = c.x - 4 - LANE * (c.slot + (CAP if c.row - p.row > 1 else 0))
    in_x = p.x + NODE_W + 4 + LANE * p.slot
    if p.row < c.row:
        ya, yb = lay.tops[p.row + 1] - 4, lay.tops[p.row + 1] - GAP + 6
    else:
        ya = lay.tops[c.row] - 4
        yb = ya - 12
    # Lines to different boxes cross the gap on different tracks, so a bundle can be followed.
    track = (round((p.x - GUTTER) / COL) * 3 + p.slot) % 7
    mid, cy, py = yb + (ya - yb) * (track + 1) / 8, c.y + NODE_H / 2, p.y + NODE_H / 2
    d = f"M{c.x:g} {cy:g}H{out_x:g}V{ya:g}C{out_x:g} {mid:g} {in_x:g} {mid:g} {in_x:g} {yb:g}"
    d += f"V{py:g}H{p.x + NODE_W + 5:g}"
    style = f"fill:none;stroke:{MUTED};stroke-width:1"
    return el("path", d=d, class_="supports", style=style, data_c=c.n, data_p=p.n)


def _arrow(p: Box) -> str:
    """An arrowhead pointing into a box that something supports."""
    d = f"M{p.x + NODE_W:g} {p.y + NODE_H / 2:g}l6 -3.5v7z"
    return el("path", d=d, class_="arrow", style=f"fill:{MUTED}", data_p=p.n)


def _stripes(lay: Layout) -> list[str]:
    """A faint background for every other band of a tier, from its name to its last row; a
    frame across the whole width around the company's rows, which belong to no band."""
    frames = [
        el(
            "rect",
            x=4,
            y=top,
            width=lay.width - 8,
            height=bottom - top,
            rx=6,
            style=f"fill:none;stroke:{MUTED};stroke-dasharray:2 3",
        )
        for top, bottom in lay.company
    ]
    return frames + [
        el(
            "rect",
            x=GUTTER / 2 + n * COL + 4,
            y=tier.head,
            width=COL - 8,
            height=tier.bottom - tier.head,
            rx=6,
            style=f"fill:{FAINT}",
        )
        for tier in lay.tiers
        for n in range(0, len(tier.bands), 2)
    ]


def _labels(lay: Layout, org: Org, href: Callable[[str], str]) -> list[str]:
    """Band names (linked to the team), row labels, and the key along the bottom."""
    out = []
    for tier in lay.tiers:
        for n, band in enumerate(tier.bands):
            name, link = org.teams[band].name, checked_href(href(f"team:{band}"))
            at = {"x": GUTTER + n * COL + NODE_W / 2, "y": tier.head + 15}
            words = text(
                fit(name, CHARS + 2),
                **at,
                text_anchor="middle",
                font_weight="bold",
                style=f"fill:currentColor;{HALO}",
            )
            out.append(el("a", el("title", xml_text(name)), words, href=link, class_="band"))
    for y, label in lay.labels:
        out.append(text(label, x=6, y=y, font_size=10, style=f"fill:currentColor;{HALO}"))
    key = [
        "A line joins an objective to what it supports (at the arrow).",
        "Dashed box: a draft. Stacked box: several objectives, linking to their team.",
        "Each box: its owner, then its progress and pace against the calendar;",
        "its stripe says the same: green on track, amber a little behind, red behind.",
    ]
    for n, words in enumerate(key):
        out.append(text(words, x=6, y=lay.height - 48 + 13 * n, font_size=10, fill="currentColor"))
    return out


def _box(box: Box, href: Callable[[str], str]) -> str:
    """A linked box: the title wrapped and cut, the owner, the progress and its pace (all of
    it in the box's title, the tooltip and the link's accessible name)."""
    dash = ";stroke-dasharray:4 3" if box.draft else ""
    style = f"fill:{BG};stroke:{PRIMARY};stroke-width:1.3{dash}"
    size = {"width": NODE_W, "height": NODE_H, "rx": 4, "style": style}
    parts = [el("title", xml_text(box.tip))]
    if box.group:
        parts.append(el("rect", x=box.x + 4, y=box.y - 4, **size))
    parts.append(el("rect", x=box.x, y=box.y, **size))
    if box.pace:
        stripe = {"width": 4, "height": NODE_H - 2, "style": f"fill:{PACE_COLOURS[box.pace]}"}
        parts.append(el("rect", x=box.x + 1, y=box.y + 1, **stripe))
    for i, line in enumerate(wrap(box.text, CHARS, 2)):
        parts.append(text(line, x=box.x + 8, y=box.y + 15 + 13 * i, fill="currentColor"))
    small = {"font_size": 9, "style": f"fill:{MUTED}"}
    if box.caption:
        parts.append(text(fit(box.caption, CHARS + 4), x=box.x + 8, y=box.y + 43, **small))
    if box.progress:
        weight = {"font_weight": "bold"} if box.pace == "behind" else {}
        words = fit(box.progress, CHARS + 4)
        parts.append(
            text(words, x=box.x + 8, y=box.y + 56, font_size=9, fill="currentColor", **weight)
        )
    link = checked_href(href(box.link))
    return el("a", *parts, href=link, class_="objective", data_box=box.n)
