"""The organisation: the team tree, people, cycles, objectives with their key results and
check-ins, dependencies and statements, drawn from one random stream.

Over 300 lines on purpose: one class whose methods draw from one random stream in a fixed
order; splitting it would spread that order over files without making any step clearer.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from fakeorg.texts import (
    COMPANY,
    FACTS,
    FIRST,
    FUNCTIONS,
    KR_KINDS,
    LAST,
    LAST_CHECKIN,
    NEEDS,
    NOTES,
    OUTCOMES,
    Q3_START,
    Q4_START,
    REASONS,
    REGIONS,
    SCOPES,
    SEGMENTS,
    SHORT,
    STOPS,
)  # fmt: skip
from fakeorg.values import KeyResult, Objective, Plan, Team, flow, scalar


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
