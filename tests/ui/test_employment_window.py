"""More of the Employment page by key presses and clicks: changing a PA's rate (with the minimum-wage warning),
keeping the insurance certificate, importing a payroll CSV and saving shifts and payslips as CSV."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from ipb_desktop.models.employment import Employee
from ipb_desktop.ui import messages
from ipb_desktop.ui.employment.edit_dialog import EditEmployeeDialog
from ipb_desktop.ui.employment.page import EmploymentPage
from ipb_desktop.ui.shell.main_window import MainWindow
from tests.ui.test_accessibility import unnamed_inputs
from tests.ui.test_employment import _add_pa, _page

CLICK = Qt.MouseButton.LeftButton


def _rates(win: MainWindow) -> list[tuple[dt.date, int]]:
    with win.ctx.store.reading() as s:
        jo = s.scalars(select(Employee)).one()
        return sorted((r.effective_from, r.hourly_pence) for r in jo.rates)


def _edit(qtbot, page: EmploymentPage) -> EditEmployeeDialog:
    page.pas_table.setFocus()
    page.pas_table.selectRow(0)
    qtbot.mouseClick(page.change_pa_button, CLICK)
    dialog = page.dialog
    assert isinstance(dialog, EditEmployeeDialog)
    return dialog


def test_changing_a_pas_rate_warns_below_the_minimum_wage_and_can_be_undone(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    _add_pa(qtbot, page)  # Jo Example, £12.80 an hour from 1 May 2026
    heard: list[str] = []
    messages.bridge().info_shown.connect(heard.append)
    try:
        dialog = _edit(qtbot, page)
        assert dialog.name.text() == "Jo Example" and dialog.usual.text() == "10"
        assert "£12.80" in dialog.now_words.text()
        dialog.rate_from.setDate(QDate(2026, 6, 1))
        qtbot.keyClicks(dialog.rate, "12.50")
        assert "below the legal minimum of £12.71 an hour from 1 April 2026" in dialog.wage_words.text()
        dialog.rate.clear()
        qtbot.keyClicks(dialog.rate, "13.10")
        assert dialog.wage_words.text() == ""
        dialog.rate.clear()
        qtbot.keyClicks(dialog.rate, "12.50")
        dialog.role.clear()
        qtbot.keyClicks(dialog.role, "Personal assistant")
        qtbot.mouseClick(dialog.save_button, CLICK)
        assert page.dialog is None
    finally:
        messages.bridge().info_shown.disconnect(heard.append)
    assert any("below the legal minimum" in h for h in heard)  # said again in the message bar once saved
    assert _rates(open_window) == [(dt.date(2026, 5, 1), 1280), (dt.date(2026, 6, 1), 1250)]
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(Employee)).one().role == "Personal assistant"

    open_window.undo_action.trigger()  # the rate and the role go back together
    assert _rates(open_window) == [(dt.date(2026, 5, 1), 1280)]
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(Employee)).one().role == "Support worker"
    open_window.redo_action.trigger()
    assert _rates(open_window) == [(dt.date(2026, 5, 1), 1280), (dt.date(2026, 6, 1), 1250)]

    dialog = _edit(qtbot, page)  # a PA leaves: the last day is kept, the PA stays in the list as former
    qtbot.keyClick(dialog.has_left, Qt.Key.Key_Space)
    dialog.end.setDate(QDate(2026, 7, 31))
    qtbot.mouseClick(dialog.save_button, CLICK)
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(Employee)).one().end_date == dt.date(2026, 7, 31)
    assert _rates(open_window) == [(dt.date(2026, 5, 1), 1280), (dt.date(2026, 6, 1), 1250)]


def test_the_change_dialog_names_every_input(qtbot, open_window: MainWindow) -> None:
    page = _page(open_window)
    _add_pa(qtbot, page)
    dialog = _edit(qtbot, page)
    assert unnamed_inputs(dialog) == []
    dialog.reject()


def _one_page_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Example Mutual certificate"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_insurance_certificate_is_kept_encrypted_shown_and_a_copy_saved(
    qtbot, open_window: MainWindow, monkeypatch, tmp_path
) -> None:
    from ipb_desktop.models.employment import EmployerCheck
    from ipb_desktop.ui.employment import files
    from ipb_desktop.ui.employment.dialogs import CheckDialog

    certificate = tmp_path / "el-certificate.pdf"
    content = _one_page_pdf()
    assert b"Example Mutual certificate" in content
    certificate.write_bytes(content)
    monkeypatch.setattr(files, "choose_certificate_file", lambda parent: certificate)
    page = _page(open_window)
    qtbot.mouseClick(page.add_check_button, CLICK)
    dialog = page.dialog
    assert isinstance(dialog, CheckDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("el_insurance"))
    qtbot.keyClicks(dialog.reference, "EL-0042")
    qtbot.mouseClick(dialog.choose_document_button, CLICK)
    assert "el-certificate.pdf" in dialog.document_words.text()
    qtbot.mouseClick(dialog.save_button, CLICK)
    assert page.dialog is None
    with open_window.ctx.store.reading() as s:
        check = s.scalars(select(EmployerCheck)).one()
        assert (check.document_name, check.document_media_type, check.document) == (
            "el-certificate.pdf",
            "application/pdf",
            content,
        )
    assert b"Example Mutual certificate" not in open_window.ctx.store.path.read_bytes()  # not readable in the file
    assert [c.document_name for c in page.checks_model.rows] == ["el-certificate.pdf"]

    copy = tmp_path / "copy.pdf"
    monkeypatch.setattr(files, "choose_save_path", lambda parent, title, name: copy)
    qtbot.mouseClick(page.save_document_button, CLICK)
    assert copy.read_bytes() == content
    copy.unlink()

    saved_before = set(tmp_path.iterdir())
    qtbot.mouseClick(page.open_document_button, CLICK)  # shown inside the app: no file is written
    viewer = page.certificate_dialog
    assert viewer is not None and viewer.isVisible()
    assert viewer.pages.page_count() == 1 and "el-certificate.pdf" in viewer.note.text()
    assert set(tmp_path.iterdir()) == saved_before
    qtbot.mouseClick(viewer.save_copy_button, CLICK)
    assert copy.read_bytes() == content
    viewer.reject()

    open_window.undo_action.trigger()  # the check and its certificate go together
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(EmployerCheck)).one().deleted_at is not None


PAYROLL = (
    "Employee,Period start,Period end,Pay date,Hours,Gross pay,PAYE,Employee NI,Employer NI,Net pay\n"
    "Jo Example,2026-05-01,2026-05-31,2026-05-29,40,512.00,0.00,0.00,10.00,512.00\n"
)


def test_a_payroll_csv_is_imported_and_shifts_and_payslips_saved_as_csv(
    qtbot, open_window: MainWindow, monkeypatch, tmp_path
) -> None:
    import csv

    from ipb_desktop.models.employment import Payslip
    from ipb_desktop.ui.employment import files

    page = _page(open_window)
    _add_pa(qtbot, page)
    payroll = tmp_path / "payroll-may.csv"
    payroll.write_text(PAYROLL, encoding="utf-8")
    monkeypatch.setattr(files, "choose_payroll_file", lambda parent: payroll)
    qtbot.mouseClick(page.import_payroll_button, CLICK)
    with open_window.ctx.store.reading() as s:
        slips = s.scalars(select(Payslip).where(Payslip.deleted_at.is_(None))).all()
        assert [(p.pay_date, p.gross_pence, p.employer_ni_pence, p.net_pence) for p in slips] == [
            (dt.date(2026, 5, 29), 51200, 1000, 51200)
        ]
    assert [p.gross_pence for p in page.payslips_model.rows] == [51200]
    assert "HMRC: £10.00" in page.owed_words.text()

    qtbot.mouseClick(page.add_shift_button, CLICK)
    dialog = page.dialog
    dialog.day.setDate(QDate(2026, 5, 12))
    qtbot.keyClicks(dialog.hours, "3.5")
    qtbot.mouseClick(dialog.save_button, CLICK)

    saved = {"shifts": tmp_path / "my-shifts.csv", "payslips": tmp_path / "my-payslips.csv"}
    monkeypatch.setattr(files, "choose_save_path", lambda parent, title, name: saved[name.removesuffix(".csv")])
    qtbot.mouseClick(page.export_shifts_button, CLICK)
    qtbot.mouseClick(page.export_payslips_button, CLICK)
    with saved["shifts"].open(encoding="utf-8-sig") as f:
        shifts = list(csv.DictReader(f))
    assert [(r["date"], r["employee"], r["hours"]) for r in shifts] == [("2026-05-12", "Jo Example", "3.5")]
    with saved["payslips"].open(encoding="utf-8-sig") as f:
        slips_csv = list(csv.DictReader(f))
    assert [(r["pay_date"], r["gross"], r["employer_ni"], r["net"]) for r in slips_csv] == [
        ("2026-05-29", "512.00", "10.00", "512.00")
    ]

    open_window.undo_action.trigger()  # the shift
    open_window.undo_action.trigger()  # the import
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(Payslip).where(Payslip.deleted_at.is_(None))).all() == []


def test_a_bad_payroll_csv_says_which_line_and_imports_nothing(
    qtbot, open_window: MainWindow, monkeypatch, tmp_path
) -> None:
    from ipb_desktop.models.employment import Payslip
    from ipb_desktop.ui.employment import files

    page = _page(open_window)
    _add_pa(qtbot, page)
    payroll = tmp_path / "payroll.csv"
    payroll.write_text(PAYROLL + "Jo Example,2026-06-01,2026-06-30,2026-06-26,40,512.00,0,0,0,500.00\n", "utf-8")
    monkeypatch.setattr(files, "choose_payroll_file", lambda parent: payroll)
    errors: list[str] = []
    messages.bridge().error_shown.connect(errors.append)
    try:
        qtbot.mouseClick(page.import_payroll_button, CLICK)
    finally:
        messages.bridge().error_shown.disconnect(errors.append)
    assert errors and "Nothing was imported" in errors[-1] and "line 3 net" in errors[-1]
    with open_window.ctx.store.reading() as s:
        assert s.scalars(select(Payslip)).all() == []


def test_the_plain_summary_has_a_short_employment_section_once_a_pa_is_added(qtbot, open_window: MainWindow) -> None:
    from ipb_desktop.cli.summary import summary_data, summary_text

    def text() -> str:
        with open_window.ctx.store.reading() as s:
            return summary_text(summary_data(s, dt.date(2026, 5, 1), dt.date(2026, 5, 31), dt.date(2026, 5, 15)))

    assert "Employing personal assistants" not in text()  # no PA, no section
    page = _page(open_window)
    _add_pa(qtbot, page)
    qtbot.mouseClick(page.add_shift_button, CLICK)
    dialog = page.dialog
    dialog.day.setDate(QDate(2026, 5, 12))
    qtbot.keyClicks(dialog.hours, "3.5")
    qtbot.mouseClick(dialog.save_button, CLICK)
    lines = text().splitlines()
    at = lines.index("Employing personal assistants")
    assert lines[at + 1].startswith("  Hours worked: 3.5;")
    assert any(line.startswith("  Jo Example: 3.5 hours worked,") for line in lines[at:])
