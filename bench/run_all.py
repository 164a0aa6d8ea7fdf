"""Benchmarks: every ratio is measured side by side in one run on the same data.

Run with ``make bench``. Prints a table and writes ``bench/last_run.json``
(git-ignored). Targets (issue 3):

* SMAA rank acceptability, 19 clusters × 10^6 draws: >= 5× faster than the naive
  vectorised baseline (matmul + scipy rankdata(axis=1) + counting), >= 500× faster
  than a per-draw pandas loop (run on a subsample and extrapolated), <= 1 s.
* Exact geometry, 19 clusters over the full simplex: <= 0.2 s.
* Scale: 1,300 clusters × 36 indicators × 10^5 draws: time and peak memory.
* 10^7 draws: peak memory <= ~512 MiB (chunking).

Targets of issue 32 (speed where people wait):

* SMAA core against R's ``smaa()`` per CPU-second, same arrays: >= 5x without
  pairwise indices, >= 3x with them; given samples >= 2x (when R and its smaa
  package load; a sentence otherwise).
* ``ecei figures`` against revision 7b16f63: PNG >= 2.5x, all formats >= 2x;
  ``ecei report`` >= 2x; the PDF a few seconds beyond the HTML.
* The live explorer: median <= 150 ms from a slider move to the redrawn display.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from ecei_analysis import class_points, load_study, smaa, weight_space
from ecei_analysis.core.seeds import spawn_generators
from ecei_analysis.sensitivity.engine import WeightModel, run_engine
from ecei_analysis.sensitivity.samplers import make_sampler


def count_ranks(matrix, sampler, draws, *, seed, noise=None, **kwargs):
    """The engine on fixed or noisy class points (the benchmark's one entry)."""
    return run_engine(WeightModel(matrix, sampler, noise), draws, seed=seed, **kwargs)


def engine_weights(sampler, draws, seed):
    """The weights the engine draws for ``seed``."""
    streams, _ = spawn_generators(seed, WeightModel.stream_names)
    return sampler.draw(draws, streams["weights"])


HERE = Path(__file__).resolve().parent


#: A slider drag as the explorer receives it: "important" from 1 to 4 and then
#: "very important" from 3 down to 1, in steps of 0.1 (some steps change the
#: ranking, and the flow chart is redrawn).
EXPLORER_MOVES = [
    {"very_important": 3.0, "important": 1 + step / 10, "not_so_important": 1.0}
    for step in range(31)
] + [
    {"very_important": 3 - step / 10, "important": 4.0, "not_so_important": 1.0}
    for step in range(1, 21)
]


def median_update_seconds(explorer) -> float:
    """Median seconds from a slider move to the explorer's updated display."""
    times = []
    for weights in EXPLORER_MOVES:
        start = time.perf_counter()
        explorer.update(weights)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


_STARTED = time.perf_counter()


def stage(what: str) -> None:
    """Say which measurement starts (on stderr; the results print at the end)."""
    elapsed = time.perf_counter() - _STARTED
    print(f"bench [{elapsed:5.0f} s]: {what}", file=sys.stderr, flush=True)


def best_of(func, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def naive_vectorised(points: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The obvious numpy/scipy approach: all scores, rankdata per row, count."""
    scores = weights @ points.T
    ranks = rankdata(-scores, axis=1, method="dense").astype(int)
    n = points.shape[0]
    return np.stack([(ranks == r).sum(axis=0) for r in range(1, n + 1)], axis=1)


def pandas_loop(points: pd.DataFrame, weights: np.ndarray) -> np.ndarray:
    """How peers do it: rebuild the index for every draw with pandas."""
    n = len(points)
    counts = pd.DataFrame(0, index=points.index, columns=range(1, n + 1))
    for w in weights:
        score = (points * w).sum(axis=1)
        rank = score.rank(ascending=False, method="dense").astype(int)
        for cluster, r in rank.items():
            counts.loc[cluster, r] += 1
    return counts.to_numpy()


PEAK = (
    "\nimport re\n"
    "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())\n"
    "print(time.perf_counter() - start, int(hwm.group(1)) / 1024)\n"
)


def run_measured(code: str) -> list[float]:
    """Run ``code`` in a fresh interpreter; return the numbers it printed plus
    (seconds, peak RSS MiB). VmHWM is per process image, unlike ru_maxrss, which
    Linux carries over from the parent across fork and exec."""
    wrapper = "import time\nstart = time.perf_counter()\n" + code + PEAK
    out = subprocess.run(
        [sys.executable, "-c", wrapper], check=True, capture_output=True, text=True
    ).stdout.split()
    return [float(v) for v in out]


def peak_rss_of(code: str) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of ``code`` in a fresh interpreter."""
    seconds, peak = run_measured(code)[-2:]
    return seconds, peak


CLI_COMMANDS = {
    "--help": ["--help"],
    "--version": ["--version"],
    "rank": ["rank"],
    "validate": ["validate", "{data}"],
    "template": ["template", "--out", "{tmp}/t.xlsx"],
    "what-if": ["what-if", "--cluster", "zelenograd"],
    "weights": ["weights"],
    "figures": [
        "figures",
        "--out",
        "{tmp}/figs",
        "--formats",
        "png",
        "--draws",
        "20000",
    ],
    "report": ["report", "-p", "draws=20000", "--out", "{tmp}/briefing"],
}


def cli_timings() -> dict[str, float]:
    """Wall time of every CLI command in a fresh process (as a user runs it)."""
    import shutil
    import tempfile

    from ecei_analysis.core.resources import bundled_data_dir

    ecei = shutil.which("ecei", path=str(Path(sys.executable).parent))
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, argv in CLI_COMMANDS.items():
            argv = [a.format(data=bundled_data_dir(), tmp=tmp) for a in argv]
            start = time.perf_counter()
            subprocess.run([ecei, *argv], check=True, capture_output=True, cwd=tmp)
            out[name] = time.perf_counter() - start
    return out


FIGURE_SET = """
import matplotlib
matplotlib.use("Agg")
import tempfile
import ecei_analysis.reports.figure_set as fs
from ecei_analysis import load_study
from ecei_analysis.scoring.weights import as_weights
fs.FIGURE_WORKERS = {workers}
study = load_study()
options = fs.FigureSetOptions(weights=as_weights("3:2:1", study.classes), seed=2015,
    draws=200000, highlight=None, ties="min", formats={formats!r}, style="publication")
with tempfile.TemporaryDirectory() as tmp:
    fs.build_figure_set(study, tmp + "/figs", options, language="en")
"""


def figure_set_timings() -> dict[str, float]:
    """The publication figure set drawn serially and in parallel, side by side."""
    out = {}
    for formats in (("png",), ("png", "svg", "pdf")):
        for workers in (1, 2):
            code = FIGURE_SET.format(workers=workers, formats=formats)
            seconds = min(peak_rss_of(code)[0] for _ in range(2))
            out[f"{'+'.join(formats)} x{workers}"] = seconds
    return out


#: The revision that issue 32 measured as "today's main" (the end of the second
#: wave, 2026-11-29): figures and the briefing are compared with it, its source
#: run with this environment's libraries, side by side in the same run.
PINNED_REVISION = "7b16f637372e03b460100d18f98582381d1308ad"

#: Commands timed against the pinned revision (both write into a fresh folder).
PINNED_COMMANDS = {
    "figures png": ["figures", "--formats", "png", "--out", "out"],
    "figures png,svg,pdf": ["figures", "--formats", "png,svg,pdf", "--out", "out"],
    "report": ["report", "--out", "out"],
    "report --pdf": ["report", "--pdf", "--out", "out"],
}


def pinned_source(tmp: Path) -> Path | str:
    """The pinned revision's source tree in ``tmp``, or why it is not there."""
    root = HERE.parent
    if not (root / ".git").exists():
        return "not a git checkout, so the pinned revision cannot be read"
    tree = tmp / "pinned"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", PINNED_REVISION],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        return f"git cannot read revision {PINNED_REVISION[:7]} (a shallow clone?)"
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def pinned_timings(repeat: int = 3) -> dict | str:
    """Wall seconds of figures and the briefing: the pinned revision and now.

    Each command runs as a user runs it (``python -m ecei_analysis ...`` in a
    fresh process, in an empty folder), the two revisions alternating, the
    least of ``repeat`` runs each; the source on the import path decides which
    revision runs. PDF rows need Chromium.
    """
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        old = pinned_source(Path(tmp))
        if isinstance(old, str):
            return old
        sources = {"pinned": old, "now": HERE.parent}
        out: dict = {"revision": PINNED_REVISION[:7]}
        for name, argv in PINNED_COMMANDS.items():
            if "--pdf" in argv and shutil.which("chromium") is None:
                continue
            best = {"pinned": float("inf"), "now": float("inf")}
            for _ in range(repeat):
                for side, source in sources.items():
                    work = Path(tmp) / "work"
                    shutil.rmtree(work, ignore_errors=True)
                    work.mkdir()
                    start = time.perf_counter()
                    subprocess.run(
                        [sys.executable, "-m", "ecei_analysis", *argv],
                        check=True,
                        capture_output=True,
                        cwd=work,
                        env={**os.environ, "PYTHONPATH": str(source)},
                    )
                    best[side] = min(best[side], time.perf_counter() - start)
            out[name] = {**best, "ratio": best["pinned"] / best["now"]}
    return out


#: Issue 32's targets: how many times faster than the pinned revision.
PINNED_TARGETS = {
    "figures png": 2.5,
    "figures png,svg,pdf": 2.0,
    "report": 2.0,
}


def pinned_lines(timings: dict | str) -> list[str]:
    """The pinned-revision comparison as printed lines."""
    if isinstance(timings, str):
        return [f"Against the pinned revision: not measured ({timings})"]
    lines = [
        f"Against revision {timings['revision']} (issue 32's 'today's main'), wall s, "
        "fresh process each, alternating, least of each side:"
    ]
    for name, row in timings.items():
        if name == "revision":
            continue
        target = PINNED_TARGETS.get(name)
        goal = f"(target >= {target}x)" if target else ""
        lines.append(
            f"  ecei {name:<20} pinned {row['pinned']:6.2f}  now {row['now']:6.2f}  "
            f"ratio {row['ratio']:.2f}x  {goal}"
        )
    if "report" in timings and "report --pdf" in timings:
        extra = timings["report --pdf"]["now"] - timings["report"]["now"]
        lines.append(f"  PDF beyond the HTML now: {extra:.1f} s")
    return lines


#: R's side of the comparison: smaa() alone timed inside one R process, on the
#: arrays the bench wrote (raw float64, C order), three times; the least CPU.
R_SMAA_SCRIPT = r"""
suppressMessages(library(smaa))
args <- commandArgs(TRUE)
N <- as.integer(args[3]); m <- as.integer(args[4]); k <- as.integer(args[5])
pref <- matrix(readBin(args[1], "double", N * k), N, k, byrow = TRUE)
meas <- aperm(array(readBin(args[2], "double", N * m * k), c(k, m, N)), c(3, 2, 1))
best <- Inf
for (i in 1:3) {
  t <- system.time(r <- smaa(meas, pref))
  best <- min(best, t[["user.self"]] + t[["sys.self"]])
}
cat(sprintf("%.6f\n", best))
"""


def r_smaa_available() -> str | None:
    """None when R and its smaa package load here, else why not (one line)."""
    import shutil

    if shutil.which("Rscript") is None:
        return "R is not installed here"
    probe = subprocess.run(
        ["Rscript", "-e", "suppressMessages(library(smaa))"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return "R is installed but its smaa package does not load (set R_LIBS)"
    return None


def r_smaa_timings(points: np.ndarray, draws: int) -> dict | str:
    """R smaa() against ours, per CPU-second, side by side on the same arrays.

    Three comparisons, each on arrays both sides read:

    * the SMAA core: uniform weights on the simplex over fixed class points
      (ours draws its own weights; R gets ``draws`` uniform weight rows and the
      points repeated as its measurement array);
    * given samples: random integer measurements and Dirichlet(1) weights, one
      pair per draw (ours: acceptability and central weights, as R's smaa()).

    Without R and its smaa package, a sentence saying so.
    """
    import tempfile

    from ecei_analysis.sensitivity.engine import WeightModel, run_engine
    from ecei_analysis.sensitivity.samplers import make_sampler

    missing = r_smaa_available()
    if missing is not None:
        return f"{missing}: the SMAA core and given samples are not compared with R"
    n, k = points.shape
    rng = np.random.default_rng(32)
    core_weights = rng.dirichlet(np.ones(k), size=draws)
    core_meas = np.broadcast_to(points, (draws, n, k))
    given_meas = rng.integers(100, 400, size=(draws, n, k)).astype(float)
    given_weights = rng.dirichlet(np.ones(k), size=draws)
    uniform = make_sampler("uniform")

    def cpu_of(func) -> float:
        start = time.process_time()
        func()
        return time.process_time() - start

    # One thread, as R's smaa() runs: the CPU seconds of the same work. (By
    # default the engine adds a second thread where a chunk's work pays for the
    # hand-off, which shortens the wait and costs some CPU.)
    def ours_core(pairwise: bool) -> float:
        model = WeightModel(points, uniform)
        return cpu_of(
            lambda: run_engine(
                model, draws, pairwise=pairwise, progress=False, workers=1
            )
        )

    def ours_given() -> float:
        model = WeightModel(given_meas[0], given_weights, given_meas)
        return cpu_of(lambda: run_engine(model, draws, progress=False, workers=1))

    out: dict = {"draws": draws, "clusters": n}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "smaa.R"
        script.write_text(R_SMAA_SCRIPT)

        def r_cpu(weights: np.ndarray, meas: np.ndarray) -> float:
            wf, mf = Path(tmp) / "w.bin", Path(tmp) / "m.bin"
            np.ascontiguousarray(weights).tofile(wf)
            np.ascontiguousarray(meas).tofile(mf)
            done = subprocess.run(
                ["Rscript", str(script), wf, mf, str(draws), str(n), str(k)],
                capture_output=True,
                text=True,
                check=True,
            )
            return float(done.stdout.split()[-1])

        # interleaved: R, ours, R, ours; the least of each side
        r_core, r_given = [], []
        core, core_pairwise, given = [], [], []
        for _ in range(2):
            r_core.append(r_cpu(core_weights, core_meas))
            core.append(min(ours_core(False) for _ in range(3)))
            core_pairwise.append(min(ours_core(True) for _ in range(3)))
            r_given.append(r_cpu(given_weights, given_meas))
            given.append(min(ours_given() for _ in range(3)))
    out.update(
        r_core_cpu_s=min(r_core),
        core_cpu_s=min(core),
        core_pairwise_cpu_s=min(core_pairwise),
        r_given_cpu_s=min(r_given),
        given_cpu_s=min(given),
    )
    out["core_ratio"] = out["r_core_cpu_s"] / out["core_cpu_s"]
    out["core_pairwise_ratio"] = out["r_core_cpu_s"] / out["core_pairwise_cpu_s"]
    out["given_ratio"] = out["r_given_cpu_s"] / out["given_cpu_s"]
    return out


def r_smaa_lines(r: dict | str) -> list[str]:
    """The R comparison as printed lines (targets from issue 32)."""
    if isinstance(r, str):
        return [f"SMAA against R: {r}"]
    return [
        f"SMAA against R smaa(), {r['clusters']} x 3 x {r['draws']:,}, CPU s, one "
        "thread each (interleaved, least of each side):",
        f"  core, no pairwise   ours {r['core_cpu_s']:.3f}  R {r['r_core_cpu_s']:.3f}"
        f"  ratio {r['core_ratio']:.2f}x  (target >= 5x)",
        f"  core, pairwise      ours {r['core_pairwise_cpu_s']:.3f}  R "
        f"{r['r_core_cpu_s']:.3f}  ratio {r['core_pairwise_ratio']:.2f}x  "
        "(target >= 3x)",
        f"  given samples       ours {r['given_cpu_s']:.3f}  R {r['r_given_cpu_s']:.3f}"
        f"  ratio {r['given_ratio']:.2f}x  (target >= 2x)",
    ]


def write_random_study(folder: Path, n: int) -> Path:
    """Write a random study of ``n`` clusters on the bundled indicators."""
    import shutil

    import pandas as pd

    from ecei_analysis.core.resources import bundled_data_dir

    folder.mkdir()
    shutil.copy(bundled_data_dir() / "indicators.csv", folder / "indicators.csv")
    ids = [f"c{i:04d}" for i in range(n)]
    pd.DataFrame({"cluster_id": ids, "name": ids}).to_csv(
        folder / "clusters.csv", index=False
    )
    codes = pd.read_csv(folder / "indicators.csv")["code"]
    rng = np.random.default_rng(n)
    points = rng.integers(5, 41, size=(n, len(codes)))
    pd.DataFrame(
        {
            "cluster_id": np.repeat(ids, len(codes)),
            "indicator_code": np.tile(codes, n),
            "points": points.ravel(),
        }
    ).to_csv(folder / "assessments.csv", index=False)
    pd.DataFrame(columns=["cluster_id", "points", "place"]).to_csv(
        folder / "published_results.csv", index=False
    )
    return folder


_PAGE_UPDATES = """async () => {
  const doc = Bokeh.documents[0];
  const slider = doc.get_model_by_name("weight-slider-2");
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const compute = [], drawn = [], idle = [];
  for (let k = 0; k < 30; k++) {
    await frame();
    let start = performance.now();
    slider.value = 1 + (k % 7);
    compute.push(performance.now() - start);
    await frame();
    await frame();
    drawn.push(performance.now() - start);
    await frame();
    start = performance.now();  // the same two frames with nothing changed
    await frame();
    await frame();
    idle.push(performance.now() - start);
  }
  const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return [median(compute), median(drawn) - median(idle)];
}"""


def explorer_page_timings(sizes: tuple[int, ...] = (19, 300)) -> dict:
    """Median milliseconds of one slider change in the offline page (Chromium).

    ``compute_ms``: the callback (ranking, table, bars, flow, map data), which
    runs synchronously; ``draw_ms``: the time until the change is drawn (two
    animation frames later) beyond the same two frames with nothing changed.
    19 is the bundled study; other sizes are random.
    """
    import shutil
    import tempfile

    from ecei_analysis.reports.explorer_page import write_explorer_page

    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"note": "playwright is not installed"}
    if chromium is None:
        return {"note": "chromium is not installed"}
    out = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for n in sizes:
            study = (
                load_study()
                if n == 19
                else load_study(write_random_study(Path(tmp) / f"study{n}", n))
            )
            path = write_explorer_page(study, Path(tmp) / f"page{n}.html")
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(path.as_uri())
            page.wait_for_function(
                "() => window.Bokeh && Bokeh.documents.length && Bokeh.documents[0]"
                ".get_model_by_name('table-source').data.id.length > 0"
            )
            compute, drawn = page.evaluate(_PAGE_UPDATES)
            out[n] = {
                "compute_ms": compute,
                "draw_ms": drawn,
                "page_bytes": path.stat().st_size,
            }
            page.close()
        browser.close()
    return out


def given_samples_timings(n: int, draws: int) -> dict:
    """CPU seconds of SMAA on given weight and measurement samples (n x 3).

    R's ``smaa()`` computes acceptability and central weights; its confidence
    factors are a separate call (``smaa.cf``), so both parts are timed apart.
    """
    from ecei_analysis.sensitivity.engine import WeightModel, run_engine
    from ecei_analysis.sensitivity.smaa import smaa_confidence

    rng = np.random.default_rng(0)
    measurements = rng.integers(100, 400, size=(draws, n, 3)).astype(float)
    weights = rng.dirichlet(np.ones(3), size=draws)

    def cpu_of(func) -> float:
        start = time.process_time()
        func()
        return time.process_time() - start

    def run():
        return smaa(
            None,
            weights=weights,
            measurements=measurements,
            pairwise=False,
            progress=False,
        )

    def engine():  # acceptability and central weights: what R's smaa() returns
        model = WeightModel(measurements[0], weights, measurements)
        return run_engine(model, draws, progress=False)

    central = run().central_weights
    total = min(cpu_of(run) for _ in range(2))
    like_r = min(cpu_of(engine) for _ in range(3))
    confidence = min(
        cpu_of(lambda: smaa_confidence(measurements, central)) for _ in range(2)
    )
    return {
        "draws": draws,
        "smaa_cpu_s": total,
        "confidence_factors_cpu_s": confidence,
        "like_r_smaa_cpu_s": like_r,
    }


def large_study_timings(sizes: tuple[int, ...]) -> dict[int, dict[str, float]]:
    """Wall time of ``ecei figures`` and ``ecei report`` (default draws) per size."""
    import shutil
    import tempfile

    ecei = shutil.which("ecei", path=str(Path(sys.executable).parent))
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            data = write_random_study(Path(tmp) / f"study{n}", n)
            times = {}
            for name, argv in {
                "figures": ["figures", "--data", str(data), "--formats", "png"],
                "briefing": ["report", "-p", f"data_dir={data}"],
            }.items():
                start = time.perf_counter()
                subprocess.run(
                    [ecei, *argv, "--out", f"{tmp}/{name}{n}"],
                    check=True,
                    capture_output=True,
                    cwd=tmp,
                )
                times[name] = time.perf_counter() - start
            out[n] = times
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--draws", type=int, default=1_000_000)
    parser.add_argument("--loop-draws", type=int, default=2_000)
    parser.add_argument("--quick", action="store_true", help="smaller scale runs")
    args = parser.parse_args()
    results: dict = {
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "numpy": np.__version__,
    }

    study = load_study()
    points = class_points(study)
    matrix = points.to_numpy()
    sampler = make_sampler("uniform")
    draws = args.draws
    weights = engine_weights(sampler, draws, 0)

    stage("SMAA against the naive and pandas baselines")
    # Correctness first: all three methods agree on the same draws. rankdata and
    # pandas tie only exactly equal scores, so the engine runs with tol=0 here.
    ours = count_ranks(
        matrix,
        sampler,
        draws,
        seed=0,
        progress=False,
        tol=0.0,
    ).rank_counts
    naive = naive_vectorised(matrix, weights)
    assert np.array_equal(ours, naive), "engine and naive baseline disagree"
    sub = weights[: args.loop_draws]
    loop_counts = pandas_loop(points, sub)
    sub_ours = count_ranks(
        matrix,
        sampler,
        args.loop_draws,
        tol=0.0,
        seed=0,
    ).rank_counts
    assert np.array_equal(loop_counts, sub_ours), "engine and pandas loop disagree"

    t_ours = best_of(
        lambda: count_ranks(matrix, sampler, draws, seed=1, progress=False)
    )
    t_ours_1 = best_of(
        lambda: count_ranks(matrix, sampler, draws, seed=1, workers=1, progress=False)
    )
    t_full = best_of(lambda: smaa(points, draws=draws, seed=1, progress=False), 2)
    t_naive = best_of(lambda: naive_vectorised(matrix, weights), 2)
    t_loop_sub = best_of(lambda: pandas_loop(points, sub), 1)
    t_loop = t_loop_sub * draws / args.loop_draws
    results["smaa"] = {
        "draws": draws,
        "ours_acceptability_s": t_ours,
        "ours_acceptability_one_thread_s": t_ours_1,
        "speedup_vs_naive_one_thread": t_naive / t_ours_1,
        "ours_full_smaa_s": t_full,
        "naive_vectorised_s": t_naive,
        "pandas_loop_extrapolated_s": t_loop,
        "speedup_vs_naive": t_naive / t_ours,
        "speedup_vs_pandas_loop": t_loop / t_ours,
    }

    stage("given samples")
    results["given_samples"] = given_samples_timings(
        len(points), 200_000 if args.quick else draws
    )

    stage("exact geometry")
    t_exact = best_of(lambda: weight_space(points, region="simplex"), 5)
    space = weight_space(points, region="simplex")
    t_exact_ordered = best_of(lambda: weight_space(points, region="ordered"), 5)
    results["exact_geometry"] = {
        "simplex_s": t_exact,
        "ordered_s": t_exact_ordered,
        "rankings_in_simplex": space.n_rankings,
        "swap_lines_crossing": len(space.swap_lines),
    }

    stage("1,300 clusters x 36 indicators, with noise")
    scale_draws = 10_000 if args.quick else 100_000
    scale_code = (
        "import numpy as np, pandas as pd\n"
        "from ecei_analysis.sensitivity.noise import AssessorNoise\n"
        "from ecei_analysis.sensitivity.engine import WeightModel, run_engine\n"
        "from ecei_analysis.sensitivity.samplers import make_sampler\n"
        "rng = np.random.default_rng(0)\n"
        "pts = rng.integers(0, 41, size=(1300, 36)).astype(float)\n"
        "member = np.zeros((36, 3)); member[np.arange(36), np.arange(36) % 3] = 1\n"
        "cp = pts @ member\n"
        "noise = AssessorNoise(pts, np.full(36, 40.0), member, levels=2)\n"
        f"run_engine(WeightModel(cp, make_sampler('uniform')), {scale_draws}, "
        "seed=1, progress=False)\n"
        "mid = time.perf_counter() - start\n"
        f"run_engine(WeightModel(cp, make_sampler('uniform'), noise), {scale_draws}, "
        "seed=1, progress=False)\n"
        "print(mid)\n"
    )
    weights_only, total, peak = run_measured(scale_code)
    # Side by side: the same law drawn indicator by indicator and summed (the first
    # wave's method), on a tenth of the draws, scaled up.
    tenth = scale_draws // 10
    every_code = scale_code.split("run_engine(")[0] + (
        "class EveryIndicator(AssessorNoise):\n"
        "    _fast = False\n"
        "noise = EveryIndicator(pts, np.full(36, 40.0), member, levels=2)\n"
        "begin = time.perf_counter()\n"
        f"run_engine(WeightModel(cp, make_sampler('uniform'), noise), {tenth}, "
        "seed=1, progress=False)\n"
        "print(time.perf_counter() - begin)\n"
    )
    every_s = run_measured(every_code)[0] * scale_draws / tenth
    results["scale_1300x36"] = {
        "draws_weights_only": scale_draws,
        "weights_only_s": weights_only,
        "draws_with_indicator_noise": scale_draws,
        "with_indicator_noise_s": total - weights_only,
        "every_indicator_extrapolated_s": every_s,
        "peak_rss_mib": peak,
    }

    stage("memory at 10^7 draws")
    big = 1_000_000 if args.quick else 10_000_000
    t_big, rss_big = peak_rss_of(
        "from ecei_analysis import class_points, load_study, smaa\n"
        f"smaa(class_points(load_study()), draws={big}, seed=1, progress=False)"
    )
    _, rss_base = peak_rss_of(
        "from ecei_analysis import class_points, load_study, smaa\n"
        "smaa(class_points(load_study()), draws=1000, seed=1, progress=False)"
    )
    results["memory"] = {
        "draws": big,
        "seconds": t_big,
        "peak_rss_mib": rss_big,
        "peak_rss_mib_1000_draws": rss_base,
    }

    stage("the explorer and its offline page")
    from ecei_analysis.explorer import Explorer, explorer_state

    explorer = Explorer(study)
    nominal = {"very_important": 3.0, "important": 2.0, "not_so_important": 1.0}
    t_state = best_of(lambda: explorer_state(study, nominal, points=points), 20)
    t_update = median_update_seconds(explorer)
    results["explorer"] = {
        "state_ms": 1000 * t_state,
        "full_update_ms": 1000 * t_update,
    }
    results["explorer_page"] = explorer_page_timings()

    stage("geometry at 40, 100 and 1,300 clusters; Sobol")
    # Geometry at realistic sizes, each in a fresh interpreter (time, peak RSS).
    geo = {}
    for n in (40, 100):
        seconds, rss = peak_rss_of(
            "import numpy as np, pandas as pd\n"
            "from ecei_analysis import exact_rank_acceptability\n"
            f"rng = np.random.default_rng({n})\n"
            f"pts = pd.DataFrame(rng.integers(100, 400, size=({n}, 3)).astype(float),\n"
            "    columns=['very_important', 'important', 'not_so_important'])\n"
            "exact_rank_acceptability(pts)"
        )
        geo[f"exact_acceptability_{n}"] = {"seconds": seconds, "peak_rss_mib": rss}
    seconds, rss = peak_rss_of(
        "import numpy as np, pandas as pd\n"
        "from ecei_analysis import first_place_map\n"
        "rng = np.random.default_rng(1300)\n"
        "pts = pd.DataFrame(rng.integers(100, 400, size=(1300, 3)).astype(float),\n"
        "    columns=['very_important', 'important', 'not_so_important'])\n"
        "first_place_map(pts)"
    )
    geo["first_place_1300"] = {"seconds": seconds, "peak_rss_mib": rss}
    from ecei_analysis import exact_rank_acceptability

    t_full = best_of(lambda: weight_space(points, region="simplex").acceptability, 3)
    t_per_cluster = best_of(lambda: exact_rank_acceptability(points), 5)
    geo["ratio_vs_full_arrangement_19"] = t_full / t_per_cluster
    results["geometry_at_scale"] = geo
    sobol_n = 2**16 if args.quick else 2**20
    seconds, rss = peak_rss_of(
        "from ecei_analysis import class_points, load_study, sobol_rank_indices\n"
        f"sobol_rank_indices(class_points(load_study()), n={sobol_n}, progress=False)"
    )
    results["sobol"] = {"n": sobol_n, "seconds": seconds, "peak_rss_mib": rss}

    stage("every command, the figure set, the pinned revision (a few minutes)")
    results["cli"] = cli_timings()
    results["figure_set"] = figure_set_timings()
    results["pinned"] = pinned_timings(2 if args.quick else 3)
    stage("R's smaa()")
    results["r_smaa"] = r_smaa_timings(
        points.to_numpy(float), 200_000 if args.quick else draws
    )
    stage("figures and briefings of 40, 100 and 1,300 clusters")
    results["large_studies"] = large_study_timings(
        (40, 100) if args.quick else (40, 100, 1300)
    )

    (HERE / "last_run.json").write_text(json.dumps(results, indent=2) + "\n")
    s = results["smaa"]
    e = results["exact_geometry"]
    sc = results["scale_1300x36"]
    m = results["memory"]
    print(f"SMAA acceptability, 19 clusters x {draws:,} draws")
    print(
        f"  ours (acceptability)          {s['ours_acceptability_s']:8.3f} s   target <= 1 s"
    )
    print(
        f"  ours, one thread              {s['ours_acceptability_one_thread_s']:8.3f} s   "
        f"ratio vs naive {s['speedup_vs_naive_one_thread']:.1f}x"
    )
    print(f"  ours (full SMAA incl. pairwise) {s['ours_full_smaa_s']:6.3f} s")
    g = results["given_samples"]
    print(
        f"Given samples, 19 x 3 x {g['draws']:,} (CPU s): like R's smaa() "
        f"(acceptability, central weights) {g['like_r_smaa_cpu_s']:.2f}; confidence "
        f"factors (R: smaa.cf, a separate call) {g['confidence_factors_cpu_s']:.2f}; "
        f"our smaa() with both {g['smaa_cpu_s']:.2f} (R's side by side: below)"
    )
    print(
        f"  naive vectorised (rankdata)   {s['naive_vectorised_s']:8.3f} s   "
        f"ratio {s['speedup_vs_naive']:6.1f}x  (target >= 5x)"
    )
    print(
        f"  per-draw pandas loop (extrap.) {s['pandas_loop_extrapolated_s']:7.1f} s   "
        f"ratio {s['speedup_vs_pandas_loop']:6.0f}x  (target >= 500x)"
    )
    print(
        f"Exact geometry, 19 clusters: simplex {e['simplex_s']:.3f} s "
        f"({e['rankings_in_simplex']} rankings), ordered {e['ordered_s']:.3f} s  "
        "(target <= 0.2 s)"
    )
    print(
        f"Scale 1300 clusters x 36 indicators: {sc['draws_weights_only']:,} weight draws "
        f"{sc['weights_only_s']:.2f} s; {sc['draws_with_indicator_noise']:,} draws with "
        f"indicator noise {sc['with_indicator_noise_s']:.2f} s; peak RSS "
        f"{sc['peak_rss_mib']:.0f} MiB"
    )
    print(
        f"Memory: {m['draws']:,} draws in {m['seconds']:.1f} s, peak RSS "
        f"{m['peak_rss_mib']:.0f} MiB (1,000 draws: {m['peak_rss_mib_1000_draws']:.0f} MiB)"
    )
    ex = results["explorer"]
    print(
        f"Explorer: recomputation {ex['state_ms']:.1f} ms per slider move (target well "
        f"under 50 ms); a slider move to the redrawn map, flow chart and table, "
        f"median of {len(EXPLORER_MOVES)} moves: {ex['full_update_ms']:.0f} ms "
        "(target <= 150 ms)"
    )
    pages = results["explorer_page"]
    if "note" in pages:
        print(f"Offline explorer page: not measured ({pages['note']})")
    # draw_ms is a difference of two medians: below zero it is noise, shown as 0
    for n, page in pages.items() if "note" not in pages else ():
        print(
            f"Offline explorer page, {n} clusters: {page['compute_ms']:.1f} ms to "
            f"recompute, {max(page['draw_ms'], 0.0):.1f} ms more to draw (target: within one "
            f"frame, 16.7 ms, for 19; <= 100 ms for 300); "
            f"{page['page_bytes'] / 1e6:.1f} MB; the live explorer's update takes "
            f"{ex['full_update_ms']:.0f} ms"
        )
    g = results["geometry_at_scale"]
    print("Geometry at scale (fresh process each; time, peak RSS):")
    print(
        f"  exact acceptability, 40 clusters   {g['exact_acceptability_40']['seconds']:6.2f} s"
        f"  {g['exact_acceptability_40']['peak_rss_mib']:5.0f} MiB   target <= 2 s, "
        "<= 500 MiB"
    )
    print(
        f"  exact acceptability, 100 clusters  {g['exact_acceptability_100']['seconds']:6.2f} s"
        f"  {g['exact_acceptability_100']['peak_rss_mib']:5.0f} MiB   target <= 20 s, "
        "<= 1 GiB"
    )
    print(
        f"  first-place map, 1,300 clusters    {g['first_place_1300']['seconds']:6.2f} s"
        f"  {g['first_place_1300']['peak_rss_mib']:5.0f} MiB   target <= 2 s"
    )
    print(
        f"  19 clusters: per-cluster lines vs the full arrangement: "
        f"{g['ratio_vs_full_arrangement_19']:.1f}x faster"
    )
    print(
        f"  noise path 1,300 x 36 x {sc['draws_with_indicator_noise']:,}: "
        f"{sc['with_indicator_noise_s']:.2f} s, peak {sc['peak_rss_mib']:.0f} MiB   "
        "target <= 10 s, <= 512 MiB"
    )
    print(
        f"    vs every indicator drawn and summed (first wave's method, "
        f"extrapolated from {sc['draws_with_indicator_noise'] // 10:,} draws): "
        f"{sc['every_indicator_extrapolated_s']:.1f} s, ratio "
        f"{sc['every_indicator_extrapolated_s'] / sc['with_indicator_noise_s']:.1f}x"
    )
    so = results["sobol"]
    print(
        f"Sobol, 19 clusters, n = {so['n']:,} (streamed): {so['seconds']:.1f} s, peak "
        f"{so['peak_rss_mib']:.0f} MiB"
    )
    print(
        "Figures and briefing of random studies, default draws (fresh process each; "
        "target <= 60 s at 1,300 clusters):"
    )
    for n, times in results["large_studies"].items():
        print(
            f"  {n:>5,} clusters: ecei figures {times['figures']:6.1f} s, "
            f"ecei report {times['briefing']:6.1f} s"
        )
    fig = results["figure_set"]
    print("Figure set, 7 figures, serial vs parallel processes (fresh process each):")
    for formats in ("png", "png+svg+pdf"):
        serial, parallel = fig[f"{formats} x1"], fig[f"{formats} x2"]
        print(
            f"  {formats:<12} serial {serial:5.2f} s, parallel {parallel:5.2f} s, "
            f"ratio {serial / parallel:.2f}x (same bytes: tested)"
        )
    for line in pinned_lines(results["pinned"]):
        print(line)
    for line in r_smaa_lines(results["r_smaa"]):
        print(line)
    print("CLI wall time (fresh process each):")
    for name, seconds in results["cli"].items():
        print(f"  ecei {name:<10} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
