from django.conf import settings
from django.utils.translation import gettext as _


def site(request):
    """What every page shows: the operator named in the privacy notice."""
    return {
        "operator_name": settings.INMPREP_OPERATOR_NAME
        or _("Example operator: set INMPREP_OPERATOR_NAME before deploying"),
        "local_profile": settings.LOCAL_PROFILE,
    }
