"""Everything under /api/: the JSON API and the browser sign-in flows."""
from django.http import JsonResponse
from django.urls import include, path


def health(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("health/", health, name="api-health"),
    path("auth/", include("allauth.urls")),
]
