# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.sql import column_exists, create_column, create_index

from ..tools.phone import caller_id_candidates, normalize_e164

DEFAULT_COUNTRY_PARAM = "crm_telephony.default_country_id"
BACKFILL_BATCH = 10000


class CrmPhoneE164Mixin(models.AbstractModel):
    """Every phone of a record kept in E.164 in indexed columns.

    Two plain columns (``phone_e164``, ``mobile_e164``) with btree indexes
    rather than an index table: a caller ID lookup is then one index scan per
    column on the record's own table, no join, and the values stay in step
    with the record through the ORM's own recomputation. Odoo's
    ``phone_sanitized`` keeps only the first number and ignores the company's
    and our default country.
    """

    _name = "crm.phone.e164.mixin"
    _description = "Phone numbers in E.164"

    phone_e164 = fields.Char(
        string="Phone (E.164)",
        compute="_compute_phones_e164",
        store=True,
        index=True,
        copy=False,
        help="The phone number in international format, used to recognise callers.",
    )
    mobile_e164 = fields.Char(
        string="Mobile (E.164)",
        compute="_compute_phones_e164",
        store=True,
        index=True,
        copy=False,
        help="The mobile number in international format, used to recognise callers.",
    )

    crm_phone_any = fields.Char(
        string="Phone Number (any format)",
        compute="_compute_crm_phone_any",
        search="_search_crm_phone_any",
        help="Finds the phone or mobile number exactly, whatever way it was written.",
    )

    def _compute_crm_phone_any(self):
        for record in self:
            record.crm_phone_any = record.phone_e164 or record.mobile_e164

    def _search_crm_phone_any(self, operator, value):
        if operator not in ("=", "ilike") or not isinstance(value, str):
            raise UserError(_("Search phone numbers with a number, like 0912 123 4567."))
        candidates = caller_id_candidates(value, self._crm_default_country_code())
        if not candidates:
            return [("id", "=", False)]
        return ["|", ("phone_e164", "in", candidates), ("mobile_e164", "in", candidates)]

    @api.model
    def _crm_setting_country_code(self):
        param = self.env["ir.config_parameter"].sudo().get_param(DEFAULT_COUNTRY_PARAM)
        country = self.env["res.country"].browse(int(param)).exists() if param else None
        return country.code if country else None

    @api.model
    def _crm_default_country_code(self):
        """Country of a caller ID without prefix: the PBX's country, i.e. the setting."""
        return self._crm_setting_country_code() or self.env.company.country_id.code or None

    @api.model
    def _crm_record_fallback_country_code(self):
        """Country of a stored number when its record and record's company have none."""
        return self.env.company.country_id.code or self._crm_setting_country_code()

    def _crm_e164_country_code(self, default_code):
        self.ensure_one()
        return self.country_id.code or self.company_id.country_id.code or default_code

    @api.depends("phone", "mobile", "country_id", "company_id")
    def _compute_phones_e164(self):
        default_code = self._crm_record_fallback_country_code()
        for record in self:
            code = record._crm_e164_country_code(default_code)
            record.phone_e164 = normalize_e164(record.phone, code)
            record.mobile_e164 = normalize_e164(record.mobile, code)

    def _auto_init(self):
        # Create the columns ourselves so that installing on a database with
        # a million records does not recompute them one ORM record at a time;
        # the post-init hook fills them in set-based batches instead.
        if self._abstract or not self._auto:
            return super()._auto_init()
        for column in ("phone_e164", "mobile_e164"):
            if not column_exists(self.env.cr, self._table, column):
                create_column(self.env.cr, self._table, column, "varchar")
        result = super()._auto_init()
        for column in ("phone_e164", "mobile_e164"):
            create_index(self.env.cr, f"{self._table}__{column}_index", self._table, [column])
        return result

    @api.model
    def _crm_backfill_e164(self, batch_size=BACKFILL_BATCH):
        """Normalise every phone of the table with SQL reads and batched updates."""
        cr = self.env.cr
        self.flush_model()
        default_code = self._crm_record_fallback_country_code()
        table = self._table
        last_id, done = 0, 0
        while True:
            cr.execute(
                f"""
                SELECT rec.id, rec.phone, rec.mobile,
                       COALESCE(country.code, company_country.code)
                  FROM {table} rec
             LEFT JOIN res_country country ON country.id = rec.country_id
             LEFT JOIN res_company company ON company.id = rec.company_id
             LEFT JOIN res_partner company_partner ON company_partner.id = company.partner_id
             LEFT JOIN res_country company_country
                    ON company_country.id = company_partner.country_id
                 WHERE rec.id > %s
              ORDER BY rec.id
                 LIMIT %s
                """,
                (last_id, batch_size),
            )
            rows = cr.fetchall()
            if not rows:
                break
            values = [
                (
                    rec_id,
                    normalize_e164(phone, code or default_code) or None,
                    normalize_e164(mobile, code or default_code) or None,
                )
                for rec_id, phone, mobile, code in rows
                if phone or mobile
            ]
            if values:
                execute_values(
                    cr._obj,
                    f"""
                    UPDATE {table} rec
                       SET phone_e164 = v.phone_e164, mobile_e164 = v.mobile_e164
                      FROM (VALUES %s) AS v(id, phone_e164, mobile_e164)
                     WHERE rec.id = v.id
                    """,
                    values,
                    page_size=batch_size,
                )
            done += len(rows)
            last_id = rows[-1][0]
        self.invalidate_model(["phone_e164", "mobile_e164"])
        return done

    @api.model
    def _crm_search_caller(self, number, limit=20):
        """Records whose phone or mobile is ``number`` in any format, latest first."""
        candidates = caller_id_candidates(number, self._crm_default_country_code())
        if not candidates:
            return self.browse()
        return self.search(
            ["|", ("phone_e164", "in", candidates), ("mobile_e164", "in", candidates)],
            order="write_date desc, id desc",
            limit=limit,
        )

    def action_crm_dial(self, field_name="phone"):
        """Dial button beside a phone field; returns the message to show."""
        self.ensure_one()
        if not self.env.user._crm_is_telephony_agent():
            raise AccessError(_("Click-to-dial is for the sales and support users of the company."))
        if field_name not in ("phone", "mobile"):
            raise UserError(_("Only phone and mobile numbers can be dialled."))
        self.check_access("read")
        if not self[field_name]:
            raise UserError(_("There is no number to dial."))
        return self.env["crm.phone.call"]._crm_dial(self[field_name], self)
