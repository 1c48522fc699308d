"""Write a Composition as Markdown (an e-mail body or a file copy), plain text wrapped for e-mail, or a
standalone HTML page for the district's website."""

from __future__ import annotations

import html
import re
import textwrap

from clausecheck.letters.composition import (
    ADDRESS,
    BULLETS,
    DATE,
    HEADING,
    ITEM,
    LETTERHEAD,
    NOTE,
    PAGE_BREAK,
    PARAGRAPH,
    SIGNATURE,
    SUBJECT,
    TITLE,
    Composition,
    Field,
)

WIDTH = 72


def to_markdown(composition: Composition) -> str:
    parts: list[str] = []
    for block in composition.blocks:
        if block.kind == LETTERHEAD:
            name, *rest = block.lines or ("",)
            parts.append(_lines([f"**{_md(name)}**", *(_md(line) for line in rest)]))
            parts.append("---")
        elif block.kind in (DATE, PARAGRAPH):
            parts.append(_md(block.text))
        elif block.kind == ADDRESS:
            parts.append(_lines([_md(line) for line in block.lines]))
        elif block.kind == SUBJECT:
            parts.append(f"**{_md(block.text)}**")
        elif block.kind == TITLE:
            parts.append(f"# {_md(block.text)}")
        elif block.kind == HEADING:
            parts.append(f"## {_md(block.text)}")
        elif block.kind == ITEM:
            parts.append(f"### {block.number}. {_md(block.text)}")
            parts += [_markdown_field(field) for field in block.fields]
        elif block.kind == BULLETS:
            parts.append("\n".join(f"- {_md(line)}" for line in block.lines))
        elif block.kind == SIGNATURE:
            closing, *rest = block.lines or ("",)
            parts.append(_md(closing))
            if rest:
                parts.append(_lines([_md(line) for line in rest]))
        elif block.kind == NOTE:
            parts.append(f"*{_md(block.text)}*")
        elif block.kind == PAGE_BREAK:
            parts.append("---")
    return "\n\n".join(part for part in parts if part) + "\n"


def _markdown_field(field: Field) -> str:
    if field.quote:
        where = f" ({_md(field.where)})" if field.where else ""
        return f"**{_md(field.label)}:**\n\n> \u201c{_md(field.text)}\u201d{where}"
    return f"**{_md(field.label)}:** {_md(field.text)}"


