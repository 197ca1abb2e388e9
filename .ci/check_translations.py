#!/usr/bin/env python3
# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fails when a Persian, Hebrew or Russian translation of our addons is
incomplete: an entry of an addon's .pot missing from its fa.po, he.po or
ru.po, an empty msgstr, or a fuzzy entry (gettext's "needs review").

    python3 .ci/check_translations.py [addons_dir]

Run by the pre-commit hook "translations-complete" (and so by CI)."""

import pathlib
import sys

import polib

LANGUAGES = ("fa", "he", "ru")


def problems_of(addon_dir):
    i18n = addon_dir / "i18n"
    pots = list(i18n.glob("*.pot"))
    if not pots:
        return []
    template = polib.pofile(str(pots[0]))
    expected = {(entry.msgctxt, entry.msgid) for entry in template if not entry.obsolete}
    problems = []
    for lang in LANGUAGES:
        path = i18n / f"{lang}.po"
        if not path.exists():
            if expected:
                problems.append(f"{path}: missing ({len(expected)} strings to translate)")
            continue
        catalog = polib.pofile(str(path))
        present = set()
        for entry in catalog:
            if entry.obsolete:
                continue
            present.add((entry.msgctxt, entry.msgid))
            where = f"{path}:{entry.linenum}"
            if entry.fuzzy:
                problems.append(f"{where}: fuzzy: {entry.msgid[:70]!r}")
            elif entry.msgid_plural:
                if not all(entry.msgstr_plural.values()):
                    problems.append(f"{where}: untranslated plural: {entry.msgid[:70]!r}")
            elif not entry.msgstr:
                problems.append(f"{where}: untranslated: {entry.msgid[:70]!r}")
        for _context, msgid in sorted(expected - present, key=lambda key: key[1]):
            problems.append(f"{path}: not in the catalogue: {msgid[:70]!r}")
    return problems


def main(argv):
    addons = pathlib.Path(argv[1] if len(argv) > 1 else "addons")
    problems = []
    for addon_dir in sorted(path for path in addons.iterdir() if (path / "i18n").is_dir()):
        problems += problems_of(addon_dir)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} translation(s) missing or to review (fa, he, ru).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
