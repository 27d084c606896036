"""What the model will label: sentences, names (people, organisations, places, groups), dates, and the
sentences that mention the focus country or carry uncertainty cues. All found by rule, all verbatim:
``Sentence.text == article.text[start:end]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from briefer.extract import lang_fr, nlp
from briefer.extract import wordlists as gz
from briefer.extract.clauses import Clause, focus_clauses
from briefer.extract.dates import Anchor, DateMention, explicit_years, find_dates
from briefer.extract.focus import Focus, focus_on, term_pattern
from briefer.extract.lexicon import ENGLISH, Lexicon, lexicon
from briefer.extract.names import Name, NameGroup, collect, is_headline, kind_evidence
from briefer.extract.status import REPORT_VERBS, SPEAKER_OWN
from briefer.read.sources import Article, dateline_length
from briefer.text import LazyPattern, Sentence, fold, holds_any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Candidates:
    sentences: list[Sentence]
    names: list[Name]
    dates: list[DateMention]
    focus_sentences: list[Sentence]
    uncertain_sentences: list[Sentence]
    focus_people: list[Name] = field(default_factory=list)  # who acts for the focus country ("PM Roe")
    # the claims about the focus, one per clause whose actor it is, by sentence index (from a parse)
    focus_claims: dict[int, list[Clause]] = field(default_factory=dict)
    parsed: bool = False  # focus_claims come from a parse (else there are none to read)


# --- uncertainty ---------------------------------------------------------------------------------------

_UNCERTAIN = LazyPattern(r"\b(?:uncertain(?:ty)?|unclear|unknown|whether|could|might|may|perhaps|possibl[ey]"
                        r"|remains? to be seen|not yet (?:known|clear|decided)|if)\b", re.IGNORECASE)


# Every match of _UNCERTAIN holds one of these (see text.fold): without them, no need to look.
_UNCERTAIN_WORDS = ("uncertain", "unclear", "unknown", "whether", "could", "might", "may", "perhaps", "possibl",
                    "remain", "not yet", "if")


def _uncertain(sentence: Sentence) -> bool:
    folded = fold(sentence.text)
    if not holds_any(folded, _UNCERTAIN_WORDS):
        return False
    return any(m.group() != "May" or m.start() == 0 for m in _UNCERTAIN.finditer(sentence.text))


def _uncertain_fr(sentence: Sentence) -> bool:
    """A French sentence with a cue of possibility, hedging or condition (``lang_fr``)."""
    return bool(lang_fr.classes_of(sentence.text) & _UNCERTAIN_FR)


_UNCERTAIN_FR = frozenset({"conditional_possibility", "hedging", "condition", "analyst_attribution"})


def find_names(text: str, sentences: list[Sentence], *, dateline_place: str | None = None,
               max_names: int = 14, entities: Sequence[nlp.Entity] | None = None,
               subjects: Sequence[int] = ()) -> list[Name]:
    """Names of one article's text, most important first: mentions, plus weight for the title and lead.

    With ``entities`` (a trained recogniser's, over the same text) the recogniser gives the kind of a name
    that the rules know only from capitalisation, and a name that neither the rules nor the recogniser
    support (a capitalised phrase of a caption, a menu or a promo line, named once or twice) is no
    candidate. ``subjects``: offsets of the words that are the subject of a verb (from a parse)."""
    heads = [s for s in sentences if is_headline(s, text)]
    head_ids = {s.index for s in heads}
    body = [s for s in sentences if s.index not in head_ids]
    lower_words = set(re.findall(r"\b[a-z][a-z]+\b", text))
    lead = {s.index for s in body[:3]}
    head_text = "\n".join(s.text for s in heads)
    ranked: list[tuple[float, Name]] = []
    for g in collect(text, body, lower_words, dateline_place, sentences):
        forms = sorted({*g.surfaces, *(m.full for m in g.mentions)}, key=len, reverse=True)
        hits: list[tuple[int, int]] = []  # (sentence, offset) of mentions in headline lines
        if any(f in head_text for f in forms):
            alt = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
            hits = [(s.index, m.start()) for s in heads for m in alt.finditer(text, s.start, s.end)]
        mentions = sorted(g.mentions, key=lambda m: m.start)
        sentence, first = min([(mentions[0].sentence, mentions[0].start), *hits], key=lambda x: x[1])
        role = next((m.role for m in mentions if m.role), "")
        count = len(mentions) + len(hits)
        in_title = sum(1 for s, _ in hits if s == 0)
        kind, strong = kind_evidence(g, text, lower_words)
        if entities is not None and not strong:
            voted, supported = _entity_kind(g, entities)
            kind = voted or kind
            if not supported and not kind and count <= 2 and not in_title:
                continue
        score = count + 2 * in_title + 3 * (mentions[0].sentence in lead) + bool(role)
        aliases = sorted({f for f in forms if f != g.canonical}, key=lambda f: (-len(f), f))
        early = [*((m.start, m.end) for m in mentions if m.sentence in lead), *(
            (at, at + len(forms[0])) for s, at in hits if s == 0)]
        acts = any(start <= at < end for start, end in early for at in subjects)
        ranked.append((score, Name(g.canonical, aliases, count, first, sentence, role, kind, acts)))
    ranked.sort(key=lambda x: (-x[0], x[1].first))
    return [n for _, n in ranked[:max_names]]


# French words that open a capitalised run at a sentence's start without being part of the name ("Le Canada",
# "Selon Mme Roy", "L'Agence"), and number words that open a sentence ("Quarante pompiers").
_LEAD_FR = LazyPattern(r"^(?:(?:Le|La|Les|Un|Une|Des|Du|De|Selon|Par|Pour|Dans|Au|Aux|Ce|Cet|Cette|Ces|Son|Sa|Ses"
                       r"|Leur|Leurs|En|Et|Mais|Depuis|Après|Avant|Pendant|Sur|Avec|Chez|Lorsque|Quand)\s+|[LD]['’])+")
_NUMBERS_FR = frozenset({"deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
                         "treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante",
                         "soixante", "cent", "mille"})


def french_names(names: list[Name], entities: Sequence[nlp.Entity] = ()) -> list[Name]:
    """The names of a French article without the article or preposition the English rules leave before them
    ("Le Canada" -> "Canada", "Selon Mme Roy" -> "Mme Roy"), merged with the same name met without it;
    a number word alone ("Quarante") is no name. A name the English rules cut at a lower-case word ("Affaires"
    of "Affaires mondiales Canada") is the entity the French pipeline found starting with it."""
    out: dict[str, Name] = {}
    for n in names:
        name = _LEAD_FR.sub("", n.name).strip()
        whole = next((e.text for e in entities if e.label in ("ORG", "LOC", "MISC") and e.start <= n.first + len(
            n.name) - len(name) < e.end and e.text.startswith(name) and len(e.text) > len(name)
            and " " in e.text and any(w[:1].islower() for w in e.text[len(name):].split())), None)
        if whole is not None and len(whole.split()) <= 6:
            name, n = whole, replace(n, aliases=[*n.aliases, name])
        if not name or name.lower() in _NUMBERS_FR or not name[0].isupper():
            continue
        aliases = [a for a in dict.fromkeys(_LEAD_FR.sub("", a).strip() for a in n.aliases) if a and a != name]
        if name in out:
            kept = out[name]
            kept.aliases = sorted({*kept.aliases, *aliases} - {name}, key=lambda f: (-len(f), f))
            kept.count += n.count
            kept.acts = kept.acts or n.acts
            kept.kind_hint = kept.kind_hint or n.kind_hint
            continue
        out[name] = replace(n, name=name, aliases=aliases)
    return list(out.values())


def _entity_kind(g: NameGroup, entities: Sequence[nlp.Entity]) -> tuple[str, bool]:
    """(the kind most of the name's mentions are recognised as, whether any mention is an entity at all)."""
    votes: dict[str, int] = {}
    supported = False
    for m in g.mentions:
        for e in entities:
            if e.start < m.end and m.start < e.end:
                supported = True
                kind = nlp.ENTITY_KINDS.get(e.label)
                if kind:
                    votes[kind] = votes.get(kind, 0) + 1
    return (max(votes, key=lambda k: votes[k]) if votes else ""), supported


def find_candidates(article: Article, focus: Focus, *, max_names: int = 14,
                    anchor: Anchor | None = None, people: Sequence[str] = ()) -> Candidates:
    """Everything the model may label in one article; ``focus``: the country whose role the brief reports;
    ``people``: names already known to act for it (found in the whole article when this is a part of it).
    A French article (``article.lang``) is read with the French pipeline, the focus as French names it and
    the French lexicon of the clause reader."""
    text = article.text
    sentences = article.sentences  # split once, by the read stage
    if anchor is None:
        anchor = Anchor(published=article.published, dateline=article.dateline_date,
                        years=explicit_years(text))
    lex = lexicon(article.lang)
    if lex.lang != focus.lang:
        focus = focus_on(focus.country, lex.lang)
    # A dateline is parsed apart from the news it opens, as a sentence of its own.
    starts = sorted({s.start for s in sentences} | {s.start + n for s in sentences if (n := dateline_length(s.text))})
    doc = nlp.parse(text, tuple(starts), lang=lex.lang)
    names = find_names(text, sentences, dateline_place=article.dateline_place, max_names=max_names,
                       entities=nlp.entities(doc) if doc is not None else None,
                       # a later part of a long article has no title or lead of its own
                       subjects=nlp.subjects(doc) if text.startswith(article.title) else ())
    if lex.lang == "fr":
        names = french_names(names, nlp.entities(doc) if doc is not None else ())
    # In an article about the focus country (datelined there, or naming it more than any other country), a
    # minister introduced without a country, and "the government", are the focus country's.
    own = _datelined_in(article, focus) or _mostly_about(text, focus)
    found = focus.find_people(names, sentences, text, ministers=own)
    extra = list(lex.home_actors) if own or found else []  # its officials are in the story: so is its government
    about = term_pattern([*focus.terms, *(f for p in found for f in (p.name, *p.aliases)), *people, *extra])
    body = [s for s in sentences if not is_headline(s, text)]
    claims = _claims(doc, body, about, focus, lex) if doc is not None else {}
    return Candidates(
        sentences=sentences,
        names=names,
        dates=find_dates(text, anchor),
        focus_sentences=[s for s in body if about.search(s.text) or s.index in claims],
        uncertain_sentences=[s for s in sentences if (_uncertain_fr(s) if lex.lang == "fr" else _uncertain(s))],
        focus_people=found,
        focus_claims=claims,
        parsed=doc is not None,
    )


def _datelined_in(article: Article, focus: Focus) -> bool:
    """The article's dateline is a place of the focus country (a city of its table, or one of its regions)."""
    place = article.dateline_place or ""
    if not place:
        return False
    return bool(focus.pattern.fullmatch(place)) or place in focus.regions or (
        article.dateline_region or "") in focus.regions


def _mostly_about(text: str, focus: Focus) -> bool:
    mine = len(focus.pattern.findall(text))
    theirs: dict[str, int] = {}
    for m in focus.others.finditer(text):
        theirs[m.group()] = theirs.get(m.group(), 0) + 1
    return mine >= 2 and mine > max(theirs.values(), default=0)


# Who acts for the country in an article datelined in it, unnamed (its government, its parliament): the
# lexicon's ``home_actors``.
_NP_ATTACHED = frozenset({"prep", "relcl", "acl", "advcl", "punct", "cc"})
_NP_ATTACHED_FR = frozenset({"nmod", "acl", "acl:relcl", "advcl", "punct", "cc", "appos"})
_OF_FR = frozenset({"de", "du", "des", "d'", "d’"})


def _claims(doc: Doc, body: list[Sentence], about: re.Pattern[str], focus: Focus,
            lex: Lexicon = ENGLISH) -> dict[int, list[Clause]]:
    """The focus clauses of each body sentence. A subject is the focus when its own words (not a place it is
    attached to: "the embassy in Ottawa") name it, when it is the focus's demonym with a noun, or when it
    repeats with "the" the noun of an earlier focus subject or of what the focus acted on ("A Canadian team
    arrived. The team will ...", "Canada will build a depot. The depot is expected to ...")."""
    repeated: set[str] = set()
    demonyms, cities = focus.demonyms, focus.cities
    agents = gz.AGENT_NOUNS if lex.lang == "en" else lex.agent_nouns

    def hit(tok: Token) -> re.Match[str] | None:
        words = " ".join(w.text for w in _core_words(tok, lex))
        found = about.search(words)
        if found is not None and lex.lang == "fr" and found.group() in lex.home_actors and focus.others.search(words):
            return None  # "le gouvernement chilien": the demonym follows the noun in French, another country's
        return None if found is None or found.group() in cities else found  # a city's own police, council

    def demonym_only(found: re.Match[str]) -> bool:
        return demonyms is not None and demonyms.fullmatch(found.group()) is not None

    def named(tok: Token) -> bool:
        """The subject names the focus or one who acts for it; a demonym only with a noun of those who act
        for a state ("Canadian troops", not "a Canadian website")."""
        found = hit(tok)
        if found is None:
            return False
        return not demonym_only(found) or tok.lemma_.lower() in agents

    def people_of(tok: Token) -> bool:
        """The demonym alone ("Canadians will need visas"): the country's people, not the country acting."""
        found = hit(tok)
        return found is not None and demonym_only(found) and found.group() == " ".join(
            w.text for w in _core_words(tok, lex) if w.pos_ != "DET" and w.dep_ not in ("amod", "nummod", "predet"))

    def is_focus(tok: Token) -> bool:
        if hit(tok) is not None:
            return not people_of(tok)
        return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in repeated and any(
            (c.dep_ == "det" and c.lower_ in lex.definite) or c.lower_ in lex.another for c in tok.children)

    out: dict[int, list[Clause]] = {}
    topic = False
    for s in body:
        found = focus_clauses(doc, s.start, s.end, is_focus, named, topic, lex)
        subjects = [t for t in doc if s.start <= t.idx < s.end and t.dep_ in lex.active_subjects]
        for tok in subjects:  # what later sentences may call "the team", "the agency"
            if hit(tok) is not None and tok.pos_ in ("NOUN", "PROPN"):
                repeated.add(tok.lemma_.lower())
                repeated.update(o.lemma_.lower() for o in tok.head.children
                                if o.dep_ == lex.objects[0] and o.pos_ == "NOUN")
        topic = any(hit(tok) is not None for tok in subjects)
        # "The police closed the lab, the force said": a speaker of the state's own kind names the subject again
        if topic:
            repeated.update(tok.lemma_.lower() for tok in subjects if hit(tok) is None and tok.pos_ == "NOUN"
                            and tok.lemma_.lower() in SPEAKER_OWN and tok.head.lemma_.lower() in REPORT_VERBS
                            and tok.head.dep_ == "ROOT"
                            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                            and any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.head.children))
        if found:
            out[s.index] = found
    return out


def _core_words(tok: Token, lex: Lexicon = ENGLISH) -> list[Token]:
    """The words of a noun phrase without what is attached to it (prepositions, relative clauses), but with
    the "of" that continues a name or a group ("the Bank of Canada", "a team of Canadian specialists")."""
    inside = _in_core_fr if lex.lang == "fr" else _in_core
    out = [tok]
    stack = [c for c in tok.children if inside(c, tok)]
    while stack:
        c = stack.pop()
        out.append(c)
        stack.extend(g for g in c.children if inside(g, c))
    return sorted(out, key=lambda w: w.i)


def _in_core_fr(child: Token, head: Token) -> bool:
    """French: the "de" that continues a name, a group or those who act for a state ("la Banque du Canada",
    "l'ambassade du Canada", "une équipe de spécialistes canadiens"), not "à Ottawa"."""
    if child.dep_ == "nmod":
        lemma = head.lemma_.lower()
        cases = [c.lower_ for c in child.children if c.dep_ == "case"]
        if not cases:
            return True  # a noun read as attached without a preposition ("Forces armées canadiennes")
        french = lexicon("fr")
        return cases[0] in _OF_FR and (head.pos_ == "PROPN" or lemma in french.group_nouns | french.agent_nouns)
    return child.dep_ not in _NP_ATTACHED_FR


def _in_core(child: Token, head: Token) -> bool:
    if child.dep_ == "prep" and child.lower_ == "of":
        return head.pos_ == "PROPN" or head.lemma_.lower() in gz.GROUP_NOUNS
    return child.dep_ not in _NP_ATTACHED
