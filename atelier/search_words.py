"""What a search looks for: the words of what was typed, within bounds.

Every search of the site (the site search, the directory, the agenda) reads a typed
text through `search_words`, so no text makes a search do more work than these bounds
allow, however long it is or whatever characters it holds.
"""

MAX_LENGTH = 200
MAX_WORDS = 10


def search_words(text: str) -> list[str]:
    """The words of `text` a search looks for: those of its first MAX_LENGTH characters,
    at most MAX_WORDS. Control characters separate words; a word without a letter or a
    digit ("*", "^", '"') finds nothing, so it is left out."""
    printable = "".join(char if char.isprintable() else " " for char in text[:MAX_LENGTH])
    words = [word for word in printable.split() if any(char.isalnum() for char in word)]
    return words[:MAX_WORDS]


def is_shortened(text: str) -> bool:
    """Whether the search read only part of `text` (too long, or too many words)."""
    return len(text) > MAX_LENGTH or len(text.split()) > MAX_WORDS
