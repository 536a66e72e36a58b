"""motcua's URLs plus ``/bench/baseline/<pk>``: the floor every scenario is compared to."""

from django.urls import path

from bench.app.views import baseline
from motcua.urls import urlpatterns as motcua_urlpatterns

urlpatterns = [path("bench/baseline/<int:pk>", baseline), *motcua_urlpatterns]
