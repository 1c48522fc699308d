"""Verdicts on wording written apart from the corpus the rulebook was tuned on (typical DPA and ToS
phrasing), one sentence at a time: a guard against rules that only know the corpus's phrases."""

import pytest

from clausecheck.document import DocumentBuilder
from clausecheck.engine import check_document
from clausecheck.rulebook import load_rulebook

CASES = [
    ("disclosure-limits", "present", "Vendor will not disclose Student Data to any third party without the prior "
     "written consent of the District, except to subcontractors bound by confidentiality obligations at least as "
     "protective as this DPA."),
    ("disclosure-limits", "conflict", "Company may disclose user information to its affiliates and business partners "
     "for their marketing purposes."),
    ("no-retention-after-completion", "present", "Upon expiration or termination of the Agreement, Vendor shall destroy "
     "all Student Data in its possession within sixty (60) days and certify such destruction in writing."),
    ("no-retention-after-completion", "missing", "Vendor may retain anonymized data indefinitely to improve its products."),
    ("no-retention-after-completion", "conflict", "Company will retain your personal data for seven years after your "
     "account is closed."),
    ("review-and-correction", "present", "Parents may request to inspect and review their child's education records and "
     "request corrections of any inaccurate information."),
    ("breach-notification", "conflict", "Vendor shall notify the District of a Data Breach within seventy-two (72) hours "
     "of discovery."),
    ("breach-notification", "present", "Vendor shall notify the District within one (1) calendar day of discovering a "
     "breach of Student Data."),
    ("connecticut-law", "present", "This DPA shall be governed by and construed in accordance with the laws of the State "
     "in which the LEA is located."),
    ("ferpa-compliance", "present", "Vendor acknowledges that it is a school official with a legitimate educational "
     "interest under FERPA."),
    ("no-advertising-use", "conflict", "We use cookies and similar technologies to serve interest-based ads to you "
     "across the web."),
    ("no-profiling", "present", "Student Data will not be used to build a profile of a student for any purpose other "
     "than providing the Services."),
    ("data-ownership", "present", "All Student Data remains the sole and exclusive property of the LEA."),
    ("data-ownership", "conflict", "By uploading content you grant Company an irrevocable, worldwide license to use, "
     "modify and publish that content for any purpose."),
    ("use-limitation", "present", "Vendor shall use Student Data solely to perform its obligations under the Service "
     "Agreement."),
    ("security-confidentiality", "present", "Vendor shall store and process Student Data in accordance with industry "
     "best practices, including encryption in transit and at rest."),
    ("student-content-control", "present", "Students may download a copy of their portfolios at any time, and may "
     "transfer them to a personal account."),
    ("deletion-on-request", "present", "The LEA may request that Vendor delete Student Data at any time, and Vendor "
     "shall comply within thirty days."),
    ("no-sale", "conflict", "We may rent or sell user information to third parties."),
    ("no-sale", "present", "Under no circumstances will Vendor sell Student Data."),
    ("severability", "present", "Should any part of this Agreement be held unenforceable, the remainder shall continue "
     "in full force."),
]


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(None)


@pytest.mark.parametrize("provision, expected, sentence", CASES, ids=[f"{p}-{e}-{i}" for i, (p, e, _) in enumerate(CASES)])
def test_wording_outside_the_corpus(rulebook, provision, expected, sentence):
    builder = DocumentBuilder()
    builder.add(sentence)
    findings = {finding.provision: finding for finding in check_document(builder.build("t.txt", "text"), rulebook)}
    assert findings[provision].status == expected, findings[provision].reason
