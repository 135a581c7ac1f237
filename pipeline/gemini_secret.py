"""The Gemini API key as stored in Secrets Manager (``build.py secrets set gemini-api-key``): one reading of it
for the analysis task and the nutrition Lambda."""

from __future__ import annotations

import json

#: JSON fields that may hold the key when the secret is a JSON object (``secrets set`` stores a plain string).
KEY_FIELDS = ("api_key", "GEMINI_API_KEY")
HOW_TO_STORE = "store it with `python build.py secrets set gemini-api-key` (a plain string, or JSON with \"api_key\")"


def api_key_from_secret(secret_string: str | None) -> str:
    """The key in a secret's ``SecretString``: the whole (stripped) string, or the first of :data:`KEY_FIELDS`
    of a JSON object; ``""`` when it holds none."""
    text = (secret_string or "").strip()
    if not text.startswith("{"):
        return text
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    if not isinstance(parsed, dict):
        return ""
    return next((str(parsed[name]).strip() for name in KEY_FIELDS if parsed.get(name)), "")
