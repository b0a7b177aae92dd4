"""employing personal assistants: employees, hourly rates, shifts, payslips, employer checks

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:50:00

Five new tables and nothing else changed, so a store from an earlier version keeps every row as it was.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('employee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('usual_minutes_per_week', sa.Integer(), nullable=False),
    sa.Column('hours_kind', sa.String(length=16), nullable=False),
    sa.Column('age_band', sa.String(length=16), nullable=False),
    sa.Column('payroll_reference', sa.String(length=100), nullable=True),
    sa.Column('bank_payee', sa.String(length=200), nullable=True),
    sa.Column('leave_year_start_month', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employee'))
    )
    op.create_table('employee_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('hourly_pence', sa.Integer(), nullable=False),
    sa.CheckConstraint('hourly_pence > 0', name=op.f('ck_employee_rate_rate_positive')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_employee_rate_employee_id_employee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employee_rate'))
    )
    op.create_index(op.f('ix_employee_rate_employee_id'), 'employee_rate', ['employee_id'], unique=False)
    op.create_table('employer_check',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('provider', sa.String(length=200), nullable=True),
    sa.Column('reference', sa.String(length=200), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('document_name', sa.String(length=255), nullable=True),
    sa.Column('document_media_type', sa.String(length=100), nullable=True),
    sa.Column('document', sa.LargeBinary(), nullable=True),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_employer_check_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer_check'))
    )
    op.create_index(op.f('ix_employer_check_employee_id'), 'employer_check', ['employee_id'], unique=False)
    op.create_index(op.f('ix_employer_check_kind'), 'employer_check', ['kind'], unique=False)
    op.create_table('shift',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('work_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.String(length=5), nullable=True),
    sa.Column('end_time', sa.String(length=5), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('hourly_pence', sa.Integer(), nullable=True),
    sa.Column('notes', sa.String(length=500), nullable=True),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('minutes > 0', name=op.f('ck_shift_minutes_positive')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_shift_employee_id_employee')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shift'))
    )
    op.create_index(op.f('ix_shift_employee_id'), 'shift', ['employee_id'], unique=False)
    op.create_index(op.f('ix_shift_work_date'), 'shift', ['work_date'], unique=False)
    op.create_table('payslip',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('pay_date', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('gross_pence', sa.Integer(), nullable=False),
    sa.Column('tax_pence', sa.Integer(), nullable=False),
    sa.Column('employee_ni_pence', sa.Integer(), nullable=False),
    sa.Column('employer_ni_pence', sa.Integer(), nullable=False),
    sa.Column('employee_pension_pence', sa.Integer(), nullable=False),
    sa.Column('employer_pension_pence', sa.Integer(), nullable=False),
    sa.Column('other_deductions_pence', sa.Integer(), nullable=False),
    sa.Column('net_pence', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('net_paid_by', sa.Integer(), nullable=True),
    sa.Column('hmrc_paid_by', sa.Integer(), nullable=True),
    sa.Column('pension_paid_by', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('gross_pence >= 0 AND net_pence >= 0', name=op.f('ck_payslip_amounts_not_negative')),
    sa.CheckConstraint('period_end >= period_start', name=op.f('ck_payslip_dates_in_order')),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], name=op.f('fk_payslip_employee_id_employee')),
    sa.ForeignKeyConstraint(['hmrc_paid_by'], ['transaction.id'], name=op.f('fk_payslip_hmrc_paid_by_transaction')),
    sa.ForeignKeyConstraint(['net_paid_by'], ['transaction.id'], name=op.f('fk_payslip_net_paid_by_transaction')),
    sa.ForeignKeyConstraint(['pension_paid_by'], ['transaction.id'], name=op.f('fk_payslip_pension_paid_by_transaction')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payslip'))
    )
    op.create_index(op.f('ix_payslip_employee_id'), 'payslip', ['employee_id'], unique=False)
    op.create_index(op.f('ix_payslip_hmrc_paid_by'), 'payslip', ['hmrc_paid_by'], unique=False)
    op.create_index(op.f('ix_payslip_net_paid_by'), 'payslip', ['net_paid_by'], unique=False)
    op.create_index(op.f('ix_payslip_pay_date'), 'payslip', ['pay_date'], unique=False)
    op.create_index(op.f('ix_payslip_pension_paid_by'), 'payslip', ['pension_paid_by'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_payslip_pension_paid_by'), table_name='payslip')
    op.drop_index(op.f('ix_payslip_pay_date'), table_name='payslip')
    op.drop_index(op.f('ix_payslip_net_paid_by'), table_name='payslip')
    op.drop_index(op.f('ix_payslip_hmrc_paid_by'), table_name='payslip')
    op.drop_index(op.f('ix_payslip_employee_id'), table_name='payslip')
    op.drop_table('payslip')
    op.drop_index(op.f('ix_shift_work_date'), table_name='shift')
    op.drop_index(op.f('ix_shift_employee_id'), table_name='shift')
    op.drop_table('shift')
    op.drop_index(op.f('ix_employer_check_kind'), table_name='employer_check')
    op.drop_index(op.f('ix_employer_check_employee_id'), table_name='employer_check')
    op.drop_table('employer_check')
    op.drop_index(op.f('ix_employee_rate_employee_id'), table_name='employee_rate')
    op.drop_table('employee_rate')
    op.drop_table('employee')
