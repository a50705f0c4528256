"""The default SMS texts, by code and language (seeded by migration 0004; a coordinator
edits them as templates). Every engine reads its text through
services.template_text(code, language) and never hard-codes one.

Budget: the Polish and English pickup, reminder, missed-pickup and delivery notices fit
ONE GSM-7 segment (160) with a realistic sender, name, address and item list
(tests/notifications/test_texts.py); Polish ones are sent "bez polskich znaków"
(transliterate=True) because one Polish letter makes the whole message UCS-2 (70 a
segment). Ukrainian is Cyrillic, always UCS-2: kept short, sent as written.

Placeholders every text may use: {sender} (settings.SMS_SENDER_NAME, e.g. "MOPS
Zgorzelec") and {centre_phone} (settings.CENTRE_PHONE), never the product's name.
"""

# code -> (name, transliterate, {language: body})
DEFAULTS: dict[str, tuple[str, bool, dict[str, str]]] = {
    "pickup_notice": ("Powiadomienie o odbiorze", True, {
        "pl": "{sender}: {first_name}, odbior: {what}, {date} {time_window}, {place}. "
              "Kod: {pickup_code}. Odpowiedz TAK lub NIE",
        "uk": "{sender}: {first_name}, отримання: {what}, {date} {time_window}, {place}. "
              "Код: {pickup_code}. Дайте відповідь TAK або NIE",
        "en": "{sender}: {first_name}, collect: {what}, {date} {time_window}, {place}. "
              "Code: {pickup_code}. Reply TAK (yes) or NIE (no)",
    }),
    "pickup_reminder": ("Przypomnienie o odbiorze", True, {
        "pl": "{sender}: przypominamy, jutro {date} {time_window}, {place}: {what}. "
              "Kod: {pickup_code}",
        "uk": "{sender}: нагадуємо, завтра {date} {time_window}, {place}: {what}. "
              "Код: {pickup_code}",
        "en": "{sender}: reminder, tomorrow {date} {time_window}, {place}: {what}. "
              "Code: {pickup_code}",
    }),
    "pickup_missed": ("Nieodebrany przydział", True, {
        "pl": "{sender}: {first_name}, nie odebrano: {what}. Kod: {pickup_code}. "
              "Prosimy o telefon: {centre_phone}",
        "uk": "{sender}: {first_name}, не отримано: {what}. Код: {pickup_code}. "
              "Зателефонуйте: {centre_phone}",
        "en": "{sender}: {first_name}, not collected: {what}. Code: {pickup_code}. "
              "Please call us: {centre_phone}",
    }),
    "delivery_notice": ("Dowóz do domu (dzień wcześniej)", True, {
        "pl": "{sender}: {first_name}, jutro {date} dowieziemy: {what}. Kod dla kierowcy: "
              "{pickup_code}. Pytania: {centre_phone}",
        "uk": "{sender}: {first_name}, завтра {date} доставимо: {what}. Код для водія: "
              "{pickup_code}. Питання: {centre_phone}",
        "en": "{sender}: {first_name}, tomorrow {date} we deliver: {what}. Code for the "
              "driver: {pickup_code}. Questions: {centre_phone}",
    }),
    "items_summary": ("Skrót listy rzeczy", True, {
        "pl": "paczka zywnosciowa ({count} poz.)",
        "uk": "продуктовий набір ({count} поз.)",
        "en": "food parcel ({count} items)",
    }),
    "fuel_summary": ("Skrót listy opału", True, {
        "pl": "opal ({count} poz.)",
        "uk": "паливо ({count} поз.)",
        "en": "fuel ({count} items)",
    }),
    "exchange_offer": ("Giełda: propozycja dla rodziny", True, {
        "pl": "{sender}: mamy dla Panstwa: {item}. Chca Panstwo? Odpowiedz TAK lub NIE "
              "do {deadline}",
        "uk": "{sender}: маємо для вас: {item}. Бажаєте? Дайте відповідь TAK або NIE "
              "до {deadline}",
        "en": "{sender}: we have for you: {item}. Do you want it? Reply TAK (yes) or "
              "NIE (no) by {deadline}",
    }),
    "exchange_offer_reminder": ("Giełda: przypomnienie dla rodziny", True, {
        "pl": "{sender}: przypominamy, mamy dla Panstwa: {item}. Odpowiedz TAK lub NIE "
              "do {deadline}",
        "uk": "{sender}: нагадуємо, маємо для вас: {item}. Дайте відповідь TAK або NIE "
              "до {deadline}",
        "en": "{sender}: reminder, we have for you: {item}. Reply TAK or NIE by {deadline}",
    }),
    "exchange_donor": ("Giełda: podziękowanie dla darczyńcy", True, {
        "pl": "{sender}: dziekujemy! Panstwa dar ({item}) znalazl nowy dom. Zadzwonimy, "
              "by ustalic odbior. Tel. {centre_phone}",
        "uk": "{sender}: дякуємо! Ваш дар ({item}) знайшов новий дім. Ми зателефонуємо. "
              "Тел. {centre_phone}",
        "en": "{sender}: thank you! Your gift ({item}) found a new home. We will call to "
              "arrange collection. Tel. {centre_phone}",
    }),
    "exchange_donor_reminder": ("Giełda: przypomnienie dla darczyńcy", True, {
        "pl": "{sender}: oferta \"{item}\" czeka na odbior do {deadline}. Jesli jest "
              "nieaktualna, prosimy o telefon: {centre_phone}",
        "uk": "{sender}: пропозиція \"{item}\" чекає до {deadline}. Якщо неактуальна, "
              "зателефонуйте: {centre_phone}",
        "en": "{sender}: your offer \"{item}\" waits for collection until {deadline}. "
              "If no longer available, please call: {centre_phone}",
    }),
    "help": ("Pomoc (odpowiedź na POMOC)", True, {
        "pl": "{sender}: odpowiedz TAK, aby potwierdzic, NIE, aby odmowic, STOP, aby nie "
              "dostawac SMS. Tel. {centre_phone}",
        "uk": "{sender}: TAK - підтвердити, NIE - відмовитися, STOP - не отримувати SMS. "
              "Тел. {centre_phone}",
        "en": "{sender}: reply TAK to confirm, NIE to decline, STOP to get no more SMS. "
              "Tel. {centre_phone}",
    }),
    "event_invitation": ("Wydarzenie: zaproszenie", True, {
        "pl": "{sender}: zaproszenie na {event}, {date} {time}, {place}: {who}. "
              "Odpowiedz TAK lub NIE (TAK 2 = 2 osoby)",
        "uk": "{sender}: запрошення на {event}, {date} {time}, {place}: {who}. "
              "Відповідь TAK або NIE (TAK 2 = 2 особи)",
        "en": "{sender}: invitation to {event}, {date} {time}, {place}: {who}. "
              "Reply TAK or NIE (TAK 2 = 2 people)",
    }),
    "event_registered": ("Wydarzenie: potwierdzenie zapisu", True, {
        "pl": "{sender}: zapisano na {event}, {date} {time}, {place}: {names}. "
              "Kod wejscia: {codes}",
        "uk": "{sender}: записано на {event}, {date} {time}, {place}: {names}. "
              "Код: {codes}",
        "en": "{sender}: registered for {event}, {date} {time}, {place}: {names}. "
              "Entry code: {codes}",
    }),
    "event_waiting": ("Wydarzenie: lista oczekujących", True, {
        "pl": "{sender}: brak wolnych miejsc na {event} ({names}). Jestescie na liscie "
              "oczekujacych, napiszemy, gdy zwolni sie miejsce",
        "uk": "{sender}: немає місць на {event} ({names}). Ви в списку очікування, "
              "напишемо, коли звільниться місце",
        "en": "{sender}: no places left for {event} ({names}). You are on the waiting "
              "list, we will write when a place frees up",
    }),
    "event_closed": ("Wydarzenie: zapisy zamknięte", True, {
        "pl": "{sender}: zapisy na {event} sa juz zamkniete. Przepraszamy. "
              "Tel. {centre_phone}",
        "uk": "{sender}: запис на {event} закрито. Вибачте. Тел. {centre_phone}",
        "en": "{sender}: registration for {event} is closed. Sorry. Tel. {centre_phone}",
    }),
    "event_offer": ("Wydarzenie: zwolnione miejsce", True, {
        "pl": "{sender}: zwolnilo sie miejsce na {event}, {date} {time} dla: {names}. "
              "Odpowiedz TAK do {deadline}, inaczej przekazemy je dalej",
        "uk": "{sender}: звільнилося місце на {event}, {date} {time} для: {names}. "
              "Відповідь TAK до {deadline}",
        "en": "{sender}: a place freed up for {event}, {date} {time} for: {names}. "
              "Reply TAK by {deadline}, or we pass it on",
    }),
    "event_thanks": ("Wydarzenie: podziękowanie dla darczyńcy", True, {
        "pl": "{sender}: dziekujemy! Prezenty ({count}) od {name} trafily do dzieci na "
              "{event}",
        "uk": "{sender}: дякуємо! Подарунки ({count}) від {name} отримали діти на {event}",
        "en": "{sender}: thank you! The gifts ({count}) from {name} reached the children "
              "at {event}",
    }),
    "volunteer_reminder": ("Wolontariusze: przypomnienie o dyżurze", True, {
        "pl": "{sender}: jutro ({day}) {hours} dyzur: {role}, {place}. Nie mozesz? Odwolaj "
              "w aplikacji lub zadzwon: {centre_phone}",
        "uk": "{sender}: завтра ({day}) {hours} чергування: {role}, {place}. "
              "Тел. {centre_phone}",
        "en": "{sender}: tomorrow ({day}) {hours} shift: {role}, {place}. Can't come? "
              "Cancel in the app or call {centre_phone}",
    }),
    "volunteer_help": ("Wolontariusze: prośba o pomoc", True, {
        "pl": "{sender}: brakuje {missing} {people} {weekday} {day} {hours} ({role}). "
              "Odpowiedz TAK, jesli mozesz pomoc",
        "uk": "{sender}: бракує {missing} осіб {day} {hours} ({role}). Відповідь TAK, "
              "якщо можете допомогти",
        "en": "{sender}: we need {missing} more on {day} {hours} ({role}). Reply TAK if "
              "you can help",
    }),
}

