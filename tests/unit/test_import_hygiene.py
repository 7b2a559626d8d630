"""Each headless module, imported alone, loads no Textual (and no Rich where it draws nothing).

The comparator layer, the reports, the command line and the reader's Textual-free rooms
(`tui/views/`, `tui/state/`) stay usable without a terminal UI; each module is imported in
its own process, forked from one that has loaded none of ours, so one module's imports
cannot hide another's.
"""

from __future__ import annotations

import json
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import pytest

import comparators
import tui

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TEXTUAL_ROOMS = ("tui.app", "tui.keymap", "tui.messages", "tui.screens.", "tui.widgets.")
# Modules that draw with Rich (tables, styled text) but not with Textual.
RICH_ROOMS = ("tui.views.", "tui.cli.sources", "tui.cli.quotes", "tui.cli.batch", "tui.cli.corpus")


def _all_modules() -> list[str]:
    names = ["comparators", "tui"]
    for package in (comparators, tui):
        names += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    # `__main__` runs the command; it is not a module to import.
    return sorted(name for name in names if not name.endswith(".__main__"))


HEADLESS = [m for m in _all_modules() if not m.startswith(TEXTUAL_ROOMS)]
WITHOUT_RICH = [m for m in HEADLESS if not m.startswith(RICH_ROOMS)]

# One interpreter loads the libraries the comparison is built on (never Textual nor Rich),
# then forks a child per module, a few at a time: each child imports its module alone, as
# a fresh interpreter would, without starting Python and NumPy again for each of them.
FORKING_PROBE = """
import importlib, json, os, sys, traceback
for library in ("numpy", "scipy.sparse", "yaml"):
    importlib.import_module(library)
preloaded = {m.split(".")[0] for m in sys.modules}
assert not preloaded & {"textual", "rich"}, sorted(preloaded)
folder, modules, running, found = sys.argv[1], sys.argv[2:], {}, {}

def reap():
    pid, status = os.wait()
    module = running.pop(pid)
    with open(os.path.join(folder, module)) as answer:
        found[module] = json.load(answer)

for module in modules:
    if len(running) >= (os.cpu_count() or 1):
        reap()
    pid = os.fork()
    if pid == 0:
        try:
            importlib.import_module(module)
            answer = {"loaded": sorted({m.split(".")[0] for m in sys.modules})}
        except BaseException:
            answer = {"error": traceback.format_exc()}
        with open(os.path.join(folder, module), "w") as out:
            json.dump(answer, out)
        os._exit(0)
    running[pid] = module
while running:
    reap()
print(json.dumps(found))
"""


@cache
def _loaded_by_each() -> dict[str, dict]:
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run([sys.executable, "-c", FORKING_PROBE, folder, *HEADLESS], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _top_level_packages_loaded(module: str) -> set[str]:
    answer = _loaded_by_each()[module]
    assert "error" not in answer, answer.get("error")
    return set(answer["loaded"])


def test_every_headless_room_is_probed():
    assert "tui.views.layouts" in HEADLESS and "tui.views.layouts" not in WITHOUT_RICH
    assert "tui.state.comparing" in WITHOUT_RICH
    assert "comparators.reports.text" in WITHOUT_RICH
    assert not any(m.startswith("tui.screens.") for m in HEADLESS)


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_loads_no_textual(module):
    assert "textual" not in _top_level_packages_loaded(module)


@pytest.mark.parametrize("module", WITHOUT_RICH)
def test_module_that_draws_nothing_loads_no_rich(module):
    assert "rich" not in _top_level_packages_loaded(module)


# A one-shot command loads what it needs and no more (`tests/benchmarks/bench_collatex.py`
# times `export` whole): the comparison needs NumPy and SciPy, not the reader, web pages,
# dates written in words or the corpus mode.
NOT_FOR_EXPORT = {
    "textual", "rich", "dateparser", "trafilatura", "lxml", "httpx", "sklearn", "platformdirs", "dask", "pyarrow",
}
COMMAND_PROBE = (
    "import json, sys\nfrom tui.cli.main import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "print(json.dumps(sorted(sys.modules)))"
)


def _modules_loaded_by(*argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", COMMAND_PROBE, *argv], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


# Nor our own modules it never runs on a story of text files: the reports' walk (the
# export writes JSON only), saving a story folder (`--save`).
OURS_NOT_FOR_EXPORT = {"comparators.reports.walk", "comparators.reports.subset", "comparators.story_folder"}


def test_export_loads_no_reader_web_or_date_parsing_library(tmp_path):
    loaded = _modules_loaded_by("export", "--force", "-o", str(tmp_path / "seeds.json"))
    assert "comparators.align" in loaded  # the comparison ran
    assert not {m.split(".")[0] for m in loaded} & NOT_FOR_EXPORT
    assert not loaded & OURS_NOT_FOR_EXPORT
    assert "html.entities" not in loaded  # the seeds hold no "&": no entity to decode
    # (dateparser, among NOT_FOR_EXPORT, stays out: the seeds' manifest dates every article
    # in ISO, which comparators.dates checks without it)


def test_export_of_articles_without_a_manifest_loads_no_yaml(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    for article in SEEDS.glob("*.txt"):
        shutil.copy(article, folder)
    loaded = _modules_loaded_by("export", str(folder), "--force", "-o", str(tmp_path / "story.json"))
    assert "comparators.align" in loaded
    assert "yaml" not in {m.split(".")[0] for m in loaded}


COLLECTOR_PROBE = (
    "import gc, json, sys\nfrom tui.cli.main import main\n"
    "before = [g['collections'] for g in gc.get_stats()]\nmain(sys.argv[1:])\n"
    "print(json.dumps([before, [g['collections'] for g in gc.get_stats()]]))"
)


def test_export_never_walks_the_older_generations(tmp_path):
    # Importing the comparator layer, reading and comparing the story make objects that
    # live until the command ends and no cycle garbage: the cycle collector stays paused.
    argv = ["export", "--force", "-o", str(tmp_path / "seeds.json")]
    result = subprocess.run([sys.executable, "-c", COLLECTOR_PROBE, *argv], capture_output=True, text=True, check=True)
    before, after = json.loads(result.stdout.splitlines()[-1])
    assert after[1:] == before[1:]


BLAS_PROBE = (
    "import json, os, sys\nfrom tui.cli.main import main\nmain(sys.argv[1:])\n"
    "from threadpoolctl import threadpool_info\n"
    "print(json.dumps([os.environ['OPENBLAS_NUM_THREADS'], [i['num_threads'] for i in threadpool_info()]]))"
)


def _blas_threads_after_export(tmp_path, environment: dict[str, str]) -> tuple[str, list[int]]:
    result = subprocess.run(
        [sys.executable, "-c", BLAS_PROBE, "export", "--force", "-o", str(tmp_path / "seeds.json")],
        capture_output=True, text=True, check=True, env=environment,
    )
    setting, threads = json.loads(result.stdout.splitlines()[-1])
    return setting, threads


def test_a_command_starts_blas_with_one_thread_unless_the_user_set_it(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    setting, threads = _blas_threads_after_export(tmp_path, environment)
    assert setting == "1" and threads and set(threads) == {1}
    setting, _ = _blas_threads_after_export(tmp_path, environment | {"OPENBLAS_NUM_THREADS": "2"})
    assert setting == "2"


def test_version_costs_a_bare_start_no_comparator_nor_package_metadata():
    loaded = _modules_loaded_by("--version")
    assert "tui.cli.main" in loaded
    assert not {m for m in loaded if m.startswith(("comparators", "numpy", "yaml", "importlib.metadata"))}
