"""Claims about the focus, one per clause: which clauses of a sentence have the focus as their actor, and
the span each claim shows; the status of each comes from ``extract.status``.

News puts several claims in one sentence ("Canada voted for the motion and plans to table its own"; "will
open a depot at the port that Canada has leased since 2019"), so each clause whose subject is the focus
(the country or its capital, its demonym with a noun, its institutions, the people who act for it, a
subject repeating the previous focus subject) is a claim of its own.

Without a parse there are no clauses: the caller keeps its sentence and its cue words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.extract.lexicon import ENGLISH, Lexicon
from briefer.extract.status import (
    COMMIT_NOUNS,
    EFFORT_NOUNS,
    MODAL_SPECULATIVE,
    RANK,
    governors_of,
    is_conditional,
    is_verbal,
    lemma_of,
    subject_of,
    verb_group,
    verb_status,
)
from briefer.schema import ClaimStatus as Status

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True)
class Clause:
    """One claim about the focus: the clause's span in the text (its subject included where the subject
    stands inside it), its status and whether its verb is negated."""

    start: int
    end: int
    text: str  # the claim as shown: the clause, with "Subject …" before it when the subject stands apart
    status: Status
    negated: bool
    why: str  # what decided the status, for logs and tests
    strong: bool = False  # the focus itself (not a repeated noun or a pronoun) does something (not "is a ...")


def _span(head: Token, subject: Token, heads: set[int], lex: Lexicon = ENGLISH) -> tuple[int, int]:
    """Token range [start, end) of the clause: from its subject (or, for a relative clause, the noun it
    tells about) to the end of the head's words, stopping where another claim nested in it begins."""
    nested: list[tuple[int, int]] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            own_clause = c.dep_ == "conj" and is_verbal(c) and any(g.dep_ in lex.subjects for g in c.children)
            if (c.i in heads and c.dep_ != "xcomp") or own_clause or (
                    c.dep_ == "cc" and c.i > head.i and _next_is_claim(c, heads, lex)) or (
                    lex.lang == "fr" and _aside_fr(c)):
                nested.append((c.left_edge.i, c.right_edge.i + 1))
                continue
            stack.append(c)
    own = subject.head.i == head.i or subject.head.head.i == head.i  # its own subject, not a shared one
    start = subject.left_edge.i if own and subject.i < head.i else head.i
    if not own:  # "and intends to ...": from the verb group's own first word
        start = min([head.i, *(c.left_edge.i for c in head.children
                               if c.dep_ in (*lex.auxes, "neg", "advmod") and c.i < head.i)])
    if head.dep_ == lex.relcl:  # "the port that Canada has leased": the noun it tells about leads it
        start = min(start, head.head.left_edge.i)
    end = head.right_edge.i + 1
    for a, b in nested:
        if a > head.i:
            end = min(end, a)
        elif b <= head.i and b > start and a <= start:
            start = b
    return start, end


def _aside_fr(tok: Token) -> bool:
    """A French aside after a comma, an apposition or a non-restrictive relative clause ("..., une décision qui
    a provoqué ...", "..., qui auraient été importés ..."): it tells about something else, not the claim."""
    first = tok.left_edge.i
    relative = tok.pos_ in ("VERB", "AUX") and "Rel" in tok.doc[first].morph.get("PronType", [])
    aside = tok.dep_ in ("appos", "acl:relcl") or relative or (
        tok.pos_ == "NOUN" and any(c.dep_ == "acl:relcl" for c in tok.children))
    return aside and first > 0 and tok.doc[first - 1].text in (",", "–", "—")


def _next_is_claim(cc: Token, heads: set[int], lex: Lexicon = ENGLISH) -> bool:
    """A coordinating word right before another clause ("... and intends to", "..., and a team may")."""
    return any(t.i in heads or (is_verbal(t) and any(g.dep_ in lex.subjects for g in t.children))
               for t in cc.head.children if t.i > cc.i and t.dep_ == "conj")


