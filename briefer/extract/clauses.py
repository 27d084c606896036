"""Claims about the focus, one per clause: which clauses of a sentence have the focus as their actor, and the
status their verb group gives (done, planned, expected, speculative), read from a dependency parse.

News puts several claims in one sentence ("Canada voted for the motion and plans to table its own"; "will
open a depot at the port that Canada has leased since 2019"), so each clause whose subject is the focus
(the country or its capital, its demonym with a noun, its institutions, the people who act for it, a
subject repeating the previous focus subject) is a claim of its own. Its status comes from the verb group
that governs that subject:

- tense and aspect: a past, perfect, present or progressive verb is done;
- will / shall / is to / going to, and verbs of plan or promise (plans to, intends to, has pledged to,
  is scheduled to) are planned; a negated one stays planned and keeps its "not" (a planned refusal);
- expectation (is expected to, is likely to, is poised to; others expecting the focus to act; the focus
  wanting or seeking to) is expected;
- modality and hedging (could, might, may, would, is considering, is weighing; "if") are speculative,
  and so is anything the focus is only urged, hoped or suggested (by analysts, experts) to do;
- reported speech shifts back: "the minister said Canada would send" is the will of a decision, planned.

Without a parse there are no clauses: the caller keeps its sentence and its cue words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer.extract import lang_fr
from briefer.extract.lexicon import ENGLISH, Lexicon
from briefer.schema import ClaimStatus as Status

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# The English word classes, by lemma (``extract.lexicon`` holds them with the French ones).
MODAL_SPECULATIVE = ENGLISH.modal_speculative
MODAL_PLANNED = ENGLISH.modal_planned
PLAN_VERBS = ENGLISH.plan_verbs
DESIRE_VERBS = ENGLISH.desire_verbs
EXPECT_WORDS = ENGLISH.expect_words
HEDGE_VERBS = ENGLISH.hedge_verbs
REPORT_VERBS = ENGLISH.report_verbs
SUGGEST_VERBS = ENGLISH.suggest_verbs
URGE_VERBS = ENGLISH.urge_verbs
EXPECT_VERBS = ENGLISH.expect_verbs
SPEECH_VERBS = ENGLISH.speech_verbs
NONLITERAL_VERBS = ENGLISH.nonliteral_verbs
COMMIT_NOUNS = ENGLISH.commit_nouns
EFFORT_NOUNS = ENGLISH.effort_nouns
SPEAKER_OWN = ENGLISH.speaker_own
SEE_VERBS = ENGLISH.see_verbs
CONDITIONAL_MARKS = ENGLISH.conditional_marks
# English word classes the French lexicon has no counterpart for yet.
# Being near an outcome is not having it ("are close to a deal", "on the verge of signing", "nears an accord").
NEAR_WORDS = frozenset({"close", "closer", "near", "nearer", "verge", "brink", "cusp", "threshold"})
NEAR_VERBS = frozenset({"near", "approach"})
OUTCOME_NOUNS = frozenset({"agreement", "deal", "accord", "pact", "treaty", "settlement", "decision", "breakthrough",
                           "compromise", "resolution", "ceasefire", "truce", "contract", "sale", "purchase",
                           "takeover", "approval", "vote", "conclusion", "completion", "consensus", "arrangement"})
# Adverbs of likelihood cap the clause they qualify: "probably", "likely" at expected, "perhaps" at speculative.
LIKELY_ADVERBS = frozenset({"probably", "likely", "presumably"})
POSSIBLE_ADVERBS = frozenset({"possibly", "perhaps", "maybe", "conceivably", "potentially"})
# People who comment on a state's choices without making them: their "X would ..." is a forecast, not a plan.
COMMENTATOR_NOUNS = frozenset({"analyst", "expert", "observer", "critic", "economist", "commentator", "pundit",
                               "scholar", "academic", "researcher", "professor", "strategist", "forecaster",
                               "historian", "watcher", "specialist"})
# Nouns of a choice: "no decision has been made", "no deal was reached" say it is still open.
CHOICE_NOUNS = frozenset({"decision", "agreement", "deal", "accord", "choice", "commitment", "determination",
                          "consensus", "ruling", "verdict", "announcement"})
COPULAS = ENGLISH.copulas  # what a speaker says with one of these alone is a view ("X remains the focus")
_RANK = {"done": 0, "planned": 1, "expected": 2, "speculative": 3}
_CLASS_WORDS = frozenset().union(PLAN_VERBS, DESIRE_VERBS, EXPECT_WORDS, HEDGE_VERBS, REPORT_VERBS, SUGGEST_VERBS,
                                 URGE_VERBS, EXPECT_VERBS, SPEECH_VERBS, NONLITERAL_VERBS, NEAR_VERBS)


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


def _lemma(tok: Token) -> str:
    lemma = str(tok.lemma_).lower()
    word = tok.lower_
    # The small pipeline's lemmatiser cuts some -ed forms too far ("hoped" -> "hop"): a word of the classes
    # above, less its "d" or "ed", is that word.
    if tok.tag_ in ("VBD", "VBN") and word.endswith("ed") and lemma not in _CLASS_WORDS:
        for base in (word[:-1], word[:-2]):
            if base in _CLASS_WORDS:
                return base
    return lemma


def _is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in tok.children))


def _subject(head: Token, lex: Lexicon = ENGLISH) -> Token | None:
    """The subject of a clause head: its own, the shared one of the verb it is coordinated with, the object
    of a verb that makes it its complement ("expect Ottawa to act", "see Canada taking on"), or the subject
    of the verb an open complement depends on ("Canada plans to send")."""
    tok: Token | None = head
    seen = 0
    while tok is not None and seen < 8:
        seen += 1
        own = [c for c in tok.children if c.dep_ in lex.subjects]
        if own:  # the nearest: a dateline read as a subject ("LISBON, March 13: X is ...") stands further off
            at = tok.i
            return min(own, key=lambda c: abs(c.i - at))
        if tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ in lex.complements and tok.head is not tok:
            objects = [c for c in tok.head.children if c.dep_ in lex.objects]
            if objects:
                return objects[0]
            if tok.dep_ == "xcomp":
                tok = tok.head
                continue
        if tok.dep_ in ("advcl", "acl") and _participle(tok, lex) and tok.head is not tok:
            tok = tok.head  # a participle shares its governor's subject ("..., contributing billions")
            continue
        return None
    return None


def _chain(head: Token, lex: Lexicon = ENGLISH) -> list[Token]:
    """The verb group of a clause: its head and the open complements it governs ("intends to table",
    "is expected to outline", "is likely to feature")."""
    out = [head]
    frontier = [head]
    while frontier:
        tok = frontier.pop()
        for c in tok.children:
            if c.dep_ == "xcomp" or (c.dep_ == "acomp" and any(g.dep_ == "xcomp" for g in c.children)):
                out.append(c)
                frontier.append(c)
            elif c.dep_ == "prep" and c.lower_ == "to" and _lemma(tok) in lex.plan_verbs | lex.desire_verbs:
                out.extend(g for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG")  # "committed to deciding"
    return out


def _auxes(tokens: Iterable[Token], lex: Lexicon = ENGLISH) -> list[Token]:
    return [c for t in tokens for c in t.children if c.dep_ in lex.auxes]


def _governors(head: Token, lex: Lexicon = ENGLISH) -> list[Token]:
    """The verbs a clause depends on, nearest first (a complement's, a coordinated verb's governors too)."""
    out: list[Token] = []
    tok = head
    for _ in range(6):
        if tok.dep_ == "conj":
            tok = tok.head
            continue
        if tok.dep_ not in lex.governed or tok.head is tok:
            break
        tok = tok.head
        out.append(tok)
    return out


def verb_status(head: Token, is_focus: Callable[[Token], bool], lex: Lexicon = ENGLISH) -> tuple[Status, bool, str]:
    """(status, negated, why) of the clause headed by ``head``, read from its verb group and what governs it."""
    if lex.lang == "fr":
        return _verb_status_fr(head, is_focus, lex)
    chain = _chain(head)
    lemmas = [_lemma(t) for t in chain]
    auxes = _auxes(chain)
    if head.dep_ == "conj" and not auxes and not any(c.dep_ in ENGLISH.subjects for c in head.children):
        auxes = _auxes([head.head])  # "would appoint an envoy and offer visas": the second verb shares "would"
    aux_lemmas = [_lemma(a) for a in auxes]
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    # "No decision has been made", "no troops were sent": the subject or object denies it
    denied = [c for t in chain for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
              and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)]
    negated = negated or bool(denied)
    governors = _governors(head)
    reported = any(_lemma(g) in REPORT_VERBS and g.tag_ in ("VBD", "VBN") for g in governors[:1])
    speaker = next((c for c in governors[0].children if c.dep_ == "nsubj"), None) if governors else None
    status: Status
    why: str
    if any(c.dep_ == "mark" and _lemma(c) in CONDITIONAL_MARKS for c in head.children) or any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and _lemma(m) in ("if", "unless") for m in c.children)
            for c in head.children):
        return "speculative", negated, "a condition (if, unless, whether)"
    if lemmas[0] in HEDGE_VERBS and not any(a in MODAL_PLANNED for a in aux_lemmas):
        return "speculative", negated, "a verb of weighing an option"
    if any(_lemma(c) in CHOICE_NOUNS for c in denied):
        return "speculative", negated, "no choice made yet (no decision, no deal)"
    if "would" in aux_lemmas:
        status, why = ("planned", "reported would (said ... would: will)") if reported \
            else ("speculative", "would")
        if reported and speaker is not None and _lemma(speaker) in COMMENTATOR_NOUNS:
            status, why = "expected", "a commentator's forecast (analysts said ... would)"
    elif any(a in MODAL_SPECULATIVE for a in aux_lemmas):
        status, why = "speculative", "a modal of possibility"
    elif any(lem in EXPECT_WORDS for lem in lemmas[:-1] or lemmas) and (
            any(t.tag_ == "VBN" or t.pos_ == "ADJ" for t in chain) or len(chain) > 1):
        status, why = "expected", "expected, likely or set to"
    elif any(lem in PLAN_VERBS for lem in lemmas) and (len(chain) > 1 or any(a in MODAL_PLANNED for a in aux_lemmas)):
        status, why = "planned", "a verb of plan or promise with what is planned"
        if negated and not any(a in MODAL_PLANNED for a in aux_lemmas):
            status, why = "speculative", "not (yet) decided"
    elif any(a in MODAL_PLANNED for a in aux_lemmas) or _going_to(chain):
        status, why = "planned", "will, shall or going to"
    elif len(chain) > 1 and _lemma(chain[0]) == "be" and chain[0].pos_ == "AUX" and not any(
            c.dep_ in ("prep", "attr", "acomp", "advmod", "npadvmod") for c in chain[0].children):
        status, why = "planned", "is to"
    elif any(lem in DESIRE_VERBS for lem in lemmas) and len(chain) > 1:
        status, why = "expected", "wants or seeks to"
    elif _near(chain):
        status, why = "expected", "close to an outcome (close to, on the verge of, nears)"
    else:
        status, why = "done", "past, perfect or present"
    adverbs = {c.lower_ for t in chain for c in t.children if c.dep_ == "advmod"}
    adverbs |= {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")
                for d in c.children if d.dep_ == "advmod"}
    if adverbs & POSSIBLE_ADVERBS:
        status, why = _lower(status, "speculative"), f"{why}; an adverb of possibility"
    elif adverbs & LIKELY_ADVERBS:
        status, why = _lower(status, "expected"), f"{why}; an adverb of likelihood"
    # What governs the clause can only lower it: others suggesting, urging or expecting it.
    for g in governors:
        subject = next((c for c in g.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        others = subject is None or not is_focus(subject)
        lem = _lemma(g)
        if others and lem in SUGGEST_VERBS:
            status, why = _lower(status, "speculative"), f"suggested ({lem})"
        elif others and lem in URGE_VERBS:
            status, why = _lower(status, "speculative"), f"urged or wished by others ({lem})"
        elif others and lem in EXPECT_VERBS:
            status, why = _lower(status, "expected"), f"expected by others ({lem})"
        if any(c.dep_ == "aux" and _lemma(c) in MODAL_SPECULATIVE | {"would"} for c in g.children):
            status, why = _lower(status, "speculative"), f"{why}; governed by a modal"
    return status, negated, why


def _participle(tok: Token, lex: Lexicon) -> bool:
    if lex.lang == "fr":
        return "Part" in tok.morph.get("VerbForm", [])
    return tok.tag_ in ("VBG", "VBN")


# French negation: "ne" (or "n'") with a word that closes it ("pas", "plus", "jamais"); "ne ... que" is "only".
_NE = frozenset({"ne", "n'", "n’"})
_SI = frozenset({"si", "s'", "s’"})  # "s'il": if, or whether
_NEG_FR = frozenset({"pas", "plus", "jamais", "point", "guère", "rien", "nullement", "aucunement", "aucun",
                     "aucune", "personne"})
# The cue classes of ``lang_fr`` read in a French verb group ("prévoit de", "n'exclut pas", "peut-être") where the
# parse misses them, and the one read in the whole sentence ("selon des analystes").
_GROUP_CUES = ("conditional_possibility", "conditional_likelihood", "near_future", "schedule", "plan",
               "expectation", "hedging")


def _negated_fr(chain: list[Token], auxes: list[Token]) -> bool:
    words = [c for t in (*chain, *auxes) for c in t.children]
    ne = [c.i for c in words if c.lower_ in _NE]
    if not ne:
        return False
    # the closing word may hang on an adverb ("n'a pas encore décidé": "pas" under "encore")
    return any(c.lower_ in _NEG_FR for c in words) or any(
        t.lower_ in _NEG_FR for t in chain[0].subtree if min(ne) < t.i <= chain[0].i + 4)


def _finite_fr(tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if "Inf" not in t.morph.get("VerbForm", []) and "Part" not in t.morph.get("VerbForm", [])]


def _is_conditional(tok: Token) -> bool:
    return lang_fr.conditional(tok.text, _lemma(tok), "Cnd" in tok.morph.get("Mood", []))


def _is_future(tok: Token) -> bool:
    return lang_fr.future(tok.text, _lemma(tok), "Fut" in tok.morph.get("Tense", []))


def _past_fr(tok: Token) -> bool:
    """A verb in a tense of the past: a participle with its auxiliary ("a déclaré"), the imperfect or the simple
    past ("déclarait", "déclara")."""
    return any(c.dep_ == "aux:tense" for c in tok.children) or (bool(
        {"Past", "Imp"} & set(tok.morph.get("Tense", []))) and not _is_future(tok) and not _is_conditional(tok))


def _one_of(tok: Token, lemmas: frozenset[str]) -> bool:
    """``tok``'s lemma is one of ``lemmas``, or, where the small French model gets the lemma wrong ("espère" read
    as an adjective), its form begins with the stem of one (accents aside)."""
    if _lemma(tok) in lemmas:
        return True
    form = lang_fr.fold_word(tok.text)
    return any(len(w) > 6 and w.endswith("er") and form.startswith(lang_fr.fold_word(w[:-2])) for w in lemmas)


def _verb_status_fr(head: Token, is_focus: Callable[[Token], bool], lex: Lexicon) -> tuple[Status, bool, str]:
    """``verb_status`` of a French clause: the conditional and the future read from the verb's form (the
    parser's mood and tense, and the form checked against the lemma), the rest from the word classes."""
    chain = _chain(head, lex)
    lemmas = [_lemma(t) for t in chain]
    auxes = _auxes(chain, lex)
    finite = _finite_fr([*auxes, *chain]) or chain[:1]
    negated = _negated_fr(chain, auxes)
    governors = _governors(head, lex)
    reported = any(_lemma(g) in lex.report_verbs and _past_fr(g) for g in governors[:1])
    future = any(_is_future(t) for t in finite)
    status: Status
    why: str
    if any(c.dep_ == "mark" and (_lemma(c) in lex.conditional_marks or c.lower_ in _SI) for c in head.children) or any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and (_lemma(m) in lex.condition_marks or m.lower_ in _SI)
                                      for m in c.children) for c in head.children):
        return "speculative", negated, "a condition or an open question (si, s'il)"
    option = lemmas[0] in lang_fr.OPTION_VERBS and any(
        c.dep_ == "obj" and _lemma(c) in lang_fr.OPTION_NOUNS for c in chain[0].children)
    if (lemmas[0] in lex.hedge_verbs or option) and not future:
        return "speculative", negated, "a verb of weighing an option"
    duty = next((t for t in chain if _lemma(t) == lang_fr.DUTY), None)
    if any(lem in lex.modal_speculative for lem in lemmas) and len(chain) > 1:
        status, why = "speculative", "a verb of possibility (pouvoir)"
    elif duty is not None and len(chain) > 1 and _is_conditional(duty):
        status, why = "expected", "devrait: likely"
    elif duty is not None and len(chain) > 1 and not any(c.dep_ == "aux:tense" for c in duty.children):
        status, why = "planned", "doit: a duty or a schedule"
    elif any(_is_conditional(t) for t in finite):
        status, why = ("planned", "reported conditional (a dit ... enverrait: will)") if reported \
            else ("speculative", "the conditional")
    elif len(chain) > 1 and (any(lem in lex.expect_words for lem in lemmas[:-1]) or (
            lemmas[0] == "appeler" and any(c.dep_ == "aux:pass" for c in chain[0].children))):
        status, why = "expected", "censé, appelé à, s'apprête à"
    elif lemmas[0] == "attendre" and any(c.dep_ == "aux:pass" for c in chain[0].children):
        status, why = "expected", "est attendu"
    elif any(lem in lex.plan_verbs for lem in lemmas) and len(chain) > 1:
        status, why = "planned", "a verb of plan or promise with what is planned"
        if negated and not future:
            status, why = "speculative", "not (yet) decided"
    elif negated and lemmas[0] in lex.plan_verbs and not future:
        status, why = "speculative", "not (yet) decided (n'a pas décidé)"
    elif lemmas[0] == "avoir" and any(c.dep_ == "obj" and _lemma(c) in lex.commit_nouns and any(
            g.dep_ in ("acl", "xcomp") for g in c.children) for c in chain[0].children):
        status, why = "planned", "a l'intention de (a refusal when negated: will not)"
    elif future:
        status, why = "planned", "the future"
    elif lemmas[0] == "aller" and len(chain) > 1 and not _past_fr(chain[0]):
        status, why = "planned", "aller + infinitive (the near future)"
    elif any(lem in lex.desire_verbs for lem in lemmas) and len(chain) > 1:
        status, why = "expected", "wants or seeks to"
    else:
        status, why = "done", "past, perfect or present"
    # A cue of lang_fr in the verb group that the parse did not read ("prévoit de" read into a name).
    doc = head.doc
    first = min([head.i, *(t.i for t in auxes), *(c.i for c in head.children if c.dep_ in ("advmod", "expl:comp")
                                                   and c.i < head.i)])
    subject = _subject(head, lex)
    if subject is not None and subject.i < head.i:  # from right after the subject: "Ottawa compte faire ..."
        first = min(first, subject.right_edge.i + 1)
    last = min(max(t.i for t in chain) + 3, len(doc))
    group = doc.text[doc[first].idx:doc[last - 1].idx + len(doc[last - 1].text)]
    for name in _GROUP_CUES:
        cue = lang_fr.CUE_STATUS[name]
        if cue is not None and _RANK[cue] > _RANK[status] and lang_fr.CUES[name].search(group):
            status, why = cue, f"the cue class {name}"
    if lang_fr.CUES["analyst_attribution"].search(head.sent.text):
        status, why = _lower(status, "speculative"), "attributed to analysts or experts"
    for g in governors:
        subject = next((c for c in g.children if c.dep_ in lex.active_subjects), None)
        others = subject is None or not is_focus(subject)
        lem = _lemma(g)
        if others and _one_of(g, lex.suggest_verbs):
            status, why = _lower(status, "speculative"), f"suggested ({lem})"
        elif others and _one_of(g, lex.urge_verbs):
            status, why = _lower(status, "speculative"), f"urged or wished by others ({lem})"
        elif others and _one_of(g, lex.expect_verbs):
            status, why = _lower(status, "expected"), f"expected by others ({lem})"
        if (_is_conditional(g) and not _past_fr(g)) or (lem in lex.modal_speculative and g.i != head.i):
            status, why = _lower(status, "speculative"), f"{why}; governed by a conditional or pouvoir"
    return status, negated, why


