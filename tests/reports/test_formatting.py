import pandas as pd
import pytest

from ecei_analysis import use_language
from ecei_analysis.reports.formatting import format_cell, table_html


def test_cells_for_people():
    assert [format_cell(v) for v in (None, pd.NA, float("nan"), False, 12, 0.125)] == [
        "—",
        "—",
        "—",
        "no",
        "12",
        "0.1",
    ]
    assert format_cell(float("inf")) == "∞" and format_cell(1e9) == "1,000,000,000"
    with use_language("ru"):
        assert format_cell(True) in {"да", "yes"}
        assert format_cell(2.25, digits=2) == "2,25"


def test_table_html_escapes_and_shows_a_meaningful_index():
    frame = pd.DataFrame(
        {"name": ["<b>x</b>"], "n": [1]}, index=pd.Index(["<i>"], name="id")
    )
    html = table_html(frame)
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "&lt;i&gt;" in html and "<th>id</th>" in html
    plain = table_html(frame.reset_index(drop=True))
    assert "<th>id</th>" not in plain and 'class="num"' in plain


@pytest.mark.parametrize(
    ("value", "en", "ru"),
    [
        (0.038, "0.038", "0,038"),
        (-0.0042, "-0.0042", "-0,0042"),
        (0.05, "0.05", "0,05"),  # the formatter would round half to even: "0.0"
        (0.106, "0.1", "0,1"),
        (0.0, "0", "0"),
    ],
)
def test_a_nonzero_number_never_reads_as_zero(value, en, ru):
    assert format_cell(value) == en
    with use_language("ru"):
        assert format_cell(value) == ru


def test_codes_and_ids_are_never_broken_across_lines():
    import pandas as pd

    from ecei_analysis.reports.formatting import table_html

    frame = pd.DataFrame(
        {"code": ["1.1.0"], "id": ["arkhangelsk_shipbuilding"], "name": ["a b c"]}
    )
    html = table_html(frame)
    assert '<td class="token">1.1.0</td>' in html
    assert '<td class="token">arkhangelsk_shipbuilding</td>' in html
    assert "<td>a b c</td>" in html
