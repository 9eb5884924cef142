"""Build ``data/gazetteer/admin2_ru.csv``: the raions and okrugs of the Russian oblasts on
Ukraine's border (Bryansk, Kursk, Belgorod, Voronezh, Rostov), with a point each.

No registry package carries Russia's municipal register (OKTMO) offline, so the unit names
below are curated: the municipal districts and okrugs of each oblast as the OKTMO listed them
in 2024 (recalled, not checked against the register's file; oblast-centre city okrugs left
out, since the city itself is in the gazetteer). Everything else is derived:

- the centre is the town the unit's adjective is made from, found among the oblast's GeoNames
  cities500 places by recognition's own derivation (``_centre_candidates``: Суджанский ->
  Суджа, Климовский -> Климово); the point is that place's GeoNames point; a unit whose
  centre is not derivable (Советский, named after no town) is left out and counted;
- names: Russian "<adjective> район" with "муниципальный округ" and "городской округ" forms
  as aliases (many raions became okrugs in 2018-2025; news uses both), Ukrainian by the
  regular suffix correspondence (-ский -> -ський), English "<adjective> District" in
  Wikipedia's romanisation and "<centre> district".

Ids: -(300,000,000 + crc32("RU.<admin1>.<name>") % 100,000,000), checked unique against
``admin2.csv``. An explicit step, never run by tests or by the index build::

    python scripts/build_admin2_ru.py
"""

from __future__ import annotations

import csv
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo._names import normalise  # noqa: E402
from geo.gazetteer import sources as S  # noqa: E402
from geo.text._cyrillic import _centre_candidates  # noqa: E402

OUT = ROOT / "data" / "gazetteer" / "admin2_ru.csv"
ID_OFFSET = 300_000_000
SOURCE = ("unit name: curated from the OKTMO municipal register of {oblast} (2024, recalled, "
          "not checked against the register's file); point: centre {centre} = GeoNames {gid}")

#: GeoNames admin-1 code -> (oblast, adjectives of its municipal districts and okrugs)
UNITS = {
    "09": ("Belgorod Oblast", """Алексеевский Белгородский Борисовский Валуйский Вейделевский
        Волоконовский Грайворонский Губкинский Ивнянский Корочанский Красненский
        Красногвардейский Краснояружский Новооскольский Прохоровский Ракитянский Ровеньский
        Старооскольский Чернянский Шебекинский Яковлевский"""),
    "41": ("Kursk Oblast", """Беловский Большесолдатский Глушковский Горшеченский Дмитриевский
        Железногорский Золотухинский Касторенский Конышёвский Кореневский Курский Курчатовский
        Льговский Мантуровский Медвенский Обоянский Октябрьский Поныровский Пристенский
        Рыльский Советский Солнцевский Суджанский Тимский Фатежский Хомутовский
        Черемисиновский Щигровский"""),
    "10": ("Bryansk Oblast", """Брасовский Брянский Выгоничский Гордеевский Дубровский
        Дятьковский Жирятинский Жуковский Злынковский Карачевский Клетнянский Климовский
        Клинцовский Комаричский Красногорский Мглинский Навлинский Новозыбковский Погарский
        Почепский Рогнединский Севский Стародубский Суземский Суражский Трубчевский
        Унечский"""),
    "86": ("Voronezh Oblast", """Аннинский Бобровский Богучарский Бутурлиновский
        Верхнемамонский Верхнехавский Воробьёвский Грибановский Калачеевский Каменский
        Кантемировский Каширский Лискинский Нижнедевицкий Новоусманский Новохопёрский
        Ольховатский Острогожский Павловский Панинский Петропавловский Поворинский
        Подгоренский Рамонский Репьёвский Россошанский Семилукский Таловский Терновский
        Хохольский Эртильский"""),
    "61": ("Rostov Oblast", """Азовский Аксайский Багаевский Белокалитвинский Боковский
        Верхнедонской Весёловский Волгодонской Дубовский Егорлыкский Заветинский
        Зерноградский Зимовниковский Кагальницкий Каменский Кашарский Константиновский
        Красносулинский Куйбышевский Мартыновский Матвеево-Курганский Миллеровский
        Милютинский Морозовский Мясниковский Неклиновский Обливский Октябрьский Орловский
        Песчанокопский Пролетарский Ремонтненский Родионово-Несветайский Сальский
        Семикаракорский Советский Тарасовский Тацинский Усть-Донецкий Целинский Цимлянский
        Чертковский Шолоховский"""),
}
HEADER = ("id", "cc", "admin1_code", "unit", "name", "name_uk", "name_ru", "aliases",
          "centre_id", "lat", "lon", "population", "code", "source")


def _cyrillic(s: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in s)


def ukrainian(adj: str) -> str:
    """The regular suffix correspondence only: Суджанский -> Суджанський."""
    for ru, uk in (("цкий", "цький"), ("ский", "ський"), ("ской", "ський")):
        if adj.endswith(ru):
            adj = adj[: -len(ru)] + uk
            break
    return adj.replace("ё", "е").replace("ы", "и").replace("э", "е")


def main() -> int:
    import iuliia

    cities = [c for c in S.read_cities(S.geonames_dir() / "cities500.json") if c.cc == "RU"]
    by_key: dict[tuple[str, str], S.Rec] = {}
    for c in sorted(cities, key=lambda c: c.population):  # the most populous namesake wins
        for k in {normalise(c.name)} | {normalise(a) for a in c.alternates if _cyrillic(a)}:
            by_key[(c.admin1, k)] = c
    with open(OUT.with_name("admin2.csv"), encoding="utf-8", newline="") as f:
        used = {int(r["id"]) for r in csv.DictReader(f)}
    rows, left_out = [], []
    for a1, (oblast, names) in UNITS.items():
        for adj in names.split():
            centre = None
            for tier in _centre_candidates((normalise(adj),)):
                keys = [*tier, *(normalise(system.translate(k)) for k in tier
                                 for system in (iuliia.BGN_PCGN, iuliia.WIKIPEDIA))]
                found = [by_key[(a1, k)] for k in keys if (a1, k) in by_key]
                if found:
                    centre = max(found, key=lambda c: c.population)
                    break
            if centre is None:
                left_out.append(f"{adj} ({oblast})")
                continue
            uid = -(ID_OFFSET + zlib.crc32(f"RU.{a1}.{adj}".encode()) % 100_000_000)
            if uid in used:
                raise SystemExit(f"id collision: {adj}")
            used.add(uid)
            roman = iuliia.WIKIPEDIA.translate(adj)
            uk = ukrainian(adj)
            rows.append({
                "id": uid, "cc": "RU", "admin1_code": a1, "unit": "raion",
                "name": f"{roman} District", "name_uk": f"{uk} район",
                "name_ru": f"{adj} район",
                "aliases": "|".join([f"{adj} муниципальный округ", f"{adj} городской округ",
                                     f"{uk} округ", f"{centre.name} district"]),
                "centre_id": centre.id, "lat": f"{centre.lat:.5f}", "lon": f"{centre.lon:.5f}",
                "population": 0, "code": "",
                "source": SOURCE.format(oblast=oblast, centre=centre.name, gid=centre.id),
            })
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} units written; left out (no centre derivable): {', '.join(left_out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
