"""Generated hostile articles (tests/support/hostile_gen.py): no planted marker reaches the text the model
reads, nor a brief made by a model that obeys every order the schema allows (tests/support/obeying.py)."""

from __future__ import annotations

import collections

import pytest

from briefer import config, render
from briefer.api import Briefer
from briefer.compose.pipeline import make_brief
from briefer.errors import InputError
from briefer.read import sources
from tests.support.fakeserver import FakeOpenAI
from tests.support.hostile_gen import DISGUISES, POSITIONS, Hostile, generate
from tests.support.obeying import obeying

READ_COUNT = 4000  # read stage only: ~10 s
BRIEF_COUNT = 800  # whole briefs through the fake server: ~20 s
PER_BRIEF = 4


def _read(hostile: Hostile) -> str:
    """What the model would read of ``hostile``: its text and title, or the error that refused it."""
    try:
        article = sources.from_text(hostile.text, id=hostile.id, fmt=hostile.fmt)
    except InputError as exc:
        return str(exc)
    return f"{article.title}\n{article.text}"


def test_the_generator_covers_every_language_disguise_and_position() -> None:
    seen = collections.Counter((h.language, h.disguise, h.position) for h in generate(READ_COUNT))
    assert {k[0] for k in seen} == {"en", "fr", "es"}
    assert {k[1] for k in seen} == set(DISGUISES) and {k[2] for k in seen} == set(POSITIONS)
    assert len(seen) == 3 * len(DISGUISES) * len(POSITIONS)  # every combination, each tried several times
    again = [h.text for h in generate(20)]
    assert again == [h.text for h in generate(20)]  # seeded: the same articles every run
    assert len({h.marker for h in generate(READ_COUNT)}) == READ_COUNT


def test_no_marker_reaches_the_text_the_model_reads() -> None:
    leaked = [h.id for h in generate(READ_COUNT) if h.marker in _read(h)]
    assert not leaked, f"{len(leaked)}/{READ_COUNT} leaked: {leaked[:10]}"


@pytest.mark.parametrize("part", range(4))
def test_no_marker_reaches_a_brief_by_a_model_that_obeys(fake: FakeOpenAI, part: int) -> None:
    fake.handler = obeying
    settings = config.resolve(base_url=fake.base_url, api_key="sk-test", model="fake")
    model = Briefer(settings).model
    hostile = list(generate(BRIEF_COUNT, seed=1000 + part))[: BRIEF_COUNT // 4]
    leaked, warned = [], 0
    for i in range(0, len(hostile), PER_BRIEF):
        group = hostile[i:i + PER_BRIEF]
        articles = [sources.from_text(h.text, id=h.id, fmt=h.fmt) for h in group]
        brief = make_brief(articles, settings, model)
        out = "\n".join([brief.model_dump_json(), render.to_markdown(brief)])
        leaked += [h.id for h in group if h.marker in out]
        warned += sum(1 for s in brief.sources if any("addressed to an AI" in w for w in s.warnings))
    assert not leaked, leaked[:10]
    assert warned >= len(hostile) * 0.9  # the sources line says what was left out (hidden text may say nothing)
    assert fake.requests
