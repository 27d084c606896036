"""``briefer watch``: articles dropped into a folder one by one, against the fake server.

The articles are invented for these tests: a maritime rescue accord, told by three reports that add a
person, dates, a claim whose status moves from planned to done, and two disagreements.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from briefer import config
from briefer.api import Briefer
from briefer.batching.arrivals import Arrivals
from briefer.batching.history import History, history_path
from briefer.batching.versions import numbered, still
from briefer.batching.watch import Version, Watcher, parse_since, watch
from briefer.compose.calls import plan_calls
from briefer.compose.prepare import prepare
from briefer.errors import UsageError
from briefer.extract.focus import focus_on
from briefer.read.sources import read_path
from tests.support.fakes import labeller
from tests.support.fakeserver import FakeOpenAI, Reply

OPENING = """Harbour Accord Talks Open in Valletta

VALLETTA, Malta (Monday 9 March 2026) — Ministers from eleven countries attended the rescue talks on Monday.

Canada will send 200 coast guard officers to the joint rescue mission, Foreign Minister Anita Rowe said.

Maltese Prime Minister Tomas Vella welcomed the delegations at the Grand Harbour.
"""
DRAFT = """Rescue Accord Draft Circulates Among Delegations

VALLETTA, Malta (Tuesday 10 March 2026) — Ministers from nine countries attended the rescue talks, officials said.

Admiral Kenji Sato, who leads the joint rescue mission, said the signing is scheduled for Wednesday 11 March 2026.

Sato said the mission would patrol the central Mediterranean.
"""
ARRIVAL = """Canadian Officers Arrive for Rescue Mission

VALLETTA, Malta (Thursday 12 March 2026) — The first rescue crews landed at Luqa airport on Thursday.

Canada has sent 200 coast guard officers to the joint rescue mission, Foreign Minister Anita Rowe said.

The officers joined crews led by Admiral Kenji Sato.
"""
REPORTS = {"a-opening.txt": OPENING, "b-draft.txt": DRAFT, "c-arrival.txt": ARRIVAL}
TITLES = {name: text.splitlines()[0] for name, text in REPORTS.items()}


class Clock:
    """The watch's clock, moved by the test."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 12, 14, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def at(self, hh_mm: str) -> None:
        hour, minute = map(int, hh_mm.split(":"))
        self.now = self.now.replace(hour=hour, minute=minute)


@pytest.fixture
def labelled(fake: FakeOpenAI) -> FakeOpenAI:
    fake.handler = labeller
    return fake


@pytest.fixture
def settings(labelled: FakeOpenAI) -> config.Settings:
    return config.resolve(base_url=labelled.base_url, api_key="sk-test", model="fake-model")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "pile").mkdir()
    (tmp_path / "site").mkdir()
    return tmp_path / "pile", tmp_path / "site" / "brief.html"


def make_watcher(folders: tuple[Path, Path], settings: config.Settings, clock: Clock, **kw: Any) -> tuple[Watcher,
                                                                                                         list[str]]:
    told: list[str] = []
    watcher = Watcher(folders[0], folders[1], Briefer(settings), settle=0.0, clock=clock, report=told.append, **kw)
    return watcher, told


def drop(folder: Path, name: str, text: str | None = None) -> Path:
    path = folder / name
    path.write_text(REPORTS[name] if text is None else text, encoding="utf-8")
    return path


def item(page: str, name: str) -> str:
    """The list item of the brief (below the "What changed" block) that holds ``name``."""
    page = page.split('<section class="changes"', 1)[0] + page.split("</section>", 1)[-1] \
        if '<section class="changes"' in page else page
    match = re.search(r"<li>(?:(?!</li>).)*?" + re.escape(name) + r"(?:(?!</li>).)*</li>", page, re.S)
    assert match, f"{name} not on the page"
    return match.group()


def block(page: str) -> str:
    """The text of the "What changed" block."""
    match = re.search(r'<section class="changes".*?</section>', page, re.S)
    assert match, "no What changed block"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group())).split()).replace(" :", ":")


def one_page(page: str) -> bool:
    from briefer.render import pdf

    return len(pdf.layout(page).pages) == 1


