"""A year of realistic history as import lines (docs/import.md), for the demo and the benchmarks.

The lines go through the same importer administrators use. Each dossier follows its procedure's process
template (forwarded from step to step, resolved at the last), with the spread of a real year in Hanoi: most
dossiers filed online and resolved early or on time (about 98%), some paused once for a supplement, a few late
with an apology, most results returned and half of them rated, fees mostly paid online. Nothing happens after
`now`: the most recent dossiers are still being handled.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from motcua.core import clock

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Phương"]


@dataclass(frozen=True)
class Offer:
    """One procedure as the history uses it: where it is received and decided, its steps and time."""

    procedure: str
    receiving: str
    competent: str
    channels: tuple[str, ...]
    handling_steps: int  # steps after receipt (the receiving step ends at receipt)
    working_days: float  # the legal time, in working days (approximately, for hours)
    fee: int


def working_moment(rng: random.Random, day: date) -> datetime:
    """A moment in working hours (08:00-12:00, 13:00-17:00 local) of `day`, or of the next weekday."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    minutes = rng.randrange(0, 8 * 60)
    start = datetime(day.year, day.month, day.day, 8, 0, tzinfo=clock.LOCAL_TZ)
    return start + timedelta(minutes=minutes + (60 if minutes >= 240 else 0))


def timeline(rng: random.Random, offer: Offer, received: datetime, now: datetime) -> list[dict]:
    """The events after submission: refused at intake (about 1%), or received and handled; cut at `now`."""
    events: list[dict] = []
    # Wall-clock time passes at least as fast as working time: a result within the legal time read on the wall
    # clock is on time; a late one goes well past it (weekends and holidays included).
    legal = timedelta(days=offer.working_days)
    t = received

    def add(event: dict, moment: datetime) -> bool:
        nonlocal t
        if moment >= now:
            return False
        t = moment
        events.append(event | {"at": moment.isoformat()})
        return True

    if rng.random() < 0.01:
        return [
            {"kind": "refused", "at": received.isoformat(), "reasons": "Không thuộc thẩm quyền giải quyết"}
        ]
    events.append({"kind": "received", "officer": "Cán bộ một cửa"})
    roll = rng.random()
    late = roll < 0.015
    # The moment of the result: early or on time within the legal time, a few late past it.
    resolve_after = (
        legal * 1.4 * rng.uniform(1.3, 1.8) + timedelta(days=2) if late else legal * rng.uniform(0.15, 0.85)
    )
    end = received + resolve_after
    handling = offer.handling_steps
    marks = sorted(rng.uniform(0.05, 0.9) for _ in range(max(handling - 1, 0)))
    if not add(
        {"kind": "assigned", "officer": "Chuyên viên"}, received + timedelta(minutes=rng.randrange(10, 90))
    ):
        return events
    if 0.015 <= roll < 0.08 and offer.working_days >= 2:
        # A supplement at the first handling step; the applicant answers within days.
        asked = t + timedelta(hours=rng.uniform(1, 8))
        request = {"kind": "supplement_requested", "reason": "Thiếu giấy tờ chứng minh", "items": ["Bản sao"]}
        if not add(request, asked):
            return events
        answered = asked + timedelta(days=rng.uniform(0.5, 4))
        if not add({"kind": "supplemented"}, answered):
            return events
        end += answered - asked
    if late and offer.working_days >= 3:
        new_due = (
            received + legal * 3 + timedelta(days=20)
        )  # well after the legal due moment, holidays or not
        apology = {"kind": "apologized", "reason": "Cần xác minh thêm", "new_due_at": new_due.isoformat()}
        if not add(apology, t + timedelta(minutes=30)):
            return events
    if 0.08 <= roll < 0.095:
        kind = rng.choice(["withdrawn", "stopped"])
        add({"kind": kind, "reasons": "Theo đề nghị của người nộp"}, t + timedelta(hours=rng.uniform(2, 30)))
        return events
    for mark in marks:
        if not add(
            {"kind": "forwarded", "outcome": "Đủ điều kiện"}, max(t, received + (end - received) * mark)
        ):
            return events
    denied = rng.random() < 0.03
    result = {"kind": "resolved", "outcome": "denied" if denied else "approved"}
    result |= {"reasons": "Không đủ điều kiện"} if denied else {"electronic_result": rng.random() < 0.85}
    if not add(result, max(t + timedelta(minutes=5), end)):
        return events
    if not add({"kind": "returned"}, t + timedelta(hours=rng.uniform(1, 40))):
        return events
    if rng.random() < 0.5:
        level = rng.choices(["very_satisfied", "satisfied", "not_satisfied"], [62, 36, 2])[0]
        add({"kind": "rated", "level": level}, t + timedelta(hours=rng.uniform(1, 72)))
    return events


def history_lines(
    offers: list[Offer], *, count: int, days: int = 365, seed: int = 2025, now: datetime | None = None
) -> Iterator[dict]:
    """`count` import lines received over the `days` before `now`, spread over the offers."""
    rng = random.Random(seed)
    now = now or clock.now()
    today = clock.to_local(now).date()
    for n in range(count):
        offer = offers[n % len(offers)]
        received = working_moment(rng, today - timedelta(days=rng.randrange(1, days + 1)))
        if received >= now:
            continue
        online = "online" in offer.channels and rng.random() < 0.7
        channel = "online" if online else next((c for c in offer.channels if c != "online"), "online")
        paid = (
            (("online" if rng.random() < 0.8 else "counter") if online else "counter") if offer.fee else None
        )
        line = {
            "code": f"LS-{n:07d}",
            "procedure": offer.procedure,
            "receiving_agency": offer.receiving,
            "competent_agency": offer.competent,
            "channel": channel,
            "applicant": {"name": rng.choice(NAMES)},
            "submitted_at": (received - timedelta(minutes=rng.randrange(5, 300))).isoformat(),
            "received_at": received.isoformat(),
            "fee": {"paid": paid},
            "documents": [
                {
                    "component": "TP1",
                    "digitized": online or rng.random() < 0.8,
                    "reused": rng.random() < (0.35 if online else 0.1),
                }
            ],
            "events": timeline(rng, offer, received, now),
        }
        if line["events"][0]["kind"] == "refused":  # refused at intake: never received
            del line["received_at"]
        yield line
