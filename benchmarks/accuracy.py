"""Reproduce the accuracy figures of docs/accuracy.md: `clausecheck eval` on the labelled corpus, and the CUAD
governing-law verdicts on the 30 PDFs and the 119 text contracts.

    python benchmarks/accuracy.py [--shared ../shared] [--show-errors] [--markdown] [--governing-law]

`--markdown` prints the corpus table as docs/accuracy.md shows it; `--governing-law`
runs only the CUAD governing-law part, listing each contract judged wrong with the clause the check
quoted and the clause CUAD's annotators marked, and each conflict found right but through the law of
another place than the one annotated (a right verdict for a wrong reason).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from clausecheck.text.gazetteer import place_named


def clausecheck(*arguments: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "clausecheck", *arguments], capture_output=True, text=True,
                          env=environment)


def markdown_table(figures: dict) -> str:
    short = {"present": "P", "conflict": "C", "missing": "M", "review": "R"}

    def f1(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    lines = ["| provision | accuracy | F1 present | F1 conflict | F1 missing | macro-F1 | confusion (gold→predicted) |",
             "|---|---|---|---|---|---|---|"]
    for provision, score in figures["provisions"].items():
        confusion = " ".join(f"{short[pair.split('->')[0]]}→{short[pair.split('->')[1]]} {count}"
                             for pair, count in score["confusion"].items())
        lines.append(f"| `{provision}` | {score['accuracy']:.2f} | {f1(score['f1']['present'])} | "
                     f"{f1(score['f1']['conflict'])} | {f1(score['f1']['missing'])} | {score['macro_f1']:.2f} | "
                     f"{confusion} |")
    lines.append("")
    lines.append(f"**Overall: accuracy {figures['accuracy']:.3f}, macro-F1 {figures['macro_f1']:.3f}, false-present "
                 f"rate {figures['false_present_rate']:.3f} (gold missing or conflict reported present), conflict "
                 f"recall {figures['conflict_recall']:.3f}, review share {figures['review_share']:.3f}.**")
    return "\n".join(lines)


def one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def annotated_places(label: str | None) -> set:
    """The places a CUAD annotation names ("England, United Kingdom; Wales, United Kingdom")."""
    parts = [label or ""] + re.split(r"[;,]", label or "")
    return {place for place in map(place_named, parts) if place is not None}


def other_place(finding: dict, label: str | None) -> str | None:
    """The place a conflict was found through, when the annotators named another one."""
    found = re.match(r"the law of (.+?) governs", finding["reason"])
    place = place_named(found.group(1)) if found else None
    annotated = annotated_places(label)
    if place is None or not annotated or place in annotated or any(
            place.country == other.name or other.name in place.name for other in annotated):
        return None  # a state of an annotated country; "England and Wales" for "England; Wales"
    return place.name


def cuad_governing_law(cuad: Path) -> None:
    """Print the connecticut-law verdicts judged wrong on the CUAD PDFs and texts, then the figures."""
    totals = []
    for kind, folder, labels_file in (("PDFs", cuad / "pdf", cuad / "labels.json"),
                                      ("texts", cuad / "txt", cuad / "txt-labels.json")):
        labels = json.loads(labels_file.read_text())
        report = json.loads(clausecheck(str(folder), "--format", "json", "--no-cache").stdout)
        documents = {Path(document["path"]).name: document for document in report["documents"]}
        right = 0
        for item in labels:
            document = documents[item["file"]]
            finding = next((f for f in document["findings"] if f["provision"] == "connecticut-law"), None)
            verdict = finding["status"] if finding else "unreadable"
            if verdict == item["connecticut-law"]:
                right += 1
                other = other_place(finding, item["governing_law"]) if verdict == "conflict" else None
                if other:
                    print(f"  CUAD {kind[:-1]} {item['file']}: right verdict through {other}, annotated "
                          f"{item['governing_law']}")
                continue
            print(f"  CUAD {kind[:-1]} {item['file']}: labelled {item['connecticut-law']} "
                  f"({item['governing_law']}), checked {verdict}")
            if finding and finding["evidence"]:
                print(f"      quoted: {one_line(finding['evidence'][0]['quote'])}")
            if item.get("clause"):
                print(f"      marked: {one_line(item['clause'])}")
        unreadable = sum(1 for document in documents.values() if document["error"])
        print(f"CUAD: connecticut-law right on {right}/{len(labels)} {kind}; {unreadable} unreadable")
        totals.append((right, len(labels)))
    right, total = (sum(column) for column in zip(*totals))
    print(f"CUAD: connecticut-law right on {right}/{total} contracts together ({right / total:.2%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("CLAUSECHECK_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="print the corpus table in Markdown and stop")
    parser.add_argument("--governing-law", action="store_true", help="run only the CUAD governing-law part")
    arguments = parser.parse_args()
    corpus = arguments.shared / "corpus"
    if arguments.markdown:
        figures = json.loads(clausecheck("eval", str(corpus / "texts"), "--labels", str(corpus / "labels.json"),
                                         "--format", "json").stdout)
        print(markdown_table(figures))
        return
    if arguments.governing_law:
        cuad_governing_law(arguments.shared / "cuad")
        return
    command = ["eval", str(corpus / "texts"), "--labels", str(corpus / "labels.json")]
    result = clausecheck(*command, *(["--show-errors"] if arguments.show_errors else []))
    print(f"$ clausecheck {' '.join(command)}\n{result.stdout}{result.stderr}")

    cuad_governing_law(arguments.shared / "cuad")


if __name__ == "__main__":
    main()
