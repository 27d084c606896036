"""The brief's page in French (briefer.render.i18n): headings, labels, statuses, dates written out, the notes
of what was cut, French typography for quotes; the quotes themselves stay as written. Every text is invented."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from briefer import brief, render
from briefer.render import fit, i18n
from briefer.schema import Actor, Brief, Dated, Grounding, Place, Point, Quote, RoleClaim, Source
from tests.render.test_render import overlong
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

NNBSP, NBSP = "\u202f", "\u00a0"
FR_ARTICLE = """Québec rouvre le pont de l'île

Publié le 2026-01-06

QUÉBEC, mardi 6 janvier – La ministre des Transports, Marie Tremblay, a annoncé mardi que le pont de l'île
rouvrira à la circulation le 1er mars, après deux ans de travaux.

Le gouvernement fédéral financera la moitié des travaux, selon le document déposé à l'Assemblée nationale.
Selon des analystes, Ottawa pourrait aussi prolonger l'aide aux municipalités de la région.

« Nous tenons parole », a déclaré la ministre devant les journalistes.
"""
EN_ARTICLE = """Quebec bridge to reopen in March

QUEBEC CITY, Jan 6 (Maple Wire) - Quebec's transport minister said on Tuesday that the island bridge would
reopen on March 1 after two years of work, and that Ottawa would pay half of the cost.
"""


def q(text: str, source: str = "a") -> list[Quote]:
    return [Quote(text=text, source=source, verified=True)]


def french_brief(lang: str = "fr") -> Brief:
    return Brief(
        headline="Québec rouvre le pont de l'île", lang=lang, focus="Canada",
        summary=Point(text="La ministre a annoncé mardi la réouverture du pont.", quotes=q("La ministre a annoncé.")),
        who=[Actor(name="Marie Tremblay", role="ministre des Transports", central=True, quotes=q("Marie Tremblay")),
             Actor(name="Jean Roy", central=False, quotes=q("Jean Roy a réagi."))],
        where=[Place(name="Québec", central=True, quotes=q("À Québec, mardi."))],
        when=[Dated(text="mardi 6 janvier", iso="2026-01-06", basis="weekday", quotes=q("le mardi 6 janvier")),
              Dated(text="le 1er mars", iso="2026-03-01", basis="dateline", quotes=q("le 1er mars")),
              Dated(text="en mars", iso="2026-03", basis="published", quotes=q("en mars"))],
        focus_role=[RoleClaim(claim="Ottawa financera la moitié des travaux.", status="planned",
                              quotes=q("Ottawa financera la moitié des travaux.")),
                    RoleClaim(claim="Ottawa pourrait prolonger l'aide.", status="speculative",
                              quotes=q("Ottawa pourrait prolonger l'aide.")),
                    RoleClaim(claim="Ottawa said it would pay half.", status="expected",
                              quotes=[*q("Ottawa said it would pay half.", "b"),
                                      *q("The minister said Ottawa would pay half of the cost.", "b")]),
                    RoleClaim(claim="Ottawa a versé 10 millions.", status="done",
                              quotes=q("Ottawa a versé 10 millions."))],
        key_points=[Point(text="Les travaux ont coûté 40 millions.", quotes=q("Les travaux ont coûté 40 millions."))],
        sources=[Source(id="a", title="Québec rouvre le pont", published="2026-01-06",
                        dateline="Québec, mardi 6 janvier", lang="fr"),
                 Source(id="b", title="Quebec bridge to reopen", lang="en",
                        warnings=["2 sentence(s) addressed to an AI model left out (possible prompt injection)"])],
        grounding=Grounding(verified=9, total=10, dropped=1), model="fake",
        omitted=["2 more key points omitted", "1 more date omitted", "supporting quotes of names omitted"])


def test_every_language_has_every_word() -> None:
    assert set(i18n.CATALOGUE) == {"en", "fr"}
    assert set(i18n.CATALOGUE["en"]) == set(i18n.CATALOGUE["fr"])
    assert set(i18n.status_labels("fr").values()) == {"FAIT", "PRÉVU", "ATTENDU", "HYPOTHÉTIQUE"}


def test_markdown_in_french() -> None:
    md = render.to_markdown(french_brief())
    for heading in ("## Qui", "## Où", "## Quand", f"## Canada{NBSP}: son rôle", "## Points clés", "## Sources"):
        assert heading in md
    for status in ("**PRÉVU**", "**HYPOTHÉTIQUE**", "**ATTENDU**", "**FAIT**"):
        assert status in md
    assert "**mardi 6 janvier 2026** (mardi 6 janvier" in md and "année déduite du jour de la semaine" in md
    assert "**dimanche 1er mars 2026**" in md
    assert f"(90{NNBSP}%)" in md and "1 non étayé retiré" in md
    assert f"«{NNBSP}Ottawa financera la moitié des travaux.{NNBSP}»" in md
    assert f"«{NNBSP}Ottawa said it would pay half.{NNBSP}»" in md  # a quote stays in its own language
    assert "publié le 6 janvier 2026" in md and "Quebec bridge to reopen, en anglais" in md
    assert "(simple mention)" in md and "[2 seulement]" in md
    assert (f"*Pour tenir sur une page{NBSP}: 2 points clés de plus omis{NNBSP}; 1 date de plus omise{NNBSP}; "
            "citations à l’appui des noms omises.*") in md
    assert "injection d’instructions possible" in md
    english = {w for k, w in i18n.CATALOGUE["en"].items() if len(w) > 3 and w != i18n.CATALOGUE["fr"][k]}
    assert [w for w in english if w in md] == []


def test_the_page_language_can_be_asked_for_the_other_way() -> None:
    md = render.to_markdown(french_brief(), lang="en")
    assert "## Canada's role" in md and "**PLANNED**" in md and "**2026-01-06**" in md
    assert "“Ottawa financera la moitié des travaux.”" in md  # the quote stays in French
    assert "Québec rouvre le pont, in French" not in md and "Quebec bridge to reopen (" not in md
    assert "1. Québec rouvre le pont (Québec, mardi 6 janvier), published 2026-01-06, in French" in md


def test_html_and_pdf_in_french() -> None:
    b = french_brief()
    html = render.page_html(b)
    assert '<html lang="fr">' in html and "Synthèse" in html and "Pays suivi" in html
    assert '.q::before { content: "«\\00202F"; }' in html
    assert '<div class="q" lang="en">The minister said Ottawa would pay half of the cost.' in html
    assert '<div class="q">Ottawa' not in html.replace('<div class="q">Ottawa financera', "")
    assert "mardi</span> 6 janvier 2026" in html and "6 janvier – 1er mars 2026" in html
    assert "FAIT</span>" in html and "HYPOTHÉTIQUE</span>" in html
    assert "Pour tenir sur une page" in html and "citations vérifiées" in html
    reader = PdfReader(io.BytesIO(render.to_pdf(b)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for words in ("Québec rouvre le pont de l'île", "HYPOTHÉTIQUE", "«", "Pour tenir sur une page"):
        assert words in text, words
    for heading in ("SYNTHÈSE", "OÙ", "POINTS CLÉS", "QUAND"):  # the page's CSS writes headings in capitals
        assert heading in text, heading


def test_a_long_french_brief_fits_one_page_with_its_cuts_in_french() -> None:
    b = overlong().model_copy(update={"lang": "fr"})
    fitted = render.fit_page(b)
    assert fitted.pages == 1 and fitted.brief.omitted
    html = render.page_html(fitted.brief, fitted.show)
    notes = re.search(r'<div class="omitted">(.*?)</div>', html, re.S)
    assert notes and "omitted" not in notes[1] and "Pour tenir sur une page" in notes[1]


def test_every_note_of_a_cut_has_its_french() -> None:
    b = overlong()
    cut, _ = fit.apply(b, fit.plan(b))
    notes = list(cut.omitted)
    notes += [f"{n} more {field} item(s) omitted" for n in (1, 3) for field in
              ("who", "where", "when", "focus role", "key points", "open questions", "discrepancies")]
    notes += ["1 long point shortened to the first sentence", "1 more role claim about France's role omitted",
              "invalid UTF-8: decoded with replacement characters"]
    assert len(notes) > 20
    for text in notes:
        french = i18n.note(text, "fr")
        assert french != text and not re.search(r"\b(?:more|omitted|quotes|sentences?|sources not)\b", french), text
        assert i18n.note(text, "en") == text


@pytest.mark.parametrize(("iso", "en", "fr"), [("2026-01-06", "6 Jan 2026", "6 janvier 2026"),
                                               ("2026-03-01", "1 Mar 2026", "1er mars 2026"),
                                               ("2026-08", "Aug 2026", "août 2026"), ("", "en mars", "en mars")])
def test_date_labels(iso: str, en: str, fr: str) -> None:
    d = Dated(text="en mars", iso=iso)
    assert render.date_label(d) == en and render.date_label(d, "fr") == fr


def test_the_brief_takes_the_language_of_most_articles(tmp_path) -> None:  # type: ignore[no-untyped-def]
    fr = tmp_path / "pont.txt"
    fr.write_text(FR_ARTICLE, encoding="utf-8")
    en = tmp_path / "bridge.txt"
    en.write_text(EN_ARTICLE, encoding="utf-8")
    with FakeOpenAI(labeller) as fake:
        kw = {"base_url": fake.base_url, "api_key": "sk-test", "model": "fake"}
        alone = brief([fr], **kw)
        mixed = brief([en, fr], **kw)
        asked = brief([fr], lang="en", **kw)
    assert alone.lang == "fr" and [s.lang for s in alone.sources] == ["fr"]
    assert alone.sources[0].dateline == "Québec, mardi 6 janvier" and alone.sources[0].published == "2026-01-06"
    assert mixed.lang == "en" and [s.lang for s in mixed.sources] == ["en", "fr"]  # a tie: the first article's
    assert asked.lang == "en"
    assert "## Qui" in render.to_markdown(alone) and "## Who" in render.to_markdown(asked)
