"""The status a clause's verb group gives a claim (done, planned, expected, speculative), read from a
dependency parse, in English and French; and the words of the parse that clauses are read from (lemmas, verb
groups, subjects, governing verbs).

- tense and aspect: a past, perfect, present or progressive verb is done;
- will / shall / is to / going to, and verbs of plan or promise (plans to, intends to, has pledged to,
  is scheduled to) are planned; a negated one stays planned and keeps its "not" (a planned refusal);
- expectation (is expected to, is likely to, is poised to, is close to a deal; others expecting the focus to
  act; the focus wanting or seeking to) is expected;
- modality and hedging (could, might, may, would, is considering, is weighing; "if") are speculative,
  and so is anything the focus is only urged, hoped or suggested (by analysts, experts) to do;
- reported speech shifts back: "the minister said Canada would send" is the will of a decision, planned
  (a commentator's "would" is a forecast: expected).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from briefer.extract import lang_fr
from briefer.extract.lexicon import ENGLISH, Lexicon
from briefer.schema import ClaimStatus as Status

if TYPE_CHECKING:
    from spacy.tokens import Token

# The English word classes, by lemma (``extract.lexicon`` holds them with the French ones).
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


RANK = {"done": 0, "planned": 1, "expected": 2, "speculative": 3}


_CLASS_WORDS = frozenset().union(PLAN_VERBS, DESIRE_VERBS, EXPECT_WORDS, HEDGE_VERBS, REPORT_VERBS, SUGGEST_VERBS,
                                 URGE_VERBS, EXPECT_VERBS, SPEECH_VERBS, NONLITERAL_VERBS, NEAR_VERBS)


def lemma_of(tok: Token) -> str:
    lemma = str(tok.lemma_).lower()
    word = tok.lower_
    # The small pipeline's lemmatiser cuts some -ed forms too far ("hoped" -> "hop"): a word of the classes
    # above, less its "d" or "ed", is that word.
    if tok.tag_ in ("VBD", "VBN") and word.endswith("ed") and lemma not in _CLASS_WORDS:
        for base in (word[:-1], word[:-2]):
            if base in _CLASS_WORDS:
                return base
    return lemma


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and any(c.dep_ == "xcomp" for c in tok.children))


def subject_of(head: Token, lex: Lexicon = ENGLISH) -> Token | None:
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


def verb_group(head: Token, lex: Lexicon = ENGLISH) -> list[Token]:
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
            elif c.dep_ == "prep" and c.lower_ == "to" and lemma_of(tok) in lex.plan_verbs | lex.desire_verbs:
                out.extend(g for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG")  # "committed to deciding"
    return out


def auxiliaries(tokens: Iterable[Token], lex: Lexicon = ENGLISH) -> list[Token]:
    return [c for t in tokens for c in t.children if c.dep_ in lex.auxes]


def governors_of(head: Token, lex: Lexicon = ENGLISH) -> list[Token]:
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
    chain = verb_group(head)
    lemmas = [lemma_of(t) for t in chain]
    auxes = auxiliaries(chain)
    if head.dep_ == "conj" and not auxes and not any(c.dep_ in ENGLISH.subjects for c in head.children):
        auxes = auxiliaries([head.head])  # "would appoint an envoy and offer visas": the second verb shares "would"
    aux_lemmas = [lemma_of(a) for a in auxes]
    negated = any(c.dep_ == "neg" for t in chain for c in t.children)
    # "No decision has been made", "no troops were sent": the subject or object denies it
    denied = [c for t in chain for c in t.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
              and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)]
    negated = negated or bool(denied)
    governors = governors_of(head)
    reported = any(lemma_of(g) in REPORT_VERBS and g.tag_ in ("VBD", "VBN") for g in governors[:1])
    speaker = next((c for c in governors[0].children if c.dep_ == "nsubj"), None) if governors else None
    status: Status
    why: str
    if any(c.dep_ == "mark" and lemma_of(c) in CONDITIONAL_MARKS for c in head.children) or any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and lemma_of(m) in ("if", "unless") for m in c.children)
            for c in head.children):
        return "speculative", negated, "a condition (if, unless, whether)"
    if lemmas[0] in HEDGE_VERBS and not any(a in MODAL_PLANNED for a in aux_lemmas):
        return "speculative", negated, "a verb of weighing an option"
    if any(lemma_of(c) in CHOICE_NOUNS for c in denied):
        return "speculative", negated, "no choice made yet (no decision, no deal)"
    if "would" in aux_lemmas:
        status, why = ("planned", "reported would (said ... would: will)") if reported \
            else ("speculative", "would")
        if reported and speaker is not None and lemma_of(speaker) in COMMENTATOR_NOUNS:
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
    elif len(chain) > 1 and lemma_of(chain[0]) == "be" and chain[0].pos_ == "AUX" and not any(
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
        status, why = lower_status(status, "speculative"), f"{why}; an adverb of possibility"
    elif adverbs & LIKELY_ADVERBS:
        status, why = lower_status(status, "expected"), f"{why}; an adverb of likelihood"
    # What governs the clause can only lower it: others suggesting, urging or expecting it.
    for g in governors:
        subject = next((c for c in g.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        others = subject is None or not is_focus(subject)
        lem = lemma_of(g)
        if others and lem in SUGGEST_VERBS:
            status, why = lower_status(status, "speculative"), f"suggested ({lem})"
        elif others and lem in URGE_VERBS:
            status, why = lower_status(status, "speculative"), f"urged or wished by others ({lem})"
        elif others and lem in EXPECT_VERBS:
            status, why = lower_status(status, "expected"), f"expected by others ({lem})"
        if any(c.dep_ == "aux" and lemma_of(c) in MODAL_SPECULATIVE | {"would"} for c in g.children):
            status, why = lower_status(status, "speculative"), f"{why}; governed by a modal"
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


def is_conditional(tok: Token) -> bool:
    return lang_fr.conditional(tok.text, lemma_of(tok), "Cnd" in tok.morph.get("Mood", []))


def _is_future(tok: Token) -> bool:
    return lang_fr.future(tok.text, lemma_of(tok), "Fut" in tok.morph.get("Tense", []))


def _past_fr(tok: Token) -> bool:
    """A verb in a tense of the past: a participle with its auxiliary ("a déclaré"), the imperfect or the simple
    past ("déclarait", "déclara")."""
    return any(c.dep_ == "aux:tense" for c in tok.children) or (bool(
        {"Past", "Imp"} & set(tok.morph.get("Tense", []))) and not _is_future(tok) and not is_conditional(tok))


def _one_of(tok: Token, lemmas: frozenset[str]) -> bool:
    """``tok``'s lemma is one of ``lemmas``, or, where the small French model gets the lemma wrong ("espère" read
    as an adjective), its form begins with the stem of one (accents aside)."""
    if lemma_of(tok) in lemmas:
        return True
    form = lang_fr.fold_word(tok.text)
    return any(len(w) > 6 and w.endswith("er") and form.startswith(lang_fr.fold_word(w[:-2])) for w in lemmas)


def _verb_status_fr(head: Token, is_focus: Callable[[Token], bool], lex: Lexicon) -> tuple[Status, bool, str]:
    """``verb_status`` of a French clause: the conditional and the future read from the verb's form (the
    parser's mood and tense, and the form checked against the lemma), the rest from the word classes."""
    chain = verb_group(head, lex)
    lemmas = [lemma_of(t) for t in chain]
    auxes = auxiliaries(chain, lex)
    finite = _finite_fr([*auxes, *chain]) or chain[:1]
    negated = _negated_fr(chain, auxes)
    governors = governors_of(head, lex)
    reported = any(lemma_of(g) in lex.report_verbs and _past_fr(g) for g in governors[:1])
    future = any(_is_future(t) for t in finite)
    status: Status
    why: str
    if any(c.dep_ == "mark" and (lemma_of(c) in lex.conditional_marks or c.lower_ in _SI)
           for c in head.children) or any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and (lemma_of(m) in lex.condition_marks or m.lower_ in _SI)
                                      for m in c.children) for c in head.children):
        return "speculative", negated, "a condition or an open question (si, s'il)"
    option = lemmas[0] in lang_fr.OPTION_VERBS and any(
        c.dep_ == "obj" and lemma_of(c) in lang_fr.OPTION_NOUNS for c in chain[0].children)
    if (lemmas[0] in lex.hedge_verbs or option) and not future:
        return "speculative", negated, "a verb of weighing an option"
    duty = next((t for t in chain if lemma_of(t) == lang_fr.DUTY), None)
    if any(lem in lex.modal_speculative for lem in lemmas) and len(chain) > 1:
        status, why = "speculative", "a verb of possibility (pouvoir)"
    elif duty is not None and len(chain) > 1 and is_conditional(duty):
        status, why = "expected", "devrait: likely"
    elif duty is not None and len(chain) > 1 and not any(c.dep_ == "aux:tense" for c in duty.children):
        status, why = "planned", "doit: a duty or a schedule"
    elif any(is_conditional(t) for t in finite):
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
    elif lemmas[0] == "avoir" and any(c.dep_ == "obj" and lemma_of(c) in lex.commit_nouns and any(
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
    subject = subject_of(head, lex)
    if subject is not None and subject.i < head.i:  # from right after the subject: "Ottawa compte faire ..."
        first = min(first, subject.right_edge.i + 1)
    last = min(max(t.i for t in chain) + 3, len(doc))
    group = doc.text[doc[first].idx:doc[last - 1].idx + len(doc[last - 1].text)]
    for name in _GROUP_CUES:
        cue = lang_fr.CUE_STATUS[name]
        if cue is not None and RANK[cue] > RANK[status] and lang_fr.CUES[name].search(group):
            status, why = cue, f"the cue class {name}"
    if lang_fr.CUES["analyst_attribution"].search(head.sent.text):
        status, why = lower_status(status, "speculative"), "attributed to analysts or experts"
    for g in governors:
        subject = next((c for c in g.children if c.dep_ in lex.active_subjects), None)
        others = subject is None or not is_focus(subject)
        lem = lemma_of(g)
        if others and _one_of(g, lex.suggest_verbs):
            status, why = lower_status(status, "speculative"), f"suggested ({lem})"
        elif others and _one_of(g, lex.urge_verbs):
            status, why = lower_status(status, "speculative"), f"urged or wished by others ({lem})"
        elif others and _one_of(g, lex.expect_verbs):
            status, why = lower_status(status, "expected"), f"expected by others ({lem})"
        if (is_conditional(g) and not _past_fr(g)) or (lem in lex.modal_speculative and g.i != head.i):
            status, why = lower_status(status, "speculative"), f"{why}; governed by a conditional or pouvoir"
    return status, negated, why


def _near(chain: list[Token]) -> bool:
    """The verb group says its subject is near an outcome: "are close to a deal", "is on the verge of
    signing", "nears an accord"."""
    if lemma_of(chain[0]) in NEAR_VERBS:
        return True
    if lemma_of(chain[0]) != "be":
        return False
    for c in chain[0].children:
        near = c if c.dep_ in ("acomp", "advmod", "prep") and lemma_of(c) in NEAR_WORDS else None
        near = near or next((g for g in c.children if g.dep_ == "pobj" and lemma_of(g) in NEAR_WORDS), None) \
            if c.dep_ == "prep" else near
        if near is not None and any(_outcome(t) for t in near.subtree if t.i != near.i):
            return True
    return False


def _outcome(tok: Token) -> bool:
    """A word naming an outcome one can be close to: an act ("signing") or a deal, not a place or a partner."""
    return (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj")) or (
        tok.dep_ == "pobj" and lemma_of(tok) in OUTCOME_NOUNS)


def _going_to(chain: list[Token]) -> bool:
    return any(lemma_of(t) == "go" and t.tag_ == "VBG" for t in chain) and len(chain) > 1


def lower_status(status: Status, cap: Status) -> Status:
    return cap if RANK[cap] > RANK[status] else status
