# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

# Accountants read partners and leads but not calls: keep them off these fields.
CALL_READERS = "sales_team.group_sale_salesman,crm_custom.group_crm_support"


class CrmPhoneCallLogMixin(models.AbstractModel):
    """The call log of a customer record: its call count and smart button.

    Contacts and leads both show the calls logged on them; the one
    difference is the call's field that points to the record, named by
    ``_crm_call_field`` (``partner_id`` or ``lead_id``). Each model declares
    its own ``crm_phone_call_ids`` (a One2many needs its inverse field).
    """

    _name = "crm.phone.call.log.mixin"
    _description = "Call Log of a Customer Record"

    # The crm.phone.call field that links a call to the inheriting model.
    _crm_call_field = None

    crm_phone_call_count = fields.Integer(
        string="Calls", compute="_compute_crm_phone_call_count", groups=CALL_READERS
    )

    def _compute_crm_phone_call_count(self):
        field = self._crm_call_field
        counts = dict(
            self.env["crm.phone.call"]._read_group([(field, "in", self.ids)], [field], ["__count"])
        )
        for record in self:
            record.crm_phone_call_count = counts.get(record._origin, 0)

    def _crm_phone_call_defaults(self):
        """Context defaults of a call logged from this record's call list."""
        self.ensure_one()
        return {f"default_{self._crm_call_field}": self.id}

    def action_crm_phone_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_telephony.crm_phone_call_action"
        )
        action["domain"] = [(self._crm_call_field, "=", self.id)]
        action["context"] = self._crm_phone_call_defaults()
        return action
