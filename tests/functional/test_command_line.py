"""The command line's own conventions, as a user at a shell meets them."""

from __future__ import annotations

from cli_helpers import run_synopsis


def test_the_version_is_printed_on_stdout_for_scripts_to_read():
    result = run_synopsis("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("synopsis ") and result.stdout.endswith("\n")
    assert result.stderr == ""
