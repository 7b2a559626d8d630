"""The benchmark and evaluation scripts parse their command line (argparse) before doing any
work: `--help` prints the script's manual, an unknown option is refused with exit 2."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from command_line import script_parser  # noqa: E402

MANUAL = """Fit something.

    fit.py [--write]

- one line of a list
- another, indented as written
"""


def _scripts() -> list[Path]:
    """The scripts run from the shell."""
    return sorted(p for p in BENCHMARKS.glob("*.py") if 'if __name__ == "__main__":' in p.read_text())


def test_the_help_shows_the_manual_as_written_and_the_options(capsys):
    parser = script_parser(MANUAL)
    parser.add_argument("--write", action="store_true", help="store the model")
    with pytest.raises(SystemExit) as stop:
        parser.parse_args(["--help"])
    assert stop.value.code == 0
    shown = capsys.readouterr().out
    assert MANUAL.strip() in shown
    assert "--write" in shown and "store the model" in shown


@pytest.mark.parametrize("script", _scripts(), ids=lambda p: p.name)
def test_every_script_parses_its_command_line_before_any_work(script):
    """`main` builds its parser and parses first; the `__main__` block only calls `main`."""
    tree = ast.parse(script.read_text())
    main = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "main")
    parsing = next(
        (n for n, statement in enumerate(main.body) if ".parse_args(argv)" in ast.unparse(statement)), None
    )
    assert parsing is not None, f"{script.name}'s main does not parse its argv first"
    assert all("parser" in ast.unparse(statement) for statement in main.body[:parsing]), (
        f"{script.name}'s main does something other than build its parser before parsing"
    )
    block = next(node for node in tree.body if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test))
    work = [ast.unparse(n) for n in block.body if "sys.path" not in ast.unparse(n)]
    assert work == ["sys.exit(main())"]


@pytest.mark.parametrize("script", _scripts(), ids=lambda p: p.name)
def test_every_script_answers_help_and_refuses_an_unknown_option(script, capsys):
    """Called in this process: a script that started its job instead would take minutes."""
    module = importlib.import_module(script.stem)
    with pytest.raises(SystemExit) as stop:
        module.main(["--help"])
    assert stop.value.code == 0
    words_shown = capsys.readouterr().out.split()  # argparse may wrap the lines
    first_line = module.__doc__.splitlines()[0].split()
    assert any(words_shown[at : at + len(first_line)] == first_line for at in range(len(words_shown)))
    with pytest.raises(SystemExit) as stop:
        module.main(["--no-such-option"])
    assert stop.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


def test_the_fit_script_refuses_a_mistyped_write_before_fitting():
    """As a user runs it: the whole fit takes a minute; a typo must not start it."""
    run = subprocess.run(
        [sys.executable, str(BENCHMARKS / "fit_link_model.py"), "--wirte"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.strip().endswith("fit_link_model.py: error: unrecognized arguments: --wirte")
