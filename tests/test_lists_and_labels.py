"""Lists are read with their lead-in, and labels are never evidence: headings, run-in titles, a table's
header row, a row's topic cell, recitals and template placeholders name a subject or give background, but
commit nobody to anything.

Each contract is written once in the samples' markup and rendered as a Word file (numbered lists,
heading styles, real tables), as the PDF LibreOffice prints from it and as Markdown; one run of the
command line checks them all.
"""

from __future__ import annotations

import pytest

from rendering import check_rendered, findings_of, render_contracts

CONTRACTS = {
    "prohibited-uses": """\
# Data Privacy Agreement

## 4. Prohibited Uses

Provider shall not:

#a. sell Student Data or any information derived from it;

#a. use Student Data to direct targeted advertising to students; or

#a. build a profile of a student for any purpose other than school purposes.
""",
    "permitted-uses": """\
# Vendor Terms

## 4. Use of Information

Provider may, at its discretion:

#a. sell Student Data to its business partners;

#a. use Student Data to show targeted advertising to students; and

#a. keep Student Data for as long as it wishes after the agreement ends.
""",
    # Each label below would give a verdict if it were a clause: see "labels-as-clauses".
    "labels": """\
# Vendor Terms

WHEREAS, the District requires that Provider shall not sell student data; and

WHEREAS, Provider shall notify the District within seventy-two (72) hours of any breach of student data;

NOW, THEREFORE, the parties agree as follows.

## 5. Selling Student Information

## 6. Targeted Advertising to Students

Provider will publish a product roadmap each school year.

7.1 No Sale of Student Data. Provider may share de-identified statistics with researchers.

[Provider complies with FERPA, 20 U.S.C. 1232g]
""",
    "labels-as-clauses": """\
# Vendor Terms

Provider shall not sell student data.

Provider shall notify the District within seventy-two (72) hours of any breach of student data.

Provider may be selling student information.

Provider may use targeted advertising to students.

Provider complies with FERPA, 20 U.S.C. 1232g.
""",
    "table-header": """\
# Data Schedule

| Selling student information | Retention of student data after the agreement ends |
| Section 5 | Section 8 |
""",
    "topic-rows": """\
# Data Schedule

| Topic | Provider's commitment |
| Breach notification | Within forty-eight (48) hours of discovery |
| Data retention | Deleted within thirty (30) days after termination of the agreement |
| Selling student information | See Section 5 |
| Targeted advertising to students | See Section 6 |
""",
    "prohibited-rows": """\
# Data Schedule

| Use of student data | Allowed? |
| Sale of student data | Prohibited |
| Targeted advertising to students | Not permitted |
""",
}
FORMATS = ("docx", "pdf", "markdown")


@pytest.fixture(scope="module")
def reports(tmp_path_factory, soffice) -> dict[str, dict[str, dict]]:
    rendered = render_contracts(CONTRACTS, tmp_path_factory.mktemp("lists-and-labels"), FORMATS)
    return check_rendered(rendered)


def finding(reports, contract: str, kind: str, provision: str) -> dict:
    return findings_of(reports[contract][kind])[provision]


def quote(found: dict) -> str:
    return " ".join(found["evidence"][0]["quote"].split())


# --- a list read with its lead-in ---------------------------------------------------------------------

@pytest.mark.parametrize("kind", FORMATS)
def test_a_lead_in_negation_reaches_every_item_and_the_quote_shows_the_lead_in(reports, kind):
    for provision, item in (("no-sale", "(a) sell Student Data"),
                            ("no-advertising-use", "(b) use Student Data to direct targeted advertising"),
                            ("no-profiling", "(c) build a profile of a student")):
        found = finding(reports, "prohibited-uses", kind, provision)
        assert found["status"] == "present", (provision, found["reason"])
        assert quote(found).startswith("Provider shall not: \u2026 " + item), quote(found)


@pytest.mark.parametrize("kind", FORMATS)
def test_items_under_a_permissive_lead_in_are_conflicts(reports, kind):
    for provision, item in (("no-sale", "(a) sell Student Data to its business partners"),
                            ("no-advertising-use", "(b) use Student Data to show targeted advertising"),
                            ("no-retention-after-completion", "(c) keep Student Data for as long as it wishes")):
        found = finding(reports, "permitted-uses", kind, provision)
        assert found["status"] == "conflict", (provision, found["reason"])
        assert quote(found).startswith("Provider may, at its discretion: \u2026 " + item), quote(found)


# --- labels are never evidence ------------------------------------------------------------------------

def test_the_labels_words_written_as_clauses_do_give_verdicts(reports):
    """The control for the next test: without their label form, the same words decide five provisions."""
    found = {provision: item["status"] for provision, item in findings_of(reports["labels-as-clauses"]["docx"]).items()
             if item["status"] != "missing"}
    assert found == {"no-sale": "conflict", "breach-notification": "conflict", "no-advertising-use": "conflict",
                     "use-limitation": "conflict", "ferpa-compliance": "present"}


@pytest.mark.parametrize("kind", FORMATS)
def test_headings_run_in_titles_recitals_and_placeholders_are_never_evidence(reports, kind):
    found = {provision: (item["status"], item["reason"])
             for provision, item in findings_of(reports["labels"][kind]).items() if item["status"] != "missing"}
    assert found == {}


@pytest.mark.parametrize("kind", FORMATS)
def test_a_tables_header_row_is_never_evidence(reports, kind):
    found = {provision: (item["status"], item["reason"])
             for provision, item in findings_of(reports["table-header"][kind]).items() if item["status"] != "missing"}
    assert found == {}


# --- a table row whose first cell is its topic ---------------------------------------------------------

@pytest.mark.parametrize("kind", FORMATS)
def test_a_rows_topic_cell_counts_with_a_row_that_commits_and_never_alone(reports, kind):
    breach = finding(reports, "topic-rows", kind, "breach-notification")
    assert breach["status"] == "present", breach["reason"]
    assert quote(breach) == "Breach notification | Within forty-eight (48) hours of discovery"
    retention = finding(reports, "topic-rows", kind, "no-retention-after-completion")
    assert retention["status"] == "present", retention["reason"]
    assert quote(retention).startswith("Data retention | Deleted within thirty (30) days")
    for provision in ("no-sale", "no-advertising-use", "use-limitation"):  # rows that point to Sections 5 and 6
        assert finding(reports, "topic-rows", kind, provision)["status"] == "missing", provision


@pytest.mark.parametrize("kind", FORMATS)
def test_a_row_whose_value_forbids_its_topic_is_a_promise(reports, kind):
    for provision in ("no-sale", "no-advertising-use"):
        found = finding(reports, "prohibited-rows", kind, provision)
        assert found["status"] == "present", (provision, found["reason"])
