"""The fixed dates and the words the organisation is made of: names, outcomes, regions,
segments, key-result kinds, reasons, notes."""

from __future__ import annotations

from datetime import UTC, date, datetime

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
