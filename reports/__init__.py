"""Exports of an assessment: the PDF consultation report, Excel workbooks, the JSON profile, dashboards.

Pure Python (never imports streamlit), so the app, the command line and the tests share it:

    build_pdf(assessment, profile, lang) -> bytes
    build_xlsx(assessment, profile, lang) -> bytes
    profile_to_json(profile) -> bytes
    profile_from_json(raw, lang) -> (Profile | None, [Problem])
"""

from .pdf import build_pdf, build_pdf_or_notice
from .profile_json import profile_from_json, profile_to_json
from .xlsx import build_xlsx

__all__ = ["build_pdf", "build_pdf_or_notice", "build_xlsx", "profile_from_json", "profile_to_json"]
