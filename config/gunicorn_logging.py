"""gunicorn's logging for production: errors are written down, what people looked for is not.

gunicorn.conf.py sets `logger_class` to SafeLogger. gunicorn puts request data in its error
log in a few places (read in gunicorn 27's source):

- workers/base.py, handle_error: "Error handling request GET /services/?q=..." with a
  traceback, whenever an exception escapes the application. A worker stopped for taking too
  long (the arbiter logs "WORKER TIMEOUT" and aborts it) writes this too, for the request it
  was answering.
- the same function: "Invalid request from ip=<client address>: Invalid HTTP request line:
  'GET /...?q=... HTTP/1.1'" (or the offending header) for a request it cannot parse.
- at debug level, the method and path of every request, and connection errors.

Dropping those lines would hide failures from the operator, so every error-log record is
rewritten instead: the query string goes (from a "?" to the end of its line), client
addresses go, and the quoted detail of an unparsable request goes. What failed, and on which
method and path, stays. The access log (one line per request, with query string and client
address) is never written, whatever the command line or GUNICORN_CMD_ARGS say.
"""

from __future__ import annotations

import ipaddress
import logging
import re

from gunicorn.glogging import Logger

QUERY_REMOVED = "?[redacted]"
ADDRESS_REMOVED = "[address]"
DETAIL_REMOVED = "[redacted]"

# A query string runs from its "?" to the end of the request target, but a malformed
# request line can hold spaces inside it, so everything to the end of the line goes. A "?"
# in other text (a regular expression in a traceback's source line) costs the rest of that
# line: a small price next to writing down someone's search.
QUERY_STRING = re.compile(r"\?[^\r\n]*")
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?!\d)")
# Anything with two or more colons between hex digits; the ipaddress module then tells an
# IPv6 address from, say, a time of day.
IPV6_CANDIDATE = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
# From the first quote on: the request line or header gunicorn could not parse.
QUOTED_DETAIL = re.compile(r"""['"].*""", re.DOTALL)
INVALID_REQUEST = "Invalid request from "

# Messages that carry only the server's own addresses, from its configuration (bind):
# the operator needs to see where it listens, and no client is involved.
SERVER_ADDRESS_MESSAGES = frozenset(
    {
        "Listening at: %s (%s)",
        "Listening at: %s",
        "Connection in use: %s",
        "Invalid address: %s",
        "Can't connect to %s",
    }
)

# Formats tracebacks here, before any handler sees them (handlers' formatters reuse it).
_TRACEBACKS = logging.Formatter()


def redact(text: str, *, keep_addresses: bool = False) -> str:
    """Text without query strings or IP addresses (the server's own, if keep_addresses)."""
    text = QUERY_STRING.sub(QUERY_REMOVED, text)
    if not keep_addresses:
        text = IPV4.sub(ADDRESS_REMOVED, text)
        text = IPV6_CANDIDATE.sub(_ipv6_removed, text)
    return text


def _ipv6_removed(match: re.Match[str]) -> str:
    candidate = match.group()
    # gunicorn writes "ip=::1: Invalid ...", so the match can take the colon after an address.
    for address, rest in ((candidate, ""), (candidate[:-1], candidate[-1:])):
        try:
            ipaddress.IPv6Address(address)
        except ValueError:
            continue
        return ADDRESS_REMOVED + rest
    return candidate


class RedactRequestData(logging.Filter):
    """Rewrites each record in place, so every handler (file, stream, syslog) and any logger
    it propagates to gets the redacted text only."""

    def filter(self, record: logging.LogRecord) -> bool:
        keep_addresses = isinstance(record.msg, str) and record.msg in SERVER_ADDRESS_MESSAGES
        try:
            message = record.getMessage()
        except Exception:
            # Arguments that do not fit the message: keep the message and lose the arguments,
            # rather than raise inside gunicorn.
            message = str(record.msg)
        if message.startswith(INVALID_REQUEST):
            message = QUOTED_DETAIL.sub(DETAIL_REMOVED, message)
        record.msg = redact(message, keep_addresses=keep_addresses)
        record.args = None

        if record.exc_info:
            # The traceback is kept as redacted text. The exception itself goes: its message
            # can quote the request, and its frames hold the request's data.
            record.exc_text = record.exc_text or _TRACEBACKS.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


REDACT_REQUEST_DATA = RedactRequestData()


class SafeLogger(Logger):
    """gunicorn's logger, with no access log and a redacted error log."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        # On the logger, not a handler: this covers the handlers gunicorn adds (errorlog,
        # syslog) and any a logconfig adds. setup() runs again on every reload (SIGHUP);
        # addFilter skips a filter already there.
        self.error_log.addFilter(REDACT_REQUEST_DATA)

    @property
    def access_log_enabled(self) -> bool:
        # gunicorn's workers ask this before gathering a request's data for the access log.
        return False

    def access(self, resp, req, environ, request_time) -> None:
        """Never write an access log: each line would hold a search and a client address."""