_TRIM = re.compile(r"^[\s,;:–—-]+|[\s,;:–—-]+$")


def focus_clauses(doc: Doc, start: int, end: int, is_focus: Callable[[Token], bool],
                  named: Callable[[Token], bool] | None = None, topic: bool = False,
                  lex: Lexicon = ENGLISH) -> list[Clause]:
    """The claims about the focus in the text ``doc.text[start:end]`` (one sentence), in reading order.

    ``named``: the subject names the focus itself (not a noun repeated from an earlier subject); ``topic``:
    the sentence before had the focus as a subject, so a main clause's "It" continues it; ``lex``: the
    article's language (its words and the labels of its parse)."""
    tokens = [t for t in doc if start <= t.idx < end]
    if not tokens:
        return []
    inside = {t.i for t in tokens}
    found: list[tuple[Token, Token, bool]] = []  # (clause head, its subject, the focus is named in it)
    pending: list[tuple[Token, Token]] = []
    for t in tokens:
        if not _is_clause_head(t, lex):
            continue
        subject = subject_of(t, lex)
        if subject is None or subject.i not in inside or any(
                lemma_of(g) in lex.nonliteral_verbs for g in governors_of(t, lex)):
            continue
        if lex.source_lemma and any(lemma_of(a) == lex.source_lemma for a in t.ancestors):
            continue  # "according to an official who briefed reporters": the source, not the news
        if lex.lang == "fr" and _incise_fr(t, end):
            continue  # "..., a tranché la ministre": who said it, after what was said
        actor = _antecedent(subject, lex)
        if is_focus(actor):
            found.append((t, subject, (named or is_focus)(actor) and actor.pos_ != "PRON"))
        elif topic and actor.lower_ in lex.it_words and (
                t.dep_ == "ROOT" or (t.dep_ == "ccomp" and not _another_says(t, is_focus, lex=lex))):
            found.append((t, subject, False))
        else:
            pending.append((t, subject))
    # Said by the focus: its own people, its government and "it" in what it says are the focus too
    # ("Global Affairs Canada said consular officials would ...", "Canada said it would ...").
    for t, subject in pending:
        if _speaks_for_itself(t, subject, found, lex) or _it_of(t, subject, found, lex):
            found.append((t, subject, False))
    found.sort(key=lambda f: f[0].i)
    heads = {h.i for h, _, _ in found}
    out: list[Clause] = []
    for head, subject, is_named in found:
        lemma = lemma_of(head)
        if any(c.i in heads and c.dep_ in ("ccomp", "xcomp") for c in head.children) and (
                lemma in lex.see_verbs | lex.suggest_verbs | lex.report_verbs):
            continue  # "Canada said it would ...", "... could see Canada taking on": the complement is the claim
        content = next((c for c in head.children if c.dep_ == "ccomp" and is_verbal(c)), None) \
            if lemma in lex.report_verbs else None
        # a speaking verb's object is its hearer or a pronoun ("told reporters", "said so"); another object
        # makes it an act ("added six chemicals to the list", "wrote a letter")
        objects = [c for c in head.children if c.dep_ == lex.objects[0]]
        said_only = content is None and (not objects or (lemma in lex.speech_verbs and (
            lemma == "tell" or all(o.pos_ == "PRON" for o in objects))))
        if lemma in lex.report_verbs and (said_only or (content is not None and lemma_of(content) in lex.copulas
                                                        and len(verb_group(content, lex)) == 1)):
            continue  # "..., the minister said"; "officials say the lesson is that ...": attribution, opinion
        if content is not None and lemma not in lex.report_verbs:
            content = None
        if content is not None and _quoted(content) and content.i not in heads:
            continue  # a quoted remark about the world ("'People have lost everything,' the minister said")
        # What the focus says is judged by what it says: "Ottawa said troops would leave in May" is planned.
        status, negated, why = verb_status(content if content is not None else head, is_focus, lex)
        first, last = _span(head, subject, heads, lex)
        if content is not None and content.i < head.i:  # "No decision has been made, the minister said"
            first = content.left_edge.i
        first = max(first, tokens[0].i)
        last = min(last, tokens[-1].i + 1)
        while last - 1 > first and doc[last - 1].is_punct:
            last -= 1
        a, b = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
        text = _TRIM.sub("", doc.text[a:b])
        if subject.i < first:
            text = f"{subject_phrase(subject)} … {text}"
        copula = lemma == lex.copula and len(verb_group(head, lex)) == 1
        urged = any(lemma_of(g) in lex.urge_verbs or (_modal(g, lex) and _another_says(g, is_focus, own=True, lex=lex))
                    for g in governors_of(head, lex))  # others' wishes: "we would be glad to see Canada join"
        strong = is_named and not copula and not urged
        out.append(Clause(a, b, text, status, negated, why, strong))
        if lex.lang == "en":  # an aim named by a noun ("talks on how to ...") is read in English only
            out.extend(_aims(doc, head, subject, tokens[-1].i + 1, status, heads, strong))
    return out


