"""The engine's contract (RULES.md §5): the enterprise profile it reads and the assessment it returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError


def _no_bool(value):
    """A count is a number: true/false is refused rather than read as 1/0."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "a count must be a whole number")
    return value


# Numbers are read as the decimals they spell (RULES.md §6.1), so ``1e999999999`` is a Decimal, not
# an infinite float: made into an int it would take hours. Anything of this many digits or more
# before the point is refused first (every input limit is far below it: 10^12 yuan, 10^8 a count).
MAX_DIGITS_BEFORE_POINT = 100


def _not_huge(value):
    """Refuse a number too large to be any input before it is turned into an int or compared."""
    number = value
    if isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", ""))
        except InvalidOperation:
            return value
    if isinstance(number, Decimal) and number.is_finite() and number.adjusted() >= MAX_DIGITS_BEFORE_POINT:
        raise PydanticCustomError("number_too_large", "the number is too large")
    return value


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Yuan = Annotated[Decimal, BeforeValidator(_not_huge), Field(ge=0, decimal_places=2, allow_inf_nan=False)]
Count = Annotated[int, BeforeValidator(_not_huge), BeforeValidator(_no_bool), Field(ge=0)]
Amount = Annotated[Decimal, BeforeValidator(_not_huge), Field(ge=0, allow_inf_nan=False)]
PolicyYear = Annotated[int | None, BeforeValidator(_not_huge)]
# Every supported project, carrier, venue and R&D year may have had support from another Minhang policy of
# the same level and kind for the same project (RULES.md §6.6): one field, the same on each.
OtherSupport = Annotated[Yuan | None, Field(description="本区其他同层级、同类型政策对同一项目已给予的支持（RULES.md §6.6）")]

Interpretation = Literal["default", "strict"]
PlatformCode = Literal["tencent", "youku", "iqiyi", "mgtv", "hongguo", "douyin", "other"]
FundStatus = Literal["none", "shortlisted", "awarded"]
Status = Literal["eligible", "ineligible", "review", "superseded"]
Kind = Literal["ceiling", "fixed", "unquantified"]
YearBasis = Literal["given", "event", "as_of"]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Enterprise(_Input):
    name: Name
    # RULES.md §6.5: left out (None) means unknown, and every item that would be eligible is `review`.
    registered_in_minhang: bool | None = None
    false_materials: bool = False
    unrepaired_negative_credit: bool = False
    credit_code: str | None = Field(default=None, description="统一社会信用代码 (optional)")


class Carrier(_Input):
    name: Name
    year: PolicyYear = None
    related_enterprises: Count
    total_enterprises: Count
    independent_area_sqm: Amount = Decimal(0)
    revenue_last_year_yuan: Yuan
    revenue_this_year_yuan: Yuan
    other_minhang_support_yuan: OtherSupport = None


class Project(_Input):
    name: Name
    year: PolicyYear = None
    municipal_fund: FundStatus = "none"
    municipal_fund_date: dt.date | None = None
    platforms: list[PlatformCode] = Field(default_factory=list)
    local_culture_minutes: Amount = Decimal(0)
    adaptation_first_filing: bool = False
    other_minhang_support_yuan: OtherSupport = None


class TechPlatform(_Input):
    name: Name
    year: PolicyYear = None
    national: bool = False
    municipal: bool = False
    recognised_on: dt.date | None = None
    investment_yuan: Yuan
    other_minhang_support_yuan: OtherSupport = None


class TransformationProject(_Input):
    """4.2 has two amounts (RULES.md §6.4): the project's total investment meets the 200万 line, the
    enterprise's own investment in it is the 30% base."""

    name: Name
    year: PolicyYear = None
    with_research_partner: bool = False
    project_investment_yuan: Yuan | None = Field(default=None, description="合作项目投资总额（第4条成果转化的投资额门槛）")
    enterprise_investment_yuan: Yuan | None = Field(
        default=None, description="企业自身对该项目的投资（扶持比例的基数）；不填按项目投资总额计"
    )
    investment_yuan: Yuan | None = Field(
        default=None, description="旧版字段：同时视为项目投资总额与企业投资（RULES.md §6.4）"
    )
    other_minhang_support_yuan: OtherSupport = None

    @property
    def project_amount(self) -> Decimal:
        """The cooperation project's total investment (the old single amount stands for it)."""
        value = self.project_investment_yuan if self.project_investment_yuan is not None else self.investment_yuan
        return value if value is not None else Decimal(0)

    @property
    def enterprise_amount(self) -> Decimal:
        """The enterprise's own investment: taken as the project's when left out."""
        if self.enterprise_investment_yuan is not None:
            return self.enterprise_investment_yuan
        return self.project_amount


class Rnd(_Input):
    year: PolicyYear = None
    expenditure_yuan: Yuan
    applied_with_results: bool = False
    other_minhang_support_yuan: OtherSupport = None


class Venue(_Input):
    name: Name
    year: PolicyYear = None
    opened_on: dt.date
    positive_media_reports: Count = 0
    avg_monthly_visitors: Amount = Decimal(0)  # a monthly average may be a decimal (RULES.md §6.1)
    avg_monthly_revenue_yuan: Yuan = Decimal(0)
    total_investment_yuan: Yuan
    previously_supported: bool = False
    other_minhang_support_yuan: OtherSupport = None


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
    # RULES.md §6.2: why the item counts in ``year``: "given" (the subject's own year), "event" (the
    # year of its dated qualifying event) or "as_of" (the year of the assessment date).
    year_basis: YearBasis = "as_of"
    year_note: str = ""
    # RULES.md §6.6: other Minhang support for the same subject, as entered (None: none given).
    other_support_yuan: Decimal | None = None


class Alternative(_Output):
    """Another item a work could have claimed under the strict reading, and what switching would do."""

    item: str
    ceiling_yuan: int
    change_yuan: int


class Claim(_Output):
    """Strict reading (RULES.md §6.3): the one item of 2.1, 2.2, 2.3, 3.2 a work counts, and why."""

    subject: str
    year: int
    item: str
    ceiling_yuan: int
    reason: str
    alternatives: list[Alternative] = Field(default_factory=list)


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
    claims: list[Claim] = Field(default_factory=list)
