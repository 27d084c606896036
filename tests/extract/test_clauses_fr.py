"""French claims per clause: each class of the French lexicon on sentences written for it (never an eval article)."""

from __future__ import annotations

import pytest

from briefer.extract import lang_fr, nlp
from briefer.extract.candidates import find_candidates, find_names, french_names
from briefer.extract.focus import focus_on
from briefer.extract.lexicon import ENGLISH, FRENCH, lexicon
from briefer.extract.names import Name
from briefer.extract.status import MODAL_SPECULATIVE, PLAN_VERBS, REPORT_VERBS
from briefer.read.sources import from_text

pytestmark = pytest.mark.usefixtures("parser")

# A French title: the article reads as French whatever the one sentence under it holds.
TITLE = "Le point sur la situation de la région et des pays voisins"


@pytest.fixture(scope="module")
def parser() -> None:
    if nlp.pipeline("fr") is None:
        pytest.fail("spaCy's French pipeline is not installed: run `make setup` (requirements/nlp.txt)")


def claims(body: str, focus: str = "Canada") -> list[tuple[str, str, bool]]:
    article = from_text(f"{TITLE}\n\n{body}")
    assert article.lang == "fr"
    found = find_candidates(article, focus_on(focus))
    return [(c.text, c.status, c.negated) for s in sorted(found.focus_claims) for c in found.focus_claims[s]]


def statuses(body: str, focus: str = "Canada") -> list[str]:
    return [s for _, s, _ in claims(body, focus)]


def test_english_lexicon_is_the_english_word_classes() -> None:
    assert lexicon("en") is ENGLISH and lexicon("de") is ENGLISH and lexicon("fr") is FRENCH
    assert {"could", "may"} <= MODAL_SPECULATIVE and "plan" in PLAN_VERBS and "say" in REPORT_VERBS
    assert not (FRENCH.plan_verbs & PLAN_VERBS) and not (FRENCH.report_verbs & REPORT_VERBS)
    assert {"prévoir", "engager"} <= FRENCH.plan_verbs and "envisager" in FRENCH.hedge_verbs
    assert "déclarer" in FRENCH.report_verbs


# --- the verb's form: future and conditional, read against the lemma ------------------------------------------

@pytest.mark.parametrize(("word", "lemma"), [
    ("enverra", "envoyer"), ("signera", "signer"), ("rouvriront", "rouvrir"), ("prendra", "prendre"),
    ("sera", "être"), ("ira", "aller"), ("appellera", "appeler"), ("emploiera", "employer"),
    ("maintiendra", "maintenir"), ("verrons", "voir")])
def test_simple_future_is_read_from_the_form(word: str, lemma: str) -> None:
    assert lang_fr.future(word, lemma) and not lang_fr.conditional(word, lemma)


@pytest.mark.parametrize(("word", "lemma"), [
    ("rouvrirait", "rouvrir"), ("pourrait", "pouvoir"), ("devraient", "devoir"), ("signerait", "signer"),
    ("enverrait", "envoyer"), ("serait", "être")])
def test_conditional_is_read_from_the_form(word: str, lemma: str) -> None:
    assert lang_fr.conditional(word, lemma) and not lang_fr.future(word, lemma)


@pytest.mark.parametrize(("word", "lemma"), [
    ("déclarait", "déclarer"), ("entrait", "entrer"), ("courait", "courir"), ("entra", "entrer"),
    ("déclara", "déclarer"), ("signe", "signer"), ("ouvrait", "ouvrir")])
def test_imperfect_and_simple_past_are_neither(word: str, lemma: str) -> None:
    assert not lang_fr.future(word, lemma) and not lang_fr.conditional(word, lemma)


# --- status by class --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "status"), [
    # tense: passé composé, present -> done
    ("Le Canada a versé douze millions de dollars à un fonds de secours.", "done"),
    ("Les soldats canadiens ont quitté la base au petit matin.", "done"),
    ("Le Canada dirige la mission depuis trois ans.", "done"),
    # futur simple, aller + infinitif -> planned
    ("Le Canada ouvrira un bureau commercial dans la capitale en juin.", "planned"),
    ("Le Canada enverra une équipe d'ingénieurs dans la province.", "planned"),
    ("Ottawa va doubler son aide aux familles touchées par la tempête.", "planned"),
    # plan and promise with what is planned -> planned
    ("Le Canada s'est engagé à financer la reconstruction du pont.", "planned"),
    ("Le gouvernement fédéral a promis de rembourser les agriculteurs.", "planned"),
    ("Le Canada a décidé de prolonger sa mission jusqu'en décembre.", "planned"),
    # devoir: a duty or schedule (doit) -> planned; likely (devrait) -> expected
    ("Le Canada doit accueillir les ministres le mois prochain.", "planned"),
    ("Le Canada devrait annoncer sa décision au début de la semaine.", "expected"),
    # expectation -> expected
    ("Le Canada est censé présenter son plan avant la fin de l'automne.", "expected"),
    ("Le Canada s'apprête à signer une entente avec ses voisins.", "expected"),
    ("Le Canada veut obtenir un siège à la table des négociations.", "expected"),
    # pouvoir, the conditional, hedging -> speculative
    ("Le Canada pourrait imposer de nouveaux droits sur les importations.", "speculative"),
    ("Le Canada peut encore retirer sa candidature.", "speculative"),
    ("Le Canada envisage de rappeler son ambassadeur.", "speculative"),
    ("Le Canada songe à réduire sa présence militaire dans la zone.", "speculative"),
    ("Le Canada étudie la possibilité de fermer son consulat.", "speculative"),
    ("Le Canada rejoindrait la coalition sans vote du Parlement.", "speculative"),
])
def test_status_of_each_class(sentence: str, status: str) -> None:
    assert statuses(sentence) == [status], claims(sentence)


