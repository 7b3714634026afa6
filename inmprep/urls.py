from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from procedures import views

urlpatterns = [
    path("", views.root, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("procedures.urls")),
    prefix_default_language=True,
)
