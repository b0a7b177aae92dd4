"""Statements (monitoring returns), review packs and CSV exports: the documents a council, an NHS team and a
review meeting receive. `data` gathers the figures with SQL aggregates; the `pdf_*` modules lay them out on A4
with reportlab; `csv_export` writes the same figures for spreadsheets."""
