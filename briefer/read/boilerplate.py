"""Site furniture: the lines of a page that are not the article (share buttons, captions, credits,
newsletter and cookie prompts, the comment section), found line by line and removed."""

from __future__ import annotations

import re

from briefer.read.boilerplate_fr import is_furniture_fr, opens_comments_fr
from briefer.text import LazyPattern, fold, holds_any, one_blank_line

# Whole-line patterns (matched case-insensitively against a stripped line).
_BOILERPLATE = [
    r"your email address will not be published\.?.*",
    r"required fields are marked \*?\.?",
    r"(share|tweet|email|print|facebook|twitter|whatsapp|pinterest|linkedin|reddit|copy link|messenger)"
    r"(\s*[|/·•]?\s*(share|tweet|email|print|facebook|twitter|whatsapp|pinterest|linkedin|reddit|copy link"
    r"|messenger))*",
    r"share (this|the) (article|story|page|post)( on \w+)?:?",
    r"share (on|via|to) (facebook|twitter|whatsapp|email|linkedin|x)\b.{0,60}",
    r"advertisement|advertising|advert|ad|sponsored( content)?|(story )?continues below( advertisement)?",
    r"continue reading( (below|the (main )?story))?\.?",
    r"image copyright\b.*",
    r"media caption\b.*",
    r"(image|photo|picture|video|credit|photograph|source)s?\s*:\s*.{0,80}",
    r"\(\s*(image|photo|picture|video|credit|photograph)s?\s*:.{0,80}\)",
    r"(sign up|subscribe)\b.{0,120}\b(newsletter|inbox|updates|emails?|alerts)\b.{0,120}",
    r".{0,120}\bthank you for subscribing\b.{0,120}",
    r"get (daily|weekly|the latest|our|breaking)\b.{0,80}\b(inbox|email)\b.{0,120}",
    r".{0,40}\bnewsletter\b.{0,40}(sign up|subscribe)\b.{0,40}",
    r"(read more|read next|related( articles| stories| coverage| content)?|more on this story|see also"
    r"|recommended( for you)?|most read|most popular|trending( now)?)\s*([:|»>].{0,150})?",
    r"follow (us|@\w+)\b.{0,80}",
    r"follow \w+( \w+)? on (twitter|facebook|instagram|x|tiktok|youtube)\b.{0,60}",
    r".{0,200}\bwe use cookies\b.{0,300}",
    r".{0,100}\bcookie (policy|settings|preferences|notice)\b.{0,200}",
    r"(accept|reject|manage) (all )?cookies.{0,40}",
    r"(click|tap) here\b.{0,100}",
    r"loading video\b.{0,200}|.{0,80}\b(click|tap) to play\b.{0,200}",
    r"(©|\(c\)|copyright\s*(©|\(c\))?\s*\d{4}).{0,100}|all rights reserved\.?",
    r".{0,120}\bshare your (experience|story|pictures|photos|views)\b.{0,80}\b(email|emailing|contact)\b"
    r".{0,100}",
    r"please include a contact number\b.{0,200}",
    r"you can also contact us\b.{0,100}",
]
# The patterns that may match from anywhere in a line (".{0,N}" first), each with words that every match
# of it holds (see text.fold): tried only on a line that holds one. The others start at the line's
# first word and fail at once on most lines, so they go together as one pattern.
_ANYWHERE = {
    r".{0,120}\bthank you for subscribing\b.{0,120}": ("thank you for subscribing",),
    r".{0,40}\bnewsletter\b.{0,40}(sign up|subscribe)\b.{0,40}": ("newsletter",),
    r".{0,200}\bwe use cookies\b.{0,300}": ("we use cookies",),
    r".{0,100}\bcookie (policy|settings|preferences|notice)\b.{0,200}": ("cookie ",),
    r"loading video\b.{0,200}|.{0,80}\b(click|tap) to play\b.{0,200}": ("loading video", "to play"),
    r".{0,120}\bshare your (experience|story|pictures|photos|views)\b.{0,80}\b(email|emailing|contact)\b"
    r".{0,100}": ("share your",),
}
_BOILERPLATE_RE = LazyPattern("|".join(f"(?:{p})" for p in _BOILERPLATE if p not in _ANYWHERE), re.IGNORECASE)
_BOILERPLATE_ANYWHERE = tuple((words, LazyPattern(p, re.IGNORECASE)) for p, words in _ANYWHERE.items())
# A line that starts the trailing comment section: it and everything after it go.
_COMMENTS_RE = LazyPattern(
    r"(leave a (reply|comment)|post a comment|add (a|your) comment|join the (conversation|discussion)"
    r"|comments?|\d+ comments?|comments? \(\d+\)|(show|view|load) comments|discussion)\s*[:.]?",
    re.IGNORECASE,
)


