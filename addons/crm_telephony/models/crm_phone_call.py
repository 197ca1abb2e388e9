# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, format_datetime, str2bool

from ..tools.phone import caller_id_candidates

POPUP_HIDE_LEADS_PARAM = "crm_telephony.popup_hide_leads"
CALLBACK_USER_PARAM = "crm_telephony.callback_user_id"
HISTORY_TAG = {"inbound": "incoming_call", "outbound": "outgoing_call", "internal": None}


class CrmPhoneCall(models.Model):
    """A call of the company's phones: the call log, caller ID and its follow-up.

    Events create and complete calls (``crm.phone.call.event``); click-to-dial
    logs the calls the CRM places (``crm.phone.dial.request``).
    """

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
        # A subquery in the domain: the database never sends every id back.
        self.flush_model(["customer_number_e164", "direction", "started_at"])
        called_back = SQL(
            """(
            SELECT missed.id FROM crm_phone_call missed
             WHERE missed.customer_number_e164 IS NOT NULL
               AND EXISTS (
                   SELECT 1 FROM crm_phone_call later
                    WHERE later.direction = 'outbound'
                      AND later.customer_number_e164 = missed.customer_number_e164
                      AND later.started_at > missed.started_at)
            )"""
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", called_back)]

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

        Hand-written rather than Odoo's ``phone_mobile_search`` (a regexp scan
        of every stored number, one reading): see ``tools/phone.py`` and
        ``bench/bench_caller_id.py`` for the figures.
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
    # Event ingestion (applied by crm.phone.call.event); whom a call is for
    # ------------------------------------------------------------------
    @api.model
    def _crm_ingest_events(self, events, source="webhook", agent=None):
        """Log call events of the PBX bridge, a webhook provider or the mobile app.

        The entry point of the routes and the demo data; the events' own
        model validates them, keeps them applied once and applies each kind.
        Returns the number of events applied (duplicates are skipped).
        """
        return self.env["crm.phone.call.event"]._crm_ingest(events, source=source, agent=agent)

    @api.model
    def _crm_agent_for_extension(self, extension):
        """The telephony agent whose desk phone is ``extension``, else no user."""
        if not extension:
            return self.env["res.users"]
        user = (
            self.env["res.users"]
            .sudo()
            .search([("pbx_extension", "=", extension), ("share", "=", False)], limit=1)
        )
        # An extension left on a user who no longer takes calls pops nothing up.
        return user if user and user._crm_is_telephony_agent() else self.env["res.users"]

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
