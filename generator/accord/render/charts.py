"""Progress bars and check-in charts as inline SVG, drawn at build time from the model.

Every function is pure and returns markup on lines that each start with "<" and hold no blank
line, so the pictures sit safely in generated Markdown (a bar fits in a table cell). The
alignment map lives in `accord.render.map` and is re-exported here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from accord.model.okrs import Checkin, KeyResult
from accord.model.organisation import Cycle, expected_progress
from accord.render.map import alignment_map
from accord.render.svg import (
    ALERT,
    BG,
    FAINT,
    HALO,
    MUTED,
    NS,
    PRIMARY,
    day,
    el,
    num,
    pace,
    percent,
    picture,
    text,
    xml_text,
)

__all__ = ["alignment_map", "checkin_chart", "pace", "percent", "progress_bar", "xml_text"]

BAR_X, BAR_W = 1.0, 110.0  # the bar's track in a 160 x 16 viewBox; the percentage follows
W, H = 480, 180  # check-in chart viewBox
LEFT, RIGHT, TOP, BOTTOM = 40.0, 404.0, 36.0, 152.0  # its plot area
SHAPES = {"high": "circle", "medium": "square", "low": "triangle"}
INK = {"fill": "currentColor"}


@lru_cache(maxsize=1 << 14)  # one bar is drawn on several pages: objective, team, cycle, person
def progress_bar(progress: float, expected: float | None, *, label: str) -> str:
    """A compact bar filled to `progress`, a capped marker at `expected`, the percentage."""
    done = _unit(progress)
    says = f"{percent(done)} done"
    if expected is not None:
        says += f", {percent(_unit(expected))} expected by today"
    parts = [
        el("title", xml_text(f"{label}: {says}")),
        el("rect", x=BAR_X, y=4.5, width=BAR_W, height=8, style=f"fill:{FAINT};stroke:{MUTED}"),
        el("rect", x=BAR_X, y=4.5, width=BAR_W * done, height=8, style=f"fill:{PRIMARY}"),
    ]
    if expected is not None:
        mx = BAR_X + BAR_W * _unit(expected)
        d = f"M{num(mx)} 1V16M{num(mx - 3.5)} 0H{num(mx + 3.5)}L{num(mx)} 4Z"
        ink = "stroke:currentColor;fill:currentColor;stroke-width:1.5"
        parts.append(el("path", d=d, class_="expected", style=ink))
    parts.append(text(percent(done), x=BAR_X + BAR_W + 6, y=13, font_size=13, **INK))
    # One line, so that the bar can sit in a Markdown table cell.
    size = {"viewBox": "0 0 160 16", "width": "12.5em", "height": "1.25em"}
    return el(
        "svg",
        *parts,
        xmlns=NS,
        **size,
        role="img",
        aria_label=f"{label}: {says}",
        class_="accord-bar",
        style="vertical-align:middle",
        font_family="inherit",
    )


def checkin_chart(kr: KeyResult, cycle: Cycle, as_of: date, *, label: str) -> str:
    """A key result's value across its cycle: expected path, start and target, today, check-ins.

    Up is more, whatever the direction: a decreasing key result's expected path slopes down.
    """
    sc = _Scale.fit(kr, cycle)
    inside = cycle.start <= as_of <= cycle.end
    parts = [
        *_grid(sc),
        *_references(kr, sc),
        *(_today(sc, as_of) if inside else []),
        *_series(kr, sc),
        *_legend(),
    ]
    words = _describe(kr, cycle, as_of if inside else None, label)
    head = [el("title", xml_text(label)), el("desc", xml_text(words))]
    return picture(
        [*head, *parts], W, H, role="img", aria_label=words, class_="accord-checkins", font_size=10
    )


@dataclass(frozen=True)
class _Scale:
    """Dates to x and values to y over the plot area; y covers start, target and check-ins."""

    start: date
    days: int
    lo: float
    hi: float

    @classmethod
    def fit(cls, kr: KeyResult, cycle: Cycle) -> _Scale:
        """The scale for a key result over its cycle, with a little room above and below."""
        values = [
            v for v in (kr.start, kr.target, *(c.value for c in kr.checkins)) if math.isfinite(v)
        ]
        lo, hi = min(values, default=0.0), max(values, default=1.0)
        pad = (hi - lo) * 0.12 or max(1.0, abs(hi) * 0.1)
        return cls(cycle.start, max(1, (cycle.end - cycle.start).days), lo - pad, hi + pad)

    def x(self, d: date) -> float:
        """A date's x, clamped to the cycle."""
        share = min(1.0, max(0.0, (d - self.start).days / self.days))
        return LEFT + (RIGHT - LEFT) * share

    def y(self, v: float) -> float:
        """A value's y: up is more."""
        return BOTTOM - (BOTTOM - TOP) * (v - self.lo) / (self.hi - self.lo)


