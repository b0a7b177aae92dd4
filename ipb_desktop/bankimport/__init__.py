"""Bank statement import: read a CSV, OFX/QFX or QIF statement, show what is new, what is already in and what
matches a payment logged by hand, then bring it in as one step that can be undone (issue 5).

Readers turn a file into `StatementLine`s and `LineProblem`s; `service` compares them with the store and writes.
"""
