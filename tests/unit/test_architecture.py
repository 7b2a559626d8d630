"""The comparator layer stays usable as a library without any terminal code."""

import subprocess
import sys


def test_comparator_layer_imports_no_terminal_code():
    probe = (
        "import sys, comparators; "
        "comparators.compare(comparators.load_story([])); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui')); "
        "print(','.join(bad))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
