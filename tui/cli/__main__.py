"""`python -m tui.cli`: the same as the `synopsis` command."""

import sys

from tui.cli.main import main

sys.exit(main())
