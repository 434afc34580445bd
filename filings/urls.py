from django.urls import path

from .views import accounts, api_token, review, rows, schools, spreadsheets, table, unit, workflow

app_name = "filings"

urlpatterns = [
    path("filing/", unit.my_filing, name="my_filing"),
    path("accounts/api-token/", api_token.api_token, name="api_token"),
    path("review/", review.board, name="review_board"),
    path("review/remind/", review.remind, name="remind"),
    path("review/accounts/", accounts.unreachable_units, name="unreachable_units"),
    path("review/national/", review.national, name="national"),
    path("review/national.xlsx", review.national_export, name="national_export"),
    path("units/<str:code>/", unit.unit_home, name="unit_home"),
    path("units/<str:code>/header/", unit.header_edit, name="header"),
    path("units/<str:code>/history/", unit.history, name="history"),
    path("units/<str:code>/staff/", accounts.unit_staff, name="unit_staff"),
    path("units/<str:code>/print/", unit.print_table, name="print"),
    path("units/<str:code>/rows/", rows.row_list, name="rows"),
    path("units/<str:code>/rows/confirm/", table.rows_bulk_confirm_view, name="rows_bulk_confirm"),
    path("units/<str:code>/schools/add/", schools.school_add, name="school_add"),
    path("units/<str:code>/schools/<int:pk>/edit/", schools.school_edit, name="school_edit"),
    path("units/<str:code>/schools/<int:pk>/delete/", schools.school_remove, name="school_delete"),
    path("units/<str:code>/rows/<int:pk>/edit/", rows.row_edit, name="row_edit"),
    path("units/<str:code>/rows/<int:pk>/delete/", rows.row_remove, name="row_delete"),
    path("units/<str:code>/rows/<int:pk>/quick/", table.row_quick_edit, name="row_quick_edit"),
    path("units/<str:code>/export.xlsx", spreadsheets.export_download, name="export"),
    path("units/<str:code>/import/", spreadsheets.import_upload, name="import"),
    path("units/<str:code>/import/preview/", spreadsheets.import_preview, name="import_preview"),
    path("units/<str:code>/scan/", workflow.scan_page, name="scan"),
    path("units/<str:code>/scan/<int:pk>/", workflow.scan_download, name="scan_download"),
    path("units/<str:code>/submit/", workflow.submit, name="submit"),
    path("units/<str:code>/review/", workflow.review_action, name="review"),
    path("units/<str:code>/review/accept/", workflow.accept, name="accept"),
]
