"""A folder of contracts made from the bundled samples, for batch reports: the samples themselves,
their sources with one section left out each (so each copy lacks something different), contracts written
from the rulebook's examples, a truncated PDF that cannot be read and a contract holding HTML markup."""

from __future__ import annotations

import re
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
SAMPLES = REPOSITORY / "samples"
# Markup a hostile contract (and its file name) carries: the HTML report must show it as text.
SCRIPT_MARKUP = "<script>window.pwned = 'script';alert('script')</script>"
ONERROR_MARKUP = "<img src=x onerror=\"window.pwned = 'onerror';alert('onerror')\">"
HOSTILE_NAME = "<img src=x onerror=alert(1)> vendor.txt"


def hostile_contract(contract_text: str) -> str:
    """A contract whose governing-law clause (quoted by the report, as it names California) and title
    carry a script element and an onerror attribute."""
    text = contract_text.replace("State of California.", f"State of California {SCRIPT_MARKUP} {ONERROR_MARKUP}.")
    assert SCRIPT_MARKUP in text, "the rulebook's governing-law example no longer names California"
    return f"Terms {ONERROR_MARKUP}\n\n{text}"


def _sections(markdown: str) -> list[str]:
    return re.split(r"(?m)^(?=## )", markdown)


def build_contract_folder(folder: Path, count: int, contract) -> list[Path]:
    """Write `count` contracts into `folder` (count >= 8). `contract` is tests/test_batch.py's
    contract(missing=..., conflict=...), which writes a contract from the rulebook's examples."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(name: str, data: bytes | str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        written.append(path)

    pdf = (SAMPLES / "vendor-agreement.pdf").read_bytes()
    write("vendor-agreement.pdf", pdf)
    write("ct-data-privacy-agreement.docx", (SAMPLES / "ct-data-privacy-agreement.docx").read_bytes())
    write("vendor-terms.txt", (SAMPLES / "vendor-terms.txt").read_text(encoding="utf-8"))
    write("truncated-agreement.pdf", pdf[: len(pdf) // 3])
    write(HOSTILE_NAME, hostile_contract(contract(conflict=("connecticut-law",))))
    variants: list[tuple[str, str]] = []
    for source in sorted((SAMPLES / "source").glob("*.md")):
        sections = _sections(source.read_text(encoding="utf-8"))
        for number in range(1, len(sections)):
            variants.append((f"{source.stem}-without-section-{number}.md",
                             "".join(sections[:number] + sections[number + 1:])))
    lacking = ("severability", "ferpa-compliance", "review-and-correction", "breach-notification", "no-sale")
    conflicting = ("connecticut-law", "breach-notification", "no-retention-after-completion", "no-sale",
                   "data-ownership")
    for missing, conflict in zip(lacking, conflicting):
        variants.append((f"generated-lacking-{missing}.txt", contract(missing=(missing,))))
        variants.append((f"generated-conflict-{conflict}.txt", contract(conflict=(conflict,), missing=(missing,))))
    copy = 0
    while len(written) < count:
        name, text = variants[copy % len(variants)]
        round_ = copy // len(variants)
        if round_:
            name, text = f"copy-{round_}-{name}", f"{text}\n\nCopy {round_} for the batch.\n"
        write(name, text)
        copy += 1
    return written[:count]
