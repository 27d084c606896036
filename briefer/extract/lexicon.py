"""The words and dependency labels the clause reader needs, one ``Lexicon`` per language.

The clause reader (``extract.clauses``) finds the clauses whose subject is the focus and reads their status
from the verb group. What it looks for is the same in every language (a modal of possibility, a verb of
plan, a reporting verb that shifts what it reports, a negation), but the words differ, and so do the
labels of the parse: spaCy's English pipeline uses ClearNLP labels (``dobj``, ``neg``, ``auxpass``,
``relcl``), its French one Universal Dependencies (``obj``, ``aux:tense``, ``nsubj:pass``, ``acl:relcl``;
a negation is two ``advmod`` words, "ne ... pas"). ``ENGLISH`` holds the English word classes as they
always were; ``FRENCH`` holds the French lemma classes of ``extract.lang_fr`` (``LEMMAS_FR``).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefer.extract import lang_fr


@dataclass(frozen=True)
class Lexicon:
    """The word classes (by lower-case lemma) and parse labels of one language."""

    lang: str
    modal_speculative: frozenset[str]
    modal_planned: frozenset[str]
    plan_verbs: frozenset[str]
    desire_verbs: frozenset[str]
    expect_words: frozenset[str]
    hedge_verbs: frozenset[str]
    report_verbs: frozenset[str]
    suggest_verbs: frozenset[str]
    urge_verbs: frozenset[str]
    expect_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    nonliteral_verbs: frozenset[str]
    commit_nouns: frozenset[str]
    effort_nouns: frozenset[str]
    speaker_own: frozenset[str]
    see_verbs: frozenset[str]
    conditional_marks: frozenset[str]  # a clause under one of these is a condition
    condition_marks: frozenset[str]  # ... and a clause that governs an adverbial clause under one of these
    # parse labels
    clause_deps: frozenset[str]
    subjects: tuple[str, ...]  # every kind of subject
    active_subjects: tuple[str, ...]  # the nominal subjects (what later sentences may repeat)
    objects: tuple[str, ...]
    auxes: tuple[str, ...]
    complements: tuple[str, ...]  # a clause's governor passes its object or subject down to it
    governed: tuple[str, ...]  # the labels by which a clause depends on the verb it is said, urged, ... by
    relcl: str  # a relative clause
    # words
    copula: str  # the lemma of "be"
    copulas: frozenset[str]  # verbs that link a subject to a state ("remains", "reste")
    it_words: frozenset[str]  # the pronoun for a state in what it says
    self_words: frozenset[str]  # ... and "we"
    relatives: frozenset[str]  # relative pronouns
    definite: frozenset[str]  # determiners that repeat a noun already met ("the team")
    another: frozenset[str]  # words that add to a noun already met ("another team")
    source_lemma: str  # "according (to)": the source, not the news; "" where it is no verb
    agent_nouns: frozenset[str]  # a demonym with one of these is the state acting ("Canadian troops")
    group_nouns: frozenset[str]  # "a team of ...": the "of" continues the group
    home_actors: tuple[str, ...]  # who acts for a country in an article about it, unnamed


ENGLISH = Lexicon(
    lang="en",
    modal_speculative=frozenset({"could", "might", "may", "can", "should", "must", "ought"}),
    modal_planned=frozenset({"will", "shall", "'ll", "wo"}),
    plan_verbs=frozenset({"plan", "intend", "promise", "pledge", "vow", "commit", "decide", "agree", "schedule",
                          "prepare", "resolve", "undertake", "announce", "aim"}),
    desire_verbs=frozenset({"want", "seek", "hope", "wish", "look", "strive", "try", "push"}),
    expect_words=frozenset({"expect", "likely", "poised", "poise", "set", "due", "bound", "anticipate", "slate",
                            "tip"}),
    hedge_verbs=frozenset({"consider", "weigh", "mull", "explore", "contemplate", "eye", "ponder", "float"}),
    report_verbs=frozenset({"say", "tell", "announce", "confirm", "state", "add", "report", "note", "explain",
                            "insist", "write", "declare", "reply", "respond", "stress", "reiterate", "tweet",
                            "acknowledge", "reveal", "indicate", "signal"}),
    suggest_verbs=frozenset({"suggest", "speculate", "believe", "think", "predict", "argue", "propose",
                             "recommend", "advise", "imagine", "envisage", "envision", "guess", "claim"}),
    urge_verbs=frozenset({"urge", "call", "press", "ask", "encourage", "invite", "challenge", "implore",
                          "pressure", "lobby", "want", "hope", "wish"}),
    expect_verbs=frozenset({"expect", "anticipate", "count", "rely", "trust"}),
    # Verbs of speaking alone: with no content they only attribute ("..., the minister said", "told reporters");
    # the other reporting verbs with an object are acts ("Canada announced $30 million in aid").
    speech_verbs=frozenset({"say", "tell", "add", "explain", "insist", "reply", "respond", "stress", "reiterate",
                            "tweet", "write", "note", "acknowledge"}),
    # Said in jest or as make-believe: no claim at all ("X quipped that Canada had bought the moon").
    nonliteral_verbs=frozenset({"joke", "quip", "jest", "tease", "mock", "pretend", "fantasize", "fantasise",
                                "dream", "parody", "satirize", "satirise", "kid"}),
    # Nouns of an aim being worked on: what they aim at is not done ("talks on how to contribute", "a bid to
    # join", "plans to buy"): planned after a noun of commitment, expected after one of effort.
    commit_nouns=frozenset({"plan", "commitment", "pledge", "promise", "decision", "undertaking", "intention"}),
    effort_nouns=frozenset({"talk", "discussion", "negotiation", "effort", "bid", "push", "drive", "campaign",
                            "work", "attempt", "quest", "proposal", "initiative", "preparation"}),
    # Those who speak and act for a state: in what the state says, they are the state ("officials would ...").
    speaker_own=frozenset({"official", "government", "officer", "staff", "diplomat", "troop", "force", "soldier",
                           "team", "ministry", "department", "agency", "authority", "military", "navy", "army"}),
    see_verbs=frozenset({"see", "let", "make", "help", "have", "watch", "find"}),
    conditional_marks=frozenset({"if", "unless", "whether"}),
    condition_marks=frozenset({"if", "unless"}),
    clause_deps=frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis", "xcomp"}),
    subjects=("nsubj", "nsubjpass", "csubj", "expl"),
    active_subjects=("nsubj", "nsubjpass"),
    objects=("dobj", "dative"),
    auxes=("aux", "auxpass"),
    complements=("xcomp", "ccomp", "oprd"),
    governed=("ccomp", "xcomp", "advcl", "parataxis", "oprd", "acomp"),
    relcl="relcl",
    copula="be",
    copulas=frozenset({"be", "remain", "stay", "seem", "appear", "sound", "look"}),
    it_words=frozenset({"it"}),
    self_words=frozenset({"it", "we"}),
    relatives=frozenset({"which", "who", "that"}),
    definite=frozenset({"the", "this", "that", "these", "those", "another"}),
    another=frozenset({"second", "third", "another", "further", "additional", "more", "new"}),
    source_lemma="accord",
    agent_nouns=frozenset(),  # English: wordlists.AGENT_NOUNS, as the candidate finder always read it
    group_nouns=frozenset(),  # English: wordlists.GROUP_NOUNS
    home_actors=tuple(form for base in ("the federal government", "the government", "the prime minister",
                                        "the cabinet", "Parliament")
                      for form in (base, base[0].upper() + base[1:], base.title())),
)

_FR = lang_fr.LEMMAS_FR
FRENCH = Lexicon(
    lang="fr",
    modal_speculative=_FR["modal_speculative"],
    modal_planned=_FR["modal_planned"],
    plan_verbs=_FR["plan_verbs"],
    desire_verbs=_FR["desire_verbs"],
    expect_words=_FR["expect_words"],
    hedge_verbs=_FR["hedge_verbs"],
    report_verbs=_FR["report_verbs"],
    suggest_verbs=_FR["suggest_verbs"],
    urge_verbs=_FR["urge_verbs"],
    expect_verbs=_FR["expect_verbs"],
    speech_verbs=_FR["speech_verbs"],
    nonliteral_verbs=_FR["nonliteral_verbs"],
    commit_nouns=_FR["commit_nouns"],
    effort_nouns=_FR["effort_nouns"],
    speaker_own=_FR["speaker_own"],
    see_verbs=_FR["see_verbs"],
    conditional_marks=frozenset({"si"}),
    condition_marks=frozenset({"si"}),
    clause_deps=frozenset({"ROOT", "conj", "ccomp", "advcl", "acl:relcl", "parataxis", "xcomp"}),
    subjects=("nsubj", "nsubj:pass", "csubj"),
    active_subjects=("nsubj", "nsubj:pass"),
    objects=("obj", "iobj"),
    auxes=("aux", "aux:tense", "aux:pass"),
    complements=("xcomp", "ccomp"),
    governed=("ccomp", "xcomp", "advcl", "parataxis"),
    relcl="acl:relcl",
    copula="être",
    copulas=frozenset({"être", "rester", "demeurer", "sembler", "paraître"}),
    it_words=frozenset({"il", "elle"}),
    self_words=frozenset({"il", "elle", "nous", "on"}),
    relatives=frozenset({"qui", "que", "qu'", "qu’", "lequel", "laquelle", "lesquels", "lesquelles"}),
    definite=frozenset({"le", "la", "les", "l'", "l’", "ce", "cet", "cette", "ces"}),
    another=frozenset({"autre", "deuxième", "second", "seconde", "troisième", "nouveau", "nouvelle", "nouveaux",
                       "nouvelles"}),
    source_lemma="",  # "selon" is a preposition: its noun is no subject of a clause
    agent_nouns=_FR["agent_nouns"],
    group_nouns=_FR["group_nouns"],
    home_actors=tuple(form for base in ("le gouvernement fédéral", "le gouvernement", "le premier ministre",
                                        "la première ministre", "le cabinet", "le Parlement")
                      for form in (base, base[0].upper() + base[1:])),
)

LEXICONS = {"en": ENGLISH, "fr": FRENCH}


def lexicon(lang: str) -> Lexicon:
    """The lexicon of ``lang``; English for a language without one."""
    return LEXICONS.get(lang, ENGLISH)
