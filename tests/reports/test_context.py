import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.reports.context import ReportContext


def test_parameters_are_checked_and_named():
    with pytest.raises(EceiDataError, match="parameter language: language 'fr'"):
        ReportContext(language="fr")
    with pytest.raises(EceiDataError, match="parameter ties: ties='average' is not"):
        ReportContext(ties="average")
    with pytest.raises(EceiDataError, match="'nowhere' is not a cluster id or name"):
        ReportContext(highlight="nowhere")
    with pytest.raises(EceiDataError, match="escapes the output folder"):
        ReportContext(output_dir="../x")


def test_context_resolves_names_and_weights():
    ctx = ReportContext(weights="1:1:0", highlight="Zelenograd, innokam")
    assert ctx.highlight == ["zelenograd", "innokam"]
    assert ctx.weights_text == "1:1:0"
    assert ctx.leaders(2) == list(ctx.ahead.sort_values(kind="stable").index[:2])
    values = ctx.scale_values()
    assert values["maximum"] == "1,160" and values["rule"] == "min"