def _near(chain: list[Token]) -> bool:
    """The verb group says its subject is near an outcome: "are close to a deal", "is on the verge of
    signing", "nears an accord"."""
    if _lemma(chain[0]) in NEAR_VERBS:
        return True
    if _lemma(chain[0]) != "be":
        return False
    for c in chain[0].children:
        near = c if c.dep_ in ("acomp", "advmod", "prep") and _lemma(c) in NEAR_WORDS else None
        near = near or next((g for g in c.children if g.dep_ == "pobj" and _lemma(g) in NEAR_WORDS), None) \
            if c.dep_ == "prep" else near
        if near is not None and any(_outcome(t) for t in near.subtree if t.i != near.i):
            return True
    return False


def _outcome(tok: Token) -> bool:
    """A word naming an outcome one can be close to: an act ("signing") or a deal, not a place or a partner."""
    return (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj")) or (
        tok.dep_ == "pobj" and _lemma(tok) in OUTCOME_NOUNS)


def _going_to(chain: list[Token]) -> bool:
    return any(_lemma(t) == "go" and t.tag_ == "VBG" for t in chain) and len(chain) > 1


def _lower(status: Status, cap: Status) -> Status:
    return cap if _RANK[cap] > _RANK[status] else status


def _span(head: Token, subject: Token, heads: set[int], lex: Lexicon = ENGLISH) -> tuple[int, int]:
    """Token range [start, end) of the clause: from its subject (or, for a relative clause, the noun it
    tells about) to the end of the head's words, stopping where another claim nested in it begins."""
    nested: list[tuple[int, int]] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        for c in tok.children:
            own_clause = c.dep_ == "conj" and _is_verbal(c) and any(g.dep_ in lex.subjects for g in c.children)
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
    return any(t.i in heads or (_is_verbal(t) and any(g.dep_ in lex.subjects for g in t.children))
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
        subject = _subject(t, lex)
        if subject is None or subject.i not in inside or any(
                _lemma(g) in lex.nonliteral_verbs for g in _governors(t, lex)):
            continue
        if lex.source_lemma and any(_lemma(a) == lex.source_lemma for a in t.ancestors):
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
        lemma = _lemma(head)
        if any(c.i in heads and c.dep_ in ("ccomp", "xcomp") for c in head.children) and (
                lemma in lex.see_verbs | lex.suggest_verbs | lex.report_verbs):
            continue  # "Canada said it would ...", "... could see Canada taking on": the complement is the claim
        content = next((c for c in head.children if c.dep_ == "ccomp" and _is_verbal(c)), None) \
            if lemma in lex.report_verbs else None
        # a speaking verb's object is its hearer or a pronoun ("told reporters", "said so"); another object
        # makes it an act ("added six chemicals to the list", "wrote a letter")
        objects = [c for c in head.children if c.dep_ == lex.objects[0]]
        said_only = content is None and (not objects or (lemma in lex.speech_verbs and (
            lemma == "tell" or all(o.pos_ == "PRON" for o in objects))))
        if lemma in lex.report_verbs and (said_only or (content is not None and _lemma(content) in lex.copulas
                                                        and len(_chain(content, lex)) == 1)):
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
        copula = lemma == lex.copula and len(_chain(head, lex)) == 1
        urged = any(_lemma(g) in lex.urge_verbs or (_modal(g, lex) and _another_says(g, is_focus, own=True, lex=lex))
                    for g in _governors(head, lex))  # others' wishes: "we would be glad to see Canada join"
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
        return _lemma(tok) in lex.modal_speculative or _is_conditional(tok)
    return any(c.dep_ == "aux" and _lemma(c) in MODAL_SPECULATIVE | {"would"} for c in tok.children)


def _another_says(tok: Token, is_focus: Callable[[Token], bool], own: bool = False,
                  lex: Lexicon = ENGLISH) -> bool:
    """The verb governing ``tok`` (or ``tok`` itself, with ``own``) has a subject that is not the focus: "it"
    in what an embassy says is the embassy."""
    gov = tok if own else tok.head
    subject = _subject(gov, lex)  # its own or, for "... and said it", the one it shares
    if subject is None or is_focus(subject):
        return False
    # bare "officials", "the government": in a story about the focus, most likely its own
    return not (_lemma(subject) in lex.speaker_own and not any(
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
    if t.dep_ not in lex.clause_deps or not _is_verbal(t):
        return False
    # an open complement belongs to its governor's verb group, unless it has its own actor ("urged X to")
    return not (t.dep_ == "xcomp" and _is_verbal(t.head) and not any(
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
    if not (subject.lower_ in lex.self_words or (subject.pos_ == "NOUN" and _lemma(subject) in lex.speaker_own)):
        return False
    speakers = {h.i for h, _, _ in found if _lemma(h) in lex.report_verbs}
    return any(g.i in speakers for g in _governors(head, lex)[:1])


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
        nouns = [a for a in list(tok.ancestors)[:4] if a.pos_ == "NOUN" and _lemma(a) in aims] or [
            n for n in head.subtree if n.pos_ == "NOUN" and _lemma(n) in aims and n.i < tok.i
            and not any(a.i == subject.i for a in n.ancestors)]  # a parse may hang the aim on a nearby noun
        if not nouns:
            continue
        lemma = _lemma(nouns[0])
        aim: Status = "planned" if lemma in COMMIT_NOUNS else "expected" if lemma in EFFORT_NOUNS else status
        if aim == status or _RANK[aim] < _RANK[status]:
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
