"""Chart geometry: bars in proportion to their values, nothing drawn for nothing to show, round axis tops."""

import pytest

from motcua.indicators.charts import Datum, column_chart, nice_ceiling, row_chart


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (230, 250), (999, 1000)]
)
def test_axis_top_is_round_and_not_below_the_largest_value(value, top):
    assert nice_ceiling(value) == top


def test_columns_are_in_proportion_and_stand_on_the_same_baseline():
    chart = column_chart(
        [Datum("01", 1.0, "100%"), Datum("02", 0.5, "50%"), Datum("03", None, "—"), Datum("04", 1.7, "170%")],
        maximum=1.0,
        grid=[(0.0, "0%"), (1.0, "100%")],
    )
    full, half, empty, clipped = chart.bars
    assert half.height == pytest.approx(full.height / 2, abs=0.1)
    assert empty.height == 0 and clipped.height == full.height  # nothing drawn for None; never above the top
    assert [bar.y + bar.height for bar in chart.bars] == pytest.approx([full.y + full.height] * 4)
    assert chart.grid[1].y1 == full.y  # the 100% line at the top of a full bar
    assert all(bar.x >= 0 and bar.x + bar.width <= chart.width for bar in chart.bars)


def test_rows_grow_with_the_number_of_agencies_and_scale_their_width():
    rows = row_chart([Datum("A", 0.25, "25%"), Datum("B", 1.0, "100%")], maximum=1.0, grid=[])
    quarter, full = rows.bars
    assert quarter.width == pytest.approx(full.width / 4, abs=0.1)
    assert rows.height < row_chart([Datum(str(i), 1.0, "") for i in range(5)], maximum=1.0, grid=[]).height
    assert full.value_x > full.x + full.width  # the value is written after the bar's end
