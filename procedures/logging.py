"""Keep private links out of the logs: a preparation's token is the key to personal data."""

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/(?:prepare|packet)/)[A-Za-z0-9_-]{8,}")
MASK = r"\1<token>"


def mask_tokens(text: str) -> str:
    return TOKEN_IN_PATH.sub(MASK, text)


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


def gunicorn_logger_class():
    """gunicorn's logger with tokens masked in the access log (path, request line, referer)."""
    from gunicorn.glogging import Logger

    class MaskingLogger(Logger):
        def atoms(self, resp, req, environ, request_time):
            atoms = super().atoms(resp, req, environ, request_time)
            # Every atom: the path, the request line, the referer and any header or environ value.
            return {key: mask_tokens(value) if isinstance(value, str) else value for key, value in atoms.items()}

    return MaskingLogger
