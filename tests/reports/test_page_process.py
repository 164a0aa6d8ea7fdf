import re

import pytest

from ecei_analysis import EceiDataError
from ecei_analysis.reports.explorer_page import write_explorer_page
from ecei_analysis.reports.page_process import start_explorer_page

_RANDOM = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|sha256-[^']+"
    r'|"p\d+"'
)


def _without_random_ids(page: str) -> str:
    """Bokeh names its elements by random UUIDs and by a counter of the process
    (and the page's security policy hashes the scripts that carry them)."""
    return _RANDOM.sub("ID", page)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_page_written_by_another_process_is_the_page_written_here(
    study, tmp_path, language
):
    job = start_explorer_page(
        study, tmp_path / "there.html", "5:2:1", ties="dense", language=language
    )
    here = write_explorer_page(
        study, tmp_path / "here.html", "5:2:1", ties="dense", language=language
    )
    there = job.wait()
    assert there == (tmp_path / "there.html").resolve()
    assert _without_random_ids(there.read_text()) == _without_random_ids(
        here.read_text()
    )


def test_a_page_that_cannot_be_written_is_named_with_the_reason(study, tmp_path):
    (tmp_path / "a_file").write_text("not a folder")
    job = start_explorer_page(study, tmp_path / "a_file" / "page.html")
    with pytest.raises(
        EceiDataError, match=r"page\.html could not be written: FileExistsError"
    ):
        job.wait()
    assert (tmp_path / "a_file").read_text() == "not a folder"
