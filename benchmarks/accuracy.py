"""Reproduce the README's accuracy figures: `clausecheck eval` on the labelled corpus, and the CUAD
governing-law verdicts.

    python benchmarks/accuracy.py [--shared ../shared] [--show-errors] [--markdown]

`--markdown` prints the corpus table as the README's "Accuracy" section shows it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


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
                     f"{f1(score['f1']['conflict'])} | {f1(score['f1']['missing'])} | {score['macro_f1']:.2f} | {confusion} |")
    lines.append("")
    lines.append(f"**Overall: accuracy {figures['accuracy']:.3f}, macro-F1 {figures['macro_f1']:.3f}, false-present "
                 f"rate {figures['false_present_rate']:.3f} (gold missing or conflict reported present), conflict "
                 f"recall {figures['conflict_recall']:.3f}, review share {figures['review_share']:.3f}.**")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("CLAUSECHECK_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="print the corpus table in Markdown and stop")
    arguments = parser.parse_args()
    corpus = arguments.shared / "corpus"
    if arguments.markdown:
        figures = json.loads(clausecheck("eval", str(corpus / "texts"), "--labels", str(corpus / "labels.json"),
                                         "--format", "json").stdout)
        print(markdown_table(figures))
        return
    command = ["eval", str(corpus / "texts"), "--labels", str(corpus / "labels.json")]
    result = clausecheck(*command, *(["--show-errors"] if arguments.show_errors else []))
    print(f"$ clausecheck {' '.join(command)}\n{result.stdout}{result.stderr}")

    labels = json.loads((arguments.shared / "cuad" / "labels.json").read_text())
    folder = arguments.shared / "cuad" / "pdf"
    report = json.loads(clausecheck(str(folder), "--format", "json", "--no-cache").stdout)
    verdicts = {Path(document["path"]).name: document for document in report["documents"]}
    right = 0
    for item in labels:
        document = verdicts[item["file"]]
        verdict = next((f["status"] for f in document["findings"] if f["provision"] == "connecticut-law"), "unreadable")
        right += verdict == item["connecticut-law"]
        if verdict != item["connecticut-law"]:
            print(f"  CUAD {item['file']}: labelled {item['connecticut-law']}, checked {verdict}")
    unreadable = sum(1 for document in verdicts.values() if document["error"])
    print(f"CUAD: connecticut-law right on {right}/{len(labels)} PDFs; {unreadable} unreadable")


if __name__ == "__main__":
    main()
