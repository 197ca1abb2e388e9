"""AMI wire protocol parser and serialiser."""

from __future__ import annotations

import random

import pytest
from ami_bridge.protocol import (
    MAX_LINE_BYTES,
    AmiParser,
    format_action,
    parse_banner,
)

EXPECTED_COUNTS = {
    "answered-internal": 27,
    "answered-outbound": 23,
    "unanswered-cancel": 15,
}
EXPECTED_FIRST_CHANNEL = {
    "answered-internal": "PJSIP/21-0000001b",
    "answered-outbound": "PJSIP/1986-00000019",
    "unanswered-cancel": "PJSIP/1986-0000001d",
}
EXPECTED_DIAL_STATUS = {
    "answered-internal": "ANSWER",
    "answered-outbound": "ANSWER",
    "unanswered-cancel": "CANCEL",
}


def _chunks(data: bytes, sizes: list[int]) -> list[bytes]:
    chunks, start = [], 0
    for size in sizes:
        chunks.append(data[start : start + size])
        start += size
    return [*chunks, data[start:]]


def _parse(data: bytes, how: str) -> tuple[list, AmiParser]:
    parser = AmiParser()
    if how == "one-chunk":
        return parser.feed(data), parser
    if how == "byte-by-byte":
        pieces = [data[i : i + 1] for i in range(len(data))]
    else:
        rng = random.Random(len(data))
        pieces = _chunks(data, [rng.randint(1, 97) for _ in range(len(data) // 40)])
    return [message for piece in pieces for message in parser.feed(piece)], parser


@pytest.mark.parametrize("how", ["one-chunk", "byte-by-byte", "random-chunks"])
@pytest.mark.parametrize("line_end", ["LF", "CRLF"])
def test_captures_parse_identically_whatever_the_chunking(capture, how, line_end):
    name, raw = capture
    data = raw.replace(b"\n", b"\r\n") if line_end == "CRLF" else raw
    messages, parser = _parse(data, how)

    assert len(messages) == EXPECTED_COUNTS[name]
    assert parser.malformed_lines == 0 and parser.dropped_messages == 0
    assert all(message.is_event and not message.is_response for message in messages)
    first = messages[0]
    assert first["Event"] == "Newchannel"
    assert first["Channel"] == EXPECTED_FIRST_CHANNEL[name]
    assert first["Uniqueid"] == first["Linkedid"]
    assert all(not value.endswith("\r") for m in messages for value in m.values())
    dial_ends = [m for m in messages if m.event == "DialEnd"]
    assert [m["DialStatus"] for m in dial_ends] == [EXPECTED_DIAL_STATUS[name]]
    assert len({m["Linkedid"] for m in messages}) == 1
    assert messages[-1]["Event"] == "Hangup"


def test_empty_value_is_kept_as_empty_string(capture):
    _name, raw = capture
    first = AmiParser().feed(raw)[0]
    assert first["AccountCode"] == ""


def test_banner_is_recognised_and_not_a_message():
    parser = AmiParser()
    messages = parser.feed(b"Asterisk Call Manager/9.0.0\r\nResponse: Success\r\n\r\n")
    assert parser.banner == "9.0.0"
    assert messages == [{"Response": "Success"}]
    assert messages[0].is_response
    assert parse_banner(b"Asterisk Call Manager/5.0.1\r\n") == "5.0.1"
    assert parse_banner("SSH-2.0-OpenSSH_9.6") is None


def test_value_containing_colon_space_is_kept_whole():
    (message,) = AmiParser().feed(b"Event: UserEvent\nData: a: b: c\nUrl: http://x\n\n")
    assert message["Data"] == "a: b: c"
    assert message["Url"] == "http://x"


def test_repeated_keys_are_last_wins_with_all_values_available():
    data = b"Event: VarSet\nChanVariable: A=1\nChanVariable: B=2\n\n"
    (message,) = AmiParser().feed(data)
    assert message["ChanVariable"] == "B=2"
    assert message.getall("ChanVariable") == ["A=1", "B=2"]


def test_line_without_colon_is_counted_and_the_message_still_parsed():
    parser = AmiParser()
    messages = parser.feed(b"Event: Hangup\r\nthis line has no colon\r\nCause: 16\r\n\r\n")
    assert parser.malformed_lines == 1
    assert messages == [{"Event": "Hangup", "Cause": "16"}]


def test_giant_line_drops_its_message_and_resyncs_at_blank_line():
    parser = AmiParser()
    giant = b"Event: Newchannel\r\nBig: " + b"x" * (MAX_LINE_BYTES + 10) + b"\r\nA: 1\r\n\r\n"
    messages = parser.feed(giant + b"Event: Hangup\r\n\r\n")
    assert parser.dropped_messages == 1
    assert messages == [{"Event": "Hangup"}]


def test_giant_line_fed_in_pieces_without_newline_is_bounded():
    parser = AmiParser()
    parser.feed(b"Event: Newchannel\r\nBig: ")
    for _ in range(40):  # 40 × 4 KiB without any newline
        assert parser.feed(b"y" * 4096) == []
    assert len(parser._buffer) <= MAX_LINE_BYTES
    assert parser.feed(b"\r\nTail: 1\r\n\r\nEvent: Hangup\r\n\r\n") == [{"Event": "Hangup"}]
    assert parser.dropped_messages == 1


def test_message_over_one_mebibyte_is_dropped():
    parser = AmiParser()
    lines = b"".join(b"Key%d: %s\r\n" % (i, b"v" * 1000) for i in range(1100))
    messages = parser.feed(b"Event: Huge\r\n" + lines + b"\r\nEvent: Small\r\n\r\n")
    assert parser.dropped_messages == 1
    assert messages == [{"Event": "Small"}]


def test_binary_garbage_does_not_break_the_stream():
    parser = AmiParser()
    garbage = bytes(range(256)).replace(b"\n", b"") + b"\r\n\r\n"
    messages = parser.feed(garbage + b"Event: Newstate\r\nChannel: PJSIP/21-1\r\n\r\n")
    assert messages[-1] == {"Event": "Newstate", "Channel": "PJSIP/21-1"}
    assert parser.malformed_lines + len(messages) >= 2


def test_truncated_final_message_stays_buffered_until_completed():
    parser = AmiParser()
    assert parser.feed(b"Event: Hangup\r\nChannel: PJSIP/21-0000001b\r\nCau") == []
    assert parser.feed(b"se: 16\r\n") == []
    assert parser.feed(b"\r\n") == [
        {"Event": "Hangup", "Channel": "PJSIP/21-0000001b", "Cause": "16"}
    ]


def test_format_action_writes_crlf_lines_and_a_blank_line():
    data = format_action("Login", "id-1", {"Username": "bridge", "Secret": "pw"})
    assert data == (b"Action: Login\r\nActionID: id-1\r\nUsername: bridge\r\nSecret: pw\r\n\r\n")
    (parsed,) = AmiParser().feed(data)
    assert parsed["Action"] == "Login" and parsed["ActionID"] == "id-1"


def test_format_action_repeats_sequence_values_and_refuses_injection():
    data = format_action("Originate", None, {"Variable": ["A=1", "B=2"]})
    assert data.count(b"Variable: ") == 2
    with pytest.raises(ValueError, match="line break"):
        format_action("Originate", None, {"Exten": "100\r\nAction: Logoff"})
