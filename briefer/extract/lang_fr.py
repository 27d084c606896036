"""French word classes for the focus country and for the status of a claim, ready for the candidate finder and
the clause reader to use on French articles.

The focus country in French (``country_fr``, ``terms_fr``): its French name with its article ("le Canada",
"du Canada", "de la France", "des États-Unis", "d'Israël"), its demonyms in the four forms (canadien,
canadienne, canadiens, canadiennes: a rule on the name's ending for the regular ones, a table for the
others), its capital and big cities in French, "le gouvernement de X" / "le gouvernement canadien", "le
gouvernement fédéral" (Canada's, unless another country's demonym follows it) and, for Canada, the federal
institutions that act for it (la GRC, les Forces armées canadiennes). The names come from ``countries_fr.tsv``,
generated from the Unicode CLDR by ``tools/make_countries_fr.py``.

The status of a claim in French (``CUES``, ``cue_classes``): one named class per kind of language, each a
pattern over a sentence, and the status it allows (``CUE_STATUS``): the conditional of possibility
("pourrait": speculative) and of likelihood ("devrait": expected), the near future ("va signer") and the
simple future ("signera"), a duty or schedule ("doit signer", "est prévu"), plan verbs ("prévoit de",
"s'est engagé à"), expectation ("est censé", "s'attend à ce que"), hedging ("envisage", "étudie la
possibilité"), reporting verbs ("a déclaré", "selon"), attribution to analysts ("selon des analystes"),
negation ("ne ... pas") and the conditional mark ("si").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from briefer.text import LazyPattern

if TYPE_CHECKING:  # briefer.schema imports pydantic: not needed at run time here
    from briefer.schema import ClaimStatus


def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: how names are looked up."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").lower())
    return "".join(c for c in text if not unicodedata.combining(c)).strip()


# --- demonyms ------------------------------------------------------------------------------------------------

# The regular forms: the end of the country's French name -> the end of its demonym (masculine singular).
DEMONYM_RULES: tuple[tuple[str, str], ...] = (
    ("aine", "ainien"), ("ande", "andais"), ("land", "landais"), ("ique", "icain"), ("ège", "égien"),
    ("ède", "édois"), ("che", "chien"), ("pte", "ptien"), ("ée", "éen"), ("ie", "ien"), ("ye", "yen"),
    ("ine", "in"), ("ada", "adien"), ("nda", "ndais"), ("ola", "olais"), ("oun", "ounais"), ("on", "onais"),
    ("an", "anais"), ("al", "alais"), ("il", "ilien"), ("am", "amien"), ("oc", "ocain"), ("i", "ien"),
)
# The others (masculine singular), by French name; a name absent from both gets no demonym.
DEMONYM_TABLE = {
    "France": "français", "Allemagne": "allemand", "Espagne": "espagnol", "Royaume-Uni": "britannique",
    "États-Unis": "américain", "Chine": "chinois", "Russie": "russe", "Turquie": "turc", "Grèce": "grec",
    "Belgique": "belge", "Suisse": "suisse", "Pays-Bas": "néerlandais", "Portugal": "portugais",
    "Danemark": "danois", "Pologne": "polonais", "Hongrie": "hongrois", "Roumanie": "roumain",
    "Bulgarie": "bulgare", "Tchéquie": "tchèque", "Slovaquie": "slovaque", "Slovénie": "slovène",
    "Croatie": "croate", "Serbie": "serbe", "Albanie": "albanais", "Lettonie": "letton", "Mongolie": "mongol",
    "Biélorussie": "biélorusse", "Moldavie": "moldave", "Monténégro": "monténégrin", "Kosovo": "kosovar",
    "Bosnie-Herzégovine": "bosnien", "Macédoine du Nord": "macédonien", "Luxembourg": "luxembourgeois",
    "Malte": "maltais", "Chypre": "chypriote", "Monaco": "monégasque", "Iran": "iranien", "Irak": "irakien",
    "Israël": "israélien", "Palestine": "palestinien", "Arabie saoudite": "saoudien",
    "Émirats arabes unis": "émirien", "Qatar": "qatari", "Koweït": "koweïtien", "Yémen": "yéménite",
    "Bahreïn": "bahreïni", "Afghanistan": "afghan", "Kazakhstan": "kazakh", "Ouzbékistan": "ouzbek",
    "Tadjikistan": "tadjik", "Turkménistan": "turkmène", "Kirghizistan": "kirghize", "Azerbaïdjan":
    "azerbaïdjanais", "Bangladesh": "bangladais", "Sri Lanka": "srilankais", "Myanmar": "birman",
    "Laos": "laotien", "Cambodge": "cambodgien", "Philippines": "philippin", "Singapour": "singapourien",
    "Corée du Sud": "sud-coréen", "Corée du Nord": "nord-coréen", "Nouvelle-Zélande": "néo-zélandais",
    "Cuba": "cubain", "Guatemala": "guatémaltèque", "Honduras": "hondurien", "Salvador": "salvadorien",
    "Nicaragua": "nicaraguayen", "Costa Rica": "costaricien", "Panama": "panaméen", "Venezuela": "vénézuélien",
    "Équateur": "équatorien", "Pérou": "péruvien", "Paraguay": "paraguayen", "Uruguay": "uruguayen",
    "Niger": "nigérien", "Nigeria": "nigérian", "Tchad": "tchadien", "Kenya": "kényan", "Burundi": "burundais",
    "Congo-Kinshasa": "congolais", "Congo-Brazzaville": "congolais", "Ghana": "ghanéen",
    "Côte d'Ivoire": "ivoirien", "Burkina Faso": "burkinabè", "Bénin": "béninois", "Togo": "togolais",
    "Madagascar": "malgache", "Afrique du Sud": "sud-africain", "Zimbabwe": "zimbabwéen",
    "Botswana": "botswanais", "Malawi": "malawite", "Brunei": "brunéien",
    "Inde": "indien", "Jamaïque": "jamaïcain", "Martinique": "martiniquais", "Belize": "bélizien",
    "Liberia": "libérien", "Sierra Leone": "sierraléonais", "Mozambique": "mozambicain", "Vatican": "",
}
# Feminine and plural forms that no ending rule gives.
_FORMS_TABLE = {"grec": ("grec", "grecque", "grecs", "grecques"), "turc": ("turc", "turque", "turcs", "turques"),
                "ouzbek": ("ouzbek", "ouzbèke", "ouzbeks", "ouzbèkes"),
                "burkinabè": ("burkinabè", "burkinabè", "burkinabè", "burkinabè"),
                "kosovar": ("kosovar", "kosovare", "kosovars", "kosovares")}


def demonym(name: str) -> str | None:
    """The masculine singular demonym of a country by its French name: "Canada" -> "canadien"; None when
    neither the table nor an ending rule gives one."""
    if name in DEMONYM_TABLE:
        return DEMONYM_TABLE[name] or None
    if " " in name or "-" in name:
        return None  # a name of several words: the table's, or none
    low = name.lower()
    for end, replacement in DEMONYM_RULES:
        if low.endswith(end) and len(low) > len(end) + 1:
            return low[: -len(end)] + replacement
    return None


def demonym_forms(masculine: str) -> tuple[str, str, str, str]:
    """(masculine, feminine, masculine plural, feminine plural): canadien -> canadienne, canadiens,
    canadiennes; français -> française, français, françaises; belge -> belge, belges, belges."""
    if masculine in _FORMS_TABLE:
        return _FORMS_TABLE[masculine]
    if masculine.endswith(("ien", "éen", "yen", "on")):
        return masculine, masculine + "ne", masculine + "s", masculine + "nes"
    if masculine.endswith(("ais", "ois")):
        return masculine, masculine + "e", masculine, masculine + "es"
    if masculine.endswith(("e", "è")):
        return masculine, masculine, masculine + "s", masculine + "s"
    return masculine, masculine + "e", masculine + "s", masculine + "es"


# --- articles ------------------------------------------------------------------------------------------------

_PLURAL = {"États-Unis", "Pays-Bas", "Philippines", "Émirats arabes unis", "Comores", "Bahamas", "Maldives",
           "Seychelles", "Fidji", "Bermudes", "Samoa américaines"}
_NO_ARTICLE = {"Cuba", "Israël", "Haïti", "Madagascar", "Malte", "Chypre", "Singapour", "Taïwan", "Monaco",
               "Bahreïn", "Oman", "Sri Lanka", "Maurice", "Porto Rico", "Hong Kong", "Macao", "Djibouti",
               "Saint-Marin", "Sainte-Lucie", "Trinité-et-Tobago", "Antigua-et-Barbuda", "Nauru", "Kiribati",
               "Tuvalu", "Tonga", "Palaos", "Aruba", "Curaçao", "Guam", "Jersey", "Guernesey", "Gibraltar",
               "Montserrat", "Anguilla", "Niue", "Mayotte", "Saint-Kitts-et-Nevis", "Saint-Barthélemy",
               "Saint-Martin", "Saint-Pierre-et-Miquelon", "Sainte-Hélène", "Wallis-et-Futuna", "Tokelau", "Samoa",
               "Sao Tomé-et-Principe", "Cabo Verde", "Brunei", "Vatican", "Timor oriental"}
# Names whose h is mute ("d'Haïti").
_MUTE_H = {"Haïti"}
# Names ending in -e that are masculine.
_MASCULINE_E = {"Mexique", "Cambodge", "Mozambique", "Zimbabwe", "Belize", "Suriname", "Monténégro", "Royaume-Uni"}


def article(name: str) -> str:
    """The article before a country's French name: "le", "la", "l'", "les" or "" (islands, cities)."""
    if name in _NO_ARTICLE:
        return ""
    if name in _PLURAL or name.startswith(("Îles ", "Îles-")):
        return "les"
    first = re.split(r"[\s-]", name)[0]
    if _fold(first)[:1] in "aeiouy":
        return "l'"
    feminine = first.endswith("e") and name not in _MASCULINE_E
    return "la" if feminine else "le"


