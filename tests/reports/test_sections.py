import pytest

from ecei_analysis.reports.sections import CAPTIONS, SECTIONS, caption


def test_every_section_has_a_heading():
    assert all(heading for heading, _ in SECTIONS.values())


def test_captions_fill_their_values():
    text = caption("places", weights="3:2:1", rule="min", factor="2.0", maximum="1,160")
    assert "3:2:1" in text and "as 1 + the clusters strictly ahead (1, 2, 2, 4)" in text
    assert "{" not in text
    with pytest.raises(KeyError):
        caption("places")
    assert set(CAPTIONS) >= {"what_if", "provenance", "intervals"}
