"""How ``FittedTable`` shares a table's width among its columns (``share_widths``)."""

from __future__ import annotations

from viver_tui.widgets.fitted_table import NARROWEST, WHOLE, WIDE, Share, share_widths

#            code  kind  description  condition  price
NATURAL = [9, 12, 45, 16, 11]
HEADERS = [9, 4, 8, 8, 4]
SHARES = [WHOLE, Share(2), WIDE, Share(2), WHOLE]


def test_room_to_spare_goes_to_the_widest_priority() -> None:
    assert share_widths(NATURAL, HEADERS, SHARES, 120) == [9, 12, 45 + 27, 16, 11]


def test_short_room_keeps_money_and_codes_whole_and_shares_the_rest_by_weight() -> None:
    widths = share_widths(NATURAL, HEADERS, SHARES, 66)
    assert sum(widths) == 66
    assert widths[0] == 9 and widths[4] == 11  # whole, though the others are cut
    assert widths[1] == 12  # needs less than its fair part: gets all of it
    assert widths[2] > widths[3] >= 8  # description weighs most; headers whole


def test_headers_are_cut_before_a_whole_column() -> None:
    widths = share_widths(NATURAL, HEADERS, SHARES, 30)
    assert widths[0] == 9 and widths[4] == 11
    assert all(w >= NARROWEST for w in widths)
    assert sum(widths) == 30


def test_a_column_never_wider_than_its_content_unless_it_is_the_widest() -> None:
    widths = share_widths([5, 5], [3, 3], [Share(1), Share(2)], 30)
    assert widths == [5, 25]
