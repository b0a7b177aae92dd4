"""The Employment page: the personal assistants you employ, their shifts, payslips and employer checks."""
