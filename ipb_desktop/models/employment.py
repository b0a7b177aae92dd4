"""Mapped classes for employing personal assistants (PAs) with a direct payment.

Hours are whole minutes, money is integer pence, hourly rates are pence per hour. Shifts, payslips and
employer checks are never deleted: `deleted_at` marks them (restore brings them back) and the audit log says who.
A payslip's three payments (net pay to the PA, tax and National Insurance to HMRC, contributions to the pension
provider) each point at the ledger payment that paid them once matched; one HMRC payment can pay several payslips.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipb_desktop.models.schema import Base, utcnow


class Employee(Base):
    """A personal assistant the budget holder employs (or employed: former PAs keep `end_date`)."""

    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    usual_minutes_per_week: Mapped[int] = mapped_column(Integer, default=0)
    hours_kind: Mapped[str] = mapped_column(String(16), default="regular")
    age_band: Mapped[str] = mapped_column(String(16), default="21_and_over")
    payroll_reference: Mapped[str | None] = mapped_column(String(100))
    # How the PA's name appears on bank payments, when it differs from `name` (for matching wages).
    bank_payee: Mapped[str | None] = mapped_column(String(200))
    leave_year_start_month: Mapped[int] = mapped_column(Integer, default=4)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    rates: Mapped[list[EmployeeRate]] = relationship(
        back_populates="employee", order_by="EmployeeRate.effective_from", cascade="all, delete-orphan"
    )


class EmployeeRate(Base):
    """An hourly rate from a date on (until the next rate starts)."""

    __tablename__ = "employee_rate"
    __table_args__ = (CheckConstraint("hourly_pence > 0", name="rate_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id", ondelete="CASCADE"), index=True)
    effective_from: Mapped[dt.date] = mapped_column(Date)
    hourly_pence: Mapped[int] = mapped_column(Integer)
    employee: Mapped[Employee] = relationship(back_populates="rates")


class Shift(Base):
    """Time worked (kind "work") or holiday taken (kind "holiday") on one day."""

    __tablename__ = "shift"
    __table_args__ = (CheckConstraint("minutes > 0", name="minutes_positive"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    work_date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[str | None] = mapped_column(String(5))
    end_time: Mapped[str | None] = mapped_column(String(5))
    minutes: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="work")
    hourly_pence: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(String(500))
    recorded_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Payslip(Base):
    """One pay run for one PA, as the payroll service reported it (the app does not calculate PAYE)."""

    __tablename__ = "payslip"
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="dates_in_order"),
        CheckConstraint("gross_pence >= 0 AND net_pence >= 0", name="amounts_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employee.id"), index=True)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    pay_date: Mapped[dt.date] = mapped_column(Date, index=True)
    minutes: Mapped[int | None] = mapped_column(Integer)
    gross_pence: Mapped[int] = mapped_column(Integer)
    tax_pence: Mapped[int] = mapped_column(Integer, default=0)
    employee_ni_pence: Mapped[int] = mapped_column(Integer, default=0)
    employer_ni_pence: Mapped[int] = mapped_column(Integer, default=0)
    employee_pension_pence: Mapped[int] = mapped_column(Integer, default=0)
    employer_pension_pence: Mapped[int] = mapped_column(Integer, default=0)
    other_deductions_pence: Mapped[int] = mapped_column(Integer, default=0)
    net_pence: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300), default="")
    net_paid_by: Mapped[int | None] = mapped_column(ForeignKey("transaction.id"), index=True)
    hmrc_paid_by: Mapped[int | None] = mapped_column(ForeignKey("transaction.id"), index=True)
    pension_paid_by: Mapped[int | None] = mapped_column(ForeignKey("transaction.id"), index=True)
    recorded_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class EmployerCheck(Base):
    """Something an employer must have and keep up to date: insurance, DBS, right to work, contract, pension
    enrolment, P60. `due_on` is the renewal or review date the reminders count down to."""

    __tablename__ = "employer_check"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"), index=True)
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    provider: Mapped[str | None] = mapped_column(String(200))
    reference: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    document_name: Mapped[str | None] = mapped_column(String(255))
    document_media_type: Mapped[str | None] = mapped_column(String(100))
    document: Mapped[bytes | None] = mapped_column(LargeBinary)
    recorded_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
