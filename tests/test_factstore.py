from linter import packing
from linter.factstore import FactStore


def test_facts_come_back_in_file_order_whatever_order_they_arrived_in():
    store = FactStore()
    for n in (5, 1, 3):
        store.add(n, {"AAA001": packing.packed({"title": f"file {n}", "words": ["w", n]}), "BBB002": packing.packed(n)})
    store.add(2, {"BBB002": packing.packed(None)})
    assert store.take("AAA001") == [[1, {"title": "file 1", "words": ["w", 1]}], [3, {"title": "file 3", "words": ["w", 3]}],
                                    [5, {"title": "file 5", "words": ["w", 5]}]]
    assert store.take("BBB002") == [[1, 1], [2, None], [3, 3], [5, 5]]


def test_a_rule_without_facts_gets_none_and_facts_are_taken_once():
    store = FactStore()
    store.add(0, {"AAA001": packing.packed("caf\udce9")})  # an undecodable byte of a file name, kept
    assert store.take("CCC003") == []
    assert store.take("AAA001") == [[0, "caf\udce9"]]
    assert store.take("AAA001") == []


def test_many_files_facts_survive_the_compression():
    store = FactStore()
    values = {n: {"url": f"https://example.com/{n}", "paragraphs": [str(n * 7919)] * (n % 5)} for n in range(20_000)}
    for n in reversed(range(20_000)):
        store.add(n, {"AAA001": packing.packed(values[n])})
    assert store.take("AAA001") == [[n, values[n]] for n in range(20_000)]
