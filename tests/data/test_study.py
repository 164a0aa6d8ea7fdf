import pandas as pd
import pytest

from ecei_analysis import EceiDataError, load_study


def test_resolve_cluster_by_id_name_or_short_name(study):
    assert study.resolve_cluster("kaluga") == "kaluga"
    assert study.resolve_cluster("ZELENOGRAD") == "zelenograd"
    assert study.resolve_cluster(" INNOKAM ") == "innokam"
    assert study.resolve_cluster("Зеленоград") == "zelenograd"
    with pytest.raises(
        EceiDataError, match="not a cluster id or name; valid ids: tomsk"
    ):
        study.resolve_cluster("Atlantis")
    with pytest.raises(EceiDataError, match="expected a cluster id or name"):
        study.resolve_cluster("")


def test_with_classification_and_absent_classes(study):
    assert study.classes == ("very_important", "important", "not_so_important")
    assert study.absent_classes == ()
    two = study.classification.replace("not_so_important", "important")
    changed = study.with_classification(two)
    assert changed.classes == ("very_important", "important")
    assert changed.absent_classes == ("not_so_important",)
    assert study.classification.eq("not_so_important").any()  # not mutated


@pytest.mark.parametrize(
    ("classification", "message"),
    [
        ("x", "must be a pandas Series"),
        (pd.Series({"1.1.0": "very_important"}), "missing"),
        (pd.Series(["important", "important"], index=["1.1.0", "1.1.0"]), "twice"),
    ],
)
def test_bad_classifications(study, classification, message):
    with pytest.raises(EceiDataError, match=message):
        study.with_classification(classification)


def test_labels_fall_back_to_ids(small_dir):
    small = load_study(small_dir)
    assert small.labels() == {"x": "x", "y": "y", "z": "z"}
    assert not small.is_synthetic or small.provenance["assessments"] == "synthetic"
