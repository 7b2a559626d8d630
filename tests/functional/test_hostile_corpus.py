"""The hostile-input corpus (tests/hostile_corpus.py) through the real command line:
every case ends in one line naming the file and the problem with exit code 2, or
works; none hangs (a timeout), none reads without bound (a memory limit)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import hostile_corpus

TIMEOUT = 60
MEMORY_LIMIT = 3 * 2**30  # address space; peak resident memory stays far below
# As root, reading ignores permissions unless the capabilities that bypass them are gone.
AS_ROOT = os.geteuid() == 0
DROP_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    yield hostile_corpus.build(root)
    hostile_corpus.unlock(root)


@pytest.fixture(scope="module")
def exported(corpus):
    """`synopsis export` on a case, run once for the tests that check the same run
    (a completed process holds only its output)."""
    runs: dict[str, subprocess.CompletedProcess[str]] = {}

    def export(builder_name: str) -> subprocess.CompletedProcess[str]:
        if builder_name not in runs:
            runs[builder_name] = _run_case(corpus[builder_name])
        return runs[builder_name]

    return export


def _can_drop_privileges() -> bool:
    if shutil.which("setpriv") is None:
        return False
    return subprocess.run([*DROP_DAC, "true"], capture_output=True, check=False).returncode == 0


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def synopsis(*args: str, as_unprivileged: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui.cli.main", *args]
    if as_unprivileged and AS_ROOT:
        command = DROP_DAC + command
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=TIMEOUT, preexec_fn=_limit_memory
    )


def _run_case(case: hostile_corpus.Case, command: str = "export") -> subprocess.CompletedProcess[str]:
    if case.needs:
        pytest.skip(case.needs)
    output = ["-o", case.extra["output"], "--force"] if "output" in case.extra else []
    unprivileged = "permission denied" in (case.refused or ())
    if unprivileged and AS_ROOT and not _can_drop_privileges():
        pytest.skip("running as root and setpriv cannot drop the capabilities that bypass permissions")
    return synopsis(command, *case.story, *output, as_unprivileged=unprivileged)


def _check(case: hostile_corpus.Case, result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    if case.refused is not None:
        assert result.returncode == 2, result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        for words in case.refused:
            assert words in lines[0], lines[0]
        return
    assert result.returncode == 0, result.stderr
    for words in case.warns:
        assert any(words in line for line in result.stderr.splitlines()), result.stderr


CASE_NAMES = [b.__name__ for b in hostile_corpus.BUILDERS]


@pytest.mark.parametrize("builder_name", CASE_NAMES)
def test_every_hostile_case_is_refused_in_one_line_or_works_through_export(corpus, exported, builder_name):
    _check(corpus[builder_name], exported(builder_name))


@pytest.mark.parametrize(
    ("command", "builder_name"),
    [("sources", "fifo_as_source"), ("quotes", "escape_sequences_in_file_name"), ("report", "symlink_loop_in_manifest")],
)
def test_the_other_commands_refuse_or_read_the_same_cases(corpus, command, builder_name):
    case = corpus[builder_name]
    _check(case, _run_case(case, command))


def test_bidi_controls_and_escapes_reach_no_report_nor_the_export(corpus, exported):
    case = corpus["bidi_controls_in_text"]
    export = exported("bidi_controls_in_text")
    html = synopsis("report", "--format", "html", *case.story)
    for text in (export.stdout, html.stdout):
        assert not any(ch in text for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert json.loads(export.stdout)["sources"]


def test_writing_over_dev_null_leaves_the_device_a_device(corpus, exported):
    _check(corpus["output_over_dev_null"], exported("output_over_dev_null"))
    assert Path("/dev/null").is_char_device()


def test_export_to_dev_stdout_prints_the_json(corpus):
    case = corpus["output_over_dev_null"]
    result = synopsis("export", *case.story, "-o", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema_version"] == 3


def test_output_to_a_fifo_nobody_reads_is_refused_without_hanging(corpus, tmp_path):
    case = corpus["output_over_dev_null"]
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    _check(hostile_corpus.Case("fifo output", case.story, refused=("pipe.json", "no process is reading")),
           synopsis("export", *case.story, "-o", str(fifo)))
    assert Path(fifo).is_fifo()
