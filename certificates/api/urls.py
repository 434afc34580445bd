from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

# The API authenticates by itself (session or token) and answers 401/403/404 in JSON: the
# pages' login redirect must not stand in front of it.
urlpatterns = [
    path("batches/", login_not_required(views.BatchList.as_view()), name="api-batches"),
    path(
        "batches/<int:number>/certificates/",
        login_not_required(views.CertificateList.as_view()),
        name="api-certificates",
    ),
]
