"""What the tool says in law (issue 10): every statutory term is required, each finding names the source
that requires it, only the statute makes a clause void, the amendment request works as a contract
document, and a board cannot waive, downgrade or disable what the statute requires.

Contracts here are written for the purpose: the bundled rulebook's own amendment texts make a contract
that meets every provision, and each test takes one term out or puts one vendor clause in.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from clausecheck.cli import main
from clausecheck.rulebook import load_rulebook
from clausecheck.text.quantities import find_durations

STATUTE_COPY = ("The Contractor shall notify the Board of such breach without unreasonable delay, and in no case "
                "later than thirty (30) days from the discovery of the breach.")


@lru_cache(maxsize=1)
def rulebook():
    return load_rulebook(None)


def amendment(provision_id: str) -> str:
    return " ".join(rulebook().provision(provision_id).amendment.split())


def contract(*, without: tuple[str, ...] = (), instead: dict[str, str] | None = None,
             extra: tuple[str, ...] = ()) -> str:
    """A Student Data Privacy Agreement made of every provision's amendment text, numbered as sections:
    the `without` provisions left out, the `instead` ones replaced by a vendor's clause, `extra`
    clauses added at the end."""
    instead = instead or {}
    clauses = [instead.get(provision.id, amendment(provision.id)) for provision in rulebook().provisions
               if provision.id not in without] + list(extra)
    body = "\n\n".join(f"## {number}. terms\n\n{clause}" for number, clause in enumerate(clauses, 1))
    parties = ("This Student Data Privacy Agreement is entered into by and between the Millbrook Board of "
               "Education (the \"Board\") and Acme Learning, Inc., a Delaware corporation with its principal "
               "place of business at 1 Main Street, Hartford, Connecticut 06103 (\"Contractor\").")
    return f"# Student Data Privacy Agreement\n\n{parties}\n\n{body}\n"


def run(capsys: pytest.CaptureFixture, *arguments: object) -> tuple[int, str, str]:
    """`clausecheck ARGUMENTS...` in this process: exit code, standard output, standard error."""
    capsys.readouterr()
    try:
        main([str(argument) for argument in arguments])
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def findings(capsys: pytest.CaptureFixture, path: Path) -> dict[str, dict]:
    """The findings of `path` by provision, checked in this process (one job, no time limit): these tests
    are about the law's judgements; test_batch.py and test_cache.py test the workers."""
    code, out, err = run(capsys, "check", path, "--format", "json", "--no-cache", "--jobs", "1", "--timeout", "0")
    assert code in (0, 1), err
    return {finding["provision"]: finding for finding in json.loads(out)["documents"][0]["findings"]}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def letter_text(capsys: pytest.CaptureFixture, path: Path, *options: object) -> str:
    out = path.parent / f"{path.stem}-letter.txt"
    code, _, err = run(capsys, "letter", path, "--district", "Millbrook Public Schools", "--date", "2026-12-02",
                       "-f", "txt", "-o", out, *options)
    assert code == 0, err
    return " ".join(out.read_text(encoding="utf-8").split())


def letter_item(text: str, title_start: str) -> str:
    """One numbered item of a letter (as one line of words), from its title to the next item."""
    match = re.search(rf"\d+\. {re.escape(title_start)}.*?(?= \d+\. [A-Z]|Thank you for)", text)
    assert match, f"no item starting {title_start!r}"
    return match.group()


# 1. Every statutory term is required -------------------------------------------------------------

def test_the_amendment_texts_make_a_contract_that_passes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "complete.md", contract())
    code, out, _ = run(capsys, "check", path, "--no-cache")
    assert code == 0
    assert "PASS no required term found missing and no conflicting clause found: a screening result, not an " \
           "opinion that the contract complies." in " ".join(out.split())


def test_a_contract_lacking_only_the_deletion_term_fails_and_its_letter_asks_for_it(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "no-deletion.md", contract(without=("deletion-on-request",)))
    found = findings(capsys, path)
    assert {provision for provision, finding in found.items() if finding["status"] != "present"} == \
        {"deletion-on-request"}
    assert found["deletion-on-request"]["required"] is True
    assert found["deletion-on-request"]["required_by"] == ["statute"]
    assert run(capsys, "check", path, "--no-cache")[0] == 1

    item = letter_item(letter_text(capsys, path), "The board can request deletion")
    assert "Required by: Connecticut law (Conn. Gen. Stat. § 10-234bb(a)(2)" in item
    assert "The Board may request the deletion" in item


