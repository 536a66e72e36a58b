from __future__ import annotations

from django.urls import path

from motcua.portal import (
    auth_views,
    dossier_views,
    my_dossier_views,
    oidc_views,
    rating_views,
    units,
    views,
    withdraw_views,
)

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.procedures, name="procedures"),
    path("thu-tuc/goi-y/", views.suggest, name="suggest"),
    path("thu-tuc/<str:code>/", views.procedure, name="procedure"),
    path("linh-vuc/", views.sectors, name="sectors"),
    path("linh-vuc/<slug:code>/", views.sector, name="sector"),
    path("co-quan/", views.agencies, name="agencies"),
    path("co-quan/<str:code>/", views.agency, name="agency"),
    path("thu-tuc-thay-doi/", views.changes, name="changes"),
    path("chu-lon/", views.large_text, name="large_text"),
    path("dang-nhap/", auth_views.login_view, name="login"),
    path("dang-nhap/xac-thuc/", auth_views.login_confirm, name="login_confirm"),
    path("dang-ky/", auth_views.register, name="register"),
    path("dang-nhap/dinh-danh/", oidc_views.oidc_start, name="oidc_start"),
    path("dang-nhap/dinh-danh/ket-qua/", oidc_views.oidc_callback, name="oidc_callback"),
    path("dang-xuat/", auth_views.logout_view, name="logout"),
    path("nop-ho-so/<str:code>/", dossier_views.dossier_start, name="dossier_start"),
    path("ho-so/<int:pk>/khai/<int:step>/", dossier_views.dossier_step, name="dossier_step"),
    path("ho-so/<int:pk>/luu-nhap/", dossier_views.dossier_autosave, name="dossier_autosave"),
    path("ho-so/<int:pk>/giay-to/", dossier_views.dossier_documents, name="dossier_documents"),
    path(
        "ho-so/<int:pk>/giay-to/<int:attachment>/go/",
        dossier_views.dossier_attachment_remove,
        name="dossier_attachment_remove",
    ),
    path("ho-so/<int:pk>/xem-lai/", dossier_views.dossier_review, name="dossier_review"),
    path("ho-so/<int:pk>/da-nop/", dossier_views.dossier_submitted, name="dossier_submitted"),
    path("dia-ban/xa/", units.communes, name="communes"),
    path("ho-so-cua-toi/", my_dossier_views.my_dossiers, name="my_dossiers"),
    path("ho-so-cua-toi/<int:pk>/", my_dossier_views.my_dossier, name="my_dossier"),
    path("ho-so-cua-toi/<int:pk>/bo-sung/", my_dossier_views.my_supplement, name="my_supplement"),
    path(
        "ho-so-cua-toi/<int:pk>/bo-sung/<int:attachment>/go/",
        my_dossier_views.my_supplement_remove,
        name="my_supplement_remove",
    ),
    path(
        "ho-so-cua-toi/<int:pk>/xoa-nhap/", my_dossier_views.my_draft_delete, name="my_draft_delete"
    ),
    path("ho-so-cua-toi/<int:pk>/rut-ho-so/", withdraw_views.my_withdraw, name="my_withdraw"),
    path("ho-so-cua-toi/<int:pk>/trao-doi/", my_dossier_views.my_message, name="my_message"),
    path("ho-so-cua-toi/<int:pk>/danh-gia/", rating_views.my_rating, name="my_rating"),
    path(
        "ho-so-cua-toi/<int:pk>/tep/<int:attachment>/",
        my_dossier_views.my_attachment,
        name="my_attachment",
    ),
    path(
        "ho-so-cua-toi/<int:pk>/tai-lieu/<uuid:public_id>/",
        my_dossier_views.my_document,
        name="my_document",
    ),
    path("ho-so-cua-toi/<int:pk>/giay-tiep-nhan/", my_dossier_views.my_receipt, name="my_receipt"),
    path("tra-cuu/", my_dossier_views.lookup, name="lookup"),
]
