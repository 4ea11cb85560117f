"""``python -m stepanakert2020``: the same as the ``stepanakert2020`` command."""

import sys

from .cli import main

sys.exit(main())
