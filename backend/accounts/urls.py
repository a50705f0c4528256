from django.contrib.auth import views as auth_views
from django.urls import path

from . import site_views, views

app_name = "accounts"

urlpatterns = [
    path("sites/", site_views.SiteListView.as_view(), name="site_list"),
    path("sites/new/", site_views.SiteCreateView.as_view(), name="site_create"),
    path("sites/<int:pk>/", site_views.SiteDetailView.as_view(), name="site_detail"),
    path("sites/<int:pk>/edit/", site_views.SiteEditView.as_view(), name="site_edit"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password/reset/complete/", views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
]