def test_the_bundled_compliant_sample_still_passes(capsys: pytest.CaptureFixture) -> None:
    sample = Path(__file__).resolve().parents[1] / "samples" / "ct-data-privacy-agreement.docx"
    assert run(capsys, "check", sample, "--no-cache")[0] == 0


# 2. Each provision says which source requires it --------------------------------------------------

def test_each_provision_cites_the_right_source() -> None:
    provisions = {provision.id: provision for provision in rulebook().provisions}
    assert len(provisions) == 15
    for provision in provisions.values():
        assert "(a)(11)" not in provision.citation
        assert "authoris" not in provision.amendment and "licence" not in provision.amendment
    statutory_terms = {provision_id for provision_id, provision in provisions.items() if provision.statute_term}
    assert statutory_terms == {"data-ownership", "deletion-on-request", "use-limitation", "review-and-correction",
                               "security-confidentiality", "breach-notification", "no-retention-after-completion",
                               "ferpa-compliance", "connecticut-law", "severability"}
    for number, provision_id in enumerate(["data-ownership", "deletion-on-request", "use-limitation",
                                           "review-and-correction", "security-confidentiality",
                                           "breach-notification", "no-retention-after-completion",
                                           "ferpa-compliance", "connecticut-law", "severability"], 1):
        assert provisions[provision_id].statute.startswith(f"Conn. Gen. Stat. § 10-234bb(a)({number})")
    assert provisions["student-content-control"].required_by == ("policy",)
    assert provisions["student-content-control"].statute == ""
    assert provisions["no-advertising-use"].required_by == ("policy",)
    assert "contract provision 11" in provisions["no-advertising-use"].policy
    assert "10-234cc" in provisions["no-advertising-use"].statute
    assert "10-234dd" in provisions["breach-notification"].statute
    assert "48 hours" in provisions["breach-notification"].policy
    for duty in ("no-sale", "no-profiling", "disclosure-limits"):
        assert not provisions[duty].required and "10-234cc" in provisions[duty].statute


def test_every_finding_carries_its_sources_in_every_machine_format(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "vendor.md", contract(without=("severability",), instead={
        "breach-notification": "Provider will notify the District of any breach within seventy-two (72) hours.",
        "connecticut-law": "This Agreement is governed by the laws of the State of California."}))
    found = findings(capsys, path)
    assert all(finding["required_by"] and set(finding["required_by"]) <= {"statute", "policy"}
               for finding in found.values())
    assert found["breach-notification"]["required_by"] == ["policy"]
    assert found["breach-notification"]["citation"].startswith("Board policy, contract provision 6")
    assert found["connecticut-law"]["required_by"] == ["statute", "policy"]
    assert found["connecticut-law"]["statute_term"] is True

    _, sarif, _ = run(capsys, "check", path, "--format", "sarif", "--no-cache")
    results = {result["ruleId"]: result for result in json.loads(sarif)["runs"][0]["results"]}
    assert results["breach-notification"]["properties"]["required_by"] == ["policy"]
    assert "Required by: board policy." in results["breach-notification"]["message"]["text"]
    assert "Required by: statute and board policy." in results["severability"]["message"]["text"]

    _, markdown, _ = run(capsys, "check", path, "--format", "markdown", "--no-cache")
    assert "Required by: statute and board policy" in markdown and "Required by: board policy" in markdown

    _, table, _ = run(capsys, "check", path, "--format", "csv", "--no-cache")
    rows = {row["provision"]: row for row in csv.DictReader(io.StringIO(table.lstrip("\ufeff")))}
    assert rows["breach-notification"]["required_by"] == "policy"
    assert rows["severability"]["required_by"] == "statute policy"

    for format in ("junit", "github"):
        _, output, _ = run(capsys, "check", path, "--format", format, "--no-cache")
        assert "Required by: board policy" in output

    _, html, _ = run(capsys, "check", path, "--format", "html", "--no-cache")
    assert "<dt>Required by</dt><dd>Board policy</dd>" in html

    _, terminal, _ = run(capsys, "check", path, "--no-cache")
    words = " ".join(terminal.split())
    assert "(breach-notification, board policy)" in words
    assert "(severability, statute and board policy)" in words


