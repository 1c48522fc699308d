"""Make "scanned" copies of text PDFs: pages rendered to images and rebuilt as a PDF with no text layer.

    python samples/scan_samples.py samples/vendor-agreement.pdf /tmp/vendor-scan.pdf
    python samples/scan_samples.py samples/vendor-agreement.pdf /tmp/skewed.pdf --skew 1.5 --speckle 0.002

Pages are rendered with pypdfium2 in greyscale (200 dpi by default), optionally rotated a little and
sprinkled with dark and light specks like a copier's, and saved as JPEG images in a PDF with Pillow,
which is what a scanner makes. `mix_pages` builds a PDF that takes some pages from the text PDF and the
others from its scan. The tests and benchmarks use these; nothing here belongs to clausecheck itself.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

DPI = 200
JPEG_QUALITY = 75


def render_pages(pdf_path: Path, dpi: int = DPI, pages: Sequence[int] | None = None) -> list:
    """The PDF's pages (0-based indices, default all) as greyscale Pillow images at `dpi`."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        chosen = range(len(pdf)) if pages is None else pages
        return [pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for index in chosen]
    finally:
        pdf.close()


def degrade(image, skew_degrees: float = 0.0, speckle: float = 0.0, seed: int = 0):
    """The page turned by `skew_degrees` (white corners) with a share `speckle` of its pixels flipped to
    black or white in small specks, deterministically for one `seed`."""
    from PIL import Image

    if skew_degrees:
        image = image.rotate(skew_degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if speckle:
        generator = random.Random(seed)
        pixels = image.load()
        width, height = image.size
        for _ in range(int(speckle * width * height)):
            x, y = generator.randrange(width - 1), generator.randrange(height - 1)
            value = 0 if generator.random() < 0.7 else 255  # more dust than drop-outs
            for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1))[:generator.choice((1, 2, 4))]:
                pixels[x + dx, y + dy] = value
    return image


def save_image_pdf(images: Iterable, target: Path, dpi: int = DPI) -> Path:
    """The images as the pages of a PDF, one JPEG image per page, and nothing else (no text layer)."""
    images = list(images)
    images[0].save(target, "PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   quality=JPEG_QUALITY)
    return target


def scan_pdf(source: Path, target: Path, dpi: int = DPI, skew_degrees: float = 0.0, speckle: float = 0.0,
             pages: Sequence[int] | None = None) -> Path:
    """An image-only copy of `source` at `target`; with skew or speckle, page n is turned by
    +skew or -skew in turn and speckled with seed n."""
    images = render_pages(source, dpi, pages)
    if skew_degrees or speckle:
        images = [degrade(image, skew_degrees if number % 2 == 0 else -skew_degrees, speckle, seed=number)
                  for number, image in enumerate(images)]
    return save_image_pdf(images, target, dpi)


def mix_pages(text_pdf: Path, scanned_pdf: Path, scanned_pages: Iterable[int], target: Path) -> Path:
    """A PDF with the pages of `text_pdf`, except the 0-based `scanned_pages`, taken from `scanned_pdf`."""
    import pypdfium2 as pdfium

    scanned = set(scanned_pages)
    text, scan, mixed = (pdfium.PdfDocument(str(text_pdf)), pdfium.PdfDocument(str(scanned_pdf)),
                         pdfium.PdfDocument.new())
    try:
        for index in range(len(text)):
            mixed.import_pages(scan if index in scanned else text, [index])
        mixed.save(str(target))
    finally:
        for pdf in (mixed, scan, text):
            pdf.close()
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--dpi", type=int, default=DPI)
    parser.add_argument("--skew", type=float, default=0.0, help="degrees, alternating direction per page")
    parser.add_argument("--speckle", type=float, default=0.0, help="share of pixels flipped, e.g. 0.002")
    arguments = parser.parse_args()
    scan_pdf(arguments.source, arguments.target, arguments.dpi, arguments.skew, arguments.speckle)
    print(arguments.target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
