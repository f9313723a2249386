"""Activity or outcome (W203): a judgement of a title from several weighted signals.

A key result should say what changes for a customer or the business; an activity says what a
team does or makes. People word activities in many ways: as a command ("Run 4 workshops"), as
a state or a completion ("Workshops held", "New system live in 40 clinics", "Staff trained"),
or as a count from zero of things made ("Onboarding sessions", start 0, target 12). And many
outcomes start with a word that is also a verb ("Release-to-production lead time", "Run rate",
"Finished goods on hand"). So no single word decides: each signal below adds or removes weight,
and the sum is compared with `settings.activity_threshold` (default 0.5).

The weights, and why:

- **command** +0.8: a task verb opens the title and is followed by what is done to ("Launch
  the portal", "Hire 40 nurses"). Strong alone, because an imperative names work to do, but a
  measure (below) can still outweigh it: "Deliver 95% of orders on time" names an outcome.
- **completion** +0.5: a word or phrase saying a thing is done or in a state, standing as the
  predicate ("workshops held", "portal live for every region", "migration completed", "go
  live", "in place", "signed off"). Enough alone; ignored as an adjective before a noun
  ("Finished goods", "live data", "a certified technician").
- **activity noun** +0.4: the title names an undertaking ("Migration of 200 accounts",
  "Roll-out to wards"). Needs one more signal.
- **deliverables from zero** +0.5: the count starts at 0 and what is counted (the unit, or
  without one the title's first words) is a made thing: sessions, workshops, releases,
  features, documents, meetings... ("Monthly active users of the new dashboard" counts users.)
  Enough alone: nothing existed, and the key result turns green as they are made.
- **from zero** +0.1: any other count that starts at 0 (not a percentage). A nudge only: "Patients
  on the virtual ward" starts at 0 because the service is new, and it is an outcome.
- **flag** +0.8: start 0 and target 1 (not a percentage), a done/not-done milestone. Strong:
  whatever the title says, the number can only say done or not done.
- **measure** -0.3: a noun that names a measured outcome (rate, time, share, NPS, retention,
  churn, cost, revenue, errors, wait, days...). An outcome is usually a measure of something.
- **ratio** -0.4: the unit is a percentage or a ratio ("%", "per month"), or the title says
  "%", "per", "share of": a proportion of a population, the usual shape of an outcome.

Hyphenated compounds ("Release-to-production", "Sign-ins") and a verb followed by a measure
noun ("Run rate", "Start time", "Build success rate") or by an adverb ("Ship faster") are not
commands: no weight. A completion after "has", "with" or "someone" describes what something
has ("every crew has someone certified"): no weight either.

An objective is qualitative, so it has no counts; its command counts only when it names a
project: a project verb (launch, implement, migrate, roll out, go live...), or another task
verb acting on a made thing or a name ("Build the booking app", "Implement Salesforce"; "run"
and "start" only on an event). "Build a culture where people speak up" is an aspiration.

Why one module of over 300 lines: one rule, whose word lists and weights are read together
(this docstring explains each weight beside the words it weighs); a third of it is this text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TASK_VERBS = frozenset(
    "launch build implement complete deliver create hold run ship develop write publish "
    "organise organize conduct host introduce install deploy design finish start establish "
    "migrate hire train attend send prepare draft arrange produce release add upgrade "
    "integrate document onboard redesign rebuild replace roll".split()
)
TASK_PHRASES = ("roll out", "set up", "kick off", "put in place", "stand up", "go live", "sign off")
# Predicates that say a thing is done or in a state: "workshops held", "portal live".
COMPLETION_WORDS = frozenset(
    "live held trained certified completed complete launched delivered deployed implemented "
    "installed migrated published released shipped built finished done onboarded enrolled "
    "attended conducted hosted introduced established created written drafted organised "
    "organized hired operational approved open opened submitted".split()
)
# A completion after one of these describes what something has, or the state it is seen in,
# not what was done: "Every crew has someone certified", "Jobs with a technician trained for
# that model", "Orders leave the warehouse complete", "Kits arrive complete".
HAVING = frozenset(
    "has have had having with without get gets got keep keeps need needs someone somebody "
    "everyone anyone nobody arrive arrives leave leaves stay stays remain remains reach "
    "reaches".split()
)
COMPLETION_PHRASES = (
    "rolled out",
    "in place",
    "signed off",
    "go live",
    "go-live",
    "went live",
    "up and running",
    "set up",
    "in production",
)
# A completion word followed by one of these is a predicate ("held with", "live in", "live").
PREDICATE_FOLLOWERS = frozenset(
    "in at on for by across to with within before from throughout everywhere and or as "
    "since after during under via per off onto into over out one two three four five six "
    "seven eight nine ten "
    "twelve twenty hundred every all each".split()
)
ACTIVITY_NOUNS = frozenset(
    "rollout roll-out go-live launch migration implementation deployment installation "
    "upgrade onboarding".split()
)
DELIVERABLES = frozenset(
    "session sessions workshop workshops training trainings course courses module modules "
    "release releases feature features document documents doc docs meeting meetings event "
    "events webinar webinars campaign campaigns post posts article articles video videos "
    "playbook playbooks policy policies procedure procedures template templates dashboard "
    "dashboards pilot pilots project projects milestone milestones deliverable deliverables "
    "integration integrations guide guides town-hall town-halls hall halls demo demos "
    "briefing briefings presentation presentations interview interviews survey surveys "
    "audit audits review reviews plan plans".split()
)
MEASURE_NOUNS = frozenset(
    "rate rates time times share ratio percentage percent nps csat satisfaction retention "
    "churn cost costs revenue margin error errors wait waits waiting days hours minutes "
    "weeks months score scores average median accuracy conversion uptime downtime latency "
    "incidents complaints defects spend value volume frequency success failures quality "
    "cadence".split()
)
# A verb followed by one of these is not a command: "Start time", "Run rate", "Design wins".
NOUN_FOLLOWERS = MEASURE_NOUNS | frozenset(
    "of to per from date dates win wins contract contracts".split()
)
# Verbs that name a project whatever follows them; the other task verbs make an objective a
# task only when what follows is a made thing ("Build the booking app", not "Build a culture").
PROJECT_VERBS = frozenset(
    "launch implement migrate install deploy upgrade integrate complete finish release ship "
    "publish hold host conduct hire attend replace rebuild redesign document".split()
) | set(TASK_PHRASES)
ARTEFACTS = DELIVERABLES | frozenset(
    "portal system systems platform app apps application tool tools website site crm erp "
    "database warehouse pipeline process processes programme program product products "
    "server servers version model framework api infrastructure network hub centre center "
    "office scheme service".split()
)
PREPOSITIONS = frozenset("of in at on for by to with from across within per about".split())
ADVERBS = frozenset(
    "faster quicker sooner better more less earlier later often again well together".split()
)
# Verbs that operate rather than make: "Run the warehouse" is work as usual, "Run 4 workshops"
# is a task; for an objective they count only when what follows is an event or made thing.
OPERATE_VERBS = frozenset("run start".split())
PERIODS = frozenset("year quarter month week day season summer winter spring autumn".split())
DETERMINERS = frozenset("the a an our every each all their this that".split())

WEIGHTS = {
    "command": 0.8,
    "completion": 0.5,
    "activity noun": 0.4,
    "deliverables from zero": 0.5,
    "from zero": 0.1,
    "flag": 0.8,
    "measure": -0.3,
    "ratio": -0.4,
}


@dataclass(frozen=True)
class Signal:
    """One reason a title reads as an activity (positive) or an outcome (negative)."""

    kind: str
    says: str

    @property
    def weight(self) -> float:
        """How much this kind of signal counts (see the module docstring for why)."""
        return WEIGHTS[self.kind]


@dataclass(frozen=True)
class Judgement:
    """The signals found in a title and their sum."""

    signals: tuple[Signal, ...]

    @property
    def score(self) -> float:
        """The sum of the signals' weights."""
        return round(sum(s.weight for s in self.signals), 2)

    def because(self) -> str:
        """The activity signals in words: "'held' says a thing is done or in place; ..."."""
        return "; ".join(s.says for s in self.signals if s.weight > 0)


