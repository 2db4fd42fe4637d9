"""Security tests: AppTest runs the whole app as the server does (see tests/app/conftest.py for why)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

