"""One serialised form of a report: the JSON report's documents and the cache's entries are what
`report_to_dict` writes; `report_from_dict` reads it back into an equal report, or refuses it with one
error that says what is wrong and where."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from clausecheck.batch import run_batch
from clausecheck.config import Config
from clausecheck.findings import DocumentReport, Evidence, Finding
from clausecheck.pipeline import RunOptions, batch_request
from clausecheck.report_data import MalformedReport, report_from_dict, report_to_dict
from clausecheck.saved_report import read_saved_report
from cli_in_process import clausecheck
from conftest import REPO
from test_batch import contract

SAMPLES = tuple(str(REPO / "samples" / name)
                for name in ("vendor-agreement.pdf", "ct-data-privacy-agreement.docx", "vendor-terms.txt"))
# A clause whose words match a pattern only nearly, so its score is neither 0 nor 1.
NEAR_MATCH = "Provider processes Student Data solely to provide the Services and for no other purpose.\n"


@pytest.fixture(scope="module")
def checked_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, ...]:
    near = tmp_path_factory.mktemp("near") / "near-match.txt"
    near.write_text(NEAR_MATCH)
    return (*SAMPLES, str(near))


@pytest.fixture(scope="module")
def sample_reports(checked_files: tuple[str, ...]) -> tuple[DocumentReport, ...]:
    """The samples and the near match checked by the real engine, as `check` checks them (no cache)."""
    request = batch_request(checked_files, RunOptions(no_cache=True, jobs=1, no_baseline=True), Config(root=REPO))
    return run_batch(request).reports


@pytest.fixture
def terms_data(sample_reports: tuple[DocumentReport, ...]) -> dict:
    """The plain-text sample's report as data, with evidence on its first finding."""
    data = report_to_dict(sample_reports[2])
    data["findings"].sort(key=lambda finding: not finding["evidence"])
    assert data["findings"][0]["evidence"] and data["findings"][0]["evidence"][0]["highlights"]
    return data


def test_a_report_of_each_sample_comes_back_equal_from_its_dict_and_from_json(sample_reports) -> None:
    assert [report.error for report in sample_reports] == [None] * 4
    for report in sample_reports:
        data = report_to_dict(report)
        assert report_from_dict(data) == report
        assert report_from_dict(json.loads(json.dumps(data))) == report
    evidence = [item for report in sample_reports for finding in report.findings for item in finding.evidence]
    assert evidence and all(item.context[item.start - item.context_start:item.end - item.context_start]
                            for item in evidence)


def test_the_dict_holds_every_field_of_every_record(terms_data: dict) -> None:
    assert set(terms_data) == set(DocumentReport.__dataclass_fields__)
    assert set(terms_data["findings"][0]) == set(Finding.__dataclass_fields__)
    assert set(terms_data["findings"][0]["evidence"][0]) == set(Evidence.__dataclass_fields__)


def test_scores_are_made_to_the_three_places_every_report_shows(sample_reports) -> None:
    scores = [finding.score for report in sample_reports for finding in report.findings]
    scores += [item.score for report in sample_reports for finding in report.findings for item in finding.evidence]
    assert scores and all(score == round(score, 3) for score in scores)
    assert any(0 < score < 1 for score in scores)


def test_a_cached_run_writes_the_same_json_and_sarif_as_a_fresh_one(isolated: Path, checked_files) -> None:
    outputs = ("-o", "json=report.json", "-o", "sarif=report.sarif")
    written: list[tuple[bytes, bytes]] = []
    entries: list[dict[Path, int]] = []
    for options in (("--no-cache",), (), ()):  # fresh; fresh and stored; from the cache
        assert clausecheck(*checked_files, *options, *outputs).exit_code == 1
        written.append(((isolated / "report.json").read_bytes(), (isolated / "report.sarif").read_bytes()))
        entries.append({path: path.stat().st_ino for path in (isolated.parent / "cache").rglob("*.json")})
    # A hit leaves its entry as it is; a miss checks the file again and replaces the entry (a new file).
    assert len(entries[2]) == len(checked_files) and entries[2] == entries[1]
    assert written[0] == written[1] == written[2]
    assert b'"score": 0.983' in written[2][0]


def change(path: str, value: object):
    """An edit of report data: set the key at `path` ("findings.0.score"), or delete it (value DELETE)."""
    def edit(data: dict) -> None:
        *parents, last = path.split(".")
        for key in parents:
            data = data[int(key)] if isinstance(data, list) else data[key]
        if isinstance(data, list):
            data[int(last)] = value
        elif value is DELETE:
            del data[last]
        else:
            data[last] = value
    return edit


DELETE = object()
EVIDENCE = "findings.0.evidence.0"


