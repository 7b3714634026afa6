"""Fees: which amounts to show for a year. Pure functions of catalogue rows and dates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import FeeAmount


@dataclass(frozen=True)
class YearAmounts:
    """The amounts of one fee schedule for the year asked, or for the last year that has any."""

    year_asked: int
    year_shown: int | None
    amounts: tuple[FeeAmount, ...] = field(default_factory=tuple)

    @property
    def is_fallback(self) -> bool:
        """True when the year asked has no amount and an earlier year is shown instead."""
        return self.year_shown is not None and self.year_shown != self.year_asked

    @property
    def has_estimates(self) -> bool:
        return any(amount.is_estimate for amount in self.amounts)


def amounts_for_year(amounts: Iterable[FeeAmount], year: int) -> YearAmounts:
    """The amounts of ``year``; if it has none, those of the last earlier year with an amount.

    An amount no source gives stays missing: a row with no amount never counts as "known".
    """
    known = [amount for amount in amounts if amount.amount_mxn is not None and amount.year <= year]
    if not known:
        return YearAmounts(year_asked=year, year_shown=None)
    shown = max(amount.year for amount in known)
    rows = tuple(sorted((a for a in known if a.year == shown), key=lambda a: a.variant))
    return YearAmounts(year_asked=year, year_shown=shown, amounts=rows)