def tokens(title: str) -> list[str]:
    """Lower-case words of a title, keeping hyphenated compounds and '%' whole."""
    return re.findall(r"[a-z0-9%]+(?:-[a-z0-9]+)*", title.lower().replace("'", ""))


def judge_key_result(title: str, start: float, target: float, unit: str | None) -> Judgement:
    """Every signal in a key result's title, start, target and unit."""
    words = tokens(title)
    command = _command(words)
    found = [*command, *_completion(words), *_activity_noun(words[1:] if command else words)]
    found += _counts(words, start, target, unit)
    found += _measures(words, title, unit)
    return Judgement(tuple(found))


def judge_objective(title: str) -> Judgement:
    """Every signal in an objective's title; a command counts when it names a project."""
    words = tokens(title)
    command = [s for s in _command(words) if _names_a_project(words, title)]
    found = [*command, *_completion(words), *_activity_noun(words[1:] if command else words)]
    found += _measures(words, title, None)
    return Judgement(tuple(found))


def _names_a_project(words: list[str], title: str) -> bool:
    """A project verb, or a task verb acting on a made thing or on a name ('Salesforce')."""
    opening = " ".join(words[:3])
    if any(re.match(rf"{p}\b", opening) for p in TASK_PHRASES) or words[0] in PROJECT_VERBS:
        return True
    if words[0] in OPERATE_VERBS:
        return bool(set(words[1:4]) & DELIVERABLES)
    names = {w.lower() for w in re.findall(r"\b[A-Z][A-Za-z0-9]*", title)[1:]}
    return bool(set(words[1:4]) & (ARTEFACTS | names))


