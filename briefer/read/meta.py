"""Meta-text: a sentence that speaks to the tool (or the reader) about the processing of this text, instead of
telling the reader the news.

The act is recognised, not the phrasing. A sentence is meta-text when it

- **names the addressee or the output** -- the tool ("AI models", "whoever summarises this"), its output
  ("your summary", "the JSON", "key points", the brief's labels "as done"), its instructions ("previous
  instructions"), this very text ("this article"), or speaks to "you" -- with enough of these to tell a
  processing context from news that mentions a model or a summary (``_anchors``), and
- **directs**: imperative mood at the start of a clause, an obligation (must, should, shall, is required
  to, doit, debe...), or an override ("supersedes", "from now on", "the real headline");

unless it is framed as news -- reported ("the ministry told hospitals to ignore earlier guidance") or
sourced to a law or an official -- and holds nothing that speaks to this text or to its reader. A vocative
to the tool ("Note to AI systems:") and a forged chat turn or prompt marker ("System:", "<<END") are
meta-text by themselves, and they announce what follows. Everything is judged on the sentence's
``skeleton``. The word classes live in ``metawords``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefer.read import metawords as W
from briefer.read.skeleton import variants
from briefer.text import LazyPattern


@dataclass(frozen=True)
class Verdict:
    meta: bool
    announces: bool = False  # it introduces a message to come: the next paragraph goes with it
    why: tuple[str, ...] = ()  # the classes that decided, for tests and logs


KEEP = Verdict(False)


def _all(classes: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(w for words in classes.values() for w in words)


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    """Any of ``words`` as whole words, longest first; spaces match any run of spaces."""
    alts = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alts)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w])")


@functools.cache
def _classes() -> dict[str, re.Pattern[str]]:
    return {
        "tool": _phrases(_all(W.TOOLS)),
        "weak_tool": _phrases(_all(W.WEAK_TOOLS)),
        "processor": _phrases(_all(W.PROCESSORS)),
        "output": _phrases(_all(W.OUTPUTS)),
        "weak_output": _phrases(_all(W.WEAK_OUTPUTS)),
        "output_verb": _phrases(_all(W.OUTPUT_VERBS)),
        "prompt": _phrases(_all(W.PROMPT_NOUNS)),
        "qualifier": _phrases(_all(W.PROMPT_QUALIFIERS)),
        "weak_qualifier": _phrases(_all(W.WEAK_QUALIFIERS)),
        "deixis": _phrases(_all(W.DEIXIS)),
        "second": _phrases(_all(W.SECOND_PERSON)),
        "modal": _phrases(_all(W.MODALS)),
        "override": _phrases(_all(W.OVERRIDES)),
        "announcer": _phrases(_all(W.ANNOUNCERS)),
        "reporting": _phrases(_all(W.REPORTING)),
        "schema_label": re.compile(r"(?<!\w)(?:as|comme|como|en tant que)\s+(?:an?\s+|une?\s+)?(?:"
                                   + "|".join(re.escape(w) for w in W.SCHEMA_LABELS) + r")(?!\w)"),
    }


@functools.cache
def _verbs() -> frozenset[str]:
    return frozenset(w for w in (*_all(W.IMPERATIVES), *_all(W.OUTPUT_VERBS)) if " " not in w)


_OPENERS = tuple(sorted(W.ORDER_OPENERS, key=len, reverse=True))
_OPENER = LazyPattern("(?:(?:" + "|".join(re.escape(o) for o in _OPENERS) + r")(?![a-z0-9])[\s,:!-]*)+")
_STRONG_ROLES = ("system", "assistant", "developer", "user", "admin", "administrator", "operator", "human",
                 "instruction", "instructions", "system prompt", "system message", "systeme", "utilisateur",
                 "sistema", "usuario", "asistente", "instruccion", "instrucciones", "consigne", "consignes",
                 "system note", "system override", "admin override", "note to ai", "mensaje del sistema",
                 "message systeme")
_ROLE_ALT = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(W.ROLE_LABELS, key=len, reverse=True))
_STRONG_ALT = "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in sorted(_STRONG_ROLES, key=len, reverse=True))
# "System:", "### Assistant:", "USER >" at the start; "[system]", "<system>", "(assistant)" anywhere at the start;
# a role word alone on its line; a prompt's own markers.
_FORGED = LazyPattern(
    rf"^[\s>*#=\-_~|]*(?:(?:{_STRONG_ALT})\s*(?:message|prompt|note|override|update|turn)?\s*(?::|>|-{{1,3}}|—|={{2,}}"
    r"|\*{2,}|#{2,})"
    rf"|[\[<({{]+\s*/?\s*(?:{_ROLE_ALT})\s*(?:message|prompt|note|override|update|turn)?\s*[\]>)}}]+"
    rf"|#{{2,}}\s*(?:{_ROLE_ALT})\b)"
    rf"|^[\s>*#=\-_~|\[(<]*(?:{_STRONG_ALT})[\s\])>*#=\-_~|]*$"
    r"|<<\s*/?\s*(?:end|article|system|inst|sys)\b|\[/?(?:inst|sys|system|end|article)\]"
    rf"|<\s*/?\s*(?:{_STRONG_ALT})\s*>|\[\s*/?\s*(?:{_STRONG_ALT})\s*\]"
    r"|(?:^|[\s=#*\-\[(<])(?:begin|end|start)\s+(?:of\s+)?(?:the\s+)?(?:system|instructions?|prompt|article|input"
    r"|document|user\s+input|untrusted|data)\s*(?:section|block|text|message)?\s*[\])>=#*\-]*\s*$",
    re.IGNORECASE)
_USER_TURN = LazyPattern(r"\b(?:user|human|utilisateur|usuario)\b")
_JSON_OBJECT = LazyPattern(r"\{\s*\"[\w .\-]{1,40}\"\s*:")
_SUBORDINATE = LazyPattern(r"(?:when|while|if|as|once|before|after|whenever|whoever|since|in|on|for|lorsque|quand"
                          r"|si|lors|en|pour|cuando|mientras|al|si|para|una vez)\b")
_PASSIVE_AFTER = LazyPattern(r"\s+(?:be|being|been|etre|ser|sera|seront)\s+\w+(?:ed|en|t|e|es|ee|ees|ado|ada|ados"
                            r"|adas|ido|ida|idos|idas)\b")
_ADDRESS_TO = LazyPattern(
    r"(?<!\w)(?:to|for|toward|towards|aux|au|a\s+(?:tous|toutes|toute|tout)|a\s+l'|pour|al|para|dirigido a|dirigida a"
    r"|destine aux|destinee aux|destine a|addressed to|intended for|meant for)\s+(?:[a-z'-]+\s+){0,2}$")


_INTO = LazyPattern(r"(?<!\w)(?:(?:in|into|to|on|as|inside|within|dans|a|en|sur|para|a la)\s+"
                   r"(?:the|your|a|le|la|les|l'|votre|vos|ton|ta|tes|el|los|las|tu|tus)|au|aux|al|del|du)\s*"
                   r"(?:\S+\s+){0,2}$")
_SHAPING_MODALS = ("must", "should", "shall", "has to", "is to", "needs to", "need to", "ought to", "will have to",
                   "doit", "doivent", "devra", "devront", "debe", "deben", "debera", "tiene que", "tendra que")
# After an output word: what it is to assert, as an order's object ("ensure the summary states that").
_ASSERTS = LazyPattern(r"(?:\s+\S+){0,3}\s+(?:states|says|reads|includes|mentions|opens with|begins with|starts with"
                      r"|contains|lists|indique|dit|mentionne|contient|commence par|diga|dice|indica|mencione"
                      r"|incluya|contenga|empiece con|empiece diciendo)\s+(?:that|que|the line|the phrase|the words"
                      r"|:|with)")


@functools.cache
def _shaped() -> re.Pattern[str]:
    """After an output word: an obligation to write something ("the headline must say", "le titre doit dire")."""
    modals = "|".join(m.replace(" ", r"\s+") for m in _SHAPING_MODALS)
    verbs = "|".join(sorted({re.escape(v) for v in _all(W.OUTPUT_VERBS) if " " not in v}, key=len, reverse=True))
    return re.compile(rf"(?:\s+\S+){{0,3}}\s+(?:{modals})\s+(?:now\s+|also\s+|only\s+)?(?:{verbs})\b")


_OTHER_ANCHORS = ("output", "weak_output", "schema_label", "prompt", "deixis", "second")
_NOT_A = LazyPattern(r"(?:not|n't|pas|no|ni)\s+(?:a|an|un|une|una|el|la|le)\s+$")


def _lower(skeleton: str) -> str:
    text = skeleton.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"(?<![a-z])a\.i\.", "ai", text)
    return re.sub(r"(?<![a-z])i\.a\.", "ia", text)


def _addressees(pattern: re.Pattern[str], low: str) -> list[re.Match[str]]:
    """Matches of a tool word used as a noun that can be spoken to (not "assistant coach", "AI company")."""
    out = []
    for m in pattern.finditer(low):
        after = re.match(r"[\s\-]+([a-z']+)", low[m.end():])
        if after and after.group(1) in W.NOT_ADDRESSEE_AFTER:
            continue
        if _NOT_A.search(low[max(0, m.start() - 16):m.start()]):  # "you're not a robot": what one is not
            continue
        out.append(m)
    return out


def _clause_starts(low: str) -> list[int]:
    """Where an order may open a clause: the start, after ``:`` ``;`` or an opening quote, and after the
    comma that ends an opening subordinate clause, vocative or discourse word ("When ..., call it ...")."""
    starts = [0]
    starts += [m.end() for m in re.finditer(r"[:;]\s*|[\"«(\[<>]\s*|\.\s+", low)]
    comma = low.find(",")
    while 0 <= comma < len(low):
        head = low[max(s for s in starts if s <= comma):comma].strip(" \"'«([*-#>")
        if _SUBORDINATE.match(head) or head in _OPENERS or len(head.split()) <= 4 or _classes()["tool"].search(head) \
                or _classes()["weak_tool"].search(head):
            starts.append(comma + 1)
        comma = low.find(",", comma + 1)
    return sorted(set(starts))


def _imperative(low: str, original: str) -> bool:
    verbs = _verbs()
    for start in _clause_starts(low):
        rest = low[start:]
        at = len(rest) - len(rest.lstrip(" \t\"'«»([{*-#>•·–—_"))
        rest = rest[at:]
        opened = _OPENER.match(rest)  # "Please now", "Also, do not"
        if opened:
            rest = rest[opened.end():]
            at = len(low) - len(rest) - start
        m = re.match(r"([a-z']+)(\s+(\S+))?", rest)
        if not m or m.group(1) not in verbs:
            continue
        nxt = m.group(3) or ""
        # "Mark Carney said", "State media reported", "Report says": a capitalised word after the first
        # (not a possessive object: "Mark Canada's role") makes it a name or a noun phrase.
        pos = start + at + len(m.group(1))
        tail = original[pos:].lstrip() if len(original) == len(low) else ""
        if tail[:1].isupper() and not re.match(r"\S+['’]s\b", tail) and start == 0:
            continue
        if re.fullmatch(r"(?:said|says|is|was|were|are|has|had|have|will|would|prices|media)[,.]?", nxt):
            continue
        return True
    return False


def _prompt(low: str, classes: dict[str, re.Pattern[str]]) -> int:
    """The tool's own instructions: 2 for a prompt noun with a word that makes it the tool's within three
    words ("previous instructions", "consignes precedentes"), 1 with a word that may ("all rules"), else 0."""
    best = 0
    for m in classes["prompt"].finditer(low):
        if m.group() in ("system prompt", "system message"):
            return 2
        before = low[max(0, m.start() - 40):m.start()].split()[-3:]
        after = low[m.end():m.end() + 30].split()[:2]
        near = " ".join([*before, *after])
        if classes["qualifier"].search(near):
            return 2
        if classes["weak_qualifier"].search(near):
            best = 1
    return best


# A heading that hands over new orders: "New instructions:", "Updated task -", "Nouvelles consignes :".
_NEW_ORDERS = LazyPattern(r"(?<!\w)(?:new|updated|revised|real|actual|true|nouvelles?|vraies?|nuevas?|verdaderas?)\s+"
                         r"(?:instructions?|tasks?|rules|directives?|orders|prompt|schema|format|consignes?|taches?"
                         r"|instrucciones|instruccion|tareas?|reglas|esquema|formato)\s*(?::|-|—)")


def _judge(skeleton: str) -> Verdict:
    low = _lower(skeleton)
    forged = _FORGED.search(low)
    if forged:  # a bare marker or role label opens what follows; a forged turn with its content holds it
        rest = re.sub(r"<\s*/[^>]{0,40}>|\[\s*/[^\]]{0,40}\]", " ", low[forged.end():])  # closing tags close it
        bare = len(re.sub(r"[^\w\s]", " ", rest).split()) <= 2
        # A user's turn holds data, as an article does: what follows a bare user label is judged on its own.
        user = bare and _USER_TURN.search(forged.group())
        return Verdict(True, announces=(bare and not user) or _judge(rest).announces, why=("forged",))
    if _JSON_OBJECT.search(low):
        return Verdict(True, why=("json",))
    c = _classes()
    tools = _addressees(c["tool"], low)
    weak_tools = [m for m in _addressees(c["weak_tool"], low)
                  if not any(t.start() <= m.start() < t.end() for t in tools)]
    processor = bool(c["processor"].search(low))
    if not (tools or weak_tools or processor) and not any(c[k].search(low) for k in _OTHER_ANCHORS):
        return KEEP  # nothing names the tool, its output, its instructions, this text or "you"
    vocative = False
    message_follows = False  # what a vocative announces is in the same sentence ("Note to AI: the minister ...")
    starts = _clause_starts(low)
    for m in [*tools, *weak_tools]:
        head = low[max(s for s in starts if s <= m.start()):m.start()]
        after = re.match(r"(?:\s+[a-z'-]+){0,2}\s*[,:!]", low[m.end():])
        if len(head.split()) <= 5 and after:
            vocative = True  # "AI models:", "Dear assistant,", "Note to all summarisers:"
            message_follows = message_follows or len(low[m.end() + after.end():].split()) > 3
        if _ADDRESS_TO.search(head) and m in tools:
            vocative = vocative or len(head.split()) <= 6
    imperative = _imperative(low, skeleton)
    modal_m = c["modal"].search(low)
    strong_out = bool(c["output"].search(low))
    weak_out = False
    for m in c["weak_output"].finditer(low):
        weak_out = True
        # "put it in the summary", "ajoutez au résumé": the output as the place an order writes to; "the
        # headline must say": the output as what an order shapes.
        tail = low[m.end():]
        if _INTO.search(low[max(0, m.start() - 40):m.start()]) or _shaped().match(tail) or \
                (_ASSERTS.match(tail) and (imperative or modal_m is not None)):
            strong_out = True
    label = bool(c["schema_label"].search(low))
    prompt = _prompt(low, c)
    deixis = bool(c["deixis"].search(low))
    second = bool(c["second"].search(low))
    override = bool(c["override"].search(low)) or bool(_NEW_ORDERS.search(low))
    announces = bool(c["announcer"].search(low)) or low.rstrip().endswith(":")
    addressed = bool(tools) or processor
    if modal_m and _PASSIVE_AFTER.match(low[modal_m.end():]) and not (strong_out or second or deixis):
        modal_m = None  # "AI models must be tested": the tool is what is acted on, not who is told
    modal = modal_m is not None
    anchor = (2 * addressed + bool(weak_tools) + 2 * strong_out + weak_out + prompt + deixis + second
              + 2 * vocative + label)
    why = tuple(n for n, on in (("tool", addressed), ("weak_tool", bool(weak_tools)), ("output", strong_out),
                                ("weak_output", weak_out), ("label", label), ("prompt", prompt > 0),
                                ("deixis", deixis),
                                ("second", second), ("vocative", vocative), ("imperative", imperative),
                                ("modal", modal), ("override", override)) if on)
    if vocative and addressed:  # it announces what follows unless its message is in it ("AI models, list ...")
        holds = imperative or modal or override or message_follows
        return Verdict(True, announces=bool(c["announcer"].search(low)) or not holds, why=why)
    if processor and (imperative or modal or override or announces):
        return Verdict(True, announces=announces, why=why)
    if imperative and prompt:  # "Ignore all previous instructions", "Olvida todas las reglas"
        return Verdict(True, announces=announces, why=why)
    core = addressed or bool(weak_tools) or strong_out or prompt > 0 or deixis or label or vocative
    if (imperative or modal or override) and anchor >= 2 and core:
        speaks_here = second or deixis or vocative or imperative or prompt == 2 or strong_out or label
        if c["reporting"].search(low) and not speaks_here:
            return Verdict(False, why=(*why, "reported"))
        return Verdict(True, announces=announces, why=why)
    if addressed and announces and (deixis or second or _ADDRESS_TO.search(low[:tools[0].start()] if tools else "")):
        return Verdict(True, announces=True, why=(*why, "announces"))
    return Verdict(False, why=why)


# Every sentence of an article is judged. Each verdict of meta-text needs a phrase of a class below (or a
# character of a forged marker or of JSON); each phrase holds its longest word: a sentence without any of
# these words or characters is let through at once.
@functools.cache
def _gate_words() -> frozenset[str]:
    phrases = [*_all(W.TOOLS), *_all(W.WEAK_TOOLS), *_all(W.PROCESSORS), *_all(W.OUTPUTS), *_all(W.WEAK_OUTPUTS),
               *_all(W.PROMPT_NOUNS), *_all(W.DEIXIS), *_all(W.SECOND_PERSON), *W.ROLE_LABELS, *W.SCHEMA_LABELS,
               "article", "document", "data", "input", "instructions", "instruction", "prompt", "system", "user"]
    return frozenset(max(re.findall(r"[a-z0-9_'-]+", p), key=len) for p in phrases)


_GATE_CHARS = LazyPattern(r"[:\[<{#=]")


def _passes_gate(low: str) -> bool:
    if _GATE_CHARS.search(low):
        return True
    words = _gate_words()
    return any(w in words for w in re.findall(r"[a-z0-9_'-]+", low))


def judge(sentence: str, joins: dict[str, str] | None = None) -> Verdict:
    """The verdict on one sentence (or a title, a quote), on each of its skeletons."""
    for text in variants(sentence, joins):
        if not _passes_gate(_lower(text)):
            continue
        verdict = _judge(text)
        if verdict.meta:
            return verdict
    return KEEP


def is_meta(sentence: str, joins: dict[str, str] | None = None) -> bool:
    """True for a sentence that addresses the tool or the reader about the processing of this text."""
    return judge(sentence, joins).meta
