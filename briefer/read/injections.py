"""Text addressed to the tool, left out of the article before anything else reads it (the injections stage).

Articles are written by strangers. A paragraph that holds meta-text (``meta``: a sentence that speaks to
the tool or the reader about the processing of this text) is left out whole, so the model never reads it,
no quote can come from it and no name in it becomes a candidate; a paragraph whose meta-text announces a
message (a vocative to the tool, a forged chat turn, "the following is for automated summaries") takes the
next paragraph with it. The title line is judged like any sentence; a title that carries meta-text keeps
what is left without it (a bracketed aside, a segment after a separator), or goes. The article's warnings
say how many sentences were left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefer.read.hidden import Visible
from briefer.read.meta import Verdict, judge
from briefer.text import LazyPattern, split_sentences

INJECTION_WARNING = "{n} sentence(s) addressed to an AI model left out (possible prompt injection)"
_TERMINAL = LazyPattern(r"[.!?…][\"”’')\]]*$")


@dataclass
class Screened:
    text: str
    left_out: int  # sentences left out
    title: str | None = None  # the title line as kept ("" when it went whole), None when not asked


def _units(text: str) -> list[tuple[int, str]]:
    """The paragraphs of ``text``, each with the number of its block: blocks between blank lines; a block of more
    than three lines, two in three of which end a sentence, is one paragraph per line (text that puts each
    paragraph on its own line; hard-wrapped prose ends few of its lines with a sentence), and so is a block
    with a forged chat role on a line of its own (each line a turn)."""
    units: list[tuple[int, str]] = []
    for b, block in enumerate(text.split("\n\n")):
        lines = block.split("\n")
        ends = [bool(_TERMINAL.search(line.rstrip())) for line in lines if line.strip()]
        prose = len(ends) > 3 and sum(ends) >= 2 * len(ends) / 3
        if prose or (len(lines) > 1 and any(_turn(line) for line in lines)):
            units.extend((b, line) for line in lines)
        else:
            units.append((b, block))
    return units


def _turn(line: str) -> bool:
    """A line that is a forged chat role alone ("system", "[assistant]"): the lines of its block are turns."""
    if len(line.split()) > 3:
        return False
    verdict = judge(line)
    return verdict.meta and verdict.why == ("forged",)


def _verdict(unit: str, joins: dict[str, str] | None) -> tuple[Verdict | None, int]:
    """The first meta verdict among the sentences of ``unit`` (the last one that announces wins), and how many
    sentences it holds."""
    sentences = split_sentences(unit)
    found: Verdict | None = None
    for k, s in enumerate(sentences):
        verdict = judge(s.text, joins)
        if verdict.announces and verdict.why == ("forged",) and k < len(sentences) - 1:
            verdict = Verdict(True, why=verdict.why)  # a bare marker whose turn follows in its own paragraph
        if verdict.meta and (found is None or verdict.announces):
            found = verdict
    if found is not None and not found.announces and unit.rstrip().endswith((":", "?")):
        found = Verdict(True, announces=True, why=found.why)  # a question to the tool takes its answer along
    return found, max(1, len(sentences))


def screen(text: str, joins: dict[str, str] | None = None, *, title: str | None = None,
           hidden: Visible | None = None) -> Screened:
    """``text`` without the paragraphs that hold meta-text (and those they announce), the number of sentences
    left out, and ``title`` (a title kept apart from the text, as an HTML page's) screened the same way.
    ``hidden``: the blocks of an HTML page that a reader does not see, whose marks stand in ``text``."""
    units = _units(text)
    marks = re.compile(rf"{hidden.token}-(\d+)") if hidden is not None and hidden.texts else None
    kept: list[tuple[int, str]] = []
    left_out = 0
    take_next = False
    for i, (block, unit) in enumerate(units):
        if marks is not None and hidden is not None and marks.search(unit):  # a hidden block: judged, never kept
            found = [hidden.texts[int(m.group(1))] for m in marks.finditer(unit) if int(m.group(1)) < len(hidden.texts)]
            unit = marks.sub("", unit).strip()
            verdicts = [v for v in (_verdict(h, joins)[0] for h in found) if v is not None]
            take_next = take_next or any(v.announces for v in verdicts)
            left_out += len(verdicts)
            if not unit:
                continue
        if not unit.strip():
            continue
        verdict, count = _verdict(unit, joins)
        if take_next and verdict is None:
            take_next = False
            left_out += count
            continue
        if verdict is None:
            kept.append((block, unit))
            continue
        if i == 0 and "\n" not in unit.strip():
            salvaged = salvage_title(unit, joins)
            if salvaged:
                kept.append((block, salvaged))
                left_out += 1
                continue
        left_out += count
        take_next = verdict.announces
    screened_title = None
    if title is not None:
        screened_title = title if judge(title, joins).meta is False else salvage_title(title, joins)
        left_out += screened_title != title
    if len(kept) < len(units) or any(k[1] is not u[1] for k, u in zip(kept, units, strict=False)) or \
            marks is not None:
        text = "".join(("\n\n" if block != kept[k - 1][0] else "\n") + unit if k else unit
                       for k, (block, unit) in enumerate(kept))
    return Screened(text, left_out, screened_title)


# A title's parts: bracketed asides and the segments between separators (" | ", " - ", ": ").
_ASIDE = LazyPattern(r"\s*(?:\[.*\]|\(.*\)|\{.*\}|<.*>|«.*»)\s*")  # outermost: an aside may nest one
_SEPARATOR = LazyPattern(r"\s+[|•·–—-]\s+|\s*:\s+|\s*//\s*")


def salvage_title(title: str, joins: dict[str, str] | None = None) -> str:
    """``title`` without the parts that are meta-text, or "" when what is left is meta-text, empty or a
    single word."""
    kept = _ASIDE.sub(lambda m: " " if judge(m.group().strip(" []{}()<>«»"), joins).meta else m.group(), title)
    segments = _SEPARATOR.split(kept)
    seps = _SEPARATOR.findall(kept)
    first = judge(segments[0], joins)
    out = "" if first.meta else segments[0]
    dropping = first.meta
    for sep, segment in zip(seps, segments[1:], strict=True):
        verdict = judge(segment, joins)
        if ":" in sep and dropping:  # what a meta segment hands over after a colon goes with it
            dropping = verdict.meta
            continue
        dropping = verdict.meta
        if segment.strip() and not verdict.meta:
            out = f"{out}{sep}{segment}" if out else segment
    out = " ".join(out.split()).strip(" -|:•·–—")
    if len(out.split()) < 2 or judge(out, joins).meta:
        return ""
    return out
