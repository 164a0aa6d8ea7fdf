import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.data.problems import (
    collect_problems,
    collecting,
    has_problems,
    problem_guard,
)


def check_rows(rows):
    for row in rows:
        with problem_guard:
            if row < 0:
                raise EceiDataError("negative", row=row)
    return "done"


def test_guard_raises_the_first_problem_outside_collection():
    assert not collecting()
    with pytest.raises(EceiDataError, match="negative"):
        check_rows([1, -2, -3])


def test_collection_records_every_problem_and_goes_on():
    result, problems = collect_problems(check_rows, [1, -2, 3, -4])
    assert result == "done"
    assert [p.row for p in problems] == [-2, -4]
    assert not has_problems()


def test_a_problem_outside_a_guard_stops_the_function():
    def fails():
        raise EceiDataError("stop")

    result, problems = collect_problems(fails)
    assert result is None and [str(p) for p in problems] == ["stop"]


def test_reported_is_one_object_equal_to_no_text():
    import copy
    import pickle

    from ecei_analysis.data.problems import REPORTED

    assert REPORTED != "\x00reported" and REPORTED != "" and REPORTED == REPORTED
    assert copy.deepcopy(REPORTED) is REPORTED
    assert pickle.loads(pickle.dumps(REPORTED)) is REPORTED
