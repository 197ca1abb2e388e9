"""pytest settings shared by every test of the repository."""

import pytest

try:
    from odoo.tests.common import HttpCase
except ImportError:  # the AMI bridge tests also run without Odoo
    HttpCase = None


def pytest_collection_modifyitems(config, items):
    """Leave HTTP and tour tests to Odoo's test runner (tests/run, step 4).

    They need Odoo's HTTP server and browser, which pytest-odoo does not
    start; tests/run runs them with ``--test-tags crm_suite_http``.
    """
    if HttpCase is None:
        return
    kept, deselected = [], []
    for item in items:
        test_class = getattr(item, "cls", None)
        is_http = test_class is not None and issubclass(test_class, HttpCase)
        (deselected if is_http else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture(scope="session")
def repository_root():
    from pathlib import Path

    return Path(__file__).resolve().parent
