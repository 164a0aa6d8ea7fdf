"""Shared fixtures: a small hand-made study folder and figure cleanup."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

from ecei_analysis.core.resources import bundled_data_dir

SMALL_INDICATORS = """code,name,category,max_points,significance_class,provenance
A1,Alpha,1,10,very_important,assumed
A2,Beta,1,10,important,assumed
B1,Gamma,2,20,not_so_important,assumed
B2,Delta,2,20,important,assumed
"""
SMALL_CLUSTERS = """cluster_id,name,provenance
x,Cluster X,assumed
y,Cluster Y,assumed
z,Cluster Z,assumed
"""
# Hand-worked: class points (VI, I, NSI): x=(8, 5+10=15, 12), y=(2, 9+15=24, 10),
# z=(10, 1+4=5, 20). Totals x=35, y=36, z=35.
SMALL_ASSESSMENTS = """cluster_id,indicator_code,points,provenance
x,A1,8,synthetic
x,A2,5,synthetic
x,B1,12,synthetic
x,B2,10,synthetic
y,A1,2,synthetic
y,A2,9,synthetic
y,B1,10,synthetic
y,B2,15,synthetic
z,A1,10,synthetic
z,A2,1,synthetic
z,B1,20,synthetic
z,B2,4,synthetic
"""
SMALL_PUBLISHED = """cluster_id,points,place,provenance
y,36,1,published
"""


def write_hostile_study(folder: Path) -> dict[str, str]:
    """The small study with names and ids an attacker would choose."""
    evil = {
        "x": "=x<img src=x onerror=alert(1)>",
        "y": "y[z](javascript:alert(2))",
        "z": 'z"><script>alert(3)</script>',
    }
    folder.mkdir()
    (folder / "indicators.csv").write_text(SMALL_INDICATORS, encoding="utf-8")
    lines = ["cluster_id,name,short_name,provenance"]
    for name in evil.values():
        quoted = name.replace('"', '""')
        lines.append(
            f'"{name.replace(chr(34), chr(34) * 2)}","{quoted}","{quoted}",assumed'
        )
    (folder / "clusters.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = SMALL_ASSESSMENTS
    for cid, name in evil.items():
        body = body.replace(f"\n{cid},", f'\n"{name.replace(chr(34), chr(34) * 2)}",')
    (folder / "assessments.csv").write_text(body, encoding="utf-8")
    return evil


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    """A 3-cluster, 4-indicator study folder with hand-checkable numbers."""
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "indicators.csv").write_text(SMALL_INDICATORS, encoding="utf-8")
    (folder / "clusters.csv").write_text(SMALL_CLUSTERS, encoding="utf-8")
    (folder / "assessments.csv").write_text(SMALL_ASSESSMENTS, encoding="utf-8")
    (folder / "published_results.csv").write_text(SMALL_PUBLISHED, encoding="utf-8")
    return folder


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target)
    return target


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="session")
def study():
    """The bundled synthetic demonstration study."""
    from ecei_analysis import load_study

    return load_study()


@pytest.fixture(scope="session")
def points(study):
    """Class points of the bundled study."""
    from ecei_analysis import class_points

    return class_points(study)