def _command(words: list[str]) -> list[Signal]:
    """A task verb (or phrase) opening the title, followed by what is done to."""
    opening = " ".join(words[:3])
    phrase = next((p for p in TASK_PHRASES if re.match(rf"{p}\b", opening)), None)
    if phrase:
        rest = words[len(phrase.split()) :]
    elif words and words[0].replace("-", " ") in TASK_PHRASES and _acts_on(words[1:]):
        phrase, rest = words[0].replace("-", " "), words[1:]
    elif words and words[0] in TASK_VERBS:
        phrase, rest = words[0], words[1:]
    else:
        return []
    if rest and (rest[0] in NOUN_FOLLOWERS or _adverb(rest[0])):
        return []
    if _object(rest) in PERIODS:
        return []
    if not rest and phrase not in TASK_PHRASES:
        return []
    return [Signal("command", f"it opens with the task verb '{phrase}'")]


def _acts_on(rest: list[str]) -> bool:
    """A hyphenated phrase ('Kick-off') is a command when a determiner or number follows."""
    return bool(rest) and (rest[0] in DETERMINERS or rest[0][0].isdigit())


def _adverb(word: str) -> bool:
    """'Ship faster', 'Deliver reliably': the verb is followed by how, not by what."""
    return word.endswith("ly") or word in ADVERBS


def _object(rest: list[str]) -> str:
    """The first word after any determiners: what the verb acts on ('the year' -> 'year')."""
    return next((w for w in rest if w not in DETERMINERS), "")


def _completion(words: list[str]) -> list[Signal]:
    """A word or phrase saying something is done, standing as a predicate, not an adjective."""
    text = " ".join(words)
    for phrase in COMPLETION_PHRASES:
        at = re.search(rf"(?<![a-z0-9-]){phrase}(?![a-z0-9-])", text)
        if at and (at.start() > 0 or phrase in ("go live", "go-live", "up and running")):
            return [Signal("completion", f"'{phrase}' says a thing is done or in place")]
    for i, word in enumerate(words):
        if word not in COMPLETION_WORDS or i == 0 or HAVING & set(words[:i]):
            continue
        after = words[i + 1] if i + 1 < len(words) else None
        if after is None or after in PREDICATE_FOLLOWERS or after[0].isdigit():
            return [Signal("completion", f"'{word}' says a thing is done or in place")]
    return []


def _activity_noun(words: list[str]) -> list[Signal]:
    """A noun naming an undertaking ('migration', 'roll-out')."""
    noun = next((w for w in words if w in ACTIVITY_NOUNS), None)
    return [Signal("activity noun", f"'{noun}' names an undertaking")] if noun else []


def _counts(words: list[str], start: float, target: float, unit: str | None) -> list[Signal]:
    """Counts that start at zero: a flag, made things, or anything else (a nudge)."""
    if start != 0 or target <= 0 or _is_ratio(unit):
        return []
    if target == 1:
        return [Signal("flag", "it goes from 0 to 1, a done/not-done flag")]
    counted = tokens(unit) if unit else _head(words)
    made = next((w for w in counted if w in DELIVERABLES), None)
    if made:
        what = unit if unit and made in tokens(unit) else made
        return [Signal("deliverables from zero", f"it counts {what} from 0, things made")]
    return [Signal("from zero", "the count starts at 0")]


def _head(words: list[str]) -> list[str]:
    """What a title counts: its first words up to a preposition, past a task verb, numbers and
    determiners ('Run 4 hands-on safety workshops for crews' -> hands-on, safety, workshops)."""
    rest = words[1:] if words and words[0] in TASK_VERBS else words
    rest = [w for w in rest if not w[0].isdigit() and w not in DETERMINERS]
    head: list[str] = []
    for word in rest[:4]:
        if word in PREPOSITIONS:
            break
        head.append(word)
    return head


def _measures(words: list[str], title: str, unit: str | None) -> list[Signal]:
    """Measure nouns and ratios, which mark an outcome and pull the score down."""
    found = []
    noun = next((w for w in words if w in MEASURE_NOUNS), None)
    if noun:
        found.append(Signal("measure", f"'{noun}' names a measure"))
    if _is_ratio(unit) or "%" in title or {"per", "share", "proportion"} & set(words):
        found.append(Signal("ratio", "it is a share or a ratio"))
    return found


def _is_ratio(unit: str | None) -> bool:
    """A percentage or a 'per ...' unit."""
    text = (unit or "").lower()
    return "%" in text or "per " in f"{text} " or "/" in text or "percent" in text
