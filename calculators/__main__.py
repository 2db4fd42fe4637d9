import os
import runpy
import sys

from .cli import BATCH_COMMANDS, main

try:
    if sys.argv[1:2] and sys.argv[1] in BATCH_COMMANDS:
        # The batch package's command (python -m calculators reform …): run as python -m batch would run it.
        # The engine itself never imports the batch package; only this program's entry hands over to it.
        sys.argv[0] = "python -m batch"
        runpy.run_module("batch", run_name="__main__", alter_sys=True)
    sys.exit(main())
except BrokenPipeError:
    # The reader went away (`python -m calculators explain x.json | head`): stop quietly, as other
    # command-line tools do, instead of a traceback. Point stdout at devnull so the flush at exit
    # does not fail again (the recipe of the Python docs, "Note on SIGPIPE").
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
