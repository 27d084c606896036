"""``briefer batch -f pdf``: one page of PDF per brief, as ``briefer brief -o x.pdf`` writes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.support.fakes import labeller, run
from tests.support.fakeserver import FakeOpenAI

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")


@pytest.mark.parametrize("workers", ["1", "2"])  # made in this process, or sent back as bytes by workers
def test_batch_writes_one_pdf_page_per_brief(remote_env: FakeOpenAI, articles: Path, tmp_path: Path,
                                             workers: str) -> None:
    remote_env.handler = labeller
    out = tmp_path / "out"
    code, _, err = run("batch", str(articles), "-o", str(out), "-f", "pdf", "-j", "2", "--workers", workers)
    assert code == 0, err
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == ["a.pdf", "b.pdf", "group.pdf"]
    for name in pdfs:
        data = (out / name).read_bytes()
        assert data.startswith(b"%PDF")
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1
        assert "Carney" in reader.pages[0].extract_text()
    # a rerun skips them: the journal knows the PDFs
    code, _, err = run("batch", str(articles), "-o", str(out), "-f", "pdf")
    assert code == 0 and "3 skipped" in err


def test_batch_pdf_without_weasyprint_fails_before_any_call(remote_env: FakeOpenAI, articles: Path,
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefer.errors import SetupError
    from briefer.render import pdf

    def missing() -> None:
        raise SetupError("PDF output needs WeasyPrint", hint=pdf.INSTALL_HINT)

    monkeypatch.setattr(pdf, "require", missing)
    code, _, err = run("batch", str(articles), "-o", str(tmp_path / "out"), "-f", "pdf")
    assert code == 1 and "WeasyPrint" in err and err.count("\n") == 1
    assert remote_env.requests == []
