from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.certificate_detail, name="detail"),
    path("attachment1.xlsx", views.attachment1_download, name="attachment1"),
]
