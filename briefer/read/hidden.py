"""HTML a reader does not see: elements a browser hides, or draws where no eye can read them.

Hidden: ``hidden``, ``<template>``, ``aria-hidden="true"``, ``display:none``, ``visibility:hidden|collapse``,
``opacity`` near 0, font sizes under 4px, text coloured like its background (or fully transparent),
boxes positioned or indented far off-screen, clipped to nothing (``clip``/``clip-path``), or sized to
nothing with their overflow hidden. The same rules apply whether they are written in the element's
``style`` or in the page's ``<style>`` sheets (by tag, class, id and attribute selectors; a selector with
ancestors must have them). Text in such elements is no part of the article.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from briefer.text import LazyPattern

# Cheap test: a page without any of these words has nothing to hide.
_MAY_HIDE = LazyPattern(r"hidden|<template|display|opacity|font-size|font:|color|clip|position|text-indent|"
                        r"visibility|transform|<style|height|width", re.IGNORECASE)
_NAMED = {"white": (255, 255, 255), "black": (0, 0, 0), "red": (255, 0, 0), "green": (0, 128, 0),
          "blue": (0, 0, 255), "yellow": (255, 255, 0), "gray": (128, 128, 128), "grey": (128, 128, 128),
          "silver": (192, 192, 192), "navy": (0, 0, 128), "maroon": (128, 0, 0), "ivory": (255, 255, 240),
          "snow": (255, 250, 250), "whitesmoke": (245, 245, 245), "ghostwhite": (248, 248, 255),
          "floralwhite": (255, 250, 240), "linen": (250, 240, 230), "beige": (245, 245, 220),
          "aliceblue": (240, 248, 255), "mintcream": (245, 255, 250), "seashell": (255, 245, 238),
          "honeydew": (240, 255, 240), "azure": (240, 255, 255), "lavenderblush": (255, 240, 245)}
_BLOCKS = {"p", "div", "section", "aside", "article", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
           "h6", "table", "tr", "td", "figure", "figcaption", "header", "footer", "pre", "dl", "dd", "dt", "form"}
_PAGE = (255, 255, 255)  # a page without a background is drawn on white
_OFF = 1000  # px: a box moved this far off is off any screen
_TINY = 4  # px: text smaller than this cannot be read


@dataclass
class Visible:
    """A page without what a reader does not see. Each hidden block left a mark paragraph, ``mark(k)``, where
    it stood (``texts[k]`` is its text): the injections stage judges the text (a hidden announcement takes
    the visible paragraph after it) and drops the mark. The marks carry a hash of the page, which the page
    cannot hold."""

    html: str
    texts: list[str] = field(default_factory=list)
    token: str = ""

    def mark(self, k: int) -> str:
        return f"{self.token}-{k}"


@dataclass(frozen=True)
class _Rule:
    ancestors: tuple[str, ...]  # compound selectors an ancestor must match, outermost first
    compound: str  # the compound selector the element must match
    style: dict[str, str]


def _declarations(style: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in style.split(";"):
        name, _, value = part.partition(":")
        name, value = name.strip().lower(), value.strip().lower().replace("!important", "").strip()
        if name and value:
            out[name] = value
    return out


def _rules(html: str) -> list[_Rule]:
    """The rules of the page's ``<style>`` sheets that match statically (no pseudo-classes)."""
    rules: list[_Rule] = []
    for sheet in re.findall(r"<style[^>]*>(.*?)</style\s*>", html, re.IGNORECASE | re.DOTALL):
        sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet):  # innermost blocks: @media bodies too
            style = _declarations(body)
            if not style:
                continue
            for selector in selectors.split(","):
                selector = selector.strip()
                if not selector or selector.startswith("@") or ":" in selector:
                    continue
                parts = [p for p in re.split(r"\s*[>+~]\s*|\s+", selector) if p]
                if parts:
                    rules.append(_Rule(tuple(parts[:-1]), parts[-1], style))
    return rules


