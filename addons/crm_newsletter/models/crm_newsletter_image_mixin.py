# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from urllib.parse import urlsplit

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Above this an email client downloads a hero image slowly on a phone, and
# some providers clip the message: the sender must resize it first.
MAX_IMAGE_BYTES = 1024 * 1024


def check_web_url(env, url, label, allow_relative=False):
    """Raise a ValidationError unless ``url`` is an http(s) address (its
    message in the language of ``env``, also outside a web request).

    javascript:, data:, file: and other schemes are refused: a newsletter is
    opened by thousands of mail clients, and only web links are safe there.
    """
    if not url:
        return
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return
    if allow_relative and not parts.scheme and not parts.netloc and url.startswith("/"):
        return
    raise ValidationError(
        env._(
            "%(label)s must be a web address starting with http:// or https:// (got “%(url)s”).",
            label=label,
            url=url[:80],
        )
    )


class CrmNewsletterImageMixin(models.AbstractModel):
    """An image given by URL (hosted on the company site, as the users do) or
    uploaded; an uploaded image is served publicly so mail clients can load it."""

    _name = "crm.newsletter.image.mixin"
    _description = "Newsletter image (URL or upload)"

    image_url = fields.Char(string="Image URL", help="Address of an image hosted on your website.")
    image_file = fields.Binary(string="Image", attachment=True)
    image_alt = fields.Char(
        string="Image description",
        help="Shown by mail clients that block images, and read by screen readers.",
    )

    @api.constrains("image_url")
    def _check_image_url(self):
        for record in self:
            check_web_url(self.env, record.image_url, _("The image URL"), allow_relative=True)

    @api.constrains("image_file")
    def _check_image_file(self):
        for attachment in self._image_attachments():
            if not (attachment.mimetype or "").startswith("image/"):
                raise ValidationError(_("The uploaded file is not an image."))
            if attachment.file_size > MAX_IMAGE_BYTES:
                raise ValidationError(
                    _(
                        "The image is %(size).1f MB; images in a newsletter must be at most "
                        "%(max).0f MB. Resize it, or host it on your website and give its URL.",
                        size=attachment.file_size / 1024 / 1024,
                        max=MAX_IMAGE_BYTES / 1024 / 1024,
                    )
                )

    def _image_attachments(self):
        """The attachments holding the uploaded images of these records."""
        return (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_field", "=", "image_file"),
                    ("res_id", "in", self.ids),
                ]
            )
        )

    def _image_src(self, base_url):
        """The address mail clients load the image from."""
        self.ensure_one()
        if self.image_file:
            attachment = self._image_attachments()[:1]
            if attachment:
                attachment.generate_access_token()
                return (
                    f"{base_url}/web/image/{attachment.id}?access_token={attachment.access_token}"
                )
        url = self.image_url or ""
        if url.startswith("/"):
            return base_url + url
        return url
