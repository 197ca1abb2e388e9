# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MailComposeMessage(models.TransientModel):
    """Sending an issue goes through Odoo's mass mailing composer unchanged,
    except for three costs that grow with the list and do not depend on the
    batch: for every batch of mails Odoo re-reads the opt-out list of the whole
    mailing list through the ORM, re-reads every email already reached, and
    looks each recipient up in that list (a list, so the send is quadratic).
    For an issue's mailing they are read once per composer, i.e. per sending
    run, kept as sets, and the emails of each batch are added as it is made.
    The cursor's cache holds them across the batch commits of the run."""

    _inherit = "mail.compose.message"

    def _crm_newsletter_cache(self, kind, compute):
        key = ("crm_newsletter", kind, self.id)
        cache = self.env.cr.cache
        if key not in cache:
            cache[key] = set(compute())
        return cache[key]

    def _is_crm_newsletter_send(self):
        return self.composition_mode == "mass_mail" and bool(
            self.mass_mailing_id.crm_newsletter_issue_id
        )

    def _get_done_emails(self, mail_values_dict):
        if not self._is_crm_newsletter_send():
            return super()._get_done_emails(mail_values_dict)
        return self._crm_newsletter_cache(
            "done", lambda: super(MailComposeMessage, self)._get_done_emails(mail_values_dict)
        )

    def _get_optout_emails(self, mail_values_dict):
        if not self._is_crm_newsletter_send():
            return super()._get_optout_emails(mail_values_dict)
        return self._crm_newsletter_cache(
            "optout", lambda: super(MailComposeMessage, self)._get_optout_emails(mail_values_dict)
        )

    def _prepare_mail_values(self, res_ids):
        mail_values_all = super()._prepare_mail_values(res_ids)
        if not self._is_crm_newsletter_send():
            return mail_values_all
        done = self._get_done_emails(mail_values_all)
        for mail_values in mail_values_all.values():
            # The issue's HTML is a whole document, styles already inlined:
            # mass mailing's wrapper (a second <html> and a <style> block that
            # mail clients drop) is not put around it.
            if mail_values.get("body"):
                mail_values["body_html"] = mail_values["body"]
            for command in mail_values.get("mailing_trace_ids") or ():
                if command[2].get("email"):
                    done.add(command[2]["email"])
        return mail_values_all
