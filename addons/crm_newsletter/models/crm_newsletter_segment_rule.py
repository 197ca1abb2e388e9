# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

RULE_KINDS = [
    ("product", "Bought one of the products"),
    ("category", "Bought in one of the product categories"),
    ("spent", "Spent more than"),
    ("orders", "Number of orders at least"),
    ("recent", "Last purchase within (days)"),
    ("lapsed", "No purchase within (days)"),
    ("crm_tag", "Interested in (CRM tags)"),
    ("partner_tag", "Has one of the contact tags"),
    ("mailing_list", "Subscribed to one of the mailing lists"),
    ("lang", "Speaks one of the languages"),
    ("country", "Lives in one of the countries"),
    ("city", "Lives in the city"),
]
NUMERIC_KINDS = ("spent", "orders", "recent", "lapsed")


class CrmNewsletterSegmentRule(models.Model):
    """One condition of a segment. Each kind turns into one SQL set of
    partner ids; the segment intersects (all) or unites (any) them."""

    _name = "crm.newsletter.segment.rule"
    _description = "Audience segment rule"
    _order = "segment_id, sequence, id"

    segment_id = fields.Many2one(
        "crm.newsletter.segment", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(RULE_KINDS, string="Condition", required=True, default="product")
    negate = fields.Boolean(string="Not", help="Match the customers who do NOT meet the condition.")
    value = fields.Float(help="Amount, number of orders or number of days.")
    product_ids = fields.Many2many("product.product", string="Products")
    category_ids = fields.Many2many("product.category", string="Product categories")
    crm_tag_ids = fields.Many2many("crm.tag", string="CRM tags")
    partner_category_ids = fields.Many2many("res.partner.category", string="Contact tags")
    mailing_list_ids = fields.Many2many("mailing.list", string="Mailing lists")
    lang_codes = fields.Char(
        string="Languages", help="Language codes separated by commas, e.g. fa_IR, he_IL."
    )
    country_ids = fields.Many2many("res.country", string="Countries")
    city = fields.Char()

    @api.constrains("kind", "value", "city", "lang_codes")
    def _check_value(self):
        for rule in self:
            if rule.kind in NUMERIC_KINDS and rule.value < 0:
                raise ValidationError(_("The number of a segment condition cannot be negative."))
            if rule.kind == "city" and not (rule.city or "").strip():
                raise ValidationError(_("Give the city of the condition."))
            if rule.kind == "lang" and not (rule.lang_codes or "").strip():
                raise ValidationError(_("Give the languages of the condition."))

    def _partner_condition_sql(self, purchases):
        """The SQL condition on the partner ``p`` this rule sets (``negate``
        included). Rules on the partner's own fields are plain conditions on
        its row, so a count reads ``res_partner`` once; the others are a
        semi-join on the set of partner ids of ``_partner_ids_sql``."""
        self.ensure_one()
        condition = self._partner_field_sql()
        if condition is not None:
            # a partner without a city is "not in Tehran": NULL counts as false
            return SQL("NOT COALESCE(%s, FALSE)", condition) if self.negate else condition
        subquery = SQL("SELECT x.pid FROM (%s) AS x(pid)", self._partner_ids_sql(purchases))
        if self.negate:
            return SQL("NOT EXISTS (SELECT 1 FROM (%s) n WHERE n.pid = p.id)", subquery)
        return SQL("p.id IN (%s)", subquery)

    def _partner_field_sql(self):
        """The condition on the partner's own row of a language, country or
        city rule (None for the other kinds)."""
        if self.kind == "lang":
            codes = [code.strip() for code in (self.lang_codes or "").split(",") if code.strip()]
            return SQL("p.lang = ANY(%s)", codes)
        if self.kind == "country":
            return SQL("p.country_id = ANY(%s)", self.country_ids.ids or [0])
        if self.kind == "city":
            # lower(city) is indexed (crm.newsletter.segment.init)
            return SQL("lower(p.city) = lower(%s)", (self.city or "").strip())
        return None

    def _partner_ids_sql(self, purchases):
        """The SQL set of partner ids this rule matches (before ``negate``).

        ``purchases`` gives the purchase history as two SQL sub-queries:
        ``orders`` (partner_id, order_id, date, amount) and ``lines``
        (partner_id, product_id); see ``crm.newsletter.segment._purchase_sql``.
        """
        self.ensure_one()
        kind = self.kind
        orders, lines = purchases["orders"], purchases["lines"]
        if kind == "product":
            return SQL(
                "SELECT l.partner_id FROM (%s) l WHERE l.product_id = ANY(%s)",
                lines,
                self.product_ids.ids or [0],
            )
        if kind == "category":
            categories = (
                self.env["product.category"].search([("id", "child_of", self.category_ids.ids)])
                if self.category_ids
                else self.category_ids
            )
            return SQL(
                """SELECT l.partner_id FROM (%s) l
                     JOIN product_product pp ON pp.id = l.product_id
                     JOIN product_template pt ON pt.id = pp.product_tmpl_id
                    WHERE pt.categ_id = ANY(%s)""",
                lines,
                categories.ids or [0],
            )
        if kind == "spent":
            return SQL(
                "SELECT o.partner_id FROM (%s) o GROUP BY o.partner_id HAVING SUM(o.amount) > %s",
                orders,
                self.value,
            )
        if kind == "orders":
            return SQL(
                # one row per order: COUNT(*) counts orders, without a sort
                "SELECT o.partner_id FROM (%s) o GROUP BY o.partner_id HAVING COUNT(*) >= %s",
                orders,
                int(self.value),
            )
        if kind == "recent":
            return SQL(
                "SELECT o.partner_id FROM (%s) o"
                " WHERE o.date >= (now() at time zone 'UTC')::date - %s::int",
                orders,
                int(self.value),
            )
        if kind == "lapsed":
            # customers who bought once, but not lately
            return SQL(
                "SELECT o.partner_id FROM (%s) o GROUP BY o.partner_id"
                " HAVING MAX(o.date) < (now() at time zone 'UTC')::date - %s::int",
                orders,
                int(self.value),
            )
        if kind == "crm_tag":
            tags = self.crm_tag_ids.ids or [0]
            return SQL(
                """SELECT l.partner_id FROM crm_lead l
                     JOIN crm_tag_rel r ON r.lead_id = l.id
                    WHERE r.tag_id = ANY(%s) AND l.partner_id IS NOT NULL
                   UNION
                   SELECT m.res_id FROM mail_message m
                     JOIN mail_message_crm_tag_rel r ON r.message_id = m.id
                    WHERE m.model = 'res.partner' AND r.tag_id = ANY(%s)""",
                tags,
                tags,
            )
        if kind == "partner_tag":
            categories = (
                self.env["res.partner.category"].search(
                    [("id", "child_of", self.partner_category_ids.ids)]
                )
                if self.partner_category_ids
                else self.partner_category_ids
            )
            return SQL(
                "SELECT r.partner_id FROM res_partner_res_partner_category_rel r"
                " WHERE r.category_id = ANY(%s)",
                categories.ids or [0],
            )
        if kind == "mailing_list":
            return SQL(
                """SELECT p.id FROM res_partner p
                     JOIN mailing_contact c ON c.email_normalized = p.email_normalized
                     JOIN mailing_subscription s ON s.contact_id = c.id
                    WHERE s.list_id = ANY(%s) AND NOT COALESCE(s.opt_out, FALSE)""",
                self.mailing_list_ids.ids or [0],
            )
        condition = self._partner_field_sql()
        if condition is not None:
            return SQL("SELECT p.id FROM res_partner p WHERE %s", condition)
        raise ValidationError(_("Unknown segment condition."))
