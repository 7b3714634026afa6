"""Django's test client, posting as the site's HTML forms do."""

from django.test import Client
from django.utils.http import urlencode

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


class FormClient(Client):
    """Posts ``application/x-www-form-urlencoded`` like a browser submitting one of inmprep's
    forms, not Django's default multipart: the site refuses multipart outside the staff admin
    (procedures/middleware.py), since none of its forms takes files."""

    def post(self, path, data=None, content_type=FORM_CONTENT_TYPE, **extra):
        if content_type == FORM_CONTENT_TYPE and isinstance(data, dict):
            data = urlencode(data, doseq=True)
        return super().post(path, data, content_type=content_type, **extra)
