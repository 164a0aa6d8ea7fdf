from ecei_analysis.core.resources import (
    bundled_data_dir,
    bundled_notebooks_dir,
    package_file,
)


def test_bundled_resources_are_found():
    for stem in ("indicators", "clusters", "assessments", "published_results"):
        assert (bundled_data_dir() / f"{stem}.csv").is_file()
    names = {p.name for p in bundled_notebooks_dir().glob("*.ipynb")}
    assert {"briefing.ipynb", "04_explore.ipynb"} <= names
    assert package_file("figures", "styles", "briefing.mplstyle").is_file()