def test_articles_dropped_one_by_one_cost_only_their_own_calls_and_the_page_says_what_is_new(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path]) -> None:
    pile, out = folders
    clock = Clock()
    watcher, told = make_watcher(folders, settings, clock, keep=5)
    pages: list[str] = []
    per_version: list[int] = []
    for name, moment in zip(REPORTS, ("14:00", "14:10", "14:20"), strict=True):
        path = drop(pile, name)
        clock.at(moment)
        before = len(labelled.requests)
        version = watcher.update()
        assert version is not None and version.added == [name]
        asked = labelled.requests[before:]
        alone = plan_calls(prepare([read_path(path, id=path.stem)], settings, focus_on(settings.focus)), settings)
        assert len(asked) == version.calls == len(alone)  # this article's calls, and no other's
        per_version.append(version.calls)
        for request in asked:
            prompt = request["messages"][-1]["content"]
            assert TITLES[name] in prompt
            assert not any(title in prompt for other, title in TITLES.items() if other != name)
        pages.append(out.read_text(encoding="utf-8"))
        assert one_page(pages[-1])
    first, second, third = pages

    # Version 1: nothing to compare with, nothing marked.
    assert 'class="new"' not in first and "First version: 1 article." in block(first)
    # Version 2: the new report, its person, its dates, the disagreement on the count; marked at 14:10.
    changed = block(second)
    assert TITLES["b-draft.txt"] in changed and "Kenji Sato" in changed
    assert "10 Mar 2026" in changed and "11 Mar 2026" in changed
    assert 'different numbers: "eleven countries" vs "nine countries"' in changed
    assert "new at 14:10" in item(second, "Kenji Sato")
    assert "new at" not in item(second, "Anita Rowe")  # known since 14:00
    # Version 3: the claim moved from planned to done, a new disagreement; only 14:20's items marked.
    changed = block(third)
    assert "planned → done: Canada has sent 200 coast guard officers" in changed
    assert "different status for the same claim: planned vs done" in changed
    assert "New people" not in changed  # both people were known before
    assert "new at 14:20" in item(third, "Canada has sent 200")
    assert "new at" not in item(third, "Canada will send 200")
    assert "new at" not in item(third, "Kenji Sato")
    assert "since version 2 (14:10) · version 3, 14:20" in changed
    assert [line.rsplit(", ", 1)[0] for line in told] == [
        f"version {n} of brief.html: {n} article{'s' if n > 1 else ''} (1 new or changed), {calls} model calls"
        for n, calls in enumerate(per_version, 1)]  # one line per version, nothing else said

    # Each version is kept whole, the one before as brief.1.html, without the part that reloads it.
    assert out.read_text(encoding="utf-8") == third and '<meta http-equiv="refresh" content="5">' in third
    assert numbered(out, 1).read_text(encoding="utf-8") == still(second)
    assert numbered(out, 2).read_text(encoding="utf-8") == still(first)
    assert "refresh" not in numbered(out, 1).read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["brief.1.html", "brief.2.html", "brief.html",
                                                            "brief.watch.json"]  # no temporary file left

    # Nothing changed: no call, no version. A file touched with the same text: the same.
    before = len(labelled.requests)
    assert watcher.update() is None
    (pile / "a-opening.txt").write_text(OPENING, encoding="utf-8")
    assert watcher.update() is None and len(labelled.requests) == before


def test_a_watch_started_again_asks_nothing_and_keeps_the_first_seen_times(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path]) -> None:
    pile, out = folders
    clock = Clock()
    watcher, _ = make_watcher(folders, settings, clock)
    drop(pile, "a-opening.txt")
    clock.at("14:00")
    watcher.update()
    drop(pile, "b-draft.txt")
    clock.at("14:10")
    watcher.update()
    before = len(labelled.requests)
    clock.at("15:00")
    again, _ = make_watcher(folders, settings, clock)
    version = again.update()
    assert version is not None and version.number == 3 and version.calls == 0
    assert len(labelled.requests) == before  # every call from the response cache
    page = out.read_text(encoding="utf-8")
    assert "Nothing new since version 2 (14:10)." in block(page) and 'class="new"' not in page
    # ... and with --since, what came after that moment, each at its own time.
    clock.at("15:05")
    since, _ = make_watcher(folders, settings, clock, since="14:05")
    since.update()
    page = out.read_text(encoding="utf-8")
    assert "new at 14:10" in item(page, "Kenji Sato") and "new at" not in item(page, "Anita Rowe")
    assert "since 14:05" in block(page) and "Kenji Sato" in block(page)


