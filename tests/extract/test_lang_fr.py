"""briefer.extract.lang_fr: the focus country and the status cues in French, on sentences invented for the tests."""

from __future__ import annotations

import itertools

import pytest

from briefer.extract import lang_fr
from briefer.extract.focus import term_pattern
from briefer.extract.lang_fr import (
    CUE_STATUS,
    CUES,
    GOVERNMENT_OF,
    classes_of,
    countries_fr,
    country_fr,
    demonym,
    demonym_forms,
    federal_government,
    terms_fr,
)

# 20 countries: the French name, the four demonym forms, the name with its article, and "de" + the name.
COUNTRIES = [
    ("Canada", ("canadien", "canadienne", "canadiens", "canadiennes"), "le Canada", "du Canada"),
    ("France", ("français", "française", "français", "françaises"), "la France", "de la France"),
    ("États-Unis", ("américain", "américaine", "américains", "américaines"), "les États-Unis", "des États-Unis"),
    ("Royaume-Uni", ("britannique", "britannique", "britanniques", "britanniques"), "le Royaume-Uni",
     "du Royaume-Uni"),
    ("Allemagne", ("allemand", "allemande", "allemands", "allemandes"), "l'Allemagne", "de l'Allemagne"),
    ("Italie", ("italien", "italienne", "italiens", "italiennes"), "l'Italie", "de l'Italie"),
    ("Espagne", ("espagnol", "espagnole", "espagnols", "espagnoles"), "l'Espagne", "de l'Espagne"),
    ("Mexique", ("mexicain", "mexicaine", "mexicains", "mexicaines"), "le Mexique", "du Mexique"),
    ("Brésil", ("brésilien", "brésilienne", "brésiliens", "brésiliennes"), "le Brésil", "du Brésil"),
    ("Japon", ("japonais", "japonaise", "japonais", "japonaises"), "le Japon", "du Japon"),
    ("Chine", ("chinois", "chinoise", "chinois", "chinoises"), "la Chine", "de la Chine"),
    ("Ukraine", ("ukrainien", "ukrainienne", "ukrainiens", "ukrainiennes"), "l'Ukraine", "de l'Ukraine"),
    ("Russie", ("russe", "russe", "russes", "russes"), "la Russie", "de la Russie"),
    ("Israël", ("israélien", "israélienne", "israéliens", "israéliennes"), "Israël", "d'Israël"),
    ("Haïti", ("haïtien", "haïtienne", "haïtiens", "haïtiennes"), "Haïti", "d'Haïti"),
    ("Sénégal", ("sénégalais", "sénégalaise", "sénégalais", "sénégalaises"), "le Sénégal", "du Sénégal"),
    ("Maroc", ("marocain", "marocaine", "marocains", "marocaines"), "le Maroc", "du Maroc"),
    ("Norvège", ("norvégien", "norvégienne", "norvégiens", "norvégiennes"), "la Norvège", "de la Norvège"),
    ("Grèce", ("grec", "grecque", "grecs", "grecques"), "la Grèce", "de la Grèce"),
    ("Pays-Bas", ("néerlandais", "néerlandaise", "néerlandais", "néerlandaises"), "les Pays-Bas", "des Pays-Bas"),
    ("Côte d'Ivoire", ("ivoirien", "ivoirienne", "ivoiriens", "ivoiriennes"), "la Côte d'Ivoire",
     "de la Côte d'Ivoire"),
    ("Égypte", ("égyptien", "égyptienne", "égyptiens", "égyptiennes"), "l'Égypte", "de l'Égypte"),
]


@pytest.mark.parametrize(("name", "forms", "with_article", "of"), COUNTRIES)
def test_twenty_countries_in_french(name: str, forms: tuple[str, ...], with_article: str, of: str) -> None:
    country = country_fr(name)
    assert country is not None and country.name == name
    assert country.demonyms == forms
    assert (country.with_article, country.of) == (with_article, of)
    assert f"gouvernement {of}" in country.government_terms()


def test_the_regular_demonyms_come_from_the_ending_rule() -> None:
    # none of these is in the table: each comes from the rule on its name's ending
    for name, expected in [("Colombie", "colombien"), ("Finlande", "finlandais"), ("Pakistan", "pakistanais"),
                           ("Gabon", "gabonais"), ("Cameroun", "camerounais"), ("Autriche", "autrichien"),
                           ("Suède", "suédois"), ("Argentine", "argentin"), ("Libye", "libyen"),
                           ("Rwanda", "rwandais"), ("Chili", "chilien"), ("Vietnam", "vietnamien")]:
        assert name not in lang_fr.DEMONYM_TABLE
        assert demonym(name) == expected, name
    assert demonym("Vatican") is None and demonym("Bosnie-Herzégovine") == "bosnien"
    assert demonym_forms("letton") == ("letton", "lettonne", "lettons", "lettonnes")


