# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import uuid
from datetime import UTC, datetime

from markupsafe import Markup

from odoo import SUPERUSER_ID, Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime, str2bool

from ..tools.ami_client import AmiClient, AmiError
from ..tools.phone import caller_id_candidates, normalize_e164
from .res_config_settings import AMI_SECRET_PARAM

_logger = logging.getLogger(__name__)

EVENT_TYPES = ("ringing", "answered", "ended")
# "agent": one agent's phone stopped ringing (hunt groups, queues); "call": the call.
EVENT_SCOPES = ("call", "agent")
DIRECTIONS = ("inbound", "outbound", "internal")
END_STATES = ("answered", "missed", "busy", "failed")
FINAL_STATES = ("answered", "missed", "busy", "failed")
CREATE_LEAD_PARAM = "crm_telephony.create_lead_unknown"
POPUP_HIDE_LEADS_PARAM = "crm_telephony.popup_hide_leads"
CALLBACK_USER_PARAM = "crm_telephony.callback_user_id"
HISTORY_TAG = {"inbound": "incoming_call", "outbound": "outgoing_call", "internal": None}


def _parse_utc(value):
    """ISO 8601 ("2026-11-23T08:00:00Z") -> naive UTC datetime, or None."""
    if not value:
        return None
    if not isinstance(value, str):
        raise ValidationError(_("Call times must be ISO 8601 strings, like 2026-11-23T08:00:00Z."))
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValidationError(
            _("The call time %(value)s is not an ISO 8601 date.", value=value[:40])
        ) from error
    if parsed.tzinfo:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed


