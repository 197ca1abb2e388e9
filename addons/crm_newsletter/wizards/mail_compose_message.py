# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import models


class EmailSet(set):
    """A set Odoo's composer can extend with ``+=`` as it does its list."""

    def __iadd__(self, emails):
        self.update(emails)
        return self


class MailComposeMessage(models.TransientModel):
    """Sending an issue goes through Odoo's mass mailing composer, without the
    costs that do not depend on the recipient:

    - for every batch of mails Odoo re-reads the opt-out list of the whole
      mailing list through the ORM, re-reads every email already reached, and
      looks each recipient up in that list (a list: the send is quadratic).
      For an issue's mailing they are read once per composer, i.e. per sending
      run, kept as sets, and the emails of each batch are added as it is made.
      The cursor's cache holds them across the batch commits of the run;
    - the links of the issue are shortened once when its mailing is made
      (mailing_mailing.py), not parsed again for every recipient;
    - the mail's message body (see ``_prepare_mail_values``).
    """

    _inherit = "mail.compose.message"

    def _crm_newsletter_cache(self, kind, compute):
        key = ("crm_newsletter", kind, self.id)
        cache = self.env.cr.cache
        if key not in cache:
            cache[key] = EmailSet(compute())
        return cache[key]

    def _is_crm_newsletter_send(self):
        return self.composition_mode == "mass_mail" and bool(
            self.mass_mailing_id.crm_newsletter_issue_id
        )

    def _crm_newsletter_shell(self):
        key = ("crm_newsletter", "shell", self.id)
        cache = self.env.cr.cache
        if key not in cache:
            issue = self.mass_mailing_id.crm_newsletter_issue_id.sudo()
            opening, closing = self.env["crm.newsletter.layout"]._document_shell(issue.body_html)
            cache[key] = (Markup(opening), Markup(closing))
        return cache[key]

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
        opening, closing = self._crm_newsletter_shell()
        for mail_values in mail_values_all.values():
            # The issue's HTML has its styles inlined already: instead of mass
            # mailing's wrapper (a <style> block mail clients drop, and no
            # direction), the issue's own <html dir lang> and <body> go back
            # around the content the composer rendered.
            if mail_values.get("body"):
                mail_values["body_html"] = opening + mail_values["body"] + closing
                # The mail's message is deleted with the mail once sent and is
                # never shown; its ``body`` would only be sanitised twice more
                # per recipient (half of Odoo's time per mail): the mail's
                # ``body_html`` carries the email.
                mail_values["body"] = ""
            for command in mail_values.get("mailing_trace_ids") or ():
                if command[2].get("email"):
                    done.add(command[2]["email"])
        return mail_values_all
