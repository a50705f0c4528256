"""`manage.py sms_segments`: the encoding and segment count of every SMS text by code,
rendered with realistic long values (defaults.SAMPLE) as the engines render it — the
centre's sender and phone from the settings, the template's "bez polskich znaków"
switch, a long item list summarised. Reads the coordinator's templates, so it also
tells whether an edited text still fits one segment."""

from django.core.management.base import BaseCommand

from backend.notifications import encoding, services
from backend.notifications.defaults import (
    DEFAULTS,
    LANGUAGES,
    SAMPLE,
    SAMPLE_BY_CODE,
    SAMPLE_FOOD_LIST,
)
from backend.notifications.texts import TemplateText


def default_text(code: str, language: str) -> TemplateText:
    """The seeded default as the data migration writes it (no database needed)."""
    _name, transliterate, bodies = DEFAULTS[code]
    return TemplateText(code, language, bodies[language], transliterate and language != "uk")


def rows(languages=LANGUAGES, lookup=services.template_text):
    """(code, language, what, SegmentInfo, text) for every code and language; texts with
    an item list ({what}) twice: one fuel line, and a 7-line food parcel as the drive
    engine sends it (summarised when it would not fit one segment)."""
    from backend.distribution.services import fit_notice  # the engine's own rule

    for code in DEFAULTS:
        for language in languages:
            template = lookup(code, language)
            sample = {**SAMPLE, **SAMPLE_BY_CODE.get(code, {})}
            variants = [("", services.notice_text(code, sample, template=template))]
            if "{what}" in template.body:
                variants = [("1 line", variants[0][1])]
                context = {**sample, "what": SAMPLE_FOOD_LIST, "language": language}
                templates = {(code, language): template,
                             ("items_summary", language): lookup("items_summary", language)}
                variants.append(("7 lines", fit_notice(code, context, 7, templates)))
            for what, text in variants:
                yield code, language, what, encoding.analyse(text), text


class Command(BaseCommand):
    help = "Print the encoding and segments of every SMS text by code (realistic values)."

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=LANGUAGES, action="append",
                            help="only these languages (repeatable); all by default")
        parser.add_argument("--text", action="store_true", help="print the rendered text")
        parser.add_argument("--defaults", action="store_true",
                            help="the seeded defaults, not the coordinator's edited texts")

    def handle(self, *args, **options):
        self.stdout.write("| code | lang | item list | encoding | chars | segments |")
        self.stdout.write("|---|---|---|---|---|---|")
        for code, language, what, info, text in rows(
                options["language"] or LANGUAGES,
                default_text if options["defaults"] else services.template_text):
            self.stdout.write(f"| {code} | {language} | {what or '-'} | {info.encoding} "
                              f"| {info.length} | {info.segments} |")
            if options["text"]:
                self.stdout.write(f"|   | {text} |||||")
