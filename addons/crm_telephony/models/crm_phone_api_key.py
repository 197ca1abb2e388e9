# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError

KEY_ID_PREFIX = "crmk_"
RATE_LIMIT_PARAM = "crm_telephony.rate_limit_per_minute"
# Requests per minute when the system parameter is not set. The AMI bridge of
# a PBX taking 20 calls a second sends about 50 requests a second (popups on
# their own connection, bench/bench_ami_to_popup.py); a phone, a few a minute.
DEFAULT_RATE_LIMITS = {"pbx": 6000, "mobile": 600}
REPLAY_WINDOW = 300


def _hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CrmPhoneApiKey(models.Model):
    """A key for a PBX bridge, a webhook provider or one mobile device.

    ``pbx`` keys sign request bodies with HMAC-SHA256, so the server keeps
    the signing secret (readable by administrators only). ``mobile`` keys
    are bearer tokens: only their SHA-256 is stored, the token is shown once.
    """

    _name = "crm.phone.api.key"
    _description = "Telephony API Key"
    _order = "create_date desc"

    name = fields.Char(required=True, help="Which PBX, provider or phone uses this key.")
    kind = fields.Selection(
        [("pbx", "PBX bridge / webhook"), ("mobile", "Mobile device")],
        required=True,
        default="mobile",
    )
    user_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
        index=True,
    )
    key_id = fields.Char(string="Key ID", readonly=True, copy=False, index=True)
    token_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    hmac_secret = fields.Char(readonly=True, copy=False, groups="base.group_system")
    active = fields.Boolean(default=True, help="Revoked keys are archived.")
    last_used = fields.Datetime(readonly=True)

    _sql_constraints = [("key_id_unique", "UNIQUE(key_id)", "Key IDs are unique.")]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["key_id"] = KEY_ID_PREFIX + secrets.token_hex(8)
        return super().create(vals_list)

    def _crm_issue_secret(self):
        """Generate a new secret; the caller shows it once, we keep its hash."""
        self.ensure_one()
        secret = secrets.token_urlsafe(32)
        values = {"token_hash": _hash_token(f"{self.key_id}.{secret}")}
        if self.kind == "pbx":
            values["hmac_secret"] = secret
        self.sudo().write(values)
        return f"{self.key_id}.{secret}" if self.kind == "mobile" else secret

    def action_generate_secret(self):
        self.ensure_one()
        if self.user_id != self.env.user and not self.env.user.has_group("base.group_system"):
            raise UserError(_("Only the owner of a key can generate its secret."))
        secret = self._crm_issue_secret()
        wizard = self.env["crm.phone.api.key.secret"].create({"key_id": self.id, "secret": secret})
        return {
            "type": "ir.actions.act_window",
            "res_model": wizard._name,
            "res_id": wizard.id,
            "views": [(False, "form")],
            "target": "new",
        }

    def action_revoke(self):
        self.write({"active": False})

    # --- authentication -------------------------------------------------
    @api.model
    def _crm_find_bearer(self, token):
        """The active mobile key of a bearer token, or an empty recordset."""
        if not token or "." not in token or len(token) > 200:
            return self.browse()
        key = self.sudo().search(
            [("key_id", "=", token.split(".", 1)[0]), ("kind", "=", "mobile")], limit=1
        )
        if key and key.token_hash and hmac.compare_digest(key.token_hash, _hash_token(token)):
            return key
        return self.browse()

    @api.model
    def _crm_find_signing_key(self, key_id):
        if not key_id or len(key_id) > 64:
            return self.browse()
        return self.sudo().search([("key_id", "=", key_id), ("kind", "=", "pbx")], limit=1)

    def _crm_signature_valid(self, timestamp, body, signature):
        self.ensure_one()
        if not self.hmac_secret or not signature or not signature.startswith("sha256="):
            return False
        expected = hmac.new(
            self.hmac_secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
        ).hexdigest()
        return hmac.compare_digest(expected, signature[len("sha256=") :])

    def _crm_rate_limited(self):
        """Count one request; True when the key exceeded its requests per minute.

        Counted in the database (``crm.phone.api.key.usage``), so the limit is
        the same for all workers together and survives a restart.
        """
        self.ensure_one()
        setting = self.env["ir.config_parameter"].sudo().get_param(RATE_LIMIT_PARAM)
        limit = int(setting) if setting else DEFAULT_RATE_LIMITS[self.kind]
        return self.env["crm.phone.api.key.usage"].sudo()._crm_hit(self.key_id, limit)
