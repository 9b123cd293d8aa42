"""JSON Pointer (RFC 6901) helpers."""

from __future__ import annotations


def escape(token: object) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def join(base: str, token: object) -> str:
    return f"{base}/{escape(token)}"


def split(pointer: str) -> list[str]:
    if not pointer:
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def from_path(path) -> str:
    """Pointer for a sequence of keys/indexes (e.g. a jsonschema error's absolute_path)."""
    return "".join("/" + escape(p) for p in path)


def parent(pointer: str) -> str:
    return pointer[: pointer.rfind("/")] if pointer else ""


def last(pointer: str) -> str:
    tokens = split(pointer)
    return tokens[-1] if tokens else ""
