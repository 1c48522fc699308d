"""What the parent notice and the breach notice say about the law, read from the files the real command
line writes: each duty with its source (board policy, Conn. Gen. Stat. section, public act), the Board
of Education as the party, both limits for telling families, the contractor's limit by the kind of
information involved, and nothing about a contract's protections that the notice did not check."""

from __future__ import annotations

import html
import re
from datetime import datetime, time, timedelta
from pathlib import Path

import docx
import pytest

from clausecheck.letters.deadlines import BusinessCalendar, family_notice_clocks
from test_letters import DISTRICT, run, write_contract

PURPOSE = ["--purpose", "Students practise reading in class and at home."]
BREACH = ["--vendor", "BrightPath Learning, Inc.", "--data", "student names"]


@pytest.fixture
def marketing_contract(workdir: Path) -> Path:
    """A contract whose terms protect nothing: it lists the data, lets the vendor market to students and
    keeps the data as long as it likes."""
    return write_contract(workdir / "brightpath.docx", [
        "Provider collects the following student data: first and last name, grade level, reading scores.",
        "Provider may use student information to show students advertisements for products we think they will like.",
        "Provider may retain student information for as long as it considers necessary for its business purposes.",
    ])


def docx_text(path: Path) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)


def html_text(path: Path) -> str:
    """The words of an HTML page, tags removed and entities decoded, one space between words."""
    source = path.read_text(encoding="utf-8")
    body = source[source.index("<body"):]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Sentences and semicolon-separated clauses; "Conn. Gen. Stat." ends none of them."""
    return re.split(r"(?<!Conn\.)(?<!Gen\.)(?<!Stat\.)(?<=[.;])\s+(?=[A-Z])", flat(text))


# --- The parent notice -----------------------------------------------------------------------------

def test_the_parent_notice_gives_the_policys_notice_and_the_statutes_posting_their_own_sources(
        capsys, marketing_contract):
    code, _, err = run(capsys, "notice", str(marketing_contract), "--signed", "2024-11-27", *PURPOSE, *DISTRICT,
                       "--date", "2024-11-29", "-f", "docx", "-o", "notice.docx")
    assert code == 0, err
    text = flat(docx_text(marketing_contract.parent / "notice.docx"))
    assert "The Board's policy on student data privacy asks the Board to send this notice electronically to the " \
           "students affected by such a contract and to their parents, legal guardians or authorized " \
           "representatives within five business days of executing the contract." in text
    assert "Connecticut law (Conn. Gen. Stat. § 10-234bb, as amended by Public Act 18-125) requires the Board to " \
           "post notice of the contract, and the contract itself, on the Board's website." in text
    # P.A. 18-125 removed the statute's duty to notify each family: no sentence says the law requires telling them.
    for sentence in sentences(text):
        if re.search(r"Connecticut law|§ 10-234bb", sentence):
            assert not re.search(r"requires[^.]*\b(tell|notify|send)\b", sentence), sentence
    assert "executed (signed) on November 27, 2024" in text
    # The terminal names the source of each duty and the deadline they share.
    said = flat(err)
    assert "send it electronically to the affected students and their parents, legal guardians or authorized " \
           "representatives (board policy), and post it with the contract on the Board's website (Conn. Gen. " \
           "Stat. § 10-234bb; board policy)." in said


def test_the_parent_notice_names_the_board_of_education_as_the_party(capsys, marketing_contract):
    common = ["notice", str(marketing_contract), "--signed", "2024-11-27", *PURPOSE, "--date", "2024-11-29",
              "-f", "txt", "-o", "-"]
    code, out, err = run(capsys, *common, "--district", "Millbrook Public Schools")
    assert code == 0, err
    assert "The Millbrook Public Schools Board of Education has entered into a contract with Brightpath " \
           "Learning, Inc." in flat(out)
    assert "The contract is the Student Data Privacy Agreement between the Millbrook Public Schools Board of " \
           "Education and Brightpath Learning, Inc." in flat(out)

    code, out, _ = run(capsys, *common, "--district", "Millbrook Public Schools", "--board",
                       "Millbrook Board of Education")
    assert code == 0 and "The Millbrook Board of Education has entered into a contract" in flat(out)

    (marketing_contract.parent / ".clausecheck.yaml").write_text(
        "district:\n  name: Cromwell Public Schools\n  board: The Cromwell Board of Education\n", encoding="utf-8")
    code, out, _ = run(capsys, *common)
    assert code == 0
    assert "The Cromwell Board of Education has entered into a contract" in flat(out)
    assert out.startswith("Cromwell Public Schools\n")  # the letterhead is still the district's


def test_a_district_named_as_its_board_is_not_given_a_second_board(capsys, marketing_contract):
    code, out, _ = run(capsys, "notice", str(marketing_contract), "--signed", "2024-11-27", *PURPOSE,
                       "--district", "Town of Example Board of Education", "--date", "2024-11-29", "-o", "-")
    assert code == 0
    assert "The Town of Example Board of Education has entered into a contract" in flat(out)
    assert "Board of Education Board of Education" not in out


def test_a_misspelt_board_setting_is_refused_naming_the_known_ones(capsys, marketing_contract):
    (marketing_contract.parent / ".clausecheck.yaml").write_text(
        "district:\n  name: Cromwell Public Schools\n  bored: Cromwell Board of Education\n", encoding="utf-8")
    code, _, err = run(capsys, "notice", str(marketing_contract), "--signed", "2024-11-27", *PURPOSE, "-o", "-")
    assert code == 2
    assert "unknown district setting 'bored'" in err and "board" in err and "Traceback" not in err


def test_the_parent_notice_says_what_the_law_requires_not_what_this_contract_provides(capsys, marketing_contract):
    # The contract allows advertising to students and keeps data at will: the notice must not tell parents
    # that the contract protects them, only what Connecticut law requires of such contracts and operators.
    code, _, err = run(capsys, "notice", str(marketing_contract), "--signed", "2024-11-27", *PURPOSE, *DISTRICT,
                       "--date", "2024-11-29", "-f", "html", "-o", "notice.html")
    assert code == 0, err
    text = html_text(marketing_contract.parent / "notice.html")
    assert "What Connecticut law requires" in text
    assert "Connecticut law requires every contract under which a contractor holds student information, student " \
           "records or student-generated content for a board of education to include, among other terms (Conn. " \
           "Gen. Stat. § 10-234bb): a statement that this information is not the property of or under the control " \
           "of the contractor; a description of how the Board may request its deletion;" in text
    assert "unless a student, parent or legal guardian chooses to keep an account for storing student-generated " \
           "content." in text
    page = (marketing_contract.parent / "notice.html").read_text(encoding="utf-8")
    assert page.count("<li>") == 3 + 7  # the three kinds of data, then the seven terms, as lists
    advertising = [sentence for sentence in sentences(text) if "advertising" in sentence]
    assert advertising and all("operator" in sentence and "§ 10-234cc" in sentence for sentence in advertising)
    assert "except as part of a purchase, merger or acquisition in which the successor stays bound" in text
    assert not re.search(r"\bthe contract (requires|protects|prohibits|forbids|ensures|keeps|never)\b", text, re.I)
    assert not re.search(r"\bnever\b", text)
    assert "This is a summary of what the law requires, not a review of the contract's wording." in text


def test_the_parent_notice_greets_students_parents_guardians_and_authorized_representatives(capsys, marketing_contract):
    code, out, _ = run(capsys, "notice", str(marketing_contract), "--signed", "2024-11-27", *PURPOSE, *DISTRICT,
                       "--date", "2024-11-29", "-f", "txt", "-o", "-")
    assert code == 0
    assert "Dear students, parents, legal guardians and authorized representatives," in out


def test_the_notice_help_names_the_policy_the_statute_and_the_public_act(capsys, workdir):
    code, out, _ = run(capsys, "notice", "--help")
    assert code == 0
    said = flat(out)
    assert "Board policy: electronic notice to the affected students and their parents, legal guardians or " \
           "authorized representatives within five business days of executing the contract" in said
    assert "P.A. 18-125 removed the statute's own notice to each family" in said
    assert "requires posting notice of the contract, and the contract, on the Board's website" in said
    assert "--board" in said


# --- The breach notice: the Board's limits to notify families --------------------------------------

@pytest.mark.parametrize(("notified", "hours", "due", "first"), [
    # Wednesday before Thanksgiving: 48 hours end Friday; the second business day is Monday.
    ("2024-11-27 16:30", None, "Friday, November 29, 2024 at 4:30 PM", "the limit under board policy comes first"),
    # Friday morning: 48 hours end on Sunday; two business days end on Tuesday.
    ("2024-12-06 10:00", None, "Sunday, December 8, 2024 at 10:00 AM", "the limit under board policy comes first"),
    # Monday: both end on Wednesday at the same time.
    ("2024-12-02 09:00", None, "Wednesday, December 4, 2024 at 9:00 AM", "when both limits below run out"),
    # A district whose own policy allows 120 hours: the statute's two business days come first.
    ("2024-12-02 09:00", "120", "Wednesday, December 4, 2024 at 9:00 AM",
     "the limit under Conn. Gen. Stat. § 10-234dd, as amended by P.A. 17-200 comes first"),
])
def test_the_checklist_shows_both_limits_for_families_with_their_sources_and_which_comes_first(
        capsys, workdir, notified, hours, due, first):
    extra = ["--hours", hours] if hours else []
    code, _, err = run(capsys, "breach-notice", *BREACH, "--vendor-notified", notified, *extra, *DISTRICT,
                       "--date", notified[:10], "-o", "notice.md", "--checklist", "checklist.md")
    assert code == 0, err
    checklist = flat((workdir / "checklist.md").read_text(encoding="utf-8"))
    assert f"Notify the affected students and their parents, legal guardians or authorized representatives, " \
           f"electronically, by {due}{':' if 'comes first' in first else ','} {first}." in checklist
    assert f"Limit under board policy: within {hours or 48} hours of the contractor's notice to the board, due" \
           in checklist
    assert "Limit under Conn. Gen. Stat. § 10-234dd, as amended by P.A. 17-200: electronically, within two " \
           "business days of the contractor's notice to the board, due" in checklist
    assert "Post notice of the breach on the Board's website (Conn. Gen. Stat. § 10-234dd; board policy: \"as " \
           "required\")." in checklist.replace("\\", "")


def test_the_policys_48_hours_never_end_after_the_statutes_two_business_days():
    calendar = BusinessCalendar()
    day = datetime(2024, 1, 1)
    while day.year < 2026:
        for moment in (time(0, 0), time(9, 30), time(23, 59)):
            policy, statute = family_notice_clocks(datetime.combine(day.date(), moment), None, calendar)
            assert policy.due <= statute.due, day
        day += timedelta(days=1)


def test_the_notice_to_families_states_both_limits_the_website_posting_and_no_promise_about_the_contract(
        capsys, workdir):
    code, _, err = run(capsys, "breach-notice", *BREACH, "--vendor-notified", "2024-11-27 16:30", *DISTRICT,
                       "--date", "2024-11-28", "-f", "docx", "-o", "breach.docx")
    assert code == 0, err
    text = flat(docx_text(workdir / "breach.docx"))
    assert "Dear students, parents, legal guardians and authorized representatives," in text
    assert "Connecticut law requires the Board to notify the affected students and parents electronically within " \
           "two business days of a contractor's notice of a breach (Conn. Gen. Stat. § 10-234dd, as amended by " \
           "Public Act 17-200), and the Board's policy asks it to notify them within 48 hours." in text
    assert "The Board is also posting notice of this incident on its website." in text
    assert "notified the Cromwell Public Schools Board of Education on November 27, 2024" in text
    assert not re.search(r"\bthe contract requires\b", text, re.I)


# --- The breach notice: the contractor's limits ----------------------------------------------------

@pytest.mark.parametrize(("involved", "days", "due", "note"), [
    ([], 30, "Thursday, October 31, 2024",
     "The kind of information involved is not known, so the 30-day limit applies: the limit is 60 days only when "
     "the breach involved nothing but directory information, student records or student-generated content."),
    (["--information-involved", "student-information"], 30, "Thursday, October 31, 2024",
     "Student information other than directory information was involved, so the 30-day limit applies."),
    (["--information-involved", "Only-Directory-Records-Content"], 60, "Saturday, November 30, 2024",
     "Only directory information, student records or student-generated content was involved, so the 60-day limit "
     "applies; if any other student information was involved, the limit is 30 days."),
])
def test_the_contractors_statutory_limit_follows_the_kind_of_information_involved(
        capsys, workdir, involved, days, due, note):
    code, _, err = run(capsys, "breach-notice", *BREACH, "--vendor-notified", "2024-11-15 16:30", "--discovered",
                       "2024-10-01 09:00", *involved, *DISTRICT, "--date", "2024-11-15", "-f", "docx",
                       "-o", "breach.docx", "--checklist", "checklist.docx")
    assert code == 0, err
    checklist = flat(docx_text(workdir / "checklist.docx"))
    verdict = "LATE" if days == 30 else "met"
    assert f"Contractor's notice to the board under Conn. Gen. Stat. § 10-234dd and board policy (without " \
           f"unreasonable delay and at most {days} days after discovering the breach): due {due}: {verdict}" \
           in checklist
    assert note in checklist
    assert ("late under Conn. Gen. Stat. § 10-234dd and board policy" in flat(err)) == (verdict == "LATE")
    assert "late under the contract, if it follows board policy item 6" in flat(err)
    other = 60 if days == 30 else 30
    assert f"at most {other} days after discovering" not in checklist


def test_an_unknown_kind_of_information_is_refused_with_the_values_it_may_take(capsys, workdir):
    code, _, err = run(capsys, "breach-notice", *BREACH, "--vendor-notified", "2024-11-15 16:30",
                       "--information-involved", "grades", *DISTRICT)
    assert code == 2
    assert "--information-involved must be one of unknown, student-information, only-directory-records-content, " \
           "not 'grades'" in flat(err)
    assert "Traceback" not in err and list(workdir.iterdir()) == []  # nothing written


def test_the_kind_of_information_without_the_discovery_date_is_pointed_out(capsys, workdir):
    code, _, err = run(capsys, "breach-notice", *BREACH, "--vendor-notified", "2024-11-15 16:30",
                       "--information-involved", "student-information", *DISTRICT, "-o", "-")
    assert code == 0
    assert "give --discovered to see it" in flat(err) and "Contractor's notice to the board" not in err


@pytest.mark.parametrize(("given", "expected", "absent"), [
    ([], "under the contract, if it follows board policy item 6 (as soon as practical and at most 48 hours after it "
         "becomes aware of or suspects unauthorized access): due Thursday, October 3, 2024 at 9:00 AM: LATE", None),
    (["--contract-hours", "72"], "under the contract's own term (at most 72 hours after it becomes aware of the "
                                 "breach): due Friday, October 4, 2024 at 9:00 AM: LATE", "policy item 6"),
    (["--contract-hours", "0"], None, "under the contract"),
])
def test_the_contracts_own_term_follows_the_policy_only_if_the_contract_does(capsys, workdir, given, expected, absent):
    code, _, err = run(capsys, "breach-notice", *BREACH, "--vendor-notified", "2024-11-15 16:30", "--discovered",
                       "2024-10-01 09:00", *given, *DISTRICT, "--date", "2024-11-15", "-o", "notice.md",
                       "--checklist", "checklist.txt", "-f", "txt")
    assert code == 0, err
    checklist = flat((workdir / "checklist.txt").read_text(encoding="utf-8"))
    if expected:
        assert expected in checklist
    if absent:
        assert absent not in checklist
    assert "under Conn. Gen. Stat. § 10-234dd and board policy" in checklist


def test_a_negative_contract_term_is_refused(capsys, workdir):
    code, _, err = run(capsys, "breach-notice", *BREACH, "--vendor-notified", "2024-11-15 16:30", "--discovered",
                       "2024-10-01 09:00", "--contract-hours", "-5", *DISTRICT, "-o", "-")
    assert code == 2 and "--contract-hours cannot be negative" in err


def test_the_breach_notice_help_documents_both_clocks_and_the_kinds_of_information(capsys, workdir):
    code, out, _ = run(capsys, "breach-notice", "--help")
    assert code == 0
    said = re.sub(r"-\s+", "-", flat(out))  # the help wraps lines at hyphens
    for words in ("board policy, 48 hours", "Conn. Gen. Stat. § 10-234dd as amended by P.A. 17-200, electronically "
                  "within two business days", "--information-involved", "'student-information'",
                  "'only-directory-records-content'", "'unknown' (the 30-day limit applies)",
                  "authorized representatives", "Board's website"):
        assert words in said, words
    assert "--business-days" not in said  # the statute's two business days are always shown, not an alternative
