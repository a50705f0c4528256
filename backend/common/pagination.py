from rest_framework import pagination

PAGE_SIZES = (25, 50, 100)


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "per_page"
    max_page_size = 500
