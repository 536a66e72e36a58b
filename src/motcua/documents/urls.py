from __future__ import annotations

from django.urls import path

from motcua.documents import views

app_name = "documents"

urlpatterns = [
    path("tai-lieu/<uuid:public_id>/", views.download, name="download"),
    path("kho-du-lieu/<uuid:public_id>/", views.store_download, name="store_download"),
    path("xac-thuc/", views.verify_page, name="verify"),
]
