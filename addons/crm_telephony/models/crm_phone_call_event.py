# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Call events of the PBX bridge, webhook providers and the mobile app.

The one place that turns the event contract (``ami_bridge/README.md``,
``docs/openapi.yaml``) into calls: validation, the idempotency ledger, and
one method per event kind (ringing, answered, ended, an agent's leg ended).
"""

import logging
from datetime import UTC, datetime

from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.phone import caller_id_candidates

_logger = logging.getLogger(__name__)

EVENT_TYPES = ("ringing", "answered", "ended")
# "agent": one agent's phone stopped ringing (hunt groups, queues); "call": the call.
EVENT_SCOPES = ("call", "agent")
DIRECTIONS = ("inbound", "outbound", "internal")
END_STATES = ("answered", "missed", "busy", "failed")
ID_KEYS = ("event_id", "call_id")
TEXT_KEYS = ("caller_number", "caller_name", "callee_number", "extension", "raw_caller")
TIME_KEYS = ("at", "started_at", "answered_at", "ended_at")
MAX_DURATION = 7 * 86400
CALL_SOURCES = ("ami", "webhook", "mobile")
CREATE_LEAD_PARAM = "crm_telephony.create_lead_unknown"


class CrmPhoneCallEvent(models.Model):
    """Applied call events: the idempotency ledger of the PBX/webhook feed."""

    _name = "crm.phone.call.event"
    _description = "Applied Call Event"
    _order = "id desc"

    event_id = fields.Char(required=True, index=True, readonly=True)
    call_id = fields.Many2one("crm.phone.call", ondelete="cascade", readonly=True)
    event_type = fields.Char(readonly=True)

    _sql_constraints = [
        ("event_id_unique", "UNIQUE(event_id)", "A call event is applied only once."),
    ]

    # ------------------------------------------------------------------
    # Ingestion
    # ------------------------------------------------------------------
    @api.model
    def _crm_ingest(self, events, source="webhook", agent=None):
        """Apply call events; idempotent by ``event_id``, one call per ``call_id``.

        All events are validated before any is applied. ``agent`` is the user
        who reported the events (mobile app); PBX events name the agent by
        ``extension`` instead. Returns the number of events applied
        (duplicates are skipped).
        """
        for event in events:
            self._crm_validate(event)
        ledger = self.sudo()
        known = set(
            ledger.search([("event_id", "in", [e["event_id"] for e in events])]).mapped("event_id")
        )
        applied = 0
        for event in events:
            if event["event_id"] in known:
                _logger.info("Call event %s already applied, skipped", event["event_id"])
                continue
            known.add(event["event_id"])
            call = ledger._crm_apply(event, source, agent)
            ledger.create(
                {"event_id": event["event_id"], "call_id": call.id, "event_type": event["type"]}
            )
            applied += 1
        return applied

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------
    @api.model
    def _crm_validate(self, event):
        if not isinstance(event, dict):
            raise ValidationError(_("Each call event must be a JSON object."))
        self._crm_validate_ids(event)
        self._crm_validate_kind(event)
        self._crm_validate_texts(event)
        duration = event.get("duration") or 0
        if (
            not isinstance(duration, int)
            or isinstance(duration, bool)
            or not (0 <= duration < MAX_DURATION)
        ):
            raise ValidationError(_("The call duration must be a whole number of seconds."))
        for key in TIME_KEYS:
            self._crm_parse_utc(event.get(key))

    @api.model
    def _crm_parse_utc(self, value):
        """ISO 8601 ("2026-11-23T08:00:00Z") -> naive UTC datetime, or None
        (a method: its errors are translated in the caller's language)."""
        if not value:
            return None
        if not isinstance(value, str):
            raise ValidationError(
                _("Call times must be ISO 8601 strings, like 2026-11-23T08:00:00Z.")
            )
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as error:
            raise ValidationError(
                _("The call time %(value)s is not an ISO 8601 date.", value=value[:40])
            ) from error
        if parsed.tzinfo:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed

    @api.model
    def _crm_validate_ids(self, event):
        for key in ID_KEYS:
            value = event.get(key)
            if not isinstance(value, str) or not value.strip() or len(value) > 128:
                raise ValidationError(
                    _(
                        "The call event field %(field)s must be a non-empty text of at most "
                        "128 characters.",
                        field=key,
                    )
                )

    @api.model
    def _crm_validate_kind(self, event):
        """Type, direction, scope and outcome, and how they go together."""
        if event.get("type") not in EVENT_TYPES:
            raise ValidationError(_("Unknown call event type; use ringing, answered or ended."))
        if event.get("direction", "inbound") not in DIRECTIONS:
            raise ValidationError(_("Unknown call direction; use inbound, outbound or internal."))
        if event.get("scope", "call") not in EVENT_SCOPES:
            raise ValidationError(_("Unknown call event scope; use call or agent."))
        if event.get("scope") == "agent" and event["type"] != "ended":
            raise ValidationError(_("Only an ended event can concern one agent's leg."))
        if event["type"] == "ended" and event.get("state") not in END_STATES:
            raise ValidationError(
                _("An ended call needs its outcome: answered, missed, busy or failed.")
            )

    @api.model
    def _crm_validate_texts(self, event):
        for key in TEXT_KEYS:
            value = event.get(key)
            if value is not None and (not isinstance(value, str) or len(value) > 128):
                raise ValidationError(
                    _("The call event field %(field)s must be a short text.", field=key)
                )

    # ------------------------------------------------------------------
    # Applying one event to its call
    # ------------------------------------------------------------------
    @api.model
    def _crm_apply(self, event, source, agent=None):
        """Apply one validated event to its call (created by its first event)."""
        Call = self.env["crm.phone.call"].sudo()
        call = Call.search([("pbx_call_id", "=", event["call_id"])], limit=1)
        agent = agent or Call._crm_agent_for_extension(event.get("extension"))
        if not call:
            call = self._crm_create_call(event, source)
        if event.get("scope") == "agent":
            self._crm_apply_agent_leg_ended(call, agent)
            return call
        if event["type"] == "ended" and self._crm_colleague_answered(call, event, agent):
            return call
        # One method per kind; each returns what the event writes on the call.
        apply_kind = {
            "ringing": self._crm_apply_ringing,
            "answered": self._crm_apply_answered,
            "ended": self._crm_apply_ended,
        }[event["type"]]
        values = apply_kind(call, event, agent)
        values.update(self._crm_team_values(call, event, values))
        if call.state in END_STATES and call.ended_at and event["type"] != "ended":
            # A late "ringing"/"answered" after the end must not reopen the call.
            values.pop("state", None)
        was_ended = bool(call.ended_at)
        call.write(values)
        if event["type"] == "ended" and not was_ended:
            call._crm_on_ended()
        return call

    @api.model
    def _crm_apply_agent_leg_ended(self, call, agent):
        """One agent's phone stopped ringing; the call goes on (a later member
        of the hunt group or queue may answer). Remember who rang."""
        if agent:
            call.rang_user_ids = [Command.link(agent.id)]

    @api.model
    def _crm_apply_ringing(self, call, event, agent):
        """A phone rings: its agent gets the popup and the call remembers him."""
        values = {}
        if agent and call.direction != "outbound":
            values["rang_user_ids"] = [Command.link(agent.id)]
        # A ringing event arriving after the end (delivery retried) pops up nothing.
        if agent and call._crm_pops_up_for(agent) and not call.ended_at:
            call._crm_notify_ringing(agent)
        if agent and call.direction == "outbound" and not call.agent_id:
            values["agent_id"] = agent.id
        return values

    @api.model
    def _crm_apply_answered(self, call, event, agent):
        values = {
            "state": "answered",
            "answered_at": self._crm_parse_utc(event.get("answered_at") or event.get("at")),
        }
        if agent:
            values["agent_id"] = agent.id
        return values

    @api.model
    def _crm_apply_ended(self, call, event, agent):
        values = {
            "state": event["state"],
            "ended_at": self._crm_parse_utc(event.get("ended_at") or event.get("at")),
            "duration": event.get("duration") or 0,
        }
        if agent and call.direction != "outbound":
            values["rang_user_ids"] = [Command.link(agent.id)]
        if event.get("answered_at"):
            values["answered_at"] = self._crm_parse_utc(event["answered_at"])
        if agent and (event["state"] == "answered" or not call.agent_id):
            values["agent_id"] = agent.id
        return values

    @api.model
    def _crm_team_values(self, call, event, values):
        """The team of a call without one: its agent's, else the group that rang."""
        if values.get("agent_id") and not call.team_id:
            return {"team_id": self.env["res.users"].browse(values["agent_id"]).sale_team_id.id}
        if event["type"] == "ended" and not call.team_id and not call.agent_id:
            return {"team_id": call._crm_group_team().id}
        return {}

    @api.model
    def _crm_colleague_answered(self, call, event, agent):
        """True for the end of one agent's ringing because a colleague answered.

        In a hunt group the bridge reports, for each agent whose phone stopped
        ringing, an ``ended`` event naming that agent. Once a colleague has
        the call it is that agent's leg that ended, not the call: the call's
        own ``ended`` comes when it hangs up. Ending it here would log an
        answered call as missed and ask for a call back.
        """
        return bool(
            agent
            and call.answered_at
            and call.agent_id
            and agent != call.agent_id
            and event.get("state") != "answered"
        )

    # ------------------------------------------------------------------
    # The call of a first event
    # ------------------------------------------------------------------
    @api.model
    def _crm_create_call(self, event, source):
        """The call of the first event of ``call_id``, matched to its customer."""
        Call = self.env["crm.phone.call"].sudo()
        direction = event.get("direction") or "inbound"
        customer_number = (
            event.get("callee_number") if direction == "outbound" else event.get("caller_number")
        )
        match = Call._crm_match_number(customer_number) if direction != "internal" else {}
        candidates = caller_id_candidates(
            customer_number, self.env["res.partner"]._crm_default_country_code()
        )
        values = {
            "pbx_call_id": event["call_id"],
            "direction": direction,
            "source": source if source in CALL_SOURCES else "webhook",
            "from_number": event.get("caller_number") or event.get("raw_caller") or False,
            "to_number": event.get("callee_number") or False,
            "caller_name": event.get("caller_name") or False,
            "raw_caller": event.get("raw_caller") or False,
            "customer_number_e164": candidates[0] if candidates else False,
            "started_at": self._crm_parse_utc(event.get("started_at") or event.get("at"))
            or fields.Datetime.now(),
            "partner_id": match.get("partner", self.env["res.partner"]).id,
            "lead_id": match.get("lead", self.env["crm.lead"]).id,
        }
        if (
            direction == "inbound"
            and candidates
            and not match.get("partner")
            and not match.get("lead")
            and self.env["ir.config_parameter"].sudo().get_param(CREATE_LEAD_PARAM)
        ):
            values["lead_id"] = self._crm_create_lead_for_unknown(event, candidates[0]).id
        return Call.create(values)

    @api.model
    def _crm_create_lead_for_unknown(self, event, number):
        return (
            self.env["crm.lead"]
            .sudo()
            .create(
                {
                    "name": _("Call from %(number)s", number=number),
                    "phone": number,
                    "contact_name": event.get("caller_name") or False,
                    "type": "lead",
                }
            )
        )
