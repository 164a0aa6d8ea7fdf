"""The validated study model, independent of how its files were read."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..core.errors import EceiDataError
from ..core.i18n import pgettext
from ..core.vocabulary import CLASSES

__all__ = ["Study", "check_classification"]


def check_classification(classification: pd.Series, codes: pd.Index) -> pd.Series:
    """Check that ``classification`` gives a known class to exactly ``codes``.

    Parameters
    ----------
    classification
        Class per indicator code.
    codes
        The indicator codes of the framework.

    Returns
    -------
    pandas.Series
        The classification, in ``codes`` order.

    Raises
    ------
    EceiDataError
        Unknown or missing codes, or an unknown class.
    """
    if not isinstance(classification, pd.Series):
        raise EceiDataError(
            pgettext(
                "error",
                "a classification must be a pandas Series: class per indicator code, "
                "got {name}",
            ).format(name=type(classification).__name__)
        )
    if classification.index.has_duplicates:
        dup = sorted(set(classification.index[classification.index.duplicated()]))
        raise EceiDataError(
            pgettext("error", "classification names indicator(s) {dup} twice").format(
                dup=dup
            )
        )
    unknown = sorted(set(classification.index) - set(codes))
    absent = [c for c in codes if c not in classification.index]
    if unknown or absent:
        raise EceiDataError(
            pgettext(
                "error",
                "classification does not match the indicators: unknown {unknown}, "
                "missing {absent}",
            ).format(unknown=unknown, absent=absent)
        )
    bad = sorted({str(v) for v in classification if v not in CLASSES})
    if bad:
        raise EceiDataError(
            pgettext(
                "error", "unknown significance class(es) {bad}; expected {names}"
            ).format(bad=bad, names=", ".join(CLASSES))
        )
    return classification.reindex(codes)


@dataclass(frozen=True)
class Study:
    """Everything one assessment study needs, validated.

    Attributes
    ----------
    indicators
        Indexed by indicator ``code``: ``name``, ``category``, ``max_points``,
        ``significance_class`` and any extra columns of the file.
    clusters
        Indexed by ``cluster_id``: ``name`` and any extra columns.
    points
        Clusters × indicators matrix of assessed points (float).
    published
        Indexed by ``cluster_id``: published ``points`` and ``place`` (may be empty).
    provenance
        ``{"assessments": "synthetic", ...}``: the provenance flags found per file
        (several flags joined with ``+``).
    files
        ``{path: sha256}`` of every file read, for report provenance.
    filled
        ``(cluster_id, indicator_code)`` pairs that were missing and filled with 0
        under the explicit ``missing="zero"`` policy.
    """

    indicators: pd.DataFrame
    clusters: pd.DataFrame
    points: pd.DataFrame
    published: pd.DataFrame
    provenance: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    filled: tuple[tuple[str, str], ...] = ()

    @property
    def classification(self) -> pd.Series:
        """Significance class of every indicator (indexed by code)."""
        return self.indicators["significance_class"]

    @property
    def is_synthetic(self) -> bool:
        """True when any of the assessment data are synthetic."""
        return "synthetic" in self.provenance.get("assessments", "")

    @property
    def classes(self) -> tuple[str, ...]:
        """The classes in use, in canonical order."""
        used = set(self.classification)
        return tuple(c for c in CLASSES if c in used)

    @property
    def absent_classes(self) -> tuple[str, ...]:
        """The canonical classes no indicator of this study belongs to."""
        used = set(self.classification)
        return tuple(c for c in CLASSES if c not in used)

    def cluster_names(self) -> pd.Series:
        """English names indexed by cluster id."""
        return self.clusters["name"]

    def labels(self, *, language: str | None = None) -> dict[str, str]:
        """Short display names by cluster id, in ``language``.

        ``short_name`` (``short_name_ru`` in Russian where the file has it),
        else the id. ``language``: default the language in force (English).
        """
        names = self.localised(self.clusters, "short_name", language=language)
        if names is None:
            return {c: c for c in self.clusters.index}
        return {c: (s or c) for c, s in names.items()}

    @staticmethod
    def localised(
        table: pd.DataFrame, column: str, *, language: str | None = None
    ) -> pd.Series | None:
        """Return a text column in ``language`` (``column_ru`` in Russian).

        Falls back, cell by cell, to ``column`` where the Russian cell is empty;
        ``None`` when the table has neither column.
        """
        from ..core.i18n import check_language, current_language

        base = table[column] if column in table.columns else None
        language = check_language(language) if language else current_language()
        variant = f"{column}_{language}"
        if language != "en" and variant in table.columns:
            local = table[variant].astype(object)
            if base is None:
                return local
            return local.where(local.astype(str).str.strip() != "", base)
        return base

    def indicator_text(self, column: str, *, language: str | None = None) -> pd.Series:
        """Return an indicator text column (``name``, ...) in ``language``."""
        out = self.localised(self.indicators, column, language=language)
        return pd.Series("", index=self.indicators.index) if out is None else out

    def resolve_cluster(self, text: str) -> str:
        """Return the cluster id named by ``text``: an id, a name or a short name.

        Case-insensitive; raises naming the valid ids when nothing matches.

        Examples
        --------
        >>> from ecei_analysis import load_study
        >>> load_study().resolve_cluster("Zelenograd")
        'zelenograd'
        """
        if not isinstance(text, str) or not text.strip():
            raise EceiDataError(
                pgettext("error", "expected a cluster id or name, got {text!r}").format(
                    text=text
                )
            )
        wanted = text.strip().casefold()
        if text.strip() in self.clusters.index:
            return text.strip()
        columns = [
            c
            for c in ("short_name", "name", "name_ru", "short_name_ru")
            if c in self.clusters.columns
        ]
        found = [
            cid
            for cid in self.clusters.index
            if str(cid).casefold() == wanted
            or any(str(self.clusters.at[cid, c]).casefold() == wanted for c in columns)
        ]
        if len(set(found)) == 1:
            return found[0]
        ids = ", ".join(map(str, self.clusters.index))
        if found:
            message = pgettext(
                "error", "{text!r} matches several clusters; valid ids: {ids}"
            )
        else:
            message = pgettext(
                "error", "{text!r} is not a cluster id or name; valid ids: {ids}"
            )
        raise EceiDataError(message.format(text=text, ids=ids))

    def with_classification(self, classification: pd.Series) -> Study:
        """Return a copy whose indicators carry another significance classification.

        Parameters
        ----------
        classification
            Class per indicator code; must cover exactly the study's indicators.
        """
        classification = check_classification(classification, self.indicators.index)
        indicators = self.indicators.copy()
        indicators["significance_class"] = classification
        return Study(
            indicators=indicators,
            clusters=self.clusters,
            points=self.points,
            published=self.published,
            provenance=dict(self.provenance),
            files=dict(self.files),
            filled=self.filled,
        )
