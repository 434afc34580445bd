from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import filing_views, import_views, national_views, row_views

# The API authenticates by itself (session or token) and answers 401/403/404 in JSON: the
# pages' login redirect must not stand in front of it.
urlpatterns = [
    path(
        "units/<str:code>/filings/<int:number>/",
        login_not_required(filing_views.FilingDetail.as_view()),
        name="api-filing",
    ),
    path(
        "units/<str:code>/filings/<int:number>/rows/",
        login_not_required(row_views.RowList.as_view()),
        name="api-rows",
    ),
    path(
        "units/<str:code>/filings/<int:number>/rows/<int:pk>/",
        login_not_required(row_views.RowDetail.as_view()),
        name="api-row",
    ),
    path(
        "units/<str:code>/filings/<int:number>/import/",
        login_not_required(import_views.FilingImport.as_view()),
        name="api-filing-import",
    ),
    path(
        "national/<int:number>/",
        login_not_required(national_views.National.as_view()),
        name="api-national",
    ),
    path(
        "national/<int:number>/rows/",
        login_not_required(national_views.NationalRows.as_view()),
        name="api-national-rows",
    ),
]