def _matches(element: object, compound: str) -> bool:
    """``element`` matches a compound selector: ``tag``, ``*``, ``.class``, ``#id``, ``[attr]``, ``[attr=v]``."""
    get = getattr(element, "get", None)
    tag = getattr(element, "tag", None)
    if get is None or not isinstance(tag, str):
        return False
    m = re.match(r"[a-zA-Z][\w-]*|\*", compound)
    if m and m.group() != "*" and m.group().lower() != tag.lower():
        return False
    classes = set((get("class") or "").split())
    for sign, name in re.findall(r"([.#])([\w-]+)", compound):
        if sign == "." and name not in classes:
            return False
        if sign == "#" and get("id") != name:
            return False
    for name, value in re.findall(r"\[\s*([\w-]+)(?:\s*[~|^$*]?=\s*[\"']?([^\"'\]]*)[\"']?)?\s*\]", compound):
        actual = get(name)
        if actual is None or (value and value not in actual):
            return False
    return True


def _style_of(element: object, rules: list[_Rule]) -> dict[str, str]:
    """The element's declarations: sheet rules in order, then its ``style`` attribute."""
    style: dict[str, str] = {}
    for rule in rules:
        if _matches(element, rule.compound) and _has_ancestors(element, rule.ancestors):
            style.update(rule.style)
    get = getattr(element, "get", None)
    if get is not None:
        style.update(_declarations(get("style") or ""))
    return style


def _has_ancestors(element: object, ancestors: tuple[str, ...]) -> bool:
    need = list(ancestors)
    parent = element.getparent()  # type: ignore[attr-defined]
    while need and parent is not None:
        if _matches(parent, need[-1]):
            need.pop()
        parent = parent.getparent()
    return not need


def _color(value: str) -> tuple[int, int, int, float] | None:
    """(r, g, b, alpha) of a CSS colour: names, #rgb(a), #rrggbb(aa), rgb()/rgba(), transparent."""
    value = value.strip()
    if value == "transparent":
        return (0, 0, 0, 0.0)
    if value in _NAMED:
        return (*_NAMED[value], 1.0)
    m = re.fullmatch(r"#([0-9a-f]{3,8})", value)
    if m:
        h = m.group(1)
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        if len(h) not in (6, 8):
            return None
        alpha = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha)
    m = re.fullmatch(r"rgba?\(([^)]*)\)", value)
    if m:
        parts = [p for p in re.split(r"[\s,/]+", m.group(1)) if p]
        try:
            rgb = [float(p[:-1]) * 2.55 if p.endswith("%") else float(p) for p in parts[:3]]
            given = parts[3] if len(parts) > 3 else "1"
            a = float(given[:-1]) / 100 if given.endswith("%") else float(given)
        except ValueError:
            return None
        if len(rgb) == 3:
            return (round(rgb[0]), round(rgb[1]), round(rgb[2]), a)
    return None


def _background(style: dict[str, str]) -> tuple[int, int, int, float] | None:
    for name in ("background-color", "background"):
        if name in style:
            for word in re.findall(r"#[0-9a-f]{3,8}|rgba?\([^)]*\)|[a-z]+", style[name]):
                color = _color(word)
                if color is not None:
                    return color
    return None


def _px(value: str) -> float | None:
    """A CSS length in px (em/rem as 16px); None when it is not a plain length."""
    m = re.fullmatch(r"(-?\d*\.?\d+)(px|pt|em|rem|%|vw|vh)?", value.strip())
    if not m:
        return None
    number, unit = float(m.group(1)), m.group(2) or "px"
    return number * {"px": 1, "pt": 4 / 3, "em": 16, "rem": 16, "%": 0.16, "vw": 10, "vh": 10}[unit]


