# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Call events from the AMI bridge and webhook providers, and the mobile API.

Every route authenticates before reading anything; errors are JSON
``{"error": {"code": ..., "message": ...}}`` with a matching HTTP status.
"""

import functools
import json
import logging
import time

from psycopg2.errors import UniqueViolation
from werkzeug.exceptions import RequestEntityTooLarge

from odoo import _, http
from odoo.exceptions import ValidationError
from odoo.http import request

from ..models.crm_phone_api_key import REPLAY_WINDOW

_logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024
MAX_EVENTS = 500
CALL_ID_CONSTRAINT = "crm_phone_call_pbx_call_id_unique"


def _json(status, payload):
    return request.make_json_response(payload, status=status)


def _error(status, code, message):
    _logger.warning("Telephony API refused a request (%s): %s", code, message)
    return _json(status, {"error": {"code": code, "message": message}})


def _body_refused():
    """An error response for a body that is not JSON or too large, else None.

    Checked from the headers, before a byte of the body is read: the content
    type must be ``application/json`` (415 otherwise) and the declared
    ``Content-Length`` at most MAX_BODY_BYTES (413). A body sent without a
    length (chunked) is read at most one byte past the limit.
    """
    httprequest = request.httprequest
    if httprequest.mimetype != "application/json":
        return _error(
            415, "unsupported_media_type", "The request body must be sent as application/json."
        )
    length = httprequest.content_length
    if length is not None and length > MAX_BODY_BYTES:
        return _error(413, "body_too_large", "The request body is too large.")
    if length is None:
        # Bound what a body without a declared length may make us read.
        httprequest.max_content_length = MAX_BODY_BYTES
    return None


def _read_body():
    """The body (at most MAX_BODY_BYTES), or None when it is larger."""
    try:
        body = request.httprequest.get_data(cache=True)
    except RequestEntityTooLarge:
        return None
    return body if len(body) <= MAX_BODY_BYTES else None


def _read_json_body():
    """The request body and its JSON, or an error response."""
    refused = _body_refused()
    if refused:
        return b"", None, refused
    body = _read_body()
    if body is None:
        return b"", None, _error(413, "body_too_large", "The request body is too large.")
    try:
        payload = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        return body, None, _error(400, "malformed_json", "The request body is not valid JSON.")
    return body, payload, None


def _api_route(path, method):
    """A route of the telephony API: plain HTTP, no session, no CSRF token.

    The callers are machines (the bridge, a webhook provider, the mobile
    app) that authenticate each request themselves.
    """
    return http.route(
        path, type="http", auth="public", methods=[method], csrf=False, save_session=False
    )


def _mobile_route(path, method):
    """A mobile API route: the Bearer key is checked before the method runs.

    The method receives the caller's ``crm.phone.api.key`` after ``self``.
    """

    def decorate(endpoint):
        @functools.wraps(endpoint)
        def authenticated(self, *args, **kwargs):
            key, error = self._authenticate()
            if error:
                return error
            return endpoint(self, key, *args, **kwargs)

        return _api_route(path, method)(authenticated)

    return decorate


def _read_json_items(name):
    """The list ``name`` of the JSON body (1 to MAX_EVENTS items), or an error response."""
    _body, payload, error = _read_json_body()
    if error:
        return None, error
    items = payload.get(name) if isinstance(payload, dict) else None
    if not isinstance(items, list) or not items or len(items) > MAX_EVENTS:
        return None, _error(
            400,
            f"bad_{name}",
            f'The body must be {{"{name}": [...]}} with 1 to {MAX_EVENTS} {name}.',
        )
    return items, None


class TelephonyController(http.Controller):
    @_api_route("/crm_telephony/v1/pbx/events", "POST")
    def pbx_events(self, **_kwargs):
        headers = request.httprequest.headers
        env = request.env(su=True) if request.env else None
        if env is None:
            return _error(503, "no_database", "No database selected.")
        key = env["crm.phone.api.key"]._crm_find_signing_key(headers.get("X-Crm-Key"))
        if not key or not key.active:
            return _error(401, "unknown_key", "Unknown or revoked key.")
        timestamp = headers.get("X-Crm-Timestamp", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > REPLAY_WINDOW:
            return _error(401, "stale_timestamp", "The timestamp is missing or outside the window.")
        refused = _body_refused()
        if refused:
            return refused
        body = _read_body()
        if body is None:
            return _error(413, "body_too_large", "The request body is too large.")
        signature = headers.get("X-Crm-Signature", "")
        if not key._crm_signature_valid(timestamp, body, signature):
            return _error(401, "bad_signature", "The signature does not match the body.")
        if key._crm_rate_limited():
            return _error(429, "rate_limited", "Too many requests for this key; retry later.")
        if env["crm.phone.webhook.nonce"]._crm_seen_before(signature):
            return _error(409, "replayed", "This request was already received.")
        events, error = _read_json_items("events")
        if error:
            return error
        try:
            with env.cr.savepoint():
                applied = env["crm.phone.call"]._crm_ingest_events(
                    events,
                    source=events[0].get("source") if isinstance(events[0], dict) else "webhook",
                )
        except ValidationError as exc:
            return _error(422, "invalid_event", str(exc.args[0]))
        except UniqueViolation as exc:
            if exc.diag.constraint_name != CALL_ID_CONSTRAINT:
                raise
            # Another request created the same call meanwhile (the bridge sends
            # ringing events on a connection of their own). This transaction
            # cannot see that call; a retry, in a new transaction, will.
            return _error(503, "retry", "Another request is recording the same call; retry.")
        return _json(200, {"accepted": len(events), "applied": applied})


MOBILE_CALL_FIELDS = (
    "id",
    "type",
    "direction",
    "number",
    "name",
    "state",
    "started_at",
    "answered_at",
    "ended_at",
    "duration",
)


def _mobile_call_to_event(key, call):
    """A call reported by the app, as a call event of the PBX contract."""
    if not isinstance(call, dict):
        raise ValidationError(_("Each call must be a JSON object."))
    call_ref = call.get("id")
    if not isinstance(call_ref, str) or not call_ref or len(call_ref) > 64:
        raise ValidationError(_("Each call needs an id: a text of at most 64 characters."))
    event_type = call.get("type", "ended")
    direction = call.get("direction")
    if direction not in ("inbound", "outbound"):
        raise ValidationError(_("The direction of a mobile call is inbound or outbound."))
    number = call.get("number")
    own = key.user_id.mobile or key.user_id.partner_id.mobile or None
    return {
        "event_id": f"mobile:{key.key_id}:{call_ref}:{event_type}",
        "call_id": f"mobile:{key.key_id}:{call_ref}",
        "type": event_type,
        "direction": direction,
        "caller_number": number if direction == "inbound" else own,
        "caller_name": call.get("name") if direction == "inbound" else None,
        "callee_number": own if direction == "inbound" else number,
        "extension": None,
        "state": call.get("state") if event_type == "ended" else None,
        "at": call.get("ended_at") or call.get("started_at"),
        "started_at": call.get("started_at"),
        "answered_at": call.get("answered_at"),
        "ended_at": call.get("ended_at"),
        "duration": call.get("duration") or 0,
        "raw_caller": None,
        "source": "mobile",
    }


class TelephonyMobileController(http.Controller):
    def _authenticate(self):
        """The mobile key of the Bearer token, or an error response."""
        env = request.env(su=True)
        header = request.httprequest.headers.get("Authorization", "")
        token = header[len("Bearer ") :] if header.startswith("Bearer ") else ""
        key = env["crm.phone.api.key"]._crm_find_bearer(token)
        if not key or not key.active or not key.user_id.active:
            return None, _error(401, "unauthorized", "A valid, unrevoked API key is required.")
        if key._crm_rate_limited():
            return None, _error(429, "rate_limited", "Too many requests for this key.")
        return key, None

    @_mobile_route("/crm_telephony/v1/mobile/calls", "POST")
    def mobile_calls(self, key, **_kwargs):
        calls, error = _read_json_items("calls")
        if error:
            return error
        try:
            with request.env.cr.savepoint():
                events = [_mobile_call_to_event(key, call) for call in calls]
                applied = (
                    request.env["crm.phone.call"]
                    .sudo()
                    ._crm_ingest_events(events, source="mobile", agent=key.user_id)
                )
        except ValidationError as exc:
            return _error(422, "invalid_call", str(exc.args[0]))
        return _json(200, {"accepted": len(calls), "applied": applied})

    @_mobile_route("/crm_telephony/v1/mobile/dial_requests", "GET")
    def mobile_dial_requests(self, key, **_kwargs):
        requests_ = (
            request.env["crm.phone.dial.request"]
            .sudo()
            .search([("user_id", "=", key.user_id.id), ("state", "=", "pending")], limit=50)
        )
        return _json(200, {"dial_requests": requests_._crm_api_dict()})

    @_mobile_route("/crm_telephony/v1/mobile/dial_requests/<int:request_id>/ack", "POST")
    def mobile_dial_request_ack(self, key, request_id, **_kwargs):
        dial_request = (
            request.env["crm.phone.dial.request"]
            .sudo()
            .search([("id", "=", request_id), ("user_id", "=", key.user_id.id)], limit=1)
        )
        if not dial_request:
            return _error(404, "not_found", "No such dial request for this key.")
        dial_request.state = "done"
        return _json(200, {"id": dial_request.id, "state": "done"})
