"""Names in an article (people, organisations, places, groups), found by rule, with the role and kind that
the words around them give.

Names are capitalised word sequences (with of/de/van/al- connectors, initials, hyphens, apostrophes, "Stage
4"), acronyms, quoted collective names (the so-called “friends of the river”) and collective phrases for
heads of government of named countries. A leading title becomes ``role_hint`` ("Prime Minister Jane Roe" ->
"Jane Roe", "Prime Minister"), as does a lowercase title ("Kestrel Motors boss") or an appositive (", the
deputy consul at the Norvian Embassy"). Surnames merge into the full name, acronyms into the name they
abbreviate, a first name into the one person it fits. Title-case headline lines only count mentions of
names found in the body. Single words only ever capitalised at the start of a sentence ("Hundreds",
"Rain") are not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from briefer.extract import wordlists as gz
from briefer.extract.roles import appositive, is_role, lead_role, title_before
from briefer.text import MONTH_WORDS, LazyPattern, Sentence, holds_any

_ABBR = r"(?:St|Mt|Ft|Dr|Mr|Mrs|Ms|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Prof|Rev|Jr|Sr|Adm|Supt|Det)\."
_TOKEN = LazyPattern(r"(?P<abbr>\b" + _ABBR + r"(?=\s))|(?P<dotted>\b(?:[A-Z]\.){2,})"
                    r"|(?P<initial>\b[A-Z]\.(?=\s+[A-Z]))|(?P<word>[^\W_]+(?:[-'’&][^\W_]+)*)|(?P<punct>\S)")
_CAPW = (r"(?:" + _ABBR + r"|(?:[A-Z]\.){2,}|[A-Z]\.(?=\s+[A-Z])"
         r"|(?:(?:al|el|bin|ibn|abu)-)?[A-ZÀ-ÖØ-Þ][^\W_]*(?:[-'’&][^\W_]+)*)")
_JOIN = (r"(?:\s+(?:of the|of|and|for|de|la|le|du|da|di|del|della|der|den|van|von|bin|ibn|al|el|dos|das|y)\s+"
         r"|\s*&\s*|\s+)")
_NUMBERED = r"(?:\s\d{1,2}\b(?![:.,/]\d|\s*[A-Z\d]))?"  # "Stage 4"
# a run of capitalised words and what may join them; _sequences splits it into names
_RUN = LazyPattern(r"(?=[A-ZÀ-ÖØ-Þabei])(?<![\w'’-])" + _CAPW + r"(?:" + _JOIN + _CAPW + r")*" + _NUMBERED)
_CAPS = r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*"
_COLLECTIVE = LazyPattern(
    r"\b(?:heads? of (?:government|state)(?: and (?:government|state))?"
    r"|(?:prime|foreign|defen[cs]e) ministers|presidents|leaders)\s(?:of|from)\s"
    + _CAPS + r"(?:(?:,\s|\sand\s)" + _CAPS + r")*"
    r"|\b[A-Z][\w-]*['’]s(?:(?:,\s|,?\sand\s)[A-Z][\w-]*['’]s)+\s(?:heads? of (?:government|state)|leaders"
    r"|prime ministers|presidents|foreign ministers)")
_COLLECTIVE_WORDS = ("head", "ministers", "presidents", "leaders")  # every match of _COLLECTIVE holds one
_QUOTE_OPENERS = ("“", "\"", "‘")  # and of _QUOTED, one of these
_QUOTED = LazyPattern(r"(?:so-called|dubbed|known as|called|the)\s[“\"‘]"
                     r"([a-z][a-z'’-]*(?:\s[a-z][a-z'’-]*){1,6})[,.]?[”\"’]")
_SAID = LazyPattern(r"\s*(?:,\s*\d{1,3},)?\s*(?:said|says|told|added|wrote|explained|insisted|claimed"
                   r"|tweeted)\b")
_DIRECTION = LazyPattern(r"\b([a-z]+(?:-[a-z]+)?)\s$")
_GEO = LazyPattern(r"\s([a-z]+)\b")
_NEAR = LazyPattern(r"\b(?:in|at|near|outside|across|around)\s$")
_PLACE_BEFORE = LazyPattern(r"\b(?:in|at|near|outside|across|around|from)\s$")
_LETTER = LazyPattern(r"[^\W\d_]")
_INNER_CAP = LazyPattern(r"(?:al|el|bin|ibn|abu)-[A-Z]")
_COMPOUND = LazyPattern(r"([A-Z][^-]*)-[a-z]")
_ACRONYM_NUM = LazyPattern(r"[A-Z]+\d+")
_OPENERS = ("\"", "“", "‘", "'", ":", "(", "[", "—", "-", "|")


@dataclass
class Name:
    """One name of an article, as the model is asked to label it."""

    name: str  # canonical (longest) form: "Jane Roe"
    aliases: list[str]  # other forms seen: "Roe", "Prime Minister Jane Roe"
    count: int  # mentions, headline lines included
    first: int  # offset of the first mention
    sentence: int  # index of the sentence of the first mention
    role_hint: str = ""  # verbatim: "Prime Minister", "the deputy consul at the Norvian Embassy"
    kind_hint: str = ""  # person | organisation | place | group | ""
    acts: bool = False  # the grammatical subject of a verb in the title or the lead: an actor, even a place


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    kind: str  # abbr | dotted | initial | word | punct
    cap: bool = False  # can be part of a name
    ends: bool = False  # a possessive or a hyphenated modifier ends the name here


def _is_cap(t: str, kind: str, lower_words: set[str], text: str) -> bool:
    if kind != "word":
        return kind in ("abbr", "dotted", "initial")
    if not t[0].isupper():
        return _INNER_CAP.match(t) is not None and _is_cap_word(t, lower_words, text)
    if t == "I" or t.startswith(("I'", "I’")):
        return False
    if t.isalpha() and not t.isupper():  # most words: "Roe", "Lisbon"
        return True
    return _is_cap_word(t, lower_words, text)


def _is_cap_word(t: str, lower_words: set[str], text: str) -> bool:
    # "xK29fQpL0a" (a link's code) is no name; G7 is
    if not t.isalpha() and any(c.isdigit() for c in t) and not _ACRONYM_NUM.fullmatch(t):
        return False
    # shouted words ("BANNED", "UPROAR") are not acronyms; short acronyms (FBI, NATO) are
    shouted = t.isupper() and len(t) > 3 and (len(t) > 6 or t.lower() in lower_words
                                              or t.capitalize() in text)
    return not shouted or t in gz.places()


def _tokens(text: str, start: int, end: int, lower_words: set[str]) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup or "punct"
        t, (s, e), ends = m.group(), m.span(), False
        if kind == "word":
            if t.endswith(("'s", "’s")) and len(t) > 2:
                t, e, ends = t[:-2], e - 2, True
            compound = "-" in t and _COMPOUND.match(t)  # "Lisbon-bound", "Oslo-based"
            if compound and not t.endswith("-elect"):
                t, e, ends = compound[1], s + len(compound[1]), True
        cap = _is_cap(t, kind, lower_words, text) and text[s - 1:s] not in ("#", "@")  # no hashtags, handles
        if kind == "word" and t.isdigit() and out and out[-1].cap and not out[-1].ends:
            cap = ends = True  # "Stage 4"
        out.append(_Tok(t, s, e, kind, cap, ends))
    run: list[_Tok] = []  # a run of shouted words ("BACK ON TRACK") is a caption, not acronyms
    for tok in [*out, None]:
        if tok is not None and tok.kind == "word" and tok.text.isupper() and tok.text.isalpha():
            run.append(tok)
            continue
        if len(run) >= 2 and any(len(r.text) >= 4 for r in run):
            for r in run:
                r.cap = False
        run = []
    return out


def _connects(t: str, cur: list[_Tok], nxt: _Tok) -> bool:
    words = {c.text for c in cur}
    if t in gz.PARTICLES or t == "&" or (t == "the" and cur[-1].text == "of"):
        return True
    if t == "of":  # "Bank of England", but not "Jane Roe of Canada"
        return nxt.text not in gz.places() or bool(words & (gz.ORG_WORDS | gz.PLACE_WORDS | gz.ROLE_WORDS))
    if t == "and":  # "Office of Water and Power"
        return "of" in words and "and" not in words
    return t == "for" and cur[-1].text in gz.ORG_WORDS  # "Transport for Leeds"


def _sequences(toks: list[_Tok]) -> list[list[_Tok]]:
    seqs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok.cap:
            if cur and tok.text in gz.BREAKERS:  # "... Photos The Riverside Rangers"
                seqs.append(cur)
                cur = []
            cur.append(tok)
            if tok.ends:
                seqs.append(cur)
                cur = []
        elif cur and nxt is not None and nxt.cap and _connects(tok.text, cur, nxt):
            cur.append(tok)
        elif cur:
            seqs.append(cur)
            cur = []
    return [*seqs, cur] if cur else seqs


def _trim(toks: list[_Tok]) -> list[_Tok]:
    while toks and not toks[0].cap:
        toks = toks[1:]
    while toks and not toks[-1].cap:
        toks = toks[:-1]
    return toks


def _split_role(toks: list[_Tok]) -> tuple[list[_Tok], list[_Tok]]:
    """(title tokens, name tokens): "NATO Secretary-General | Jane Roe", "Mayor of Leeds | Paul Doe"."""
    texts = [t.text for t in toks]
    idx = [k for k, t in enumerate(texts) if is_role(t) or (t == "Lady" and k and texts[k - 1] == "First")]
    if not idx:
        return [], toks
    i = idx[-1]
    if i == len(toks) - 1:  # "Police Commissioner", "Prime Minister": no person named here
        j = i
        while j >= 0 and (is_role(texts[j]) or not toks[j].cap):
            j -= 1
        return toks[j + 1:], _trim(toks[: j + 1])
    rest = texts[i + 1:]
    if rest[0] == "of":  # "Mayor of Leeds Paul Doe", "Secretary of State Roe"
        after = [k for k in range(i + 2, len(toks)) if toks[k].cap]
        if after and (texts[after[0]] in gz.places() or texts[after[0]] in gz.ROLE_OF):
            if len(after) >= 2:
                return toks[: after[0] + 1], toks[after[0] + 1:]
            return [], [] if texts[after[0]] in gz.ROLE_OF else toks[after[0]:]
        return [], _trim(toks[i + 2:])  # "Assistant Chief Constable of the Coastal Rail Police"
    if set(rest) & (gz.ORG_WORDS | gz.PLACE_WORDS) or " ".join(rest) in gz.places() or not toks[i + 1].cap:
        return [], toks  # "General Motors", "Health Department"
    return toks[: i + 1], toks[i + 1:]


@dataclass
class _Mention:
    surface: str
    start: int
    end: int
    sentence: int
    initial: bool = False  # the sentence's first word
    role: str = ""
    kind: str = ""  # what this mention's form says: person (title, honorific), place, group
    full: str = ""  # the surface with its title or honorific, kept as an alias

    def __post_init__(self) -> None:
        self.full = self.full or self.surface


def _is_junk(texts: list[str]) -> bool:
    if (len(texts) == 1 and len(texts[0]) == 1) or texts[0].isdigit() or all(is_role(t) for t in texts):
        return True
    t = texts[0]
    return len(texts) == 1 and (t in gz.FUNCTION or t in MONTH_WORDS or t in gz.DAYS or t in gz.CAPS_STOP
                                or t in gz.demonyms() or t in gz.HONORIFICS or t in gz.TITLED)


def _mention(text: str, sent: Sentence, seq: list[_Tok]) -> _Mention | None:
    """One capitalised sequence as a name mention, with its title, kind vote and role."""
    before = text[max(sent.start, seq[0].start - 2):seq[0].start].strip()
    initial = not _LETTER.search(text, sent.start, seq[0].start) or before in _OPENERS
    while seq and (seq[0].text in MONTH_WORDS or seq[0].text in gz.DAYS or not seq[0].cap
                   or (seq[0].text in gz.FUNCTION and (initial or seq[0].text != "The"))):
        seq = seq[1:]
    seq = _trim(seq)
    if not seq:
        return None
    kind, full_start = "", seq[0].start
    if seq[0].text.rstrip(".") in gz.HONORIFICS:  # Mr, Dr: not part of the name
        kind, seq = "person", _trim(seq[1:])
    elif seq[0].text in gz.TITLED:  # Sir, Lady: part of it
        kind = "person"
    role_toks, name = _split_role(seq)
    texts = [t.text for t in name]
    if not name or _is_junk(texts):
        return None
    start, end = name[0].start, name[-1].end
    role = text[role_toks[0].start:role_toks[-1].end] if role_toks and role_toks[-1].end <= start else ""
    kind = "person" if role else kind
    direction = _DIRECTION.search(text, max(0, start - 12), start)  # "north Leeds", "downtown Halifax"
    if direction and direction[1] in gz.DIRECTIONS and (len(name) == 1 or " ".join(texts) in gz.places()):
        start, kind = direction.start(), "place"
    geo = _GEO.match(text, end, end + 16)  # "Sichuan province"
    if geo and geo[1] in gz.GEO_NOUNS and kind != "person":
        end, kind = geo.end(), "place"
    if not role:
        role = lead_role(text, start, sent.start) or appositive(text, end, sent.end) or title_before(
            text, start, end, sent.start)
        if kind != "place" and any(w.lower().strip("'’,") in gz.ROLE_NOUNS for w in role.split()):
            kind = "person"
    full = text[min(full_start, start):end]
    return _Mention(text[start:end], start, end, sent.index, initial, role, kind, full)


def _title_owner(text: str, sent: Sentence, seq: list[_Tok]) -> _Mention | None:
    """The acronym or place a title starts with: "NATO" of "NATO Secretary-General Jane Roe"."""
    if len(seq) < 2 or not is_role(seq[1].text):  # no title after the first word: most sequences
        return None
    first = seq[0].text
    acronym = len(first) > 1 and first.isupper() and first.isalpha() and first not in gz.CAPS_STOP
    if acronym or first in gz.places():
        return _Mention(first, seq[0].start, seq[0].end, sent.index)
    return None


@dataclass
class NameGroup:
    """The mentions of one name: ``canonical`` is its longest form, ``surfaces`` every form seen."""

    mentions: list[_Mention] = field(default_factory=list)
    kind: str = ""  # from the mentions' forms; kind_hint() adds the evidence of the whole text
    surfaces: list[str] = field(default_factory=list)
    canonical: str = ""

    def add(self, mentions: list[_Mention]) -> None:
        self.mentions.extend(mentions)
        self.surfaces = list(dict.fromkeys(m.surface for m in self.mentions))
        bare = {s.casefold() for s in self.surfaces}
        forms = [s for s in self.surfaces if not (s.startswith("The ") and s[4:].casefold() in bare)]
        self.canonical = max(forms, key=lambda s: (len(s.split()), len(s), -self.surfaces.index(s)))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _merge(groups: dict[str, NameGroup], lower_words: set[str], text: str = "") -> dict[str, NameGroup]:
    """"The Rangers" into "Rangers", surnames into full names, "Jane Roe" into "Jane A. Roe", acronyms into
    the name they abbreviate; then a first name into the one person it fits ("Jane")."""
    def absorb(key: str, target: list[str]) -> None:
        if target:
            groups[max(target, key=lambda k: len(groups[k].mentions))].add(groups.pop(key).mentions)

    for key in [k for k in groups if k.startswith("the ") and k[4:] in groups]:
        absorb(key, [key[4:]])
    split = {k: k.split() for k in groups}
    generic = gz.ORG_WORDS | gz.PLACE_WORDS

    def longer(n: int) -> list[tuple[str, list[str]]]:  # the groups of more than n words
        return [(k, split[k]) for k in groups if len(split[k]) > n]

    for key in sorted(groups, key=lambda k: len(split[k])):
        g = groups.get(key)
        if g is None:
            continue
        words = split[key]
        if len(words) == 1 and g.canonical.isupper() and len(key) > 1:
            absorb(key, [k for k, _ in longer(1) if _initials(groups[k].canonical) == g.canonical])
        elif len(words) == 1 and not (g.canonical in gz.places() or g.canonical in generic or g.kind):
            absorb(key, [k for k, w in longer(1) if w[-1] == key and groups[k].kind != "place"])
        elif len(words) > 1:
            absorb(key, [k for k, w in longer(len(words)) if w[0] == words[0] and w[-1] == words[-1]
                         and all(len(x.strip(".")) == 1 for x in w[1:-1] if x not in words)])
    for key in [k for k in groups if len(split[k]) == 1]:
        if groups[key].kind or groups[key].canonical in gz.places():
            continue
        if any(_PLACE_BEFORE.search(text, max(0, m.start - 9), m.start) for m in groups[key].mentions):
            continue  # "from Riverton", "in Riverton": a place, not the first name of "Riverton Herald"
        people = [k for k in groups if len(split[k]) in (2, 3) and split[k][0] == key and not groups[k].kind
                  and not set(groups[k].canonical.split()) & generic
                  and (split[k][-1] in map(str.casefold, groups[k].surfaces)
                       or not any(w.strip(".") in lower_words for w in split[k][1:]))]
        if len(people) == 1:
            absorb(key, people)
    return groups


def kind_hint(g: NameGroup, text: str, lower_words: set[str]) -> str:
    """person | organisation | place | group | "" from the forms of the name and the words around it."""
    return kind_evidence(g, text, lower_words)[0]


def kind_evidence(g: NameGroup, text: str, lower_words: set[str]) -> tuple[str, bool]:
    """(kind, strong): the kind the forms of the name and the words around it give, and whether that rests on
    explicit evidence (a title or honorific, a place word, a word list, an organisation word, an acronym)
    rather than on capitalisation alone ("said" after two capitalised words, "in" before one)."""
    votes = {m.kind for m in g.mentions}
    words = g.canonical.split()
    if g.kind or "person" in votes:
        return g.kind or "person", True
    if "place" in votes or g.canonical in gz.places() or words[-1] in gz.PLACE_WORDS:
        return "place", True
    if set(words) & gz.ORG_WORDS or g.canonical.replace(".", "").isupper() or words[0] in gz.places():
        return "organisation", True  # "Riverside Rangers", "FBI", "Coastal Rail Police"
    alone = any(s in (words[0], words[-1]) for s in g.surfaces) and words[-1].lower() not in lower_words
    if 2 <= len(words) <= 4 and all(w[0].isupper() or w in gz.PARTICLES or len(w) == 2 for w in words):
        if any(_SAID.match(text, m.end) for m in g.mentions):
            return "person", True  # "Jane Roe said": a person speaks
        if alone:
            return "person", False
    if len(words) > 1:
        return "", False
    near = sum(1 for m in g.mentions if _NEAR.search(text, max(0, m.start - 8), m.start))
    return ("place" if near and near * 2 >= len(g.mentions) else ""), False


@lru_cache(maxsize=512)  # asked of every sentence of an article three times (names, candidates, prompt)
def is_headline(sent: Sentence, text: str) -> bool:
    """A title, standfirst or subheading in Title Case: its words count mentions but make no names."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    line_end = text.find("\n", sent.end)
    line = text[line_start: len(text) if line_end < 0 else line_end].strip()
    if line != sent.text or (sent.index > 0 and line.endswith((".", "!", "?", "\"", "”", ":"))):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    caps = sum(1 for w in words if w[0].isupper())
    return (sent.index == 0 and len(words) < 2) or (len(words) >= 2 and caps >= 0.6 * len(words))


