# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.bus.websocket import WebsocketConnectionHandler
from odoo.addons.crm_custom.tests.common import CrmRolesCase

from .common import call_event, ingest, post_signed_events


@tagged("post_install", "-at_install", "crm_suite_http")
class TestCallerPopupTour(HttpCase, CrmRolesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo refuses websockets under tests; the popup travels on the bus's
        # websocket, so open it as Odoo's own bus tests do (WebsocketCase).
        cls.startClassPatcher(
            patch.object(WebsocketConnectionHandler, "websocket_allowed", return_value=True)
        )

    def test_ringing_agent_opens_the_caller(self):
        agent = self.salesperson
        agent.write({"pbx_extension": "7301", "tz": "Asia/Tehran"})
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Caller Sadeghi",
                "country_id": self.env.ref("base.ir").id,
                "mobile": "0912 303 0303",
            }
        )
        self.env["crm.lead"].create(
            {
                "name": "Tour opportunity",
                "type": "opportunity",
                "partner_id": customer.id,
                "user_id": agent.id,
            }
        )
        # An earlier call, at 15:00 UTC: the agent in Tehran reads 6:30 PM.
        ingest(
            self.env,
            call_event(
                "tour-0",
                "ended",
                caller_number="+989123030303",
                state="missed",
                started_at="2026-11-22T15:00:00Z",
            ),
        )
        post_signed_events(
            self,
            [call_event("tour-1", "ringing", caller_number="+989123030303", extension="7301")],
            key_name="Tour PBX",
        )
        self.start_tour("/odoo", "crm_telephony_caller_popup_tour", login=agent.login)
