from __future__ import annotations

from django.urls import path

from motcua.backoffice import desk_views, register_views, results, results_leader, views

app_name = "backoffice"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("tiep-nhan/", desk_views.desk, name="desk"),
    path("so-theo-doi/", register_views.register, name="register"),
    path("tiep-nhan/cong-dan/", desk_views.applicant_lookup, name="applicant_lookup"),
    path("tiep-nhan/<str:code>/", desk_views.intake, name="intake"),
    path("ho-so/<int:pk>/", views.dossier_page, name="dossier"),
    path("ho-so/<int:pk>/thao-tac/<slug:name>/", views.dossier_action, name="action"),
    path("ho-so/<int:pk>/trao-doi/", views.dossier_message, name="message"),
    path("ho-so/<int:pk>/tep/<int:attachment_id>/", views.attachment, name="attachment"),
    path("ho-so/<int:pk>/bien-nhan/", views.receipt, name="receipt"),
    path("ho-so/<int:pk>/tai-lieu/<uuid:public_id>/", views.document, name="document"),
    path("ho-so/<int:pk>/ket-qua/", results.drafting, name="results"),
    path("ho-so/<int:pk>/ket-qua/soan/", results.draft, name="result_draft"),
    path("ho-so/<int:pk>/ket-qua/<int:result_id>/sua/", results.correct, name="result_correct"),
    path("ho-so/<int:pk>/ket-qua/<int:result_id>/pdf/", results.preview, name="result_preview"),
    path("ho-so/<int:pk>/ky-so/", results_leader.signing, name="sign"),
    path("ho-so/<int:pk>/ky-so/ky/", results_leader.sign, name="sign_submit"),
]
