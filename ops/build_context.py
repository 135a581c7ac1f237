"""The files ``docker build`` sends from the repository root: what ``.dockerignore`` lets through.

``.dockerignore`` is the one list of the image's sources; this module reads it with Docker's rules
(moby's ``patternmatcher``) so the image tag (:func:`ops.image.source_digest`) and the tests see
exactly the context Docker sees. Rules: one pattern a line, ``#`` comments, a leading ``!`` re-includes,
the last matching pattern wins, a pattern that matches a folder matches everything in it, ``*`` and ``?``
stay within one path segment and ``**`` spans any number of them.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

DOCKERIGNORE_NAME = ".dockerignore"
_WILDCARDS = "*?["


@dataclass(frozen=True)
class Pattern:
    """One line of ``.dockerignore``: ``text`` (cleaned), compiled; ``include`` for ``!`` lines."""

    text: str
    regex: re.Pattern[str]
    include: bool

    def matches(self, path: str) -> bool:
        """True when this pattern matches ``path`` (slash-separated, relative) or one of its folders."""
        parts = path.split("/")
        return any(self.regex.fullmatch("/".join(parts[:end])) for end in range(len(parts), 0, -1))

    def may_match_inside(self, folder: str) -> bool:
        """Whether an ``!`` pattern could re-include something under ``folder`` (so it must be walked)."""
        literal = re.split(r"[*?\[]", self.text, maxsplit=1)[0]
        return literal.startswith(folder + "/") or (folder + "/").startswith(literal)


def _regex(pattern: str) -> re.Pattern[str]:
    out, i = "", 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**", i):
            i += 2
            if pattern.startswith("/", i):
                i += 1
            out += ".*" if i >= len(pattern) else "(.*/)?"
            continue
        out += {"*": "[^/]*", "?": "[^/]"}.get(char, char if char in "[]" else re.escape(char))
        i += 1
    return re.compile(out)


def parse_dockerignore(text: str) -> list[Pattern]:
    """The patterns of a ``.dockerignore`` file's ``text``, in order."""
    patterns = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        include = line.startswith("!")
        cleaned = posixpath.normpath(line[1:].strip() if include else line).lstrip("/")
        patterns.append(Pattern(cleaned, _regex(cleaned), include))
    return patterns


def is_excluded(path: str, patterns: list[Pattern]) -> bool:
    """Whether Docker leaves ``path`` (relative to the context, slash-separated) out of the context."""
    excluded = False
    for pattern in patterns:
        if pattern.include == excluded and pattern.matches(path):
            excluded = not pattern.include
    return excluded


def context_files(root: Path) -> list[str]:
    """Relative paths (slash-separated, sorted) of the files in the build context of ``root``.

    Excluded folders are not walked unless an ``!`` pattern could re-include something inside.
    """
    patterns = parse_dockerignore((root / DOCKERIGNORE_NAME).read_text(encoding="utf-8"))
    includes = [p for p in patterns if p.include]
    files: list[str] = []
    for folder, dirs, names in os.walk(root):
        relative = Path(folder).relative_to(root).as_posix()
        base = "" if relative == "." else relative + "/"
        dirs[:] = sorted(d for d in dirs if not is_excluded(base + d, patterns)
                         or any(p.may_match_inside(base + d) for p in includes))
        files.extend(base + name for name in names if not is_excluded(base + name, patterns))
    return sorted(files)
