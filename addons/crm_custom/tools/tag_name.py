# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The comparison key of a tag name: Persian/Arabic letter variants, joiners,
diacritics, digits and case do not count.

Pure functions on strings, no ORM: the tag model, its install step (which
fills the key of existing tags with SQL) and other addons (the portal's form
answers) share them.
"""

import re
import unicodedata

# Letters typed differently on Arabic and Persian keyboards that people read as
# the same word: a tag must be found whichever keyboard it was typed on.
LETTER_VARIANTS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "ة": "ه",
        "ۀ": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ـ": None,  # tatweel: a stretching stroke, not a letter
        "\u200c": " ",  # ZWNJ: "می‌شود" and "می شود" are the same word
        "\u200d": None,  # ZWJ
        "\u200e": None,  # LRM
        "\u200f": None,  # RLM
        "\ufeff": None,
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic digits
    }
)
WORD_RE = re.compile(r"\w+", re.UNICODE)
WORD_RE = re.compile(r"\w+", re.UNICODE)


def normalize_tag_name(name):
    """Return the comparison key of a tag name.

    Case-folded, joiners, diacritics (Arabic harakat included) and tatweel
    removed, Arabic letter variants mapped to the Persian ones, digits to
    ASCII, punctuation and runs of spaces collapsed to one space.
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name.translate(LETTER_VARIANTS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # NFKD splits آ/أ into alef + mark: the mark is gone, map again for ی etc.
    text = unicodedata.normalize("NFC", text).translate(LETTER_VARIANTS).casefold()
    return " ".join(WORD_RE.findall(text)).replace("_", " ").strip()


def count_tag_words(name):
    """Number of words of a tag name as it is typed.

    The comparison key reads a zero-width non-joiner as a space (so that
    "می‌شود" and "می شود" are one tag), but in the typed name it joins the
    two parts of one word (پیش‌فاکتور, خرده‌فروشی): it must not count twice.
    """
    joined = (name or "").replace("\u200c", "").replace("\u200d", "")
    return len(normalize_tag_name(joined).split())