def _invisible(style: dict[str, str], background: tuple[int, int, int, float]) -> bool:
    """The declarations hide the element's text on ``background``."""
    if style.get("display") == "none" or style.get("visibility") in ("hidden", "collapse"):
        return True
    opacity = style.get("opacity")
    if opacity is not None:
        try:
            if float(opacity.rstrip("%")) / (100 if opacity.endswith("%") else 1) < 0.1:
                return True
        except ValueError:
            pass
    size = style.get("font-size")
    if size is None and "font" in style:
        found = re.search(r"(?<![\w.-])(\d*\.?\d+(?:px|pt|em|rem))\b", style["font"])
        size = found.group(1) if found else None
    if size is not None:
        px = _px(size)
        if px is not None and px < _TINY:
            return True
    color = _color(style["color"]) if "color" in style else None
    if color is not None and (color[3] < 0.1 or _close(color, background)):
        return True
    if style.get("position") in ("absolute", "fixed"):
        for side in ("left", "top", "right", "bottom"):
            px = _px(style.get(side, "0"))
            if px is not None and px <= -_OFF:
                return True
    indent = _px(style.get("text-indent", "0"))
    if indent is not None and abs(indent) >= _OFF:
        return True
    transform = style.get("transform", "")
    for number in re.findall(r"translate[xy]?\(\s*(-?\d+(?:\.\d+)?)px", transform):
        if abs(float(number)) >= _OFF:
            return True
    if re.search(r"scale[xy]?\(\s*0(?:\.0+)?\s*[,)]", transform):
        return True
    clip = style.get("clip", "").replace(" ", "")
    if clip.startswith("rect(") and len(set(re.findall(r"-?\d*\.?\d+", clip))) <= 1:
        return True  # rect(0,0,0,0), rect(1px,1px,1px,1px): an empty box
    clip_path = style.get("clip-path", "")
    if re.search(r"inset\(\s*(?:50|100)%|circle\(\s*0|polygon\(\s*0(?:px)?\s+0(?:px)?\s*,\s*0(?:px)?\s+0(?:px)?",
                 clip_path):
        return True
    overflow = style.get("overflow", "") + style.get("overflow-x", "") + style.get("overflow-y", "")
    if "hidden" in overflow or "clip" in overflow:
        for dimension in ("height", "width", "max-height", "max-width"):
            px = _px(style.get(dimension, "auto"))
            if px is not None and px <= 1:
                return True
    return False


def _close(a: tuple[int, int, int, float], b: tuple[int, int, int, float]) -> bool:
    """Two colours an eye cannot tell apart (each channel within 12 of 255)."""
    return all(abs(x - y) <= 12 for x, y in zip(a[:3], b[:3], strict=True))


def drop_hidden_html(html: str, *, marks: bool = True) -> Visible:
    """``html`` without the elements a reader does not see; unchanged if it cannot be parsed. ``marks=False``
    leaves no mark where a hidden block stood (a Markdown article's raw HTML block: the injections stage
    sees no page of its own there)."""
    if not _MAY_HIDE.search(html):
        return Visible(html)
    # lxml only for a page that may hide text: a plain-text article never pays for it
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.LxmlError):
        return Visible(html)
    rules = _rules(html)
    doomed = []
    backgrounds: dict[object, tuple[int, int, int, float]] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        background = backgrounds.get(parent, (*_PAGE, 1.0)) if parent is not None else (*_PAGE, 1.0)
        if element.tag == "template" or element.get("hidden") is not None or \
                (element.get("aria-hidden") or "").strip().lower() == "true":
            doomed.append(element)
            continue
        style = _style_of(element, rules) if rules or element.get("style") else {}
        own = _background(style)
        if own is not None and own[3] >= 0.5:
            background = own
        backgrounds[element] = background
        if style and _invisible(style, background):
            doomed.append(element)
    out = Visible(html, token="hidden" + hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()[:12])
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        text = " ".join(element.text_content().split()) if element.tag in _BLOCKS else ""
        if marks and text and element.tag != "template":
            mark = lxml.html.Element("p")
            mark.text = out.mark(len(out.texts))
            out.texts.append(text)
            mark.tail = element.tail
            parent.replace(element, mark)
            continue
        if element.tail:  # keep the text that follows the hidden element
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)
    out.html = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    return out
