"""The Lambda runtime: cold start within 3 s, no torch, and a numpy encoder equal to the reference model."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
COLD_START = """
import json, os, sys, time
os.environ["KNOWLEDGE_BASE_URI"] = sys.argv[1]
started = time.perf_counter()
from lambdas.nutrition_rag.handler import engine_from_environment
imported = time.perf_counter()
engine = engine_from_environment()
engine.kb.encoder
loaded = time.perf_counter()
engine.matcher.match("grilled chicken breast")
matched = time.perf_counter()
print(json.dumps({"import_s": imported - started, "load_s": loaded - imported, "first_match_s": matched - loaded,
                  "torch": "torch" in sys.modules, "transformers": "transformers" in sys.modules}))
"""


def measure_cold_start(kb_path: Path) -> dict:
    """Import + knowledge-base load in a fresh interpreter, as a Lambda cold start does (seconds)."""
    done = subprocess.run([sys.executable, "-c", COLD_START, str(kb_path)], cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=True, env={"PATH": "/usr/bin:/bin", "POWERTOOLS_LOG_LEVEL": "WARNING",
                                                       "AWS_DEFAULT_REGION": "us-east-1"})
    return json.loads(done.stdout.strip().splitlines()[-1])


REFERENCE = ("import time; started = time.perf_counter(); import numpy, pydantic, tokenizers, aws_lambda_powertools; "
             "print(time.perf_counter() - started)")
"""The third-party imports the handler cannot avoid, timed in a fresh interpreter: the unit of a cold start."""
COLD_START_IN_REFERENCES = 25
"""Import + knowledge-base load, in reference imports: 9-13 measured when set (2-3 s for 0.2-0.3 s on a
shared machine); a dependency as heavy as torch or a load that re-reads the data would pass it."""


def measure_reference() -> float:
    done = subprocess.run([sys.executable, "-c", REFERENCE], cwd=REPO, capture_output=True, text=True, timeout=120,
                          check=True, env={"PATH": "/usr/bin:/bin", "AWS_DEFAULT_REGION": "us-east-1"})
    return float(done.stdout.strip().splitlines()[-1])


def test_cold_start_is_a_few_reference_imports_without_torch(kb_path: Path) -> None:
    """A ratio measured in one run, not absolute seconds: a busy machine slows both sides. (The goal of
    3 s on Lambda is the README's figure, measured by benchmarks/nutrition.py.)"""
    reference = min(measure_reference() for _ in range(2))
    timings = min((measure_cold_start(kb_path) for _ in range(2)), key=lambda t: t["import_s"] + t["load_s"])
    assert not timings["torch"] and not timings["transformers"]
    assert timings["import_s"] + timings["load_s"] <= COLD_START_IN_REFERENCES * reference, (timings, reference)


def test_numpy_encoder_matches_the_reference_model(kb) -> None:
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from pipeline.nutrition.encoder import bundled_model_dir

    texts = ["broccoli", "Egg, white, dried", "grilled chicken breast with a long tail of extra words to pad"]
    model_dir = str(bundled_model_dir())
    tokenizer = transformers.AutoTokenizer.from_pretrained(model_dir)
    model = transformers.AutoModel.from_pretrained(model_dir).eval()
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    reference = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()
    ours = kb.encoder.encode(texts)
    assert np.allclose((ours * reference).sum(1), 1.0, atol=1e-3)   # float16 weights: cosine > 0.999


def test_many_texts_are_encoded_on_several_threads_each_batch_as_on_one(kb, monkeypatch) -> None:
    """The knowledge-base build embeds thousands of descriptions: its batches run on one thread per CPU,
    with the same embeddings, and the progress it reports still counts up in order."""
    from pipeline.nutrition import encoder

    texts = [f"{food}, {form}" for food in ("apple", "rice, white", "chicken breast", "Egg, white, dried", "kale")
             for form in ("raw", "boiled", "baked with a long tail of extra words", "canned", "dried", "NFS")] * 3
    threads: set[int] = set()
    forward = kb.encoder._forward

    def counting_forward(batch: list[str]):
        threads.add(threading.get_ident())
        return forward(batch)

    monkeypatch.setattr(kb.encoder, "_forward", counting_forward)
    monkeypatch.setattr(encoder, "available_cpus", lambda: 1)
    one_thread = kb.encoder.encode(texts, batch_size=4)
    assert len(threads) == 1
    threads.clear()
    monkeypatch.setattr(encoder, "available_cpus", lambda: 3)
    progress: list[int] = []
    several = kb.encoder.encode(texts, batch_size=4, on_batch=progress.append)
    assert len(threads) > 1
    assert np.array_equal(several, one_thread)
    assert progress == [*range(4, len(texts), 4), len(texts)]
