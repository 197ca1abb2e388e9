# Copyright 2026 CRM Suite Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""E.164 normalisation shared by the stored fields, the install hook and the lookup.

Pure functions on strings, no ORM, so that the install hook can parse a
million numbers read with SQL without building records.

Why not Odoo's ``phone_validation``: its ``phone_format`` formats one number
for one country and its ``phone_mobile_search`` strips every stored number
with ``REGEXP_REPLACE`` in a scan of the whole table, trying one reading of
the caller ID. A PBX sends caller IDs that read several ways (national in its
country, international without "+"), and the popup must answer while the
phone rings: here each reading is one lookup on the indexed E.164 columns.
``bench/bench_caller_id.py`` measures both on the same data (last figures:
lookup p50 0.24-0.8 ms, p95 4-8 ms on 100,000 partners and 100,000 leads).
The parsing itself is ``phonenumbers`` (libphonenumber's data); what is
written here is only the rule for assumed countries and the readings.
"""

import re

import phonenumbers

# Caller-ID strings a PBX sends when there is no usable number.
UNUSABLE_CALLER_IDS = {"anonymous", "unknown", "<unknown>", "private", "restricted", "unavailable"}
# E.164 allows at most 15 digits; anything longer is not a phone number.
MAX_E164_DIGITS = 15
_NON_DIAL = re.compile(r"[^\d+]")


def normalize_e164(number, country_code=None, assumed=False):
    """Return ``number`` as E.164 (``+989121234567``) or ``False``.

    ``country_code`` (ISO 3166 alpha-2) is used for national formats like
    ``0912 123 4567``; international prefixes (``+98``, ``0098``, ``011 1``)
    are understood by ``phonenumbers`` for the country that dials them.

    ``assumed``: the country is a guess (the company's or the default phone
    country, not the record's own). A national number must then be *valid*
    for it, not merely of a possible length: an Israeli ``052-123-4567``
    read under a US company would otherwise become ``+10521234567``, a
    plausible-looking wrong number. It stays unparsed instead, until the
    right country is set (see ``crm.phone.e164.mixin._crm_renormalize``).
    """
    if not number or not isinstance(number, str):
        return False
    raw = number.strip()
    if not raw or raw.lower() in UNUSABLE_CALLER_IDS:
        return False
    dialable = _NON_DIAL.sub("", raw)
    digits = dialable.lstrip("+")
    if not digits or len(digits) > MAX_E164_DIGITS + 4:
        return False
    region = (country_code or "").upper() or None
    candidates = [raw]
    if dialable.startswith("00"):
        # "0098-912…" is international from almost every country, also when
        # the record's country uses another exit code (011 in the US).
        candidates.append("+" + dialable[2:])
    for candidate in candidates:
        try:
            parsed = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        national = not candidate.lstrip().startswith("+") and not dialable.startswith("00")
        if assumed and national and not phonenumbers.is_valid_number(parsed):
            continue
        if phonenumbers.is_possible_number(parsed):
            formatted = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            if len(formatted) - 1 <= MAX_E164_DIGITS:
                return formatted
    return False


def caller_id_candidates(number, country_code=None):
    """E.164 forms a raw caller ID may stand for, most likely first.

    PBX trunks often strip the "+" of international numbers ("989121234567")
    or keep national ones ("09121234567"): try the national reading with the
    default country, then the number read as already international.
    """
    found = []
    for candidate_country in (country_code, None):
        value = normalize_e164(number, candidate_country, assumed=True)
        if value and value not in found:
            found.append(value)
    dialable = _NON_DIAL.sub("", number or "")
    if dialable and not dialable.startswith(("+", "0")):
        value = normalize_e164("+" + dialable)
        if value and value not in found:
            found.append(value)
    return found
