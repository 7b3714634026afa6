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
]
