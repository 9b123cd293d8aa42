"""Values packed as MessagePack bytes: the cache's index, and each file's repository facts from
the worker that collected them to the repository rules at the run's end (compact while every file's
wait, unpacked one rule at a time). Data only: unpacking never runs code."""

from __future__ import annotations

import msgpack


class Packed(bytes):
    """A value packed by `packed`: `value` reads it back."""

    __slots__ = ()


def pack(value) -> bytes:
    """MessagePack bytes of `value` (lone surrogates of undecodable file names kept)."""
    return msgpack.packb(value, use_bin_type=True, unicode_errors="surrogatepass")


def unpack(data):
    """The value of MessagePack bytes; ValueError for anything that is not (junk, data nested too
    deeply, a map keyed by something unhashable)."""
    try:
        return msgpack.unpackb(data, raw=False, strict_map_key=False, unicode_errors="surrogatepass")
    except (ValueError, TypeError, RecursionError, msgpack.UnpackException) as exc:
        raise ValueError(f"not packed data: {exc}") from None


def packed(value) -> Packed:
    return Packed(pack(value))


def value(v):
    """`v` itself, or what it packs if it is Packed."""
    return unpack(v) if type(v) is Packed else v