def _incise_fr(head: Token, end: int) -> bool:
    """A French clause that only attributes what comes before it: after a comma, at the end of the sentence,
    with the speaker after the verb ("..., a précisé la ministre", "..., selon le ministère")."""
    first = min([head.i, *(c.i for c in head.children if c.dep_ in ("aux", "aux:tense") and c.i < head.i)])
    if first == 0 or head.doc[first - 1].text not in (",", "–", "—", "»", "”"):
        return False
    after = [t for t in head.doc[head.i + 1:] if t.idx < end and not t.is_punct]
    inverted = any((c.dep_ in ("nsubj", "obj", "expl:subj") or c.text.startswith("-")) and c.i > first
                   for c in head.children)  # "a précisé la ministre", "a-t-elle ajouté"
    before = any(c.dep_ in ("nsubj", "nsubj:pass") and c.i < first for c in head.children)
    return inverted and not before and all(t.head.i == head.i or head.i in {a.i for a in t.ancestors}
                                           for t in after)


def _modal(tok: Token, lex: Lexicon = ENGLISH) -> bool:
    if lex.lang == "fr":  # "pourrait", "aimerait": a verb of possibility or the conditional
        return lemma_of(tok) in lex.modal_speculative or is_conditional(tok)
    return any(c.dep_ == "aux" and lemma_of(c) in MODAL_SPECULATIVE | {"would"} for c in tok.children)


def _another_says(tok: Token, is_focus: Callable[[Token], bool], own: bool = False,
                  lex: Lexicon = ENGLISH) -> bool:
    """The verb governing ``tok`` (or ``tok`` itself, with ``own``) has a subject that is not the focus: "it"
    in what an embassy says is the embassy."""
    gov = tok if own else tok.head
    subject = subject_of(gov, lex)  # its own or, for "... and said it", the one it shares
    if subject is None or is_focus(subject):
        return False
    # bare "officials", "the government": in a story about the focus, most likely its own
    return not (lemma_of(subject) in lex.speaker_own and not any(
        c.dep_ in ("amod", "compound", "poss", "nmod") for c in subject.children))


def _quoted(tok: Token) -> bool:
    """``tok``'s clause stands inside quotation marks (direct speech)."""
    left, right = tok.left_edge, tok.right_edge
    before = tok.doc[max(left.i - 2, 0):left.i]
    after = tok.doc[right.i + 1:right.i + 3]
    return any(t.text in _QUOTES for t in before) or any(t.text in _QUOTES for t in after)


_TEMPORAL = frozenset({"when", "once", "after", "before", "until", "till", "while", "whenever",
                       "quand", "lorsque", "lorsqu'", "dès", "avant", "après", "pendant"})  # French: "quand il ouvrira"


_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})


def _is_clause_head(t: Token, lex: Lexicon = ENGLISH) -> bool:
    if t.dep_ not in lex.clause_deps or not is_verbal(t):
        return False
    # an open complement belongs to its governor's verb group, unless it has its own actor ("urged X to")
    return not (t.dep_ == "xcomp" and is_verbal(t.head) and not any(
        c.dep_ in lex.objects for c in t.head.children))


