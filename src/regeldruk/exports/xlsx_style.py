"""The look every regeldruk workbook shares: the blue header row and the print set-up."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
PERCENT = "0.0%"
RATIO = "0.0"


def style_header(cells: Iterable[Any]) -> None:
    for cell in cells:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL


def setup_sheet(ws: Any, widths: list[int], freeze: str | None, fit_width: bool = True) -> None:
    """Column widths, frozen header, landscape A4, printed to the page width if it fits.

    Excel ignores fitToWidth unless the sheet's fitToPage flag is set as well; fitToHeight
    0 lets a long sheet run over as many pages as it needs. A sheet of long texts is
    better printed over several pages than shrunk until nobody can read it: fit_width False.
    """
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = freeze
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    if fit_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
