# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A newsletter send whose worker process is killed (SIGKILL) half-way
resumes without sending the issue twice to anyone (issue 15).

The worker is a real process doing what mass mailing's queue cron does for
the issue's mailing (the benchmark's ``--process-mailing``), committing its
batches of mails; it is killed once a third of the recipients have their
mail, mid-batch or between batches. The issue's resume puts the mailing back
in the queue, and the queue's step for it resumes the send. What the test
adds to the database is removed afterwards.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import odoo
from odoo.modules.registry import Registry
from odoo.tools import config

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_newsletter import load_list, make_issue  # noqa: E402

RECIPIENTS = 150
PARAMETERS = {
    "mail.batch_size": 5,
    # the mails stay queued (as for any list over Odoo's limit of 100), so
    # that the test counts them
    "mail.mail.force.send.limit": 0,
}


@pytest.fixture
def env():
    registry = Registry(config["db_name"].split(",")[0])
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def _count(env, query, mailing):
    env.cr.execute(query, [mailing.id])
    env.cr.commit()
    return env.cr.fetchone()[0]


@pytest.fixture
def issue(env):
    if "crm.newsletter.issue" not in env:
        pytest.skip("crm_newsletter is not installed")
    params = env["ir.config_parameter"]
    previous = {key: params.get_param(key) for key in PARAMETERS}
    for key, value in PARAMETERS.items():
        params.set_param(key, value)
    mailing_list = load_list(env, RECIPIENTS)
    issue = make_issue(env, mailing_list, RECIPIENTS)
    env.cr.commit()
    yield issue
    env.cr.rollback()
    mailing = issue.mailing_id
    env.cr.execute("DELETE FROM mail_mail WHERE mailing_id = %s", [mailing.id])
    newsletter = issue.newsletter_id
    issue.unlink()
    newsletter.unlink()
    mailing.unlink()
    mailing_list.contact_ids.unlink()
    mailing_list.unlink()
    for key, value in previous.items():
        params.set_param(key, value or False)
    env.cr.commit()


def test_killed_worker_resumes_without_duplicates(env, issue):
    issue.action_send()
    mailing = issue.mailing_id
    env.cr.commit()
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "bench_newsletter.py"), "--db", env.cr.dbname,
         "--config", config.rcfile, "--sizes", "--process-mailing", str(mailing.id),
         "--batch-pause", "0.3"]
    )  # fmt: skip
    traces = "SELECT COUNT(*) FROM mailing_trace WHERE mass_mailing_id = %s"
    deadline = time.monotonic() + 300
    try:
        while _count(env, traces, mailing) < RECIPIENTS // 3:
            assert worker.poll() is None, "the worker ended before it could be killed"
            assert time.monotonic() < deadline, "the worker made no progress"
            time.sleep(0.05)
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    env.invalidate_all()
    done = _count(env, traces, mailing)
    assert RECIPIENTS // 3 <= done < RECIPIENTS, "killed half-way"
    assert issue.state == "sending"
    assert 0 < issue.progress < 100

    assert issue in env["crm.newsletter.issue"]._resume_interrupted_sends()
    assert mailing.state == "in_queue"
    mailing._action_send_mail()  # the queue cron's step for this mailing
    env.cr.commit()
    env.invalidate_all()
    assert mailing._get_remaining_recipients() == []

    env.cr.execute(
        """SELECT COUNT(*), COUNT(DISTINCT res_id), COUNT(DISTINCT email),
                  COUNT(*) FILTER (WHERE trace_status = 'cancel')
             FROM mailing_trace WHERE mass_mailing_id = %s""",
        [mailing.id],
    )
    assert env.cr.fetchone() == (RECIPIENTS, RECIPIENTS, RECIPIENTS, 0), "one trace each"
    env.cr.execute(
        """SELECT COUNT(*), COUNT(DISTINCT t.email)
             FROM mail_mail m JOIN mailing_trace t ON t.mail_mail_id = m.id
            WHERE m.mailing_id = %s""",
        [mailing.id],
    )
    assert env.cr.fetchone() == (RECIPIENTS, RECIPIENTS), "one mail to each recipient"
    assert issue.progress == 100
