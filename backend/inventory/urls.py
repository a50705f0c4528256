from django.urls import path

from . import scan_views, views

app_name = "inventory"

urlpatterns = [
    path("stock/", views.StockListView.as_view(), name="stock_list"),
    path("stock/items/", views.ItemStockView.as_view(), name="item_list"),
    path("stock/expiring/", views.ExpiringView.as_view(), name="expiring"),
    path("stock/lots/<int:pk>/", views.LotDetailView.as_view(), name="lot_detail"),
    path("stock/lots/<int:pk>/photos/", views.LotPhotoView.as_view(), name="lot_photo"),
    path("stock/locations/", views.LocationListView.as_view(), name="location_list"),
    path("stock/locations/<int:pk>/", views.LocationDetailView.as_view(),
         name="location_detail"),
    path("stock/locations/<int:pk>/stocktake/", views.StockTakeStartView.as_view(),
         name="stocktake_start"),
    path("stock/stocktakes/<int:pk>/", views.StockTakeView.as_view(), name="stocktake"),
    path("stock/labels.pdf", views.LabelsView.as_view(), name="labels"),
    path("scan", scan_views.ScanView.as_view(), name="scan"),
    path("scan/", scan_views.ScanView.as_view()),
    path("scan/resolve/", scan_views.ScanResolveView.as_view(), name="scan_resolve"),
    path("scan/action/", scan_views.ScanActionView.as_view(), name="scan_action"),
    path("q/<str:token>", scan_views.ScanView.as_view(), name="qr"),
]
