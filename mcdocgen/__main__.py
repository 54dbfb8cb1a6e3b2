"""Entry point for ``python -m mcdocgen``."""

import sys

from mcdocgen.cli import main

sys.exit(main())
