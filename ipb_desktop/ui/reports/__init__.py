"""The Reports page: statements, review packs and CSV, previewed from the PDF's own pages."""
