"""``briefer setup``: build the embedded runtime, assemble the model, and prove both with a real generation."""

from __future__ import annotations

from briefer.config import DEFAULT_LOCAL_MODEL
from briefer.errors import SetupError
from briefer.model import install
from briefer.model.local import LocalServer


def smoke_test(key: str = DEFAULT_LOCAL_MODEL) -> str:
    """Prove the runtime with a real multi-token generation (a 1-token decode hides the AMX crash)."""
    with LocalServer(model=install.verify_model(key), ctx=2048) as server:
        text = server.complete_plain("Count from one to five in words, separated by spaces.", max_tokens=24)
    if len(text.split()) < 3:
        raise SetupError(f"the local runtime produced too little text ({text!r}): rebuild with "
                         "`briefer setup --rebuild`")
    return text


def setup(model: str = DEFAULT_LOCAL_MODEL, rebuild: bool = False) -> dict[str, str]:
    """Install everything the embedded model needs and prove it; returns what was installed."""
    if model not in install.MODELS:
        raise SetupError(f"unknown local model {model!r}: choose one of {', '.join(install.MODELS)}")
    server = install.build_server(force=rebuild)
    path = install.assemble_model(model)
    text = smoke_test(model)
    return {"server": str(server), "model": str(path), "smoke": text.strip()}
