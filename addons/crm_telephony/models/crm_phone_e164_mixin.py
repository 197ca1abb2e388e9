# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column, create_index

from ..tools.phone import caller_id_candidates, normalize_e164

DEFAULT_COUNTRY_PARAM = "crm_telephony.default_country_id"
BACKFILL_BATCH = 10000
RENORMALIZE_PARAM = "crm_telephony.renormalize_state"
RENORMALIZED_MODELS = ("res.partner", "crm.lead")
# Up to this many numbers to re-read, the settings change does it at once.
RENORMALIZE_INLINE_LIMIT = 5000
# Rows one run of the background job reads before handing back to the scheduler.
RENORMALIZE_CRON_ROWS = 100000


def _e164_field(string, help_text):
    """A stored, indexed E.164 copy of one phone field, recomputed with it."""
    return fields.Char(
        string=string,
        compute="_compute_phones_e164",
        store=True,
        index=True,
        copy=False,
        help=help_text,
    )


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

    phone_e164 = _e164_field(
        "Phone (E.164)",
        "The phone number in international format, used to recognise callers.",
    )
    mobile_e164 = _e164_field(
        "Mobile (E.164)",
        "The mobile number in international format, used to recognise callers.",
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
        # Most records have no number (a web form's visitor, an imported
        # company): the fallback country is read only when one needs it.
        with_number = self.filtered(lambda record: record.phone or record.mobile)
        (self - with_number).update({"phone_e164": False, "mobile_e164": False})
        if not with_number:
            return
        default_code = self._crm_record_fallback_country_code()
        for record in with_number:
            code = record._crm_e164_country_code(default_code)
            # Without a country of its own, the record's country is assumed.
            assumed = not record.country_id
            record.phone_e164 = normalize_e164(record.phone, code, assumed)
            record.mobile_e164 = normalize_e164(record.mobile, code, assumed)

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
        last_id, done = 0, 0
        while True:
            count, last_id = self._crm_normalize_batch(last_id, batch_size)
            if not count:
                break
            done += count
        return done

    def _crm_rows_sql(self, after_id, limit, only_unparsed):
        """Rows to (re-)normalise: id, phone, mobile, own country, company country."""
        table = SQL.identifier(self._table)
        unparsed = SQL(
            "AND ((rec.phone IS NOT NULL AND rec.phone != '' AND rec.phone_e164 IS NULL)"
            " OR (rec.mobile IS NOT NULL AND rec.mobile != '' AND rec.mobile_e164 IS NULL))"
        )
        return SQL(
            """
            SELECT rec.id, rec.phone, rec.mobile, country.code, company_country.code
              FROM %(table)s rec
         LEFT JOIN res_country country ON country.id = rec.country_id
         LEFT JOIN res_company company ON company.id = rec.company_id
         LEFT JOIN res_partner company_partner ON company_partner.id = company.partner_id
         LEFT JOIN res_country company_country ON company_country.id = company_partner.country_id
             WHERE rec.id > %(after_id)s %(unparsed)s
          ORDER BY rec.id
             LIMIT %(limit)s
            """,
            table=table,
            after_id=after_id,
            unparsed=unparsed if only_unparsed else SQL(),
            limit=limit,
        )

    @api.model
    def _crm_normalize_batch(self, after_id, batch_size, only_unparsed=False):
        """One set-based batch: read rows after ``after_id``, update them in one query.

        Returns (rows read, last id read). Written in SQL because the install
        hook and the re-normalisation run on tables of a million records
        (bench/bench_caller_id.py), where the ORM would recompute one record
        at a time.
        """
        cr = self.env.cr
        self.flush_model()
        default_code = self._crm_record_fallback_country_code()
        cr.execute(self._crm_rows_sql(after_id, batch_size, only_unparsed))
        rows = cr.fetchall()
        if not rows:
            return 0, after_id
        values = []
        for rec_id, phone, mobile, own_code, company_code in rows:
            if not (phone or mobile):
                continue
            code, assumed = own_code or company_code or default_code, not own_code
            values.append(
                SQL(
                    "(%s, %s, %s)",
                    rec_id,
                    normalize_e164(phone, code, assumed) or None,
                    normalize_e164(mobile, code, assumed) or None,
                )
            )
        if values:
            cr.execute(
                SQL(
                    """
                    UPDATE %(table)s rec
                       SET phone_e164 = v.phone_e164, mobile_e164 = v.mobile_e164
                      FROM (VALUES %(values)s) AS v(id, phone_e164, mobile_e164)
                     WHERE rec.id = v.id
                    """,
                    table=SQL.identifier(self._table),
                    values=SQL(", ").join(values),
                )
            )
        self.invalidate_model(["phone_e164", "mobile_e164"])
        return len(rows), rows[-1][0]

    # ------------------------------------------------------------------
    # Re-normalisation when the country settings change
    # ------------------------------------------------------------------
    @api.model
    def _crm_renormalize_state(self):
        """{model name: last id done} of the re-normalisation under way, or {}."""
        raw = self.env["ir.config_parameter"].sudo().get_param(RENORMALIZE_PARAM)
        try:
            state = json.loads(raw) if raw else {}
        except ValueError:
            state = {}
        return {name: int(last) for name, last in state.items() if name in self.env}

    @api.model
    def _crm_set_renormalize_state(self, state):
        self.env["ir.config_parameter"].sudo().set_param(
            RENORMALIZE_PARAM, json.dumps(state) if state else False
        )

    @api.model
    def _crm_unparsed_remaining(self, state=None):
        """Numbers left to re-read: stored, without E.164, after the job's cursor."""
        state = self._crm_renormalize_state() if state is None else state
        remaining = 0
        for name, last_id in state.items():
            model = self.env[name].sudo().with_context(active_test=False)
            remaining += model.search_count(
                [
                    ("id", ">", last_id),
                    "|",
                    "&",
                    ("phone", "!=", False),
                    ("phone_e164", "=", False),
                    "&",
                    ("mobile", "!=", False),
                    ("mobile_e164", "=", False),
                ]
            )
        return remaining

    @api.model
    def _crm_request_renormalize(self):
        """The country assumed for numbers changed: re-read those never parsed.

        Small tables are done at once; larger ones by a background job
        (cron) in set-based batches, whose progress the settings page shows.
        """
        state = dict.fromkeys(RENORMALIZED_MODELS, 0)
        self._crm_set_renormalize_state(state)
        cron = self.env.ref("crm_telephony.ir_cron_crm_phone_renormalize", False)
        if not cron or self._crm_unparsed_remaining(state) <= RENORMALIZE_INLINE_LIMIT:
            # Small tables, or the job not loaded yet (this addon being installed).
            self._crm_renormalize_run(max_rows=None)
        else:
            cron.sudo()._trigger()

    @api.model
    def _crm_renormalize_run(self, max_rows=RENORMALIZE_CRON_ROWS, batch_size=BACKFILL_BATCH):
        """Advance the re-normalisation by about ``max_rows`` rows; returns rows read."""
        state = self._crm_renormalize_state()
        done = 0
        for name in list(state):
            model = self.env[name].sudo()
            while max_rows is None or done < max_rows:
                count, state[name] = model._crm_normalize_batch(
                    state[name], batch_size, only_unparsed=True
                )
                done += count
                if not count:
                    del state[name]
                    break
            if name in state:
                break
        self._crm_set_renormalize_state(state)
        return done

    @api.model
    def _crm_renormalize_cron(self):
        """Background job: batches until done, reporting progress to the scheduler."""
        done = self._crm_renormalize_run()
        remaining = self._crm_unparsed_remaining() if self._crm_renormalize_state() else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _crm_search_e164(self, e164, limit=20):
        """Records whose phone or mobile is the E.164 number ``e164``, latest first."""
        return self.search(
            ["|", ("phone_e164", "=", e164), ("mobile_e164", "=", e164)],
            order="write_date desc, id desc",
            limit=limit,
        )

    @api.model
    def _crm_search_caller(self, number, limit=20):
        """Records of the first reading of ``number`` that matches any, latest first.

        A caller ID may read several ways (``9123456789``: Russian +7 912… or
        +91 23…); the PBX country's reading comes first, and a later reading
        is tried only when no record has the earlier one.
        """
        for e164 in caller_id_candidates(number, self._crm_default_country_code()):
            records = self._crm_search_e164(e164, limit=limit)
            if records:
                return records
        return self.browse()

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
        return self.env["crm.phone.dial.request"]._crm_dial(self[field_name], self)
