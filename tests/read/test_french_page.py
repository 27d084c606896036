"""French page forms in briefer.read: furniture by word class (read.boilerplate_fr, through
read.boilerplate), the publish line and the dateline (read.dateline_fr). Every line is invented."""

from __future__ import annotations

import itertools

import pytest

from briefer.read.boilerplate import is_boilerplate, remove_boilerplate
from briefer.read.boilerplate_fr import furniture_class
from briefer.read.dateline_fr import find_dateline_fr
from briefer.read.sources import from_text

FURNITURE = {
    "share": ["Partager", "Partager sur Facebook", "Partager | Courriel | Imprimer", "Partager cet article :",
              "Partagez", "Copier le lien", "Partager via courriel"],
    "newsletter": ["Abonnez-vous à notre infolettre", "Inscrivez-vous à l'infolettre du matin",
                   "S'abonner à l'infolettre Politique", "Recevez nos alertes par courriel",
                   "Abonnez-vous à nos infolettres pour ne rien manquer de l'actualité régionale",
                   "Merci de vous être abonné à notre infolettre !"],
    "advertising": ["Publicité", "PUBLICITÉ", "Contenu commandité", "La suite après la publicité", "Annonce"],
    "read_also": ["Lire aussi", "À lire aussi", "À lire aussi : La neige paralyse le centre-ville",
                  "Lire aussi : Un nouveau pont pour Lévis", "Sur le même sujet", "Les plus lus", "Voir aussi",
                  "A lire également : Les bleuets se vendent bien"],
    "credit": ["Crédit photo : Jeanne Roy", "Photo : Archives", "Photo: Studio Nord", "(Photo : Léa Marchal)",
               "Illustration : Atelier Bleu", "© Le Quotidien du Nord 2026", "Tous droits réservés"],
    "click": ["Cliquez ici pour voir la vidéo", "Accepter tous les témoins",
              "Nous utilisons des témoins pour améliorer votre expérience sur notre site."],
    "comments": ["Commentaires", "12 commentaires", "Réagir", "Réagissez à cet article", "Laisser un commentaire"],
}

# Paragraphs of invented French news: the article's own sentences, some using the furniture's words.
NEWS = [
    "Le ministre a partagé ses inquiétudes avec ses homologues provinciaux lors de la rencontre de mardi.",
    "La publicité des contrats publics sera désormais obligatoire, a annoncé la présidente du Conseil du trésor.",
    "Selon le rapport, les abonnés de la société de transport ont reçu un courriel les informant de la grève.",
    "Photo à l'appui, l'opposition accuse le gouvernement d'avoir caché l'état du pont.",
    "Les commentaires du premier ministre ont fait réagir les maires de la Côte-Nord.",
    "Plusieurs lecteurs ont voulu réagir à la décision de la ville de fermer la piscine.",
    "L'annonce a été faite devant une centaine de travailleurs de l'usine de Sorel-Tracy.",
    "Il faut lire aussi les notes de bas de page du budget pour comprendre l'ampleur des compressions.",
    "Le crédit d'impôt pour la rénovation verte sera prolongé jusqu'en 2028, selon le document.",
    "Les Forces armées canadiennes enverront deux avions de transport vers les Caraïbes.",
]


@pytest.mark.parametrize(("kind", "line"), [(k, line) for k, lines in FURNITURE.items() for line in lines])
def test_french_furniture_lines(kind: str, line: str) -> None:
    assert furniture_class(line) == kind
    if kind != "comments":
        assert is_boilerplate(line)


@pytest.mark.parametrize("line", NEWS)
def test_french_news_sentences_stay(line: str) -> None:
    assert not is_boilerplate(line)
    assert furniture_class(line) is None


def test_generated_furniture_and_sentences() -> None:
    """Furniture from parts (verb x object, label x title) goes; news from parts stays."""
    verbs = ["Abonnez-vous", "Inscrivez-vous", "Recevez"]
    objects = ["à notre infolettre", "à l'infolettre du soir", "nos alertes par courriel", "à nos bulletins"]
    labels = ["Lire aussi", "À lire aussi", "Sur le même sujet", "À lire également"]
    titles = ["Le port de Québec agrandit ses quais", "Une tempête frappe la Gaspésie", "Hausse des loyers"]
    lines = [f"{v} {o}" for v, o in itertools.product(verbs, objects)]
    lines += [f"{lab} : {t}" for lab, t in itertools.product(labels, titles)]
    assert all(is_boilerplate(line) for line in lines)
    subjects = ["Le ministre", "La mairesse de Gatineau", "Les syndiqués", "Une porte-parole de la GRC"]
    acts = ["a partagé ses craintes sur", "veut réagir rapidement à", "a lu aussi le rapport sur",
            "s'est abonnée dès lundi à la hausse de", "a commenté la publicité entourant"]
    things = ["la fermeture de l'usine.", "la hausse des tarifs d'électricité.", "la réforme de l'aide sociale."]
    news = [f"{s} {a} {t}" for s, a, t in itertools.product(subjects, acts, things)]
    assert not [n for n in news if is_boilerplate(n)]
    assert len(lines) + len(news) == 84


