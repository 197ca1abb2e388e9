# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import new_test_user, tagged

from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.addons.crm_custom.tests.tour_screenshots import ScreenshotTourCase

from .common import call_event, post_signed_events


@tagged("post_install", "-at_install", "crm_suite_http")
class TestCallerPopupRightToLeftTour(ScreenshotTourCase):
    """The caller-ID popup of a Persian and of a Hebrew agent, rung through
    the PBX's signed webhook: the page is right-to-left, phone numbers read
    left to right inside it ("+972 52 123 4567", not "4567 123 52 972+"),
    nothing overflows; the screen is saved with the run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The popup travels on the bus's websocket, refused under tests by default.
        cls.startClassPatcher(
            patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True)
        )

    def _ring(self, lang, extension, customer_name):
        self.env["res.lang"]._activate_lang(lang)
        agent = new_test_user(
            self.env,
            login=f"tel_rtl_{lang.lower()}",
            groups="crm_custom.group_crm_sales_user",
            lang=lang,
            tz="Asia/Jerusalem" if lang == "he_IL" else "Asia/Tehran",
        )
        agent.pbx_extension = extension
        self.env["res.partner"].create(
            {
                "name": customer_name,
                "country_id": self.env.ref("base.il").id,
                "phone": "+972 52 123 4567",
            }
        )
        # A known customer, then an unknown number: the number in the body,
        # then in the title.
        post_signed_events(
            self,
            [
                call_event(
                    f"rtl-{lang}-{number}", "ringing", caller_number=number, extension=extension
                )
                for number in ("+972 52 123 4567", "+98 912 303 0303")
            ],
            key_name=f"RTL PBX {lang}",
        )
        return agent

    def test_persian_agent(self):
        agent = self._ring("fa_IR", "7401", "بازرگانی صادقی")
        self.start_tour_and_screenshot("/odoo", "crm_telephony_rtl_caller_popup", login=agent.login)

    def test_hebrew_agent(self):
        agent = self._ring("he_IL", "7402", "סדיקי סחר")
        self.start_tour_and_screenshot("/odoo", "crm_telephony_rtl_caller_popup", login=agent.login)