def collect(text: str, body: list[Sentence], lower_words: set[str], dateline_place: str | None = None,
            sentences: list[Sentence] | None = None) -> list[NameGroup]:
    """The name groups of the body sentences (plus the dateline place, found in ``sentences``)."""
    dateline = None
    if dateline_place:
        m = re.search(rf"(?m)^{re.escape(dateline_place.upper())}\b", text)
        if m:
            index = next((s.index for s in sentences or body if s.start <= m.start() < s.end), 0)
            dateline = _Mention(dateline_place, m.start(), m.end(), index, kind="place")
    mentions = [dateline] if dateline else []
    for sent in body:
        if holds_any(sent.text, _COLLECTIVE_WORDS):
            for m in _COLLECTIVE.finditer(text, sent.start, sent.end):  # heads of government from X and Y
                mentions.append(_Mention(m.group(), m.start(), m.end(), sent.index, kind="group"))
        if holds_any(sent.text, _QUOTE_OPENERS):
            for m in _QUOTED.finditer(text, sent.start, sent.end):  # the so-called “friends of the river”
                mentions.append(_Mention(m[1], m.start(1), m.end(1), sent.index, kind="group"))
        for run in _RUN.finditer(text, sent.start, sent.end):
            for seq in _sequences(_tokens(text, run.start(), run.end(), lower_words)):
                for found in (_title_owner(text, sent, seq), _mention(text, sent, seq)):
                    if found and not (dateline and dateline.start <= found.start < dateline.end):
                        mentions.append(found)
    by_key: dict[str, list[_Mention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.surface.replace("’", "'").casefold(), []).append(mention)
    groups: dict[str, NameGroup] = {}
    for key, same in by_key.items():
        groups[key] = g = NameGroup()
        g.add(same)
        kinds = {m.kind for m in same}
        g.kind = "group" if "group" in kinds else "place" if "place" in kinds else ""
    groups = _merge(groups, lower_words, text)
    for key in list(groups):  # single words only ever capitalised as a sentence's first word: not names
        g = groups[key]
        if len(g.surfaces) == 1 and len(key.split()) == 1 and all(m.initial for m in g.mentions) and not (
                g.canonical in gz.places() or g.canonical.isupper() or any(m.kind for m in g.mentions)):
            del groups[key]
    return list(groups.values())
