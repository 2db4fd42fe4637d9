"""The engine of 闵行微短剧政策测算器: 闵文旅规〔2026〕1号 as exact, cited, explained rules.

Pure Python: never imports streamlit. ``assess(profile)`` is the one entry point everything uses.
"""

from .engine import assess, ceiling_curve
from .models import Assessment, ItemResult, Profile
from .validation import Problem, validate_profile

__all__ = ["Assessment", "ItemResult", "Problem", "Profile", "assess", "ceiling_curve", "validate_profile"]
