# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from lxml import etree

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.sql import column_exists

CUSTOMER_INVOICE_TYPES = ("out_invoice", "out_refund")

# The buttons of the lead form that only open something: a user who may read
# leads but not change them (the Accountant) sees these and no other button.
READ_ONLY_BUTTONS = (
    "action_view_invoices",
    "action_show_potential_duplicates",
    "action_view_tag_lost_reasons",
)
# Buttons of a read-only user's lead form that change other records than the
# lead (by their class: action buttons are named by an action id): an
# accountant links an invoice to the opportunity he only reads.
READ_ONLY_BUTTON_CLASSES = frozenset({"o_crm_link_invoice"})

# The answers that make a lead qualified (source 000, "custom fields"): the
# completeness score is the share of them that is filled in.
QUALIFICATION_FIELDS = (
    "has_budget",
    "budget_amount",
    "pain_points",
    "purchase_requirements",
    "desired_outcome",
    "urgency",
    "purchase_horizon",
    "decision_maker_count",
    "buying_process",
    "decision_role",
    "competitor_line_ids",
    "objection_ids",
)


class CrmLead(models.Model):
    _name = "crm.lead"
    _inherit = ["crm.lead", "crm.tagged.mixin"]
    _crm_guarded_tag_fields = ("tag_ids", "lost_reason_tag_ids")
    _crm_lost_reason_tag_fields = ("lost_reason_tag_ids",)

    # Qualification (source 000): budget, need, timeline, decision makers,
    # authority, competitors, objections. The selections are not required:
    # a NOT NULL column would make the install rewrite every existing lead,
    # and an empty answer reads as "unknown" anyway.
    has_budget = fields.Selection(
        [("unknown", "Unknown"), ("yes", "Yes"), ("no", "No")],
        string="Has a budget",
        default="unknown",
        tracking=True,
    )
    budget_amount = fields.Monetary(
        string="Budget",
        currency_field="company_currency",
        tracking=True,
        help="The amount the prospect can spend, e.g. 1,000 million rials.",
    )
    pain_points = fields.Text(help="What hurts today, e.g. old technology.")
    purchase_requirements = fields.Text(help="What the purchase must bring, e.g. efficiency.")
    desired_outcome = fields.Text(help="What success looks like, e.g. better workflows.")
    urgency = fields.Selection(
        [("low", "Low"), ("medium", "Moderate"), ("high", "High"), ("immediate", "Immediate")],
        tracking=True,
    )
    expected_purchase_date = fields.Date(tracking=True)
    purchase_horizon = fields.Integer(
        string="Purchase within (months)",
        tracking=True,
        help="When the prospect expects to buy, in months from now, e.g. 3.",
    )
    decision_maker_count = fields.Integer(
        string="Number of decision makers", tracking=True, help="E.g. 2."
    )
    buying_process = fields.Char(
        tracking=True, help="How the decision is made, e.g. committee review."
    )
    decision_role = fields.Selection(
        [
            ("unknown", "Unknown"),
            ("decision_maker", "Decision maker"),
            ("influencer", "Influencer"),
            ("end_user", "End user"),
        ],
        string="Role in the decision",
        default="unknown",
        tracking=True,
    )
    competitor_line_ids = fields.One2many(
        "crm.lead.competitor", "lead_id", string="Competitors", copy=True
    )
    objection_ids = fields.One2many("crm.lead.objection", "lead_id", string="Objections", copy=True)
    qualification_score = fields.Integer(
        string="Qualification (%)",
        compute="_compute_qualification_score",
        store=True,
        aggregator="avg",
        help="Share of the qualification questions answered: budget, need, "
        "timeline, decision makers, authority, competitors and objections.",
    )
    status_id = fields.Many2one(
        "crm.lead.status",
        string="Lead Status",
        tracking=True,
        index="btree_not_null",
        ondelete="restrict",
        group_expand="_read_group_expand_status_ids",
    )
    status_offers_lost = fields.Boolean(related="status_id.offers_lost")
    lost_reason_tag_ids = fields.Many2many(
        "crm.tag",
        "crm_lead_lost_reason_tag_rel",
        "lead_id",
        "tag_id",
        string="Lost Reason Tags",
        help="Why the opportunity was lost, as tags of the common vocabulary offered "
        "as lost reasons (several may apply; the Failed-Sale Reasons report counts "
        "them). Odoo's Lost Reason holds the main one.",
    )

    invoice_ids = fields.One2many(
        "account.move",
        "opportunity_id",
        string="Invoices",
        groups="account.group_account_invoice",
    )
    invoice_count = fields.Integer(compute="_compute_invoice_amounts", compute_sudo=True)
    invoiced_amount = fields.Monetary(
        compute="_compute_invoice_amounts",
        compute_sudo=True,
        currency_field="company_currency",
        help="Total of the posted customer invoices linked to this opportunity, "
        "credit notes deducted.",
    )
    paid_amount = fields.Monetary(
        compute="_compute_invoice_amounts",
        compute_sudo=True,
        currency_field="company_currency",
        help="Part of the invoiced amount the customer has already paid.",
    )

    def _auto_init(self):
        # At install, existing leads have answered no qualification question
        # and have no workflow task: their stored scores are 0. Creating the
        # columns with that default is instant in PostgreSQL, where letting
        # the ORM compute them would walk every lead (a million, in minutes).
        for column, column_type in (
            ("qualification_score", "int4"),
            ("workflow_progress", "numeric"),
        ):
            if not column_exists(self.env.cr, self._table, column):
                self.env.cr.execute(
                    SQL(
                        "ALTER TABLE %s ADD COLUMN %s %s DEFAULT 0",
                        SQL.identifier(self._table),
                        SQL.identifier(column),
                        SQL(column_type),
                    )
                )
        return super()._auto_init()

    @api.constrains("budget_amount", "purchase_horizon", "decision_maker_count")
    def _check_qualification_numbers(self):
        for lead in self:
            if lead.budget_amount < 0:
                raise ValidationError(
                    _("The budget of %(lead)s cannot be negative.", lead=lead.name)
                )
            if lead.purchase_horizon < 0:
                raise ValidationError(
                    _("The purchase horizon of %(lead)s cannot be negative.", lead=lead.name)
                )
            if lead.decision_maker_count < 0:
                raise ValidationError(
                    _(
                        "The number of decision makers of %(lead)s cannot be negative.",
                        lead=lead.name,
                    )
                )

    @api.depends(*QUALIFICATION_FIELDS)
    def _compute_qualification_score(self):
        for lead in self:
            answered = sum(1 for name in QUALIFICATION_FIELDS if lead._is_answered(name))
            lead.qualification_score = round(100 * answered / len(QUALIFICATION_FIELDS))

    def _is_answered(self, field_name):
        value = self[field_name]
        if isinstance(value, models.BaseModel):
            return bool(value)
        # "unknown" is the default of the selections: not an answer yet.
        return bool(value) and value != "unknown"

    @api.model
    def _read_group_expand_status_ids(self, statuses, domain):
        return statuses.search([("active", "=", True)])

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        result = super().get_view(view_id, view_type, **options)
        if view_type == "form" and not self.env["ir.model.access"].check(
            self._name, "write", raise_exception=False
        ):
            result["arch"] = self._read_only_form_arch(result["arch"])
        return result

    @api.model
    def _read_only_form_arch(self, arch):
        """The form as a read-only user meets it: no button that would end
        in an access error (Won, Lost, Log Customer Event, task buttons…),
        a status bar that is not clickable."""
        root = etree.fromstring(arch)
        for button in list(root.iter("button")):
            classes = set(button.get("class", "").split())
            if button.get("name") not in READ_ONLY_BUTTONS and not (
                classes & READ_ONLY_BUTTON_CLASSES
            ):
                button.getparent().remove(button)
        for field in root.xpath("//header/field[@name='stage_id']"):
            field.set("readonly", "True")
        return etree.tostring(root, encoding="unicode")

    def action_set_won(self):
        # Checked first: Odoo's scoring tables would refuse a read-only user
        # with an error about them, not about the lead.
        self.check_access("write")
        return super().action_set_won()

    def write(self, vals):
        previous_status = {lead: lead.status_id for lead in self} if "status_id" in vals else {}
        result = super().write(vals)
        if previous_status:
            self._notify_owner_of_status_change(previous_status)
        return result

    def _notify_owner_of_status_change(self, previous_status):
        """Tell the owner when somebody else changed the status of his lead."""
        for lead in self:
            owner = lead.user_id
            if not owner or owner == self.env.user or lead.status_id == previous_status[lead]:
                continue
            # Written for the owner: in his language, statuses included.
            reader = lead.with_context(lang=owner.lang).env
            lead.message_post(
                body=reader._(
                    "%(user)s changed the status of your lead from %(old)s to %(new)s.",
                    user=self.env.user.name,
                    old=previous_status[lead].with_env(reader).name or reader._("none"),
                    new=lead.status_id.with_env(reader).name or reader._("none"),
                ),
                partner_ids=owner.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )

    @api.depends("type")
    def _compute_invoice_amounts(self):
        # Salespeople have no right on invoices: the amounts are read as
        # superuser (compute_sudo) in one grouped query for the whole batch.
        groups = self.env["account.move"]._read_group(
            [
                ("opportunity_id", "in", self.ids),
                ("move_type", "in", CUSTOMER_INVOICE_TYPES),
                ("state", "=", "posted"),
            ],
            groupby=["opportunity_id"],
            aggregates=["__count", "amount_total_signed:sum", "amount_residual_signed:sum"],
        )
        figures = {lead.id: (count, total, residual) for lead, count, total, residual in groups}
        for lead in self:
            count, total, residual = figures.get(lead.id, (0, 0.0, 0.0))
            lead.invoice_count = count
            lead.invoiced_amount = total
            lead.paid_amount = total - residual

    def action_view_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action.update(
            {
                "name": _("Invoices of %(opportunity)s", opportunity=self.name),
                "domain": [("opportunity_id", "=", self.id)],
                "context": {
                    "default_move_type": "out_invoice",
                    "default_opportunity_id": self.id,
                    "default_partner_id": self.partner_id.id,
                },
            }
        )
        return action

    # Tags and the customer history
    def action_crm_log_customer_event(self):
        return self.env["crm.customer.event.log"]._crm_open_for(self)

    def _notify_thread(self, message, msg_vals=False, **kwargs):
        recipients = super()._notify_thread(message, msg_vals=msg_vals, **kwargs)
        message._crm_tag_outgoing()
        return recipients

    def action_view_tag_lost_reasons(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Lost Reason Tags"),
            "res_model": "crm.tag",
            "view_mode": "list,form",
            "domain": [("id", "in", self.lost_reason_tag_ids.ids)],
        }
