from django.contrib import admin
from django.urls import include, path

# allauth.urls has no app_name, so a namespace needs the 2-tuple form. Django
# then accepts the include, but allauth reverses its URL names without a
# namespace ("github_callback", "account_login") and none of them resolve.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include(("allauth.urls", "allauth"), namespace="allauth")),
]
