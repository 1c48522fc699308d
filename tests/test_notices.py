"""The parent notice of a new contract and the breach notice: their deadlines (business days across
weekends, federal holidays and district closures; 48 hours; the contractor's 30 and 60 days) and the
notices themselves through the real command line."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import docx
import pytest

from clausecheck.analysis.data_categories import find_data_categories, split_list
from clausecheck.errors import UsageError
from clausecheck.letters.deadlines import (
    BusinessCalendar,
    contractor_deadlines,
    family_notice_clocks,
    read_closures,
    response_date,
)
from clausecheck.readers import read_document
from test_letters import DISTRICT, PARTIES, run, write_contract

# --- Five business days ----------------------------------------------------------------------------


@pytest.mark.parametrize(("signed", "due", "why"), [
    ("2024-11-27", "2024-12-05", "Wednesday before Thanksgiving: Thursday is a holiday, Friday counts"),
    ("2024-11-25", "2024-12-03", "Monday of Thanksgiving week"),
    ("2024-06-28", "2024-07-08", "Friday before Independence Day on a Thursday"),
    ("2021-12-27", "2022-01-04", "New Year's Day 2022 on a Saturday is observed on Friday, December 31"),
    ("2025-06-16", "2025-06-24", "Juneteenth on a Thursday"),
    ("2024-12-21", "2024-12-30", "signed on a Saturday: Monday is day one, Christmas Day does not count"),
    ("2024-03-04", "2024-03-11", "an ordinary Monday"),
    ("2024-10-11", "2024-10-21", "Friday before Columbus Day"),
])
def test_the_parent_notice_is_due_five_business_days_after_signing(signed, due, why):
    deadline = BusinessCalendar().add_business_days(date.fromisoformat(signed), 5)
    assert deadline.due == date.fromisoformat(due), why


def test_the_deadline_says_which_days_did_not_count():
    deadline = BusinessCalendar().add_business_days(date(2024, 11, 27), 5)
    assert [(day.isoformat(), reason) for day, reason in deadline.skipped] == [
        ("2024-11-28", "Thanksgiving Day"), ("2024-11-30", "Saturday"), ("2024-12-01", "Sunday")]


def test_a_district_calendar_adds_closures(tmp_path):
    calendar_file = tmp_path / "closures.txt"
    calendar_file.write_text("# Cromwell 2024-25\n2024-11-29  Thanksgiving recess\n\n"
                             "2024-12-23..2025-01-01 Winter recess\n", encoding="utf-8")
    closures = read_closures(calendar_file)
    assert closures[date(2024, 11, 29)] == "Thanksgiving recess" and len(closures) == 11
    calendar = BusinessCalendar(closures)
    assert calendar.add_business_days(date(2024, 11, 27), 5).due == date(2024, 12, 6)
    assert calendar.add_business_days(date(2024, 12, 20), 5).due == date(2025, 1, 8)


@pytest.mark.parametrize(("content", "message"), [
    ("2024-11-29 ok\nnext Tuesday\n", "closures.txt:2: expected a date"),
    ("2024-02-30 leap\n", "closures.txt:1: '2024-02-30' is not a date"),
    ("2024-12-31..2024-12-01 backwards\n", "closures.txt:1: the range ends before it starts"),
])
def test_a_bad_calendar_line_is_reported_with_its_line(tmp_path, content, message):
    (tmp_path / "closures.txt").write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        read_closures(tmp_path / "closures.txt")


def test_a_reply_due_on_a_holiday_or_weekend_moves_to_the_next_business_day():
    calendar = BusinessCalendar()
    moved = response_date(date(2024, 12, 2), 30, None, calendar)
    assert (moved.due, moved.moved_from, moved.moved_because) == (date(2025, 1, 2), date(2025, 1, 1), "New Year's Day")
    plain = response_date(date(2024, 12, 3), 30, None, calendar)
    assert (plain.due, plain.moved_from) == (date(2025, 1, 2), None)
    assert response_date(date(2024, 12, 2), 30, date(2024, 12, 14), calendar).due == date(2024, 12, 14)


# --- Breach clocks ---------------------------------------------------------------------------------

def test_families_are_notified_within_48_hours_by_policy_and_two_business_days_by_statute():
    notified = datetime(2024, 11, 27, 16, 30)
    policy, statute = family_notice_clocks(notified, None, BusinessCalendar())
    assert (policy.due, policy.source) == (datetime(2024, 11, 29, 16, 30), "board policy")
    assert statute.due == datetime(2024, 12, 2, 16, 30)  # Thanksgiving Day does not count
    assert statute.source == "Conn. Gen. Stat. § 10-234dd, as amended by P.A. 17-200"
    assert family_notice_clocks(notified, 24, BusinessCalendar())[0].due == datetime(2024, 11, 28, 16, 30)


def test_the_contractors_own_deadlines_run_from_discovery():
    discovered = datetime(2024, 11, 1, 9, 0)
    clocks = {clock.duty: clock for clock in contractor_deadlines(discovered, datetime(2024, 12, 15, 10, 0))}
    assert clocks["contractor-to-board-statute"].due == date(2024, 12, 1)
    assert clocks["contractor-to-board-statute"].met is False
    assert clocks["contractor-to-board-contract"].due == datetime(2024, 11, 3, 9, 0)
    sixty = contractor_deadlines(discovered, datetime(2024, 12, 15, 10, 0), 0, "only-directory-records-content")
    assert [(clock.duty, clock.due, clock.met) for clock in sixty] == \
        [("contractor-to-board-statute", date(2024, 12, 31), True)]
    assert contractor_deadlines(discovered, None)[0].met is None


# --- The data the contract covers ------------------------------------------------------------------

def test_the_data_categories_come_from_the_contracts_data_schedule(tmp_path):
    document = docx.Document()
    document.add_paragraph(PARTIES)
    document.add_heading("Exhibit A. Student Data Collected", 1)
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("Category", "Examples", "Purpose"),
                                       ("Enrollment and roster", "Name, student ID, grade", "Accounts"),
                                       ("Learning activity", "Scores, time on task", "Teacher reports")]):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    document.save(tmp_path / "dpa.docx")
    found = find_data_categories(read_document(tmp_path / "dpa.docx"))
    assert found.categories == ("Enrollment and roster (name, student ID, grade)",
                                "Learning activity (scores, time on task)")
    assert found.source == "Exhibit A. Student Data Collected"


def test_the_data_categories_come_from_the_definition_of_student_data(tmp_path):
    contract = write_contract(tmp_path / "msa.docx", [
        '"Student Data" means any information that relates to an identified student, including names, student '
        'identification numbers, grade levels, assessment results and written work entered into the Services.'])
    found = find_data_categories(read_document(contract))
    assert found.categories == ("names", "student identification numbers", "grade levels", "assessment results",
                                "written work")


def test_a_list_of_data_is_split_into_its_items():
    assert split_list("first and last name; grade level; e-mail address.") == \
        ["first and last name", "grade level", "e-mail address"]
    assert split_list("names, grades, and/or photos") == ["names", "grades", "photos"]


# --- The parent notice through the command line ----------------------------------------------------

@pytest.fixture
def signed_contract(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return write_contract(tmp_path / "brightpath.docx", [
        "Provider collects the following student data: first and last name, grade level, reading scores."])


PURPOSE = ["--purpose", "Students practise reading in class and at home."]


def test_the_parent_notice_states_the_date_vendor_purpose_and_data(capsys, signed_contract):
    code, out, err = run(capsys, "notice", str(signed_contract), "--signed", "2024-11-27", *PURPOSE, *DISTRICT,
                         "--date", "2024-11-29", "-o", "-", "--contract-url", "https://cromwell.example/contracts")
    assert code == 0, err
    assert "# Notice of a new contract with Brightpath Learning, Inc." in out
    assert "The Cromwell Public Schools Board of Education has entered into a contract with Brightpath Learning, " \
           "Inc., executed (signed) on November 27, 2024. Under" in out
    assert "Purpose: Students practise reading in class and at home." in out
    assert "- first and last name\n- grade level\n- reading scores\n" in out
    assert "posted on the Board's website at https://cromwell.example/contracts." in out
    assert "Due by Thursday, December 5, 2024 (5 business days after the contract was executed on Wednesday, " \
           "November 27, 2024; not counted: Thu Nov 28 Thanksgiving Day)" in " ".join(err.split())
    assert "student information taken from the contract" in err


def test_the_parent_notice_for_the_website_is_a_standalone_html_page(capsys, signed_contract):
    code, out, _ = run(capsys, "notice", str(signed_contract), "--signed", "2024-11-27", *PURPOSE, *DISTRICT,
                       "--data", "Names & <grades>", "--date", "2024-11-29", "-f", "html", "-o", "-")
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert "<h1>Notice of a new contract with Brightpath Learning, Inc.</h1>" in out
    assert "<li>Names &amp; &lt;grades&gt;</li>" in out and "reading scores" not in out


def test_the_parent_notice_is_written_to_a_file_by_default(capsys, signed_contract):
    code, _, _ = run(capsys, "notice", str(signed_contract), "--signed", "2024-11-27", *PURPOSE, *DISTRICT,
                     "-f", "txt", "--date", "2024-11-29")
    assert code == 0
    text = (signed_contract.parent / "brightpath-parent-notice.txt").read_text(encoding="utf-8")
    assert text.startswith("Cromwell Public Schools\n")


def test_a_late_notice_is_flagged(capsys, signed_contract):
    code, _, err = run(capsys, "notice", str(signed_contract), "--signed", "2024-11-27", *PURPOSE, *DISTRICT,
                       "--date", "2024-12-06", "-o", "-")
    assert code == 0 and "after its deadline" in err


def test_the_parent_notice_needs_its_purpose_and_data(capsys, signed_contract, tmp_path):
    code, _, err = run(capsys, "notice", str(signed_contract), "--signed", "2024-11-27", *DISTRICT, "-o", "-")
    assert code == 2 and "--purpose" in err
    bare = write_contract(tmp_path / "bare.docx", ["Provider will provide reading practice."])
    code, _, err = run(capsys, "notice", str(bare), "--signed", "2024-11-27", *PURPOSE, *DISTRICT, "-o", "-")
    assert code == 2 and "--data" in err
    code, _, err = run(capsys, "notice", str(bare), "--signed", "27/11/2024", *PURPOSE, *DISTRICT, "-o", "-")
    assert code == 2 and "YYYY-MM-DD" in err


def test_a_district_closure_moves_the_notice_deadline(capsys, signed_contract):
    (signed_contract.parent / "closures.txt").write_text("2024-11-29 Thanksgiving recess\n", encoding="utf-8")
    code, _, err = run(capsys, "notice", str(signed_contract), "--signed", "2024-11-27", *PURPOSE, *DISTRICT,
                       "--calendar", "closures.txt", "--date", "2024-11-29", "-o", "-")
    assert code == 0
    assert "by Friday, December 6, 2024" in " ".join(err.split())


# --- The breach notice through the command line ----------------------------------------------------

BREACH = ["--vendor", "BrightPath Learning, Inc.", "--vendor-notified", "2024-11-27 16:30",
          "--service", "an online reading program", "--data", "student names", "--data", "reading scores"]


def test_the_breach_notice_tells_families_what_happened_and_what_was_involved(capsys, signed_contract):
    code, out, err = run(capsys, "breach-notice", *BREACH, *DISTRICT, "--date", "2024-11-28", "-o", "-")
    assert code == 0, err
    assert "# Notice of a data security incident involving BrightPath Learning, Inc." in out
    assert "BrightPath Learning, Inc., which provides an online reading program to Cromwell Public Schools, notified " \
           "the Cromwell Public Schools Board of Education on November 27, 2024 of a security incident" \
           in " ".join(out.split())
    assert "- student names\n- reading scores\n" in out
    assert "Notify the affected students and their parents, legal guardians or authorized representatives, " \
           "electronically, by Friday, November 29, 2024 at 4:30 PM" in " ".join(err.split())
    assert "Post notice of the breach on the Board's website" in err


def test_the_breach_checklist_shows_the_contractors_deadlines_and_flags_a_late_notice(capsys, signed_contract):
    code, _, err = run(capsys, "breach-notice", *BREACH, "--discovered", "2024-10-01 09:00", *DISTRICT,
                       "--date", "2024-11-28", "-o", "notice.md", "--checklist", "checklist.md")
    assert code == 0
    checklist = (signed_contract.parent / "checklist.md").read_text(encoding="utf-8")
    flat = " ".join(checklist.split())
    assert "at most 30 days after discovering the breach): due Thursday, October 31, 2024: LATE" in flat
    assert "60 days after discovering" not in flat  # the kind of information involved is not known: 30 days
    assert "at most 48 hours after it becomes aware of or suspects unauthorized access): due Thursday, October 3, " \
           "2024 at 9:00 AM: LATE" in flat
    assert "was late" in err
    assert (signed_contract.parent / "notice.md").read_text(encoding="utf-8").startswith("**Cromwell Public Schools**")


def test_the_statutes_two_business_days_are_shown_beside_the_policys_hours(capsys, signed_contract):
    code, _, err = run(capsys, "breach-notice", *BREACH, *DISTRICT, "--hours", "24", "--date", "2024-11-28", "-o", "-")
    assert code == 0
    flat = " ".join(err.split())
    assert "Limit under board policy: within 24 hours of the contractor's notice to the board, due Thursday, " \
           "November 28, 2024 at 4:30 PM." in flat
    assert "electronically, within two business days of the contractor's notice to the board, due Monday, " \
           "December 2, 2024 at 4:30 PM." in flat


def test_the_breach_notice_is_a_docx_too(capsys, signed_contract):
    code, _, _ = run(capsys, "breach-notice", *BREACH, *DISTRICT, "--date", "2024-11-28", "-f", "docx",
                     "-o", "breach.docx")
    assert code == 0
    lines = [paragraph.text for paragraph in docx.Document(str(signed_contract.parent / "breach.docx")).paragraphs]
    assert lines[0] == "Cromwell Public Schools"
    assert "What information was involved" in lines and "student names" in lines
