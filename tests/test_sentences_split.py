"""The rule-based sentence splitter."""

from __future__ import annotations

import time

import pytest

from geo.text.sentences import sentence_at, sentence_bounds, sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("Troops entered Marinka. Residents fled!", ["Troops entered Marinka.", "Residents fled!"]),
    ("Is Pokrovsk safe? No.", ["Is Pokrovsk safe?", "No."]),
    ("Mr. Smith met Gen. Syrskyi in St. Louis.", ["Mr. Smith met Gen. Syrskyi in St. Louis."]),
    ("He arrived on Jan. 5 in Kyiv.", ["He arrived on Jan. 5 in Kyiv."]),
    ("J. R. Smith visited Kharkiv.", ["J. R. Smith visited Kharkiv."]),
    ("The U.S. State Department said so.", ["The U.S. State Department said so."]),
    ("Aid came from the U.S. The talks ended.", ["Aid came from the U.S.", "The talks ended."]),
    ("Prices rose 1.5 percent. Then fell.", ["Prices rose 1.5 percent.", "Then fell."]),
    ('He said: "We hold Toretsk." Then left.', ['He said: "We hold Toretsk."', "Then left."]),
    ("Line one\nLine two\n\nLine three", ["Line one", "Line two", "Line three"]),
    ("lower. case does not split", ["lower. case does not split"]),
    ("Бої біля м. Покровськ. Вони тривають.", ["Бої біля м. Покровськ.", "Вони тривають."]),
    ("Удар по пос. Октябрьский. Есть раненые.", ["Удар по пос. Октябрьский.", "Есть раненые."]),
    ("Дрон впав біля ок. Харкова, р-н Ізюма, св. Миколая тощо.",
     ["Дрон впав біля ок. Харкова, р-н Ізюма, св. Миколая тощо."]),
    ("Бої біля р. Оскіл і т. д. Далі тиша.", ["Бої біля р. Оскіл і т. д.", "Далі тиша."]),
    # abbreviations before a name never end a sentence
    ("Обстріляно с. Степове, смт Кушугум і м. Оріхів. Загинула жінка.",
     ["Обстріляно с. Степове, смт Кушугум і м. Оріхів.", "Загинула жінка."]),
    ("Удар по ул. Ленина, ст. Ясиноватая и пос. им. Свердлова. Пострадали двое.",
     ["Удар по ул. Ленина, ст. Ясиноватая и пос. им. Свердлова.", "Пострадали двое."]),
    ("Пожежа на вул. Сумській, у мкр. Салтівка і на наб. Леніна. Вогонь загашено.",
     ["Пожежа на вул. Сумській, у мкр. Салтівка і на наб. Леніна.", "Вогонь загашено."]),
    ("Ворог атакував н. п. Вовчанськ і ок. Куп'янська. Пошкоджено будинки.",
     ["Ворог атакував н. п. Вовчанськ і ок. Куп'янська.", "Пошкоджено будинки."]),
    ("Прибыл ген. Сырский, в т. ч. его штаб. Это важно.",
     ["Прибыл ген. Сырский, в т. ч. его штаб.", "Это важно."]),
    # abbreviations after their word end one before a capital
    ("Вибух у Покровському р-ні. Загиблих немає.",
     ["Вибух у Покровському р-ні.", "Загиблих немає."]),
    ("Бои в Покровском р-не Донецкой обл. Раненых нет.",
     ["Бои в Покровском р-не Донецкой обл.", "Раненых нет."]),
    ("Збитки сягнули 5 тис. грн. Поліція розслідує.",
     ["Збитки сягнули 5 тис. грн.", "Поліція розслідує."]),
    ("Атака на Курскую обл., Белгородскую обл. и Брянскую обл. Отражена.",
     ["Атака на Курскую обл., Белгородскую обл. и Брянскую обл.", "Отражена."]),
    # «р.», «г.», «р-н»: a river, a town, a raion before a name; a year or a raion after
    ("Бої біля р. Оскіл і в р-н Ізюма. Тиша.", ["Бої біля р. Оскіл і в р-н Ізюма.", "Тиша."]),
    ("Удар по г. Курск. Есть раненые.", ["Удар по г. Курск.", "Есть раненые."]),
    ("Це сталося у 2024 р. Україна відповіла.", ["Це сталося у 2024 р.", "Україна відповіла."]),
    ("Это было в 2023 г. Сейчас иначе.", ["Это было в 2023 г.", "Сейчас иначе."]),
    ("Обстріляно Покровський р-н. Бої тривають.",
     ["Обстріляно Покровський р-н.", "Бої тривають."]),
    ("  padded.  ", ["padded."]),
    ("", []),
    ("Wait... What happened?", ["Wait...", "What happened?"]),
])
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_bounds_are_trimmed_indices():
    text = "  First one.   Second one.\n"
    bounds = sentence_bounds(text)
    assert bounds == [(2, 12), (15, 26)]
    assert [text[s:e] for s, e in bounds] == ["First one.", "Second one."]


def test_sentence_at_bisects():
    text = "Troops entered Marinka. Residents of Dobropillia fled.\nKyiv"
    bounds = sentence_bounds(text)
    assert sentence_at(text, bounds, text.index("Marinka")) == "Troops entered Marinka."
    assert sentence_at(text, bounds, text.index("Dobropillia")) == \
        "Residents of Dobropillia fled."
    assert sentence_at(text, bounds, text.index("Kyiv")) == "Kyiv"
    assert sentence_at(text, bounds, 23) == "Troops entered Marinka."  # the gap: sentence before
    assert sentence_at("", [], 0) == ""


def test_fast_enough():
    chunk = ("Russian troops entered the outskirts of Krasnohorivka and Marinka west of Donetsk, "
             "Mr. Smith said on Jan. 5. Residents of Dobropillia were ordered to evacuate! "
             "Is the U.S. helping? Prices rose 1.5 percent.\n")
    text = chunk * (2_000_000 // len(chunk))
    start = time.process_time()  # CPU time: other jobs on a shared machine do not count
    sentence_bounds(text)
    elapsed = time.process_time() - start
    assert len(text) / elapsed > 5e6, f"{len(text) / elapsed / 1e6:.1f} MB/s"
