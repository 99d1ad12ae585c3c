"""`python -m dashboard …`: the command line (dashboard/cli.py)."""

import sys

from dashboard.cli import main

sys.exit(main())
