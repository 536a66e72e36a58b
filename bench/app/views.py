"""The baseline: a bare Django view that reads one dossier row by primary key.

No authentication, no template, no serializer: what the framework, the server and the
database cost for one indexed read. Each scenario's rate is reported as a ratio to it.
"""

from django.http import HttpRequest, JsonResponse

from motcua.dossiers.models import Dossier


def baseline(request: HttpRequest, pk: int) -> JsonResponse:
    row = Dossier.objects.filter(pk=pk).values("id", "code", "status").first()
    return JsonResponse(row or {}, status=200 if row else 404)