def _grid(sc: _Scale) -> list[str]:
    """Value ticks on the left, the x axis with the cycle's first and last dates."""
    out = [el("path", d=f"M{LEFT} {BOTTOM}H{RIGHT}", style=f"stroke:{MUTED};fill:none")]
    for v in _ticks(sc.lo, sc.hi):
        out.append(el("path", d=f"M{LEFT} {num(sc.y(v))}H{RIGHT}", style=f"stroke:{FAINT}"))
        out.append(text(num(v), x=LEFT - 4, y=sc.y(v) + 3.5, text_anchor="end", **INK))
    end = sc.start.fromordinal(sc.start.toordinal() + sc.days)
    out.append(text(day(sc.start, True), x=LEFT, y=BOTTOM + 14, **INK))
    out.append(text(day(end, True), x=RIGHT, y=BOTTOM + 14, text_anchor="end", **INK))
    return out


def _ticks(lo: float, hi: float) -> list[float]:
    """Three to seven round values between lo and hi (steps of 1, 2 or 5 times a power of ten)."""
    raw = (hi - lo) / 5
    if not (math.isfinite(raw) and raw > 0):
        return []
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step)
    return [round(i * step, 9) for i in range(first, math.floor(hi / step) + 1)]


def _references(kr: KeyResult, sc: _Scale) -> list[str]:
    """Start and target lines, labelled on the right, and the dashed expected path between."""
    ys, yt = sc.y(kr.start), sc.y(kr.target)
    up = yt <= ys  # each label goes on the side away from the other line
    short = "%" if kr.unit == "%" else ""
    dotted = f"stroke:{MUTED};stroke-dasharray:1 3"
    dashed = f"stroke:{MUTED};stroke-dasharray:5 4;fill:none;stroke-width:1.5"
    return [
        el("path", d=f"M{LEFT} {num(ys)}H{RIGHT}", class_="start", style=dotted),
        el("path", d=f"M{LEFT} {num(yt)}H{RIGHT}", class_="target", style=f"stroke:{MUTED}"),
        text(f"start {num(kr.start)}{short}", x=RIGHT + 4, y=ys + (10 if up else -3), **INK),
        text(f"target {num(kr.target)}{short}", x=RIGHT + 4, y=yt + (-3 if up else 10), **INK),
        el("path", d=f"M{LEFT} {num(ys)}L{RIGHT} {num(yt)}", class_="expected", style=dashed),
    ]


def _today(sc: _Scale, as_of: date) -> list[str]:
    """A vertical line at `as_of`, labelled "today"."""
    x = sc.x(as_of)
    return [
        el(
            "path",
            d=f"M{num(x)} {TOP - 2}V{BOTTOM}",
            class_="today",
            style="stroke:currentColor;stroke-dasharray:2 2;opacity:.6",
        ),
        text(
            "today",
            x=min(max(x, LEFT + 14), RIGHT - 14),
            y=TOP - 5,
            text_anchor="middle",
            fill="currentColor",
        ),
    ]


def _series(kr: KeyResult, sc: _Scale) -> list[str]:
    """The check-ins as a line with one marker each, shaped by confidence; or a note if none."""
    if not kr.checkins:
        mid = (TOP + BOTTOM) / 2
        return [
            text(
                "no check-ins yet",
                x=(LEFT + RIGHT) / 2,
                y=mid,
                text_anchor="middle",
                font_size=12,
                style=f"fill:{MUTED};{HALO}",
            )
        ]
    points = " ".join(f"{num(sc.x(c.date))},{num(sc.y(c.value))}" for c in kr.checkins)
    line = el("polyline", points=points, style=f"fill:none;stroke:{PRIMARY};stroke-width:2")
    return [line, *(_checkin(c, sc, kr.unit) for c in kr.checkins)]


