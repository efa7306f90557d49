"""How well the classifier reads ideas, measured against what founders and staff said."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Labelled:
    text: str
    sector: str


@dataclass
class Evaluation:
    total: int = 0
    top1: int = 0
    top3: int = 0
    unread: int = 0  # no sector at all
    misses: Counter[tuple[str, str]] = field(default_factory=Counter)  # (truth, read)
    by_sector: dict[str, list[int]] = field(default_factory=dict)  # truth → [right, all]

    def share(self, n: int) -> float:
        return round(n / self.total, 3) if self.total else 0.0

    def as_json(self) -> dict[str, object]:
        return {
            "ideas": self.total,
            "top1": self.share(self.top1),
            "top3": self.share(self.top3),
            "no_sector": self.share(self.unread),
            "by_sector": {
                s: {"right": r, "ideas": n} for s, (r, n) in sorted(self.by_sector.items())
            },
            "misses": [
                {"truth": t, "read": r, "ideas": n} for (t, r), n in self.misses.most_common()
            ],
        }


def evaluate(read_idea: Callable[[str], list[str]], items: Iterable[Labelled]) -> Evaluation:
    """``read_idea``: the sectors an idea is read as, best first (what a founder is offered)."""
    result = Evaluation()
    for item in items:
        read = read_idea(item.text)
        result.total += 1
        right = bool(read) and read[0] == item.sector
        result.top1 += right
        result.top3 += item.sector in read[:3]
        result.unread += not read
        tally = result.by_sector.setdefault(item.sector, [0, 0])
        tally[0] += right
        tally[1] += 1
        if not right:
            result.misses[(item.sector, read[0] if read else "–")] += 1
    return result
