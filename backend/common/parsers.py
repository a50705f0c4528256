"""The API's JSON parser: every write we accept is a JSON object. A list, a number or a
string as the body is a 400 with a clear message, never an AttributeError (500) in a view
that reads `request.data.get(...)`."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class ObjectJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError(_("The request body must be a JSON object."))
        return data
