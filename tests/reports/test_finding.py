from ecei_analysis.reports.finding import Finding


def test_a_finding_reads_as_one_paragraph_and_keeps_its_values():
    finding = Finding("moves", ("One.", "Two."), {"state": "moved"})
    assert finding.text == "One. Two."
    assert finding.values["state"] == "moved"
    assert Finding("x", ()).values == {}