def test_every_country_of_the_table() -> None:
    table = countries_fr()
    assert len(table) > 230
    with_demonyms = [c for c in table.values() if c.demonyms]
    assert len(with_demonyms) > 150
    for c in table.values():
        assert c.with_article.endswith(c.name) and c.of.endswith(c.name)
        assert all(len(form) > 2 and form == form.lower() for form in c.demonyms)


@pytest.mark.parametrize("given", ["Canada", "canada", "CA", "United States", "US", "États-Unis", "etats unis",
                                   "Germany", "Allemagne", "Czech Republic", "Tchéquie"])
def test_a_country_by_any_of_its_names(given: str) -> None:
    assert country_fr(given) is not None
    assert country_fr("Atlantis") is None
    assert terms_fr("Atlantis") == ["Atlantis"]


def test_the_french_terms_of_canada_find_the_sentences_about_it() -> None:
    pattern = term_pattern(terms_fr("Canada"))
    about = ["Le Canada enverra deux avions.", "Les Forces armées canadiennes quitteront la base.",
             "La GRC a arrêté deux suspects à Montréal.", "Ottawa n'a pas encore décidé.",
             "Le gouvernement fédéral financera la moitié des travaux.", "Une diplomate canadienne a parlé.",
             "Les Canadiennes ont remporté le match.", "Selon Affaires mondiales Canada, la mission se poursuit."]
    not_about = ["La France enverra deux avions.", "Le gouvernement du Québec a voté le budget.",
                 "Les policiers de la Sûreté du Québec ont fermé la route.", "La grève touche les écoles de Lévis."]
    assert [s for s in about if not pattern.search(s)] == []
    assert [s for s in not_about if pattern.search(s)] == []


def test_the_federal_government_is_canadas_unless_another_country_qualifies_it() -> None:
    fed = federal_government()
    assert fed.search("Le gouvernement fédéral a annoncé une aide.")
    assert fed.search("Selon le fédéral, la somme sera versée en mars.")
    assert not fed.search("Le gouvernement fédéral allemand a annoncé une aide.")
    assert not fed.search("Le gouvernement fédéral américain a fermé ses bureaux.")


def test_government_of_names_its_country() -> None:
    for sentence, named in [("Le gouvernement du Canada a signé.", "Canada"),
                            ("Le gouvernement de la France a refusé.", "France"),
                            ("Le gouvernement d'Israël a répondu.", "Israël"),
                            ("Le gouvernement des États-Unis a protesté.", "États-Unis"),
                            ("Le gouvernement de Mark Tremblay est tombé.", "Mark Tremblay")]:
        m = GOVERNMENT_OF.search(sentence)
        assert m and m["of"] == named, sentence


# --- the cue classes ------------------------------------------------------------------------------------------

