"""mcdocgen.catalog.source: the bytes, their encoding and their YAML; what a catalog may not be is
refused with one located line, in bounded time."""

from __future__ import annotations

from catalog_support import BASE, diagnostics_of, load_catalog, only_error, replaced
from cpu_support import CpuClock


def test_two_yaml_documents_are_refused(tmp_path):
    assert only_error(tmp_path, BASE + "---\n" + BASE) == (
        "12:1: invalid YAML: the file holds more than one YAML document ('---'); a catalog is one document [yaml-syntax]"
    )


def test_control_characters_are_refused_with_their_line(tmp_path):
    assert only_error(tmp_path, replaced("title: Demo", "title: De\x01mo")) == (
        "3:14: the file contains the control character #x0001, which YAML does not allow [yaml-syntax]"
    )


def test_comment_only_file_is_empty(tmp_path):
    assert only_error(tmp_path, "# nothing here\n\n") == (
        "1: the catalog is empty (expected 'problems:' with a list of problems) [empty-catalog]"
    )


def test_deeply_nested_yaml_is_refused_quickly(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("problems: " + "[" * 5000 + "]" * 5000 + "\n")
    clock = CpuClock()
    (line,) = diagnostics_of(path)
    assert clock.seconds() < 5
    assert line == f"{path}:1:1010: the YAML is nested too deeply (more than 40 levels) [yaml-too-deep]"


def test_utf8_with_bom_and_crlf_loads(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode())
    assert load_catalog(path).problems[0].id == "demo"


def test_missing_file_is_a_catalog_error(tmp_path):
    (line,) = diagnostics_of(tmp_path / "nope.yaml")
    assert line == f"{tmp_path / 'nope.yaml'}:1: cannot read the catalog: No such file or directory [cannot-read]"


def test_file_larger_than_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # sparse: nothing is written
    (line,) = diagnostics_of(path)
    assert line == f"{path}:1: the catalog is too large (6.0 MB; the limit is 5 MB) [too-large]"


def test_one_megabyte_catalog_loads_in_bounded_time(tmp_path):
    body = BASE.split("problems:\n", 1)[1]
    chunks, size, k = ["problems:\n"], 0, 0
    while size < 1_000_000:
        chunk = body.replace("id: demo", f"id: demo-{k}")
        chunks.append(chunk)
        size += len(chunk)
        k += 1
    path = tmp_path / "big.yaml"
    path.write_text("".join(chunks))
    clock = CpuClock()
    catalog = load_catalog(path)
    assert len(catalog.problems) == k
    assert clock.seconds() < 30
