"""System checks for what would break at run time."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_production_settings(app_configs, **kwargs):
    errors = []
    if not settings.ALLOWED_HOSTS:
        errors.append(Error("ALLOWED_HOSTS is empty.", hint="Set ALLOWED_HOSTS in the environment.", id="inmprep.E001"))
    missing = [
        name
        for name in ("INMPREP_OPERATOR_NAME", "INMPREP_OPERATOR_ADDRESS", "INMPREP_OPERATOR_PRIVACY_EMAIL")
        if not getattr(settings, name)
    ]
    if missing:
        errors.append(
            Error(
                "The privacy notice must name the site's operator: " + ", ".join(missing) + " unset.",
                hint="Set them in the environment before deploying.",
                id="inmprep.E002",
            )
        )
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        errors.append(
            Error(
                "Rate limits need a cache shared by every app server.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0).",
                id="inmprep.E003",
            )
        )
    return errors


@register(Tags.security)
def check_host_prefixed_cookies(app_configs, **kwargs):
    """A __Host- cookie is dropped by the browser unless it is Secure, for Path=/ and without Domain."""
    errors = []
    for prefix in ("CSRF", "SESSION"):
        name = getattr(settings, f"{prefix}_COOKIE_NAME")
        if not name.startswith("__Host-"):
            continue
        secure = getattr(settings, f"{prefix}_COOKIE_SECURE")
        path = getattr(settings, f"{prefix}_COOKIE_PATH")
        domain = getattr(settings, f"{prefix}_COOKIE_DOMAIN")
        if not secure or path != "/" or domain:
            errors.append(
                Error(
                    f"{prefix}_COOKIE_NAME {name} needs {prefix}_COOKIE_SECURE on, {prefix}_COOKIE_PATH '/' "
                    f"and no {prefix}_COOKIE_DOMAIN: browsers refuse the cookie otherwise.",
                    id="inmprep.E004",
                )
            )
    return errors


@register()
def check_time_zones(app_configs, **kwargs):
    """Every office zone must load: an old tz database lacks America/Ciudad_Juarez (2022g)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from .models import TimeZone

    missing = []
    for zone in TimeZone.values:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            missing.append(zone)
    if missing:
        return [
            Error(
                "Time zones of INM offices not in this machine's tz database: " + ", ".join(missing) + ".",
                hint="Install or update the tzdata package (debian-packages.txt).",
                id="inmprep.E005",
            )
        ]
    return []
