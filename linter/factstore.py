"""Every file's facts for the repository rules, from when they are collected (by a worker process,
or read from the cache) until the rules run at the end: one compressed stream per rule, read back
one rule at a time. For 100,000 files the packed facts are 80 MB, and a dict and a bytes object per
file and rule held them in some 40 MB more; compressed by zlib's fastest level they are 18 MB (the
compression costs about 1% of a run's CPU time). Read back, each distinct string is made once
per rule: a rule's facts repeat the same words file after file (for 100,000 files, title-slug-
mismatch's facts took 130 MB unpacked with a string per occurrence, 65 MB with each made once)."""

from __future__ import annotations

import struct
import zlib
from operator import itemgetter
from typing import Any

import msgpack

from linter import packing

_FIRST = itemgetter(0)
# MessagePack: an array of two values, the first a 32-bit unsigned number (the file's), then the
# packed facts. Made by hand: msgpack's own packer costs 0.4 us a call, more than the rest.
_PAIR = struct.Struct(">BBI").pack
BLOCK = 1 << 16  # bytes gathered before they are compressed: zlib is called once for many files


class _Stream:
    """One rule's facts: a [file number, facts] pair for each file, packed, compressed."""

    def __init__(self) -> None:
        self._compressor = zlib.compressobj(1)
        self._parts: list[bytes] = []
        self._pending = bytearray()

    def add(self, number: int, value: packing.Packed) -> None:
        pending = self._pending
        pending += _PAIR(0x92, 0xCE, number)
        pending += value
        if len(pending) >= BLOCK:
            self._parts.append(self._compressor.compress(pending))
            pending.clear()

    def read(self) -> list[list]:
        self._parts += [self._compressor.compress(self._pending), self._compressor.flush()]
        seen: dict[str, str] = {}

        def shared(values: list) -> list:  # each string once: facts repeat words file after file
            return [seen.setdefault(v, v) if type(v) is str else v for v in values]

        unpacker = msgpack.Unpacker(raw=False, strict_map_key=False, unicode_errors="surrogatepass",
                                    max_buffer_size=0, list_hook=shared)
        decompressor = zlib.decompressobj()
        out: list = []
        for part in self._parts:
            unpacker.feed(decompressor.decompress(part))
            out.extend(unpacker)
        self._parts = []
        return out


class FactStore:
    def __init__(self) -> None:
        self._streams: dict[str, _Stream] = {}

    def add(self, number: int, facts: dict[str, packing.Packed]) -> None:
        """File `number`'s facts (packed) for each repository rule (once per file)."""
        for code, value in facts.items():
            stream = self._streams.get(code)
            if stream is None:
                stream = self._streams[code] = _Stream()
            stream.add(number, value)

    def take(self, code: str) -> list[tuple[int, Any]]:
        """Every file's facts for the rule `code`, unpacked, as (file number, facts) in the order of
        the numbers; the store keeps them no longer."""
        stream = self._streams.pop(code, None)
        return [] if stream is None else sorted(stream.read(), key=_FIRST)