def test_the_comment_section_goes_with_what_follows() -> None:
    text = "\n\n".join([NEWS[0], NEWS[1], "Réagir", "Jean D. : quelle honte", "Marie : bravo"])
    cleaned = remove_boilerplate(text)
    assert cleaned.endswith(NEWS[1])


def test_a_french_page_keeps_its_article() -> None:
    page = "\n\n".join(["Québec rouvre le pont de l'île", "Partager", "Publicité", "Crédit photo : Jeanne Roy",
                        *NEWS[:4], "À lire aussi : Hausse des loyers", "Abonnez-vous à notre infolettre", NEWS[4],
                        "Commentaires", "Un lecteur : enfin !"])
    article = from_text(page, id="page")
    assert article.text.split("\n\n") == ["Québec rouvre le pont de l'île", *NEWS[:5]]
    assert article.lang == "fr"


# --- the publish line and the dateline -------------------------------------------------------------------------

@pytest.mark.parametrize("line", ["Publié le 2026-01-06", "Publiée le : 2026-01-06", "PUBLIÉ LE 2026-01-06 à 8 h 12",
                                  "Date de publication : 2026-01-06", "Published: 2026-01-06"])
def test_publish_lines(line: str) -> None:
    article = from_text(f"Un titre\n\n{line}\n\n{NEWS[0]} {NEWS[1]}", id="a")
    assert article.published is not None and article.published.isoformat() == "2026-01-06"
    assert "2026-01-06" not in article.text


@pytest.mark.parametrize(("para", "expected"), [
    ("QUÉBEC, mardi 6 janvier – Le gouvernement a présenté son plan.", ("Québec", "mardi 6 janvier")),
    ("MONTRÉAL, 6 janv. (Presse Nordique) — La grève est terminée.", ("Montréal", "6 janv.")),
    ("OTTAWA, lundi 1er mars – Les libéraux ont déposé le projet.", ("Ottawa", "lundi 1er mars")),
    ("TROIS-RIVIÈRES – La ville a voté le budget.", ("Trois-Rivières", None)),
    ("SAINT-JEAN-SUR-RICHELIEU (Agence) – Un incendie a détruit une grange.", ("Saint-Jean-sur-Richelieu", None)),
    ("VAL-D'OR, 3 février – Les mineurs sont en grève.", ("Val-d'Or", "3 février")),
])
def test_french_datelines(para: str, expected: tuple[str | None, str | None]) -> None:
    assert find_dateline_fr(f"Un titre\n\n{para}") == expected


@pytest.mark.parametrize("para", ["ANALYSE – Le budget est une occasion ratée.", "EN DIRECT – Suivez le vote.",
                                  "Le ministre – visiblement ému – a quitté la salle.", "À Québec – rien."])
def test_not_datelines(para: str) -> None:
    assert find_dateline_fr(f"Un titre\n\n{para}") == (None, None)


def test_the_french_dateline_is_read_for_french_articles_only() -> None:
    french = from_text(f"Un titre\n\nQUÉBEC, mardi 6 janvier – {NEWS[0]} {NEWS[1]}", id="fr")
    assert (french.dateline_place, french.dateline_date) == ("Québec", "mardi 6 janvier")
    english = from_text("A title\n\nQUÉBEC – The government said on Tuesday it would act, and the premier "
                        "was asked about the plan that was tabled.", id="en")
    assert english.lang == "en" and english.dateline_place is None


# --- main's shape rules (link lists, navigation, the preamble) on French pages -----------------------------------

def test_french_link_lists_and_navigation_go() -> None:
    """A label line and headline-shaped lines under it, a numbered list, a menu row: French pages have them too."""
    page = "\n\n".join(["Québec rouvre le pont de l'île", "Accueil | Actualités | Régions | Sports",
                        NEWS[0], NEWS[1], "Les plus populaires", "Le port de Québec agrandit ses quais",
                        "Une tempête frappe la Gaspésie", "1. Hausse des loyers à Gatineau",
                        "2. La Saint-Jean sous la pluie", NEWS[2]])
    article = from_text(page, id="page")
    assert article.text.split("\n\n") == ["Québec rouvre le pont de l'île", NEWS[0], NEWS[1], NEWS[2]]


def test_short_quoted_french_sentences_are_no_link_list_nor_preamble() -> None:
    """French closes a quoted sentence with « … » and no stop after it: such lines are sentences, kept."""
    quotes = ["« Nous serons prêts. »", "« Le pont rouvrira. »", "« C'est une bonne nouvelle. »"]
    text = "\n\n".join(["Québec rouvre le pont", *quotes, NEWS[0]])
    assert remove_boilerplate(text) == text
    article = from_text("\n\n".join(["Le maire se réjouit", "Réactions", *quotes, NEWS[0], NEWS[1]]), id="a")
    assert all(q in article.text for q in quotes)
