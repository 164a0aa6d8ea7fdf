import pytest

from ecei_analysis.reports import display
from ecei_analysis.reports.finding import Finding


@pytest.fixture
def shown(monkeypatch):
    out = []
    monkeypatch.setattr(display, "_display", lambda obj: out.append(obj.data))
    return out


def test_everything_shown_is_escaped(shown, study):
    display.show_caption("<script>alert(1)</script>", study)
    display.show_findings([Finding("k", ("a <b>", "[x](javascript:y)"))])
    display.show_notes(["<img src=x onerror=alert(1)>"])
    joined = "".join(shown)
    assert "<script>" not in joined and "<img" not in joined and "<b>" not in joined
    assert joined.count("<li>") == 3 and "SYNTHETIC" in shown[0]


def test_banner_and_table(shown, study):
    import pandas as pd

    display.show_banner(study)
    display.show_table(pd.DataFrame({"x": [1.25]}), "caption", study)
    assert 'class="ecei-banner"' in shown[0] and "SYNTHETIC" in shown[0]
    assert "1.2" in shown[-1] or "1.3" in shown[-1]
