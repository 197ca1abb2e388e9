# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Click-to-dial: the agent's desk phone through AMI Originate, or his mobile app."""

import logging
import uuid

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.ami_client import AmiClient, AmiError
from ..tools.phone import normalize_e164
from .res_config_settings import AMI_SECRET_PARAM

_logger = logging.getLogger(__name__)

DEFAULT_AMI_CHANNEL = "Local/{extension}@from-internal"
DEFAULT_AMI_CONTEXT = "from-internal"


class CrmPhoneDialRequest(models.Model):
    """A number the user asked to dial on his own mobile, waiting for the app.

    The model is also the home of click-to-dial as a whole (``_crm_dial``):
    a dial button logs the outgoing call, then rings the agent's desk phone
    through the PBX or leaves a request here for his mobile app.
    """

    _name = "crm.phone.dial.request"
    _description = "Dial Request for the Mobile App"
    _order = "id"

    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    number = fields.Char(required=True)
    name = fields.Char(string="Customer")
    call_id = fields.Many2one("crm.phone.call", ondelete="set null")
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Dialled")],
        default="pending",
        required=True,
        index=True,
    )

    def _crm_api_dict(self):
        return [
            {
                "id": req.id,
                "number": req.number,
                "name": req.name or "",
                "requested_at": fields.Datetime.to_string(req.create_date) + "Z",
            }
            for req in self
        ]

    # ------------------------------------------------------------------
    # Click-to-dial
    # ------------------------------------------------------------------
    @api.model
    def _crm_dial(self, number, record):
        """Dial ``number`` of ``record`` for the current user and log the outgoing call.

        Returns the message to show the user.
        """
        user = self.env.user
        e164 = normalize_e164(
            number, record._crm_e164_country_code(record._crm_record_fallback_country_code())
        )
        if not e164:
            raise UserError(
                _("%(number)s is not a phone number that can be dialled.", number=number)
            )
        call = self._crm_log_outgoing_call(user, number, e164, record)
        if user.crm_dial_on_mobile:
            self.sudo().create(
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
        self._crm_post_dialled(call, user, e164)
        return message

    @api.model
    def _crm_log_outgoing_call(self, user, number, e164, record):
        return (
            self.env["crm.phone.call"]
            .sudo()
            .create(
                {
                    "direction": "outbound",
                    "state": "ringing",
                    "source": "mobile" if user.crm_dial_on_mobile else "odoo",
                    "agent_id": user.id,
                    "team_id": user.sale_team_id.id,
                    "to_number": number,
                    "from_number": user.pbx_extension or False,
                    "customer_number_e164": e164,
                    "partner_id": (
                        record if record._name == "res.partner" else record.partner_id
                    ).id,
                    "lead_id": record.id if record._name == "crm.lead" else False,
                    "pbx_call_id": f"odoo-{uuid.uuid4()}",
                }
            )
        )

    @api.model
    def _crm_post_dialled(self, call, user, e164):
        """The customer's history says who called him, tagged as an outgoing call."""
        for target in (call.sudo().lead_id, call.partner_id.sudo()):
            if target:
                target.message_post(
                    body=Markup("<p>%s</p>")
                    % _("Outgoing call to %(number)s by %(agent)s", number=e164, agent=user.name),
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )._crm_apply_system_tags(["outgoing_call"])

    @api.model
    def _crm_ami_client(self):
        """The AMI client of the settings; refuses when the PBX is not configured."""
        params = self.env["ir.config_parameter"].sudo()
        host = params.get_param("crm_telephony.ami_host")
        if not host:
            raise UserError(
                _(
                    "The phone system is not configured; ask an administrator to "
                    "fill in the AMI settings of CRM."
                )
            )
        return AmiClient(
            host,
            int(params.get_param("crm_telephony.ami_port") or 5038),
            params.get_param("crm_telephony.ami_user") or "",
            params.get_param(AMI_SECRET_PARAM) or "",
        )

    @api.model
    def _crm_originate(self, user, e164, call):
        """Ring ``user``'s extension, then ``e164`` once he picks up (AMI Originate)."""
        if not user.pbx_extension:
            raise UserError(_("Set your PBX extension in your preferences before dialling."))
        client = self._crm_ami_client()
        params = self.env["ir.config_parameter"].sudo()
        channel = params.get_param("crm_telephony.ami_channel") or DEFAULT_AMI_CHANNEL
        dial_context = params.get_param("crm_telephony.ami_context") or DEFAULT_AMI_CONTEXT
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
