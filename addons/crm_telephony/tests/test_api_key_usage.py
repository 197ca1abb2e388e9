# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import secrets
import threading
import time

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.crm_phone_api_key_usage import minute_start

# A moment 30 s into a minute: the previous minute then weighs one half.
HALF_MINUTE = 1_795_000_000 - 1_795_000_000 % 60 + 30


@tagged("post_install", "-at_install")
class TestApiKeyUsage(TransactionCase):
    """The rate limit counts in the database, so every worker shares it.

    The counter commits in its own transaction: the rows outlive the test's
    rolled-back transaction, so each test uses a fresh key id and removes them.
    """

    def setUp(self):
        super().setUp()
        self.key_id = f"crmk_test{secrets.token_hex(6)}"
        self.addCleanup(self._delete_counters)

    def _delete_counters(self):
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            cr.execute("DELETE FROM crm_phone_api_key_usage WHERE key_id = %s", [self.key_id])

    def _worker_env(self, cr):
        """What another worker has: its own connection and transaction."""
        return api.Environment(cr, SUPERUSER_ID, {})

    def hit(self, env, limit, now=HALF_MINUTE):
        return env["crm.phone.api.key.usage"]._crm_hit(self.key_id, limit, now=now)

    def test_two_transactions_share_the_count(self):
        connection = sql_db.db_connect(self.env.cr.dbname)
        with connection.cursor() as cr_one, connection.cursor() as cr_two:
            one, two = self._worker_env(cr_one), self._worker_env(cr_two)
            # Both transactions stay open: neither commits before the other counts.
            self.assertEqual([self.hit(one, 3), self.hit(two, 3), self.hit(one, 3)], [False] * 3)
            self.assertTrue(self.hit(two, 3), "the 4th request of the minute, whichever worker")
            cr_one.rollback()  # a request failing afterwards does not give its hit back
            self.assertTrue(self.hit(self.env, 3))

    def test_concurrent_hits_are_all_counted(self):
        refused = []

        def worker():
            # Each hit takes its own connection from the pool, like a worker would.
            refused.extend(self.hit(self.env, 30) for _ in range(20))

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(refused.count(False), 30)
        self.assertEqual(refused.count(True), 10)

    def test_previous_minute_weighs_as_much_as_it_overlaps(self):
        for _ in range(10):
            self.hit(self.env, 100, now=HALF_MINUTE - 60)
        # 30 s into the next minute, half of the previous minute's 10 requests count.
        allowed = [not self.hit(self.env, 10) for _ in range(10)]
        self.assertEqual(allowed.count(True), 5)

    def test_old_windows_are_purged(self):
        # Created in the test's transaction: a hit's own commit would leave a
        # row that the purge locks here and the cleanup then waits for.
        Usage = self.env["crm.phone.api.key.usage"]
        old, recent = Usage.create(
            [
                {"key_id": self.key_id, "window_start": minute_start(time.time() - 3600)},
                {"key_id": self.key_id, "window_start": minute_start(time.time()), "hits": 1},
            ]
        )
        Usage._gc_old_windows()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())

    def test_hits_stamp_last_used_once_a_minute(self):
        connection = sql_db.db_connect(self.env.cr.dbname)
        with connection.cursor() as cr:
            # A key committed like a real one: the counter's transaction sees it.
            key = self._worker_env(cr)["crm.phone.api.key"].create(
                {"name": "Stamped", "kind": "pbx"}
            )
            key_id, self.key_id = key.id, key.key_id
            # Its own connection, not the test's transaction (removed by _delete_key).
            cr.commit()  # pylint: disable=invalid-commit
        self.addCleanup(self._delete_key, key_id)
        self.hit(self.env, 10)
        self.hit(self.env, 10, now=HALF_MINUTE + 20)
        with connection.cursor() as cr:
            cr.execute("SELECT last_used FROM crm_phone_api_key WHERE id = %s", [key_id])
            self.assertEqual(cr.fetchone()[0], minute_start(HALF_MINUTE))

    def _delete_key(self, key_id):
        with sql_db.db_connect(self.env.cr.dbname).cursor() as cr:
            cr.execute("DELETE FROM crm_phone_api_key WHERE id = %s", [key_id])

    def test_users_cannot_read_the_counters(self):
        user = new_test_user(self.env, login="usage_reader", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["crm.phone.api.key.usage"].with_user(user).search([])
