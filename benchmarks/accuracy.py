"""Reproduce the README's accuracy figures: `clausecheck eval` on the labelled corpus, and the CUAD
governing-law verdicts.

    python benchmarks/accuracy.py [--shared ../shared] [--show-errors]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(os.environ.get("CLAUSECHECK_SHARED", ROOT.parent / "shared")))
    parser.add_argument("--show-errors", action="store_true")
    arguments = parser.parse_args()
    corpus = arguments.shared / "corpus"
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