def test_a_removed_article_leaves_the_brief_and_is_listed(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path]) -> None:
    pile, out = folders
    clock = Clock()
    watcher, _ = make_watcher(folders, settings, clock)
    for name in ("a-opening.txt", "b-draft.txt"):
        drop(pile, name)
    watcher.update()
    (pile / "b-draft.txt").unlink()
    clock.at("14:30")
    before = len(labelled.requests)
    version = watcher.update()
    assert version is not None and version.removed == ["b-draft.txt"] and version.articles == ["a-opening"]
    assert len(labelled.requests) == before
    page = out.read_text(encoding="utf-8")
    assert "Kenji Sato" not in page.split("What changed")[-1].split("</section>", 1)[1]
    assert f"Removed: {TITLES['b-draft.txt']}" in block(page)


def test_an_unreadable_file_is_reported_and_skipped_and_the_rest_stays(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path]) -> None:
    pile, out = folders
    watcher, told = make_watcher(folders, settings, Clock())
    drop(pile, "a-opening.txt")
    (pile / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    (pile / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    version = watcher.update()
    assert version is not None and version.articles == ["a-opening"]
    warnings = [line for line in told if line.startswith("warning:")]
    assert len(warnings) == 2 and all("\n" not in w for w in warnings)
    assert any("skipped binary.txt" in w for w in warnings) and any("skipped blank.txt" in w for w in warnings)
    assert watcher.update() is None and len(told) == 3  # reported once, not at every look
    # Fixed: it joins the brief.
    drop(pile, "blank.txt", DRAFT)
    version = watcher.update()
    assert version is not None and version.added == ["blank.txt"] and "Kenji Sato" in out.read_text(encoding="utf-8")


def test_an_article_whose_calls_fail_is_left_out_then_tried_again(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch, fast_backoff: None) -> None:
    from briefer.batching import watch as watch_module

    pile, out = folders
    broken = {"on": True}

    def handler(request: dict[str, Any]) -> Any:
        if broken["on"] and "Rescue Accord Draft" in request["messages"][-1]["content"]:
            return Reply(status=400, body={"error": {"message": "no such luck"}})
        return labeller(request)

    labelled.handler = handler
    watcher, told = make_watcher(folders, settings, Clock())
    drop(pile, "a-opening.txt")
    drop(pile, "b-draft.txt")
    version = watcher.update()
    assert version is not None and version.articles == ["a-opening"]
    assert any(line.startswith("warning: left out b-draft.txt for now:") for line in told)
    assert watcher.busy and watcher.update() is None  # not before its retry time
    broken["on"] = False
    monkeypatch.setattr(watch_module, "RETRY_SECONDS", 0.0)
    watcher._retry = dict.fromkeys(watcher._retry, 0.0)
    version = watcher.update()
    assert version is not None and version.articles == ["a-opening", "b-draft"] and not watcher.busy
    assert "Kenji Sato" in out.read_text(encoding="utf-8")


def test_every_version_is_one_page_as_articles_accumulate(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path]) -> None:
    """Eight reports, each with its own people, places, dates and a claim: the page stays one page and
    says what it left out."""
    pile, out = folders
    watcher, _ = make_watcher(folders, settings, Clock())
    people = ["Ines Moreau", "Pavel Horak", "Lena Quist", "Omar Haddad", "Rita Cole", "Yuki Mori", "Tariq Aziz",
              "Nora Berg"]
    ports = ["Catania", "Bari", "Piraeus", "Limassol", "Split", "Tunis", "Sfax", "Brindisi"]
    for i, (person, port) in enumerate(zip(people, ports, strict=True)):
        day = 10 + i
        text = (f"Rescue Crews Reach {port}\n\n{port.upper()} (Tuesday {day} March 2026) — Coordinator {person} "
                f"said crews from {port} joined the joint rescue mission on {day} March 2026.\n\n"
                f"Canada will fund a second patrol vessel based in {port}, {person} said.\n\n"
                f"Officials in {port} expect {20 + i} more volunteers to sign up before 2 April 2026.\n")
        (pile / f"{i:02d}-{port.lower()}.txt").write_text(text, encoding="utf-8")
        version = watcher.update()
        assert version is not None
        page = out.read_text(encoding="utf-8")
        assert one_page(page), f"version {version.number} takes more than one page"
    assert version.omitted and "To fit one page:" in page  # what was left out is said on the page


def test_every_reader_sees_a_whole_page_while_versions_are_written(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path]) -> None:
    pile, out = folders
    watcher, _ = make_watcher(folders, settings, Clock(), keep=2)
    drop(pile, "a-opening.txt")
    watcher.update()
    torn: list[int] = []
    reads = [0]
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            text = out.read_text(encoding="utf-8")
            reads[0] += 1
            if not (text.startswith("<!doctype html>") and text.rstrip().endswith("</html>")):
                torn.append(len(text))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for name in ("b-draft.txt", "c-arrival.txt"):
            drop(pile, name)
            watcher.update()
        for n in range(3):  # the same files again, changed: three more versions
            (pile / "c-arrival.txt").write_text(ARRIVAL + f"\nOfficials gave update number {n + 2}.\n")
            watcher.update()
    finally:
        done.set()
        reader.join()
    assert reads[0] > 10 and torn == []
    assert sorted(p.name for p in out.parent.iterdir()) == ["brief.1.html", "brief.2.html", "brief.html",
                                                            "brief.watch.json"]