def test_reported_conditional_is_planned() -> None:
    """"a affirmé que le Canada rouvrirait": the conditional of a past report is the future of the past."""
    assert statuses("La ministre a affirmé que le Canada rouvrirait son ambassade en mai.") == ["planned"]


def test_what_the_focus_says_it_would_do_is_planned() -> None:
    found = claims("Le Canada a annoncé qu'il enverrait des secouristes dans la région.")
    assert [(text, status) for text, status, _ in found] == [
        ("il enverrait des secouristes dans la région", "planned")]


def test_a_condition_makes_it_speculative() -> None:
    assert statuses("Si la sécheresse se prolonge, le Canada enverra des vivres.") == ["speculative"]


def test_others_suggesting_or_analysts_make_it_speculative() -> None:
    assert statuses("Des économistes estiment que le Canada devrait relever ses taux.") == ["speculative"]
    assert statuses("Selon des analystes, le Canada va bientôt rejoindre le groupe.") == ["speculative"]


def test_negation_is_kept() -> None:
    (text, status, negated), = claims("Le Canada ne signera pas l'entente sur le bois d'œuvre.")
    assert (status, negated) == ("planned", True) and "ne signera pas" in text
    assert claims("Le gouvernement canadien n'a jamais reconnu ce gouvernement.")[0][1:] == ("done", True)
    assert claims("Le Canada ne prévoit plus de vendre ces navires.")[0][1:] == ("speculative", True)


def test_ne_que_is_no_negation() -> None:
    assert claims("Le Canada n'enverra que deux navires dans le détroit.")[0][1:] == ("planned", False)


def test_two_clauses_two_claims() -> None:
    assert statuses("Le Canada a signé l'entente mardi et il financera le futur port.") == ["done", "planned"]
    assert statuses("Le Canada va signer l'accord et enverra des observateurs.") == ["planned", "planned"]


def test_an_attribution_after_the_claim_is_no_claim() -> None:
    """"..., a tranché la ministre": who says it, not a second claim of the focus."""
    assert statuses("Le Canada ne signera pas l'entente, a tranché la ministre.") == ["planned"]


# --- who the focus is in French --------------------------------------------------------------------------------

@pytest.mark.parametrize("subject", [
    "Le Canada", "Ottawa", "Le gouvernement fédéral", "Le gouvernement canadien", "La GRC", "Le gouvernement du Canada",
    "L'ambassade du Canada"])
def test_focus_subjects(subject: str) -> None:
    assert statuses(f"{subject} a envoyé des renforts dans la région sinistrée.") == ["done"]


@pytest.mark.parametrize("subject", ["Les Forces armées canadiennes", "Les troupes canadiennes",
                                     "Des diplomates canadiens"])
def test_focus_subjects_plural(subject: str) -> None:
    assert statuses(f"{subject} ont envoyé des renforts dans la région sinistrée.") == ["done"]


@pytest.mark.parametrize("sentence", [
    "Les Canadiens devront obtenir un visa pour entrer dans le pays.",  # the people, not the state
    "La France enverra une frégate dans la région.",  # another country
    "Le maire de Montréal a inauguré une nouvelle ligne de tramway.",  # a city's own government
])
def test_not_the_focus(sentence: str) -> None:
    assert claims(sentence) == []


def test_a_demonym_without_an_agent_noun_is_no_act_of_the_state() -> None:
    """"un site canadien": asked of the model, never a claim on its own (not strong)."""
    found = find_candidates(from_text(f"{TITLE}\n\nUn site canadien a publié la liste des entreprises visées."),
                            focus_on("Canada"))
    assert [c.strong for cs in found.focus_claims.values() for c in cs] in ([], [False])
    found = find_candidates(from_text(f"{TITLE}\n\nDes soldats canadiens ont publié la liste des blessés."),
                            focus_on("Canada"))
    assert [c.strong for cs in found.focus_claims.values() for c in cs] == [True]


def test_another_country_as_focus() -> None:
    assert statuses("La France enverra une frégate dans la région.", focus="France") == ["planned"]
    assert statuses("Les troupes françaises ont quitté la base.", focus="France") == ["done"]


def test_french_focus_terms() -> None:
    focus = focus_on("Canada", "fr")
    for term in ("Canada", "canadienne", "Canadiens", "Ottawa", "gouvernement fédéral", "GRC"):
        assert focus.pattern.search(f"Selon {term} hier"), term
    assert focus.lang == "fr" and focus_on("Canada").lang == "en"
    assert focus.others.search("les autorités françaises") and not focus.others.search("le Canada")


