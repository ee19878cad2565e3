"""``python -m review_app.batch INPUT... --out DIR``, as ``bireview batch``."""

import sys

from review_app.batch import main

sys.exit(main(["batch", *sys.argv[1:]]))
