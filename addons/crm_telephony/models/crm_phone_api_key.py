# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import hmac
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

KEY_ID_PREFIX = "crmk_"
RATE_LIMIT_PARAM = "crm_telephony.rate_limit_per_minute"
# Requests per minute when the system parameter is not set. The AMI bridge of
# a PBX taking 20 calls a second sends about 50 requests a second (popups on
# their own connection, bench/bench_ami_to_popup.py); a phone, a few a minute.
DEFAULT_RATE_LIMITS = {"pbx": 6000, "mobile": 600}
REPLAY_WINDOW = 300
ADMIN_GROUP = "crm_telephony.group_crm_telephony_admin"
# What the owner of a key may change without being a telephony administrator.
OWNER_WRITABLE_FIELDS = frozenset({"name", "active"})


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
            self._crm_check_may_issue(vals)
            vals["key_id"] = KEY_ID_PREFIX + secrets.token_hex(8)
        return super().create(vals_list)

    def write(self, vals):
        self._crm_check_may_change(vals)
        return super().write(vals)

    # --- who may do what ------------------------------------------------
    def _crm_is_telephony_admin(self):
        return self.env.su or self.env.user.has_group(ADMIN_GROUP)

    @api.model
    def _crm_check_may_issue(self, vals):
        """Employees issue mobile keys for themselves; PBX keys are for administrators.

        The record rules refuse the same; this says why in words.
        """
        if self._crm_is_telephony_admin():
            return
        if vals.get("kind", "mobile") != "mobile":
            raise AccessError(
                _("Only telephony administrators can create PBX keys: ask your administrator.")
            )
        if vals.get("user_id", self.env.uid) != self.env.uid:
            raise AccessError(_("You can create telephony keys for yourself only."))

    def _crm_check_may_change(self, vals):
        """Owners rename and revoke their keys; nothing else, and revoking is final."""
        if self._crm_is_telephony_admin():
            return
        if set(vals) - OWNER_WRITABLE_FIELDS or vals.get("active", False):
            raise AccessError(
                _(
                    "You can rename or revoke your telephony keys, nothing else: a revoked "
                    "key stays revoked. Create a new key instead."
                )
            )

    # --- actions --------------------------------------------------------
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
        """Issue a new secret and show it once.

        The secret travels in the action's result only: it is never stored in
        clear (no record another user could read, nothing left for the vacuum).
        """
        self.ensure_one()
        self.check_access("write")
        if not self.active:
            raise UserError(_("This key is revoked: create a new key instead."))
        if not self._crm_is_telephony_admin() and (
            self.user_id != self.env.user or self.kind != "mobile"
        ):
            raise AccessError(
                _(
                    "Only the owner of a mobile key or a telephony administrator can issue "
                    "its secret."
                )
            )
        secret = self._crm_issue_secret()
        return {
            "type": "ir.actions.client",
            "tag": "crm_telephony.api_key_secret",
            "name": _("New Secret"),
            "target": "new",
            "params": {
                "key_id": self.key_id,
                "key_name": self.name,
                "kind": self.kind,
                "secret": secret,
            },
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