def _joined(art: str, name: str) -> str:
    """The article and the name: "la France", "l'Italie", "Cuba"."""
    return name if not art else f"{art}{name}" if art.endswith("'") else f"{art} {name}"


def of_form(name: str) -> str:
    """"de" and the article before the name: "du Canada", "de la France", "de l'Italie", "des États-Unis",
    "de Cuba", "d'Israël"."""
    art = article(name)
    if art == "le":
        return f"du {name}"
    if art == "les":
        return f"des {name}"
    if art:
        return f"de {_joined(art, name)}"
    return f"d'{name}" if _fold(name)[:1] in "aeiouy" or name in _MUTE_H else f"de {name}"


# --- the countries -------------------------------------------------------------------------------------------

# Capitals (and, for Canada, the big cities) in French, by ISO code; the others keep CLDR's name alone.
CAPITALS = {
    "CA": ("Ottawa", "Toronto", "Montréal", "Vancouver", "Calgary", "Edmonton", "Winnipeg", "Halifax"),
    "US": ("Washington", "New York", "Chicago"), "GB": ("Londres", "Manchester", "Birmingham", "Édimbourg"),
    "FR": ("Paris", "Marseille", "Lyon"), "DE": ("Berlin", "Munich", "Hambourg", "Francfort"),
    "IT": ("Rome", "Milan"), "ES": ("Madrid", "Barcelone"), "PT": ("Lisbonne",), "NL": ("Amsterdam", "La Haye"),
    "BE": ("Bruxelles",), "CH": ("Berne", "Genève", "Zurich"), "AT": ("Vienne",), "IE": ("Dublin",),
    "DK": ("Copenhague",), "SE": ("Stockholm",), "NO": ("Oslo",), "FI": ("Helsinki",), "IS": ("Reykjavik",),
    "GL": ("Nuuk",), "PL": ("Varsovie",), "CZ": ("Prague",), "HU": ("Budapest",), "RO": ("Bucarest",),
    "GR": ("Athènes",), "TR": ("Ankara", "Istanbul"), "UA": ("Kyiv", "Kiev", "Kharkiv", "Odessa", "Lviv"),
    "RU": ("Moscou", "Saint-Pétersbourg"), "BY": ("Minsk",), "EE": ("Tallinn",), "LV": ("Riga",),
    "LT": ("Vilnius",), "RS": ("Belgrade",), "IL": ("Jérusalem", "Tel-Aviv"), "IR": ("Téhéran",),
    "IQ": ("Bagdad",), "SY": ("Damas",), "LB": ("Beyrouth",), "SA": ("Riyad",), "AE": ("Abou Dhabi", "Dubaï"),
    "QA": ("Doha",), "EG": ("Le Caire",), "LY": ("Tripoli",), "NG": ("Abuja", "Lagos"), "KE": ("Nairobi",),
    "ET": ("Addis-Abeba",), "ZA": ("Pretoria", "Johannesburg", "Le Cap"), "SD": ("Khartoum",),
    "CN": ("Pékin", "Shanghai"), "JP": ("Tokyo",), "KR": ("Séoul",), "KP": ("Pyongyang",), "TW": ("Taipei",),
    "IN": ("New Delhi", "Delhi", "Bombay", "Mumbai"), "PK": ("Islamabad",), "AF": ("Kaboul",),
    "ID": ("Jakarta",), "PH": ("Manille",), "VN": ("Hanoï",), "TH": ("Bangkok",),
    "AU": ("Canberra", "Sydney", "Melbourne"), "NZ": ("Wellington", "Auckland"), "MX": ("Mexico",),
    "BR": ("Brasilia", "São Paulo", "Rio de Janeiro"), "AR": ("Buenos Aires",), "CL": ("Santiago",),
    "CO": ("Bogota",), "VE": ("Caracas",), "CU": ("La Havane",), "HT": ("Port-au-Prince",), "ML": ("Bamako",),
    "SN": ("Dakar",), "CI": ("Abidjan", "Yamoussoukro"), "MA": ("Rabat",), "DZ": ("Alger",), "TN": ("Tunis",),
    "CD": ("Kinshasa",), "PE": ("Lima",),
}
# What acts for Canada without naming it in French: the federal government and its institutions.
INSTITUTIONS = {"CA": (
    "gouvernement fédéral", "le fédéral", "Gendarmerie royale du Canada", "GRC", "Forces armées canadiennes", "FAC",
    "Agence des services frontaliers du Canada", "ASFC", "Affaires mondiales Canada", "Banque du Canada",
    "Défense nationale", "ministère de la Défense nationale", "MDN", "Garde côtière canadienne",
    "Exportation et développement Canada", "EDC", "Statistique Canada", "Santé Canada", "Transports Canada",
    "Immigration, Réfugiés et Citoyenneté Canada", "IRCC", "Service canadien du renseignement de sécurité", "SCRS",
    "Marine royale canadienne", "Aviation royale canadienne", "Armée canadienne", "Parlement fédéral",
    "Chambre des communes", "Sénat canadien")}
