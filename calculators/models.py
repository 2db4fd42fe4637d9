"""The engine's contract (RULES.md §5): the enterprise profile it reads and the assessment it returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError


def _no_bool(value):
    """A count is a number: true/false is refused rather than read as 1/0."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "a count must be a whole number")
    return value


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Yuan = Annotated[Decimal, Field(ge=0, decimal_places=2, allow_inf_nan=False)]
Count = Annotated[int, BeforeValidator(_no_bool), Field(ge=0)]
Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False)]

Interpretation = Literal["default", "strict"]
PlatformCode = Literal["tencent", "youku", "iqiyi", "mgtv", "hongguo", "douyin", "other"]
FundStatus = Literal["none", "shortlisted", "awarded"]
Status = Literal["eligible", "ineligible", "review", "superseded"]
Kind = Literal["ceiling", "fixed", "unquantified"]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Enterprise(_Input):
    name: Name
    registered_in_minhang: bool = True
    false_materials: bool = False
    unrepaired_negative_credit: bool = False
    credit_code: str | None = Field(default=None, description="统一社会信用代码 (optional)")


class Carrier(_Input):
    name: Name
    year: int | None = None
    related_enterprises: Count
    total_enterprises: Count
    independent_area_sqm: Amount = Decimal(0)
    revenue_last_year_yuan: Yuan
    revenue_this_year_yuan: Yuan


class Project(_Input):
    name: Name
    year: int | None = None
    municipal_fund: FundStatus = "none"
    municipal_fund_date: dt.date | None = None
    platforms: list[PlatformCode] = Field(default_factory=list)
    local_culture_minutes: Amount = Decimal(0)
    adaptation_first_filing: bool = False


class TechPlatform(_Input):
    name: Name
    year: int | None = None
    national: bool = False
    municipal: bool = False
    recognised_on: dt.date | None = None
    investment_yuan: Yuan


class TransformationProject(_Input):
    name: Name
    year: int | None = None
    with_research_partner: bool = False
    investment_yuan: Yuan


class Rnd(_Input):
    year: int | None = None
    expenditure_yuan: Yuan
    applied_with_results: bool = False


class Venue(_Input):
    name: Name
    year: int | None = None
    opened_on: dt.date
    positive_media_reports: Count = 0
    avg_monthly_visitors: Count = 0
    avg_monthly_revenue_yuan: Yuan = Decimal(0)
    total_investment_yuan: Yuan
    previously_supported: bool = False


class Talent(_Input):
    chunshen_candidates: Count = 0
    leads_key_project: bool = False


class Training(_Input):
    trainees: Count = 0


class Profile(_Input):
    """One enterprise's figures. Every section but ``enterprise`` may be left out."""

    as_of: dt.date = Field(default_factory=dt.date.today)
    interpretation: Interpretation = "default"
    enterprise: Enterprise
    carrier: Carrier | None = None
    projects: list[Project] = Field(default_factory=list)
    tech_platforms: list[TechPlatform] = Field(default_factory=list)
    transformation_projects: list[TransformationProject] = Field(default_factory=list)
    rnd: Rnd | None = None
    venues: list[Venue] = Field(default_factory=list)
    talent: Talent | None = None
    training: Training | None = None


# ---- output ---------------------------------------------------------------------------------


class _Output(BaseModel):
    model_config = ConfigDict(ser_json_inf_nan="strings")


class Check(_Output):
    """One condition of a clause, as tested: what was required, what was given, and whether it held."""

    code: str
    passed: bool
    message: str
    actual: str | None = None
    required: str | None = None
    actual_value: Decimal | None = None
    required_value: Decimal | None = None
    comparison: str | None = None
    parameter: str | None = None


class ItemResult(_Output):
    item: str
    article: int
    subject: str | None
    year: int
    status: Status
    kind: Kind
    ceiling_yuan: int | None
    cap_yuan: int | None
    uncapped_yuan: int | None = None
    base_yuan: Decimal | None = None
    rate: Decimal | None = None
    yearly_cap_yuan: int | None = None
    checks: list[Check] = Field(default_factory=list)
    unmet: list[Check] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class ItemTotal(_Output):
    item: str
    year: int
    sum_yuan: int
    yearly_cap_yuan: int | None
    total_yuan: int


class Assessment(_Output):
    policy: str
    as_of: dt.date
    interpretation: Interpretation
    in_force: bool
    enterprise: str
    lang: Literal["zh", "en"] = "zh"
    items: list[ItemResult]
    item_totals: list[ItemTotal]
    total_ceiling_yuan: int
    review_potential_yuan: int
    notes: list[str] = Field(default_factory=list)
