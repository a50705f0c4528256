"""Default SMS texts of camps, added to the shared defaults (notifications/defaults.py)
when the app loads, so services.template_text finds them and a coordinator may edit them
as templates. Polish ones go out "bez polskich znaków" (one segment)."""

CAMP_TEXTS: dict[str, tuple[str, bool, dict[str, str]]] = {
    "camp_registered": ("Kolonie: zakwalifikowano", True, {
        "pl": "{sender}: {names} zakwalifikowano na {camp}, {dates}. Zbiorka: {meeting}. "
              "Kod: {codes}",
        "uk": "{sender}: {names} кваліфіковано на {camp}, {dates}. Збір: {meeting}. "
              "Код: {codes}",
        "en": "{sender}: {names} got a place at {camp}, {dates}. Meeting point: {meeting}. "
              "Code: {codes}",
    }),
    "camp_offer": ("Kolonie: wolne miejsce", True, {
        "pl": "{sender}: wolne miejsce na {camp} ({dates}) dla: {names}. "
              "Odpowiedz TAK do {deadline}, inaczej przekazemy je dalej.",
        "uk": "{sender}: звільнилося місце на {camp} ({dates}) для: {names}. "
              "Відповідайте TAK до {deadline}.",
        "en": "{sender}: a place is free at {camp} ({dates}) for {names}. "
              "Reply TAK by {deadline}, or it passes on.",
    }),
    "camp_gone": ("Kolonie: miejsce zajete", True, {
        "pl": "{sender}: niestety miejsce na {camp} zostalo juz zajete. {names} zostaje "
              "na liscie rezerwowej.",
        "uk": "{sender}: на жаль, місце на {camp} вже зайняте.",
        "en": "{sender}: sorry, the place at {camp} has already been taken.",
    }),
    "camp_documents": ("Kolonie: brakujace dokumenty", True, {
        "pl": "{sender}: na {camp} brakuje jeszcze: {missing} ({names}). "
              "Prosimy dostarczyc. Tel. {centre_phone}",
        "uk": "{sender}: перед виїздом на {camp} бракує: {missing} ({names}). "
              "Тел. {centre_phone}",
        "en": "{sender}: before {camp} we still need: {missing} ({names}). "
              "Tel. {centre_phone}",
    }),
    "camp_departure": ("Kolonie: wyjazd", True, {
        "pl": "{sender}: autobus na {camp} wyjechal, na pokladzie: {names}. "
              "Powrot {return_at}, {meeting}.",
        "uk": "{sender}: автобус на {camp} виїхав: {names}. Повернення {return_at}.",
        "en": "{sender}: the bus to {camp} has left with {names}. Back {return_at}, "
              "{meeting}.",
    }),
    "camp_return": ("Kolonie: powrot", True, {
        "pl": "{sender}: autobus z {camp} wraca, przyjazd ok. {eta}, {meeting}.",
        "uk": "{sender}: автобус з {camp} повертається, прибуття близько {eta}, "
              "{meeting}.",
        "en": "{sender}: the bus from {camp} is on its way back, arriving about {eta}, "
              "{meeting}.",
    }),
}


def install() -> None:
    from backend.notifications.defaults import DEFAULTS

    for code, value in CAMP_TEXTS.items():
        DEFAULTS.setdefault(code, value)
