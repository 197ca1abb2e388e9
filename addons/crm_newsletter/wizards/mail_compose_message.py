# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import models
from odoo.tools import SQL


class MailComposeMessage(models.TransientModel):
    """Sending an issue goes through Odoo's mass mailing composer, without the
    costs that grow with the size of the audience:

    - for every batch of 50 mails, Odoo reads the whole mailing list's
      subscriptions and their contacts through the ORM to find the opted-out
      emails (and looks each one up in a Python list: quadratic), every email
      already reached by the mailing, and the whole blacklist. At 100,000
      recipients that is 200,000 records loaded per batch: the time of the
      send grows with the square of the audience, and the worker's memory
      with the audience (the memory curve in bench/README.md). For an
      issue's mailing the three are asked of PostgreSQL for the batch's own
      emails only (indexed look-ups, ``mailing_mailing.init``): the time
      per batch and the memory stay the same whatever the audience;
    - the links of the issue are shortened once when its mailing is made
      (mailing_mailing.py), not parsed again for every recipient;
    - the mail's message body (see ``_prepare_mail_values``).
    """

    _inherit = "mail.compose.message"

    def _is_crm_newsletter_send(self):
        return (
            self.composition_mode == "mass_mail"
            and bool(self.mass_mailing_id.crm_newsletter_issue_id)
            and not self.mass_mailing_id.ab_testing_enabled  # seen list per campaign
            and isinstance(self.env[self.model], self.pool["mail.thread.blacklist"])
        )

    def _crm_newsletter_shell(self):
        key = ("crm_newsletter", "shell", self.id)
        cache = self.env.cr.cache
        if key not in cache:
            issue = self.mass_mailing_id.crm_newsletter_issue_id.sudo()
            opening, closing = self.env["crm.newsletter.layout"]._document_shell(issue.body_html)
            cache[key] = (Markup(opening), Markup(closing))
        return cache[key]

    def _crm_newsletter_batch(self, mail_values_dict):
        """The batch's recipients and their emails (raw and normalized)."""
        records = self.env[self.model].browse(mail_values_dict)
        records.fetch([records._primary_email, "email_normalized"])
        emails = set(records.mapped("email_normalized")) | set(
            records.mapped(records._primary_email)
        )
        return records, [email for email in emails if email]

    def _crm_newsletter_emails(self, query):
        self.env.cr.execute(query)
        return {row[0] for row in self.env.cr.fetchall()}

    def _get_blacklist_record_ids(self, mail_values_dict, recipients_info=None):
        if not (self.use_exclusion_list and self._is_crm_newsletter_send()):
            return super()._get_blacklist_record_ids(mail_values_dict, recipients_info)
        records, emails = self._crm_newsletter_batch(mail_values_dict)
        self.env["mail.blacklist"].flush_model(["email", "active"])
        blacklist = self._crm_newsletter_emails(
            SQL("SELECT email FROM mail_blacklist WHERE active AND email = ANY(%s)", emails)
        )
        return {record.id for record in records if record.email_normalized in blacklist}

    def _get_done_emails(self, mail_values_dict):
        """The batch's emails this mailing has already reached (a resumed
        send, or the same address on two records)."""
        if not self._is_crm_newsletter_send():
            return super()._get_done_emails(mail_values_dict)
        _records, emails = self._crm_newsletter_batch(mail_values_dict)
        self.env["mailing.trace"].flush_model(["email", "mass_mailing_id"])
        # a list: Odoo adds the batch's emails to it with +=
        return list(
            self._crm_newsletter_emails(
                SQL(
                    """SELECT email FROM mailing_trace
                        WHERE mass_mailing_id = %s AND email = ANY(%s)""",
                    self.mass_mailing_id.id,
                    emails,
                )
            )
        )

    def _get_optout_emails(self, mail_values_dict):
        """The batch's emails opted out of the mailing's lists: as Odoo's
        ``mailing.list._mailing_get_opt_out_list``, an email opted out of one
        list but subscribed to another one still receives the issue."""
        lists = self.mass_mailing_id.contact_list_ids
        if not (self._is_crm_newsletter_send() and self.model == "mailing.contact" and lists):
            return super()._get_optout_emails(mail_values_dict)
        _records, emails = self._crm_newsletter_batch(mail_values_dict)
        self.env["mailing.subscription"].flush_model(["opt_out", "list_id", "contact_id"])
        self.env["mailing.contact"].flush_model(["email_normalized"])
        return self._crm_newsletter_emails(
            SQL(
                """SELECT c.email_normalized
                     FROM mailing_contact c
                     JOIN mailing_subscription s ON s.contact_id = c.id
                    WHERE c.email_normalized = ANY(%s) AND s.list_id = ANY(%s)
                    GROUP BY c.email_normalized
                   HAVING bool_and(COALESCE(s.opt_out, FALSE))""",
                emails,
                lists.ids,
            )
        )

    def _prepare_mail_values(self, res_ids):
        mail_values_all = super()._prepare_mail_values(res_ids)
        if not self._is_crm_newsletter_send():
            return mail_values_all
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
        return mail_values_all
