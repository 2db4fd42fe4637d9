import os
import sys

from .cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # The reader went away (`python -m calculators explain x.json | head`): stop quietly, as other
    # command-line tools do, instead of a traceback. Point stdout at devnull so the flush at exit
    # does not fail again (the recipe of the Python docs, "Note on SIGPIPE").
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
