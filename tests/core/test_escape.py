import pytest

from ecei_analysis.core.escape import escape_latex, escape_markdown, neutralise_csv


@pytest.mark.parametrize("text", ["=1+1", "+A1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(text):
    assert neutralise_csv(text) == "'" + text


@pytest.mark.parametrize("value", ["Tomsk", "a=b", 7, -3.5, None])
def test_other_values_are_kept(value):
    assert neutralise_csv(value) == value


def test_markdown_link_and_html_are_inert():
    out = escape_markdown("[x](javascript:alert(2)) <img src=x onerror=alert(1)>")
    assert "](" not in out and "<" not in out and ">" not in out
    assert out.startswith("\\[x\\]\\(javascript")
    assert escape_markdown("a|b") == "a\\|b"


def test_latex_specials():
    assert escape_latex("100% & #1_{x}~^\\") == (
        r"100\% \& \#1\_\{x\}\textasciitilde{}\textasciicircum{}\textbackslash{}"
    )
