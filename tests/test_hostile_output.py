"""Output never damages a file: devices and pipes are written in place, links through to their target,
folders and the run's own inputs are refused before any work, and a full disk is one line, exit 2."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from clausecheck.output import output_target
from clausecheck.report.formats import FORMATS
from hostile import clausecheck, one_line_error
from test_batch import contract


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "c.txt").write_text(contract(missing=("severability",)))
    return tmp_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# The device tests write to device nodes made in the test's own folder, never to /dev itself: a
# regression that replaced the output with a regular file must not break the machine (it once did, as root).
AS_ROOT = pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root; as another user the "
                                                       "write to a device is what /dev/null is")


def device(folder: Path, name: str, major: int, minor: int) -> Path:
    """A character device node in `folder`: (1, 3) is the null device, (1, 7) the full one."""
    path = folder / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    return path


def checked_anything(folder: Path) -> bool:
    """Whether a run checked a contract (each check leaves a cache entry)."""
    return any((folder / ".cache-for-test").rglob("*.json"))


@AS_ROOT
def test_a_null_device_as_output_stays_the_device_even_for_root(folder: Path) -> None:
    null = device(folder, "null", 1, 3)
    before = os.stat(null)
    run = clausecheck("c.txt", "-f", "json", "-o", null, cwd=folder)
    after = os.stat(null)
    assert run.code == 1
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_symbolic_link_as_output_writes_its_target_and_stays_a_link(folder: Path) -> None:
    (folder / "reports").mkdir()
    target = folder / "reports" / "latest.json"
    target.write_text("old")
    target.chmod(0o640)
    (folder / "report.json").symlink_to(target)
    assert clausecheck("c.txt", "-o", "report.json", cwd=folder).code == 1
    assert (folder / "report.json").is_symlink()
    assert json.loads(target.read_text())["documents"][0]["path"] == "c.txt"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(path.name for path in (folder / "reports").iterdir()) == ["latest.json"]  # no temporary left


def test_a_fifo_as_output_receives_the_report_in_place(folder: Path) -> None:
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    run = clausecheck("c.txt", "-o", "json=pipe", cwd=folder)
    reader.join(30)
    assert run.code == 1 and stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["documents"][0]["path"] == "c.txt"


def test_an_open_descriptor_as_output_is_written_in_place(folder: Path) -> None:
    # /dev/fd/1 rather than /dev/stdout: the same path through the code, and a regression cannot
    # replace anything there (the folder is /proc's).
    run = clausecheck("c.txt", "-f", "json", "-o", "/dev/fd/1", "-o", "csv=report.csv", cwd=folder)
    assert run.code == 1 and json.loads(run.stdout)["documents"][0]["path"] == "c.txt"


def test_dev_stdout_and_dev_stderr_are_the_open_descriptors() -> None:
    assert (output_target("/dev/stdout").kind, output_target("/dev/stdout").descriptor) == ("descriptor", 1)
    assert (output_target("/dev/stderr").kind, output_target("/dev/stderr").descriptor) == ("descriptor", 2)


@pytest.mark.parametrize("arguments", [["-o", "json=c.txt"], ["-o", "c.txt"], ["--write-baseline", "c.txt"],
                                       ["-o", "sarif=settings.yaml", "--config", "settings.yaml"],
                                       ["-o", "json=link.json"]])
def test_an_output_onto_an_input_of_the_run_is_refused_and_the_input_kept(folder: Path, arguments: list[str]) -> None:
    (folder / "settings.yaml").write_text("fail-on: review\n")
    (folder / "link.json").symlink_to(folder / "c.txt")
    before = digest(folder / "c.txt"), digest(folder / "settings.yaml")
    line = one_line_error(clausecheck("c.txt", *arguments, cwd=folder))
    assert "is an input of this run" in line
    assert (digest(folder / "c.txt"), digest(folder / "settings.yaml")) == before
    assert not checked_anything(folder)


@pytest.mark.parametrize("arguments, message", [
    (["-o", "."], "is a folder"),
    (["-o", "json=missing/report.json"], "does not exist"),
    (["--write-baseline", "missing/baseline.json"], "does not exist"),
    (["-o", "json=a.json", "-o", "sarif=a.json"], "are the same file"),
])
def test_a_bad_output_path_fails_before_any_contract_is_checked(
        folder: Path, arguments: list[str], message: str) -> None:
    line = one_line_error(clausecheck("c.txt", *arguments, cwd=folder))
    assert message in line
    assert not checked_anything(folder)


FULL = pytest.mark.skipif(not Path("/dev/full").is_char_device(), reason="no /dev/full to stand for a full disk")


@FULL
def test_a_full_disk_on_standard_output_is_one_line_and_exit_2(folder: Path) -> None:
    with open("/dev/full", "wb") as full:
        run = clausecheck("c.txt", "-f", "json", cwd=folder, stdout=full)
    assert "standard output: cannot be written (No space left on device)" in one_line_error(run)


@FULL
def test_a_full_disk_for_the_text_report_on_standard_output_too(folder: Path) -> None:
    with open("/dev/full", "wb") as full:
        run = clausecheck("c.txt", cwd=folder, stdout=full)
    assert "No space left on device" in one_line_error(run)


@AS_ROOT
def test_a_full_device_as_output_file_is_one_line_and_exit_2(folder: Path) -> None:
    full = device(folder, "full", 1, 7)
    assert "No space left on device" in one_line_error(clausecheck("c.txt", "-o", f"json={full}", cwd=folder))
    assert stat.S_ISCHR(os.stat(full).st_mode)


@pytest.mark.parametrize("name, check", [
    ("r.json", lambda text: json.loads(text)["documents"]),
    ("r.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
    ("r.xml", lambda text: text.startswith('<?xml') and "<testsuites" in text),
    ("r.md", lambda text: text.startswith("## ")),
    ("r.csv", lambda text: text.startswith("\ufeffdocument,")),
    ("r.txt", lambda text: "FAIL" in text and "─" in text),
])
def test_without_format_the_output_file_name_chooses_the_format(folder: Path, name: str, check) -> None:
    run = clausecheck("c.txt", "-o", name, cwd=folder)
    assert run.code == 1 and run.stdout == ""
    assert check((folder / name).read_text(encoding="utf-8"))


def test_an_explicit_format_wins_over_the_file_name(folder: Path) -> None:
    assert clausecheck("c.txt", "-f", "json", "-o", "report.txt", cwd=folder).code == 1
    assert json.loads((folder / "report.txt").read_text())["documents"]


def test_an_html_file_name_is_html_or_a_clean_unknown_format(folder: Path) -> None:
    run = clausecheck("c.txt", "-o", "r.html", cwd=folder)
    if "html" in FORMATS:
        assert run.code == 1 and "<html" in (folder / "r.html").read_text().lower()
    else:
        assert "unknown format 'html'" in one_line_error(run) and not (folder / "r.html").exists()


def test_letters_and_notices_never_overwrite_what_they_read(folder: Path) -> None:
    (folder / "closures.txt").write_text("2024-12-24 Winter recess\n")
    before = digest(folder / "c.txt"), digest(folder / "closures.txt")
    letter = clausecheck("letter", "c.txt", "--district", "Millbrook", "-f", "md", "-o", "c.txt", cwd=folder)
    notice = clausecheck("notice", "c.txt", "--signed", "2024-12-20", "--purpose", "Reading", "--vendor", "Acme",
                         "--data", "name", "--district", "Millbrook", "--calendar", "closures.txt",
                         "-o", "closures.txt", cwd=folder)
    for run in (letter, notice):
        assert "is an input of this run" in one_line_error(run)
    assert (digest(folder / "c.txt"), digest(folder / "closures.txt")) == before


@AS_ROOT
def test_rules_schema_to_a_folder_is_refused_and_to_a_device_written(folder: Path) -> None:
    null = device(folder, "null", 1, 3)
    assert "is a folder" in one_line_error(clausecheck("rules", "schema", "-o", ".", cwd=folder))
    assert clausecheck("rules", "schema", "-o", null, cwd=folder).code == 0 and stat.S_ISCHR(os.stat(null).st_mode)


def test_a_link_planted_in_the_cache_folder_redirects_no_write(folder: Path) -> None:
    assert clausecheck("c.txt", cwd=folder).code == 1
    [entry] = (folder / ".cache-for-test").rglob("*.json")
    victim = folder / "victim.txt"
    victim.write_text("precious")
    entry.unlink()
    entry.symlink_to(victim)
    assert clausecheck("c.txt", cwd=folder).code == 1
    assert victim.read_text() == "precious"
    assert not entry.is_symlink()  # the entry was replaced by a file of its own


def _word_contract(folder: Path) -> Path:
    import docx

    document = docx.Document()
    for part in contract(missing=("severability",), conflict=("connecticut-law",)).split("\n\n"):
        if part.strip():
            document.add_paragraph(part.strip())
    document.save(folder / "c.docx")
    return folder / "c.docx"


SAMPLE_PDF = Path(__file__).resolve().parents[1] / "samples" / "vendor-agreement.pdf"
# Every command that writes a file the user names, with the option that names it last.
WRITERS = {
    "report": ["c.txt", "-f", "json", "-o"],
    "baseline": ["c.txt", "--write-baseline"],
    "letter": ["letter", "c.txt", "--district", "Millbrook", "--vendor", "Acme", "-o"],
    "notice": ["notice", "c.txt", "--signed", "2024-12-20", "--purpose", "Reading", "--vendor", "Acme", "--data",
               "name", "--district", "Millbrook", "-o"],
    "breach-notice": ["breach-notice", "--vendor", "Acme", "--vendor-notified", "2024-11-27T16:30", "--discovered",
                      "2024-11-20", "--district", "Millbrook", "-o"],
    "redline": ["redline", "c.docx", "--date", "2025-07-01", "-o"],
    "amendment": ["redline", str(SAMPLE_PDF), "--date", "2025-07-01", "-o"],
    "rules schema": ["rules", "schema", "-o"],
}


@AS_ROOT
@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_writes_a_device_in_place_and_a_links_target(folder: Path, writer: str) -> None:
    """Issue 11: 'the same for every writer': a device stays the device, a link stays a link to the file
    that now holds the output, and nothing else appears beside them."""
    _word_contract(folder)
    null = device(folder, "null", 1, 3)
    before = os.stat(null)
    run = clausecheck(*WRITERS[writer], null, cwd=folder, timeout=120)
    after = os.stat(null)
    assert run.code in (0, 1), run.stderr
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)

    (folder / "out").mkdir()
    target = folder / "out" / "target"
    target.write_bytes(b"old")
    (folder / "link").symlink_to(target)
    run = clausecheck(*WRITERS[writer], "link", cwd=folder, timeout=120)
    assert run.code in (0, 1), run.stderr
    assert (folder / "link").is_symlink() and os.readlink(folder / "link") == str(target)
    assert target.read_bytes() not in (b"", b"old")
    assert sorted(path.name for path in (folder / "out").iterdir()) == ["target"]  # no temporary file left
