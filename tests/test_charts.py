"""SVG pictures: progress bars, check-in charts and the alignment map (accord.render.charts)."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from accord.model.location import Location
from accord.model.okrs import Checkin, KeyResult, Model, Objective
from accord.model.organisation import Cycle, Org, Team
from accord.render.charts import alignment_map, checkin_chart, progress_bar, xml_text

HERE = Location("okrs/2026-q4/ops.yaml", 1, 1)
YEAR = Cycle("2026", date(2026, 1, 1), date(2026, 12, 31), HERE)
Q3 = Cycle("2026-q3", date(2026, 7, 1), date(2026, 9, 30), HERE, within="2026")
Q4 = Cycle("2026-q4", date(2026, 10, 1), date(2026, 12, 31), HERE, within="2026")
AS_OF = date(2026, 11, 5)
SVG = "{http://www.w3.org/2000/svg}"
ATTRIBUTES = {
    "xmlns", "viewBox", "width", "height", "role", "aria-label", "class", "style", "font-family",
    "font-size", "font-weight", "x", "y", "rx", "d", "points", "cx", "cy", "r", "text-anchor",
    "fill", "href", "data-box", "data-c", "data-p",  # the map's own numbers, for tracing
}  # fmt: skip
HOSTILE = [
    "<script>alert(1)</script>",
    '" onload="alert(1)',
    "[x](javascript:alert(1)) *em* _u_ `c` | {: onclick=x}",
]


def kr(start: float, target: float, *checkins: Checkin, title: str = "On time") -> KeyResult:
    """A key result of 2026-q4/o with the given check-ins."""
    return KeyResult(
        "2026-q4/o.kr", "kr", title, "ben", start, target, HERE, unit="%", checkins=checkins
    )


def checkin(day: int, value: float, confidence: str = "medium", **kw: object) -> Checkin:
    """A check-in on the given day of October 2026."""
    return Checkin(date(2026, 10, day), value, confidence, HERE, **kw)  # type: ignore[arg-type]


def parse(svg: str) -> ET.Element:
    """The picture as an XML tree (fails the test if it is not well-formed)."""
    return ET.fromstring(svg)


def tags(root: ET.Element) -> set[str]:
    """Every element name in the tree, without the SVG namespace."""
    return {el.tag.removeprefix(SVG) for el in root.iter()}


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    """Elements whose class list holds `name`."""
    return [el for el in root.iter() if name in el.get("class", "").split()]


def numbers(d: str) -> list[float]:
    """The numbers of a path's `d`, in order."""
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]


def test_xml_text_escapes_markup_and_markdown() -> None:
    """`xml_text` turns markup, quotes and Markdown syntax into references and drops controls."""
    assert xml_text("a < b & \"c\" 'd'") == "a &lt; b &amp; &quot;c&quot; &#x27;d&#x27;"
    assert xml_text("*x* _y_ |z|") == "&#42;x&#42; &#95;y&#95; &#124;z&#124;"
    assert xml_text("line\none\x01\ttwo") == "line one two"


