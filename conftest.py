"""pytest settings shared by every test of the repository."""

import pytest

try:
    from odoo.tests.common import HttpCase
except ImportError:  # the AMI bridge tests also run without Odoo
    HttpCase = None


def pytest_collection_modifyitems(config, items):
    """Leave the addons' HTTP and tour tests to Odoo's test runner (tests/run, step 4).

    They need Odoo's HTTP server and browser; tests/run runs them with
    ``--test-tags crm_suite_http``. Odoo's runner only finds tests inside
    addons, so the cross-addon HTTP tests of tests/ (the access matrix) run
    here, on the HTTP server pytest-odoo starts with ``--odoo-http``.
    """
    if HttpCase is None:
        return
    http_server = config.getoption("--odoo-http", default=False)
    kept, deselected = [], []
    for item in items:
        test_class = getattr(item, "cls", None)
        is_http = test_class is not None and issubclass(test_class, HttpCase)
        in_addon = test_class is not None and test_class.__module__.startswith("odoo.addons.")
        (deselected if is_http and (in_addon or not http_server) else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture(scope="session")
def repository_root():
    from pathlib import Path

    return Path(__file__).resolve().parent
