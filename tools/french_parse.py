"""Print what spaCy's French pipeline (fr_core_news_sm 3.8.0) gives for invented sentences of the French cue
classes (briefer.extract.lang_fr): each verb's morphology (Tense, Mood, VerbForm) and dependency label, and its
auxiliaries, subject and complements. docs/FRENCH.md records the output and what the clause reader can use.

    .venv/bin/python tools/french_parse.py
"""

from __future__ import annotations

import spacy

SENTENCES = [
    "Le Canada pourrait envoyer des casques bleus au Soudan.",  # conditional of possibility
    "Ottawa devrait annoncer sa décision jeudi, selon des analystes.",  # conditional of likelihood + analysts
    "Le gouvernement fédéral va rouvrir l'ambassade à Damas.",  # near future
    "La frégate quittera Halifax en mars et rejoindra la flotte de l'OTAN.",  # simple future, two clauses
    "Ottawa prévoit de verser 50 millions de dollars aux sinistrés.",  # plan verb + infinitive
    "La ministre a déclaré que le Canada n'enverra pas de troupes au sol.",  # reporting + negated future
    "Le Canada s'est engagé à financer la reconstruction du port.",  # plan, reflexive compound past
    "Les Forces armées canadiennes ont quitté la base lundi.",  # done: compound past
    "Le gouvernement envisage d'imposer des droits sur l'acier si Washington maintient ses tarifs.",  # hedge + if
    "La GRC aurait arrêté deux suspects à Montréal, a-t-elle précisé.",  # reported conditional past + inversion
]


def main() -> None:
    nlp = spacy.load("fr_core_news_sm")
    for text in SENTENCES:
        doc = nlp(text)
        print(f"\n{text}")
        for tok in doc:
            if tok.pos_ in ("VERB", "AUX"):
                kids = ", ".join(f"{c.dep_}:{c.text}" for c in tok.children if c.dep_ not in ("punct",))
                print(f"  {tok.text:<12} {tok.pos_:<5} {tok.dep_:<10} head={tok.head.text:<12} "
                      f"{tok.morph!s:<50} [{kids}]")


if __name__ == "__main__":
    main()
