"""Word lists for the candidate finder: countries (names, demonyms, capitals, cities: every country, from
``countries.tsv``), other places, organisation, place and role words, parsed on first use."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OTHER_PLACES = """
Europe,Asia,Africa,Antarctica,Arctic,Middle East,Latin America,North America,South America,Caribbean,
Scandinavia,Balkans,Baltic,Crimea,Donbas,Gaza,West Bank,Kashmir,Scotland,England,Wales,Northern Ireland,
Quebec,Ontario,Alberta,British Columbia,Manitoba,Saskatchewan,Nova Scotia,Alabama,Alaska,Arizona,Arkansas,
California,Colorado,Connecticut,Delaware,Florida,Georgia,Hawaii,Idaho,Illinois,Indiana,Iowa,Kansas,Kentucky,
Louisiana,Maine,Maryland,Massachusetts,Michigan,Minnesota,Mississippi,Missouri,Montana,Nebraska,Nevada,
New Hampshire,New Jersey,New Mexico,New York,North Carolina,North Dakota,Ohio,Oklahoma,Oregon,Pennsylvania,
Rhode Island,South Carolina,South Dakota,Tennessee,Texas,Utah,Vermont,Virginia,West Virginia,Wisconsin,
Wyoming,Boston,Seattle,San Francisco,Miami,Detroit,Cleveland,Philadelphia,Atlanta,Dallas,Houston,Denver,
Las Vegas,Phoenix,Liverpool,Leeds,Bristol,Cardiff,Belfast,Strasbourg,Davos,Istanbul,Kuala Lumpur,
Singapore,Guangdong,Sichuan,Tibet,Xinjiang,Siberia,Bavaria,Catalonia,Normandy,Brittany,Sicily
"""

ORG_WORDS = _words("""
Ministry Department Police Service Services Inc Ltd Corp Corporation Company Co Group Bank University College
School Council Committee Commission Agency Party Association Union Federation Office Branch Institute
Foundation Court Parliament Congress Senate Assembly Government Administration Army Navy Force Forces
Network News Times Post Journal Club Team FC International Airlines Airways Media Press Board Authority Trust
Society Organisation Organization Alliance Coalition Movement Fund Bureau Embassy Consulate Guard Brigade
Command Cabinet Tribunal League Holdings Technologies Systems Motors Studios Records Labs Partners Ventures
Industries Railway Railways Transport Operations Limited Reuters Bureau Directorate Commission
Secretariat Church Mission Brotherhood Federal Reserve Exchange Council Institute Hospital Clinic
""")

PLACE_WORDS = _words("""
Airport Street Road Avenue Boulevard Lane Square Tower Towers Field Stadium Park Bridge Station Hall House
Palace Cathedral Castle Beach Island Islands River Lake Mountain Mountains Mount Valley County Province
Village City Town District Region Prefecture Circuit Arena Centre Center Port Harbour Harbor Bay Gulf Sea
Ocean Coast Desert Forest Heights Hills Junction Terminal Plaza Gardens Building Capitol Kremlin Strait
Peninsula Canal Highway Motorway Crossing Camp Base Prison Market Museum Theatre Theater Cemetery Mall Pier
Dam Way Close Drive Grove Place Row Wharf Quay Estate Hill
""")
GEO_NOUNS = _words("province county village district prefecture region state city town township borough "
                      "municipality island islands river valley")
DIRECTIONS = _words("north south east west central downtown northern southern eastern western north-east "
                       "north-west south-east south-west northeast northwest southeast southwest inner outer "
                       "rural")

# Capitalised title words that can precede a person's name ("Prime Minister Jane Roe").
ROLE_WORDS = _words("""
President Vice Prime Minister Secretary Chancellor King Queen Prince Princess Pope Sheikh Emir Senator Sen
Rep Representative Congressman Congresswoman Governor Gov Mayor Judge Justice Chief Director Deputy Assistant
Commissioner Constable Inspector Detective Superintendent Sergeant Sgt Officer Captain Capt Colonel Col
Lieutenant Lt General Gen Admiral Adm Commander Ambassador Envoy Spokesman Spokeswoman Spokesperson Chairman
Chairwoman Chair CEO Executive Boss Leader Speaker Attorney Prosecutor Sheriff Marshal Archbishop Bishop
Cardinal Rabbi Imam Professor Prof Coach Manager Principal MP PM MEP MPP MLA Premier Secretary-General
President-elect Vice-President Chairperson Dean Councillor Councilman Commander-in-Chief Chief-of-Staff
Democrat Democratic Republican Labour Tory Conservative
""")
HONORIFICS = _words("Mr Mrs Ms Miss Mx Dr Prof Mr. Mrs. Ms. Dr. Prof.")
TITLED = _words("Sir Dame Lord Lady Baroness Baron")
# Lowercase nouns that name a role before or in apposition to a name ("Kestrel Motors boss Paul Doe").
ROLE_NOUNS = _words("""
boss chief director president president-elect leader minister mayor spokesman spokeswoman spokesperson
secretary chairman chairwoman chair ceo coach manager principal driver singer star actor actress player
captain officer commissioner ambassador envoy governor senator judge lawyer attorney analyst professor editor
correspondent reporter founder owner executive head chancellor champion teammate team-mate pitcher striker
goalkeeper rapper candidate nominee adviser advisor aide strategist economist researcher scientist doctor
surgeon nurse constable inspector detective sergeant superintendent mp general admiral colonel lieutenant
prosecutor sheriff deputy premier king queen prince princess winner rival legend veteran presenter host
author writer historian expert campaigner activist official negotiator diplomat mother father wife husband
son daughter brother sister spokesperson commander representative congressman congresswoman pm
""")

# Words the name finder treats specially.
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow")

FUNCTION = _words("""
The This That These Those During Despite According A An In On At But And Or If When While After
Before Since As It He She They We I His Her Their Our Its My Your There Here What Who Why How Where
Some Many Most All Both Each Every No Not So Yet For From With Without By Of To Meanwhile However
Also Although Though Then Now Still Even Just Only Once Under Over Among Following Speaking Asked
Later Earlier Last Next Instead Until Unlike Like Because Whether Other Another Such More Less
Several Few One Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions
Madam Yes Oh Please Thanks Thank Let Do Does Did Is Are Was Were Be Has Have Had Can Could Will
Would Should May Might Must Shall Whatever Whoever Almost Nearly Perhaps Maybe Indeed Overall Photo
Image Video Picture Watch Read More Live Update Updated Breaking Exclusive Analysis Opinion Comment
Column Getty Images Around About Approximately Roughly Up
""")

BREAKERS = _words("""
The This That These Those A An It He She They We His Her Their Our Its My Your But And Or If When While
Is Are Was Were Has Have Had Do Does Did
""")

PARTICLES = _words("de la le du da di del della der den van von bin ibn al el dos das y")

CAPS_STOP = _words("""
THE AND FOR NOT BUT YOU ALL NEW NOW LIVE NEWS READ MORE WATCH VIDEO PHOTO UPDATE BREAKING COLUMN OMG
LOL OK AM II III IV VI VII VIII IX XI GMT BST UTC EST EDT PST PDT CST CDT CET ET PT
""")

ROLE_OF = _words("State Staff Defence Defense Health Justice Homeland Security Treasury Commerce")

VERBS = _words("said says was is were are has had will told")

LEAD_STOP = _words("""
the a an and or but of in on at to for from with by as said says told asked added was is were are
has have had be been who that which when while after before his her their its our my your this
""")


def _plural(word: str) -> str | None:
    return None if word.endswith(("sh", "ch", "ese", "s", "x", "z", "i")) else word + "s"


@cache
def _rows() -> list[tuple[str, list[str], list[str], list[str], list[str]]]:
    """(name, other names, demonyms, capitals, major cities) of every country: ``countries.tsv``, generated
    from countryinfo's data and briefer's earlier hand table (the cities) by tools/make_countries.py."""
    text = resources.files("briefer.extract").joinpath("countries.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, *parts = line.split("\t")
        others, dems, capitals, cities = ([x for x in part.split(",") if x] for part in parts)
        rows.append((name, others, dems, capitals, cities))
    return rows


@cache
def countries() -> dict[str, tuple[str, ...]]:
    """Country name -> (name, other names, demonyms and their plurals, capitals, major cities)."""
    table: dict[str, tuple[str, ...]] = {}
    for name, others, dems, capitals, cities in _rows():
        forms = [f for dem in dems for f in (dem, _plural(dem)) if f]
        table[name] = (name, *others, *forms, *capitals, *cities)
    return table


@cache
def other_cities(country: str) -> tuple[str, ...]:
    """The table's major cities of ``country`` other than its capitals: seats of their own governments,
    never the country acting ("Toronto police", "Montreal announced")."""
    for name, _others, _dems, capitals, cities in _rows():
        if name == country:
            seats = capitals or cities[:1]  # the hand table's cities start with the capital
            return tuple(c for c in cities if c not in seats)
    return ()


@cache
def country_aliases() -> dict[str, str]:
    """Lower-cased country name or other name ("uk", "britain") -> the country's table name."""
    return {alias.lower(): name for name, others, *_ in _rows() for alias in (name, *others)}


