"""A burst of commits asks for outbox delivery at most twice per window, and nothing waits past the window."""

import json
import os
import time

import pytest
from django.test import override_settings

from motcua.notifications import kicks


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _throttle():
    clock, sent = FakeClock(), []
    return kicks.KickThrottle(sent.append, monotonic=clock), clock, sent


def test_first_kick_goes_at_once_and_a_burst_adds_one_kick_at_the_window_end():
    throttle, clock, sent = _throttle()
    throttle.kick(1.0)
    assert sent == [None]
    clock.now += 0.25
    for _ in range(50):
        throttle.kick(1.0)
        clock.now += 0.01
    # One more, timed for the end of the window that began with the first kick (0.75 s after the second).
    assert sent == [None, pytest.approx(0.75)]


def test_a_new_window_starts_with_an_immediate_kick():
    throttle, clock, sent = _throttle()
    throttle.kick(1.0)
    clock.now += 0.5
    throttle.kick(1.0)
    clock.now += 0.5  # exactly one window later
    throttle.kick(1.0)
    assert sent == [None, pytest.approx(0.5), None]


def test_a_lone_kick_in_a_quiet_window_sends_no_trailing_one():
    throttle, clock, sent = _throttle()
    for _ in range(3):
        throttle.kick(1.0)
        clock.now += 5
    assert sent == [None, None, None]


def test_without_an_interval_every_kick_is_sent():
    throttle, _clock, sent = _throttle()
    for _ in range(5):
        throttle.kick(0.0)
    assert sent == [None] * 5


def _fresh_pools(app) -> None:
    """Close the app's broker connections so that the next message opens one to the configured broker."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_broker():
    """Celery pointed at a real Redis (REDIS_URL_FOR_TESTS; CI sets it) instead of running tasks eagerly."""
    redis = pytest.importorskip("redis")
    url = os.environ.get("REDIS_URL_FOR_TESTS", "")
    client = redis.Redis.from_url(url or "redis://127.0.0.1:6379/15")
    try:
        client.ping()
    except redis.ConnectionError:
        if url:
            raise
        pytest.skip("no Redis on 127.0.0.1:6379 (set REDIS_URL_FOR_TESTS)")
    from motcua.celery import app

    saved = app.conf.broker_url, app.conf.task_always_eager
    app.conf.broker_url = url or "redis://127.0.0.1:6379/15"
    app.conf.task_always_eager = False
    _fresh_pools(app)
    client.delete("celery")
    try:
        yield client
    finally:
        client.delete("celery")
        app.conf.broker_url, app.conf.task_always_eager = saved
        _fresh_pools(app)
        client.close()


def test_a_burst_of_commits_puts_two_delivery_tasks_on_the_broker(redis_broker, monkeypatch):
    monkeypatch.setattr(kicks, "_throttle", kicks.KickThrottle(kicks._send_delivery_task))
    started = time.time()
    with override_settings(OUTBOX_KICK_SECONDS=5.0):
        for _ in range(40):
            kicks.request_delivery()
    queued = [json.loads(raw) for raw in redis_broker.lrange("celery", 0, -1)]
    assert [m["headers"]["task"] for m in queued] == ["notifications.deliver_outbox"] * 2
    etas = sorted((m["headers"].get("eta") or "") for m in queued)
    assert etas[0] == ""  # the first runs at once
    from datetime import datetime

    trailing = datetime.fromisoformat(etas[1]).timestamp()
    assert started + 4.0 < trailing <= time.time() + 5.0  # the second, at the end of the window
