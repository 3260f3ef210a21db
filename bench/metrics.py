"""Sentence-level detection metrics for the accuracy benchmark."""

from __future__ import annotations

from collections.abc import Sequence


def rate(flags: Sequence[bool]) -> float:
    """Share of True values (0.0 for an empty sequence)."""
    return sum(flags) / len(flags) if flags else 0.0


def f_beta(recall: float, false_alarm: float, positives: int, negatives: int,
           beta: float = 0.5) -> float:
    """F-beta from recall and false-alarm rate.

    Precision counts flagged erroneous sentences against flagged corrected sentences:
    TP = recall * positives, FP = false_alarm * negatives.
    """
    tp = recall * positives
    fp = false_alarm * negatives
    precision = tp / (tp + fp) if tp + fp else 0.0
    if precision == 0.0 or recall == 0.0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)
