"""briefer: one-page, quote-grounded briefs of news articles.

    from briefer import brief, render
    b = brief(["article.txt"])          # embedded local model, or OPENAI_BASE_URL / OPENAI_API_KEY
    print(render.to_markdown(b))
    result = batch("articles/", "briefs/")   # many briefs: concurrent, cached, resumable
    watch("pile/", "brief.html")             # one brief kept current as articles arrive (until Ctrl-C)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from briefer.config import VERSION

__version__ = VERSION

__all__ = ["Brief", "BriefError", "Briefer", "batch", "brief", "evaluate", "watch"]

if TYPE_CHECKING:
    from briefer.api import Briefer, brief
    from briefer.batching.run import batch
    from briefer.batching.watch import watch
    from briefer.errors import BriefError
    from briefer.evals import evaluate
    from briefer.schema import Brief

_LAZY = {"brief": "briefer.api", "Briefer": "briefer.api", "Brief": "briefer.schema",
         "BriefError": "briefer.errors", "evaluate": "briefer.evals", "batch": "briefer.batching.run",
         "watch": "briefer.batching.watch"}


def __getattr__(name: str) -> object:  # imports on first use: `import briefer` stays instant
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'briefer' has no attribute {name!r}")
