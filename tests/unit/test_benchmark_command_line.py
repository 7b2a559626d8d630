"""The benchmark and evaluation scripts read their command line before doing any work:
`--help` prints the script's manual, an unknown or incomplete option is refused."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from command_line import command_line  # noqa: E402

MANUAL = """Fit something.

    fit.py [--write] [--model NAME]
"""


def test_help_prints_the_manual_and_exits_0(capsys):
    with pytest.raises(SystemExit) as stop:
        command_line(MANUAL, flags=("--write",), argv=["--write", "--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == MANUAL.strip() + "\n"


def test_known_options_values_and_positionals_pass():
    argv = ["story/", "--write", "--model", "trees", "other.txt"]
    assert command_line(MANUAL, flags=("--write",), valued=("--model",), argv=argv) == argv


def test_a_value_that_looks_like_an_option_is_taken_as_the_value():
    assert command_line(MANUAL, valued=("--drop",), argv=["--drop", "-x"]) == ["--drop", "-x"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--wirte"], "no such option: --wirte"),
        (["--write", "-v"], "no such option: -v"),
        (["--model"], "--model needs a value"),
    ],
)
def test_a_mistyped_or_incomplete_option_is_refused_with_one_line(capsys, argv, message):
    with pytest.raises(SystemExit) as stop:
        command_line(MANUAL, flags=("--write",), valued=("--model",), argv=argv)
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert message in error and error.count("\n") == 1


def _scripts_without_argparse() -> list[Path]:
    """The scripts run from the shell whose options are not argparse's (it does the same)."""
    return sorted(
        p for p in BENCHMARKS.glob("*.py")
        if 'if __name__ == "__main__":' in p.read_text() and "argparse" not in p.read_text()
    )


@pytest.mark.parametrize("script", _scripts_without_argparse(), ids=lambda p: p.name)
def test_every_script_reads_its_command_line_first(script):
    """Each script's `__main__` block calls `command_line` before anything else runs."""
    tree = ast.parse(script.read_text())
    block = next(node for node in tree.body if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test))
    calls = [n for n in ast.walk(block) if isinstance(n, ast.Call) and ast.unparse(n.func) == "command_line"]
    assert calls, f"{script.name} does not read its command line through command_line"
    first_work = next(
        n for n in block.body if not isinstance(n, ast.ImportFrom) and "sys.path" not in ast.unparse(n)
    )
    assert "command_line(" in ast.unparse(first_work)


def test_the_fit_script_refuses_a_mistyped_write_before_fitting():
    """As a user runs it: the whole fit takes a minute; a typo must not start it."""
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "fit_link_model.py"), "--wirte"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.strip() == "fit_link_model.py: no such option: --wirte (see --help)"
