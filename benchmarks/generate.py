"""Generate a large, valid OKR repository with a realistic git history.

    python benchmarks/generate.py DIR [--teams 300] [--commits 2000] [--seed 1]

Deterministic from the seed. Writes a git repository in DIR (which must not exist or be
empty) holding a logistics company, Meridian Freight: 8 to 12 functions, N teams below them
(about a quarter of them sub-teams of another team), four people per team (a lead and three
members, most with GitHub handles), the cycles "2026" (annual), 2026-q3 (closed) and 2026-q4
(active), four company bets, function objectives supporting them, four or five objectives
per team supporting the level above with three or four key results each and their check-ins,
dependencies between teams (most answered by an objective of the other team), stop_doing
lists and the leaders' statements for 2026-q4.

The history has exactly M commits, written with one `git fast-import`: the first imports the
OKRs as they stood on 1 October 2026, the others are teams' check-ins (appended as their dates
come), retargets, objectives moved between teams' files and new stop_doing items, each landed
as a direct commit, a squash merge ("Title (#N)") or a merged pull request (a branch commit
plus a "Merge pull request #N from org/branch" merge commit). Each commit writes only the files
it changes. `accord check --as-of 2026-11-23` finds no errors in the result; a small share of
warnings is planted on purpose (stale check-ins, a lost agreement, an unanswered dependency,
a team with no stop_doing).

N counts the teams below the functions: the organisation has N + functions + 1 teams.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

AS_OF = date(2026, 11, 23)
Q4_START, Q4_END = date(2026, 10, 1), date(2026, 12, 31)
Q3_START, Q3_END = date(2026, 7, 1), date(2026, 9, 30)
LAST_CHECKIN = date(2026, 11, 20)
IMPORT = datetime(2026, 10, 1, 8, 30, tzinfo=UTC)

COMPANY = ("meridian", "Meridian Freight")
FUNCTIONS = [
    ("operations", "Operations", ["field-ops", "dispatch", "depots", "fleet", "hub-safety"]),
    ("logistics", "Logistics", ["linehaul", "last-mile", "cross-dock", "returns", "customs"]),
    ("sales", "Sales", ["enterprise-sales", "smb-sales", "partnerships", "sales-ops"]),
    ("customer", "Customer Success", ["onboarding", "support", "renewals", "accounts"]),
    ("product", "Product", ["tracking", "booking", "pricing", "mobile"]),
    ("engineering", "Engineering", ["platform", "payments", "data-eng", "sre", "integrations"]),
    ("finance", "Finance", ["billing", "collections", "fp-and-a", "procurement"]),
    ("people-team", "People", ["recruiting", "learning", "people-ops"]),
    ("data", "Data and Analytics", ["analytics", "forecasting", "ml"]),
    ("marketing", "Marketing", ["brand", "growth", "content"]),
    ("security", "Security", ["appsec", "it", "compliance"]),
    ("legal", "Legal", ["contracts", "privacy"]),
]
SHORT = {"fp-and-a": "FP&A", "sre": "SRE", "it": "IT", "ml": "ML", "smb-sales": "SMB Sales"}

FIRST = """anna ben carla david elif farid greta hugo ines jonas kasia lars maya nils olga pablo
quinn rosa sven tara umar vera wim xenia yara zoe amir bruno chloe dario emma felix gina
henrik iris jan katrin leo mila noah oskar petra rafael sara tomas ulla viktor wanda yusuf
aylin bogdan celine dmitri eva fatima goran hana ivan julia karim lucia marek nora omar
paula rania stefan tereza uwe valentina""".split()
LAST = """adler berg costa dahl eriksen fischer garcia hansen ivanova jansen kowalski larsen
moreau novak olsen petrov quist romano schmidt torres urban vogel weber yilmaz zielinski
andersen bianchi castro dubois engel ferreira gruber horvat jovanovic keller lindqvist
meyer nowak ortega pavlova ricci santos tanaka varga wagner""".split()

OUTCOMES = """Parcels arrive on the day we promised
Customers can track every shipment without calling us
Drivers finish their routes inside their shift
Invoices are right the first time
New customers ship their first order within a week
Damage claims are settled while the customer still remembers the order
Warehouse pick errors become rare
Trucks run full on the return leg
Support answers arrive before customers chase
Renewals are decided on service rather than price
Fuel cost per kilometre keeps falling
The booking flow works first time on a phone
We notice outages before customers do
Payments clear without manual matching
Volume forecasts are good enough to staff the hubs on
Every new hire is productive within a month
Customs paperwork never holds a pallet
Returns are back on the shelf within two days
Prices reflect what a lane really costs
Partners integrate without our engineers
Nobody gets hurt loading or driving
Account managers see a customer's risk early
Analysts trust the numbers in the warehouse
Security reviews stop blocking enterprise deals
Cash comes in within agreed terms
Contracts are signed without weeks of redlines
Hub managers plan the week on live volumes
Carbon per parcel goes down every quarter
Marketing leads turn into real conversations
People stay because they can grow here
Sorting machines keep running through the peak
Delivery slots match when customers are home""".splitlines()
REGIONS = """the Nordics|Benelux|Iberia|the UK|Poland|Northern Italy|Bavaria|the Rhine-Ruhr area
|Paris and Lyon|Scotland|Austria|Switzerland|Czechia|Ireland|Hamburg|Berlin|Southern France
|the Baltics|Denmark|Portugal""".replace("\n", "").split("|")
SEGMENTS = """grocery customers|pharmacy customers|marketplace sellers|furniture retailers|fashion
brands|electronics shops|wholesalers|hospitals|small businesses|enterprise accounts|subscription
boxes|spare-parts distributors""".replace("\n", " ").split("|")
SCOPES = [
    "across the network",
    "in all twelve countries",
    "for our largest accounts",
    "in the home markets",
]

# id, title, unit, start range, change as a share of start (negative: a decrease)
KR_KINDS = [
    ("on-time-rate", "Share of deliveries made on the promised day", "%", (72, 88), 0.12),
    ("first-attempt", "Deliveries completed at the first attempt", "%", (78, 90), 0.08),
    ("dispatch-hours", "Median hours from order to dispatch", "hours", (18, 40), -0.35),
    ("pick-errors", "Pick errors per 10,000 lines", None, (25, 60), -0.5),
    ("empty-km", "Empty running on the return leg", "%", (22, 38), -0.3),
    ("nps", "Net promoter score of active customers", None, (18, 35), 0.5),
    (
        "ticket-first-reply",
        "Median minutes to first reply on support tickets",
        "minutes",
        (40, 120),
        -0.5,
    ),
    ("invoice-disputes", "Invoices disputed by the customer", "%", (4, 9), -0.5),
    ("dso", "Days sales outstanding", "days", (48, 70), -0.25),
    ("gross-retention", "Gross revenue retention, trailing twelve months", "%", (84, 91), 0.05),
    ("onboard-days", "Median days from signature to first shipment", "days", (12, 30), -0.5),
    ("uptime", "Availability of the tracking API", "%", (99.0, 99.6), 0.003),
    ("fuel-cost", "Fuel cost per 100 km", "EUR", (38, 46), -0.08),
    ("forecast-error", "Weekly volume forecast error per hub", "%", (12, 20), -0.4),
    ("time-to-productive", "Weeks until a new hire works unassisted", "weeks", (8, 14), -0.35),
    ("customs-holds", "Pallets held at customs for missing paperwork", "per week", (30, 80), -0.6),
    ("returns-restock", "Returns back on the shelf within two days", "%", (45, 70), 0.3),
    ("lane-margin", "Contribution margin per lane", "%", (9, 15), 0.35),
    (
        "self-serve-integrations",
        "Partner integrations live without our engineers",
        "%",
        (20, 45),
        0.6,
    ),
    ("ltir", "Lost-time injuries per million hours", None, (3, 6), -0.5),
    ("mobile-conversion", "Bookings completed on a phone", "%", (30, 50), 0.3),
    ("carbon-per-parcel", "Grams of CO2 per parcel delivered", "g", (420, 560), -0.12),
    ("qualified-leads", "Sales-qualified leads per month", None, (80, 160), 0.4),
    ("regretted-attrition", "Regretted attrition, trailing twelve months", "%", (9, 15), -0.35),
    ("sorter-uptime", "Sorter availability during peak hours", "%", (93, 97), 0.03),
    ("slot-hit", "Deliveries inside the customer's chosen slot", "%", (70, 85), 0.12),
]
FACTS = [
    "We lost {n} enterprise customers last year and the exit interviews all named late deliveries.",
    "The peak season starts in {w} weeks and last year it cost us {n} thousand missed parcels.",
    "Our three biggest customers now audit this every quarter before they renew.",
    "Support spends {n} percent of its time on questions this would remove.",
    "The board sets next year's budget in January on the run-rate we show in December.",
    "Competitors in {r} started offering this in the spring and we are losing tenders on it.",
    "A new warehouse opens in {r} in February and it inherits whatever process we have then.",
    "Drivers named this as the main reason they leave in the spring survey.",
    "Finance cannot close the month without {n} hours of manual work on it.",
    "{n} contracts come up for renewal before March.",
]
REASONS = [
    "Everything else we plan this quarter depends on getting this right first.",
    "If we fix it now the peak pays for it; if we wait, the peak exposes it.",
    "It is the cheapest lever we have on renewals this year.",
    "Doing it once for the whole network is cheaper than every hub working around it.",
    "Without it the company bet above us cannot move, whatever else we do.",
    "The people doing the work asked for it, and we agree it matters more than new features.",
]
STOPS = [
    "Bespoke weekly reports for individual customers",
    "Manual route planning on spreadsheets",
    "Custom contract terms on deals under 50,000 EUR a year",
    "Same-day rush jobs outside our own lanes",
    "Printed pick lists in the hubs",
    "New features for the legacy booking portal",
    "Quarterly all-hands slide decks per team",
    "Courier top-ups without a purchase order",
    "Discounts to win back customers who left over service",
    "Tenders for one-off project freight",
    "Ad hoc data pulls for other teams without a ticket",
    "Hiring for roles we cannot onboard before March",
    "Supporting the old Android app",
    "Saturday overtime shifts to hide the rota gap",
]
NOTES = [
    "Peak volumes arrived a week early",
    "Two hubs still on the old process",
    "New scanners in place since Monday",
    "Held back by the carrier strike",
    "Better than expected after the rota change",
    "Data now comes from the warehouse, not exports",
    "One large customer paused shipments",
    "Waiting on the vendor release",
]
NEEDS = [
    "Forecasts per hub every Monday by 10:00",
    "An API for live slot availability before the peak",
    "Agreed prices on the ten biggest lanes by 15 November",
    "Two analysts for the renewal risk model",
    "Customs data in the booking flow",
    "A trained crew for the new sorter",
    "Invoice data without manual fixes",
]


@dataclass
class KeyResult:
    id: str
    title: str
    owner: str
    indicator: str
    start: float
    target: float
    unit: str | None
    supports: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    checkins: list[dict] = field(default_factory=list)  # every planned check-in, oldest first
    shown: int = 0  # how many of them the repository holds now


@dataclass
class Objective:
    id: str
    title: str
    owner: str
    why_now: str
    supports: list[str] = field(default_factory=list)
    key_results: list[KeyResult] = field(default_factory=list)
    depends_on: list[tuple[str, str]] = field(default_factory=list)
    tradeoffs: list[str] = field(default_factory=list)
    decision_owner: str | None = None
    status: str | None = None


@dataclass
class Plan:
    cycle: str
    team: str
    stop_doing: list[str]
    objectives: list[Objective] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"okrs/{self.cycle}/{self.team}.yaml"


@dataclass
class Team:
    id: str
    name: str
    lead: str
    parent: str | None
    members: list[str]
    depth: int  # 0 company, 1 function, 2 team, 3 sub-team


# ----------------------------------------------------------------------------- YAML text


def scalar(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else str(int(value))
    if isinstance(value, (int, date)):
        return str(value)
    text = str(value)
    plain = (
        text[:1].isalpha()
        and not any(c in text for c in ":#{}[]&*!|>'\"%@`")
        and text.lower() not in {"yes", "no", "true", "false", "null", "on", "off"}
    )
    return text if plain else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def folded(key: str, text: str, indent: str) -> list[str]:
    lines = textwrap.wrap(text, 92 - len(indent) - 2)
    return [f"{indent}{key}: >-", *(f"{indent}  {line}" for line in lines)]


def team_text(plan: Plan) -> str:
    out = ["# yaml-language-server: $schema=../../schema/team.schema.json"]
    if plan.stop_doing:
        out += ["stop_doing:", *(f"  - {scalar(s)}" for s in plan.stop_doing)]
    out += ["", "objectives:"] if plan.objectives else ["", "objectives: []"]
    for n, o in enumerate(plan.objectives):
        if n:
            out.append("")
        out += [f"  - id: {o.id}", f"    title: {scalar(o.title)}", f"    owner: {o.owner}"]
        if o.status:
            out.append(f"    status: {o.status}")
        if o.decision_owner:
            out.append(f"    decision_owner: {o.decision_owner}")
        if o.supports:
            out.append(f"    supports: {flow(o.supports)}")
        out += folded("why_now", o.why_now, "    ")
        if o.tradeoffs:
            out += ["    tradeoffs:", *(f"      - {scalar(t)}" for t in o.tradeoffs)]
        if o.depends_on:
            out.append("    depends_on:")
            for on, need in o.depends_on:
                out += [f"      - on: {on}", f"        need: {scalar(need)}"]
        out.append("    key_results:")
        for kr in o.key_results:
            out += [
                f"      - id: {kr.id}",
                f"        title: {scalar(kr.title)}",
                f"        owner: {kr.owner}",
                f"        indicator: {kr.indicator}",
                f"        start: {scalar(kr.start)}",
                f"        target: {scalar(kr.target)}",
            ]
            if kr.unit:
                out.append(f"        unit: {scalar(kr.unit)}")
            if kr.supports:
                out.append(f"        supports: {flow(kr.supports)}")
            if kr.contributors:
                out.append(f"        contributors: {flow(kr.contributors)}")
            if kr.shown:
                out.append("        checkins:")
                for c in kr.checkins[: kr.shown]:
                    out += [
                        f"          - date: {c['date']}",
                        f"            value: {scalar(c['value'])}",
                        f"            confidence: {c['confidence']}",
                        f"            still_agreed: {'true' if c['still_agreed'] else 'false'}",
                    ]
                    if c.get("note"):
                        out.append(f"            note: {scalar(c['note'])}")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- the organisation


class Org:
    def __init__(self, teams: int, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.people: dict[str, dict[str, str]] = {}
        self.teams: dict[str, Team] = {}
        self.order: list[str] = []  # teams, parents before children
        self.plans: dict[tuple[str, str], Plan] = {}
        self.load: dict[str, int] = {}  # current key results owned, per person
        self.titles: set[tuple[str, str, str]] = set()
        self.statements: dict[str, str] = {}
        self.protected: set[str] = set()  # objective ids that must stay in their team
        self.where: dict[str, tuple[str, str]] = {}  # objective id -> the plan that holds it now
        self._tree(teams)
        self._okrs()

    # people and teams
    def person(self, title: str) -> str:
        rnd = self.rnd
        first, last = rnd.choice(FIRST), rnd.choice(LAST)
        pid, n = f"{first}-{last}", 2
        while pid in self.people:
            pid, n = f"{first}-{last}-{n}", n + 1
        entry = {"name": f"{first.title()} {last.title()}", "title": title}
        if rnd.random() < 0.88:
            entry["github"] = rnd.choice(
                [f"{first}{last}", f"{first}-{last}", f"{first[0]}{last}", f"{first}{last[:3]}"]
            ) + (str(rnd.randint(1, 99)) if rnd.random() < 0.3 else "")
        if rnd.random() < 0.3:
            entry["email"] = f"{first}.{last}@meridian.example"
        self.people[pid] = entry
        self.load[pid] = 0
        return pid

    def add_team(
        self, tid: str, name: str, parent: str | None, depth: int, role: str, members: int
    ) -> None:
        lead = self.person(f"{role}, {name}" if depth else "Chief Executive")
        crew = [
            self.person(
                self.rnd.choice(["Analyst", "Engineer", "Coordinator", "Specialist", "Manager"])
                + f", {name}"
            )
            for _ in range(members)
        ]
        self.teams[tid] = Team(tid, name, lead, parent, crew, depth)
        self.order.append(tid)

    def _tree(self, n: int) -> None:
        rnd = self.rnd
        self.add_team(COMPANY[0], COMPANY[1], None, 0, "", 2)
        functions = FUNCTIONS[: max(1, min(len(FUNCTIONS), rnd.randint(8, 12), n))]
        for fid, fname, _ in functions:
            self.add_team(fid, fname, COMPANY[0], 1, "Head of", 2)
        weights = [rnd.uniform(0.6, 1.6) for _ in functions]
        shares = [max(1, round(n * w / sum(weights))) for w in weights]
        while sum(shares) > n:
            shares[shares.index(max(shares))] -= 1
        while sum(shares) < n:
            shares[shares.index(min(shares))] += 1
        direct: list[tuple[str, str, int]] = []
        subs: list[tuple[str, str, int]] = []
        counters: dict[str, int] = {}
        for (fid, _, stems), count in zip(functions, shares, strict=True):
            top = max(1, round(count * 0.75))
            mine: list[str] = []
            for k in range(count):
                stem = stems[k % len(stems)]
                counters[stem] = counters.get(stem, 0) + 1
                tid = f"{stem}-{counters[stem]}"
                label = SHORT.get(stem, stem.replace("-", " ").title())
                name = f"{label} {counters[stem]}"
                if k < top:
                    direct.append((tid, name, 0))
                    self._parent_of = getattr(self, "_parent_of", {})
                    self._parent_of[tid] = fid
                    mine.append(tid)
                else:
                    self._parent_of[tid] = rnd.choice(mine)
                    subs.append((tid, name, 0))
        for tid, name, _ in direct:
            self.add_team(tid, name, self._parent_of[tid], 2, "Lead", 3)
        for tid, name, _ in subs:
            self.add_team(tid, name, self._parent_of[tid], 3, "Lead", 3)

    # objectives
    def title(self, scope: str | None = None) -> str:
        rnd = self.rnd
        for _ in range(200):
            outcome = rnd.choice(OUTCOMES)
            if scope is not None:
                key = (outcome, scope, "")
                text = f"{outcome} {scope}"
            else:
                region, segment = rnd.choice(REGIONS), rnd.choice(SEGMENTS)
                key, text = (outcome, region, segment), f"{outcome} for {segment} in {region}"
            if key not in self.titles:
                self.titles.add(key)
                return text
        raise RuntimeError("ran out of distinct titles")

    def why_now(self) -> str:
        rnd = self.rnd
        fact = rnd.choice(FACTS).format(
            n=rnd.randint(3, 40), w=rnd.randint(3, 9), r=rnd.choice(REGIONS)
        )
        return f"{fact} {rnd.choice(REASONS)}"

    def owner(self, team: Team, current: bool) -> str:
        crew = [team.lead, *team.members]
        best = min(crew, key=lambda p: (self.load[p], crew.index(p)))
        if current:
            self.load[best] += 1
        return best

    def objective(
        self,
        plan: Plan,
        oid: str,
        title: str,
        supports: list[str],
        kr_supports: list[str],
        dates: list[date],
        krs: int,
        current: bool,
        progress: tuple[float, float],
    ) -> Objective:
        rnd, team = self.rnd, self.teams[plan.team]
        o = Objective(
            oid,
            title,
            team.lead if rnd.random() < 0.6 else self.owner(team, False),
            self.why_now(),
            supports,
        )
        if rnd.random() < 0.15:
            o.decision_owner = team.lead
        if rnd.random() < 0.2:
            o.tradeoffs = [rnd.choice(STOPS)]
        for kind in rnd.sample(KR_KINDS, krs):
            kid, ktitle, unit, (lo, hi), change = kind
            decimals = 1 if hi - lo < 10 else 0
            start = round(rnd.uniform(lo, hi), decimals + (2 if hi < 100 and lo > 98 else 0))
            step = abs(start * change) * rnd.uniform(0.7, 1.3)
            target = round(
                start + (step if change > 0 else -step), decimals + (2 if lo > 98 else 0)
            )
            if target == start:
                target = start + (1 if change > 0 else -1)
            if unit == "%" and target > 100:
                target = 99.9
            kr = KeyResult(
                kid,
                ktitle,
                self.owner(team, current),
                "lagging"
                if "retention" in kid or "attrition" in kid
                else rnd.choice(["leading", "leading", "lagging"]),
                start,
                target,
                unit,
            )
            if kr_supports and rnd.random() < 0.35:
                kr.supports = [rnd.choice(kr_supports)]
            if rnd.random() < 0.15:
                other = rnd.choice(self.order)
                if other != plan.team:
                    kr.contributors = [other]
            final = rnd.uniform(*progress)
            kept = [d for d in dates if rnd.random() < 0.9 or d == dates[-1]]
            for i, d in enumerate(kept):
                p = final * (i + 1) / len(kept) + rnd.uniform(-0.04, 0.04)
                value = round(start + (target - start) * p, decimals + (2 if lo > 98 else 0))
                c = {
                    "date": d,
                    "value": value,
                    "still_agreed": True,
                    "confidence": rnd.choice(["high", "medium", "medium", "medium", "low"]),
                }
                if rnd.random() < 0.2:
                    c["note"] = rnd.choice(NOTES)
                kr.checkins.append(c)
            o.key_results.append(kr)
        helpers = {t for kr in o.key_results for t in kr.contributors}
        if len(helpers) >= 2 and o.decision_owner is None:
            o.decision_owner = team.lead  # several teams on it: someone makes the call (W214)
        return o

    def schedule(self, last_range: tuple[date, date], cadence: int, start: date) -> list[date]:
        rnd = self.rnd
        span = (last_range[1] - last_range[0]).days
        last = last_range[0] + timedelta(days=rnd.randint(0, span))
        count = rnd.randint(2, 6)
        return sorted(
            d for d in (last - timedelta(days=cadence * i) for i in range(count)) if d >= start
        )

    def _okrs(self) -> None:
        rnd = self.rnd
        company = self.teams[COMPANY[0]]
        annual = ["2026-03-31", "2026-06-30", "2026-09-30"]
        # company bets
        plan = Plan("2026", company.id, rnd.sample(STOPS, 3))
        self.plans[("2026", company.id)] = plan
        bets = []
        for _ in range(4):
            dates = [date.fromisoformat(d) for d in annual] + [date(2026, 11, rnd.randint(12, 19))]
            title = self.title("across Europe")
            oid = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:3])
            o = self.objective(
                plan, oid, title, [], [], dates, rnd.choice([3, 3, 4]), True, (0.82, 0.95)
            )
            o.decision_owner = company.lead
            plan.objectives.append(o)
            bets.append(o)
        # function objectives
        for fid in [t for t in self.order if self.teams[t].depth == 1]:
            plan = Plan("2026", fid, rnd.sample(STOPS, rnd.randint(1, 3)))
            self.plans[("2026", fid)] = plan
            for k in range(rnd.randint(3, 4)):
                bet = bets[(k + len(self.plans)) % 4]
                dates = [date.fromisoformat(d) for d in annual] + [
                    date(2026, 11, rnd.randint(10, 19))
                ]
                title = self.title(rnd.choice(SCOPES))
                o = self.objective(
                    plan,
                    f"{fid}-{k + 1}",
                    title,
                    [bet.id],
                    [f"{bet.id}.{kr.id}" for kr in bet.key_results],
                    dates,
                    3,
                    True,
                    (0.75, 0.95),
                )
                o.supports = [bet.id] if rnd.random() < 0.7 else []
                if not o.supports:
                    o.key_results[0].supports = [f"{bet.id}.{bet.key_results[0].id}"]
                plan.objectives.append(o)
        # team objectives, q4 (and q3 for some)
        for tid in [t for t in self.order if self.teams[t].depth >= 2]:
            team = self.teams[tid]
            parent = self.plans.get(("2026-q4", team.parent)) or self.plans[("2026", team.parent)]
            stale = rnd.random() < 0.04
            dates = self.schedule(
                (date(2026, 10, 20), date(2026, 11, 6))
                if stale
                else (date(2026, 11, 10), LAST_CHECKIN),
                rnd.choice([7, 14, 14]),
                Q4_START,
            )
            plan = Plan(
                "2026-q4", tid, rnd.sample(STOPS, rnd.randint(1, 3)) if rnd.random() < 0.96 else []
            )
            self.plans[("2026-q4", tid)] = plan
            for k in range(rnd.choice([4, 5, 5])):
                above = rnd.choice(parent.objectives)
                supports = [above.id] if rnd.random() < 0.92 else []
                o = self.objective(
                    plan,
                    f"{tid}-{k + 1}",
                    self.title(),
                    supports,
                    [f"{above.id}.{kr.id}" for kr in above.key_results],
                    dates,
                    rnd.choice([3, 4]),
                    True,
                    (0.35, 0.8),
                )
                if not supports:
                    o.why_now += " " + rnd.choice(REASONS)
                plan.objectives.append(o)
            if team.depth == 2 and rnd.random() < 0.35:
                self._q3(tid)
        self._dependencies()
        self._drift()
        self._statements(bets)

    def _q3(self, tid: str) -> None:
        rnd = self.rnd
        team = self.teams[tid]
        parent = self.plans[("2026", team.parent)]
        plan = Plan("2026-q3", tid, rnd.sample(STOPS, rnd.randint(1, 2)))
        self.plans[("2026-q3", tid)] = plan
        dates = self.schedule((date(2026, 9, 18), date(2026, 9, 29)), 14, Q3_START)
        for k in range(rnd.randint(2, 4)):
            above = rnd.choice(parent.objectives)
            o = self.objective(
                plan, f"{tid}-q3-{k + 1}", self.title(), [above.id], [], dates, 3, False, (0.6, 1.0)
            )
            if rnd.random() < 0.3:
                o.status = "done"
            plan.objectives.append(o)

    def _dependencies(self) -> None:
        rnd = self.rnd
        q4 = [t for t in self.order if ("2026-q4", t) in self.plans]
        index = {t: i for i, t in enumerate(q4)}
        for tid in q4:
            if rnd.random() > 0.3:
                continue
            later = [t for t in q4[index[tid] + 1 :] if self.teams[t].parent != tid]
            if not later:
                continue
            other = rnd.choice(later)
            asker = rnd.choice(self.plans[("2026-q4", tid)].objectives)
            theirs = rnd.choice(self.plans[("2026-q4", other)].objectives)
            kind = rnd.random()
            if kind < 0.2:  # a ref to what they already plan
                asker.depends_on.append(
                    (f"{theirs.id}.{theirs.key_results[0].id}", rnd.choice(NEEDS))
                )
            else:
                asker.depends_on.append((other, rnd.choice(NEEDS)))
                if (
                    kind < 0.93
                ):  # answered: edges only go from later teams to earlier ones, so no loops
                    theirs.supports.append(asker.id)
                self.protected |= {asker.id, theirs.id}

    def _drift(self) -> None:
        """A few key results whose latest check-in says the agreement is gone."""
        rnd = self.rnd
        for (cycle, _), plan in sorted(self.plans.items()):
            if cycle != "2026-q4":
                continue
            for o in plan.objectives:
                for kr in o.key_results:
                    if kr.checkins and rnd.random() < 0.01:
                        kr.checkins[-1]["still_agreed"] = False
                        kr.checkins[-1]["note"] = (
                            "Dispatch and sales no longer agree this is the bottleneck"
                        )

    def _statements(self, bets: list[Objective]) -> None:
        rnd = self.rnd
        leaders = [COMPANY[0], *[t for t in self.order if self.teams[t].depth == 1]]
        for tid in leaders:
            team = self.teams[tid]
            own = self.plans[("2026", tid)].objectives
            first = (
                bets[0]
                if tid == COMPANY[0] or rnd.random() < 0.35
                else next((o for o in own if bets[0].id in o.supports), bets[0])
            )
            if rnd.random() < 0.15:
                first = rnd.choice(bets[1:])
            rest = [o for o in own if o is not first][: rnd.randint(0, 2)]
            lines = [
                "# yaml-language-server: $schema=../../../schema/statement.schema.json",
                "priorities:",
            ]
            for o in [first, *rest]:
                lines += [f"  - text: {scalar(o.title + '.')}", f"    matches: [{o.id}]"]
            lines += [
                "trade_offs:",
                f"  - {scalar(rnd.choice(STOPS))}",
                f"success_looks_like: {scalar(rnd.choice(OUTCOMES) + ' by December.')}",
            ]
            self.statements[f"okrs/2026-q4/statements/{team.lead}.yaml"] = "\n".join(lines) + "\n"

    def org_text(self) -> str:
        out = [
            "# yaml-language-server: $schema=../schema/org.schema.json",
            "# Meridian Freight: parcels and pallets across Europe. Who is who, and the cycles.",
            f"name: {COMPANY[1]}",
            "repository: https://github.com/meridian-freight/okrs",
            "",
            "people:",
        ]
        for pid, p in self.people.items():
            out.append(f"  {pid}:")
            out += [f"    {k}: {scalar(v)}" for k, v in p.items()]
        out += ["", "teams:"]
        for tid in self.order:
            t = self.teams[tid]
            out += [f"  {tid}:", f"    name: {scalar(t.name)}"]
            if t.parent:
                out.append(f"    parent: {t.parent}")
            out.append(f"    lead: {t.lead}")
            if t.members:
                out.append(f"    members: {flow(t.members)}")
        out += [
            "",
            "cycles:",
            '  "2026":',
            "    start: 2026-01-01",
            "    end: 2026-12-31",
            "  2026-q3:",
            "    start: 2026-07-01",
            "    end: 2026-09-30",
            '    within: "2026"',
            "    status: closed",
            "  2026-q4:",
            "    start: 2026-10-01",
            "    end: 2026-12-31",
            '    within: "2026"',
            "    status: active",
            "",
            "settings:",
            "  max_objectives_per_team: 5",
            "  max_key_results_per_objective: 5",
            "  max_key_results_per_owner: 6",
            "  stale_checkin_days: 14",
        ]
        return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------- history


class Importer:
    """Builds the `git fast-import` stream."""

    def __init__(self) -> None:
        self.out: list[bytes] = []
        self.mark = 0
        self.commits = 0

    def commit(
        self,
        ref: str,
        when: datetime,
        author: tuple[str, str],
        message: str,
        files: dict[str, str],
        parent: int | None = None,
        merge: int | None = None,
        committer: tuple[str, str] | None = None,
    ) -> int:
        self.mark += 1
        self.commits += 1
        stamp = int(when.timestamp())
        name, email = author
        cname, cemail = committer or author
        msg = message.encode()
        parts = [
            b"commit %s\nmark :%d\n" % (ref.encode(), self.mark),
            f"author {name} <{email}> {stamp} +0100\n".encode(),
            f"committer {cname} <{cemail}> {stamp} +0100\n".encode(),
            b"data %d\n" % len(msg),
            msg,
            b"\n",
        ]
        if parent:
            parts.append(b"from :%d\n" % parent)
        if merge:
            parts.append(b"merge :%d\n" % merge)
        for path, text in sorted(files.items()):
            data = text.encode()
            parts.append(
                b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(data)) + data + b"\n"
            )
        self.out.append(b"".join(parts))
        return self.mark


def history(org: Org, commits: int) -> Importer:
    rnd = org.rnd
    plans = org.plans
    q4 = sorted(k for k in plans if k[0] == "2026-q4")
    # what the repository held on 1 October: check-ins dated before the import
    home = {key: list(plan.objectives) for key, plan in plans.items()}
    org.home = home  # type: ignore[attr-defined]
    for key, plan in plans.items():
        for o in plan.objectives:
            org.where[o.id] = key
            for kr in o.key_results:
                kr.shown = sum(1 for c in kr.checkins if c["date"] < IMPORT.date())
    files = {"okrs/org.yaml": org.org_text(), **{p.path: team_text(p) for p in plans.values()}}
    files[".gitignore"] = "/site/public/\n/.accord-cache/\n"
    files["okrs/README.md"] = (
        "# Meridian Freight OKRs\n\nOne folder per cycle, one file per team.\n"
    )
    files.update(org.statements)
    imp = Importer()
    ceo = org.teams[COMPANY[0]].lead
    main = imp.commit(
        "refs/heads/main",
        IMPORT,
        _who(org, ceo),
        "Import the 2026 OKRs from the planning sheets",
        files,
    )

    # the check-in events: (date, plan key)
    events: set[tuple[date, tuple[str, str]]] = set()
    for key, plan in plans.items():
        for o in plan.objectives:
            for kr in o.key_results:
                events.update((c["date"], key) for c in kr.checkins if c["date"] >= IMPORT.date())
    ordered = sorted(events)
    changes_wanted = max(1, round((commits - 1) / 1.3))
    slots = max(1, min(len(ordered), round(changes_wanted * 0.7)))
    groups = [
        ordered[i * len(ordered) // slots : (i + 1) * len(ordered) // slots] for i in range(slots)
    ]
    changes: list[tuple[datetime, str, object]] = []
    for group in groups:
        if group:
            day = group[-1][0]
            changes.append((_at(rnd, day), "checkin", group))
    for _ in range(max(0, changes_wanted - len(changes))):
        day = IMPORT.date() + timedelta(days=rnd.randint(1, (AS_OF - IMPORT.date()).days - 1))
        changes.append((_at(rnd, day), rnd.choice(["retarget", "retarget", "move", "stop"]), None))
    changes.sort(key=lambda c: (c[0], c[1]))

    pr = 100
    left = commits - 1
    i = 0
    while left > 0:
        if i < len(changes):
            when, kind, arg = changes[i]
        else:  # more commits than changes: small late edits
            when, kind, arg = (
                _at(rnd, AS_OF - timedelta(days=1)) + timedelta(minutes=i - len(changes)),
                "retarget",
                None,
            )
        i += 1
        edit = _apply(org, kind, arg, q4)
        for _ in range(30):  # a change that does not fit this team: another kind, another team
            if edit is not None:
                break
            edit = _apply(org, rnd.choice(["retarget", "retarget", "move", "stop"]), None, q4)
        if edit is None:
            continue
        title, touched, author = edit
        files = {p: team_text(plans[k]) for k in touched for p in [plans[k].path]}
        remaining = len(changes) - i
        style = rnd.random()
        who = _who(org, author)
        if style < 0.3 and left - 2 >= max(remaining, 0):
            pr += rnd.randint(1, 3)
            branch = f"{author.split('-')[0]}/{kind}-{pr}"
            tip = imp.commit(
                "refs/heads/pr-branch", when - timedelta(minutes=40), who, title, files, parent=main
            )
            main = imp.commit(
                "refs/heads/main",
                when,
                who,
                f"Merge pull request #{pr} from meridian-freight/{branch}\n\n{title}",
                files,
                parent=main,
                merge=tip,
                committer=("GitHub", "noreply@github.com"),
            )
            left -= 2
        elif style < 0.75:
            pr += rnd.randint(1, 3)
            main = imp.commit(
                "refs/heads/main",
                when,
                who,
                f"{title} (#{pr})",
                files,
                parent=main,
                committer=("GitHub", "noreply@github.com"),
            )
            left -= 1
        else:
            main = imp.commit("refs/heads/main", when, who, title, files, parent=main)
            left -= 1
    return imp


def _at(rnd: random.Random, day: date) -> datetime:
    return datetime(
        day.year, day.month, day.day, rnd.randint(9, 17), rnd.randint(0, 59), tzinfo=UTC
    )


def _who(org: Org, pid: str) -> tuple[str, str]:
    p = org.people[pid]
    return p["name"], f"{p.get('github', pid)}@users.noreply.github.com"


def _apply(org: Org, kind: str, arg: object, q4: list[tuple[str, str]]):
    """Apply one change to the state; (title, touched plan keys, author) or None."""
    rnd, plans = org.rnd, org.plans
    if kind == "checkin":
        group = arg  # type: ignore[assignment]
        teams = sorted({key for _, key in group})  # type: ignore[union-attr]
        day = max(d for d, _ in group)  # type: ignore[union-attr]
        touched = set()
        for key in teams:  # a team checks in on what it planned, wherever it lives now
            for o in org.home[key]:  # type: ignore[attr-defined]
                touched.add(org.where[o.id])
                for kr in o.key_results:
                    kr.shown = sum(1 for c in kr.checkins if c["date"] <= day)
        touched = sorted(touched)
        names = [org.teams[k[1]].name for k in touched]
        title = (
            f"Check-ins {names[0]}"
            if len(names) == 1
            else f"Check-ins {', '.join(names[:2])}"
            + (f" and {len(names) - 2} more" if len(names) > 2 else "")
        )
        return f"{title} ({day:%d %b})", touched, org.teams[touched[0][1]].lead
    key = rnd.choice(q4)
    plan = plans[key]
    if kind == "retarget" and plan.objectives:
        o = rnd.choice(plan.objectives)
        kr = rnd.choice(o.key_results)
        span = kr.target - kr.start
        new = kr.target + span * rnd.choice([-0.2, 0.15, 0.25])
        new = round(new, 2 if abs(span) < 2 else (1 if abs(span) < 20 else 0))
        if kr.unit == "%":
            new = min(new, 100)
        if (new - kr.start) * span <= 0 or new == kr.target:
            return None
        kr.target = new
        return f"Retarget {o.id}.{kr.id} to {scalar(new)}", [key], kr.owner
    if kind == "move":
        movable = [o for o in plan.objectives if o.id not in org.protected]
        if len(plan.objectives) < 4 or not movable:
            return None
        team = org.teams[key[1]]
        siblings = [
            k
            for k in q4
            if k != key and org.teams[k[1]].parent == team.parent and len(plans[k].objectives) < 5
        ]
        if not siblings:
            return None
        other = rnd.choice(siblings)
        o = rnd.choice(movable)
        plan.objectives.remove(o)
        plans[other].objectives.append(o)
        org.where[o.id] = other
        return f"Move {o.id} to {org.teams[other[1]].name}", [key, other], org.teams[other[1]].lead
    if kind == "stop" and plan.objectives:
        fresh = [s for s in STOPS if s not in plan.stop_doing]
        if not fresh or len(plan.stop_doing) >= 4:
            return None
        plan.stop_doing.append(rnd.choice(fresh))
        return (
            f"{org.teams[key[1]].name} stops: {plan.stop_doing[-1].lower()}",
            [key],
            org.teams[key[1]].lead,
        )
    return None


def generate(root: Path, teams: int, commits: int, seed: int = 1) -> None:
    """Write a git repository at `root` with `teams` teams and exactly `commits` commits."""
    org = Org(teams, seed)
    imp = history(org, commits)
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=b"".join(imp.out), check=True)
    subprocess.run(["git", "update-ref", "-d", "refs/heads/pr-branch"], cwd=root, check=False)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--teams", type=int, default=300)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.dir.exists() and any(args.dir.iterdir()):
        sys.exit(f"{args.dir} is not empty")
    start = time.perf_counter()
    generate(args.dir, args.teams, args.commits, args.seed)
    took = time.perf_counter() - start
    files = sum(1 for _ in (args.dir / "okrs").rglob("*.yaml"))
    count = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=args.dir, capture_output=True, text=True
    ).stdout.strip()
    print(f"{args.dir}: {files} YAML files, {count} commits, {took:.1f} s")


if __name__ == "__main__":
    main()