def _checkin(c: Checkin, sc: _Scale, unit: str | None) -> str:
    """One check-in's marker (with a tooltip), and an X above it when no longer agreed."""
    x, y = sc.x(c.date), sc.y(c.value)
    shape = SHAPES.get(c.confidence, "circle")
    tip = f"{day(c.date)}: {num(c.value)}{_suffix(unit)}, {c.confidence} confidence"
    tip += {None: "", True: ", still agreed", False: ", no longer agreed"}[c.still_agreed]
    tip += f". {c.note}" if c.note else ""
    mark = _shape(shape, x, y, f"fill:{PRIMARY};stroke:{BG}")
    if c.still_agreed is False:
        mark += _cross(x, y - 11)
    return el("g", el("title", xml_text(tip)), mark, class_=f"checkin {shape}")


def _shape(shape: str, x: float, y: float, style: str) -> str:
    """A circle, square or triangle of about 9 px centred on (x, y)."""
    if shape == "square":
        return el("rect", x=x - 4, y=y - 4, width=8, height=8, style=style)
    if shape == "triangle":
        return el(
            "path", d=f"M{num(x)} {num(y - 5)}L{num(x + 5)} {num(y + 4)}H{num(x - 5)}Z", style=style
        )
    return el("circle", cx=x, cy=y, r=4.5, style=style)


def _cross(x: float, y: float) -> str:
    """An X of about 7 px: "no longer agreed"."""
    d = f"M{num(x - 3.5)} {num(y - 3.5)}l7 7m0 -7l-7 7"
    return el("path", d=d, class_="disagreed", style=f"stroke:{ALERT};stroke-width:2")


def _legend() -> list[str]:
    """The key to the marks, along the top."""
    out, x = [text("confidence:", x=LEFT, y=12, **INK)], LEFT + 68
    for shape, word in [("circle", "high"), ("square", "medium"), ("triangle", "low")]:
        out += [
            _shape(shape, x, 8.5, f"fill:{PRIMARY}"),
            text(word, x=x + 8, y=12, **INK),
        ]
        x += 20 + 6.4 * len(word)
    out += [_cross(x + 4, 8.5), text("no longer agreed", x=x + 12, y=12, **INK)]
    dash = f"stroke:{MUTED};stroke-dasharray:5 4;stroke-width:1.5"
    out += [
        el("path", d=f"M{x + 110:g} 8.5h18", style=dash),
        text("expected", x=x + 132, y=12, **INK),
    ]
    return out


def _describe(kr: KeyResult, cycle: Cycle, today: date | None, label: str) -> str:
    """The chart in words: start, target, every check-in, and the expected value today."""
    sfx = _suffix(kr.unit)
    words = f"{label}: start {num(kr.start)}{sfx}, target {num(kr.target)}{sfx}"
    notes = [f"{day(c.date)} {num(c.value)}{sfx} ({_state(c)})" for c in kr.checkins]
    words += f"; check-ins {', '.join(notes)}" if notes else "; no check-ins yet"
    if today is not None:
        share = expected_progress(cycle, today)
        words += f"; expected by today {num(kr.start + (kr.target - kr.start) * share)}{sfx}"
    return words


def _state(c: Checkin) -> str:
    """A check-in's confidence, and whether it is no longer agreed."""
    return c.confidence + (", no longer agreed" if c.still_agreed is False else "")


def _suffix(unit: str | None) -> str:
    """How a unit follows a number: "86%", "4.5 days"."""
    return "" if not unit else unit if unit == "%" else f" {unit}"


def _unit(v: float) -> float:
    """Clamped to 0..1 (NaN counts as 0)."""
    return min(1.0, max(0.0, v)) if math.isfinite(v) else (1.0 if v > 0 else 0.0)
