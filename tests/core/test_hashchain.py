from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.hashchain import (
    GENESIS_HASH,
    canonical_json,
    chain_hash,
    hashed_moment,
    plain_chain_hash,
    verify_chain,
)

HANOI = timezone(timedelta(hours=7))


def build(contents):
    """(previous_hash, hash, content) triples as an append-only log stores them."""
    links, previous = [], GENESIS_HASH
    for content in contents:
        digest = chain_hash(previous, content)
        links.append((previous, digest, content))
        previous = digest
    return links


EVENTS = [
    {"kind": "submitted", "at": datetime(2026, 3, 2, 1, 0, tzinfo=UTC), "actor": "congdan.an"},
    {"kind": "received", "at": datetime(2026, 3, 2, 2, 0, tzinfo=UTC), "actor": "tiepnhan.thanhpho"},
    {"kind": "step_completed", "at": datetime(2026, 3, 3, 9, 0, tzinfo=UTC), "note": "Đủ điều kiện"},
    {"kind": "resolved", "at": datetime(2026, 3, 4, 9, 0, tzinfo=UTC), "fee": Decimal("50000")},
]


def test_canonical_json_ignores_key_order_and_keeps_vietnamese_text():
    a = canonical_json({"b": 1, "a": "Hồ sơ", "c": {"y": 2, "x": [1, 2]}})
    b = canonical_json({"c": {"x": [1, 2], "y": 2}, "a": "Hồ sơ", "b": 1})
    assert a == b == '{"a":"Hồ sơ","b":1,"c":{"x":[1,2],"y":2}}'


def test_the_same_moment_in_any_time_zone_hashes_the_same():
    utc = datetime(2026, 7, 1, 1, 30, tzinfo=UTC)
    assert canonical_json({"at": utc}) == canonical_json({"at": utc.astimezone(HANOI)})
    assert canonical_json({"at": utc}) == '{"at":"2026-07-01T01:30:00.000000+00:00"}'


@settings(max_examples=500, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(2, 1, 1),
        max_value=datetime(9998, 12, 31),
        timezones=st.timezones()
        | st.builds(timezone, st.timedeltas(timedelta(hours=-23), timedelta(hours=23))),
    )
)
def test_a_hashed_moment_is_its_utc_isoformat_with_microseconds(moment):
    """The text every chain was hashed with: any zone, offsets with seconds, a zero or non-zero fraction."""
    assert hashed_moment(moment) == moment.astimezone(UTC).isoformat(timespec="microseconds")


def test_a_hashed_moment_on_a_whole_second_and_with_a_fraction():
    assert hashed_moment(datetime(2026, 3, 9, 9, 0, tzinfo=HANOI)) == "2026-03-09T02:00:00.000000+00:00"
    moment = datetime(999, 12, 31, 23, 59, 59, 5, tzinfo=UTC)
    assert hashed_moment(moment) == "0999-12-31T23:59:59.000005+00:00"


def test_dates_decimals_and_uuids_have_one_text_form():
    text = canonical_json(
        {"d": date(2026, 1, 2), "n": Decimal("1500000.00"), "u": UUID("12345678123456781234567812345678")}
    )
    assert text == '{"d":"2026-01-02","n":"1500000.00","u":"12345678-1234-5678-1234-567812345678"}'


def test_naive_datetimes_and_unknown_types_are_refused():
    with pytest.raises(ValueError):
        canonical_json({"at": datetime(2026, 1, 1, 8, 0)})
    with pytest.raises(TypeError):
        canonical_json({"x": object()})


def test_an_untouched_chain_verifies():
    assert verify_chain(build(EVENTS)) is None
    assert verify_chain([]) is None


def test_changing_an_event_is_detected_at_that_event():
    links = build(EVENTS)
    previous, digest, content = links[1]
    links[1] = (previous, digest, {**content, "actor": "someone.else"})

    broken = verify_chain(links)

    assert broken is not None
    assert (broken.index, broken.reason) == (1, "hash_mismatch")
    assert broken.stored_hash == digest


def test_inserting_an_event_is_detected():
    links = build(EVENTS)
    forged_content = {"kind": "refused", "at": datetime(2026, 3, 2, 3, 0, tzinfo=UTC)}
    forged = (links[1][1], chain_hash(links[1][1], forged_content), forged_content)
    links.insert(2, forged)

    broken = verify_chain(links)

    assert broken is not None and broken.index == 3 and broken.reason == "previous_hash_mismatch"


def test_removing_an_event_is_detected():
    links = build(EVENTS)
    del links[1]

    broken = verify_chain(links)

    assert broken is not None and broken.index == 1 and broken.reason == "previous_hash_mismatch"


def test_recomputing_one_hash_after_a_change_still_breaks_the_next_link():
    links = build(EVENTS)
    previous, _digest, content = links[2]
    changed = {**content, "note": "Không đủ điều kiện"}
    links[2] = (previous, chain_hash(previous, changed), changed)

    broken = verify_chain(links)

    assert broken is not None and broken.index == 3 and broken.reason == "previous_hash_mismatch"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=10,
)
event_contents = st.lists(
    st.dictionaries(st.text(min_size=1, max_size=8), json_values, min_size=1), min_size=1
)


@settings(max_examples=150, deadline=None)
@given(contents=event_contents, data=st.data())
def test_any_change_to_any_event_is_detected(contents, data):
    links = build(contents)
    assert verify_chain(links) is None
    index = data.draw(st.integers(0, len(links) - 1))
    previous, digest, content = links[index]
    key = data.draw(st.sampled_from(sorted(content)))
    new_value = data.draw(json_values.filter(lambda v: v != content[key]))
    links[index] = (previous, digest, {**content, key: new_value})

    broken = verify_chain(links)

    assert broken is not None and broken.index == index


_PLAIN_SCALARS = st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.text()
_PLAIN = st.recursive(
    _PLAIN_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(content=st.dictionaries(st.text(), _PLAIN, max_size=6))
def test_plain_chain_hash_is_the_chain_hash_of_plain_content(content):
    """The bulk writer's hash must be the one verify_chain recomputes: control characters, quotes, backslashes,
    non-ASCII text, huge integers and lone surrogates included."""
    assert plain_chain_hash(GENESIS_HASH, content) == chain_hash(GENESIS_HASH, content)


def test_plain_chain_hash_of_text_enums_and_escapes():
    from motcua.dossiers.models import EventKind

    content = {
        "kind": EventKind.RECEIVED,
        "note": 'a"b\\c\nd\x00\x1f\x7f\u2028 Đủ',
        "n": [1, True, None, 2**80],
    }
    assert plain_chain_hash("a" * 64, content) == chain_hash("a" * 64, content)
