"""Recognise one rendered page with Tesseract (through tesserocr): its lines, placed in PDF points, and
how sure Tesseract is of them.

tesserocr runs Tesseract's C++ library inside this process (its wheel bundles the library); only the
English language data comes from the system (`apt-get install tesseract-ocr-eng`, or TESSDATA_PREFIX).
Lines come out as the PDF reader's PageLines, so recognised text goes through the same paragraph,
heading, header/footer and hyphenation steps as a PDF's own text layer.
"""

from __future__ import annotations

import hashlib
import math
import os
import statistics
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from clausecheck.readers.lines import clean_text
from clausecheck.readers.pdf_layout import PageLine

if TYPE_CHECKING:
    from PIL.Image import Image
    from pypdfium2 import PdfPage
    from tesserocr import PyResultIterator

LANGUAGE = "eng"
INSTALL_OCR = "pip install 'clausecheck[ocr]' and apt-get install tesseract-ocr-eng"
# Where packages put Tesseract's language data (Debian/Ubuntu 4.x and 5.x, Fedora, Homebrew, Windows).
TESSDATA_FOLDERS = (
    "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
    "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata", "/opt/local/share/tessdata",
    r"C:\Program Files\Tesseract-OCR\tessdata",
)
# Pages are rendered at the resolution of their scan, within these limits: finer costs time and gains
# nothing (upsampling a 200 dpi scan to 300 dpi read worse), coarser loses small type.
MIN_DPI, MAX_DPI, DEFAULT_DPI = 150, 300, 200
MAX_PIXELS = 40_000_000  # a poster-sized page is read at a lower resolution rather than exhaust memory
# A 3x3 median filter removes the specks of dust and toner a copier leaves, which Tesseract otherwise
# reads as stray punctuation that glues words together ("and.that"); clean pages read the same with it.
DESPECKLE_SIZE = 3
# A page read with less confidence than this (Tesseract's 0-100, weighted by word length) is tried
# turned, and if it stays below, may hide a clause OCR garbled: a provision not found is then `review`,
# not `missing`. Clean, skewed or speckled 200 dpi scans read at 90-96, a 75 dpi one at 71, a page
# upside down at 27 and scribbles at 31 (benchmarks/bench_ocr.py measures the samples).
LOW_CONFIDENCE = 75.0
# A page whose share of dark pixels is below this is blank (the back of a sheet), not unreadable.
BLANK_INK_SHARE = 0.002
FALLBACK_FONT_SIZE = 12.0
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class RecognisedPage:
    """What OCR read on one page: lines top to bottom in reading order, in PDF points (y upwards)."""

    lines: tuple[PageLine, ...]
    width: float
    confidence: float  # Tesseract's confidence in the page's words, 0-100, weighted by their length
    words: int
    blank: bool = False  # no words and next to no ink: an empty page, not an illegible one

    @property
    def font_size(self) -> float:
        """The page's type size as Tesseract estimates it: one size for every line, since a scan does
        not tell sizes apart reliably enough to find headings by them."""
        return self.lines[0].font_size if self.lines else FALLBACK_FONT_SIZE

    def to_dict(self) -> dict:
        return {"width": self.width, "confidence": self.confidence, "words": self.words, "blank": self.blank,
                "lines": [[line.text, line.left, line.right, line.first_baseline, line.last_baseline,
                           line.font_size] for line in self.lines]}

    @classmethod
    def from_dict(cls, data: dict) -> RecognisedPage:
        return cls(lines=tuple(PageLine(*line) for line in data["lines"]), width=float(data["width"]),
                   confidence=float(data["confidence"]), words=int(data["words"]), blank=bool(data["blank"]))


def tessdata_folder() -> str | None:
    """The folder holding Tesseract's English data: TESSDATA_PREFIX when set (as Tesseract itself
    reads it), else the first usual place that has it; None when there is none."""
    override = os.environ.get("TESSDATA_PREFIX")
    candidates = [override] if override else TESSDATA_FOLDERS
    for folder in candidates:
        if folder and Path(folder, f"{LANGUAGE}.traineddata").is_file():
            return os.path.join(folder, "")  # tesserocr wants the trailing separator
    return None


def engine_problem() -> str:
    """Why OCR cannot run here, naming what to install; "" when it can. Cheap: nothing is loaded."""
    import importlib.util

    if importlib.util.find_spec("tesserocr") is None:
        return f"OCR is not installed: {INSTALL_OCR}"
    if tessdata_folder() is None:
        where = os.environ.get("TESSDATA_PREFIX")
        return (f"Tesseract's English data is not installed{f' in TESSDATA_PREFIX ({where})' if where else ''}: "
                f"apt-get install tesseract-ocr-eng, or set TESSDATA_PREFIX to the folder that holds "
                f"{LANGUAGE}.traineddata")
    return ""


@lru_cache(maxsize=1)
def engine_identity() -> str:
    """What makes two recognitions of a page the same: tesserocr, Tesseract and the language data, and
    this module (how pages are rendered, cleaned and turned into lines)."""
    import tesserocr

    digest = hashlib.sha256(f"tesserocr {tesserocr.__version__}\n{tesserocr.tesseract_version()}\n".encode())
    folder = tessdata_folder()
    if folder:
        digest.update(Path(folder, f"{LANGUAGE}.traineddata").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def render_dpi(page: PdfPage) -> float:
    """The resolution to render a page at: that of its largest image (the scan), within limits."""
    import pypdfium2.raw as pdfium_c

    dpi, largest = DEFAULT_DPI, 0.0
    for image in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4):
        left, bottom, right, top = image.get_bounds()
        pixels_wide, pixels_high = image.get_px_size()
        area = (right - left) * (top - bottom)
        if area > largest and right > left and top > bottom:
            largest = area
            dpi = max(pixels_wide / (right - left), pixels_high / (top - bottom)) * POINTS_PER_INCH
    dpi = min(max(dpi, MIN_DPI), MAX_DPI)
    width, height = page.get_size()
    pixels = width * height * (dpi / POINTS_PER_INCH) ** 2
    return dpi if pixels <= MAX_PIXELS else dpi * math.sqrt(MAX_PIXELS / pixels)


