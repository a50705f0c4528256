from django.utils.cache import add_never_cache_headers


class PolishFirstMiddleware:
    """Polish unless the user chose otherwise: ignore the browser's Accept-Language.

    Shared office PCs and donated phones often come with English browsers; the
    centre works in Polish. The language switch (a cookie) still wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class NoStoreMiddleware:
    """Nothing shown to a logged-in user is kept by the browser or a proxy cache.

    Pages, CSV and PDF exports and API answers for staff carry names, addresses and PESEL;
    on a shared office PC the back button or the disk cache must not show them to the next
    person. Anonymous pages (the public offer form) and static files are left cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header(
                "Cache-Control"):
            add_never_cache_headers(response)
        return response
