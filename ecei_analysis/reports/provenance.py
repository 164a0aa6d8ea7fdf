"""The provenance wording, in one place: banners, data labels, provenance records.

Every table caption, figure caption, report banner and CLI header that says where
the numbers come from takes its words from here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from ..core.i18n import NP_, _, format_date, in_language, pgettext
from ..core.results import jsonable
from ..core.versions import library_versions
from ..core.vocabulary import provenance_label
from ..data.study import Study

__all__ = [
    "RECORD_2015",
    "calibrated_to_2015",
    "data_label",
    "missing_from_2015_record",
    "panel_label",
    "provenance_record",
    "record_2015_names",
    "report_date",
    "study_banner",
    "synthetic_banner",
]


#: The published 2015 totals the demonstration data are calibrated to (the claim
#: the demonstration banner makes, checked against the data before it is made).
RECORD_2015 = {"tomsk": 825.0, "kaluga": 781.0, "innokam": 781.0, "zelenograd": 723.0}


def missing_from_2015_record(published: pd.DataFrame) -> list[str]:
    """Return the 2015 clusters that a partial copy of the 2015 record leaves out.

    When a study's published table lists some of the four 2015 clusters with
    their 2015 totals and no other cluster, it is part of the 2015 record, and
    the others are missing from it. Otherwise (the full record, another record
    or none) nothing is missing.

    Examples
    --------
    >>> part = pd.DataFrame({"points": [781.0]}, index=["innokam"])
    >>> missing_from_2015_record(part)
    ['tomsk', 'kaluga', 'zelenograd']
    """
    ids = set(published.index)
    if not ids or not ids < set(RECORD_2015):
        return []
    if any(float(published.at[c, "points"]) != RECORD_2015[c] for c in ids):
        return []
    return [c for c in RECORD_2015 if c not in ids]


@in_language
def record_2015_names(*, language: str | None = None) -> dict[str, str]:
    """Return the short names of the four 2015 clusters, in the language.

    From the bundled cluster list, for naming a 2015 cluster that a study lacks.
    """
    from ..core.resources import bundled_data_dir
    from ..data.loaders import load_clusters
    from ..data.readers import find_data_file

    clusters = load_clusters(find_data_file(bundled_data_dir(), "clusters"))
    names = Study.localised(clusters, "short_name", language=language)
    return {c: str(names[c]) for c in RECORD_2015}


@in_language
def synthetic_banner(*, language: str | None = None) -> str:
    """Return the banner every output of the demonstration data carries."""
    return _(
        "SYNTHETIC DEMONSTRATION DATA: indicator-level points are generated, "
        "calibrated only to the four published 2015 totals (Tomsk 825; Kaluga, "
        "INNOKAM 781; Zelenograd 723). They are not real assessments."
    )


def calibrated_to_2015(study: Study) -> bool:
    """Tell whether the data publish and reproduce exactly the four 2015 totals.

    The published table must list exactly those four clusters with those totals,
    and each one's points must sum to its total (equal weights).
    """
    published = study.published
    if set(published.index) != set(RECORD_2015):
        return False
    if not set(RECORD_2015) <= set(study.points.index):
        return False
    return all(
        float(published.at[c, "points"]) == total
        and float(study.points.loc[c].sum()) == total
        for c, total in RECORD_2015.items()
    )


@in_language
def data_label(study: Study, *, language: str | None = None) -> str:
    """Return the provenance phrase used in every caption."""
    if study.is_synthetic and calibrated_to_2015(study):
        return _(
            "SYNTHETIC demonstration data, calibrated only to the four published "
            "2015 totals; not real assessments"
        )
    if study.is_synthetic:
        return _("SYNTHETIC data (so flagged in the assessments); not real assessments")
    flag = study.provenance.get("assessments", "unknown")
    return _("analyst-supplied data ({flag})").format(flag=flag)


@in_language
def panel_label(panel, *, language: str | None = None) -> str:
    """Return the provenance phrase of a panel's votes (file name and flag).

    For the weights panel and the experts' classification panel alike.
    """
    name = Path(panel.source).name
    if panel.synthetic:
        return _("{file}: SYNTHETIC demonstration votes, not real views").format(
            file=name
        )
    return _("{file} (provenance: {flag})").format(
        file=name, flag=provenance_label(panel.provenance or "unknown")
    )


@in_language
def study_banner(study: Study, *, language: str | None = None) -> str:
    """Return the banner of an output: the synthetic warning or the data label."""
    if study.is_synthetic and calibrated_to_2015(study):
        return synthetic_banner()
    if study.is_synthetic:
        return _(
            "SYNTHETIC DATA: the assessments are flagged as synthetic. They are not "
            "real assessments."
        )
    return _("Data: {label}.").format(label=data_label(study))


def report_date() -> str:
    """ISO date of the report: ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        stamp = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    else:
        stamp = dt.datetime.now(tz=dt.UTC)
    return stamp.date().isoformat()


# The record's item labels, marked for translation (looked up by key below).
_ITEMS = (
    NP_("provenance", "parameter: {name}"),
    NP_("provenance", "file: {name}"),
    NP_("provenance", "provenance: {name}"),
    NP_("provenance", "version: {name}"),
)


@in_language
def provenance_record(
    study: Study,
    parameters: Mapping[str, object],
    files: Mapping[str, str] | None = None,
    *,
    warnings: Sequence[str] = (),
    language: str | None = None,
) -> pd.DataFrame:
    """Everything needed to reproduce a report, as a two-column table.

    Rows: date (``SOURCE_DATE_EPOCH`` if set), each parameter (input files and
    folders by name, never by absolute path), each data file with its sha256
    and provenance, other input files (``files``: path -> sha256, e.g.
    a panel's votes), the package and library versions, and the warnings the
    run raised (``warnings``: category and message, without file paths).
    """

    def item(kind: str, name: str) -> str:
        return pgettext("provenance", kind).format(name=name)

    rows = [(pgettext("provenance", "date"), format_date(report_date()))]
    from .parameters import PATH_PARAMETERS

    rows += [
        (
            item("parameter: {name}", k),
            json.dumps(
                Path(str(v)).name if k in PATH_PARAMETERS and v else jsonable(v),
                ensure_ascii=False,
            ),
        )
        for k, v in parameters.items()
    ]
    for path, digest in {**study.files, **(files or {})}.items():
        rows.append((item("file: {name}", Path(path).name), f"sha256 {digest}"))
    for name, flag in study.provenance.items():
        rows.append((item("provenance: {name}", name), provenance_label(flag)))
    rows += [(item("version: {name}", k), v) for k, v in library_versions().items()]
    rows += [(pgettext("provenance", "warning"), w) for w in dict.fromkeys(warnings)]
    frame = pd.DataFrame(
        rows, columns=[pgettext("column", "item"), pgettext("column", "value")]
    )
    return frame.set_index(frame.columns[0])
