# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The README's roles table says what the access matrix declares.

Every "can" and "cannot" phrase of README.md's "Roles" table maps to cells of
tests/access_matrix.py (README_CLAIMS); the HTTP test of the matrix
(test_access_matrix.py) proves those cells as real users.
"""

from pathlib import Path

import access_matrix
from access_matrix_spec import OPERATIONS, has

README = Path(__file__).resolve().parent.parent / "README.md"


def split_phrases(cell):
    """A table cell's phrases: split on commas and semicolons outside brackets."""
    phrases, depth, current = [], 0, ""
    for char in cell:
        depth += char == "("
        depth -= char == ")"
        if char in ",;" and depth == 0:
            phrases.append(current.strip())
            current = ""
        else:
            current += char
    phrases.append(current.strip())
    return [phrase for phrase in phrases if phrase and phrase != "—"]


def readme_claims(text=None):
    """{(role, "can"/"cannot", phrase)} of the README's roles table."""
    text = text if text is not None else README.read_text(encoding="utf-8")
    section = text.split("\n## Roles\n", 1)[1].split("\n## ", 1)[0]
    claims = set()
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in ("role", "") or set(cells[0]) <= {"-", " "}:
            continue
        role, can, cannot = cells
        claims |= {(role, "can", phrase) for phrase in split_phrases(can)}
        claims |= {(role, "cannot", phrase) for phrase in split_phrases(cannot)}
    return claims


def disagreements():
    rows = {row.key: row for row in access_matrix.ROWS if hasattr(row, "roles")}
    claims = readme_claims()
    problems = []
    for claim in sorted(claims - set(access_matrix.README_CLAIMS)):
        problems.append(f"README {claim}: no cells declared in access_matrix.README_CLAIMS")
    for claim in sorted(set(access_matrix.README_CLAIMS) - claims):
        problems.append(f"README_CLAIMS {claim}: the README no longer says it; remove it")
    for (role_name, column, phrase), cells in sorted(access_matrix.README_CLAIMS.items()):
        role = access_matrix.README_ROLES.get(role_name)
        if role is None:
            problems.append(f"README role {role_name!r}: not in README_ROLES")
            continue
        for key, ops in cells:
            if key not in rows:
                problems.append(f"{role_name} {column} {phrase!r}: no row {key!r}")
                continue
            cell = rows[key].cell(role)
            wrong = [op for op in ops if has(cell, op) != (column == "can")]
            if wrong:
                names = ", ".join(OPERATIONS[op] for op in wrong)
                problems.append(
                    f"{role_name} {column} {phrase!r}: but {key} declares {role} "
                    f"{'cannot' if column == 'can' else 'can'} {names}"
                )
    return problems


def test_readme_roles_table_matches_the_access_matrix():
    problems = disagreements()
    assert not problems, "\n".join(
        ["README.md's roles table and tests/access_matrix.py disagree:", *problems]
    )


def test_a_phrase_the_matrix_does_not_back_fails():
    """The check can fail: a made-up promise in the table is caught."""
    text = README.read_text(encoding="utf-8").replace("| read invoices;", "| read invoices, fly;")
    assert ("Marketing", "cannot", "fly") in readme_claims(text)
    assert ("Marketing", "cannot", "fly") not in access_matrix.README_CLAIMS


def test_phrases_split_outside_brackets():
    assert split_phrases("the pipeline and leads (own, team's or all: a setting), customers") == [
        "the pipeline and leads (own, team's or all: a setting)",
        "customers",
    ]
    assert split_phrases("invoices; link them to opportunities") == [
        "invoices",
        "link them to opportunities",
    ]
    assert split_phrases("—") == []
