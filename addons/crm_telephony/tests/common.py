# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import itertools
import json
import time

from odoo.tests import HttpCase, new_test_user
from odoo.tests.common import TransactionCase

_event_seq = itertools.count(1)


def call_event(call_id, event_type, **values):
    """A call event of the bridge's contract with sensible defaults."""
    event = {
        "event_id": f"{call_id}-{event_type}-{next(_event_seq)}",
        "call_id": call_id,
        "type": event_type,
        "direction": "inbound",
        "caller_number": None,
        "caller_name": None,
        "callee_number": "100",
        "extension": None,
        "state": None,
        "at": "2026-11-23T08:00:00Z",
        "started_at": "2026-11-23T08:00:00Z",
        "answered_at": None,
        "ended_at": None,
        "duration": 0,
        "raw_caller": None,
        "source": "ami",
    }
    event.update(values)
    return event


def signed_headers(key_id, secret, body, content_type="application/json"):
    """Headers of a PBX events request signed as the bridge signs it."""
    stamp = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Crm-Key": key_id,
        "X-Crm-Timestamp": stamp,
        "X-Crm-Signature": f"sha256={digest}",
    }


def post_signed_events(case, events, key_name="Test PBX"):
    """POST ``events`` to the PBX webhook as an HttpCase, signed with the
    secret of a new PBX key, and check the route took them."""
    key = case.env["crm.phone.api.key"].create({"name": key_name, "kind": "pbx"})
    secret = key._crm_issue_secret()
    body = json.dumps({"events": list(events)}).encode()
    response = case.url_open(
        "/crm_telephony/v1/pbx/events",
        data=body,
        headers=signed_headers(key.key_id, secret, body),
    )
    case.assertEqual(response.status_code, 200, response.text)
    return response


def set_iran_phone_country(env):
    """The PBX of these tests is in Iran: caller IDs without a prefix are Iranian."""
    env["ir.config_parameter"].sudo().set_param(
        "crm_telephony.default_country_id", env.ref("base.ir").id
    )


def new_agent(env, login, extension, name=None):
    """A salesperson whose desk phone is the PBX ``extension``."""
    agent = new_test_user(env, login=login, groups="crm_custom.group_crm_sales_user", name=name)
    agent.pbx_extension = extension
    return agent


def ingest(env, *events, source="ami"):
    """Log ``events`` as the PBX bridge reports them."""
    return env["crm.phone.call"].sudo()._crm_ingest_events(list(events), source=source)


class TelephonyHttpCase(HttpCase):
    """HTTP tests of the telephony routes, with the PBX in Iran."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        set_iran_phone_country(cls.env)


class TelephonyCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        set_iran_phone_country(cls.env)
        cls.agent = new_agent(cls.env, "tel_agent_one", "7101", "Agent One")
        cls.other_agent = new_agent(cls.env, "tel_agent_two", "7102", "Agent Two")
        cls.team = cls.env["crm.team"].create(
            {
                "name": "Telephony team",
                "user_id": cls.other_agent.id,
                "member_ids": [(4, cls.agent.id), (4, cls.other_agent.id)],
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Reza Karimi",
                "country_id": cls.env.ref("base.ir").id,
                "mobile": "0912 111 2233",
            }
        )
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Karimi: 20 phones",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "user_id": cls.agent.id,
                "team_id": cls.team.id,
            }
        )

    def ingest(self, *events, source="ami"):
        return ingest(self.env, *events, source=source)

    def call_of(self, pbx_call_id):
        return self.env["crm.phone.call"].sudo().search([("pbx_call_id", "=", pbx_call_id)])
