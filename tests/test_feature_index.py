# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Each addon's readme has a feature index whose paths exist.

``readme/DESCRIPTION.md`` of every addon ends with a "Feature index" table:

    | Feature | Models | Views | Rules | Tests |
    |---------|--------|-------|-------|-------|
    | Funnel  | `models/crm_lead.py` | `views/crm_lead_views.xml` | ... | ... |

Every cell lists paths relative to the addon, in backticks. A newcomer finds a
feature from there, so a path that moved or vanished fails this test.
"""

import re
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parent.parent / "addons"
COLUMNS = ["Feature", "Models", "Views", "Rules", "Tests"]
PATH = re.compile(r"`([^`]+)`")


def our_addons():
    return sorted(path.parent.name for path in ADDONS.glob("*/__manifest__.py"))


def table_cells(line):
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def feature_index(text):
    """{feature: [path, ...]} of the readme's feature index table."""
    lines = iter(text.splitlines())
    for line in lines:
        if line.lstrip().startswith("|") and table_cells(line)[:5] == COLUMNS:
            break
    else:
        return {}
    index = {}
    for line in lines:
        if not line.lstrip().startswith("|"):
            break
        cells = table_cells(line)
        if set("".join(cells)) <= set("-: "):
            continue
        index[cells[0]] = [path for cell in cells[1:] for path in PATH.findall(cell)]
    return index


@pytest.mark.parametrize("addon", our_addons())
def test_feature_index_lists_existing_paths(addon):
    description = ADDONS / addon / "readme" / "DESCRIPTION.md"
    index = feature_index(description.read_text(encoding="utf-8"))
    assert index, f"{description} has no feature index table ({' | '.join(COLUMNS)})"
    missing = [
        (feature, path)
        for feature, paths in index.items()
        for path in paths
        if not (ADDONS / addon / path).exists()
    ]
    assert not missing, f"{addon}: the feature index names paths that do not exist: {missing}"
    empty = [feature for feature, paths in index.items() if not paths]
    assert not empty, f"{addon}: features without any path: {empty}"


def test_feature_index_catches_a_vanished_path(tmp_path):
    text = "| Feature | Models | Views | Rules | Tests |\n|---|---|---|---|---|\n"
    text += "| Funnel | `models/nowhere.py` | | | |\n"
    assert feature_index(text) == {"Funnel": ["models/nowhere.py"]}
    assert not (ADDONS / "crm_custom" / "models/nowhere.py").exists()
