"""A printed workbook read back as a person would look at it.

LibreOffice prints the workbook to PDF; poppler gives every word with its box
(`pdftotext -bbox`) and every ruled line (`pdftocairo -svg`: cell borders and printed
gridlines are stroked paths). From those the helpers find what would be wrong on the paper:
words printed over each other, a word crossing a cell's border (text spilling out of a row
that is too short, or cut off by its column), and the table's cells as printed, to compare
with what the export wrote.
"""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from io import BytesIO
from itertools import pairwise
from pathlib import Path

import pytest

from .test_opens_in_libreoffice import convert

PDFTOTEXT = shutil.which("pdftotext")
PDFTOCAIRO = shutil.which("pdftocairo")
PDFFONTS = shutil.which("pdffonts")
XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
# Boxes may touch; they overlap when they share more than this (points).
TOLERANCE = 0.5
PAGE_NUMBER = re.compile(r"第\s*(\d+)\s*页\s*共\s*(\d+)\s*页")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


@dataclass(frozen=True)
class Rule:
    """A ruled line, horizontal or vertical, in page coordinates (points, origin top left)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) < abs(self.y1 - self.y0)


@dataclass
class Page:
    number: int
    width: float
    height: float
    words: list[Word]
    rules: list[Rule]

    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def footer(self) -> str:
        """The lowest line of words on the page, left to right (the footer, when there is
        one)."""
        if not self.words:
            return ""
        lowest = max(w.y0 for w in self.words)
        line = [w for w in self.words if w.y0 > lowest - 3]
        return " ".join(w.text for w in sorted(line, key=lambda w: w.x0))

    def header(self) -> str:
        """The highest line of words on the page, left to right."""
        if not self.words:
            return ""
        highest = min(w.y0 for w in self.words)
        line = [w for w in self.words if w.y0 < highest + 3]
        return " ".join(w.text for w in sorted(line, key=lambda w: w.x0))


def require_poppler() -> None:
    if not (PDFTOTEXT and PDFTOCAIRO and PDFFONTS):
        pytest.fail("poppler-utils not installed (pdftotext, pdftocairo, pdffonts)")


def print_pdf(soffice: str, data: bytes, folder: Path) -> Path:
    require_poppler()
    (pdf,) = convert(soffice, data, folder, "pdf")
    return pdf


def read_pdf(pdf: Path) -> list[Page]:
    words = subprocess.run(
        [PDFTOTEXT, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    drawing = subprocess.run(
        [PDFTOCAIRO, "-svg", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    svg_pages = _svg_pages(ET.fromstring(drawing))
    for number, page in enumerate(ET.fromstring(words).iter(f"{XHTML}page"), start=1):
        pages.append(
            Page(
                number=number,
                width=float(page.get("width")),
                height=float(page.get("height")),
                words=[
                    Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                    for w in page.iter(f"{XHTML}word")
                ],
                rules=_rules(svg_pages[number - 1]),
            )
        )
    return pages


def _svg_pages(root: ET.Element) -> list[ET.Element]:
    pages = list(root.iter(f"{SVG}page"))
    return pages or [root]


MATRIX = re.compile(r"matrix\(([^)]*)\)")
STEP = re.compile(r"([MLZ])(?:\s+([-\d.]+)\s+([-\d.]+))?")


def _rules(page: ET.Element) -> list[Rule]:
    """The straight segments of stroked paths: LibreOffice draws cell borders and gridlines as
    lines, the frame around printed gridlines as a closed rectangle (glyphs are filled, never
    stroked)."""
    rules = []
    for path in page.iter(f"{SVG}path"):
        if "stroke-width" not in (path.get("style") or ""):
            continue
        a, b, c, d, e, f = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        matrix = MATRIX.search(path.get("transform") or "")
        if matrix:
            a, b, c, d, e, f = (float(v) for v in matrix.group(1).split(","))
        points: list[tuple[float, float]] = []
        start = None
        for command, x, y in STEP.findall(path.get("d") or ""):
            if command == "Z":
                point = start
            else:
                point = (a * float(x) + c * float(y) + e, b * float(x) + d * float(y) + f)
            if command == "M":
                start = point
            elif points and point is not None:
                p, q = points[-1], point
                if abs(p[0] - q[0]) < 0.01 or abs(p[1] - q[1]) < 0.01:
                    rules.append(
                        Rule(min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1]))
                    )
            if point is not None:
                points.append(point)
    return rules


def overlapping_words(page: Page) -> list[tuple[Word, Word]]:
    """Pairs of words printed over each other.

    A word's box runs from its font's ascender to its descender, and LibreOffice sets lines of
    Latin text closer than that (DejaVu Sans: lines 1.04 em apart, boxes 1.16 em tall), so the
    boxes of two such lines may share a tenth of their height with no ink touching. Words that
    collide share much more: a line printed over another shares about half of it.
    """
    found = []
    words = sorted(page.words, key=lambda w: w.y0)
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if b.y0 >= a.y1 - TOLERANCE:
                break
            shared_height = min(a.y1, b.y1) - b.y0
            allowed = max(TOLERANCE, 0.2 * min(a.y1 - a.y0, b.y1 - b.y0))
            if shared_height > allowed and min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE:
                found.append((a, b))
    return found


def words_across_rules(page: Page) -> list[tuple[Word, Rule]]:
    """Words that a cell border or gridline runs through: text spilling over its row, or
    running past its column (LibreOffice clips it there, but the words are still in the PDF).

    A word's box is its font's ascender to descender, taller than its ink: a Chinese glyph of
    Noto Sans CJK leaves about a sixth of the box empty below it and more above. Set at the
    bottom of a cell in a row of another font's height (a bottom-aligned cell of Arial with
    Chinese text), the box may dip under the border without any ink doing so; a row that is
    too short has its text cross by a whole line.
    """
    found = []
    for word in page.words:
        inset = max(TOLERANCE, 0.12 * (word.y1 - word.y0))
        for rule in page.rules:
            if rule.vertical:
                crosses = word.x0 + TOLERANCE < rule.x0 < word.x1 - TOLERANCE and (
                    rule.y0 < word.y1 - inset and rule.y1 > word.y0 + inset
                )
            else:
                crosses = word.y0 + inset < rule.y0 < word.y1 - inset and (
                    rule.x0 < word.x1 - TOLERANCE and rule.x1 > word.x0 + TOLERANCE
                )
            if crosses:
                found.append((word, rule))
    return found


def assert_clean(page: Page) -> None:
    """Nothing on the page printed over anything else, nothing across a border."""
    assert page.rules, f"page {page.number}: no ruled table"
    overlaps = overlapping_words(page)
    assert not overlaps, f"page {page.number}: words printed over each other: {overlaps[:3]}"
    crossing = words_across_rules(page)
    assert not crossing, f"page {page.number}: words across a border: {crossing[:3]}"


def assert_numbered(pages: list[Page]) -> None:
    """Every page's footer says 第 N 页 共 M 页, N its place and M the pages printed."""
    for page in pages:
        footer = page.footer()
        number = PAGE_NUMBER.search(footer)
        assert number, f"page {page.number} has no page number: {footer!r}"
        assert (int(number[1]), int(number[2])) == (page.number, len(pages)), footer