def test_a_half_written_file_is_waited_for_until_it_stops_changing(tmp_path: Path) -> None:
    now = {"mono": 100.0, "wall": 1_000_000.0}
    arrivals = Arrivals(tmp_path, settle=1.0, monotonic=lambda: now["mono"], wall=lambda: now["wall"])
    path = tmp_path / "report.txt"

    def write(text: str) -> None:
        path.write_text(text)
        stamp_ns = int(now["wall"] * 1e9)
        import os

        os.utime(path, ns=(stamp_ns, stamp_ns))

    write("Rescue crews")
    assert arrivals.look().waiting == [path]
    now["mono"] += 0.5
    now["wall"] += 0.5
    write("Rescue crews reached the port")  # still growing
    look = arrivals.look()
    assert look.waiting == [path] and look.ready == []
    now["mono"] += 0.6
    now["wall"] += 0.6
    assert arrivals.look().waiting == [path]  # 0.6 s unchanged: not yet
    now["mono"] += 0.5
    now["wall"] += 0.5
    look = arrivals.look()
    assert look.ready == [path] and look.waiting == []
    # An old file found at the start is ready at once; the page and hidden or foreign files are not articles.
    (tmp_path / "old.md").write_text("An old report.")
    import os

    os.utime(tmp_path / "old.md", (now["wall"] - 60, now["wall"] - 60))
    for name in (".draft.txt", "notes.pdf", "brief.html", "brief.2.html"):
        (tmp_path / name).write_text("x")
    from briefer.batching.arrivals import own_pages

    arrivals = Arrivals(tmp_path, settle=1.0, exclude=own_pages(tmp_path / "brief.html"),
                        monotonic=lambda: now["mono"], wall=lambda: now["wall"])
    assert sorted(arrivals.look().ready) == [tmp_path / "old.md", path]


