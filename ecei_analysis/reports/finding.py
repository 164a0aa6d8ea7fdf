"""One headline statement of a report: its sentences and the numbers behind them."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Finding"]


@dataclass(frozen=True)
class Finding:
    """One headline statement: its sentences and the numbers behind them.

    Every finding carries the structured values its sentences state, so tests
    (and readers) check the words against the computation, and a translated
    report carries the same numbers.

    Attributes
    ----------
    key
        What kind of finding (``published``, ``moves``, ``robustness``,
        ``swaps``, ``radius``, ``what_if``, ``uncertainty``, ``small_study``,
        ``panel``, ``importance``, ``classification``).
    sentences
        The statement, one or more sentences (shown as bullets).
    values
        The numbers the sentences state, structured; ``values["state"]`` names
        the case the sentences cover (a degenerate state included).
    """

    key: str
    sentences: tuple[str, ...]
    values: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """All sentences as one paragraph."""
        return " ".join(self.sentences)