# No line of French furniture is longer: a longer line is the article's.
_FR_LONGEST = 420


def is_boilerplate(line: str) -> bool:
    """True for a line of site furniture (share buttons, captions, credits, newsletter or cookie prompts)."""
    line = line.strip()
    if _BOILERPLATE_RE.fullmatch(line):
        return True
    folded = fold(line)
    if any(holds_any(folded, words) and rule.fullmatch(line) for words, rule in _BOILERPLATE_ANYWHERE):
        return True
    return len(line) <= _FR_LONGEST and is_furniture_fr(line)  # the French forms (read.boilerplate_fr)


# A list of links to other stories ("Most read", "Related", "Trending"): two or more short lines shaped like
# headlines (no closing full stop), numbered or bulleted, or under a short label line.
_LIST_MARK = LazyPattern(r"^\s*(?:\d{1,2}[.)]|[-*•·▪►‣])\s+\S")
# A line that ends as a sentence does (French closes a quoted sentence with "»") is no headline.
_HEADLINE_END = ("", ".", "!", "?", "\"", "”", "»", "'", "’", ":", ";", ",")


def _headline_shaped(line: str, most_words: int = 14) -> bool:
    words = line.split()
    return 0 < len(words) <= most_words and line.rstrip()[-1:] not in _HEADLINE_END[1:]


def drop_link_lists(text: str) -> str:
    """``text`` without lists of links to other stories: runs of two or more headline-shaped lines (blank
    lines between them allowed) that are numbered or bulleted, or that follow a label line of at most five
    words; the label goes with them. A list of full sentences (an article's own list of measures) stays."""
    lines = text.split("\n")
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        run = []
        j = i
        while j < len(lines) and (not lines[j].strip() or _headline_shaped(lines[j])):
            if lines[j].strip():
                run.append(j)
            j += 1
        run = [k for k in run if k > 0]  # never the title
        if len(run) >= 2:
            marked = all(_LIST_MARK.match(lines[k]) for k in run)
            label = run[0] if len(lines[run[0]].split()) <= 5 and not _LIST_MARK.match(lines[run[0]]) else None
            items = run[1:] if label is not None else run
            if len(items) >= 2 and (marked or label is not None) and all(
                    _LIST_MARK.match(lines[k]) or len(lines[k].split()) >= 3 for k in items):
                drop.update(run)
        i = max(j, i + 1)
    return "\n".join(line for k, line in enumerate(lines) if k not in drop)


# Site navigation: three or more short items on one line between separators ("Home | News | World").
_NAV_SEPARATORS = LazyPattern(r"\s[|•·»›]\s|\s/\s")


def is_navigation(line: str) -> bool:
    items = [i for i in _NAV_SEPARATORS.split(line.strip()) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= 3 for i in items)


def drop_preamble(text: str) -> str:
    """``text`` without the short lines between its title and its first paragraph of news (edition and
    sign-in labels, menus, section names: at most four words, no closing full stop)."""
    lines = text.split("\n")
    for k, line in enumerate(lines[1:], 1):
        if len(line.split()) >= 8 or line.rstrip().endswith((".", "!", "?", "\"", "”", "»")):
            return "\n".join([lines[0], *(x for x in lines[1:k] if not _short_label(x)), *lines[k:]])
    return text


# Tags, brackets, braces and rules of repeated signs ("</section>", "== END ==", "[admin]"): a line holding
# them is markup, not a site's label; it is left to the injections stage, which reads a forged prompt marker
# as announcing what follows.
_MARKUP = LazyPattern(r"[<>{}\[\]=#]|([-*_~])\1")


def _short_label(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 4 and not line.rstrip().endswith((".", "!", "?", "\"", "”", "»", ":")) \
        and not _MARKUP.search(line)


def remove_boilerplate(text: str) -> str:
    """Drop furniture lines and lists of links to other stories, and the comment section from its first
    marker line to the end."""
    kept: list[str] = []
    content_lines = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (_COMMENTS_RE.fullmatch(stripped) or opens_comments_fr(stripped)) and content_lines >= 2:
            break
        if stripped and (is_boilerplate(stripped) or is_navigation(stripped)):
            continue
        if stripped:
            content_lines += 1
        kept.append(line)
    return one_blank_line(drop_preamble(drop_link_lists("\n".join(kept)))).strip()