@cache
def places() -> frozenset[str]:
    """Countries and their other names, major cities, and other well-known places. A capital the table has
    only from countryinfo is a focus term but no place here: many are also surnames or given names
    ("Hamilton", "Victoria", "Stanley") and would take a person's name for a place."""
    out = {p for name, others, _dems, _capitals, cities in _rows() for p in (name, *others, *cities)}
    out.update(p.strip() for p in _OTHER_PLACES.replace("\n", "").split(",") if p.strip())
    return frozenset(out)


@cache
def demonyms() -> frozenset[str]:
    """Nationality adjectives and nouns ("French", "Canadians"): not names on their own."""
    return frozenset(f for _n, _o, dems, *_ in _rows() for dem in dems for f in (dem, _plural(dem)) if f)


# Institutions and forces that act for a country without naming it ("the RCMP said ..."), per country; the
# demonym + noun forms ("the Canadian Armed Forces", "Canadian troops") are found from the demonym itself.
_INSTITUTIONS = {
    "Canada": "RCMP,Royal Canadian Mounted Police,CAF,Canadian Armed Forces,Canadian Forces,Global Affairs Canada,"
              "Department of National Defence,National Defence,DND,Canada Border Services Agency,CBSA,"
              "Canadian Coast Guard,Bank of Canada,Export Development Canada,CSIS,"
              "Canadian Security Intelligence Service,Communications Security Establishment,IRCC,"
              "Immigration, Refugees and Citizenship Canada,Royal Canadian Navy,Royal Canadian Air Force,"
              "Canadian Army,Health Canada,Transport Canada,Public Safety Canada,Finance Canada,"
              "Department of Finance,Privy Council Office,Prime Minister's Office,PMO,House of Commons,"
              "Canadian Space Agency,Elections Canada,Environment and Climate Change Canada,Parks Canada",
    "United States": "Pentagon,State Department,White House,Department of Defense,Treasury Department,Congress,"
                     "FBI,CIA,US Army,US Navy,US Air Force,Department of Homeland Security,National Guard",
    "United Kingdom": "Downing Street,Whitehall,Foreign Office,Ministry of Defence,MoD,Home Office,Treasury,"
                      "Royal Navy,Royal Air Force,RAF,British Army,Parliament",
    "France": "Elysee,Élysée,Quai d'Orsay,French Army,Assemblée nationale,National Assembly",
    "Germany": "Bundeswehr,Bundestag,Chancellery",
    "Australia": "Australian Defence Force,ADF,DFAT",
}


