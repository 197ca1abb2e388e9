# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class CrmPortalStep(models.Model):
    """A step of the company's process the customer does himself on one of
    his requests: send documents, correct fields of his form, or approve."""

    _name = "crm.portal.step"
    _description = "Customer Step"
    _inherit = ["mail.thread"]
    _order = "state desc, date_deadline, id"

    name = fields.Char(string="Step", required=True, translate=True)
    request_id = fields.Many2one(
        "crm.portal.request", required=True, ondelete="cascade", index=True
    )
    partner_id = fields.Many2one(
        related="request_id.partner_id", store=True, index=True, string="Customer"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Assigned To",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain=[("share", "=", True)],
        help="The customer's portal user who does the step.",
    )
    kind = fields.Selection(
        [
            ("upload", "Send documents"),
            ("fields", "Correct the form"),
            ("approve", "Approve"),
        ],
        required=True,
        default="upload",
    )
    description = fields.Text(
        translate=True, help="What the customer must do, shown to him in the portal."
    )
    field_names = fields.Char(
        string="Fields to Correct",
        help="Technical names of the request's fields the customer corrects, separated by commas.",
    )
    date_deadline = fields.Date(string="Due Date")
    state = fields.Selection(
        [("open", "To Do"), ("done", "Done"), ("cancel", "Cancelled")],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    done_user_id = fields.Many2one("res.users", string="Done By", readonly=True, copy=False)
    stage_after_id = fields.Many2one(
        "crm.portal.request.stage",
        string="Then Move To",
        domain="[('type_id', '=', request_type_id)]",
        help="Stage the request enters once the customer has done the step.",
    )
    request_type_id = fields.Many2one(related="request_id.type_id")
    workflow_task_id = fields.Many2one(
        "crm.lead.workflow.task",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
        # The accountant reads workflow tasks, whose form lists their steps.
        groups="sales_team.group_sale_salesman,crm_custom.group_crm_accountant",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Documents Sent", readonly=True)

    _sql_constraints = [
        (
            "task_request_uniq",
            "UNIQUE(workflow_task_id, request_id)",
            "A workflow task is one step of a request.",
        ),
    ]

    @api.depends("request_id")
    def _compute_user_id(self):
        for step in self:
            step.user_id = step.user_id or step.request_id.portal_user_id

    @api.constrains("field_names", "kind")
    def _check_field_names(self):
        for step in self.filtered(lambda s: s.kind == "fields"):
            names = step._field_names()
            known = {f["name"] for f in step.request_id.type_id.field_definitions or []}
            if not names or set(names) - known:
                raise ValidationError(
                    _("The step %(step)s must name fields of the request's form.", step=step.name)
                )

    def _field_names(self):
        self.ensure_one()
        return [name.strip() for name in (self.field_names or "").split(",") if name.strip()]

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        for step in steps:
            step._notify_new_step()
        return steps

    def _notify_new_step(self):
        self.ensure_one()
        template = self.env.ref("crm_portal.mail_template_step_new", raise_if_not_found=False)
        if not template or self.state != "open":
            return
        # Rendered on the step, posted on its request's chatter.
        self.request_id.sudo()._notify_customer_with(
            template, render_ids=self.ids, partner=self.partner_id
        )

    # ------------------------------------------------------------------
    # Done by the customer
    # ------------------------------------------------------------------
    def _check_customer_may_do(self):
        """Only the customer the step is assigned to does it, once."""
        self.ensure_one()
        user = self.env.user
        mine = self.user_id == user or (not self.user_id and self.partner_id == user.partner_id)
        if not mine:
            raise AccessError(_("This step is not assigned to you."))
        if self.state != "open":
            raise UserError(_("This step is already closed."))

    def _customer_done(self, uploads=(), answers=None, approved=False):
        """Do the step as the current (portal) user: ``uploads`` are
        ``(filename, content, mimetype)``; ``answers`` the corrected fields.
        Everything is checked before anything is stored."""
        self.ensure_one()
        self._check_customer_may_do()
        request = self.request_id
        if self.kind == "upload" and not uploads:
            raise ValidationError(_("Choose the file(s) to send for this step."))
        if self.kind == "approve" and not approved:
            raise ValidationError(_("Tick the box to approve."))
        if self.kind == "fields":
            request._customer_write_answers(answers or {}, allowed=self._field_names())
        attachments = (
            request._customer_add_documents(uploads) if uploads else self.env["ir.attachment"]
        )
        self.sudo()._mark_done(attachments)
        return True

    def _mark_done(self, attachments=None):
        """Close the step (sudo), tell the responsible, complete the workflow
        task it came from and move the request where configured."""
        now = fields.Datetime.now()
        for step in self:
            step.write(
                {
                    "state": "done",
                    "date_done": now,
                    "done_user_id": self.env.uid,
                    "attachment_ids": [fields.Command.link(a.id) for a in attachments or []],
                }
            )
            request = step.request_id
            request.message_post(
                body=_("The customer did the step %(step)s.", step=step.name),
                author_id=self.env.user.partner_id.id,
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                attachment_ids=(attachments or self.env["ir.attachment"]).ids,
            )
            responsible = request.user_id or request.type_id.user_id or request.lead_id.user_id
            if responsible:
                request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=responsible.id,
                    summary=_("Customer step done: %(step)s", step=step.name),
                )
            if step.workflow_task_id.state == "todo":
                step.workflow_task_id.action_done()
            if step.stage_after_id and request.stage_id != step.stage_after_id:
                request.stage_id = step.stage_after_id

    def action_cancel(self):
        self.filtered(lambda s: s.state == "open").write({"state": "cancel"})
        return True

    def action_reopen(self):
        self.filtered(lambda s: s.state != "open").write(
            {"state": "open", "date_done": False, "done_user_id": False}
        )
        return True
