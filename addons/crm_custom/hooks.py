# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tools import SQL


def post_init_hook(env):
    """Backfill the stage history of existing leads from the stage tracking
    values in their chatter, then their current stage, so the funnel counts
    the stages they reached before this module was installed; then the
    furthest stage of every lead from that history."""
    env.flush_all()
    env.cr.execute(
        SQL(
            """
        INSERT INTO crm_lead_stage_history
               (lead_id, team_id, stage_id, previous_stage_id, date_in, cause, user_id,
                create_uid, create_date, write_uid, write_date)
        SELECT lead.id, lead.team_id, value.new_value_integer, old_stage.id, message.date,
               'import', NULL, 1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM mail_tracking_value value
          JOIN ir_model_fields field
            ON field.id = value.field_id AND field.model = 'crm.lead' AND field.name = 'stage_id'
          JOIN mail_message message ON message.id = value.mail_message_id
          JOIN crm_lead lead ON lead.id = message.res_id AND message.model = 'crm.lead'
          JOIN crm_stage stage ON stage.id = value.new_value_integer
          LEFT JOIN crm_stage old_stage ON old_stage.id = value.old_value_integer
        """
        )
    )
    env.cr.execute(
        SQL(
            """
        INSERT INTO crm_lead_stage_history
               (lead_id, team_id, stage_id, date_in, cause,
                create_uid, create_date, write_uid, write_date)
        SELECT lead.id, lead.team_id, lead.stage_id,
               COALESCE(lead.date_last_stage_update, lead.create_date), 'import',
               1, now() at time zone 'UTC', 1, now() at time zone 'UTC'
          FROM crm_lead lead
         WHERE lead.stage_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM crm_lead_stage_history history
                            WHERE history.lead_id = lead.id AND history.stage_id = lead.stage_id)
        """
        )
    )
    env["crm.lead"]._funnel_recompute_furthest_stage(SQL("TRUE"))