LANGUAGES = ("pl", "uk", "en")

# Realistic and long values for every placeholder: what the segment budget is measured
# with (tests/notifications/test_texts.py, `manage.py sms_segments`). A long first name,
# a real branch address, a fuel line, a fridge; the centre's sender and phone come from
# the settings.
SAMPLE = {"first_name": "Małgorzata", "what": "Węgiel orzech 1,5 t",
          "place": "Filia Bałuty, ul. Limanowskiego 166", "date": "14.12",
          "time_window": "10:00-12:00", "pickup_code": "482913", "count": 7,
          "item": "Lodówka Amica 150 cm z zamrażarką", "deadline": "28.11.2026 14:30",
          # events and volunteers
          "event": "Mikołajki 2026", "time": "16:30", "who": "Małgorzata, Szymon",
          "names": "Małgorzata, Szymon", "codes": "K7M2P9, X4T8R3", "name": "SP nr 3",
          "day": "05.12", "hours": "9-13", "role": "Pakowanie paczek", "missing": 2,
          "people": "osob", "weekday": "w sobote",
          # camps
          "camp": "Kolonie Ustka 2026", "dates": "29.06-12.07",
          "meeting": "parking, ul. Limanowskiego 166", "return_at": "12.07 18:00",
          "eta": "18:30"}
# Where one placeholder means something else in one text.
SAMPLE_BY_CODE = {"camp_documents": {"missing": "karta kwalifikacyjna, zgoda na leczenie"}}
# A food parcel of seven lines: too long for one segment, so the engine sends the
# summary ("paczka zywnosciowa (7 poz.)") instead (distribution.services.fit_notice).
SAMPLE_FOOD_LIST = ("Ryż 2 kg, Makaron 4 kg, Mleko UHT 2 l, Olej 1 l, Cukier 1 kg, "
                    "Mąka 1 kg, Konserwa rybna 2 szt.")


def seed(apps) -> None:
    """Create every default text that has no row yet (a coordinator's edits are kept);
    the data migrations call this, so a new code reaches existing databases."""
    SmsTemplate = apps.get_model("notifications", "SmsTemplate")
    for code, (name, transliterate, bodies) in DEFAULTS.items():
        for language, body in bodies.items():
            SmsTemplate.objects.get_or_create(
                code=code, language=language,
                defaults={"name": name, "body": body,
                          "transliterate": transliterate and language != "uk"})
