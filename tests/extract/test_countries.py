"""--focus works for any country: its demonym and capital mark a sentence as about it, from the table
generated out of countryinfo's data (briefer/extract/countries.tsv). Articles are invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli.main import main
from briefer.extract import wordlists as gz
from briefer.extract.focus import terms_of
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

# country, its demonym, its capital, another country named in the article
CASES = [
    ("Peru", "Peruvian", "Lima", "Bolivia"),
    ("Ghana", "Ghanaian", "Accra", "Togo"),
    ("Jordan", "Jordanian", "Amman", "Egypt"),
    ("Bangladesh", "Bangladeshi", "Dhaka", "Nepal"),
    ("Uruguay", "Uruguayan", "Montevideo", "Paraguay"),
]


def article(country: str, demonym: str, capital: str, other: str) -> str:
    return (f"Water pact signed after long talks\n\n"
            f"A regional water pact was signed on Tuesday after two years of talks between delegations.\n\n"
            f"{demonym} negotiators said the pact would fund new reservoirs in three provinces.\n\n"
            f"{capital} will publish the first spending plan in June, a spokesperson said.\n\n"
            f"{other} has not yet said whether it will join the agreement.\n")


@pytest.mark.parametrize("country, demonym, capital, other", CASES)
def test_focus_finds_the_demonym_and_the_capital(remote_env: FakeOpenAI, tmp_path: Path, country: str,
                                                 demonym: str, capital: str, other: str) -> None:
    remote_env.handler = labeller
    path = tmp_path / "pact.txt"
    path.write_text(article(country, demonym, capital, other))
    result = CliRunner().invoke(main, ["brief", str(path), "--focus", country, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    brief = json.loads(result.stdout)
    claims = [c["claim"] for c in brief["focus_role"]]
    assert any(claim.startswith(f"{demonym} negotiators") for claim in claims), claims
    assert any(claim.startswith(f"{capital} will publish") for claim in claims), claims  # the capital acts
    assert not any(claim.startswith(other) for claim in claims)  # another country's sentence is not the role
    assert brief["focus"] == country


def test_the_same_article_for_a_country_it_does_not_name_has_no_role(remote_env: FakeOpenAI,
                                                                     tmp_path: Path) -> None:
    remote_env.handler = labeller
    path = tmp_path / "pact.txt"
    path.write_text(article(*CASES[0]))
    result = CliRunner().invoke(main, ["brief", str(path), "--focus", "Ghana", "-f", "json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["focus_role"] == []


@pytest.mark.parametrize("given, name", [
    ("peru", "Peru"), ("Czechia", "Czech Republic"), ("DRC", "Democratic Republic of the Congo"),
    ("Cote d'Ivoire", "Ivory Coast"), ("Bahamas", "The Bahamas"),
])
def test_other_names_find_the_country(given: str, name: str) -> None:
    assert gz.country_aliases()[given.lower()] == name


def test_every_country_is_in_the_table() -> None:
    table = gz.countries()
    assert len(table) >= 240
    for name in ("Peru", "Mongolia", "Fiji", "Botswana", "Kyrgyzstan", "Moldova", "Laos", "Eswatini"):
        assert name in table or gz.country_aliases().get(name.lower()) in table, name


def test_canada_is_at_least_as_rich_as_the_hand_table_was() -> None:
    before = {"Canada", "Canadian", "Canadians", "Ottawa", "Toronto", "Montreal", "Vancouver", "Calgary",
              "Edmonton", "Winnipeg", "Halifax"}
    assert before <= set(terms_of("Canada"))


def test_a_demonym_two_places_share_goes_to_the_country() -> None:
    assert "Indian" in gz.countries()["India"] and "Indian" not in gz.countries()["British Indian Ocean Territory"]
    assert "American" in gz.countries()["United States"]
    assert [name for name, terms in gz.countries().items() if "American" in terms] == ["United States"]


def test_a_capital_that_is_also_a_surname_is_a_focus_term_but_not_a_place() -> None:
    assert "Hamilton" in terms_of("Bermuda")
    assert "Hamilton" not in gz.places() and "Bermuda" in gz.places()
    assert "Ottawa" in gz.places()  # the hand table's cities stay places