def test_the_headline_of_a_fail_does_not_assume_the_contract_is_unsigned(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "short.md", contract(without=("severability",)))
    code, out, _ = run(capsys, "check", path, "--no-cache")
    assert code == 1
    assert "FAIL 0 in conflict, 1 missing, 0 to review: do not sign as is; for a signed contract, send the " \
           "amendment request." in " ".join(out.split())


# 3. Only the statute makes a clause void -------------------------------------------------------

def test_a_clause_copying_the_statutes_breach_deadline_is_a_policy_finding_never_called_void(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "statute-copy.md", contract(instead={"breach-notification": STATUTE_COPY}))
    found = findings(capsys, path)["breach-notification"]
    assert found["status"] == "conflict" and found["required_by"] == ["policy"]
    assert "within the 30 days of the statute" in found["reason"]

    text = letter_text(capsys, path)
    item = letter_item(text, "Breach notice procedure")
    assert "void" not in item
    assert "falls short of this term" in item and "not unlawful on that account" in item
    assert "Required by: the Board's policy for its contracts" in item
    # the only item is a policy term: the letter never invokes the statute's voidness
    assert "void" not in text
    assert "required by the Board's policy is a term the Board's policy requires for its contracts" in text


def test_a_breach_deadline_beyond_the_statutes_thirty_days_falls_short_of_both(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    clause = "Provider shall notify the District of a Data Breach within forty-five (45) days of discovery."
    found = findings(capsys, write(tmp_path, "late.md", contract(instead={"breach-notification": clause})))
    assert found["breach-notification"]["required_by"] == ["statute", "policy"]


@pytest.mark.parametrize("clause", [
    "Provider shall notify the District within twenty-four (24) hours after it confirms a Data Breach.",
    "If Provider confirms a Security Incident, Provider shall notify the District within 24 hours.",
    "Provider will notify the District of a confirmed Data Breach within forty-eight (48) hours.",
])
def test_a_notice_clock_that_starts_at_a_confirmed_incident_falls_short_of_the_policy(
        clause: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    found = findings(capsys, write(tmp_path, "confirmed.md", contract(instead={"breach-notification": clause})))
    assert found["breach-notification"]["status"] == "conflict"
    assert found["breach-notification"]["required_by"] == ["policy"]


def test_a_clock_from_awareness_or_suspicion_meets_the_policy_even_when_it_mentions_confirmation(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    clause = ("Provider shall notify the District within 48 hours after it becomes aware of or suspects a Data "
              "Breach, and will confirm the details in writing.")
    found = findings(capsys, write(tmp_path, "aware.md", contract(instead={"breach-notification": clause})))
    assert found["breach-notification"]["status"] == "present"


def test_the_letters_consequence_paragraph_follows_the_statute_for_statutory_items(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "no-law.md", contract(without=("connecticut-law",)))
    text = letter_text(capsys, path)
    assert ("a contract entered into on or after July 1, 2018 that does not include one of those terms is void if "
            "the contractor, after reasonable notice, fails within a reasonable time to amend it") in text
    assert "For the items marked as required by Connecticut law, this letter is that notice." in text
    assert "required by the Board's policy" not in text  # no policy-only item, no policy paragraph


# 4. An amendment request that works as a contract document -------------------------------------

def test_the_letter_comes_from_the_board_asks_to_delete_the_clause_and_ends_with_an_order_of_precedence(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    clause = "This Agreement shall be governed by the laws of the State of California."
    notices = ("All notices under this Agreement shall be in writing and delivered by certified mail to the "
               "addresses above.")
    path = write(tmp_path, "vendor.md", contract(instead={"connecticut-law": clause}, extra=(notices,)))
    text = letter_text(capsys, path)
    assert text.startswith("Millbrook Public Schools")
    assert "The Millbrook Public Schools Board of Education, a party to" in text
    assert text.rstrip().endswith("Millbrook Public Schools Board of Education")
    item = letter_item(text, "Connecticut law governs")
    assert "We ask that Section 9 be deleted, or replaced by the proposed language." in item
    assert "A provision that conflicts with Conn. Gen. Stat. § 10-234bb is void." in item
    precedence = letter_item(text, "Order of precedence")
    assert ("The terms of this amendment, and Section 9 as amended with them, prevail over any conflicting or "
            "inconsistent provision of this Agreement, of any order form") in precedence
    assert "terms of service, privacy policy" in precedence
    assert ("This letter is given as notice under Section 16 of the agreement, which provides: “All notices under "
            "this Agreement shall be in writing and delivered by certified mail") in text


def test_each_amendment_text_meets_its_own_provision_and_none_conflicts_with_another(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    for provision in rulebook().provisions:
        found = findings(capsys, write(tmp_path, f"{provision.id}.txt", amendment(provision.id)))
        assert found[provision.id]["status"] == "present", provision.id
        assert not [other for other, finding in found.items() if finding["status"] == "conflict"], provision.id


def test_the_amendment_texts_agree_with_each_other_and_with_the_statutes_exceptions() -> None:
    export_days = max(duration.hours for duration in find_durations(amendment("student-content-control"))) / 24
    deletion_days = max(duration.hours for duration in find_durations(amendment("no-retention-after-completion"))) / 24
    assert export_days < deletion_days, "the export window must end before the data is deleted"
    for provision_id in ("deletion-on-request", "no-retention-after-completion"):
        text = amendment(provision_id)
        assert "state or federal law prohibits Contractor from deleting or requires it to keep" in text
        assert "disaster-recovery system that are inaccessible to the public and unusable" in text
        assert "restore live data" in text
    retention = amendment("no-retention-after-completion")
    assert "as the Board chooses, return them to the Board or delete them" in retention
    assert "certify to the Board in writing" in retention
    breach = amendment("breach-notification")
    assert "becomes aware of or suspects" in breach
    assert "through the Board or with its approval" in breach
    assert "not the property of or under the control of Contractor" in amendment("data-ownership")
    assert "shall be referred to the Board" in amendment("deletion-on-request")


# 5. Judgements ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("clause", "provision", "status"), [
    ("Provider may send students promotional e-mails about its products; they may unsubscribe at any time.",
     "use-limitation", "conflict"),
    ("Our gradebook helps teachers address FERPA record-keeping requirements.", "ferpa-compliance", "missing"),
    ("Provider may disclose Student Data in response to a subpoena.", "disclosure-limits", "conflict"),
    ("Provider may use Student Data to train its machine learning models and develop new products.",
     "use-limitation", "conflict"),
    ("Any dispute arising under this Agreement shall be resolved by binding arbitration in San Francisco, "
     "California.", "connecticut-law", "missing"),
])
def test_judgements_on_wording_that_looks_like_a_term_but_is_not(
        clause: str, provision: str, status: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "clause.md", contract(without=(provision,), extra=(clause,)))
    assert findings(capsys, path)[provision]["status"] == status


def test_training_on_de_identified_data_is_not_a_use_the_contract_must_authorize(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    clause = "Provider may use de-identified, aggregated data to train its machine learning models."
    path = write(tmp_path, "clause.md", contract(extra=(clause,)))
    assert findings(capsys, path)["use-limitation"]["status"] == "present"


# 6. Waivers and downgrades of statutory terms --------------------------------------------------

def waivers_file(folder: Path, document: Path, provision: str) -> Path:
    return write(folder, "waivers.yaml", f"""waivers:
  - document: {document.name}
    provision: {provision}
    reason: accepted for the pilot
    approved-by: Board of Education, vote of 2026-11-01
    expires: 2027-06-30
""")


def test_a_waiver_of_a_provision_the_statute_always_requires_is_refused_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "c.md", contract(without=("data-ownership",)))
    code, _, err = run(capsys, "check", path, "--waivers", waivers_file(tmp_path, path, "data-ownership"), "--no-cache")
    assert code == 2
    assert "waivers.yaml:3" in err and "'data-ownership' is required by the statute" in err
    assert "a board can set aside its own policy's terms, not the statute's" in " ".join(err.split())


def test_a_waiver_accepts_a_policy_shortfall_but_never_a_statutory_one_of_the_same_provision(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    lawful = write(tmp_path, "lawful.md", contract(instead={"breach-notification": STATUTE_COPY}))
    assert run(capsys, "check", lawful, "--waivers", waivers_file(tmp_path, lawful, "breach-notification"),
               "--no-cache")[0] == 0

    vague = write(tmp_path, "vague.md", contract(instead={
        "breach-notification": "Provider will notify the District promptly of any breach."}))
    code, out, _ = run(capsys, "check", vague, "--waivers", waivers_file(tmp_path, vague, "breach-notification"),
                       "--no-cache")
    words = " ".join(out.split())
    assert code == 1
    assert "does not apply: the finding concerns the statute" in words


def test_a_baseline_never_records_or_forgives_a_statutory_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "c.md", contract(without=("severability",), instead={"breach-notification": STATUTE_COPY}))
    baseline = tmp_path / "baseline.json"
    code, out, _ = run(capsys, "check", path, "--write-baseline", baseline, "--no-cache")
    entries = json.loads(baseline.read_text())["findings"]
    assert [entry["provision"] for entry in entries] == ["breach-notification"]
    assert "1 findings that concern the statute are not recorded" in " ".join(out.split())
    code, out, _ = run(capsys, "check", path, "--baseline", baseline, "--no-cache", "--format", "json")
    known = {finding["provision"]: finding["baseline"] for finding in json.loads(out)["documents"][0]["findings"]}
    assert code == 1 and known["severability"] is None and known["breach-notification"]


@pytest.mark.parametrize(("provision", "allowed"), [("connecticut-law", False), ("student-content-control", True)])
def test_a_severity_override_cannot_lower_a_statutory_provision(
        provision: str, allowed: bool, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    settings = write(tmp_path, ".clausecheck.yaml", f"severity: {{{provision}: warning}}\n")
    path = write(tmp_path, "c.md", contract())
    code, _, err = run(capsys, "check", path, "--config", settings, "--no-cache")
    if allowed:
        assert code == 0, err
    else:
        assert code == 2 and ".clausecheck.yaml:1" in err
        assert "severity override lowers 'connecticut-law' is required by the statute" in " ".join(err.split())


@pytest.mark.parametrize(("change", "message"), [
    ("disable: [severability]", "disable 'severability': 'severability' is required by the statute"),
    ("overrides: {data-ownership: {severity: warning}}", "its severity cannot be lowered from error to warning"),
    ("overrides: {data-ownership: {required_by: [policy]}}", "the statute stays among the sources"),
    ("overrides: {breach-notification: {max_hours: {policy: 24, statute: 2000}}}",
     "its statutory time limit is the statute's and cannot be changed"),
])
def test_a_district_rulebook_cannot_disable_or_weaken_a_statutory_provision(
        change: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rules = write(tmp_path, "district.yaml", f"id: district\nextends: ct-student-data-privacy\n{change}\n")
    code, _, err = run(capsys, "check", write(tmp_path, "c.md", contract()), "--rules", rules, "--no-cache")
    assert code == 2
    assert "district.yaml:3" in err and message in " ".join(err.split())


def test_a_district_rulebook_may_set_aside_and_tighten_policy_terms(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rules = write(tmp_path, "district.yaml", "id: district\nextends: ct-student-data-privacy\n"
                                             "disable: [student-content-control]\n"
                                             "overrides: {breach-notification: "
                                             "{max_hours: {policy: 24, statute: 720}}}\n")
    day = ("Contractor shall notify the Board within twenty-four (24) hours after it becomes aware of or suspects "
           "unauthorized access to student information.")
    path = write(tmp_path, "c.md", contract(without=("student-content-control",), instead={"breach-notification": day}))
    code, _, err = run(capsys, "check", path, "--rules", rules, "--no-cache")
    assert code == 0, err
    two_days = write(tmp_path, "48.md", contract(without=("student-content-control",)))
    assert findings_with(capsys, two_days, rules)["breach-notification"]["required_by"] == ["policy"]


def findings_with(capsys: pytest.CaptureFixture, path: Path, rules: Path) -> dict[str, dict]:
    _, out, _ = run(capsys, "check", path, "--rules", rules, "--format", "json", "--no-cache")
    return {finding["provision"]: finding for finding in json.loads(out)["documents"][0]["findings"]}


def test_a_saved_report_that_predates_the_findings_sources_is_refused_for_a_letter(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = write(tmp_path, "c.md", contract(without=("severability",)))
    _, out, _ = run(capsys, "check", path, "--format", "json", "--no-cache")
    data = json.loads(out)
    for finding in data["documents"][0]["findings"]:
        del finding["required_by"], finding["statute_term"]
    saved = write(tmp_path, "old.json", json.dumps(data))
    code, _, err = run(capsys, "letter", "--report", saved, "--district", "Millbrook Public Schools")
    assert code == 2
    assert "no 'required_by'" in err and (
        "write it again with `clausecheck check --format json`" in " ".join(err.split()))
