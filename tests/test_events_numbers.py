"""Numbers in words, three languages: every case form of every cardinal (checked against
pymorphy3's dictionaries), compounds up to 999,999 spelled out here and inflected by pymorphy3,
and the ceilings that make an absurd number no figure."""

from __future__ import annotations

import random

import pymorphy3
import pytest

from geo.events.numbers import read_number
from geo.events.quantities import MAX_FATALITIES, MAX_QUANTITY, casualty_figure, killed, quantities

# the cardinal lemmas of each language and their values (the dictionaries' headwords)
RU = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
    "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
    "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900, "тысяча": 1000,
    "миллион": 1_000_000, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6,
    "семеро": 7, "восьмеро": 8, "девятеро": 9, "десятеро": 10,
}
UK = {
    "один": 1, "два": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7, "вісім": 8,
    "дев'ять": 9, "десять": 10, "одинадцять": 11, "дванадцять": 12, "тринадцять": 13,
    "чотирнадцять": 14, "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17,
    "вісімнадцять": 18, "дев'ятнадцять": 19, "двадцять": 20, "тридцять": 30, "сорок": 40,
    "п'ятдесят": 50, "шістдесят": 60, "сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90,
    "сто": 100, "двісті": 200, "триста": 300, "чотириста": 400, "п'ятсот": 500,
    "шістсот": 600, "сімсот": 700, "вісімсот": 800, "дев'ятсот": 900, "тисяча": 1000,
    "мільйон": 1_000_000, "двоє": 2, "троє": 3, "четверо": 4, "п'ятеро": 5,
}


def _analyser(lang):
    return pymorphy3.MorphAnalyzer(lang=lang)


@pytest.fixture(scope="module")
def morph():
    return {"ru": _analyser("ru"), "uk": _analyser("uk")}


def _lexeme(analyser, lemma):
    """Every form the dictionary gives the cardinal ``lemma`` (its numeral or noun reading
    whose headword is ``lemma``)."""
    parses = [p for p in analyser.parse(lemma)
              if p.normal_form.replace("ё", "е") == lemma and p.tag.POS in ("NUMR", "NOUN", "ADJF")]
    assert parses, lemma
    return {f.word for p in parses for f in p.lexeme}


SCALES = {"тысяча", "миллион", "тисяча", "мільйон"}


@pytest.mark.parametrize(("lang", "lemma", "value"),
                         [("ru", k, v) for k, v in RU.items() if k not in SCALES] +
                         [("uk", k, v) for k, v in UK.items() if k not in SCALES])
def test_every_case_form_of_every_cardinal_is_read(morph, lang, lemma, value):
    forms = _lexeme(morph[lang], lemma)
    wrong = {f: read_number(f) for f in forms if read_number(f) != value}
    assert not wrong


@pytest.mark.parametrize(("lang", "lemma", "value"), [
    ("ru", "тысяча", 1000), ("ru", "миллион", 1_000_000), ("uk", "тисяча", 1000),
    ("uk", "мільйон", 1_000_000)])
def test_thousands_and_millions_counted_and_alone(morph, lang, lemma, value):
    """After a count every form multiplies it («двох тисяч», «пятью миллионами»); alone a
    singular form is one («тисячу», «миллиона»), a form that can be plural is vague
    («тисячі людей», «миллионы»: thousands, millions) and no number."""
    parses = [p for p in morph[lang].parse(lemma) if p.tag.POS == "NOUN"
              and p.normal_form == lemma]
    numbers: dict[str, set] = {}
    for form in (f for p in parses for f in p.lexeme):
        numbers.setdefault(form.word.replace("ё", "е"), set()).add(str(form.tag.number))
    for word, grammatical_numbers in numbers.items():
        assert read_number(f"два {word}") == 2 * value, word
        alone = None if "plur" in grammatical_numbers else value
        assert read_number(word) == alone, word