def render_page(page: PdfPage) -> tuple[Image, float]:
    """The page as a greyscale image at the resolution of its scan, and that resolution (dpi). PDFium is
    not thread-safe: render in one thread only."""
    dpi = render_dpi(page)
    return page.render(scale=dpi / POINTS_PER_INCH, grayscale=True).to_pil().convert("L"), dpi


class PageRecogniser:
    """One Tesseract instance; recognise pages with it one at a time (one instance per thread)."""

    def __init__(self) -> None:
        import tesserocr

        self._api = tesserocr.PyTessBaseAPI(path=tessdata_folder() or "", lang=LANGUAGE)

    def close(self) -> None:
        self._api.End()

    def recognise(self, image: Image, dpi: float) -> RecognisedPage:
        """Read the page; one read with low confidence is tried again upside down and on its sides,
        as a sheet fed into the scanner the wrong way reads as gibberish."""
        from PIL import ImageFilter

        image = image.filter(ImageFilter.MedianFilter(DESPECKLE_SIZE))
        best = self._read(image, dpi)
        for turn in (180, 90, 270):
            if best.confidence >= LOW_CONFIDENCE or not best.words:
                break
            turned = self._read(image.rotate(turn, expand=True), dpi)
            best = turned if turned.confidence > best.confidence else best
        return best

    def _read(self, image: Image, dpi: float) -> RecognisedPage:
        self._api.SetImage(image)
        self._api.SetSourceResolution(round(dpi))
        self._api.Recognize()
        scale = POINTS_PER_INCH / dpi
        lines, words = _read_lines(self._api.GetIterator(), image.size, scale)
        characters = sum(len(text) for text, _ in words)
        confidence = sum(len(text) * score for text, score in words) / characters if characters else 0.0
        blank = not words and _ink_share(image) < BLANK_INK_SHARE
        return RecognisedPage(tuple(lines), image.size[0] * scale, round(confidence, 1), len(words), blank)


def _ink_share(image: Image) -> float:
    """The share of dark pixels in a greyscale image."""
    histogram = image.histogram()
    return sum(histogram[:128]) / max(1, sum(histogram))


@dataclass
class _RawLine:
    baseline: tuple[tuple[int, int], tuple[int, int]]
    left: int
    right: int
    font_size: float
    words: list[str]


def _read_lines(iterator: PyResultIterator | None, size: tuple[int, int],
                scale: float) -> tuple[list[PageLine], list[tuple[str, float]]]:
    """The page's lines in PDF points, levelled by the page's skew, and every word with its confidence."""
    from tesserocr import RIL, iterate_level

    raw: list[_RawLine] = []
    words: list[tuple[str, float]] = []
    if iterator is None:
        return [], words
    for word in iterate_level(iterator, RIL.WORD):
        try:
            text = word.GetUTF8Text(RIL.WORD).strip()
        except RuntimeError:  # tesserocr's word for "no text here" (an empty page)
            continue
        if not text:
            continue
        box = word.BoundingBox(RIL.WORD)
        if not raw or word.IsAtBeginningOf(RIL.TEXTLINE):
            baseline = word.Baseline(RIL.TEXTLINE) or ((box[0], box[3]), (box[2], box[3]))
            points = (word.WordFontAttributes() or {}).get("pointsize") or 0
            raw.append(_RawLine(baseline, box[0], box[2], float(points), []))
        line = raw[-1]
        line.words.append(text)
        line.left, line.right = min(line.left, box[0]), max(line.right, box[2])
        words.append((text, word.Confidence(RIL.WORD)))
    if not raw:
        return [], words
    angle = _skew(raw)
    font_size = statistics.median(line.font_size for line in raw if line.font_size) if any(
        line.font_size for line in raw) else FALLBACK_FONT_SIZE
    width, height = size
    centre = (width / 2, height / 2)
    lines = []
    for line in raw:
        (x1, y1), (x2, y2) = line.baseline
        middle = ((x1 + x2) / 2, (y1 + y2) / 2)
        left = _level((line.left, y1 + (line.left - x1) * math.tan(angle)), centre, angle)
        right = _level((line.right, y1 + (line.right - x1) * math.tan(angle)), centre, angle)
        baseline = (height - _level(middle, centre, angle)[1]) * scale
        text = clean_text(" ".join(line.words))
        if text:
            lines.append(PageLine(text, left[0] * scale, right[0] * scale, baseline, baseline, font_size))
    return lines, words


def _skew(lines: list[_RawLine]) -> float:
    """The page's skew (radians, clockwise positive in image coordinates): the median slope of the
    baselines of lines long enough to measure it."""
    slopes = [math.atan2(y2 - y1, x2 - x1) for (x1, y1), (x2, y2) in (line.baseline for line in lines)
              if x2 - x1 >= 200]
    return statistics.median(slopes) if slopes else 0.0


def _level(point: tuple[float, float], centre: tuple[float, float], angle: float) -> tuple[float, float]:
    """`point` turned by -`angle` about `centre`, so that a baseline at `angle` becomes horizontal."""
    x, y = point[0] - centre[0], point[1] - centre[1]
    cos, sin = math.cos(angle), math.sin(angle)
    return centre[0] + x * cos + y * sin, centre[1] - x * sin + y * cos