# English names of the focus table that CLDR spells otherwise.
_ENGLISH_ALIASES = {"czech republic": "CZ", "turkey": "TR", "uk": "GB", "u.k.": "GB", "britain": "GB",
                    "great britain": "GB", "us": "US", "u.s.": "US", "usa": "US", "america": "US",
                    "holland": "NL", "the netherlands": "NL", "korea": "KR", "burma": "MM", "ivory coast": "CI",
                    "prc": "CN", "dprk": "KP", "uae": "AE", "russian federation": "RU", "vatican city": "VA"}


@dataclass(frozen=True)
class CountryFr:
    """A country as French news names it."""

    code: str  # ISO 3166: "CA"
    name_en: str  # CLDR's English name: "Canada"
    name: str  # CLDR's French name: "Canada", "États-Unis"
    others: tuple[str, ...]  # other French names: "Viêt Nam"
    demonyms: tuple[str, ...]  # the four forms, or ()
    capitals: tuple[str, ...]  # in French, capital first

    @property
    def article(self) -> str:
        return article(self.name)

    @property
    def with_article(self) -> str:
        """"le Canada", "la France", "l'Italie", "les États-Unis", "Cuba"."""
        return _joined(self.article, self.name)

    @property
    def of(self) -> str:
        return of_form(self.name)

    def government_terms(self) -> tuple[str, ...]:
        """"gouvernement du Canada", "gouvernement canadien" (and "gouvernement fédéral" for Canada)."""
        terms = [f"gouvernement {self.of}"]
        if self.demonyms:
            terms.append(f"gouvernement {self.demonyms[0]}")
        if self.code == "CA":
            terms.append("gouvernement fédéral")
        return tuple(terms)

    def terms(self) -> tuple[str, ...]:
        """Every word that marks a French sentence as about the country (cf. ``focus.terms_of`` in English)."""
        nouns = (form[:1].upper() + form[1:] for form in self.demonyms)  # "les Canadiennes": people
        return tuple(dict.fromkeys((self.name, *self.others, *self.demonyms, *nouns, *self.capitals,
                                    *self.government_terms(), *INSTITUTIONS.get(self.code, ()))))


