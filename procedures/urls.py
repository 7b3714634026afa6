from django.urls import path

from . import views

app_name = "procedures"

urlpatterns = [
    path("", views.home, name="home"),
    path("procedures/", views.procedure_list, name="procedure_list"),
    path("procedures/<slug:slug>/", views.procedure_detail, name="procedure_detail"),
    path("procedures/<slug:slug>/report/", views.procedure_report, name="procedure_report"),
    path("offices/", views.office_list, name="office_list"),
    path("offices/<slug:code>/report/", views.office_report, name="office_report"),
    path("privacy/", views.privacy, name="privacy"),
    path("choose/", views.choose_view, name="choose"),
    # A preparation: its private token is the only key to it.
    path("prepare/", views.prepare_start, name="prepare_start"),
    path("prepare/<str:token>/", views.resume, name="resume"),
    path("prepare/<str:token>/review/", views.review, name="review"),
    path("prepare/<str:token>/<slug:step>/", views.wizard_step, name="wizard_step"),
    path("prepare/<str:token>/<slug:step>/interruption/", views.wizard_interruption, name="wizard_interruption"),
    path("packet/<str:token>/", views.packet, name="packet"),
    path("packet/<str:token>/pdf/", views.packet_pdf_view, name="packet_pdf"),
    path("packet/<str:token>/deadline.ics", views.deadline_calendar, name="deadline_ics"),
    path("packet/<str:token>/appointment.ics", views.appointment_calendar, name="appointment_ics"),
    path("packet/<str:token>/appointment/", views.packet_appointment, name="packet_appointment"),
    path("packet/<str:token>/extend/", views.packet_extend, name="packet_extend"),
    path("packet/<str:token>/delete/", views.packet_delete, name="packet_delete"),
]