EN_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen").split()
EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def spell_en(n):
    """``n`` < a million in English words ("three hundred and forty-two thousand ...")."""
    def below_thousand(k):
        words = []
        if k >= 100:
            words.append(f"{EN_UNITS[k // 100 - 1]} hundred")
            k %= 100
            if k:
                words.append("and")
        if k >= 20:
            words.append(EN_TENS[k // 10 - 2] + (f"-{EN_UNITS[k % 10 - 1]}" if k % 10 else ""))
        elif k:
            words.append(EN_UNITS[k - 1])
        return " ".join(words)
    thousands, rest = divmod(n, 1000)
    return " ".join(x for x in (f"{below_thousand(thousands)} thousand" if thousands else "",
                                below_thousand(rest)) if x)


SLAVIC = {
    "ru": {"units": "один два три четыре пять шесть семь восемь девять".split(),
           "teens": ("десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать "
                     "шестнадцать семнадцать восемнадцать девятнадцать").split(),
           "tens": ("двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят "
                    "девяносто").split(),
           "hundreds": ("сто двести триста четыреста пятьсот шестьсот семьсот восемьсот "
                        "девятьсот").split(),
           "thousand": "тысяча", "thousand_two": "две"},
    "uk": {"units": "один два три чотири п'ять шість сім вісім дев'ять".split(),
           "teens": ("десять одинадцять дванадцять тринадцять чотирнадцять п'ятнадцять "
                     "шістнадцять сімнадцять вісімнадцять дев'ятнадцять").split(),
           "tens": ("двадцять тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят "
                    "дев'яносто").split(),
           "hundreds": ("сто двісті триста чотириста п'ятсот шістсот сімсот вісімсот "
                        "дев'ятсот").split(),
           "thousand": "тисяча", "thousand_two": "дві"},
}


def spell_slavic(n, lang):
    """``n`` < a million as nominative words, each a dictionary lemma (the thousand noun in
    its lemma form: agreement does not change the value)."""
    t = SLAVIC[lang]

    def below_thousand(k, feminine=False):
        words = []
        if k >= 100:
            words.append(t["hundreds"][k // 100 - 1])
            k %= 100
        if k >= 20:
            words.append(t["tens"][k // 10 - 2])
            k %= 10
        if k >= 10:
            words.append(t["teens"][k - 10])
        elif k:
            words.append(t["thousand_two"] if feminine and k == 2 else t["units"][k - 1])
        return words
    thousands, rest = divmod(n, 1000)
    words = [*below_thousand(thousands, feminine=True), t["thousand"]] if thousands else []
    return words + below_thousand(rest)


def _sample(seed=7, count=150):
    rng = random.Random(seed)
    edges = [1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110, 112, 999, 1000, 1001, 2000, 2024,
             10_000, 12_345, 99_999, 100_000, 999_999]
    return edges + [rng.randrange(1, 1_000_000) for _ in range(count)]


@pytest.mark.parametrize("n", _sample())
def test_english_compounds(n):
    words = spell_en(n)
    assert read_number(words) == n, words
    assert read_number(words.upper().replace("-", " ")) == n


CASES = ("nomn", "gent", "datv", "ablt", "loct")


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_slavic_compounds_in_every_case(morph, lang):
    """Each word of a compound inflected by pymorphy3 into one case, as the grammar has it
    ("двадцяти п'яти тисяч", "тремястами сорока")."""
    analyser, wrong = morph[lang], []
    for n in _sample(seed=11, count=60):
        lemmas = spell_slavic(n, lang)
        for case in CASES:
            words = []
            for lemma in lemmas:
                parse = next(p for p in analyser.parse(lemma)
                             if p.tag.POS in ("NUMR", "NOUN", "ADJF")
                             and p.normal_form.replace("ё", "е") in (lemma, "два", "две"))
                form = parse.inflect({case})
                words.append(form.word if form else lemma)
            phrase = " ".join(words)
            if read_number(phrase) != n:
                wrong.append((n, phrase, read_number(phrase)))
    assert not wrong


@pytest.mark.parametrize(("phrase", "value"), [
    ("a hundred", 100), ("a thousand", 1000), ("one hundred and twelve", 112),
    ("twenty-five hundred", 2500), ("дві тисячі", 2000), ("полторы тысячи", 1500),
    ("півтора мільйона", 1_500_000), ("1,5 тис.", 1500), ("2.5 thousand", 2500),
    ("40,000", 40_000), ("100 000", 100_000), ("12 млн", 12_000_000), ("10k", 10_000),
    ("тысячу", 1000), ("мільйона", 1_000_000), ("a million", 10**6),
    ("двадцять п’ять", 25), ("ДВАДЦАТЬ ПЯТЬ", 25), ("трёхсот", 300), ("п'ятеро", 5),
])
def test_phrases_in_digits_words_and_spellings(phrase, value):
    assert read_number(phrase) == value


@pytest.mark.parametrize(("phrase", "value"), [
    ("five twenty", 5),  # no number grows smaller-to-larger inside a group: read up to it
    ("twenty thirty", 20),
    ("a thousand thousand", 1000),  # scales decrease
    ("twenty-five-year-old", None),  # an age, not a count
    ("25-year-old", None),
    ("5km", None),
    ("lots", None),
    ("полтора", None),  # "one and a half" only before a thousand or a million
    ("thousand", None),  # "a thousand", "one thousand"; alone (as "thousands") no count
    ("тысячи людей", None),  # thousands of people
    ("десятки тысяч", None),  # tens of thousands
])
def test_what_is_not_one_number(phrase, value):
    assert read_number(phrase) == value


@pytest.mark.parametrize("sentence", [
    "A Russian missile hit Kharkiv, killing 99999999999999999999999 people.",
    "The strike killed " + "9" * 5000 + " people.",  # beyond Python's int() digit limit
    "Загинули 2000000 людей.",
    "Shelling killed 1.5 billion people and wounded five.",  # not "injuries only" (0) either
])
def test_an_absurd_number_killed_is_no_figure(sentence):
    assert killed(sentence) is None
    assert casualty_figure(sentence) is None


def test_the_ceilings_are_inclusive():
    assert killed(f"The attack killed {MAX_FATALITIES:,} people.") == MAX_FATALITIES
    assert killed(f"The attack killed {MAX_FATALITIES + 1:,} people.") is None
    assert [q.value for q in quantities(f"{MAX_QUANTITY:,} drones were launched.")] == \
        [MAX_QUANTITY]
    assert quantities(f"{MAX_QUANTITY + 1:,} drones were launched.") == []
    assert [q.value for q in quantities("Russia launched " + "9" * 40
                                        + " missiles, then 40 shells.")] == [40]


@pytest.mark.parametrize(("sentence", "figure"), [
    ("A Russian missile hit Kharkiv, killing sixty people.", 60),
    ("Ninety-nine people were killed.", 99),
    ("A hundred people were killed in the attack.", 100),
    ("The strike killed one hundred and twelve people.", 112),
    ("Twenty-five people were killed.", 25),
    ("A twenty-five-year-old man was killed.", 1),
    ("У Сумах загинули шістнадцять людей.", 16),
    ("В Белгороде погибли восемнадцать человек.", 18),
    ("Кількість загиблих зросла до двадцяти трьох.", 23),
    ("Число погибших возросло до сорока двух.", 42),
    ("Загинули дві тисячі людей.", 2000),
    ("Загинули понад тисячу людей.", 1000),  # a stated lower bound is the figure (ACLED)
    ("Погибли свыше 40 человек.", 40),
    ("The strike killed more than 30 people.", 30),
    ("Four people were killed over the weekend.", 4),
    ("Погибли тысячи людей.", None),  # thousands: no figure
    ("Thousands were killed.", None),
])
def test_casualties_in_words(sentence, figure):
    assert killed(sentence) == figure


def test_a_counted_compound_is_its_whole_value():
    assert [(q.value, q.unit) for q in quantities("Twenty-five people gathered.")] == \
        [(25, "people")]
    assert [q.value for q in quantities("A column of T-72 tanks and 30 Russian tanks.")] == [30]


@pytest.mark.parametrize(("sentence", "toll"), [
    ("The death toll has risen to twenty-three.", 23),
    ("Кількість загиблих зросла до двадцяти трьох.", 23),
    ("Число погибших возросло до сорока двух.", 42),
    ("Killing 21 people, the strike was the deadliest; the death toll rose to 25.", 25),
    ("Число погибших возросло до 1000000000.", None),
    ("Two people were killed.", None),  # a figure, not an update of one
])
def test_a_death_toll_update(sentence, toll):
    from geo.events.quantities import death_toll

    assert death_toll(sentence) == toll