MEMBERS = {
    "conditional_possibility": ["Le Canada pourrait envoyer des casques bleus.",
                                "Les provinces pourraient refuser l'entente.",
                                "Il se pourrait que le vote soit reporté.",
                                "La mission sera peut-être prolongée."],
    "conditional_likelihood": ["Ottawa devrait annoncer sa décision jeudi.", "Les taux devraient baisser en mars."],
    "reported_conditional": ["Le ministre aurait signé l'entente en secret.", "Deux soldats seraient blessés."],
    "near_future": ["Le Canada va envoyer deux frégates.", "Les provinces vont rouvrir les écoles.",
                    "La ministre va se rendre à Paris.", "Ottawa ne va pas renouveler le contrat."],
    "simple_future": ["La frégate quittera Halifax en mars.", "Les ministres se réuniront mardi.",
                      "Le rapport sera publié demain.", "Ottawa enverra une délégation."],
    "schedule": ["Le premier ministre doit rencontrer ses homologues.", "Le vote est prévu pour jeudi.",
                 "La conférence aura lieu à Québec.", "Le sommet se tiendra en mai."],
    "plan": ["Ottawa prévoit de rouvrir l'ambassade.", "Le gouvernement compte déposer un projet de loi.",
             "La ministre entend présenter un plan.", "Le Canada s'est engagé à verser 50 millions.",
             "Le premier ministre a promis de réduire les impôts.", "La GRC projette d'ouvrir un bureau.",
             "Ottawa a l'intention de contester la décision."],
    "expectation": ["Le Canada est censé présenter son plan.", "Le rapport est attendu la semaine prochaine.",
                    "Les économistes s'attendent à ce que la banque baisse son taux.",
                    "La Banque du Canada abaissera probablement son taux.", "Ottawa est sur le point de signer."],
    "hedging": ["Ottawa envisage d'envoyer des troupes.", "Le gouvernement étudie la possibilité d'un rappel.",
                "La ministre réfléchit à une hausse des droits.", "Le Canada songe à quitter l'accord.",
                "Le ministre n'exclut pas une intervention."],
    "reporting": ["Le Canada paiera, a déclaré la ministre.", "La ministre a affirmé que le Canada paierait.",
                  "Ottawa a annoncé une aide de 10 millions.", "Selon la porte-parole, la mission se poursuit.",
                  "« Nous partirons », a-t-il précisé.", "La ministre a indiqué qu'elle partirait."],
    "analyst_attribution": ["Selon des analystes, le Canada pourrait réagir.",
                            "Des experts estiment que la frégate restera à quai.",
                            "D'après certains observateurs, Ottawa hésite."],
    "negation": ["Le Canada n'enverra pas de troupes.", "Ottawa ne compte plus financer le projet.",
                 "La ministre n'a jamais signé.", "Le gouvernement n'a pas encore décidé."],
    "condition": ["Si l'OTAN le demande, le Canada enverra des avions.",
                  "Le Canada paiera s'il obtient des garanties.",
                  "Ottawa signera à condition que les provinces suivent."],
}
# Sentences of the same words that are not members.
NOT_MEMBERS = {
    "near_future": ["La ministre va bien, a dit son bureau.", "Le Canada va de l'avant."],
    "simple_future": ["La caméra a filmé la scène.", "Un extra de 10 millions a été voté.",
                      "L'opéra de Montréal a fermé."],
    "schedule": ["La ministre doit 10 000 dollars au fisc."],
    "negation": ["Le Canada a enverra des troupes.", "Le nez du premier ministre est rouge."],
    "condition": ["Le pont est si vieux qu'il faut le refaire.", "La mission a pris fin si tôt que personne n'a vu."],
    "conditional_possibility": ["Le Canada peut compter sur ses alliés."],
    "analyst_attribution": ["Les analystes de la banque ont publié leur rapport."],
}


@pytest.mark.parametrize(("kind", "sentence"), [(k, s) for k, items in MEMBERS.items() for s in items])
def test_members_of_each_cue_class(kind: str, sentence: str) -> None:
    assert kind in classes_of(sentence)


@pytest.mark.parametrize(("kind", "sentence"), [(k, s) for k, items in NOT_MEMBERS.items() for s in items])
def test_look_alikes_are_not_members(kind: str, sentence: str) -> None:
    assert kind not in classes_of(sentence)


def test_every_class_has_a_status_or_none_and_members() -> None:
    assert set(CUES) == set(CUE_STATUS) == set(MEMBERS)
    assert CUE_STATUS["conditional_possibility"] == "speculative" and CUE_STATUS["conditional_likelihood"] == "expected"
    assert CUE_STATUS["plan"] == "planned" and CUE_STATUS["reporting"] is None


def test_generated_claims_carry_their_class() -> None:
    """Subject x cue x act: thousands of invented claims, each with the class of its cue and no other status."""
    subjects = ["Le Canada", "Ottawa", "Le gouvernement fédéral", "Les Forces armées canadiennes", "La GRC",
                "La ministre de la Défense"]
    cues = {"conditional_possibility": "pourrait", "conditional_likelihood": "devrait", "near_future": "va",
            "plan": "prévoit d'", "schedule": "doit", "hedging": "envisage d'", "expectation": "est censé"}
    acts = ["envoyer deux frégates en mer Baltique", "ouvrir un bureau à Iqaluit", "annoncer une aide de 30 millions",
            "imposer des droits sur l'acier", "rappeler son ambassadeur", "acheter quatre sous-marins"]
    tails = ["", " d'ici mars", " si les alliés le demandent", ", selon des analystes"]
    n = 0
    for subject, (kind, cue), act, tail in itertools.product(subjects, cues.items(), acts, tails):
        verb = cue + act if cue.endswith("'") else f"{cue} {act}"
        sentence = f"{subject} {verb}{tail}."
        found = classes_of(sentence)
        assert kind in found, sentence
        statuses = {CUE_STATUS[k] for k in found if k not in ("condition", "analyst_attribution", "reporting")}
        assert statuses == {CUE_STATUS[kind]}, sentence
        n += 1
    assert n == 1008
