"""Keep private links out of the logs: a preparation's token is the key to personal data.

Tokens are masked in every form a path may take in a log line: as written (``/packet/<token>/``),
in any letter case, and percent-encoded (``/%70acket/%68Duq…/``, which the server decodes and
serves like the plain path). The masking is done on the formatted line, so a traceback or a
message built before logging (gunicorn's "Invalid request line '…'") is masked too.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

TOKEN_IN_PATH = re.compile(r"(/(?:prepare|packet)/)[A-Za-z0-9_-]{8,}", re.IGNORECASE)
MASK = r"\1<token>"


# Percent-encoding layers looked through (a path encoded twice is still a path someone typed).
DECODING_ROUNDS = 3


def mask_tokens(text: str) -> str:
    """``text`` with the token of every /prepare/<token>/ or /packet/<token>/ path replaced."""
    masked = TOKEN_IN_PATH.sub(MASK, text)
    decoded = masked
    for _round in range(DECODING_ROUNDS):
        if "%" not in decoded or (once := unquote(decoded)) == decoded:
            break
        decoded = once
        if TOKEN_IN_PATH.search(decoded):
            # A token hidden by percent-encoding: the line is logged decoded, and masked (again,
            # for a second token encoded deeper; each round is shorter, so this ends).
            return mask_tokens(decoded)
    return masked


class MaskTokensFilter(logging.Filter):
    """Replace the token in any /prepare/<token>/ or /packet/<token>/ path of a log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_tokens(str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(mask_tokens(arg) if isinstance(arg, str) else arg for arg in args)
        if hasattr(record, "request"):
            # Django's request logging attaches the request: a formatter or handler may print it.
            record.request = None
        return True


class MaskTokensFormatter(logging.Formatter):
    """A formatter whose every line, traceback included, has its tokens masked; ``inner``, when
    given, is the formatter whose output is masked (gunicorn's own)."""

    def __init__(self, *args, inner: logging.Formatter | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.inner = inner

    def format(self, record: logging.LogRecord) -> str:
        return mask_tokens(self.inner.format(record) if self.inner else super().format(record))


def gunicorn_logger_class():
    """gunicorn's logger with tokens masked in the access and the error log, and the client's
    masked address (inmprep/proxies.py) in place of the proxy's."""
    from gunicorn.glogging import Logger

    class MaskingLogger(Logger):
        def setup(self, cfg):
            super().setup(cfg)
            # Worker timeouts ("Error handling request GET /en/packet/…") and malformed request
            # lines ("Invalid request from ip=…: Invalid HTTP request line: '…'") print the path.
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(MaskTokensFormatter(inner=handler.formatter))

        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            atoms["h"] = logged_client_address(environ)
            # Every atom: the path, the request line, the referer and any header or environ value.
            return {key: mask_tokens(value) if isinstance(value, str) else value for key, value in atoms.items()}

    return MaskingLogger


def logged_client_address(environ: dict) -> str:
    """The client's address as the access log shows it: its network only."""
    from inmprep.proxies import client_address, masked_address

    try:
        from django.conf import settings

        behind_proxy, trusted = settings.BEHIND_PROXY, settings.TRUSTED_PROXIES
    except Exception:  # noqa: BLE001  (settings not loaded yet: the peer alone)
        behind_proxy, trusted = False, ()
    address = client_address(
        environ.get("REMOTE_ADDR", ""),
        environ.get("HTTP_X_FORWARDED_FOR", ""),
        behind_proxy=behind_proxy,
        trusted_proxies=trusted,
    )
    return masked_address(address)


class NoTracebackFilter(logging.Filter):
    """Log a failed task as a line, without its traceback.

    django_tasks logs every failed task with ``logger.exception``: the exception's message, and
    those it was raised from, may quote what was being rendered (a packet holds an applicant's
    answers). The traceback stays in the task's result, which only superusers can read.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            record.msg = f"{record.msg} ({record.exc_info[0].__name__}; traceback in the task result)"
        record.exc_info = None
        record.exc_text = None
        return True
