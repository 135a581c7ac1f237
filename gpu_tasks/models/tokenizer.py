"""A CLIP-style byte-level BPE tokenizer built offline for random-initialised text towers.

Its first 512 entries are the byte alphabet with and without the end-of-word marker, like CLIP's;
merges spell out every word of the prompts so each food name becomes a few tokens (OWL text towers
read at most 16). The special tokens take the top two ids, as in CLIP, because OWL pools the text
at the highest id of each sequence.
"""

from __future__ import annotations

from typing import Iterable

from transformers import CLIPTokenizer
from transformers.convert_slow_tokenizer import bytes_to_unicode

END = "</w>"


def _word_merges(word: str) -> list[tuple[str, str]]:
    symbols = list(word[:-1]) + [word[-1] + END]
    merges = []
    while len(symbols) > 1:
        merges.append((symbols[0], symbols[1]))
        symbols = [symbols[0] + symbols[1]] + symbols[2:]
    return merges


def build_clip_tokenizer(texts: Iterable[str], vocab_size: int) -> CLIPTokenizer:
    """A tokenizer covering every byte, with whole-word merges for the words of ``texts``."""
    alphabet = list(bytes_to_unicode().values())
    vocab: dict[str, int] = {}
    for symbol in alphabet + [s + END for s in alphabet]:
        vocab.setdefault(symbol, len(vocab))
    byte_map = bytes_to_unicode()
    merges: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for text in texts:
        for raw in text.lower().split():
            word = "".join(byte_map[b] for b in raw.encode("utf-8"))
            for pair in _word_merges(word):
                if pair in seen or len(vocab) >= vocab_size - 2:
                    continue
                seen.add(pair)
                merges.append(pair)
                vocab.setdefault(pair[0] + pair[1], len(vocab))
    vocab["<|startoftext|>"] = vocab_size - 2
    vocab["<|endoftext|>"] = vocab_size - 1
    tokenizer = CLIPTokenizer(vocab=vocab, merges=merges)
    tokenizer.model_max_length = 16
    return tokenizer
