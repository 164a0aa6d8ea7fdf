from ecei_analysis import EceiDataError
from ecei_analysis.core.errors import format_location


def test_location_names_every_known_part():
    assert format_location("a.xlsx", 4, "points", "assessments") == (
        "a.xlsx, sheet 'assessments', row 4, column 'points'"
    )
    assert format_location() == "<input>"


def test_error_keeps_the_parts_and_is_a_value_error():
    err = EceiDataError("bad", file="f.csv", row=2)
    assert isinstance(err, ValueError)
    assert (err.file, err.row, err.column, err.reason) == ("f.csv", 2, None, "bad")
    assert str(err) == "f.csv, row 2: bad"
    assert str(EceiDataError("plain")) == "plain"


def test_last_line_of_error_output():
    from ecei_analysis.core.errors import last_line

    assert (
        last_line("Traceback:\n  x\nOSError: disk full\n  \n") == "OSError: disk full"
    )
    assert last_line("") == "no message"
    assert last_line(" \n\n", default="?") == "?"
