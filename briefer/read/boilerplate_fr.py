"""French site furniture: the lines of a French news page that are not the article, by word class (share
buttons, newsletter prompts, advertising labels, "read also" links, photo credits, the comment section).
``read.boilerplate`` asks these after its English rules; each pattern is matched against a whole stripped
line, case aside, so a sentence of the article that uses the same words ("Le ministre a partagé ...",
"la publicité des contrats") stays."""

from __future__ import annotations

import re

from briefer.text import LazyPattern

# Each class: whole-line patterns. Words that accents or their absence both spell are written [eé].
SHARE = (
    # a row of share buttons: "Partager", "Partager sur Facebook", "Partager | Courriel | Imprimer"
    r"(?:partager|partagez|imprimer|courriel|envoyer par courriel|copier le lien|facebook|x|twitter|messenger"
    r"|whatsapp|linkedin)(?:\s*[|/·•]?\s*(?:partager|partagez|imprimer|courriel|envoyer par courriel"
    r"|copier le lien|facebook|x|twitter|messenger|whatsapp|linkedin))*",
    r"partager (?:cet|l['’]) ?(?:article|reportage|texte|page)(?: sur \w+)?\s*:?",
    r"partager (?:sur|via|par) (?:facebook|twitter|x|whatsapp|courriel|linkedin|messenger)\b.{0,60}",
)
NEWSLETTER = (
    # "Abonnez-vous à notre infolettre", "Inscrivez-vous à l'infolettre du matin", "S'abonner à l'infolettre"
    r"(?:abonnez-vous|inscrivez-vous|s['’]abonner|s['’]inscrire|recevez|recevoir)\b.{0,120}"
    r"\b(?:infolettres?|newsletters?|lettres? d['’]information|courriels?|alertes?|bulletins?)\b.{0,120}",
    r".{0,80}\bmerci de vous [eê]tre (?:abonn[eé]e?s?|inscrite?s?)\b.{0,120}",
)
ADVERTISING = (
    r"publicit[eé]|annonce|contenu commandit[eé]|contenu partenaire|commandit[eé]|la suite apr[eè]s la publicit[eé]"
    r"|suite (?:de l['’]article )?apr[eè]s (?:la|cette) publicit[eé]",
)
READ_ALSO = (
    # "Lire aussi : ...", "À lire aussi", "À lire également", "Sur le même sujet", "Voir aussi", "En lien avec ..."
    r"(?:(?:[àa] )?lire aussi|(?:[àa] )?lire [eé]galement|(?:[àa] )?voir aussi|(?:[àa] )?d[eé]couvrir aussi"
    r"|sur le m[eê]me sujet|dans la m[eê]me section|en lien avec (?:cet article|ce sujet)|articles? (?:li[eé]s?"
    r"|connexes?|recommand[eé]s)|les plus lus|populaires?|[àa] la une)\s*(?:[:|»>].{0,150})?",
)
CREDIT = (
    # "Crédit photo : Jeanne Roy", "Photo : Archives", "Photo: Agence", "(Photo : Studio Nord)", "© Agence 2026"
    r"(?:cr[eé]dits?(?: photo)?|photos?|image|vid[eé]o|illustration|source)\s*:\s*.{0,80}",
    r"\(\s*(?:cr[eé]dits?(?: photo)?|photos?|image|illustration)\s*:.{0,80}\)",
    r"(?:©|\(c\)).{0,100}|tous droits r[eé]serv[eé]s\.?",
)
CLICK = (
    r"(?:cliquez|appuyez) ici\b.{0,100}",
    r"(?:accepter|refuser|g[eé]rer|param[eé]trer) (?:tous )?(?:les )?t[eé]moins.{0,60}",
    r".{0,100}\bnous utilisons des (?:t[eé]moins|cookies)\b.{0,300}",
)
# A line that opens the trailing comment section: "Commentaires", "12 commentaires", "Réagir", "Réagissez".
COMMENTS = (
    r"(?:commentaires?|\d+ commentaires?|commentaires? \(\d+\)|r[eé]agir|r[eé]agissez(?: [àa] cet article)?"
    r"|laisser un commentaire|ajouter un commentaire|(?:afficher|voir) les commentaires|votre r[eé]action"
    r"|donnez votre avis)\s*[:.]?",
)

CLASSES: dict[str, tuple[str, ...]] = {"share": SHARE, "newsletter": NEWSLETTER, "advertising": ADVERTISING,
                                       "read_also": READ_ALSO, "credit": CREDIT, "click": CLICK}
_FURNITURE = LazyPattern("|".join(f"(?:{p})" for patterns in CLASSES.values() for p in patterns), re.IGNORECASE)
_COMMENTS = LazyPattern("|".join(f"(?:{p})" for p in COMMENTS), re.IGNORECASE)


def is_furniture_fr(line: str) -> bool:
    """True for a whole line of French site furniture (``line`` stripped)."""
    return _FURNITURE.fullmatch(line) is not None


def opens_comments_fr(line: str) -> bool:
    """True for a line that opens a French comment section (``line`` stripped)."""
    return _COMMENTS.fullmatch(line) is not None


def furniture_class(line: str) -> str | None:
    """The name of the class a line of French furniture belongs to (for tests and reports), else None."""
    for name, patterns in CLASSES.items():
        if any(re.fullmatch(p, line.strip(), re.IGNORECASE) for p in patterns):
            return name
    return "comments" if opens_comments_fr(line.strip()) else None
