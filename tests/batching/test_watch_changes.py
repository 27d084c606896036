"""The "What changed" block and the "new at" marks, on briefs generated from parts: thousands of
sequences of versions, each version a random choice of people, dates, role claims (with statuses) and
discrepancies; and the page escapes whatever the articles' names and titles hold."""

from __future__ import annotations

import html
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer import config
from briefer.api import Briefer
from briefer.batching.changes import MAX_ENTRIES, changes, marker
from briefer.batching.history import History
from briefer.batching.watch import Watcher
from briefer.render import page_html
from briefer.schema import Actor, Brief, Dated, Discrepancy, Point, Quote, RoleClaim, Source
from tests.conftest import ARRIVAL, TALKS
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI

FIRST_NAMES = ["Ada", "Bruno", "Chloe", "Dmitri", "Esme", "Farid"]
SURNAMES = ["Lindqvist", "Okoro", "Petrov", "Quintero"]
PEOPLE = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]
DAYS = [f"2026-05-{d:02d}" for d in range(1, 29)]
ACTIONS = ["send three frigates to the strait", "fund a field hospital in the valley",
           "host the donor conference", "train forty police officers", "open a consulate in the port city"]
CUES = {"done": "Canada has agreed to", "planned": "Canada will", "expected": "Canada is expected to",
        "speculative": "Canada could"}


def person(name: str) -> Actor:
    return Actor(name=name, kind="person", quotes=[Quote(text=f"{name} spoke.", source="s1")])


def claim(action: str, status: str) -> RoleClaim:
    return RoleClaim(claim=f"{CUES[status]} {action}.", status=status,  # type: ignore[arg-type]
                     quotes=[Quote(text="x", source="s1")])


def brief(people: list[str], days: list[str], claims: list[tuple[str, str]], conflicts: list[int],
          sources: list[int]) -> Brief:
    return Brief(headline="Talks", summary=Point(text="Talks went on."),
                 who=[person(p) for p in people],
                 when=[Dated(text=d, iso=d, basis="text") for d in days],
                 focus_role=[claim(a, s) for a, s in claims],
                 discrepancies=[Discrepancy(about=f"different numbers {n}", kind="number",
                                            quotes=[Quote(text=f"{n} ships", source="s1"),
                                                    Quote(text=f"{n + 1} ships", source="s2")])
                                for n in conflicts],
                 sources=[Source(id=f"s{n}", title=f"Report {n}") for n in sources])


versions = st.lists(st.tuples(
    st.lists(st.sampled_from(PEOPLE), unique=True, max_size=9),
    st.lists(st.sampled_from(DAYS), unique=True, max_size=8),
    st.dictionaries(st.sampled_from(ACTIONS), st.sampled_from(list(CUES)), max_size=5),
    st.lists(st.integers(1, 30), unique=True, max_size=4),
    st.lists(st.integers(1, 12), unique=True, min_size=1, max_size=8)), min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(versions)
def test_the_block_and_the_marks_tell_exactly_what_is_new_since_the_previous_version(
        chosen: list[tuple[list[str], list[str], dict[str, str], list[int], list[int]]]) -> None:
    history = History(Path("/nonexistent/brief.watch.json"))
    start = datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc)
    seen_people: set[str] = set()
    seen_days: set[str] = set()
    said: dict[str, list[str]] = {}  # each action: the statuses it was claimed with, in the order first said
    previous = None
    for n, (people, days, claims, conflicts, sources) in enumerate(chosen):
        now = start + timedelta(minutes=7 * n)
        made = brief(people, days, list(claims.items()), conflicts, sources)
        history.record(made, now)
        found = changes(history, made, previous, now)
        mark = marker(history, previous, now)
        lines = {line.label: line for line in found.lines}
        assert len(found.lines) <= 6
        for line in found.lines:
            assert 0 < len(line.entries) <= MAX_ENTRIES and len(set(line.entries)) == len(line.entries)
        if previous is None:
            assert found.lines == [] and not any(mark(x) for x in [*made.who, *made.when, *made.focus_role])
        else:
            new_people = [p for p in people if p not in seen_people]
            told = lines.get("New people")
            assert (told.entries + [""] * told.more if told else []) == \
                   (new_people[:MAX_ENTRIES] + [""] * max(0, len(new_people) - MAX_ENTRIES))
            for actor in made.who:
                assert (mark(actor) == f"new at {now:%H:%M}") == (actor.name not in seen_people)
            for dated in made.when:
                assert bool(mark(dated)) == (dated.iso not in seen_days)
            # A claim said before in these words has not moved; one new in its words moved from the
            # status its action was last newly claimed with.
            expected = [f"{said[a][-1]} → {s}" for a, s in claims.items() if a in said and s not in said[a]]
            moved = lines.get("Status moved")
            assert ([e.split(":")[0] for e in moved.entries] if moved else []) == expected[:MAX_ENTRIES]
            assert (moved.more if moved else 0) == max(0, len(expected) - MAX_ENTRIES)
        seen_people |= set(people)
        seen_days |= set(days)
        for action, status in claims.items():
            if status not in said.setdefault(action, []):
                said[action].append(status)
        previous = now


def test_names_and_titles_are_escaped_on_the_page() -> None:
    hostile = '<script>alert("x")</script> & "Ops"'
    history = History(Path("/nonexistent/brief.watch.json"))
    t0, t1 = datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc), datetime(2026, 5, 1, 8, 7, tzinfo=timezone.utc)
    history.record(brief([], [], [], [], [1]), t0)
    made = brief([hostile[:80]], [], [], [], [1, 2])
    made.sources[1].title = hostile
    history.record(made, t1)
    found = changes(history, made, t0, t1)
    page = page_html(made, extra={"mark": marker(history, t0, t1), "watch": {
        "version": 2, "refresh": 5, "poll_ms": 2000, "changes": found, "heading": hostile, "nothing": "",
        "live": "file"}}, template="watch.html")
    assert "<script>alert" not in page
    assert hostile[:80] in html.unescape(page)
    assert page.count("&lt;script&gt;") >= 3  # the name, the source, the heading


def test_real_news_dropped_again_or_touched_makes_nothing_new(tmp_path: Path) -> None:
    """Two real news articles: re-saving them unchanged writes no version; removing one and putting it
    back marks none of its items as new (they were seen before)."""
    pile, out = tmp_path / "pile", tmp_path / "brief.html"
    pile.mkdir()
    shutil.copy(ARRIVAL, pile / ARRIVAL.name)
    shutil.copy(TALKS, pile / TALKS.name)
    moment = {"now": datetime(2026, 1, 6, 9, 0, tzinfo=timezone.utc)}
    with FakeOpenAI(labeller) as fake:
        session = Briefer(config.resolve(base_url=fake.base_url, api_key="sk-test", model="fake-model"))
        watcher = Watcher(pile, out, session, settle=0.0, clock=lambda: moment["now"], report=lambda line: None)
        assert watcher.update() is not None
        for path in pile.iterdir():
            path.write_bytes(path.read_bytes())
        assert watcher.update() is None
        (pile / TALKS.name).unlink()
        moment["now"] = moment["now"].replace(hour=10)
        assert watcher.update() is not None
        shutil.copy(TALKS, pile / TALKS.name)
        moment["now"] = moment["now"].replace(hour=11)
        version = watcher.update()
    assert version is not None and version.calls == 0
    page = out.read_text(encoding="utf-8")
    assert 'class="new"' not in page and "Nothing new since version 2 (10:00)." in page
