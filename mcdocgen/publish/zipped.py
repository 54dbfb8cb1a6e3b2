"""Zip files that are a function of their content (sorted entries, fixed timestamps, modes and
compression), written from deflate streams that can be kept between builds: the offline archive
(:mod:`mcdocgen.publish.archive`) compresses only the files that changed."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can store
_DOS_TIME, _DOS_DATE = 0, (DATE[0] - 1980) << 9 | DATE[1] << 5 | DATE[2]  # DATE as a zip stores it
_VERSION = 20  # the zip version that deflate needs, as zipfile writes it
_UTF8_NAME = 0x800  # the flag of a name in UTF-8
LEVEL = 6  # 9: 0.7% smaller, twice as slow
MODE = 0o100644  # a regular file, read by all


@dataclass(frozen=True)
class Deflated:
    """One file as the zip holds it: its raw deflate stream (what zipfile writes at level 6), the
    CRC-32 and size of its bytes."""

    data: bytes
    crc: int
    size: int


def deflate(data: bytes) -> Deflated:
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)  # zipfile's own compressor for ZIP_DEFLATED
    return Deflated(packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))


def zip_bytes(files: Mapping[str, bytes], folder: str) -> bytes:
    """A zip of ``files`` under ``folder``/, the same bytes for the same files: sorted entries,
    fixed timestamps, modes and compression."""
    return zip_entries({path: deflate(data) for path, data in files.items()}, folder)


def zip_entries(entries: Mapping[str, Deflated], folder: str) -> bytes:
    """A zip of the deflated ``entries`` under ``folder``/: the bytes zipfile writes for them
    (tests/test_archive.py compares), from streams compressed once and kept (zipfile takes only
    bytes it compresses itself). Sorted entries, fixed timestamps and modes."""
    out, central = io.BytesIO(), io.BytesIO()
    for path in sorted(entries):
        entry, name = entries[path], f"{folder}/{path}".encode()
        fields = (_VERSION, 0, 0 if name.isascii() else _UTF8_NAME, zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE,
                  entry.crc, len(entry.data), entry.size, len(name), 0)
        central.write(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", _VERSION, 3, *fields, 0, 0, 0, MODE << 16,
                                  out.tell()) + name)
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", *fields) + name + entry.data)
    start = out.tell()
    out.write(central.getvalue())
    count = len(entries)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central.getvalue()), start, 0))
    return out.getvalue()