class CrmPhoneCall(models.Model):
    _name = "crm.phone.call"
    _description = "Phone Call"
    _order = "started_at desc, id desc"
    _rec_name = "name"

    name = fields.Char(compute="_compute_name", store=True)
    direction = fields.Selection(
        [("inbound", "Incoming"), ("outbound", "Outgoing"), ("internal", "Internal")],
        required=True,
        default="inbound",
    )
    state = fields.Selection(
        [
            ("ringing", "Ringing"),
            ("answered", "Answered"),
            ("missed", "Missed"),
            ("busy", "Busy"),
            ("failed", "Failed"),
        ],
        required=True,
        default="ringing",
        index=True,
    )
    from_number = fields.Char(string="From")
    to_number = fields.Char(string="To")
    caller_name = fields.Char()
    customer_number_e164 = fields.Char(
        string="Customer Number",
        index=True,
        help="The customer's number in international format, to find calls back.",
    )
    agent_id = fields.Many2one("res.users", index=True, ondelete="set null")
    rang_user_ids = fields.Many2many(
        "res.users",
        "crm_phone_call_rang_user_rel",
        "call_id",
        "user_id",
        string="Rang For",
        help="The agents whose phone rang for this call: each of them finds it in the call "
        "log, also when nobody answered.",
    )
    team_id = fields.Many2one("crm.team", string="Sales Team", index=True)
    partner_id = fields.Many2one("res.partner", string="Contact", index=True, ondelete="set null")
    lead_id = fields.Many2one(
        "crm.lead",
        index=True,
        ondelete="set null",
        groups="sales_team.group_sale_salesman",
    )
    started_at = fields.Datetime(string="Started", default=fields.Datetime.now, index=True)
    answered_at = fields.Datetime()
    ended_at = fields.Datetime(string="Ended")
    duration = fields.Integer(string="Duration (s)", help="Talk time in seconds.")
    pbx_call_id = fields.Char(
        string="PBX Call ID", copy=False, help="The call's id on the PBX (Asterisk Linkedid)."
    )
    recording_url = fields.Char(string="Recording")
    notes = fields.Text()
    source = fields.Selection(
        [
            ("ami", "Asterisk AMI"),
            ("webhook", "Webhook"),
            ("mobile", "Mobile app"),
            ("odoo", "Click-to-dial"),
        ],
        default="odoo",
        required=True,
    )
    raw_caller = fields.Char(string="Raw Caller ID")
    called_back = fields.Boolean(
        compute="_compute_called_back",
        search="_search_called_back",
        help="A later outgoing call reached the same number.",
    )

    _sql_constraints = [
        ("pbx_call_id_unique", "UNIQUE(pbx_call_id)", "A PBX call can be logged only once."),
        ("duration_positive", "CHECK(duration >= 0)", "A call cannot last less than zero seconds."),
    ]

    @api.depends("direction", "from_number", "to_number", "partner_id")
    def _compute_name(self):
        labels = dict(self._fields["direction"]._description_selection(self.env))
        for call in self:
            number = call.from_number if call.direction == "inbound" else call.to_number
            who = call.partner_id.display_name or number or _("Unknown number")
            call.name = f"{labels.get(call.direction, '')}: {who}"

    def _compute_called_back(self):
        called_back = (
            self.sudo()
            .search([("id", "in", self.ids), ("called_back", "=", True)])
            .with_env(self.env)
        )
        for call in self:
            call.called_back = call in called_back

    def _search_called_back(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on Called back."))
        query = """
            SELECT missed.id FROM crm_phone_call missed
             WHERE missed.customer_number_e164 IS NOT NULL
               AND EXISTS (
                   SELECT 1 FROM crm_phone_call later
                    WHERE later.direction = 'outbound'
                      AND later.customer_number_e164 = missed.customer_number_e164
                      AND later.started_at > missed.started_at)
        """
        self.flush_model(["customer_number_e164", "direction", "started_at"])
        self.env.cr.execute(query)
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------------
    # Caller matching
    # ------------------------------------------------------------------
    @api.model
    def _crm_match_number(self, number):
        """The best partner and lead for ``number`` and the other matches.

        Exact match on the E.164 columns, reading by reading in the order of
        ``caller_id_candidates`` (the PBX country's reading first): the first
        reading that matches a contact or a lead wins, so a number written
        recently under another reading cannot take the call. Several matches
        of that reading: the record with the latest activity first (open
        leads before partners' old leads).
        """
        Partner = self.env["res.partner"].sudo()
        Lead = self.env["crm.lead"].sudo()
        leads, partners = Lead.browse(), Partner.browse()
        for e164 in caller_id_candidates(number, Partner._crm_default_country_code()):
            leads, partners = Lead._crm_search_e164(e164), Partner._crm_search_e164(e164)
            if leads or partners:
                break
        leads = leads.sorted(
            lambda lead: (lead.active and not lead.stage_id.is_won, lead.write_date),
            reverse=True,
        )
        partner = partners[:1] or leads[:1].partner_id
        lead = leads[:1]
        return {
            "partner": partner,
            "lead": lead,
            "other_partners": partners - partner,
            "other_leads": leads - lead,
        }

    # ------------------------------------------------------------------
    # Event ingestion (PBX bridge, webhook providers, mobile app)
    # ------------------------------------------------------------------
    @api.model
    def _crm_validate_event(self, event):
        if not isinstance(event, dict):
            raise ValidationError(_("Each call event must be a JSON object."))
        for key in ("event_id", "call_id"):
            value = event.get(key)
            if not isinstance(value, str) or not value.strip() or len(value) > 128:
                raise ValidationError(
                    _(
                        "The call event field %(field)s must be a non-empty text of at most "
                        "128 characters.",
                        field=key,
                    )
                )
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
        for key in ("caller_number", "caller_name", "callee_number", "extension", "raw_caller"):
            value = event.get(key)
            if value is not None and (not isinstance(value, str) or len(value) > 128):
                raise ValidationError(
                    _("The call event field %(field)s must be a short text.", field=key)
                )
        duration = event.get("duration") or 0
        if (
            not isinstance(duration, int)
            or isinstance(duration, bool)
            or not (0 <= duration < 7 * 86400)
        ):
            raise ValidationError(_("The call duration must be a whole number of seconds."))
        for key in ("at", "started_at", "answered_at", "ended_at"):
            _parse_utc(event.get(key))

    @api.model
    def _crm_ingest_events(self, events, source="webhook", agent=None):
        """Apply call events; idempotent by ``event_id``, one call per ``call_id``.

        ``agent`` is the user who reported the events (mobile app); PBX
        events name the agent by ``extension`` instead.
        Returns the number of events applied (duplicates are skipped).
        """
        applied = 0
        for event in events:
            self._crm_validate_event(event)
        Event = self.env["crm.phone.call.event"].sudo()
        known = set(
            Event.search([("event_id", "in", [e["event_id"] for e in events])]).mapped("event_id")
        )
        for event in events:
            if event["event_id"] in known:
                _logger.info("Call event %s already applied, skipped", event["event_id"])
                continue
            known.add(event["event_id"])
            call = self.sudo()._crm_apply_event(event, source, agent)
            Event.create(
                {"event_id": event["event_id"], "call_id": call.id, "event_type": event["type"]}
            )
            applied += 1
        return applied

    def _crm_apply_event(self, event, source, agent=None):
        direction = event.get("direction") or "inbound"
        call = self.search([("pbx_call_id", "=", event["call_id"])], limit=1)
        agent = agent or self._crm_agent_for_extension(event.get("extension"))
        if not call:
            call = self._crm_create_from_event(event, direction, source)
        if event.get("scope") == "agent":
            # One agent's phone stopped ringing; the call goes on (a later
            # member of the hunt group or queue may answer). Remember who rang.
            if agent:
                call.rang_user_ids = [Command.link(agent.id)]
            return call
        if event["type"] == "ended" and call._crm_colleague_answered(event, agent):
            return call
        values = {}
        if agent and event["type"] in ("ringing", "ended") and call.direction != "outbound":
            values["rang_user_ids"] = [Command.link(agent.id)]
        if event["type"] == "ringing":
            # A ringing event arriving after the end (delivery retried) pops up nothing.
            if agent and call._crm_pops_up_for(agent) and not call.ended_at:
                call._crm_notify_ringing(agent)
            if agent and call.direction == "outbound" and not call.agent_id:
                values["agent_id"] = agent.id
        elif event["type"] == "answered":
            values.update(
                state="answered",
                answered_at=_parse_utc(event.get("answered_at") or event.get("at")),
            )
            if agent:
                values["agent_id"] = agent.id
        else:
            values.update(
                state=event["state"],
                ended_at=_parse_utc(event.get("ended_at") or event.get("at")),
                duration=event.get("duration") or 0,
            )
            if event.get("answered_at"):
                values["answered_at"] = _parse_utc(event["answered_at"])
            if agent and (event["state"] == "answered" or not call.agent_id):
                values["agent_id"] = agent.id
        if values.get("agent_id") and not call.team_id:
            values["team_id"] = self.env["res.users"].browse(values["agent_id"]).sale_team_id.id
        elif event["type"] == "ended" and not call.team_id and not call.agent_id:
            values["team_id"] = call._crm_group_team().id
        if call.state in FINAL_STATES and call.ended_at and event["type"] != "ended":
            # A late "ringing"/"answered" after the end must not reopen the call.
            values.pop("state", None)
        was_ended = bool(call.ended_at)
        call.write(values)
        if event["type"] == "ended" and not was_ended:
            call._crm_on_ended()
        return call

    def _crm_colleague_answered(self, event, agent):
        """True for the end of one agent's ringing because a colleague answered.

        In a hunt group the bridge reports, for each agent whose phone stopped
        ringing, an ``ended`` event naming that agent. Once a colleague has
        the call it is that agent's leg that ended, not the call: the call's
        own ``ended`` comes when it hangs up. Ending it here would log an
        answered call as missed and ask for a call back.
        """
        self.ensure_one()
        return bool(
            agent
            and self.answered_at
            and self.agent_id
            and agent != self.agent_id
            and event.get("state") != "answered"
        )

    def _crm_pops_up_for(self, agent):
        """Whether ``agent`` gets a caller-ID popup: never for a call he placed.

        Outgoing calls (click-to-dial, trunk legs) and internal calls whose
        caller is the agent himself (a Follow-Me leg of his call) show nothing.
        """
        self.ensure_one()
        if self.direction == "outbound":
            return False
        extension = agent.pbx_extension or ""
        own_numbers = {extension, extension.split("-", 1)[0]} - {""}
        return self.from_number not in own_numbers

    def _crm_group_team(self):
        """The team a call nobody answered belongs to.

        The team whose PBX numbers include the number called (the ring group
        or queue), else the one team of every agent whose phone rang.
        """
        self.ensure_one()
        number = (self.to_number or "").strip()
        if number:
            teams = self.env["crm.team"].sudo().search([("crm_phone_numbers", "ilike", number)])
            team = teams.filtered(lambda t: number in t._crm_phone_number_list())[:1]
            if team:
                return team
        teams = self.rang_user_ids.sale_team_id
        return teams if len(teams) == 1 else self.env["crm.team"]

    def _crm_create_from_event(self, event, direction, source):
        customer_number = (
            event.get("callee_number") if direction == "outbound" else event.get("caller_number")
        )
        match = self._crm_match_number(customer_number) if direction != "internal" else {}
        candidates = caller_id_candidates(
            customer_number, self.env["res.partner"]._crm_default_country_code()
        )
        values = {
            "pbx_call_id": event["call_id"],
            "direction": direction,
            "source": source if source in ("ami", "webhook", "mobile") else "webhook",
            "from_number": event.get("caller_number") or event.get("raw_caller") or False,
            "to_number": event.get("callee_number") or False,
            "caller_name": event.get("caller_name") or False,
            "raw_caller": event.get("raw_caller") or False,
            "customer_number_e164": candidates[0] if candidates else False,
            "started_at": _parse_utc(event.get("started_at") or event.get("at"))
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
        return self.create(values)

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

    @api.model
    def _crm_agent_for_extension(self, extension):
        if not extension:
            return self.env["res.users"]
        user = (
            self.env["res.users"]
            .sudo()
            .search([("pbx_extension", "=", extension), ("share", "=", False)], limit=1)
        )
        # An extension left on a user who no longer takes calls pops nothing up.
        return user if user and user._crm_is_telephony_agent() else self.env["res.users"]

    # ------------------------------------------------------------------
    # Caller-ID popup
    # ------------------------------------------------------------------
    def _crm_popup_payload(self, agent):
        """What ``agent`` sees when the phone rings: only records he may read."""
        self.ensure_one()
        partner, lead = self.partner_id.sudo(), self.sudo().lead_id
        show_leads = not str2bool(
            self.env["ir.config_parameter"].sudo().get_param(POPUP_HIDE_LEADS_PARAM, "False")
        )
        open_leads = self.env["crm.lead"]
        if partner and show_leads:
            open_leads = open_leads.sudo().search(
                [
                    ("partner_id", "child_of", partner.commercial_partner_id.id),
                    ("type", "=", "opportunity"),
                    ("active", "=", True),
                ],
                limit=5,
                order="write_date desc",
            )
        open_leads = open_leads.with_user(agent)._filtered_access("read")
        others = self.env["res.partner"]
        if self.customer_number_e164:
            match = self._crm_match_number(self.customer_number_e164)
            others = (match["other_partners"] - partner).with_user(agent)._filtered_access("read")
        recent = self.sudo().search(
            [
                ("id", "!=", self.id),
                ("customer_number_e164", "=", self.customer_number_e164),
                ("customer_number_e164", "!=", False),
            ],
            limit=3,
        )
        lead_visible = bool(lead.with_user(agent)._filtered_access("read"))
        caller_name = partner.name or (lead_visible and lead.contact_name) or self.caller_name or ""
        company = partner.commercial_company_name or partner.parent_id.name or ""
        return {
            "call_id": self.id,
            "number": self.from_number or "",
            "caller_name": caller_name,
            # A company calling is named once, in the title.
            "company": company if company != caller_name else "",
            "partner_id": partner.id or False,
            "lead_id": lead_visible and lead.id,
            "open_leads": [{"id": o.id, "name": o.name} for o in open_leads],
            "other_contacts": [{"id": p.id, "name": p.display_name} for p in others],
            "last_calls": [
                {
                    # In the agent's time zone and language, as he reads it.
                    "when": format_datetime(
                        self.env, c.started_at, tz=agent.tz, lang_code=agent.lang
                    ),
                    "state": c.state,
                    "direction": c.direction,
                }
                for c in recent
            ],
        }

    def _crm_notify_ringing(self, agent):
        """Tell ``agent`` (and only that user) who is calling."""
        self.ensure_one()
        agent._bus_send("crm_telephony/incoming_call", self._crm_popup_payload(agent))

    # ------------------------------------------------------------------
    # End of call: history, follow-up
    # ------------------------------------------------------------------
    def _crm_on_ended(self):
        self.ensure_one()
        self._crm_post_history()
        if self.direction == "inbound" and self.state in ("missed", "busy", "failed"):
            self._crm_schedule_callback()

    def _crm_history_body(self):
        labels = dict(self._fields["state"]._description_selection(self.env))
        number = self.from_number if self.direction == "inbound" else self.to_number
        # A left-to-right isolate keeps "+98 912 …" in order inside a Persian
        # or Hebrew sentence.
        number = f"\u2066{number}\u2069" if number else "?"
        if self.direction == "inbound":
            text = _(
                "Incoming call from %(number)s: %(state)s",
                number=number,
                state=labels[self.state],
            )
        else:
            text = _(
                "Outgoing call to %(number)s: %(state)s",
                number=number,
                state=labels[self.state],
            )
        if self.agent_id:
            text += " - " + _("agent %(agent)s", agent=self.agent_id.name)
        elif self.team_id:
            text += " - " + _("team %(team)s", team=self.team_id.name)
        if self.duration:
            text += " - " + _(
                "%(minutes)s min %(seconds)s s",
                minutes=self.duration // 60,
                seconds=self.duration % 60,
            )
        return Markup("<p>%s</p>") % text

    def _crm_history_lang(self):
        """The call history is read by the company's staff: written in the
        company's language (as Odoo writes a notification in its reader's
        language), not in that of the API user the PBX events arrive as."""
        company = self.lead_id.company_id or self.env.company
        return company.partner_id.lang or self.env.lang

    def _crm_post_history(self):
        code = (
            "missed_call"
            if (self.direction == "inbound" and self.state != "answered")
            else HISTORY_TAG.get(self.direction)
        )
        if not code:
            return
        body = self.with_context(lang=self._crm_history_lang())._crm_history_body()
        # Events arrive as the public user of the API: sign with the agent or the bot.
        author = self.agent_id.partner_id or self.env.ref("base.partner_root")
        for record in (self.sudo().lead_id, self.partner_id.sudo()):
            if record:
                message = record.message_post(
                    body=body,
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                    author_id=author.id,
                )
                message._crm_apply_system_tags([code])

    def _crm_callback_owner(self):
        """Who calls back a missed call (documented in the readme's USAGE):

        the customer's salesperson (of the lead, else of the contact), else
        the agent the call was for (a direct call: the one phone that rang),
        else the team leader of the group that rang, else the user set in the
        settings. Only active internal users: never the public user.
        """
        self.ensure_one()
        lead, partner = self.sudo().lead_id, self.partner_id.sudo()
        rang = self.rang_user_ids if len(self.rang_user_ids) == 1 else self.env["res.users"]
        param = self.env["ir.config_parameter"].sudo().get_param(CALLBACK_USER_PARAM)
        configured = self.env["res.users"].browse(int(param)).exists() if param else None
        for user in (
            lead.user_id,
            partner.commercial_partner_id.user_id,
            self.agent_id,
            rang,
            self.team_id.user_id,
            configured,
        ):
            if user and user.active and not user.share:
                return user
        return self.env["res.users"]

    def _crm_schedule_callback(self):
        responsible = self._crm_callback_owner()
        record = self.sudo().lead_id or self.partner_id.sudo()
        if not record or not responsible:
            return
        # Scheduled by the system (OdooBot), not by the API's public user.
        record.with_user(SUPERUSER_ID).activity_schedule(
            "mail.mail_activity_data_call",
            summary=_("Call back %(number)s (missed call)", number=self.from_number or ""),
            user_id=responsible.id,
        )

    def action_open_customer(self):
        self.ensure_one()
        record = self.partner_id
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------
    # Click-to-dial
    # ------------------------------------------------------------------
    @api.model
    def _crm_dial(self, number, record):
        """Dial ``number`` for the current user and log the outgoing call."""
        user = self.env.user
        e164 = normalize_e164(
            number, record._crm_e164_country_code(record._crm_record_fallback_country_code())
        )
        if not e164:
            raise UserError(
                _("%(number)s is not a phone number that can be dialled.", number=number)
            )
        call = self.sudo().create(
            {
                "direction": "outbound",
                "state": "ringing",
                "source": "mobile" if user.crm_dial_on_mobile else "odoo",
                "agent_id": user.id,
                "team_id": user.sale_team_id.id,
                "to_number": number,
                "from_number": user.pbx_extension or False,
                "customer_number_e164": e164,
                "partner_id": (record if record._name == "res.partner" else record.partner_id).id,
                "lead_id": record.id if record._name == "crm.lead" else False,
                "pbx_call_id": f"odoo-{uuid.uuid4()}",
            }
        )
        if user.crm_dial_on_mobile:
            self.env["crm.phone.dial.request"].sudo().create(
                {
                    "user_id": user.id,
                    "number": e164,
                    "name": record.display_name,
                    "call_id": call.id,
                }
            )
            message = _("%(number)s was sent to your mobile app.", number=e164)
        else:
            self._crm_originate(user, e164, call)
            message = _("Your phone rings now; pick up to call %(number)s.", number=e164)
        for target in (call.sudo().lead_id, call.partner_id.sudo()):
            if target:
                target.message_post(
                    body=Markup("<p>%s</p>")
                    % _("Outgoing call to %(number)s by %(agent)s", number=e164, agent=user.name),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )._crm_apply_system_tags(["outgoing_call"])
        return message

    @api.model
    def _crm_originate(self, user, e164, call):
        if not user.pbx_extension:
            raise UserError(_("Set your PBX extension in your preferences before dialling."))
        params = self.env["ir.config_parameter"].sudo()
        host = params.get_param("crm_telephony.ami_host")
        if not host:
            raise UserError(
                _(
                    "The phone system is not configured; ask an administrator to "
                    "fill in the AMI settings of CRM."
                )
            )
        client = AmiClient(
            host,
            int(params.get_param("crm_telephony.ami_port") or 5038),
            params.get_param("crm_telephony.ami_user") or "",
            params.get_param(AMI_SECRET_PARAM) or "",
        )
        channel = params.get_param("crm_telephony.ami_channel") or "Local/{extension}@from-internal"
        dial_context = params.get_param("crm_telephony.ami_context") or "from-internal"
        prefix = params.get_param("crm_telephony.ami_international_prefix") or "00"
        try:
            with client as ami:
                ami.originate(
                    channel=channel.format(extension=user.pbx_extension),
                    context=dial_context,
                    exten=prefix + e164[1:],
                    caller_id=f"{call.partner_id.name or e164} <{e164}>",
                    variables={"CRM_CALL_ID": call.pbx_call_id},
                )
        except AmiError as error:
            _logger.warning("AMI Originate for %s failed: %s", user.login, error)
            raise UserError(
                _("The phone system could not place the call: %(reason)s", reason=str(error))
            ) from error
