# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import difflib

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, split_every
from odoo.tools.sql import column_exists, create_column

from ..tools.tag_name import count_tag_words, normalize_tag_name

# Two names whose normalised forms are at least this similar (difflib ratio)
# are offered as the same tag: "ارسال بسته پستی" / "ارسال پاکت پستی" score 0.8.
SIMILARITY_THRESHOLD = 0.7
DEFAULT_MAX_WORDS = 3
# Searches on these fields compare the typed text with the comparison key;
# the key is case-folded already, so "ilike" becomes the indexed "like".
NAME_SEARCH_FIELDS = ("name", "normalized_name")
KEY_OPERATORS = {
    "ilike": "like",
    "like": "like",
    "not ilike": "not like",
    "not like": "not like",
}


def _normalized_leaf(leaf):
    """A domain leaf on the tag name rewritten onto the comparison key, so
    that what is typed is normalised as the stored key is; other leaves as is."""
    if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
        return leaf
    fname, operator, value = leaf
    if fname not in NAME_SEARCH_FIELDS or operator not in KEY_OPERATORS:
        return leaf
    if not isinstance(value, str):
        return leaf
    key = normalize_tag_name(value)
    if not key:
        return leaf
    return ("normalized_name", KEY_OPERATORS[operator], key)


class CrmTag(models.Model):
    """One tag vocabulary for the whole CRM, built on Odoo's ``crm.tag``.

    The tag is a ``mail.thread`` so that moderation decisions (approval,
    renaming, merges) leave a history on the surviving tag itself: that is
    where a moderator looks when asking "where did this tag come from".
    """

    _name = "crm.tag"
    _inherit = ["crm.tag", "mail.thread"]
    _order = "name"

    kind = fields.Selection(
        [("personal", "Personal"), ("public", "Public"), ("system", "System")],
        required=True,
        default="public",
        index=True,
        tracking=True,
        help="Personal tags are seen and used by their owner only, public tags "
        "by everyone; system tags are applied by the software itself.",
    )
    code = fields.Char(
        index="btree_not_null",
        copy=False,
        help="Technical code of a system tag, used by the software to apply it.",
    )
    owner_id = fields.Many2one(
        "res.users",
        index="btree_not_null",
        ondelete="cascade",
        help="The only user who sees and uses this personal tag.",
    )
    state = fields.Selection(
        [("proposed", "Proposed"), ("approved", "Approved")],
        string="Moderation",
        required=True,
        # what create() will make of it: a new tag dialog opened by a
        # salesperson shows "Proposed", not "Approved"
        default=lambda self: "approved" if self._crm_is_moderator() else "proposed",
        index=True,
        tracking=True,
        help="A public tag typed by a user waits for a tag moderator as proposed.",
    )
    normalized_name = fields.Char(
        compute="_compute_normalized_name",
        store=True,
        # "contains" and look-alike searches on the key use the trigram index
        # (pg_trgm, which Odoo installs in new databases): indexed at 50,000 tags.
        index="trigram",
        help="The name as compared to find duplicates: case, spaces, joiners and "
        "Arabic/Persian letter variants do not count.",
    )
    is_lost_reason = fields.Boolean(
        string="Offered as Lost Reason",
        tracking=True,
        help="Offered when an opportunity is marked as lost (e.g. “High price”). "
        "Set by a tag moderator, on public tags only.",
    )
    lost_reason_id = fields.Many2one(
        "crm.lost.reason",
        string="Odoo Lost Reason",
        help="Odoo lost reason set on an opportunity lost with this tag as its main "
        "reason, so that Odoo's own lost-reason reports count it too.",
    )
    lead_count = fields.Integer(compute="_compute_usage_counts", string="Leads")
    event_count = fields.Integer(compute="_compute_usage_counts", string="Meetings")
    message_count = fields.Integer(compute="_compute_usage_counts", string="History Entries")
    activity_count = fields.Integer(compute="_compute_usage_counts", string="Activities")
    lost_count = fields.Integer(compute="_compute_usage_counts", string="Lost Opportunities")
    usage_count = fields.Integer(compute="_compute_usage_counts", string="Uses")
    similar_tag_names = fields.Char(
        compute="_compute_similar_tag_names",
        string="Similar Tags",
        help="Existing tags whose names look like this one.",
    )
    crm_confirm_similar = fields.Boolean(
        string="Not a Duplicate",
        compute="_compute_crm_confirm_similar",
        readonly=False,
        help="A tag moderator confirms that this tag means something else than the "
        "similar tags listed, and creates it anyway.",
    )

    _sql_constraints = [
        ("code_uniq", "UNIQUE(code)", "Two system tags cannot share a code."),
        # Odoo's UNIQUE(name) would forbid two users to own personal tags of the
        # same name and misses "Vip" vs "VIP ": the key is the normalised name,
        # per owner (NULLS NOT DISTINCT: one shared tag per key).
        (
            "name_uniq",
            "UNIQUE NULLS NOT DISTINCT (normalized_name, owner_id)",
            "This tag already exists.",
        ),
        (
            "personal_has_owner",
            "CHECK((kind = 'personal') = (owner_id IS NOT NULL))",
            "A personal tag has an owner, and only a personal tag has one.",
        ),
    ]

    def _auto_init(self):
        # The unique constraint on the comparison key is added with the
        # column: fill the key of the tags that already exist first, or they
        # would all share an empty key and the constraint could not be made.
        cr = self.env.cr
        if not column_exists(cr, self._table, "normalized_name"):
            create_column(cr, self._table, "normalized_name", "varchar")
            cr.execute(SQL("SELECT id, name->>'en_US' FROM %s", SQL.identifier(self._table)))
            keys = [(tag_id, normalize_tag_name(name)) for tag_id, name in cr.fetchall()]
            for batch in split_every(1000, keys):
                cr.execute(
                    SQL(
                        "UPDATE %s AS tag SET normalized_name = key.value "
                        "FROM (VALUES %s) AS key (id, value) WHERE tag.id = key.id",
                        SQL.identifier(self._table),
                        SQL(", ").join(SQL("(%s, %s)", tag_id, key) for tag_id, key in batch),
                    )
                )
        return super()._auto_init()

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("name")
    def _compute_normalized_name(self):
        for tag in self:
            tag.normalized_name = normalize_tag_name(tag.name)

    def _crm_tag_usage_fields(self):
        """(count field, model, tag field) of each place the vocabulary is used."""
        return [
            ("lead_count", "crm.lead", "tag_ids"),
            ("event_count", "calendar.event", "crm_tag_ids"),
            ("message_count", "mail.message", "crm_tag_ids"),
            ("activity_count", "mail.activity", "crm_tag_ids"),
            ("lost_count", "crm.lead", "lost_reason_tag_ids"),
        ]

    def _compute_usage_counts(self):
        # Counted under the reader's own rights: a salesperson who sees only
        # his leads must not learn how many leads of others carry the tag.
        self.usage_count = 0
        for count_field, model, tag_field in self._crm_tag_usage_fields():
            Model = self.env[model].with_context(active_test=False)
            counts = {}
            if Model.has_access("read"):
                counts = dict(
                    Model._read_group([(tag_field, "in", self.ids)], [tag_field], ["__count"])
                )
            for tag in self:
                tag[count_field] = counts.get(tag._origin, 0)
                tag.usage_count += tag[count_field]

    def _compute_crm_confirm_similar(self):
        # only a choice made in the form, read by create()
        self.crm_confirm_similar = False

    @api.depends("normalized_name")
    def _compute_similar_tag_names(self):
        for tag in self:
            similar = tag._crm_similar_tags(tag.name, exclude=tag._origin, limit=5)
            tag.similar_tag_names = ", ".join(similar.mapped("name"))

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------
    @api.model
    def _crm_max_words(self):
        value = self.env["ir.config_parameter"].sudo().get_param("crm_custom.tag_max_words")
        try:
            return max(int(value), 1) if value else DEFAULT_MAX_WORDS
        except ValueError:
            return DEFAULT_MAX_WORDS

    @api.model
    def _crm_proposed_usable(self):
        param = self.env["ir.config_parameter"].sudo().get_param
        return not param("crm_custom.tag_approval_required")

    @api.model
    def _crm_check_name(self, name, kind):
        key = normalize_tag_name(name)
        if not key:
            raise ValidationError(
                _("A tag needs a name made of letters or digits, not only punctuation.")
            )
        max_words = self._crm_max_words()
        if kind != "system" and count_tag_words(name) > max_words:
            raise ValidationError(
                _(
                    "The tag “%(name)s” is too long: a tag has at most %(max)s words. "
                    "Put longer descriptions in a note.",
                    name=name,
                    max=max_words,
                )
            )

    @api.constrains("name", "kind")
    def _check_name_shape(self):
        for tag in self:
            self._crm_check_name(tag.name, tag.kind)

    @api.constrains("is_lost_reason", "kind")
    def _check_lost_reason_public(self):
        # the failed-sale report is read by managers: its reasons are shared
        for tag in self:
            if tag.is_lost_reason and tag.kind != "public":
                raise ValidationError(
                    _(
                        "Only a public tag can be offered as a lost reason (“%(name)s” is not).",
                        name=tag.name,
                    )
                )

    @api.model
    def _crm_is_moderator(self):
        return self.env.su or self.env.user.has_group("crm_custom.group_crm_tag_moderator")

    def _crm_check_not_duplicate(self, vals_list):
        """Refuse a new tag whose name matches or looks like a visible tag;
        a moderator may confirm that a look-alike means something else."""
        is_moderator = self._crm_is_moderator()
        for vals in vals_list:
            confirmed = vals.pop("crm_confirm_similar", False) and is_moderator
            name = vals.get("name")
            if not name:
                continue
            owner = vals.get("owner_id") or False
            key = normalize_tag_name(name)
            similar = self._crm_similar_tags(name, limit=3)
            exact = similar.filtered(
                lambda t, key=key, owner=owner: t.normalized_name == key and t.owner_id.id == owner
            )
            if exact:
                raise ValidationError(
                    _("The tag “%(name)s” already exists: use it.", name=exact[0].name)
                )
            if similar and not (confirmed or self.env.context.get("crm_tag_allow_similar")):
                names = ", ".join(f"“{tag.name}”" for tag in similar)
                if is_moderator:
                    raise ValidationError(
                        _(
                            "A similar tag already exists: %(names)s. Use it instead; if it "
                            "really means something else, create the tag from its form "
                            "(“Create and edit…”) and tick “Not a Duplicate”.",
                            names=names,
                        )
                    )
                raise ValidationError(
                    _(
                        "A similar tag already exists: %(names)s. Use it instead; if it "
                        "really means something else, ask a tag moderator.",
                        names=names,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        is_moderator = self._crm_is_moderator()
        for vals in vals_list:
            kind = vals.get("kind") or self.env.context.get("default_kind") or "public"
            if kind == "system" and not self.env.su:
                raise UserError(_("System tags are created by the software only."))
            if kind == "personal":
                vals["owner_id"] = vals.get("owner_id") or self.env.uid
                # nobody else sees it: nothing for a moderator to approve
                vals["state"] = "approved"
            if kind == "public" and not is_moderator:
                vals["state"] = "proposed"
            # Given now, not computed after the INSERT: the unique key
            # (normalized_name, owner_id) treats NULLs as equal.
            if "name" in vals:
                # checked before the INSERT, where an empty key would first
                # hit the unique constraint with a technical message
                self._crm_check_name(vals["name"], kind)
                vals["normalized_name"] = normalize_tag_name(vals["name"])
            if not is_moderator:
                self._crm_check_moderated_fields(vals)
        if self.env.su:
            for vals in vals_list:
                vals.pop("crm_confirm_similar", None)
        else:
            self._crm_check_not_duplicate(vals_list)
        return super(CrmTag, self.with_context(mail_create_nolog=True)).create(vals_list)

    @api.model
    def _crm_check_moderated_fields(self, vals):
        """The lost-reason vocabulary is the moderators' choice."""
        if vals.get("is_lost_reason") or vals.get("lost_reason_id"):
            raise UserError(_("Only a tag moderator chooses the tags offered as lost reasons."))

    def write(self, vals):
        vals.pop("crm_confirm_similar", None)
        if not self._crm_is_moderator() and {"is_lost_reason", "lost_reason_id"} & set(vals):
            raise UserError(_("Only a tag moderator chooses the tags offered as lost reasons."))
        if not self.env.su and self.filtered(lambda t: t.kind == "system"):
            raise UserError(_("System tags are kept by the software and cannot be changed."))
        if vals.get("kind") == "system" and not self.env.su:
            raise UserError(_("Only the software makes system tags."))
        if (
            not self.env.su
            and ("state" in vals or vals.get("kind") == "public")
            and not self._crm_is_moderator()
            and (vals.get("state") == "approved" or vals.get("kind") == "public")
        ):
            raise UserError(_("Only a tag moderator approves or publishes tags."))
        if "name" in vals:
            for kind in set(self.mapped("kind")):
                self._crm_check_name(vals["name"], kind)
        if "name" in vals and not self.env.su:
            key = normalize_tag_name(vals["name"])
            for tag in self:
                similar = tag._crm_similar_tags(vals["name"], exclude=tag, limit=3)
                same = similar.filtered(lambda t, key=key: t.normalized_name == key)
                if same:
                    raise ValidationError(
                        _(
                            "The tag “%(name)s” already exists: replace this tag by it "
                            "instead of renaming.",
                            name=same[0].name,
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_system(self):
        if not self.env.su and self.filtered(lambda t: t.kind == "system"):
            raise UserError(_("System tags are kept by the software and cannot be deleted."))

    # ------------------------------------------------------------------
    # Search: the existing tag first
    # ------------------------------------------------------------------
    @api.model
    def _crm_candidate_ids(self, key, limit):
        """Ids of tags that may look like ``key``: the closest by trigram
        similarity (indexed) when pg_trgm is there, else the tags sharing the
        start of a word with it."""
        if self.env.registry.has_trigram:
            # pg_trgm's similarity operator "%", escaped for the driver
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM crm_tag WHERE normalized_name %s %s "
                    "ORDER BY similarity(normalized_name, %s) DESC LIMIT %s",
                    SQL("%%"),
                    key,
                    key,
                    limit,
                )
            )
            return [row[0] for row in self.env.cr.fetchall()]
        words = [word for word in key.split() if len(word) >= 2][:4]
        if not words:
            return []
        conditions = SQL(" OR ").join(
            SQL("normalized_name LIKE %s", f"%{word[:4]}%") for word in words
        )
        self.env.cr.execute(SQL("SELECT id FROM crm_tag WHERE %s LIMIT %s", conditions, limit))
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _crm_similar_tags(self, name, exclude=None, limit=5, domain=None):
        """Visible tags whose name is the same or nearly the same as ``name``,
        most similar first."""
        key = normalize_tag_name(name)
        if not key:
            return self.browse()
        ids = self._crm_candidate_ids(key, limit=40)
        if exclude:
            ids = list(set(ids) - set(exclude.ids))
        candidates = self.search_fetch(
            [("id", "in", ids)] + (domain or []), ["normalized_name", "name", "owner_id"]
        )
        scored = []
        matcher = difflib.SequenceMatcher(None, b=key)
        for tag in candidates:
            matcher.set_seq1(tag.normalized_name)
            if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILARITY_THRESHOLD:
                scored.append((-ratio, tag.normalized_name, tag.id))
        scored.sort()
        return self.browse([tag_id for _r, _n, tag_id in scored[:limit]])

    @api.model
    def _crm_usable_domain(self):
        """Tags a user may pick (record rules already hide others' personal ones)."""
        if self._crm_proposed_usable() or self.env.su:
            return []
        return ["|", ("state", "=", "approved"), ("create_uid", "=", self.env.uid)]

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # Every search on the name (the list's search box, filters, RPC, a
        # lead's "tag_ids.name") finds what the key finds: Arabic yeh/kaf,
        # tatweel, ZWNJ or Persian digits typed do not hide the tag.
        domain = [_normalized_leaf(leaf) for leaf in domain or []]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    @api.model
    def _search_display_name(self, operator, value):
        if operator in ("ilike", "like", "=ilike", "=like") and value:
            key = normalize_tag_name(value)
            if key:
                return [("normalized_name", "like", f"%{key}%")]
        return super()._search_display_name(operator, value)

    @api.model
    @api.readonly
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """Autocomplete: the same tag first, then tags starting with or looking
        like what is typed, then the ones containing it."""
        domain = list(args or []) + self._crm_usable_domain()
        key = normalize_tag_name(name)
        if not key or operator not in ("ilike", "like", "=ilike"):
            return super().name_search(name, domain, operator, limit)
        limit = limit or 100
        contains = self.search_fetch(
            domain + [("normalized_name", "like", f"%{key}%")],
            ["normalized_name", "display_name"],
            limit=limit,
            order="normalized_name",
        )
        # Look-alikes fill the free places of the list, once a word is typed
        # (two letters look like everything): typing a variant of an existing
        # tag finds few exact matches, so the existing tag shows first.
        similar = self.browse()
        if len(key) >= 4 and len(contains) < limit:
            similar = self._crm_similar_tags(
                name, exclude=contains, limit=min(5, limit - len(contains)), domain=domain
            )

        def rank(tag):
            if tag.normalized_name == key:
                return 0
            return 1 if tag.normalized_name.startswith(key) else 3

        ordered = sorted(contains, key=lambda t: (rank(t), len(t.normalized_name)))
        head = [t for t in ordered if rank(t) < 3]
        tail = [t for t in ordered if rank(t) == 3]
        records = (head + list(similar) + tail)[:limit]
        return [(tag.id, tag.display_name) for tag in records]

    @api.model
    def _crm_system_tags(self, codes):
        """Return the system tags of the given codes (unknown codes are ignored)."""
        return self.sudo().search([("kind", "=", "system"), ("code", "in", list(codes))])

    # ------------------------------------------------------------------
    # Moderation
    # ------------------------------------------------------------------
    def _crm_check_moderator(self):
        if not self._crm_is_moderator():
            raise UserError(_("Only a tag moderator can do this."))

    def action_approve(self):
        self._crm_check_moderator()
        self.filtered(lambda t: t.state == "proposed").write({"state": "approved"})
        return True

    def action_reject(self):
        """Reject proposals: they are deleted (their uses lose the tag)."""
        self._crm_check_moderator()
        self.filtered(lambda t: t.kind != "system").unlink()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_propose_publication(self):
        """A personal tag offered to everyone: it becomes a proposed public tag."""
        for tag in self:
            if tag.kind != "personal" or tag.owner_id != self.env.user:
                raise UserError(_("Only the owner of a personal tag can propose it."))
        # The owner may not make tags public: the change is done as the system,
        # the moderator then decides.
        self.sudo().write({"kind": "public", "owner_id": False, "state": "proposed"})
        for tag in self.sudo():
            tag.message_post(
                body=_("Proposed for publication by %(user)s.", user=self.env.user.name)
            )
        return True

    def action_open_merge_wizard(self):
        self._crm_check_moderator()
        return {
            "type": "ir.actions.act_window",
            "name": _("Replace Tags"),
            "res_model": "crm.tag.merge",
            "view_mode": "form",
            "target": "new",
            "context": {"default_source_tag_ids": [fields.Command.set(self.ids)]},
        }

    # ------------------------------------------------------------------
    # Smart buttons: the records carrying the tag
    # ------------------------------------------------------------------
    def _crm_open_records(self, model, field, name, extra=None):
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [(field, "in", self.ids)] + (extra or []),
            "context": {"active_test": False} if field == "lost_reason_tag_ids" else {},
        }
        if model == "crm.lead":
            action["view_mode"] = "list,kanban,form"
        if model == "calendar.event":
            action["view_mode"] = "list,calendar,form"
        return action

    def action_view_leads(self):
        return self._crm_open_records(
            "crm.lead", "tag_ids", _("Leads tagged %(tag)s", tag=self.name)
        )

    def action_view_lost(self):
        return self._crm_open_records(
            "crm.lead", "lost_reason_tag_ids", _("Lost for %(tag)s", tag=self.name)
        )

    def action_view_events(self):
        return self._crm_open_records(
            "calendar.event", "crm_tag_ids", _("Meetings tagged %(tag)s", tag=self.name)
        )

    def action_view_messages(self):
        action = self._crm_open_records(
            "mail.message", "crm_tag_ids", _("History tagged %(tag)s", tag=self.name)
        )
        action["views"] = [
            (self.env.ref("crm_custom.mail_message_view_tree_crm_history").id, "list"),
            (False, "form"),
        ]
        return action

    def action_view_activities(self):
        return self._crm_open_records(
            "mail.activity", "crm_tag_ids", _("Activities tagged %(tag)s", tag=self.name)
        )

    @api.model
    def _crm_check_usable(self, tags):
        """Raise unless the current user may put ``tags`` on a record.

        Through RPC a user can write any id; record rules only hide tags from
        reading, so the write itself is checked here.
        """
        if self.env.su or not tags:
            return
        tags = tags.sudo()
        user = self.env.user
        system = tags.filtered(lambda t: t.kind == "system")
        if system:
            # "Email sent" or "Incoming call" typed by hand would fake the
            # history and the usage report: the software applies them (sudo).
            raise ValidationError(
                _(
                    "The tag “%(name)s” is applied by the software itself when the "
                    "event happens; it cannot be added by hand.",
                    name=system[0].name,
                )
            )
        foreign = tags.filtered(lambda t: t.kind == "personal" and t.owner_id != user)
        if foreign:
            raise ValidationError(
                _(
                    "You cannot use a personal tag of another user (tag id %(id)s).",
                    id=foreign[0].id,
                )
            )
        if not self._crm_proposed_usable():
            waiting = tags.filtered(lambda t: t.state == "proposed" and t.create_uid != user)
            if waiting:
                raise ValidationError(
                    _(
                        "The tag “%(name)s” waits for a moderator and cannot be used yet.",
                        name=waiting[0].name,
                    )
                )

    def _crm_check_shared(self, what):
        """Raise unless these tags may be shown to everyone who sees ``what``
        (a workflow task or its template): no personal tag, whose name only
        its owner may read, and no system tag, which the software applies."""
        private = self.sudo().filtered(lambda t: t.kind != "public")
        if private:
            raise ValidationError(
                _(
                    "%(what)s can only carry a public tag: “%(name)s” is a personal or system tag.",
                    what=what,
                    name=private[0].name,
                )
            )

    @api.model
    def _crm_check_lost_reasons(self, tags):
        """Lost reasons come from the moderators' list, whatever the path."""
        wrong = tags.sudo().filtered(lambda t: not t.is_lost_reason)
        if wrong:
            raise ValidationError(
                _(
                    "The tag “%(name)s” is not a lost reason. Choose one of the lost "
                    "reasons, or ask a tag moderator to offer this tag as one.",
                    name=wrong[0].name,
                )
            )
