"""The Jinja environment of the model prompts (``compose/templates/``), StrictUndefined.

Built-in templates ship in the package. ``--prompts DIR`` puts a user's folder in front of them (a
user may override one template and keep the rest) in a sandboxed environment.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefer.errors import ConfigError

PROMPT_NAMES = ("system", "articles", "who", "role", "points", "summary")


@functools.lru_cache(maxsize=8)
def environment(prompts: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.PackageLoader("briefer.compose", "templates")]
    cls: type[jinja2.Environment] = jinja2.Environment
    if prompts is not None:
        loaders.insert(0, jinja2.FileSystemLoader(str(prompts)))
        cls = SandboxedEnvironment
    # The package's own templates do not change while it runs: no file check before every render.
    return cls(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
               autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
               keep_trailing_newline=False, trim_blocks=False, auto_reload=prompts is not None)


def render(name: str, prompts: Path | None = None, **context: Any) -> str:
    """Render the prompt template ``<name>.j2`` with ``context``."""
    template = name if "." in name else f"{name}.j2"
    try:
        return environment(prompts).get_template(template).render(**context).strip()
    except jinja2.TemplateNotFound:
        raise ConfigError(f"template {template} not found", hint="check --prompts DIR") from None
    except jinja2.UndefinedError as exc:
        raise ConfigError(f"template {template} uses an unknown variable: {exc.message}",
                          hint="a --prompts template may use only the variables the built-in one uses") from None
    except jinja2.TemplateError as exc:
        raise ConfigError(f"template {template} is broken: {exc}", hint="fix the template in --prompts") from None


@functools.lru_cache(maxsize=16)  # once per process and prompts folder: it reads every template
def version(prompts: Path | None = None, names: tuple[str, ...] = PROMPT_NAMES) -> str:
    """A hash of the prompt templates' sources: part of what decides an answer."""
    env = environment(prompts)
    digest = hashlib.sha256()
    assert env.loader is not None
    for name in names:
        source, _, _ = env.loader.get_source(env, f"{name}.j2")
        digest.update(source.encode())
    return digest.hexdigest()[:16]


def nonce(texts: Sequence[str]) -> str:
    """An article delimiter code the article cannot forge: a hash of the articles themselves."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:12]
