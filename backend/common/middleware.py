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
