"""mcdocgen.commands.handout: the command's cache (the build's: derivations and PDFs reused)."""

from __future__ import annotations

from mcdocgen.cli import main
from mcdocgen.commands import handout as CH
from mcdocgen.commands.pipeline import run_catalog
from mcdocgen.publish import latexmk as X

from test_handout import SMALL, need


def test_the_handout_command_reuses_the_build_cache_and_no_cache_reads_none(tmp_path, capsys, monkeypatch):
    """Run again on the same catalog: no problem derived, no PDF compiled (the catalog's folder's
    .mcdocgen/cache, where `mcdocgen build` keeps them too), the same bytes; --no-cache does it all again."""
    need("latexmk", "pdflatex")
    path = tmp_path / "derivations.yaml"
    path.write_text(SMALL)
    argv = ["handout", "--catalog", str(path), "-o", str(tmp_path / "out")]
    assert main(argv) == 0, capsys.readouterr().err
    first = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    assert sorted(first) == ["handout-exercises.pdf", "handout-exercises.tex", "handout-solutions.pdf",
                             "handout-solutions.tex"]
    assert list((tmp_path / ".mcdocgen" / "cache" / "pdf").iterdir())
    derived, compiled = [], []
    monkeypatch.setattr(CH, "run_catalog", lambda cat, *a, **k: derived.append(cat) or run_catalog(cat, *a, **k))
    real_compile = X.compile_pdf
    monkeypatch.setattr(X, "compile_pdf", lambda tex, job: compiled.append(job) or real_compile(tex, job))
    assert main(argv) == 0, capsys.readouterr().err
    assert derived == [] and compiled == []
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == first
    assert main([*argv, "--no-cache"]) == 0, capsys.readouterr().err
    assert len(derived) == 1 and sorted(compiled) == ["handout-exercises", "handout-solutions"]
