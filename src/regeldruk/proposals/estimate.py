"""A figure that rests on an estimate: a central value with a low and a high end."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float

    @classmethod
    def exact(cls, value: float) -> Estimate:
        return cls(value, value, value)

    @classmethod
    def spread(cls, value: float, low_factor: float, high_factor: float) -> Estimate:
        return cls(value, value * low_factor, value * high_factor)

    @property
    def is_exact(self) -> bool:
        return self.low == self.value == self.high

    def times(self, other: Estimate) -> Estimate:
        """Product of two non-negative estimates: low with low, high with high."""
        return Estimate(self.value * other.value, self.low * other.low, self.high * other.high)

    def scaled(self, factor: float) -> Estimate:
        return Estimate(self.value * factor, self.low * factor, self.high * factor)

    def plus(self, other: Estimate) -> Estimate:
        return Estimate(self.value + other.value, self.low + other.low, self.high + other.high)


ZERO = Estimate(0.0, 0.0, 0.0)
