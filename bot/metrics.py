"""Prometheus metrics (the official ``prometheus-client``), on a registry of our own.

Two kinds: what this process did (updates handled per channel, turn latency), counted as it
happens; and what the database says (cases opened, offers by outcome, escalations,
notification failures, timer lag), read at each scrape so that several processes report
the same truth. Nothing personal: counts, durations and kinds only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

REGISTRY = CollectorRegistry(auto_describe=True)
UPDATES = Counter(
    "spbot_updates_handled",
    "Founder messages handled, per channel and outcome (done, failed).",
    ["channel", "outcome"],
    registry=REGISTRY,
)
TURN_SECONDS = Histogram(
    "spbot_turn_seconds",
    "Time to play one founder message: load, turn, save and send the replies.",
    ["channel"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
TIMER_ROUND = Gauge(
    "spbot_timer_round_timestamp_seconds",
    "When this process last finished a round of the timer loop (Unix time).",
    registry=REGISTRY,
)


class Heartbeat:
    """The timer loop's last round, for /healthz and the gauge above."""

    def __init__(self) -> None:
        self.last: datetime | None = None

    def beat(self) -> None:
        self.last = datetime.now(UTC)
        TIMER_ROUND.set(time.time())


def observe_turn(channel: str, started: float, ok: bool) -> None:
    TURN_SECONDS.labels(channel).observe(time.perf_counter() - started)
    UPDATES.labels(channel, "done" if ok else "failed").inc()


class DatabaseFacts(Collector):
    """Counts read from the database at scrape time (bot/storage/metrics.py reads them)."""

    def __init__(self, read: Callable[[], dict[str, Any]]) -> None:
        self.read = read

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        facts = self.read()
        yield CounterMetricFamily(
            "spbot_cases_opened", "Cases opened (intakes submitted), all time.", facts["cases"]
        )
        offers = CounterMetricFamily(
            "spbot_offers", "Offers made to advisors, by outcome.", labels=["outcome"]
        )
        for outcome, n in sorted(facts["offers"].items()):
            offers.add_metric([outcome], n)
        yield offers
        yield CounterMetricFamily(
            "spbot_escalations", "Cases escalated to the coordinators.", facts["escalations"]
        )
        yield CounterMetricFamily(
            "spbot_notification_failures",
            "Notifications that could not be delivered (recorded on their case).",
            facts["notification_failures"],
        )
        yield GaugeMetricFamily(
            "spbot_timer_lag_seconds",
            "How long the oldest due timer has waited unfired (0: none waiting).",
            facts["timer_lag"],
        )
        yield GaugeMetricFamily(
            "spbot_inbox_pending", "Platform requests accepted and not yet played.", facts["inbox"]
        )


def exposition(facts: dict[str, Any]) -> bytes:
    """This process's metrics and the database's ``facts`` (read just before), as text."""
    per_scrape = CollectorRegistry(auto_describe=False)
    per_scrape.register(DatabaseFacts(lambda: facts))
    data: bytes = generate_latest(REGISTRY) + generate_latest(per_scrape)
    return data