@pytest.mark.parametrize("edit, message", [
    (change("findings.0.score", "high"), r"finding 1 \('[a-z-]+'\): score is 'high', not a number from 0 to 1"),
    (change("findings.0.score", math.nan), "score is nan, not a number from 0 to 1"),
    (change("findings.0.score", 1.5), "score is 1.5, not a number from 0 to 1"),
    (change("findings.0.score", True), "score is True, not a number"),
    (change("findings.0.status", "compliant"), "status is 'compliant', not one of present, conflict, missing, review"),
    (change("findings.0.severity", "fatal"), "severity is 'fatal', not one of error, warning, info"),
    (change("findings.0.required", "yes"), "required is 'yes', not true or false"),
    (change("findings.0.required_by", ["contract"]), "a source in required_by is 'contract', not one of statute"),
    (change("findings.0.waived", 7), "waived is 7, not text"),
    (change("findings.0.surprise", 1), r"finding 1 \('[a-z-]+'\): unknown key 'surprise'"),
    (change("findings.0.statute_term", DELETE), "no 'statute_term'"),
    (change(f"{EVIDENCE}.role", "topic"), r"evidence 1: role is 'topic', not one of satisfies, contradicts, weak"),
    (change(f"{EVIDENCE}.page", 0), "page is 0, not a whole number from 1"),
    (change(f"{EVIDENCE}.start", 2.0), "start is 2.0, not a whole number from 0"),
    (change(f"{EVIDENCE}.end", -1), "end is -1, not a whole number from"),
    (change(f"{EVIDENCE}.line", False), "line is False, not a whole number from 1"),
    (change(f"{EVIDENCE}.highlights", [[5]]), r"a highlight is \[5\], not a \[start, end\] pair"),
    (change(f"{EVIDENCE}.highlights", [[9, 3]]), "a highlight's end is 3, not a whole number from 9"),
    (change(f"{EVIDENCE}.context", None), "context is None, not text"),
    (change(f"{EVIDENCE}.context_start", DELETE), "evidence 1: no 'context_start'"),
    (change("findings", {}), r"findings is \{\}, not a list"),
    (change("findings.0", []), r"finding 1: \[\] is not an object"),
    (change("pages", 0), "pages is 0, not a whole number from 1"),
    (change("format", "rtf"), "format is 'rtf', not one of pdf, docx, text, markdown"),
    (change("ocr_pages", ["1"]), "an OCR page is '1', not a whole number from 1"),
    (change("warnings", [None]), "a warning is None, not text"),
    (change("path", DELETE), "a document: no 'path'"),
])
def test_data_that_is_not_a_report_is_one_error_that_says_what_and_where(terms_data: dict, edit, message: str) -> None:
    edit(terms_data)
    with pytest.raises(MalformedReport, match=message) as refused:
        report_from_dict(terms_data)
    assert isinstance(refused.value, ValueError)
    assert str(refused.value).startswith("document '" if "path" in terms_data else "a document")


def test_a_quote_too_long_to_show_is_cut_in_the_message(terms_data: dict) -> None:
    change(f"{EVIDENCE}.quote", ["x" * 500])(terms_data)
    with pytest.raises(MalformedReport) as refused:
        report_from_dict(terms_data)
    assert len(str(refused.value)) < 200


@pytest.mark.parametrize("data", [None, [], "report", 1])
def test_data_that_is_not_an_object_is_refused(data: object) -> None:
    with pytest.raises(MalformedReport, match="is not an object"):
        report_from_dict(data)


def test_evidence_saved_before_it_carried_its_paragraph_is_read_only_from_a_saved_report(terms_data: dict) -> None:
    for key in ("end_line", "context", "context_start"):
        del terms_data["findings"][0]["evidence"][0][key]
    with pytest.raises(MalformedReport, match="no 'end_line'") as refused:
        report_from_dict(terms_data)
    assert refused.value.missing == "end_line"
    evidence = report_from_dict(terms_data, saved=True).findings[0].evidence[0]
    assert (evidence.end_line, evidence.context, evidence.context_start) == (None, "", 0)


def test_keys_a_later_clausecheck_adds_are_ignored_in_a_saved_report_and_refused_in_the_cache(
        terms_data: dict) -> None:
    terms_data["reviewed_by"] = "J. Smith"
    terms_data["findings"][0]["evidence"][0]["confidence"] = 0.9
    with pytest.raises(MalformedReport, match="unknown key 'reviewed_by'"):
        report_from_dict(terms_data)
    saved = report_from_dict(terms_data, saved=True)
    del terms_data["reviewed_by"], terms_data["findings"][0]["evidence"][0]["confidence"]
    assert saved == report_from_dict(terms_data)


def test_a_saved_report_keeps_the_waivers_and_baseline_of_its_run(isolated: Path) -> None:
    (isolated / "c.txt").write_text(contract(missing=("no-advertising-use", "student-content-control")))
    (isolated / "w.yaml").write_text("waivers:\n  - document: c.txt\n    provision: student-content-control\n"
                                     "    reason: accepted for this term\n    approved-by: the board\n"
                                     "    expires: 2099-06-30\n")
    clausecheck("c.txt", "--write-baseline", "b.json", "--no-cache")
    clausecheck("c.txt", "--waivers", "w.yaml", "--baseline", "b.json", "-f", "json", "-o", "saved.json")
    saved = json.loads((isolated / "saved.json").read_text())
    findings = {finding["provision"]: finding for finding in saved["documents"][0]["findings"]}
    assert findings["student-content-control"]["waived"] and findings["no-advertising-use"]["baseline"]
    [document] = read_saved_report(isolated / "saved.json").documents
    assert report_to_dict(document) == saved["documents"][0]


def test_a_cache_entry_holds_the_report_as_the_json_report_writes_it(isolated: Path) -> None:
    (isolated / "c.txt").write_text(contract(missing=("severability",)))
    clausecheck("c.txt", "-f", "json", "-o", "report.json")
    [entry] = (isolated.parent / "cache").rglob("*.json")
    stored = json.loads(entry.read_text())["report"]
    shown = json.loads((isolated / "report.json").read_text())["documents"][0]
    assert stored == {**shown, "path": None}