def _distinct(positions) -> list[float]:
    """Positions of rules, sorted, those within a point of the last taken as one (a gridline
    and the frame round it, 0.1 pt apart)."""
    distinct: list[float] = []
    for position in sorted(positions):
        if not distinct or position - distinct[-1] > 1:
            distinct.append(position)
    return distinct


def table_rows(page: Page) -> list[list[str]]:
    """The ruled table on the page, row by row: each row is a band between two horizontal
    rules, its cells the spans between the vertical rules that cross the band, each cell's text
    its words in reading order, joined without spaces ("" for an empty cell). Words outside the
    ruled cells (title, header lines, notes, footer) are left out, and so are bands without
    words."""
    verticals = [r for r in page.rules if r.vertical]
    levels = _distinct(r.y0 for r in page.rules if not r.vertical)
    rows = []
    for top, bottom in pairwise(levels):
        middle = (top + bottom) / 2
        edges = _distinct(r.x0 for r in verticals if r.y0 <= middle <= r.y1)
        if len(edges) < 2:
            continue
        cells: list[list[Word]] = [[] for _ in edges[1:]]
        for word in page.words:
            x, y = word.middle
            if top <= y <= bottom:
                for index, (left, right) in enumerate(pairwise(edges)):
                    if left <= x <= right:
                        cells[index].append(word)
        row = [
            "".join(w.text for w in sorted(words, key=lambda w: (round(w.y0), w.x0)))
            for words in cells
        ]
        # A band without words is no row of the table (the frame LibreOffice draws round
        # printed gridlines leaves one below the last row).
        if any(row):
            rows.append(row)
    return rows


def fonts(pdf: Path) -> list[str]:
    out = subprocess.run([PDFFONTS, str(pdf)], capture_output=True, text=True, check=True)
    return [line.split()[0] for line in out.stdout.splitlines()[2:] if line.strip()]


def compact(value) -> str:
    """A cell's value as the paper shows it, without the spaces and line breaks of wrapping."""
    if value is None:
        return ""
    return re.sub(r"\s+", "", str(value))


COLUMN_WIDTH = re.compile(r'(<col\b[^>]*?\bwidth=")([\d.]+)"')


def narrowed(data: bytes, factor: float) -> bytes:
    """The same workbook with every column `factor` as wide: the table as a program that draws
    columns narrower prints it (Excel's digit is 5.25 pt, LibreOffice's Liberation Sans 5.55)."""

    def shrink(match: re.Match) -> str:
        return f'{match.group(1)}{float(match.group(2)) * factor:.4f}"'

    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                content = COLUMN_WIDTH.sub(shrink, content.decode("utf-8")).encode("utf-8")
            target.writestr(item, content)
    return out.getvalue()
