"""`python -m dashboard …`: the command line (dashboard/cli/)."""

import sys

from dashboard.cli import main

sys.exit(main())
