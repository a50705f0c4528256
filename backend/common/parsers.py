"""The API's JSON parser: every write we accept is a JSON object. A list, a number or a
string as the body is a 400 with a clear message, never an AttributeError (500) in a view
that reads `request.data.get(...)`."""

from django.utils.translation import gettext as _
from rest_framework import renderers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ObjectJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(_("The request body must be a JSON object."))
        return data


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's HTML API pages carry inline style attributes of their own: only those pages may
    use inline *style* (never script); every other page keeps the strict policy."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return super().render(data, accepted_media_type, renderer_context)
