"""What the simulated people do: advisors answering offers (``Behaviour``), and for the demo
year, how cases end, how many are coached and how many intakes never become a case
(``Life``). Options of ``spbot simulate`` and ``spbot seed --demo --history``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Behaviour:
    accept_rate: float = 0.7
    decline_rate: float = 0.1
    close_after_days: tuple[int, int] = (10, 40)
    coordinator_delay_hours: float = 8.0


@dataclass(frozen=True)
class Life:
    """What happens to cases and intakes beyond the routing (the demo year): the shares are
    chosen so a year lands near the region's goals (about 1,000 ideas, 300 starts, 60
    companies coached at a time)."""

    channels: tuple[tuple[str, float], ...] = (("web", 0.5), ("telegram", 0.35), ("slack", 0.15))
    stages: tuple[str, ...] = ("idea", "idea", "starting", "young_company", "established")
    outcomes: tuple[tuple[str, float], ...] = (
        ("company_started", 0.4),
        ("not_pursued", 0.3),
        ("referred", 0.15),
        ("no_response", 0.1),
        ("coached", 0.05),
    )
    coaching_share: float = 0.15
    coaching_days: tuple[int, int] = (60, 200)
    coaching_outcomes: tuple[tuple[str, float], ...] = (("company_started", 0.5), ("coached", 0.5))
    # Intakes that never become a case, per submitted one.
    not_consented: float = 0.12
    abandoned: float = 0.08
    cancelled: float = 0.03
    referred_out: float = 0.04