@functools.cache
def countries_fr() -> dict[str, CountryFr]:
    """ISO code -> the country in French, for every country of ``countries_fr.tsv``."""
    table: dict[str, CountryFr] = {}
    text = resources.files("briefer.extract").joinpath("countries_fr.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name_en, name, others = [*line.split("\t"), ""][:4]
        dem = demonym(name)
        table[code] = CountryFr(code, name_en, name, tuple(o for o in others.split(",") if o),
                                demonym_forms(dem) if dem else (), CAPITALS.get(code, ()))
    return table


@functools.cache
def _lookup() -> dict[str, str]:
    found = {_fold(k): v for k, v in _ENGLISH_ALIASES.items()}
    for code, c in countries_fr().items():
        for name in (c.name_en, c.name, *c.others, code):
            found.setdefault(_fold(name), code)
    return found


def country_fr(name: str) -> CountryFr | None:
    """A country by its English or French name or ISO code ("Canada", "United States", "États-Unis", "etats
    unis", "US"); None for a name it does not know."""
    key = _fold(name).replace("-", " ")
    code = _lookup().get(key) or _lookup().get(_fold(name))
    if code is None:
        code = next((v for k, v in _lookup().items() if k.replace("-", " ") == key), None)
    return countries_fr().get(code) if code else None


def terms_fr(country: str) -> list[str]:
    """The French words that name ``country`` (its terms); a country the table does not hold: its name alone."""
    found = country_fr(country)
    return list(found.terms()) if found else [country.strip()]


# "le gouvernement fédéral" is Canada's in a Canadian desk's news, unless another country's demonym qualifies it
# ("le gouvernement fédéral allemand").
@functools.cache
def federal_government() -> re.Pattern[str]:
    others = sorted({f for c in countries_fr().values() if c.code != "CA" for f in c.demonyms}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:gouvernement fédéral|le fédéral)(?!\s+(?:" + "|".join(map(re.escape, others))
                      + r")\b)(?!\w)")


# "le gouvernement de X", "le gouvernement du X": the X named.
GOVERNMENT_OF = LazyPattern(r"\bgouvernement\s(?:du|des|de la|de l['’]|d['’]|de)\s?(?P<of>[A-ZÀ-Þ][\w'’-]*"
                            r"(?:\s(?:du|de|des)?\s?[A-ZÀ-Þ][\w'’-]*){0,2})")


# --- the status of a claim: cue classes ------------------------------------------------------------------------

_W = r"[a-zàâçéèêëîïôûùüÿœ]"  # a lower-case letter of French
_INF = _W + r"+(?:er|ir|re|oir)\b"  # an infinitive
_CLITICS = r"(?:(?:ne|n['’])\s?)?(?:(?:se|s['’]|le|la|les|l['’]|lui|leur|y|en|nous|vous)\s?)*"
CUES: dict[str, LazyPattern] = {
    # "pourrait", "pourraient", "il se pourrait que", "peut-être", "pourra": a possibility
    "conditional_possibility": LazyPattern(r"(?<!\w)(?:pourrai(?:t|ent)|pourra(?:it)?|pourront|il se pourrait"
                                           r"|peut-être|possiblement|éventuellement)(?!\w)", re.I),
    # "devrait", "devraient": what is likely
    "conditional_likelihood": LazyPattern(r"(?<!\w)devrai(?:t|ent)(?!\w)", re.I),
    # "serait", "aurait signé": the reporting conditional, an unconfirmed fact
    "reported_conditional": LazyPattern(r"(?<!\w)(?:serai(?:t|ent)|aurai(?:t|ent))\s+" + _W + r"+(?:é|i|u|s|t)e?s?"
                                        r"(?!\w)", re.I),
    # "va signer", "vont rouvrir", "allait annoncer": the near future
    "near_future": LazyPattern(r"(?<!\w)(?:va|vont|allait|allaient)\s+(?:(?:ne|n['’])\s?)?(?:pas\s+|plus\s+|jamais\s+)?"
                               + _CLITICS + _INF, re.I),
    # "signera", "se réunira", "seront": the simple future (words that only end like one are left out)
    "simple_future": LazyPattern(r"(?<![\w-])(?:sera|seront|aura|auront|fera|feront|ira|iront|pourra|pourront"
                                 r"|devra|devront|saura|sauront|faudra|vaudra"
                                 r"|(?!(?:opéra|caméra|extra|ultra|mantra|tantra|sierra|toundra|cobra)\b)"
                                 + _W + r"{2,}(?:e|i|d|t|r|v)(?:ra|ront))(?![\w-])", re.I),
    # "doit signer", "doivent rencontrer", "est prévu", "aura lieu": a duty or a schedule
    "schedule": LazyPattern(r"(?<!\w)(?:(?:doit|doivent)\s+" + _CLITICS + _INF + r"|(?:est|sont|était|étaient)"
                            r"\s+prévue?s?|(?:aura|auront)\s+lieu|se tiendr(?:a|ont)|à l['’]ordre du jour)", re.I),
    # "prévoit de", "compte rouvrir", "entend", "s'est engagé à", "a promis de", "projette de", "a l'intention de"
    "plan": LazyPattern(r"(?<!\w)(?:prévoi(?:t|ent)\s+(?:de|d['’])|compte(?:nt)?\s+" + _CLITICS + _INF
                        + r"|entend(?:ent)?\s+" + _CLITICS + _INF + r"|(?:s['’]est|se sont|s['’]était)\s+engagée?s?"
                        r"\s+à|s['’]engage(?:nt)?\s+à|(?:a|ont)\s+promis\s+(?:de|d['’])|promet(?:tent)?\s+(?:de|d['’])"
                        r"|projette(?:nt)?\s+(?:de|d['’])|(?:a|ont)\s+l['’]intention\s+(?:de|d['’])"
                        r"|(?:a|ont)\s+décidé\s+(?:de|d['’]))", re.I),
    # "est censé", "est attendu", "s'attend à ce que", "on s'attend à", "probablement", "sur le point de"
    "expectation": LazyPattern(r"(?<!\w)(?:(?:est|sont|était|étaient)\s+censée?s?|(?:est|sont)\s+attendue?s?"
                               r"|s['’]atten(?:d|dent)\s+à|(?:est|sont)\s+appelée?s?\s+à|probablement"
                               r"|vraisemblablement|sur le point de)(?!\w)", re.I),
    # "envisage", "étudie la possibilité", "réfléchit à", "songe à", "n'exclut pas", "examine l'idée"
    "hedging": LazyPattern(r"(?<!\w)(?:envisag(?:e|ent|erait|eraient|eait)|étudie(?:nt)?\s+(?:la possibilité|l['’]idée"
                           r"|l['’]option|la piste)|réfléchi(?:t|ssent)\s+à|song(?:e|ent)\s+à|n['’]exclu(?:t|ent)"
                           r"\s+pas|n['’]écart(?:e|ent)\s+pas"
                           r"|examin(?:e|ent)\s+(?:la possibilité|l['’]idée|l['’]option)"
                           r"|évoqu(?:e|ent)\s+la possibilité|caresse(?:nt)?\s+l['’]idée)", re.I),
    # "a déclaré", "a affirmé", "a indiqué", "a annoncé", "a précisé", "selon", "d'après", "a-t-il dit"
    "reporting": LazyPattern(r"(?<!\w)(?:(?:a|ont|avait|avaient)\s+(?:déclaré|affirmé|indiqué|annoncé|précisé"
                             r"|expliqué|ajouté|souligné|dit|confirmé|assuré|rappelé|estimé|fait savoir)"
                             r"|a-t-(?:il|elle)\s+(?:déclaré|affirmé|indiqué|annoncé|précisé|expliqué|ajouté|dit)"
                             r"|ont-(?:ils|elles)\s+(?:déclaré|affirmé|indiqué|annoncé|précisé|dit)"
                             r"|(?:déclare|affirme|indique|annonce|précise|explique|souligne)(?:nt)?(?=\s)"
                             r"|selon|d['’]après)(?!\w)", re.I),
    # "selon des analystes", "des experts estiment", "d'après certains observateurs"
    "analyst_attribution": LazyPattern(r"(?<!\w)(?:(?:selon|d['’]après)\s+(?:des|les|certains|plusieurs|de nombreux)"
                                       r"\s+(?:analystes|experts|observateurs|spécialistes|économistes|stratèges)"
                                       r"|(?:des|les|certains|plusieurs|de nombreux)\s+(?:analystes|experts"
                                       r"|observateurs|spécialistes|économistes)\s+(?:estiment|croient|jugent"
                                       r"|pensent|prévoient|s['’]attendent|soulignent|avancent))(?!\w)", re.I),
    # "ne ... pas", "n'a pas", "ne ... jamais", "ne ... plus", "ne ... aucun": a negation
    "negation": LazyPattern(r"(?<!\w)(?:ne|n['’])\s?(?:[\w'’-]+\s+){0,3}?(?:pas|plus|jamais|point|guère|aucune?"
                            r"|rien|nullement)(?!\w)", re.I),
    # "si", "s'il", "s'ils", "à condition que", "pourvu que": the condition of a claim
    "condition": LazyPattern(r"(?<!\w)(?:[Ss]i\s+(?=(?:le|la|les|l['’]|un|une|des|ce|cette|ces|on|nous|vous|elle"
                             r"|elles|leur|leurs|son|sa|ses|aucun|aucune|personne|rien|tout|tous)\b|[A-ZÀ-Þ])"
                             r"|[Ss]['’]ils?\b|[Àà] condition que|[Àà] condition qu['’]|[Pp]ourvu que|[Pp]ourvu qu['’]"
                             r"|[Aa]u cas où)"),
}
# The status each class allows a claim (None: the class carries no status of its own).
CUE_STATUS: dict[str, ClaimStatus | None] = {
    "conditional_possibility": "speculative", "conditional_likelihood": "expected",
    "reported_conditional": "speculative", "near_future": "planned", "simple_future": "planned",
    "schedule": "planned", "plan": "planned", "expectation": "expected", "hedging": "speculative",
    "reporting": None, "analyst_attribution": "speculative", "negation": None, "condition": "speculative",
}


def cue_classes(sentence: str) -> list[tuple[int, str]]:
    """(offset, class name) of every cue of ``sentence``, in the order they come."""
    return sorted((m.start(), name) for name, pattern in CUES.items() for m in pattern.finditer(sentence))


def classes_of(sentence: str) -> set[str]:
    """The names of the cue classes ``sentence`` holds."""
    return {name for _, name in cue_classes(sentence)}


# --- the status of a claim: lemma classes for the clause reader ---------------------------------------------------

def _lemmas(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The word classes of the cue patterns above, by lemma, as the clause reader (``extract.clauses``, through
# ``extract.lexicon.FRENCH``) reads a parsed verb group. Conditional and future are read from the verb's form
# (``conditional``, ``future``), not listed here.
LEMMAS_FR: dict[str, frozenset[str]] = {
    # "pouvoir": a possibility ("peut", "pourrait"); "devoir" is read apart (``DUTY``)
    "modal_speculative": _lemmas("pouvoir"),
    "modal_planned": frozenset(),  # the future is a tense in French, not a word
    # plan or promise, with what is planned as an infinitive ("prévoit de verser", "s'est engagé à financer")
    "plan_verbs": _lemmas("prévoir projeter compter entendre promettre engager décider accepter convenir "
                          "planifier résoudre annoncer viser programmer"),
    "desire_verbs": _lemmas("vouloir chercher souhaiter espérer tenter essayer désirer tâcher efforcer"),
    # "est censé", "est appelé à", "s'apprête à", "est susceptible de", "est attendu"
    "expect_words": _lemmas("censé attendre attendu appeler apprêter susceptible probable"),
    # weighing an option ("envisage", "songe à", "réfléchit à"); "étudier", "examiner" only with an option
    # as their object (``OPTION_NOUNS``)
    "hedge_verbs": _lemmas("envisager songer réfléchir soupeser jongler"),
    "report_verbs": _lemmas("dire déclarer affirmer indiquer annoncer préciser expliquer ajouter souligner "
                            "confirmer assurer rappeler révéler signaler écrire répondre répliquer insister "
                            "réitérer avancer estimer"),
    "suggest_verbs": _lemmas("suggérer croire penser prédire proposer recommander conseiller imaginer "
                             "spéculer supposer juger estimer"),
    "urge_verbs": _lemmas("exhorter appeler presser demander encourager inviter inciter implorer pousser "
                          "sommer réclamer souhaiter espérer vouloir"),
    "expect_verbs": _lemmas("attendre escompter anticiper"),
    "speech_verbs": _lemmas("dire ajouter expliquer insister répondre répliquer souligner réitérer écrire "
                            "rappeler préciser"),
    "nonliteral_verbs": _lemmas("plaisanter blaguer ironiser railler rêver feindre moquer"),
    "commit_nouns": _lemmas("plan engagement promesse décision intention projet"),
    "effort_nouns": _lemmas("négociation discussion pourparler effort tentative démarche campagne proposition "
                            "initiative préparation"),
    "speaker_own": _lemmas("responsable fonctionnaire gouvernement diplomate troupe force soldat militaire "
                           "équipe ministère agence autorité armée marine personnel"),
    "see_verbs": _lemmas("voir laisser faire aider regarder"),
    # a demonym with one of these is the state acting ("les troupes canadiennes", "un diplomate canadien")
    "agent_nouns": _lemmas("gouvernement administration autorité armée marine force troupe soldat militaire "
                           "officier responsable fonctionnaire diplomate ambassadeur ambassadrice envoyé "
                           "ambassade consulat mission délégation négociateur ministre ministère agence police "
                           "gendarmerie renseignement garde-côte équipe unité contingent bataillon régiment "
                           "frégate navire avion appareil équipage premier cabinet parlement député sénateur "
                           "tribunal juge procureur porte-parole représentant commandant général"),
    "group_nouns": _lemmas("équipe groupe contingent unité équipage délégation détachement escouade bataillon "
                           "compagnie convoi flotte"),
}
# The conditional of "devoir" ("devrait signer") is likely (expected); its indicative ("doit signer") a duty
# or a schedule (planned): the ``conditional_likelihood`` and ``schedule`` classes.
DUTY = "devoir"
# "étudie la possibilité de", "examine l'option": weighing an option (the ``hedging`` class).
OPTION_VERBS = _lemmas("étudier examiner évaluer explorer évoquer caresser")
OPTION_NOUNS = _lemmas("possibilité idée option piste hypothèse scénario éventualité")
# The future stems that are not the infinitive ("enverra", "ira", "sera"), by lemma.
_FUTURE_STEMS = {
    "être": "ser", "avoir": "aur", "aller": "ir", "faire": "fer", "pouvoir": "pourr", "devoir": "devr",
    "envoyer": "enverr", "renvoyer": "renverr", "voir": "verr", "revoir": "reverr", "savoir": "saur",
    "vouloir": "voudr", "venir": "viendr", "tenir": "tiendr", "falloir": "faudr", "valoir": "vaudr",
    "recevoir": "recevr", "courir": "courr", "mourir": "mourr", "acquérir": "acquerr", "cueillir": "cueiller",
    "appeler": "appeller", "jeter": "jetter", "acheter": "achèter", "mener": "mèner", "lever": "lèver",
}
_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")
_CONDITIONAL_ENDINGS = ("ais", "ait", "ions", "iez", "aient")


def _stems(lemma: str) -> set[str]:
    lemma = lemma.lower()
    found = {_FUTURE_STEMS[lemma]} if lemma in _FUTURE_STEMS else set()
    found.add(lemma[:-1] if lemma.endswith("re") else lemma)
    for suffix in ("mener", "lever", "appeler", "jeter", "venir", "tenir", "voir", "mettre"):
        if lemma.endswith(suffix) and lemma != suffix and suffix in _FUTURE_STEMS:
            found.add(lemma[: -len(suffix)] + _FUTURE_STEMS[suffix])
    if lemma.endswith(("oyer", "uyer")):
        found.add(lemma[:-3] + "ier")  # "emploiera", "appuiera"
    return found


def _form_of(word: str, lemma: str, endings: tuple[str, ...]) -> bool:
    word = _fold(word)
    return any(word == _fold(stem + end) for stem in _stems(lemma) for end in endings)


def future(word: str, lemma: str, morph_future: bool = False) -> bool:
    """``word`` is the simple future of the verb ``lemma`` ("enverra", "rouvriront", "sera"); the parser's
    ``Tense=Fut`` counts too, but it misses irregular stems, so the form is checked against the lemma."""
    return morph_future or _form_of(word, lemma, _FUTURE_ENDINGS)


def conditional(word: str, lemma: str, morph_conditional: bool = False) -> bool:
    """``word`` is the conditional of ``lemma`` ("rouvrirait", "pourrait", "enverraient"), not its imperfect
    ("déclarait")."""
    return morph_conditional or _form_of(word, lemma, _CONDITIONAL_ENDINGS)


fold_word = _fold  # for the clause reader: a form compared with a lemma's stem, accents aside