def institutions(country: str) -> tuple[str, ...]:
    """The institutions and forces that act for ``country`` (its canonical name) without naming it."""
    return tuple(x.strip() for x in re.split(r",(?! )", _INSTITUTIONS.get(country, "")) if x.strip())


# Nouns for those who act for a state: with the country's demonym they are the country acting ("Canadian
# troops deployed"); other nouns with it are things or private people ("a Canadian website crashed").
AGENT_NOUNS = _words("""
government administration authority military army navy force forces troop soldier sailor pilot officer
official diplomat ambassador envoy embassy consulate mission delegation negotiator minister ministry
department agency police officer intelligence regulator coast guard team unit contingent battalion
regiment frigate warship ship vessel aircraft jet crew leader premier cabinet parliament lawmaker legislator
senator MP court judge prosecutor spokesperson spokesman spokeswoman representative commander general
""")

# Nouns of a group whose "of" names its members ("a team of Canadian engineers").
GROUP_NOUNS = _words("team group contingent unit crew delegation detachment squad battalion company convoy fleet")

# Provinces, territories and states (with their usual abbreviations) that place a dateline in a country.
_REGIONS = {
    "Canada": "Alberta,Alta.,British Columbia,B.C.,BC,Manitoba,Man.,New Brunswick,N.B.,Newfoundland and Labrador,"
              "Newfoundland,Nfld.,N.L.,Nova Scotia,N.S.,Ontario,Ont.,Prince Edward Island,P.E.I.,Quebec,Que.,"
              "Saskatchewan,Sask.,Yukon,Y.T.,Northwest Territories,N.W.T.,Nunavut",
    "United States": "Alabama,Ala.,Alaska,Arizona,Ariz.,Arkansas,Ark.,California,Calif.,Colorado,Colo.,Connecticut,"
                     "Conn.,Delaware,Del.,Florida,Fla.,Georgia,Ga.,Hawaii,Idaho,Illinois,Ill.,Indiana,Ind.,Iowa,"
                     "Kansas,Kan.,Kentucky,Ky.,Louisiana,La.,Maine,Maryland,Md.,Massachusetts,Mass.,Michigan,"
                     "Mich.,Minnesota,Minn.,Mississippi,Miss.,Missouri,Mo.,Montana,Mont.,Nebraska,Neb.,Nevada,Nev.,"
                     "New Hampshire,N.H.,New Jersey,N.J.,New Mexico,N.M.,New York,N.Y.,North Carolina,N.C.,"
                     "North Dakota,N.D.,Ohio,Oklahoma,Okla.,Oregon,Ore.,Pennsylvania,Pa.,Rhode Island,R.I.,"
                     "South Carolina,S.C.,South Dakota,S.D.,Tennessee,Tenn.,Texas,Utah,Vermont,Vt.,Virginia,Va.,"
                     "Washington,Wash.,West Virginia,W.Va.,Wisconsin,Wis.,Wyoming,Wyo.,D.C.",
    "Australia": "New South Wales,N.S.W.,Victoria,Queensland,Western Australia,South Australia,Tasmania",
}


def regions(country: str) -> frozenset[str]:
    """The provinces, territories or states of ``country`` (its canonical name), abbreviations included."""
    return frozenset(r for r in _REGIONS.get(country, "").split(",") if r)
