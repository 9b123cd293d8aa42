"""Time the cross-file rules' report() step on synthetic facts, to show it grows linearly.

    python bench/crossfile_scale.py                 # 10,000 and 100,000 files
    python bench/crossfile_scale.py 1000 10000 100000 --vocabulary 300

For each size N it synthesises the facts N files would give `duplicate-article` (DUP001) and
`duplicate-title` (DUP002): Zipf-distributed headline words (a few very common words such as
"microsoft", "power", "apps", a long tail of rare ones), URLs on a few hundred hosts, and about
1% exact duplicates (a URL variant, a re-cased or mojibake title) and 1% near-duplicate titles
(a dropped or misspelt word). It then times report() alone (the once-per-run step; collect() runs
per file in the workers and is timed with the rest of the per-file work) and prints the time,
the findings, the ratio to the previous size, and for duplicate-title the number of title
comparisons: linear growth gives a ratio close to the size ratio (10x from 10,000 to 100,000), a
quadratic step would give ~100x. CPU time also grows a little faster than the work because large
dicts no longer fit the CPU caches; the comparison count is the machine-independent measure.

`--vocabulary W` shrinks the word list to W words (an adversarial corpus where every word is
common: the block cap must keep the candidate lists bounded).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rules.crossfile import duplicate_article, duplicate_title  # noqa: E402
from rules.crossfile._titles import title_key  # noqa: E402
from rules.urls.normalize import canonical_url  # noqa: E402

COMMON = ["microsoft", "power", "apps", "ai", "new", "the", "to", "for", "and", "of", "with", "in", "on", "how", "data"]


def vocabulary(size: int, rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = set(COMMON)
    while len(words) < size:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(3, 10))))
    return COMMON + sorted(words - set(COMMON))


def synthesise(n: int, vocab_size: int, seed: int = 7):
    rng = random.Random(seed)
    vocab = vocabulary(vocab_size, rng)
    cumulative, total = [], 0.0
    for rank in range(len(vocab)):
        total += 1.0 / (rank + 1) ** 1.05
        cumulative.append(total)
    hosts = [f"site{h}.example.com" for h in range(300)]
    titles, urls = [], []
    for i in range(n):
        r = rng.random()
        if i and r < 0.01:  # an exact duplicate of an earlier story: URL variant, re-cased title
            j = rng.randrange(i)
            titles.append(titles[j].upper())
            urls.append(urls[j].replace("https://", "http://www.") + "/?utm_source=feed")
            continue
        if i and r < 0.02:  # a near-duplicate title (one word dropped), its own URL
            words = titles[rng.randrange(i)].split()
            if len(words) > 6:
                del words[rng.randrange(1, len(words))]
            titles.append(" ".join(words))
        else:
            titles.append(" ".join(rng.choices(vocab, cum_weights=cumulative, k=rng.randint(6, 13))).capitalize())
        urls.append(f"https://{rng.choice(hosts)}/{2015 + i % 10}/{i:07d}-{rng.randrange(10**6)}")
    article, title = {}, {}
    for i in range(n):
        path = f"_news/{i:07d}.md"
        title[path] = [titles[i], title_key(titles[i]), 3, 8, 3, 10 + len(titles[i]), "", "", [], ""]  # no language, body or slug
        article[path] = [[canonical_url(urls[i]), "webUrl", urls[i], 6, 9, 6, 11 + len(urls[i])]]
    return article, title


COMPARED = [0]  # titles handed to rapidfuzz in the last report() of duplicate-title


def count_comparisons() -> None:
    """Wrap rapidfuzz's batch scorer to count the title comparisons (the work that a quadratic
    step would blow up), independent of machine speed and memory effects."""
    from rapidfuzz import process

    real = process.extract

    def extract(query, choices, **kwargs):
        COMPARED[0] += len(choices)
        return real(query, choices, **kwargs)

    process.extract = extract


def timed(rule, facts, options, repeat: int = 3):
    """Best of `repeat` runs, in CPU seconds of this process (other load on the machine does
    not count), and the number of findings."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        COMPARED[0] = 0
        start = time.process_time()
        count = sum(1 for _ in rule.report(facts, options))
        best = min(best, time.process_time() - start)
    return best, count


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    p.add_argument("--vocabulary", type=int, default=50_000, help="distinct words (default 50,000)")
    p.add_argument("--threshold", type=int, default=92)
    args = p.parse_args(argv)
    count_comparisons()
    print(f"{'files':>9} {'rule':<18} {'cpu s':>8} {'findings':>9} {'x previous':>11} {'comparisons':>12}")
    previous: dict[str, float] = {}
    for n in args.sizes:
        article, title = synthesise(n, args.vocabulary)
        for rule, facts, options in (
            (duplicate_article, article, {}),
            (duplicate_title, title, {"threshold": args.threshold}),
        ):
            timed(rule, facts, options, 1)  # warm up: lazy imports
            seconds, count = timed(rule, facts, options)
            ratio = f"{seconds / previous[rule.NAME]:.1f}" if rule.NAME in previous else "-"
            previous[rule.NAME] = seconds
            compared = COMPARED[0] if rule is duplicate_title else "-"
            print(f"{n:>9} {rule.NAME:<18} {seconds:>8.3f} {count:>9} {ratio:>11} {compared:>12}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
