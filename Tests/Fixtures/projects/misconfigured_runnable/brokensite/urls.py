from django.contrib import admin
from django.urls import include, path

# Unlike the `misconfigured` layout, no namespace: that one stops the URLconf
# from loading (see the namespaced_include layout).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
]
