"""Markdown to clean plain text (the text geo parses), with front-matter metadata.

Line-based and dependency-free: headings, emphasis, code, links, images, block quotes,
lists, tables, rules, HTML tags and comments, reference definitions and escapes are reduced
to their words. Offsets of mentions refer to the returned text, not to the Markdown source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$", re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_LIST = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
_REFDEF = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)|!\[([^\]]*)\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_EM_UNDER = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<\"'])")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&nbsp;": " "}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))


@dataclass(frozen=True)
class MarkdownDoc:
    text: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)  # front-matter fields, lower-cased keys


def to_text(markdown: str) -> MarkdownDoc:
    """Plain text of *markdown* (newlines already normalised to ``\\n``)."""
    meta: dict[str, str] = {}
    front = _FRONT.match(markdown)
    if front:
        for key, value in _FRONT_FIELD.findall(front.group(1)):
            meta[key.lower()] = value.strip().strip("\"'")
        markdown = markdown[front.end():]
    markdown = _COMMENT.sub("", markdown)
    title = meta.get("title") or None
    out: list[str] = []
    in_fence: str | None = None
    for line in markdown.split("\n"):
        fence = _FENCE.match(line)
        if in_fence is not None:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = None
            else:
                out.append(line)
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        if _RULE.match(line) or _REFDEF.match(line) or _TABLE_SEP.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            if title is None and line.lstrip().startswith("="):
                title = out[-1].strip()
            continue
        heading = _HEADING.match(line)
        if heading:
            line = heading.group(2)
            if title is None and len(heading.group(1)) == 1:
                title = _inline(line).strip() or None
        else:
            line = _QUOTE.sub("", line)
            line = _LIST.sub(r"\1", line)
            if line.lstrip().startswith("|") or line.rstrip().endswith("|"):
                line = " ".join(c.strip() for c in line.strip().strip("|").split("|"))
        out.append(_inline(line).strip())
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return MarkdownDoc(text=text, title=title, meta=meta)


def _inline(line: str) -> str:
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:
        codes.append(m.group(2).strip())
        return f"\x00{len(codes) - 1}\x00"

    line = _CODE.sub(keep_code, line)
    line = _IMAGE.sub(lambda m: m.group(1) or m.group(2) or "", line)
    line = _LINK.sub(lambda m: m.group(1) or m.group(2), line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _STRONG.sub(r"\2", line)
    line = _STRIKE.sub(r"\1", line)
    line = _EM_STAR.sub(r"\1", line)
    line = _EM_UNDER.sub(r"\1", line)
    line = _ESCAPE.sub(r"\1", line)
    line = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], line)
    if codes:
        line = re.sub("\x00(\\d+)\x00", lambda m: codes[int(m.group(1))], line)
    return line
