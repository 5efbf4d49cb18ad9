"""The standard forms of the one-stop-shop (Circular 03/2025/TT-VPCP, Appendix I) as PDF, from a dossier's own
data and its process-control events: kinds.py names each form and what it needs, selectors.py gathers the
data, render.py turns the form's template into a PDF with the vendored font embedded."""
