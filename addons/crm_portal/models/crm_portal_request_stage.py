# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class CrmPortalRequestStage(models.Model):
    """A stage of one request type: staff see its internal name, the
    customer the name meant for him, and only when the stage is visible to
    him (otherwise he keeps seeing the last visible status)."""

    _name = "crm.portal.request.stage"
    _description = "Customer Request Stage"
    _order = "type_id, sequence, id"

    type_id = fields.Many2one(
        "crm.portal.request.type", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Internal Name", required=True, translate=True)
    customer_name = fields.Char(
        string="Name Shown to the Customer",
        translate=True,
        help="The status the customer reads in his portal and emails; the internal "
        "name when empty.",
    )
    customer_visible = fields.Boolean(
        string="Visible to the Customer",
        default=True,
        help="When the request enters a stage the customer does not see, his portal "
        "keeps showing the previous status and he is not notified.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    is_closed = fields.Boolean(
        string="Closed", help="Requests in this stage are finished (listed as closed)."
    )
    final_action = fields.Selection(
        [
            ("none", "Nothing"),
            ("lead_won", "Mark the lead as won"),
            ("lead_lost", "Mark the lead as lost"),
            ("archive_lead", "Archive the lead"),
            ("activity", "Plan a follow-up activity for the responsible"),
        ],
        default="none",
        required=True,
        help="What the CRM does when a request enters this stage.",
    )
    crm_stage_id = fields.Many2one(
        "crm.stage",
        string="Follows Lead Stage",
        ondelete="set null",
        help="When the request's lead enters this pipeline stage (by hand or by its "
        "workflow), the request enters this stage.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Status Email",
        domain=[("model", "=", "crm.portal.request")],
        help="Email sent to the customer when a request enters this stage (the "
        "type's email when empty).",
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="Status SMS",
        domain=[("model", "=", "crm.portal.request")],
        help="SMS sent to the customer's mobile when a request enters this stage.",
    )

    def _customer_label(self):
        self.ensure_one()
        return self.customer_name or self.name
