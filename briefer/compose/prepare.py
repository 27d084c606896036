"""What code knows before the model is asked: each article's candidates, its sentences numbered across
all the articles of a brief, which of them are titles and which mention the focus country, and the prompt
prefix (system + the numbered articles) that every call of the brief shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefer.compose import prompts
from briefer.config import Settings
from briefer.extract.candidates import Candidates, find_candidates
from briefer.extract.clauses import Clause
from briefer.extract.dates import Anchor, explicit_years
from briefer.extract.focus import Focus
from briefer.extract.names import Name, is_headline
from briefer.read.sources import Article
from briefer.text import normalise

MAX_NAMES = 16
MAX_FOCUS_SENTENCES = 20


@dataclass
class Numbered:
    n: int
    article: Article
    text: str  # the sentence exactly as in the article


@dataclass(frozen=True)
class RoleRow:
    """One thing the model is asked about the focus's role: a clause whose actor is the focus (its status
    read by code from the verb), or, without a parse, a whole sentence that names the focus."""

    n: int  # the sentence
    text: str  # what the model reads and the brief shows
    clause: Clause | None = None


@dataclass
class Prepared:
    """Everything code knows before the model is asked."""

    articles: list[Article]
    candidates: list[Candidates]
    sentences: dict[int, Numbered]
    names: list[tuple[Name, Article]]
    about_focus: list[int]  # numbers of the sentences that name the focus country or who acts for it
    roles: list[RoleRow]  # what the model is asked about the focus's role, in reading order
    prefix: list[dict[str, str]]
    offsets: dict[str, int]  # article id -> number of its first sentence, less one
    focus: Focus  # with the people who act for it in these articles
    heads: set[int]  # numbers of titles, standfirsts and subheadings: never evidence or key points
    # Not news, says the model (the points call's "skip"): left out like what code leaves out.
    skipped: set[int] = field(default_factory=set)

    def number(self, article: Article, index: int) -> int:
        """The prompt's number of sentence ``index`` of ``article``."""
        return self.offsets[article.id] + 1 + index

    def sentence_of(self, article: Article, index: int) -> Numbered:
        return self.sentences[self.number(article, index)]

    @property
    def asked_roles(self) -> list[RoleRow]:
        """The role rows the model is asked about: a clause where the focus itself acts is a claim whatever
        the model says, so only the others (a repeated noun, a pronoun, a demonym with a thing, no parse)."""
        return [r for r in self.roles if r.clause is None or not r.clause.strong]


def explicit_years_of(articles: Sequence[Article]) -> tuple[int, ...]:
    return tuple(sorted({y for a in articles for y in explicit_years(a.text)}))


def prepare(articles: Sequence[Article], settings: Settings, focus: Focus,
            years: tuple[int, ...] | None = None, people: Sequence[str] = ()) -> Prepared:
    """Candidates and the shared prompt prefix; ``focus``: the brief's (``focus_on(settings.focus)``);
    ``years`` and ``people``: the explicit years of all the articles and the names of those who act for the
    focus in them (when ``articles`` are the parts of one chunk)."""
    years = explicit_years_of(articles) if years is None else years
    cands = [find_candidates(a, focus, max_names=MAX_NAMES, people=people,
                             anchor=Anchor(published=a.published, dateline=a.dateline_date, years=years,
                                           today=settings.today))
             for a in articles]
    numbered: dict[int, Numbered] = {}
    views = []
    about: list[int] = []
    roles: list[RoleRow] = []
    heads: set[int] = set()
    n = 0
    offsets: dict[str, int] = {}
    for article, cand in zip(articles, cands, strict=True):
        offsets[article.id] = n
        rows = []
        focus_idx = {s.index for s in cand.focus_sentences}
        for s in cand.sentences:
            n += 1
            numbered[n] = Numbered(n, article, s.text)
            text = " ".join(s.text.split())
            if is_headline(s, article.text) or (s.index == 0 and text == " ".join(article.title.split())):
                heads.add(n)
            rows.append({"n": n, "text": text})
            if s.index in focus_idx and n not in heads:  # a title restates its body: the body is the evidence
                about.append(n)
                roles.extend(_role_rows(n, text, cand.focus_claims.get(s.index, []), cand.parsed))
        views.append({"id": article.id, "published": article.published.isoformat() if article.published else "",
                      "dateline": article.dateline_place or "", "sentences": rows})
    names = merge_names(articles, cands)
    code = prompts.nonce([a.text for a in articles])
    prefix = [{"role": "system", "content": prompts.render("system", settings.prompts, nonce=code)},
              {"role": "user", "content": prompts.render("articles", settings.prompts, nonce=code,
                                                         articles=views)}]
    return Prepared(list(articles), cands, numbered, names, about[:MAX_FOCUS_SENTENCES],
                    _first_rows(roles, MAX_FOCUS_SENTENCES), prefix, offsets,
                    focus.with_people([p for c in cands for p in c.focus_people]), heads)


def _role_rows(n: int, text: str, clauses: Sequence[Clause], parsed: bool) -> list[RoleRow]:
    """The rows of one focus sentence: its focus clauses; without a parse, the sentence itself (a parse that
    finds no clause of the focus finds it only named, as a place, an owner or an object)."""
    if not clauses:
        return [] if parsed else [RoleRow(n, text)]
    return [RoleRow(n, " ".join(c.text.split()), c) for c in clauses]


def _first_rows(rows: list[RoleRow], sentences: int) -> list[RoleRow]:
    """The rows of the first ``sentences`` focus sentences (all the clauses of each)."""
    kept = list(dict.fromkeys(r.n for r in rows))[:sentences]
    return [r for r in rows if r.n in kept]


def merge_names(articles: Sequence[Article], cands: Sequence[Candidates]) -> list[tuple[Name, Article]]:
    """Names of all articles, one entry per person/place (by name or alias), most important first."""
    merged: list[tuple[Name, Article]] = []
    seen: dict[str, int] = {}
    for article, cand in zip(articles, cands, strict=True):
        for name in cand.names:
            keys = {normalise(name.name), *(normalise(a) for a in name.aliases)}
            hit = next((seen[k] for k in keys if k in seen), None)
            if hit is None:
                seen.update({k: len(merged) for k in keys})
                merged.append((name, article))
    return merged[:MAX_NAMES]
