# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models

from .crm_phone_e164_mixin import DEFAULT_COUNTRY_PARAM

AMI_SECRET_PARAM = "crm_telephony.ami_secret"


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_telephony_ami_host = fields.Char(
        string="AMI Host", config_parameter="crm_telephony.ami_host"
    )
    crm_telephony_ami_port = fields.Integer(
        string="AMI Port", config_parameter="crm_telephony.ami_port", default=5038
    )
    crm_telephony_ami_user = fields.Char(
        string="AMI User", config_parameter="crm_telephony.ami_user"
    )
    crm_telephony_ami_secret = fields.Char(
        string="AMI Secret",
        help="Write a new secret to change it; the stored one is never shown.",
    )
    crm_telephony_ami_secret_set = fields.Boolean(
        string="AMI Secret Stored", compute="_compute_crm_telephony_ami_secret_set"
    )
    crm_telephony_default_country_id = fields.Many2one(
        "res.country",
        string="Default Phone Country",
        config_parameter="crm_telephony.default_country_id",
        help="Country of phone numbers written without an international prefix when "
        "neither the record nor its company has a country.",
    )
    crm_telephony_assumed_country = fields.Char(
        string="Country Assumed for Numbers",
        compute="_compute_crm_telephony_assumed_country",
    )
    crm_telephony_renormalize_status = fields.Char(
        string="Phone Numbers Re-read", compute="_compute_crm_telephony_assumed_country"
    )
    crm_telephony_callback_user_id = fields.Many2one(
        "res.users",
        string="Calls Back Missed Group Calls",
        config_parameter="crm_telephony.callback_user_id",
        domain=[("share", "=", False)],
        help="Gets the call-back task of a missed call when nobody else is responsible.",
    )
    crm_telephony_create_lead_unknown = fields.Boolean(
        string="Create a Lead for Unknown Callers",
        config_parameter="crm_telephony.create_lead_unknown",
    )
    crm_telephony_popup_hide_leads = fields.Boolean(
        string="Hide Open Leads in the Caller Popup",
        config_parameter="crm_telephony.popup_hide_leads",
    )

    @api.depends("crm_telephony_ami_secret")
    def _compute_crm_telephony_ami_secret_set(self):
        stored = bool(self.env["ir.config_parameter"].sudo().get_param(AMI_SECRET_PARAM))
        for settings in self:
            settings.crm_telephony_ami_secret_set = stored

    @api.depends("crm_telephony_default_country_id", "company_id.country_id")
    def _compute_crm_telephony_assumed_country(self):
        Partner = self.env["res.partner"]
        remaining = Partner._crm_unparsed_remaining() if Partner._crm_renormalize_state() else 0
        for settings in self:
            stored, caller = (
                settings.company_id.country_id,
                (settings.crm_telephony_default_country_id or settings.company_id.country_id),
            )
            if stored and caller:
                text = _(
                    "Stored numbers without a country are read as numbers of %(stored)s (the "
                    "company's country); caller IDs without a country code as numbers of "
                    "%(caller)s.",
                    stored=stored.name,
                    caller=caller.name,
                )
            elif caller:
                text = _(
                    "Numbers without a country code are read as numbers of %(country)s.",
                    country=caller.name,
                )
            else:
                text = _(
                    "No country is assumed: set the company's country, or numbers written "
                    "without a country code are not recognised."
                )
            settings.crm_telephony_assumed_country = text
            settings.crm_telephony_renormalize_status = (
                _(
                    "Re-reading the phone numbers saved before the country was set: "
                    "%(count)s left, in the background.",
                    count=remaining,
                )
                if remaining
                else False
            )

    def set_values(self):
        params = self.env["ir.config_parameter"].sudo()
        country_before = params.get_param(DEFAULT_COUNTRY_PARAM)
        result = super().set_values()
        if params.get_param(DEFAULT_COUNTRY_PARAM) != country_before:
            self.env["res.partner"]._crm_request_renormalize()
        for settings in self:
            if settings.crm_telephony_ami_secret:
                # Write-only: stored as a system parameter, never read back into the form.
                self.env["ir.config_parameter"].sudo().set_param(
                    AMI_SECRET_PARAM, settings.crm_telephony_ami_secret
                )
        return result
