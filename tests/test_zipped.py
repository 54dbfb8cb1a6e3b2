"""mcdocgen.publish.zipped: zips written from kept deflate streams are the bytes zipfile writes."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest

from mcdocgen.publish.zipped import DATE, LEVEL, MODE, deflate, zip_bytes, zip_entries


def _zipfile(files: dict[str, bytes], folder: str) -> bytes:
    """The zip as zipfile writes it with the same choices."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=DATE)
            info.create_system = 3
            info.external_attr = MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path], compresslevel=LEVEL)
    return buffer.getvalue()


@pytest.mark.parametrize("files", [
    {},
    {"index.html": b"<p>home</p>" * 500, "a/b.css": b"", "fonts/x.woff2": bytes(range(256)) * 40},
    {"problems/caf\u00e9/index.html": "<p>\u00e9\u00e8</p>".encode()},  # a name in UTF-8 carries its flag
])
def test_a_zip_from_kept_streams_is_byte_for_byte_what_zipfile_writes(files: dict[str, bytes]) -> None:
    made = zip_bytes(files, "site")
    assert made == _zipfile(files, "site")
    assert zip_entries({path: deflate(data) for path, data in reversed(files.items())}, "site") == made
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == {f"site/{p}": d for p, d in files.items()}


def test_a_kept_stream_inflates_to_its_bytes() -> None:
    entry = deflate(b"abc" * 1000)
    assert (zlib.decompress(entry.data, -15), entry.size, entry.crc) == (b"abc" * 1000, 3000, zlib.crc32(b"abc" * 1000))
