"""The staff dashboard on the admin's index."""

from django import template
from django.utils import timezone

from procedures.dashboard import dashboard_sections
from procedures.deadlines import mexico_today

register = template.Library()


@register.simple_tag
def staff_dashboard():
    from procedures.tasks import task_queue_state

    return dashboard_sections(today=mexico_today(timezone.now()), queue_depth=task_queue_state()["waiting"])