def _antecedent(subject: Token, lex: Lexicon = ENGLISH) -> Token:
    """The noun a relative pronoun stands for ("EDC, which has lent ...": EDC)."""
    if subject.lower_ in lex.relatives and subject.head.dep_ == lex.relcl:
        return subject.head.head
    return subject


def _it_of(head: Token, subject: Token, found: list[tuple[Token, Token, bool]], lex: Lexicon = ENGLISH) -> bool:
    """"It" in a clause nested in a clause whose named subject is the focus ("Canada will reopen the embassy,
    which it shut in 2012")."""
    if subject.lower_ not in lex.it_words:  # "they", "he", "she" name people, seldom the country
        return False
    if head.dep_ == "advcl" and any(c.lower_ in _TEMPORAL for c in head.children if c.dep_ in ("advmod", "mark")):
        return False  # "... take charge of the wing when it opens": a time clause tells of something else
    named_heads = {h.i for h, _, named in found if named}
    return any(a.i in named_heads for a in list(head.ancestors)[:4])


def _speaks_for_itself(head: Token, subject: Token, found: list[tuple[Token, Token, bool]],
                       lex: Lexicon = ENGLISH) -> bool:
    """A clause in what a focus subject says, whose subject is "it", "we" or those who act for a state."""
    if not (subject.lower_ in lex.self_words or (subject.pos_ == "NOUN" and lemma_of(subject) in lex.speaker_own)):
        return False
    speakers = {h.i for h, _, _ in found if lemma_of(h) in lex.report_verbs}
    return any(g.i in speakers for g in governors_of(head, lex)[:1])


def _aims(doc: Doc, head: Token, subject: Token, limit: int, status: Status, heads: set[int],
          strong: bool) -> list[Clause]:
    """The aims a focus clause names with a noun of commitment or effort ("has been in talks on how to make
    a contribution"): each a claim of its own, never more certain than the clause itself."""
    out: list[Clause] = []
    for tok in head.subtree:
        if tok.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            continue
        path = [a for a in tok.ancestors if a.i != head.i][: max(0, [a.i for a in tok.ancestors].index(head.i))] \
            if any(a.i == head.i for a in tok.ancestors) else []
        if any(a.i == subject.i or a.i in heads for a in path) or tok.i in heads:
            continue  # an aim inside the subject ("the move to raise spending has ...") or another claim
        aims = COMMIT_NOUNS | EFFORT_NOUNS
        nouns = [a for a in list(tok.ancestors)[:4] if a.pos_ == "NOUN" and lemma_of(a) in aims] or [
            n for n in head.subtree if n.pos_ == "NOUN" and lemma_of(n) in aims and n.i < tok.i
            and not any(a.i == subject.i for a in n.ancestors)]  # a parse may hang the aim on a nearby noun
        if not nouns:
            continue
        lemma = lemma_of(nouns[0])
        aim: Status = "planned" if lemma in COMMIT_NOUNS else "expected" if lemma in EFFORT_NOUNS else status
        if aim == status or RANK[aim] < RANK[status]:
            continue
        first = min(tok.left_edge.i, *(c.i for c in tok.children if c.dep_ == "aux"))
        how = doc[first - 1] if first > 0 and doc[first - 1].lower_ in ("how", "whether") else None
        first = how.i if how is not None else first
        last = min(tok.right_edge.i + 1, limit)
        a, b = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
        text = f"{subject_phrase(subject)} … {_TRIM.sub('', doc.text[a:b])}"
        out.append(Clause(a, b, text, aim, False, f"the aim of a noun of {lemma}", strong))
    return out


def subject_phrase(tok: Token) -> str:
    """The words of a subject ("the Canadian Armed Forces", "Prime Minister Mark Carney")."""
    left, right = tok.left_edge, tok.right_edge
    return str(tok.doc.text[left.idx:right.idx + len(right.text)])