def _lines(lines: list[str]) -> str:
    """Lines kept apart in Markdown: two trailing spaces are a line break."""
    return "  \n".join(line for line in lines if line)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    """Text as Markdown shows it literally: emphasis, links and HTML characters escaped, and a line that
    would start a heading, list or quote kept a paragraph."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\s*)([#>+-]|\d+[.)])(?=\s)", r"\1\\\2", escaped)


def to_text(composition: Composition) -> str:
    parts: list[str] = []
    for block in composition.blocks:
        if block.kind == LETTERHEAD:
            parts.append("\n".join(block.lines) + "\n" + "-" * WIDTH)
        elif block.kind in (DATE, SUBJECT):
            parts.append(_wrap(block.text))
        elif block.kind == PARAGRAPH:
            parts.append(_wrap(block.text))
        elif block.kind == ADDRESS:
            parts.append("\n".join(block.lines))
        elif block.kind == TITLE:
            parts.append(block.text.upper() + "\n" + "=" * min(len(block.text), WIDTH))
        elif block.kind == HEADING:
            parts.append(block.text + "\n" + "-" * min(len(block.text), WIDTH))
        elif block.kind == ITEM:
            parts.append(_wrap(f"{block.number}. {block.text}", subsequent="   "))
            parts += [_text_field(field) for field in block.fields]
        elif block.kind == BULLETS:
            parts.append("\n".join(_wrap(f"- {line}", subsequent="  ") for line in block.lines))
        elif block.kind == SIGNATURE:
            closing, *rest = block.lines or ("",)
            parts.append(closing + "\n\n\n" + "\n".join(line for line in rest if line))
        elif block.kind == NOTE:
            parts.append(_wrap(block.text))
        elif block.kind == PAGE_BREAK:
            parts.append("=" * WIDTH)
    return "\n\n".join(part for part in parts if part) + "\n"


def _text_field(field: Field) -> str:
    if field.quote:
        where = f" ({field.where})" if field.where else ""
        return _wrap(f"{field.label}:", initial="   ") + "\n" + \
            _wrap(f"\u201c{field.text}\u201d{where}", initial="     ", subsequent="     ")
    return _wrap(f"{field.label}: {field.text}", initial="   ", subsequent="   ")


def _wrap(text: str, initial: str = "", subsequent: str = "") -> str:
    """Wrap at WIDTH columns, never between "§" or "§§" and the section number that follows."""
    text = re.sub(r"(§+) ", "\\1\u00a0", " ".join(text.split()))
    wrapped = textwrap.fill(text, width=WIDTH, initial_indent=initial, subsequent_indent=subsequent,
                            break_long_words=False, break_on_hyphens=False)
    return wrapped.replace("\u00a0", " ")


_STYLE = """
body { font-family: Calibri, Carlito, "Segoe UI", Helvetica, Arial, sans-serif; color: #1a1a1a;
       max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
.letterhead { border-bottom: 1px solid #888; padding-bottom: .5rem; margin-bottom: 1.5rem; }
.letterhead strong { font-size: 1.3rem; } .letterhead span { color: #595959; font-size: .9rem; }
.item { margin-left: 1.6rem; } .item h3 { margin-left: -1.6rem; font-size: 1rem; }
blockquote { font-style: italic; margin: .3rem 0 .3rem 1rem; padding-left: .8rem; border-left: 3px solid #ccc; }
.note { color: #595959; font-size: .85rem; } .signature { margin-top: 2rem; }
""".strip()


def to_html(composition: Composition) -> str:
    body: list[str] = []
    for block in composition.blocks:
        if block.kind == LETTERHEAD:
            name, *rest = block.lines or ("",)
            body.append('<header class="letterhead"><strong>' + _h(name) + "</strong>" +
                        "".join(f"<br><span>{_h(line)}</span>" for line in rest) + "</header>")
        elif block.kind in (DATE, PARAGRAPH):
            body.append(f"<p>{_h(block.text)}</p>")
        elif block.kind == ADDRESS:
            body.append("<p>" + "<br>".join(_h(line) for line in block.lines) + "</p>")
        elif block.kind == SUBJECT:
            body.append(f"<p><strong>{_h(block.text)}</strong></p>")
        elif block.kind == TITLE:
            body.append(f"<h1>{_h(block.text)}</h1>")
        elif block.kind == HEADING:
            body.append(f"<h2>{_h(block.text)}</h2>")
        elif block.kind == ITEM:
            fields = "".join(_html_field(field) for field in block.fields)
            body.append(f'<section class="item"><h3>{block.number}. {_h(block.text)}</h3>{fields}</section>')
        elif block.kind == BULLETS:
            body.append("<ul>" + "".join(f"<li>{_h(line)}</li>" for line in block.lines) + "</ul>")
        elif block.kind == SIGNATURE:
            closing, *rest = block.lines or ("",)
            body.append(f'<p class="signature">{_h(closing)}</p>' +
                        ("<p>" + "<br>".join(_h(line) for line in rest if line) + "</p>" if any(rest) else ""))
        elif block.kind == NOTE:
            body.append(f'<p class="note">{_h(block.text)}</p>')
        elif block.kind == PAGE_BREAK:
            body.append("<hr>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{_h(composition.title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _html_field(field: Field) -> str:
    if field.quote:
        where = f" <span class=\"note\">({_h(field.where)})</span>" if field.where else ""
        return f"<p><strong>{_h(field.label)}:</strong></p><blockquote>\u201c{_h(field.text)}\u201d{where}</blockquote>"
    return f"<p><strong>{_h(field.label)}:</strong> {_h(field.text)}</p>"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


WRITERS = {"markdown": to_markdown, "txt": to_text, "html": to_html}
