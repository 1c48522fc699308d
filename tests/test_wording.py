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
    ("no-sale", "present", "Provider shall not sell, rent, or otherwise disclose Student Data, except as required by law."),
    ("disclosure-limits", "present", "Except as required by law, Provider will not share Student Data with third parties."),
    ("breach-notification", "conflict", "Provider is not required to notify the District of any security incident."),
    ("breach-notification", "conflict", "Provider will notify affected users of a breach within 30 days as required by law."),
    ("breach-notification", "present", "Provider shall notify the District without undue delay, and in any event within "
     "48 hours, of any breach of Student Data."),
    ("no-advertising-use", "present", "Provider will never use Student Data for targeted advertising, but may use "
     "aggregated, de-identified data to improve its products."),
    ("data-ownership", "conflict", "You own your content, but you grant us a perpetual license to use it to promote our "
     "services."),
    ("connecticut-law", "present", "This Agreement will be governed by Delaware law, except that for public schools in "
     "Connecticut, Connecticut law governs."),
    ("use-limitation", "conflict", "We may use information we collect about students to market our other products to "
     "their parents."),
    ("security-confidentiality", "missing", "We cannot guarantee the security of information transmitted over the "
     "Internet."),
    ("ferpa-compliance", "missing", "Schools are responsible for complying with FERPA when they use the Service."),
    ("disclosure-limits", "missing", "Students cannot share data with other students."),
    ("deletion-on-request", "present", "We will delete your child's information upon request by the parent."),
    ("no-retention-after-completion", "present", "You can close your account at any time, after which we will delete "
     "your personal information within 90 days."),
    ("no-retention-after-completion", "missing", "We may keep copies of your data in our backup systems for up to 30 days."),
    ("no-retention-after-completion", "conflict", "Information you provide may be retained indefinitely."),
    ("no-advertising-use", "conflict", "We share information with advertising partners who may use it to show you ads "
     "on other sites."),
    ("disclosure-limits", "present", "We do not share personal information with advertisers or data brokers."),
    ("no-profiling", "conflict", "We create profiles of our users based on their activity to personalize advertisements."),
    ("connecticut-law", "conflict", "Any dispute will be resolved under the laws of England and Wales."),
    ("breach-notification", "present", "The Operator shall provide notice of any Security Breach to the LEA no later "
     "than 24 hours after discovery."),
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
