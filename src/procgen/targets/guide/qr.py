"""A QR code of one address as inline SVG markup, for the printed guide (segno).

segno is pure Python and deterministic: the same address always gives the same symbol (its
mask is chosen by evaluating all eight, in a fixed order), so the guide's bytes do not change
between builds. It is imported here, only when a guide has an address to encode. A code takes
about 5 ms to make; each is kept, since every locality's site shows the same one.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1024)
def qr_svg(url: str) -> str:
    """``url`` as a QR code: an ``<svg>`` element sized by CSS (a ``viewBox``, no width or
    height), black modules, the four-module quiet zone the standard asks for, error
    correction M (or better, when that fits the same symbol). Never a Micro QR code, which
    phone cameras do not all read.

    >>> svg = qr_svg("https://dichvucong.example.gov.vn/vi/tiny.html")
    >>> svg.startswith('<svg viewBox="0 0 ') and svg.endswith("</svg>")
    True
    >>> svg == qr_svg("https://dichvucong.example.gov.vn/vi/tiny.html")
    True
    """
    import segno

    code = segno.make(url, error="m", micro=False)
    svg: str = code.svg_inline(border=4, omitsize=True, svgclass=None, lineclass=None)
    return svg
