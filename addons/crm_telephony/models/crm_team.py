# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"

    crm_phone_numbers = fields.Char(
        string="PBX Ring Groups and Queues",
        help="The numbers of the PBX's ring groups or queues this team answers, separated by "
        "commas (e.g. 600, 601). A call to one of them that nobody answers belongs to this team.",
    )

    def _crm_phone_number_list(self):
        self.ensure_one()
        return [n for n in re.split(r"[\s,;]+", self.crm_phone_numbers or "") if n]
