"""QR codes drawn on the server as SVG (segno, pure Python): no image service is asked."""

import segno

SCALE = 3  # CSS pixels a module on screen
BORDER = 4  # the quiet zone, in modules


def svg(text: str) -> str:
    """An inline SVG of a QR code holding this text, with a quiet zone around it.

    Its size on screen is SCALE pixels a module; the viewBox lets a stylesheet draw it at
    another size (a printed list draws it 28mm wide) without cutting it off."""
    code = segno.make(text, error="m", micro=False)
    drawing = code.svg_inline(scale=SCALE, border=BORDER, dark="#000", light="#fff", svgclass="qr")
    width, height = code.symbol_size(scale=SCALE, border=BORDER)
    # Named for screen readers; the address itself is written out beside it.
    return drawing.replace(
        "<svg ",
        f'<svg viewBox="0 0 {width} {height}" role="img"'
        ' aria-label="QR code of this list\u2019s address" ',
        1,
    )