def test_progress_bar_is_an_image_that_states_its_numbers() -> None:
    """A bar is a labelled image whose title and label say done and expected in words."""
    root = parse(progress_bar(0.62, 0.58, label="On time"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "On time: 62% done, 58% expected by today"
    assert root.findtext(f"{SVG}title") == "On time: 62% done, 58% expected by today"
    assert root.findtext(f"{SVG}text") == "62%"


def test_progress_bar_fill_and_marker_sit_at_their_fractions() -> None:
    """The fill is proportional to progress and the expected marker stands at its fraction."""
    root = parse(progress_bar(0.62, 0.58, label="On time"))
    track, fill = root.findall(f"{SVG}rect")
    assert float(fill.get("width", "")) == pytest.approx(0.62 * float(track.get("width", "")))
    (marker,) = by_class(root, "expected")
    x0, width = float(track.get("x", "")), float(track.get("width", ""))
    assert numbers(marker.get("d", ""))[0] == pytest.approx(x0 + 0.58 * width, abs=0.01)


@pytest.mark.parametrize(
    ("progress", "width", "words"),
    [(1.7, 1.0, "100%"), (-0.2, 0.0, "0%"), (float("nan"), 0.0, "0%"), (0.999, 0.999, "99%")],
    ids=["over", "under", "nan", "almost"],
)
def test_progress_bar_clamps(progress: float, width: float, words: str) -> None:
    """Progress outside 0..1 is clamped, and only a full bar says 100%."""
    root = parse(progress_bar(progress, None, label="x"))
    track, fill = root.findall(f"{SVG}rect")
    assert float(fill.get("width", "")) == pytest.approx(width * float(track.get("width", "")))
    assert root.findtext(f"{SVG}text") == words


def test_progress_bar_without_expected_has_no_marker() -> None:
    """Without an expected value there is no marker and the label says only what is done."""
    root = parse(progress_bar(0.5, None, label="x"))
    assert not by_class(root, "expected")
    assert root.get("aria-label") == "x: 50% done"


def test_checkin_chart_has_a_text_equivalent() -> None:
    """The chart's title names it and its description lists start, target and every check-in."""
    result = kr(86, 92, checkin(9, 86), checkin(23, 88, "high", still_agreed=False))
    root = parse(checkin_chart(result, Q4, AS_OF, label="Service visits on time"))
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "Service visits on time"
    desc = root.findtext(f"{SVG}desc") or ""
    assert desc.startswith("Service visits on time: start 86%, target 92%; check-ins 9 Oct 86%")
    assert "23 Oct 88% (high, no longer agreed)" in desc
    assert root.get("aria-label") == desc


def line_y(root: ET.Element, name: str) -> float:
    """The y of a horizontal reference line (`start` or `target`)."""
    (line,) = by_class(root, name)
    return numbers(line.get("d", ""))[1]


def test_up_is_more_for_an_increasing_key_result() -> None:
    """The target line of an increase is above its start line and the expected path rises."""
    root = parse(checkin_chart(kr(80, 90), Q4, AS_OF, label="x"))
    assert line_y(root, "target") < line_y(root, "start")
    (expected,) = by_class(root, "expected")
    _, y0, _, y1 = numbers(expected.get("d", ""))
    assert y1 < y0


def test_a_decreasing_key_result_slopes_down() -> None:
    """Up is still more: a decrease's target is below its start and its path falls."""
    result = kr(60, 50, checkin(2, 59), checkin(20, 55))
    root = parse(checkin_chart(result, Q4, AS_OF, label="Days sales outstanding"))
    assert line_y(root, "target") > line_y(root, "start")
    (expected,) = by_class(root, "expected")
    _, y0, _, y1 = numbers(expected.get("d", ""))
    assert (y0, y1) == (line_y(root, "start"), line_y(root, "target"))
    first, second = (float(p.split(",")[1]) for p in root.findall(f".//{SVG}polyline")[0]
                     .get("points", "").split())  # fmt: skip
    assert second > first  # 55 is drawn lower than 59


def test_scale_covers_checkins_beyond_start_and_target() -> None:
    """A check-in far outside start..target still falls inside the plot area."""
    root = parse(checkin_chart(kr(80, 90, checkin(5, 40)), Q4, AS_OF, label="x"))
    (mark,) = by_class(root, "checkin")
    y = float(mark.find(f"{SVG}rect").get("y", ""))  # type: ignore[union-attr]
    assert line_y(root, "target") < line_y(root, "start") < y < float(root.get("height", ""))


def test_confidence_is_a_shape_and_disagreement_a_cross() -> None:
    """High is a circle, medium a square, low a triangle; "no longer agreed" adds an X."""
    result = kr(0, 10, checkin(2, 1, "high"), checkin(9, 2, "medium"),
                checkin(16, 3, "low", still_agreed=False))  # fmt: skip
    root = parse(checkin_chart(result, Q4, AS_OF, label="x"))
    marks = by_class(root, "checkin")
    assert [m.get("class") for m in marks] == [
        "checkin circle",
        "checkin square",
        "checkin triangle",
    ]
    assert [tags(m) - {"g", "title"} for m in marks] == [{"circle"}, {"rect"}, {"path"}]
    assert [len(by_class(m, "disagreed")) for m in marks] == [0, 0, 1]
    assert "low confidence, no longer agreed" in (marks[2].findtext(f"{SVG}title") or "")


def test_no_checkins_still_draws_the_plan() -> None:
    """Without check-ins the chart shows start, target and the expected path, and says so."""
    root = parse(checkin_chart(kr(0, 50), Q4, AS_OF, label="x"))
    assert by_class(root, "start") and by_class(root, "target") and by_class(root, "expected")
    assert "polyline" not in tags(root)
    assert "no check-ins yet" in [t.text for t in root.iter(f"{SVG}text")]
    assert (root.findtext(f"{SVG}desc") or "").endswith(
        "no check-ins yet; expected by today 19.57%"
    )


@pytest.mark.parametrize(("as_of", "drawn"), [(AS_OF, 1), (date(2027, 1, 5), 0)])
def test_today_is_drawn_only_inside_the_cycle(as_of: date, drawn: int) -> None:
    """The "today" line appears while the cycle runs and not after it ends."""
    root = parse(checkin_chart(kr(0, 10), Q4, as_of, label="x"))
    assert len(by_class(root, "today")) == drawn


# --- the alignment map -----------------------------------------------------------------------


def team(tid: str, parent: str | None = None) -> Team:
    """A team named after its id."""
    return Team(tid, tid.replace("-", " ").title(), "ben", HERE, parent)


def objective(key: str, team_id: str, *supports: str, **kw: object) -> Objective:
    """An objective with one key result; `title` defaults to one made from the key."""
    cycle, oid = key.split("/")
    result = KeyResult(f"{key}.k", "k", "A measure", "ben", 0, 1, HERE)
    title = str(kw.pop("title", f"Objective {oid}"))
    return Objective(
        key, oid, cycle, team_id, title, "ben", "Why.", HERE, supports=supports,
        key_results=(result,), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def org_model(teams: list[Team], objectives: list[Objective]) -> Model:
    """A model with these teams and objectives, and the 2026, 2026-q3 and 2026-q4 cycles."""
    cycles = {c.id: c for c in (YEAR, Q3, Q4)}
    org = Org("Example Co", {}, {t.id: t for t in teams}, cycles)
    return Model(org, objectives={o.key: o for o in objectives})


def small_model(title: str = "Customers can count on us") -> Model:
    """A company, two functions and a team, with annual and quarterly objectives."""
    teams = [team("co"), team("ops", "co"), team("sales", "co"), team("field", "ops")]
    objectives = [
        objective("2026/revenue", "co"),
        objective("2026/reliable", "ops", "2026/revenue"),
        objective("2026-q4/on-time", "ops", "2026/reliable", title=title),
        objective("2026-q4/crews", "field", "2026-q4/on-time", "2026/revenue"),
        objective("2026-q4/renewals", "sales", "2026/revenue.k"),
        objective("2026-q4/gone", "sales", status="dropped", dropped_reason="No."),
        objective("2026-q3/summer", "field", "2026/reliable"),
    ]
    return org_model(teams, objectives)


def href(key: str) -> str:
    """The page writer's URLs, relative to the cycle page."""
    return f"../teams/{key[5:]}/" if key.startswith("team:") else f"../{key}/"


def links(root: ET.Element) -> dict[str, ET.Element]:
    """Boxes by link target."""
    return {a.get("href", ""): a for a in by_class(root, "objective")}


def test_map_boxes_show_owner_progress_and_pace_in_words_and_colour() -> None:
    """Given the day, each objective's box in the example names its owner and says its
    progress and pace in words (in full in its title: on hover and to screen readers),
    beside a stripe of the pace's colour; one with no check-in yet says so."""
    from datetime import date
    from pathlib import Path

    from accord.check import check
    from accord.render.map import PACE_COLOURS

    day = date(2026, 11, 23)
    model = check(Path(__file__).resolve().parents[1], as_of=day).model
    assert model is not None
    boxes = links(parse(alignment_map(model, "2026-q4", href, day)))
    box = boxes["../2026-q4/on-time-service/"]
    words = [t.text or "" for t in box.iter(f"{SVG}text")]
    assert words[-2:] == ["Priya Raman", "46% · a little behind"]
    assert any(
        PACE_COLOURS["a little behind"] in r.get("style", "") for r in box.iter(f"{SVG}rect")
    )
    label = box.findtext(f"{SVG}title") or ""  # the tooltip, and the link's accessible name
    assert label.startswith("Customers can count on us to arrive when we said we would (")
    assert label.endswith("(Operations, 2026-q4; owner Priya Raman; 46% done, a little behind)")
    quiet = [t.text for t in boxes["../2026-q4/predictive-chiller-alerts/"].iter(f"{SVG}text")]
    assert quiet[-1] == "no check-in yet"


def test_map_links_every_live_objective_of_the_cycle_and_its_year() -> None:
    """Every live objective of the cycle and its enclosing cycle is a linked box with its title."""
    root = parse(alignment_map(small_model(), "2026-q4", href))
    boxes = links(root)
    keys = ["2026/revenue", "2026/reliable", "2026-q4/on-time", "2026-q4/crews", "2026-q4/renewals"]
    assert sorted(boxes) == sorted(f"../{k}/" for k in keys)
    assert (boxes["../2026-q4/on-time/"].findtext(f"{SVG}title") or "").startswith(
        "Customers can count on us (Ops, 2026-q4; owner "
    )
    assert len(by_class(root, "supports")) == 5  # crews supports two; renewals via a key result


def test_map_puts_annual_bets_above_quarterly_ones_in_function_bands() -> None:
    """The year's rows come first, and a team's objectives sit in its function's column."""
    boxes = links(parse(alignment_map(small_model(), "2026-q4", href)))

    def at(key: str) -> tuple[float, float]:
        rect = boxes[f"../{key}/"].find(f"{SVG}rect")
        return float(rect.get("x", "")), float(rect.get("y", ""))  # type: ignore[union-attr]

    assert at("2026/revenue")[1] < at("2026/reliable")[1] < at("2026-q4/on-time")[1]
    assert at("2026-q4/on-time")[1] < at("2026-q4/crews")[1]
    assert at("2026/reliable")[0] == at("2026-q4/on-time")[0] == at("2026-q4/crews")[0]
    assert at("2026-q4/renewals")[0] != at("2026-q4/crews")[0]


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_text_stays_text(title: str) -> None:
    """A title full of markup or Markdown adds no element or attribute and reads back intact."""
    pictures = [
        progress_bar(0.5, 0.4, label=title),
        checkin_chart(kr(0, 10, checkin(3, 2, note=title), title=title), Q4, AS_OF, label=title),
        alignment_map(small_model(title), "2026-q4", href),
    ]
    for svg in pictures:
        root = parse(svg)
        assert tags(root) <= {"svg", "title", "desc", "rect", "path", "text", "a", "g", "polyline",
                              "circle"}  # fmt: skip
        assert {name for el in root.iter() for name in el.attrib} <= ATTRIBUTES
        assert any(title in (el.text or "") for el in root.iter())
        assert not set("*_`|[{") & set(svg), "Markdown syntax must not survive as is"


def test_map_refuses_a_link_that_is_not_relative() -> None:
    """An href with a scheme or a host is a bug in the caller and stops the build."""
    for bad in ("javascript:alert(1)", "https://evil.example/", "//evil.example/", " ../x/"):
        with pytest.raises(ValueError, match="not a relative URL"):
            alignment_map(small_model(), "2026-q4", lambda _key, bad=bad: bad)


def test_map_is_deterministic() -> None:
    """The same model gives the same picture whatever the order objectives were loaded in."""
    model = small_model()
    shuffled = Model(model.org, objectives=dict(reversed(model.objectives.items())))
    assert alignment_map(model, "2026-q4", href) == alignment_map(shuffled, "2026-q4", href)


def large_model(functions: int = 8, teams_per_function: int = 37) -> Model:
    """A company of about 300 teams, each with four quarterly objectives under its function's."""
    teams, objectives = [team("co")], [objective(f"2026/bet-{i}", "co") for i in range(3)]
    for f in range(functions):
        teams.append(team(f"fn-{f}", "co"))
        objectives += [objective(f"2026/fn-{f}-{i}", f"fn-{f}", f"2026/bet-{i}") for i in range(2)]
        for t in range(teams_per_function):
            tid = f"fn-{f}-team-{t}"
            teams.append(team(tid, f"fn-{f}" if t < 5 else f"fn-{f}-team-{t % 5}"))
            objectives += [objective(f"2026-q4/{tid}-{i}", tid, f"2026/fn-{f}-{i % 2}")
                           for i in range(4)]  # fmt: skip
    objectives += [objective(f"2026-q4/small-{i}", "small", "2026/bet-0") for i in range(8)]
    teams += [team("small", "co")]
    return org_model(teams, objectives)


def test_map_of_300_teams_collapses_to_a_readable_picture() -> None:
    """At 300 teams and 1,200 objectives, crowded cells fold into team and function boxes."""
    model = large_model()
    assert len(model.org.teams) > 300 and len(model.objectives) > 1200
    started = time.perf_counter()
    svg = alignment_map(model, "2026-q4", href)
    elapsed = time.perf_counter() - started
    boxes = links(parse(svg))
    assert len(boxes) <= 100
    assert elapsed < 0.5
    words = {" ".join(t.text or "" for t in a.iter(f"{SVG}text")) for a in boxes.values()}
    assert any(w.startswith("Fn 0: 37 teams, 148 objectives") for w in words)
    assert "../teams/small/" in boxes and "Small: 8 objectives" in words
    assert "../2026/bet-0/" in boxes  # company bets stay themselves


def test_pictures_pass_through_markdown_unchanged() -> None:
    """Python-Markdown leaves every picture as it is, a bar even inside a table cell."""
    markdown = pytest.importorskip("markdown")
    title = HOSTILE[2]
    bar = progress_bar(0.5, 0.4, label=title)
    chart = checkin_chart(kr(0, 10, checkin(3, 2, note=title), title=title), Q4, AS_OF, label=title)
    amap = alignment_map(small_model(title), "2026-q4", href)
    page = f"| a | b |\n| --- | --- |\n| x | {bar} |\n\n{chart}\n\n{amap}\n"
    html = markdown.markdown(page, extensions=["tables", "attr_list", "md_in_html"])
    assert bar in html and chart in html and amap in html