# --- names: the French pipeline's entity labels ---------------------------------------------------------------

def test_french_entity_labels_map_to_kinds() -> None:
    assert nlp.ENTITY_KINDS["PER"] == "person" and nlp.ENTITY_KINDS["ORG"] == "organisation"
    assert nlp.ENTITY_KINDS["LOC"] == "place"
    assert "MISC" not in nlp.ENTITY_KINDS  # events, works, nationalities: support a name, give it no kind


def test_french_names_get_their_kind_from_the_french_pipeline() -> None:
    text = (f"{TITLE}\n\nLa ministre Amélie Fortier a rencontré mardi à Winnipeg les dirigeants de la société "
            "Hydrolux. Amélie Fortier a ensuite quitté Winnipeg pour la capitale. Les dirigeants de Hydrolux "
            "n'ont pas commenté la rencontre.")
    article = from_text(text)
    doc = nlp.parse(article.text, tuple(s.start for s in article.sentences), lang="fr")
    assert doc is not None
    names = find_names(article.text, article.sentences, entities=nlp.entities(doc))
    kinds = {n.name: n.kind_hint for n in names}
    assert kinds.get("Amélie Fortier") == "person" and kinds.get("Winnipeg") == "place"


# --- asides, open questions, others' wishes ---------------------------------------------------------------------

def test_an_open_question_is_speculative() -> None:
    """"n'a pas décidé s'il ...": whether, not a plan."""
    assert set(statuses("Le Canada n'a pas encore décidé s'il rappellera son ambassadeur.")) == {"speculative"}


@pytest.mark.parametrize("sentence", [
    "Ottawa n'a pas encore décidé s'il prolongera la mission au-delà de 2030.",
    "Le gouvernement fédéral n'a toujours pas décidé.",
    "Le Canada n'a pas promis d'aide supplémentaire."])
def test_a_decision_not_made_is_speculative(sentence: str) -> None:
    assert set(statuses(sentence)) == {"speculative"}, claims(sentence)


def test_a_wish_of_another_government_is_speculative() -> None:
    """"le gouvernement péruvien espère que le Canada ...": the demonym after the noun names another country."""
    assert statuses("Le gouvernement péruvien souhaite que le Canada enverra des hélicoptères.") == ["speculative"]


def test_an_intention_is_planned_and_its_refusal_too() -> None:
    assert claims("Le Canada n'a pas l'intention de vendre le navire à des intérêts privés.")[0][1:] == (
        "planned", True)


def test_an_aside_after_a_comma_is_no_part_of_the_claim() -> None:
    (text, status, _), = claims("Ottawa a imposé en mai des droits sur le bois, une mesure qui avait provoqué la "
                                "colère de ses voisins.")
    assert status == "done" and text.endswith("sur le bois")
    (text, _, _), = claims("La GRC a arrêté trois hommes, qui auraient fabriqué des armes dans un garage.")
    assert "auraient" not in text
    (text, _, _), = claims("La GRC a saisi trente kilos de cocaïne, qui auraient été expédiés par avion, selon le "
                           "sergent.")  # the relative clause parsed loose from its noun
    assert "auraient" not in text and text.startswith("La GRC a saisi")


def test_an_inverted_attribution_is_no_claim() -> None:
    assert statuses("Les soldats canadiens pourraient être rapatriés plus tôt, a-t-il prévenu.") == ["speculative"]


def test_french_names_lose_their_article_and_keep_their_lower_case_words() -> None:
    text = (f"{TITLE}\n\nLe Bélorand a fermé sa frontière mardi. Selon Mme Odile Marchand, le Bélorand craint "
            "une crise. Affaires mondiales Canada a publié un avis aux voyageurs. Quarante ressortissants "
            "attendent un vol. Affaires mondiales Canada suit la situation, a précisé Mme Odile Marchand.")
    article = from_text(text)
    names = [n.name for n in find_candidates(article, focus_on("Canada")).names]
    assert "Bélorand" in names and "Le Bélorand" not in names
    assert "Odile Marchand" in names or "Mme Odile Marchand" in names
    assert not any(n.startswith(("Selon", "Le ", "Quarante")) for n in names)


def test_a_name_cut_at_a_lower_case_word_is_the_entity_it_opens() -> None:
    """The English rules stop a name at "mondiales"; the French pipeline's entity holds the whole name."""
    text = "Hier, Affaires mondiales Canada a publié un avis."
    at = text.index("Affaires")
    cut = Name("Affaires", [], 2, at, 0, kind_hint="organisation")
    entity = nlp.Entity(at, at + len("Affaires mondiales Canada"), "ORG", "Affaires mondiales Canada")
    assert [n.name for n in french_names([cut], [entity])] == ["Affaires mondiales Canada"]
    assert [n.name for n in french_names([cut], [])] == ["Affaires"]
    other = nlp.Entity(0, 4, "LOC", "Hier")
    assert [n.name for n in french_names([cut], [other])] == ["Affaires"]