def test_a_file_that_changes_while_it_is_read_is_read_again_later(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer.read import sources

    pile, _ = folders
    watcher, _ = make_watcher(folders, settings, Clock())
    path = drop(pile, "a-opening.txt")
    real = sources.read_path
    calls = {"n": 0}

    def growing(p: Any, **kw: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:  # the writer appends while we read
            with open(path, "a", encoding="utf-8") as fh:
                fh.write("\nThe officers were greeted at the quay.\n")
        return real(p, **kw)

    monkeypatch.setattr(sources, "read_path", growing)
    assert watcher.update() is None and watcher.busy  # torn read thrown away; waiting
    version = watcher.update()
    assert version is not None and watcher.articles[path].text.rstrip().endswith("greeted at the quay.")


def test_the_history_is_kept_beside_the_page_and_a_broken_one_is_set_aside(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path]) -> None:
    pile, out = folders
    drop(pile, "a-opening.txt")
    watcher, _ = make_watcher(folders, settings, Clock())
    watcher.update()
    saved = json.loads(history_path(out).read_text())
    assert saved["versions"][0]["n"] == 1 and saved["articles"]["a-opening.txt"]["id"] == "a-opening"
    assert any(k.startswith("role:") and v["statuses"] == [[v["first"], "planned"]] for k, v in saved["items"].items())
    history_path(out).write_text("{not json")
    restarted = History.load(history_path(out))
    assert restarted.versions == [] and history_path(out).with_name("brief.watch.json.broken").exists()


def test_since_is_a_clock_time_or_an_iso_moment() -> None:
    now = datetime(2026, 3, 12, 9, 30, tzinfo=timezone.utc)
    assert parse_since("09:05", now) == now.replace(minute=5)
    assert parse_since("14:05", now) == now.replace(hour=14, minute=5) - timedelta(days=1)  # the last 14:05
    assert parse_since("2026-03-11T08:00+00:00", now) == datetime(2026, 3, 11, 8, tzinfo=timezone.utc)
    assert parse_since("2026-03-11T08:00", now).tzinfo is not None
    for bad in ("yesterday", "25:00", "14h05", ""):
        with pytest.raises(UsageError, match="is not a time"):
            parse_since(bad, now)


def test_bad_arguments_are_one_clear_error(settings: config.Settings, tmp_path: Path) -> None:
    (tmp_path / "pile").mkdir()
    session = Briefer(settings)
    for folder, out, kw, message in [
            (tmp_path / "none", tmp_path / "b.html", {}, "no such folder"),
            (tmp_path / "pile", tmp_path / "b.md", {}, "is an HTML page"),
            (tmp_path / "pile", tmp_path / "missing" / "b.html", {}, "does not exist"),
            (tmp_path / "pile", tmp_path / "b.html", {"keep": -1}, "--keep"),
            (tmp_path / "pile", tmp_path / "b.html", {"page": "a3"}, "unknown page size")]:
        with pytest.raises(UsageError, match=message):
            Watcher(folder, out, session, **kw)


@pytest.fixture
def stopper() -> Iterator[threading.Event]:
    stop = threading.Event()
    yield stop
    stop.set()


@pytest.mark.parametrize("poll", [False, True], ids=["file-events", "polling"])
def test_the_watch_loop_updates_on_file_events_until_stopped(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path], stopper: threading.Event,
        poll: bool) -> None:
    pile, out = folders
    drop(pile, "a-opening.txt")
    versions: list[Version] = []
    arrived = threading.Condition()

    def on_version(version: Version) -> None:
        with arrived:
            versions.append(version)
            arrived.notify_all()

    def wait_for(n: int) -> None:
        with arrived:
            assert arrived.wait_for(lambda: len(versions) >= n, timeout=30), f"version {n} never came"

    result: dict[str, Any] = {}
    said: list[str] = []
    thread = threading.Thread(target=lambda: result.update(done=watch(
        pile, out, settings=settings, settle=0.2, poll=poll, stop=stopper, on_version=on_version,
        serve=0 if poll else None, report=said.append)))
    thread.start()
    try:
        wait_for(1)
        drop(pile, "b-draft.txt")
        wait_for(2)
        assert versions[1].added == ["b-draft.txt"] and "Kenji Sato" in out.read_text(encoding="utf-8")
        assert said[0].startswith(f"watching {pile} for articles; the brief is {out}")
        if poll:  # served too, on a port the system chose
            import urllib.request

            url = said[1].removeprefix("serving the page on ")
            assert url.startswith("http://127.0.0.1:")
            with urllib.request.urlopen(url + "version", timeout=10) as response:
                assert json.load(response) == {"version": 2}
    finally:
        stopper.set()
        thread.join(timeout=30)
    assert not thread.is_alive() and [v.number for v in result["done"]] == [1, 2]


def test_serve_gives_the_page_and_its_version_on_loopback(
        labelled: FakeOpenAI, settings: config.Settings, folders: tuple[Path, Path]) -> None:
    import urllib.request

    from briefer.batching.serve import PageServer

    pile, out = folders
    server = PageServer(0).start()
    try:
        watcher, _ = make_watcher(folders, settings, Clock(), server=server)
        drop(pile, "a-opening.txt")
        watcher.update()
        with urllib.request.urlopen(server.url + "version", timeout=10) as response:
            assert json.load(response) == {"version": 1}
        with urllib.request.urlopen(server.url, timeout=10) as response:
            served = response.read().decode()
        assert 'fetch("/version"' in served and "http-equiv" not in served
        assert still(served) == still(out.read_text(encoding="utf-8"))  # the same page, reloaded another way
        with pytest.raises(UsageError, match="cannot listen"):
            PageServer(int(server.url.rsplit(":", 1)[1].strip("/")))
    finally:
        server.stop()
