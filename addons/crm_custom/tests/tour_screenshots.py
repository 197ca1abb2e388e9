# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Tours that leave a screenshot of the screen they checked with the run."""

import time
from unittest.mock import patch

from odoo.tests.common import ChromeBrowser, HttpCase


class ScreenshotTourCase(HttpCase):
    def start_tour_and_screenshot(self, url_path, tour_name, **kwargs):
        """``start_tour``, then Odoo's own browser screenshot of the final
        screen, saved under the configured ``screenshots`` directory
        (``<screenshots>/<db>/screenshots/<tour name>_…png``)."""
        wait_code_ok = ChromeBrowser._wait_code_ok

        def wait_then_screenshot(browser, code, timeout, error_checker=None):
            wait_code_ok(browser, code, timeout, error_checker=error_checker)
            future = browser.take_screenshot(prefix=f"{tour_name}_")
            future.result(timeout=30)
            time.sleep(0.2)  # the done-callback writes the file

        with patch.object(ChromeBrowser, "_wait_code_ok", wait_then_screenshot):
            self.start_tour(url_path, tour_name, **kwargs)
