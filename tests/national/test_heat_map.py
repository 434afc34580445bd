"""The unit × certificate matrix the national page colours (filings.national.heat_map)."""

from types import SimpleNamespace

from filings.national import heat_map


def unit(rows: dict[int, int], students: dict[int, int]) -> SimpleNamespace:
    return SimpleNamespace(rows_by_certificate=rows, students_by_certificate=students)


TOTALS = [SimpleNamespace(certificate=SimpleNamespace(pk=pk)) for pk in (1, 2, 3)]


def test_each_cell_is_coloured_against_the_largest():
    hubei, beijing = unit({1: 4, 2: 2}, {1: 400}), unit({3: 8}, {3: 100})
    matrix = heat_map([hubei, beijing], TOTALS)
    (first, cells, total), (_, other_cells, other_total) = matrix.lines
    assert first is hubei
    assert [(c.value, c.intensity) for c in cells] == [(4, 0.5), (2, 0.25), (0, 0.0)]
    assert (total, other_total) == (6, 8)
    assert [c.value for c in other_cells] == [0, 0, 8]
    assert matrix.column_totals == [4, 2, 8]
    assert matrix.grand_total == 14


def test_students_instead_of_rows():
    matrix = heat_map([unit({1: 4}, {1: 400}), unit({3: 8}, {3: 100})], TOTALS, "students")
    assert matrix.column_totals == [400, 0, 100]
    assert matrix.lines[1][1][2].intensity == 0.25


def test_nothing_filed_yet():
    matrix = heat_map([], TOTALS)
    assert matrix.lines == [] and matrix.column_totals == [0, 0, 0] and matrix.grand_total == 0
    assert heat_map([unit({}, {})], TOTALS).lines[0][1][0].intensity == 0.0


def test_the_deepest_blue_leaves_dark_text_legible():
    """Dark text (#212529) on the largest cell's blue over white: at least 4.5:1."""
    matrix = heat_map([unit({1: 4, 2: 1}, {})], TOTALS)
    deepest, palest = matrix.lines[0][1][0].shade, matrix.lines[0][1][2].shade
    assert palest == "0.00"

    def luminance(rgb):
        def channel(c):
            c /= 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    alpha = float(deepest)
    blue = [round(255 - alpha * (255 - c)) for c in (13, 110, 253)]
    ratio = (luminance(blue) + 0.05) / (luminance((0x21, 0x25, 0x29)) + 0.05)
    assert ratio >= 4.5
