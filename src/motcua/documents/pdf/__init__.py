"""PDF rendering of slips and results: pure Python (fpdf2), Noto Serif, A4.

Every renderer takes a frozen dataclass from ``motcua.documents.pdf.data`` and returns
the PDF bytes, so it can be tested and previewed without a database.
"""
