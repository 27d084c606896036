"""Generate briefer/extract/countries.tsv: every country's names, demonyms and capital, for --focus.

    pip install countryinfo==1.0.1      # Python 3.11+, MIT; its data ships in the wheel (no network at run)
    python tools/make_countries.py > briefer/extract/countries.tsv

briefer reads only the TSV (so it keeps its Python 3.10 floor and needs no countryinfo at run time). The
rows come from countryinfo's data files (name, altSpellings, demonym, capital, population), cleaned by
the rules below, then merged with the hand table briefer kept before (OWN: more demonyms, other names and
major cities for the countries its users asked about), which only ever adds terms.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from importlib import metadata, resources

# The hand table briefer had before (name; other names; demonyms; capital and major cities): kept whole.
OWN = """
Canada;;Canadian;Ottawa,Toronto,Montreal,Vancouver,Calgary,Edmonton,Winnipeg,Halifax
United States;US,U.S.,USA,U.S.A.,America,United States of America;American;Washington,New York,Chicago
United Kingdom;UK,U.K.,Britain,Great Britain;British,Briton;London,Manchester,Birmingham,Edinburgh,Glasgow
France;;French,Frenchman,Frenchwoman;Paris,Marseille,Lyon
Germany;;German;Berlin,Munich,Hamburg,Frankfurt
Italy;;Italian;Rome,Milan
Spain;;Spanish,Spaniard;Madrid,Barcelona
Portugal;;Portuguese;Lisbon
Netherlands;Holland,The Netherlands;Dutch,Dutchman;Amsterdam,The Hague
Belgium;;Belgian;Brussels
Switzerland;;Swiss;Bern,Geneva,Zurich
Austria;;Austrian;Vienna
Ireland;;Irish;Dublin
Denmark;;Danish,Dane;Copenhagen
Sweden;;Swedish,Swede;Stockholm
Norway;;Norwegian;Oslo
Finland;;Finnish,Finn;Helsinki
Iceland;;Icelandic,Icelander;Reykjavik
Greenland;;Greenlandic,Greenlander;Nuuk
Poland;;Polish,Pole;Warsaw
Czech Republic;Czechia;Czech;Prague
Hungary;;Hungarian;Budapest
Romania;;Romanian;Bucharest
Greece;;Greek;Athens
Turkey;Türkiye;Turkish,Turk;Ankara,Istanbul
Ukraine;;Ukrainian;Kyiv,Kiev,Kharkiv,Odesa,Lviv
Russia;Russian Federation;Russian;Moscow,St Petersburg
Belarus;;Belarusian;Minsk
Estonia;;Estonian;Tallinn
Latvia;;Latvian;Riga
Lithuania;;Lithuanian;Vilnius
Serbia;;Serbian,Serb;Belgrade
Israel;;Israeli;Jerusalem,Tel Aviv
Iran;;Iranian;Tehran
Iraq;;Iraqi;Baghdad
Syria;;Syrian;Damascus
Lebanon;;Lebanese;Beirut
Saudi Arabia;;Saudi;Riyadh
United Arab Emirates;UAE;Emirati;Abu Dhabi,Dubai
Qatar;;Qatari;Doha
Egypt;;Egyptian;Cairo
Libya;;Libyan;Tripoli
Nigeria;;Nigerian;Abuja,Lagos
Kenya;;Kenyan;Nairobi
Ethiopia;;Ethiopian;Addis Ababa
South Africa;;South African;Pretoria,Johannesburg,Cape Town
Sudan;;Sudanese;Khartoum
China;PRC;Chinese;Beijing,Shanghai,Hong Kong
Japan;;Japanese;Tokyo
South Korea;Korea;South Korean,Korean;Seoul
North Korea;DPRK;North Korean;Pyongyang
Taiwan;;Taiwanese;Taipei
India;;Indian;New Delhi,Delhi,Mumbai
Pakistan;;Pakistani;Islamabad
Afghanistan;;Afghan;Kabul
Indonesia;;Indonesian;Jakarta
Philippines;;Filipino,Philippine;Manila
Vietnam;;Vietnamese;Hanoi
Thailand;;Thai;Bangkok
Australia;;Australian;Canberra,Sydney,Melbourne
New Zealand;;New Zealander;Wellington,Auckland
Mexico;;Mexican;Mexico City
Brazil;;Brazilian;Brasilia,Brasília,Sao Paulo,São Paulo,Rio de Janeiro
Argentina;;Argentine,Argentinian;Buenos Aires
Chile;;Chilean;Santiago
Colombia;;Colombian;Bogota,Bogotá
Venezuela;;Venezuelan;Caracas
Cuba;;Cuban;Havana
"""

# countryinfo calls these by another name than the hand table (the same country, by ISO code).
SAME_AS = {"KR": "South Korea", "KP": "North Korea"}
# Short forms news writers use, kept although they look like codes.
KEEP_CODES = {"US", "USA", "UK", "UAE", "PRC", "DPRK", "DRC"}
# Other names that are plain English words or another country's word, not names of the country.
NOT_NAMES = {"Island", "Prathet", "Pleasant Island", "Guiana"}
# ISO codes withdrawn: the Netherlands Antilles (2010), Serbia and Montenegro (2006).
WITHDRAWN = {"AN", "CS"}


def ascii_form(text: str) -> str:
    """"Bogotá" -> "Bogota": how an English article often spells a name."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def latin(text: str) -> bool:
    """Written in the Latin alphabet (a name in another script is no help to an English article)."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def split(value: object, seps: str = ",/") -> list[str]:
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    out = []
    for item in items:
        for sep in seps:
            item = item.replace(sep, "\0")
        out += [p.strip() for p in item.split("\0") if p.strip()]
    return out


def entries() -> list[dict[str, object]]:
    """countryinfo's entries: one per ISO code (the first with a demonym), each with a capital."""
    files = resources.files("countryinfo") / "data"
    seen: dict[str, dict[str, object]] = {}
    for f in sorted(files.iterdir(), key=lambda p: p.name):
        if not f.name.endswith(".json"):
            continue
        data = json.loads(f.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2") or data.get("name")
        if not data.get("capital") or not data.get("name") or code in WITHDRAWN:
            continue  # Antarctica, uninhabited islands, countries that are no more: nobody's focus
        if code not in seen or (not seen[code].get("demonym") and data.get("demonym")):
            seen[code] = data
    return list(seen.values())


def rows() -> list[tuple[str, list[str], list[str], list[str], int]]:
    out = []
    demonyms_all = {d for e in entries() for d in split(e.get("demonym"))}
    for e in entries():
        codes = {str(v) for v in (e.get("ISO") or {}).values()}
        alts = [a.strip() for a in e.get("altSpellings") or [] if isinstance(a, str)]
        raw = str(e["name"])
        iso = str((e.get("ISO") or {}).get("alpha2", ""))
        names = [SAME_AS[iso]] if iso in SAME_AS else []
        names += [n for n in [raw, *alts] if n and "," not in n and latin(n) and n[0].isupper()
                  and ((n not in codes and not (n.isupper() and len(n) <= 4)) or n in KEEP_CODES)
                  and n not in NOT_NAMES and (n == raw or n not in demonyms_all)]
        if not names:
            names = [raw]
        forms = [names[0]]  # the name as countryinfo writes it, then every name as English text spells it
        for n in names:
            forms.append(ascii_form(n))
            if n.startswith("The ") and len(n.split()) == 2:
                forms.append(n[4:])  # "The Bahamas" -> "Bahamas"
        name, *others = list(dict.fromkeys(forms))
        dems = [d for d in split(e.get("demonym")) if d not in names]
        capitals = []
        for c in split(e.get("capital"), "/"):
            capitals += [c, ascii_form(c)]
            if c.endswith(" D.C."):
                capitals.append(c[:-5])
        population = int(e.get("population") or 0)
        out.append((name, others, dems, list(dict.fromkeys(capitals)), population))
    return out


def merged() -> list[tuple[str, list[str], list[str], list[str], list[str]]]:
    """countryinfo's rows with the hand table's terms added: (name, other names, demonyms, capitals, the
    hand table's cities). A term countryinfo gives two countries goes to the one with more people
    ("Indian": India, not the British Indian Ocean Territory; "Dominican": the Dominican Republic, not
    Dominica); a country's own name and the hand table's terms stay where they are ("Hong Kong" is a city
    of China there and a row of its own here)."""
    table: dict[str, list[list[str]]] = {}
    population: dict[str, int] = {}
    alias: dict[str, str] = {}
    for name, others, dems, capitals, people in rows():
        table[name] = [others, dems, capitals, []]
        population[name] = people
        for n in (name, *others):
            alias[n] = name
    kept: dict[str, set[str]] = {}
    for line in OWN.strip().splitlines():
        name, others, dems, cities = line.split(";")
        own = [o for o in others.split(",") if o]
        home = next((alias[n] for n in (name, *own) if n in alias), None)
        if home is None:
            table[name], population[name], home = [[], [], [], []], 0, name
        if home != name:  # the hand table's common name leads ("Czech Republic", "Vietnam")
            entry = table.pop(home)
            entry[0] = [home, *entry[0]]
            table[name], population[name] = entry, population.pop(home)
        extras = (own, dems.split(","), [], cities.split(","))
        for i, extra in enumerate(extras):
            table[name][i] = [x for x in dict.fromkeys([*table[name][i], *(x for x in extra if x)]) if x != name]
        table[name][2] = [c for c in table[name][2] if c not in table[name][3]]  # listed once, as a city
        kept[name] = {name, *(x for extra in extras for x in extra if x)}
    owner: dict[str, str] = {}
    for name in table:
        for term in (t for part in table[name] for t in part):
            rival = owner.get(term)
            if rival is None or population[name] > population[rival]:
                owner[term] = name

    def keeps(name: str, term: str) -> bool:
        return owner.get(term) == name or term in kept.get(name, ()) or term in table

    return [(name, *[[t for t in part if keeps(name, t)] for part in table[name]])  # type: ignore[misc]
            for name in sorted(table)]


def main() -> None:
    version = metadata.version("countryinfo")
    sys.stdout.write(
        "# Countries for --focus: name<TAB>other names<TAB>demonyms<TAB>capitals<TAB>major cities (comma-separated;\n"
        "# the cities are the hand table's, which also count as places when names are found).\n"
        f"# Generated by tools/make_countries.py from countryinfo {version} (MIT; name, altSpellings, demonym,\n"
        "# capital, population) merged with briefer's earlier hand table. Do not edit: change the script.\n")
    for name, *parts in merged():
        sys.stdout.write("\t".join([name, *(",".join(part) for part in parts)]) + "\n")


if __name__ == "__main__":
    main()
