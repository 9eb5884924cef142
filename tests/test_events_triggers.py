"""The trigger tables compiled as letter tries find exactly what their flat alternations find."""

from __future__ import annotations

import re

import pytest

from geo.events import lexicon as lx
from geo.events._alternation import compile_table, split_alternatives

# phrases that use every entry of both tables, with near misses around them: optional leading
# words present and absent, a longer word than the trigger, an entry whose first alternative
# fails at its end and must give way to a later one
ENGLISH = """
The UN Security Council meeting and the security council session met with envoys; UN security
council talks, a summit, summits, peace talks, held talks, negotiations, negotiating. Meetings
and meeting notes. The state visit, an official visiting party, visited, visiting, visitor,
arrived in Kyiv. A peace conference, security conference, conferences. Concentration of
Russian troops, troop build-up, a military buildup, massing of tanks, massed, amassed,
redeployed, deployed, redeployment of units, deployment of, sent about 500 more troops,
stationed, pulled back, withdrew, withdrawal of. Set up a new command post, set up the
headquarters. Blew up, blown up, demolished. Shot down, downed, intercepted, destroyed 47
enemy drones, destroyed two missiles. Looted, looting, ransacked, plundered. Arrested, arrest,
arrests, detained, detention of activists. Signed an agreement, signed the grain deal, agreed
to a ceasefire, agreed on prisoner exchange, prisoner swap, ceasefire deal. Suicide bombers,
suicide bombing, suicide attack. Air strikes, drone strike, aerial strikes, missile and drone
strikes, airstrike, air raid, air raid alerts, air raids sirens, drone attacks, kamikaze
drones, shaheds, shahed drones, glide bombs, bombed, bombing raids, guided aerial bombs, aerial
bomb. Shelling, shelled, artillery fire, artillery strikes, mortar attack, missile strikes,
rocket fire, ballistic missiles, cruise missile, bombardment, bombarded, struck by missiles.
Landmines, anti-tank mines, anti-personnel mine, mines, roadside bomb, car bombs, improvised
explosive devices, ieds. Explosions, explosion, exploded, blasts, blast. Struck, strike,
strikes, hit, hitting, targeted, dropped, came under, pounded, pounding, hitter. Attacked,
attack, attacks, attacking, attacked Ukrainian positions, attacked positions. Repelled,
repulsed, fended off, beat back. Armed clashes, heavy fighting, fighting, fought, clash,
clashed, firefights, gun battles, gunbattle, skirmishes, battles for. Assaults, assaulted,
stormed, storm, storming, offensive on, offensive operations, advanced, advancing, advances,
pushed into, pushed towards, infiltrated, infiltration, counter-attack, counterattacks.
Recaptured, retook, regained control, regained lost positions, took back, restored control,
cleared the village from, pushed the enemy out of, again under Ukrainian control. Captured,
seized, took control, taken control, overran, occupied the, liberated, entered. Abducted,
kidnapped, abduction. Raped, sexual violence. Massacre, massacred, executed, killed two
civilians, shot unarmed, murdered villagers. Riot, riots, rioting, rioters, mob violence, mob
attack, lynched, a crowd of angry men smashed, mob stormed. Protest, protests, protested,
protesters, protestors, demonstration, demonstrators, rally, rallies, rallied, marched, sit-in,
sit-ins, vigil, strikers, walkout. Fired 20 shells at, launched 40 drones at, debris fell,
falling debris, fragments hit. Setup, hits, metro, summitry, storms.
"""
CYRILLIC = """
Переговори, перемовини, зустріч, зустрілися, зустрівся, зустрілася, встреча, встретились,
встретил. Саміт, саммита. Збили, збито, сбили, сбиты, перехопили, перехоплено, перехвачены,
перехватили, знешкоджено, подавлены. Затримали, задержан, арештували, арестован. Обстріл,
обстріляли, обстрел, обстреляли, артобстріл, артобстрел. Авіаудар, авиаудары, авіабомба,
авиабомбы, КАБами, каби. Міна, мін, мины, мине, вибуховий пристрій, взрывное устройство.
Атакували, атаковали, атака, атаку, атак, напали. Удар, вдарили, влучання, поцілили,
поражение, скинули, сбросили, прилёт, прилет, прильоти, отработали, уражено, уразили,
поразили, зазнало масованого удару, подвергся. Вибух, взрыв. Відбили, відбито, відбивають,
отразили, отражены, отбили, отбито. Бої, бой, боях, боїв, боя, бои, боёв, боевые, бойові
зіткнення, боевые столкновения, зіткнення, столкновение. Штурм, наступ, наступом, наступають,
наступление, наступают, просунулися, просування, продвинулись, продвижение, продвигаются,
зайшли, зашли, увійшли, вошли, контратака, прорвались, прорив, прорыв. Відновили контроль,
восстановили контроль, повернули контроль, вернули контроль, зачистили, очистили. Захопили,
захоплення, окупували, звільнили, звільнення, освободили, освобождение, взяли під контроль,
взяли под контроль, взяты под контроль, встановили контроль, установили контроль, зайняли,
заняли, взяли. Викрали, похитили, похищение. Протест, мітинг, митинг, пікет, пикет,
демонстрація, мирна акція, акція, мирная акция, акции, вийшли на вулиці, вышли на улицы.
Зібралися, собрались. Запустили 25 дронів, випустили 10 ракет, выпустили снаряды, уламки
впали, обломки упали, падіння уламків. Мінськ, боковий, атаковано, ударник.
"""


def _flat(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end(), int(m.lastgroup[1:]))  # type: ignore[index]
            for m in pattern.finditer(text)]


def _trie(trie, pattern, text: str) -> list[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    return [(m.start(), m.end(), trie.entry_of(m)) for m in pattern.finditer(text)]


@pytest.mark.parametrize(("flat", "trie", "table", "text"), [
    (lx.PATTERN, lx.TRIGGER_TRIE, lx.TRIGGERS, ENGLISH),
    (lx.PATTERN_CYRILLIC, lx.TRIGGER_TRIE_CYRILLIC, lx.TRIGGERS_CYRILLIC, CYRILLIC),
], ids=["latin", "cyrillic"])
def test_tries_find_what_the_flat_alternation_finds(flat, trie, table, text):
    low = text.lower()
    expected = _flat(re.compile(flat.pattern), low)  # case-sensitive, as the tries are
    assert _trie(trie, trie.dense, low) == expected
    assert _trie(trie, trie.sparse, low) == expected
    # the phrases reach every entry of the table, so each one was compared
    assert {entry for _, _, entry in expected} == set(range(len(table)))


def test_a_search_from_inside_a_text_sees_the_word_before_it():
    """As with the flat pattern, a search starting mid-word finds no trigger there."""
    low = "the unshelled town was shelled"
    for start in range(len(low)):
        flat = re.compile(lx.PATTERN.pattern).search(low, start)
        for form in (lx.TRIGGER_TRIE.dense, lx.TRIGGER_TRIE.sparse):
            trie = form.search(low, start)
            assert (flat and flat.span()) == (trie and trie.span())


def test_order_among_alternatives_with_a_shared_prefix_is_kept():
    # "ab" is tried first and fails at the word's end: "abc" of entry 1 matches after it
    table = compile_table(["ab", "abc|abd", "(?:x|ab)?e"], after=r"\b")
    found = [(m.group(), table.entry_of(m)) for m in table.dense.finditer("abc ab abd e abe xe")]
    assert found == [("abc", 1), ("ab", 0), ("abd", 1), ("e", 2), ("abe", 2), ("xe", 2)]
    # a leading optional group is tried present first, as the regex engine does (greedy)
    greedy = compile_table(["(?:ab)?a"], after="")
    assert greedy.dense.match("aba").group() == "aba"


def test_an_alternative_without_a_leading_letter_is_refused():
    with pytest.raises(ValueError, match="literal letter"):
        compile_table([r"\w+ing"], after="")
    with pytest.raises(ValueError, match="spell out"):
        compile_table([r"(?:ab)+c"], after="")


def test_split_alternatives_ignores_bars_in_groups_and_classes():
    assert split_alternatives(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", r"e\|f"]


HEDGES = """
If, unless, whether it would, could or might: possible, a possibility, potential. He threatens to,
threatened to, threaten to; plans to, planned to, plan to; ready to, willing to, willingness to;
not, no, never, ruled out, rather than, instead of, avoid, prevent, an opportunity to, aims to,
aim to, seeks to, wants to, calls for, urge, urged, denied, rejected, refused, fears of, fear of,
risk of, warned of, hypothetical, postponed, cancelled, canceled, called off, scheduled,
planned, expected to, will, next week, next month, next round, alerts, sirens, denies, reports
by, claims by, rumours, rumors, bloggers, who had been. Notable, nothing, ifs, willed, nobody.
Не, ні, ни, нет, немає, якщо, если, б, би, бы, може, можуть, может, могут, могли, плани, план,
запланований, наміри, намерение, має намір, відклали, відкладений, отложили, скасовано, отменили,
буде, будуть, будет, будут, наступного, следующей, провести, проведення, проведение, пропонує,
предложили, запропонували, заперечили, заперечує, спростували, опровергли, отрицает, чутки,
слухи, загроза, погрожує, угрожает, тривога, тревоги. Небо, нива, бук, биток, можно.
"""
SIDES = """
Russian, Russia's, Russia’s, Russians, the Kremlin, Moscow's, FSB, Rosgvardia; Ukrainian,
Ukraine's, Ukrainians, Kyiv's, SBU, AFU, ZSU; the enemy, enemy's, enemys; our, its, their.
Російські, росіяни, РФ, окупанти, оккупанты, рашисти, российские, россияне, ВС РФ, ФСБ,
росгвардія, Росії, России, русские; українські, украинские, ЗСУ, ВСУ, ВФУ, СБУ, Сили оборони,
України, Украины, киевский режим; ворог, противник, враг, неприятель; наші, наших, наши. Ours,
itself, theirs, ourselves, Russianness.
"""


def test_hedge_trie_finds_what_the_flat_pattern_finds():
    english, cyrillic = lx.HEDGE_WORDS
    flat = re.compile(rf"\b{english}|(?<!\w){cyrillic}")
    low = HEDGES.lower()
    assert [m.span() for m in lx.HEDGE.finditer(low)] == [m.span() for m in flat.finditer(low)]


def test_side_trie_finds_what_the_flat_pattern_finds():
    from geo.events import sides

    flat = re.compile(r"(?<!\w)(?:" + "|".join(
        f"(?P<s{i}>{p})" for i, (p, _) in enumerate(sides._SIDE_WORDS)) + r")(?!\w)")
    low = SIDES.lower()
    expected = _flat(flat, low)
    assert {entry for _, _, entry in expected} == set(range(len(sides._SIDE_WORDS)))
    for form in (sides._SIDES.dense, sides._SIDES.sparse):
        assert _trie(sides._SIDES, form, low) == expected


WEAPONS = """
Missiles, a ballistic missile, cruise missiles, rockets, artillery, shells, shelling, shelled,
mortars, MLRS, HIMARS, Iskanders, Kalibr, howitzers, Grad, high-precision weapons, long-range
precision weapon, precision weapons, високоточна, высокоточным, ракети, артилерія, артиллерия,
снаряди, мінометний, минометный, РСЗВ, РСЗО, градами, искандеры, іскандер, калібри, калибр,
обстріли, обстрелы. Drones, a UAV, shaheds, Geran-2, FPV, glide bombs, guided bomb, aerial bombs,
bomb, aircraft, aviation, warplanes, jet, airstrikes, air strike, дрони, безпілотники,
беспилотник, БпЛА, шахеди, герані, FPV-дрон, авіабомби, авиабомбы, КАБи, КАБами, авіація,
авиация, літаки, самолёты, самолеты, ударні дрони. Mines, landmines, anti-tank mine,
anti-personnel mines, IEDs, explosive devices, міна, мін, мины, вибуховий пристрій, взрывное
устройство. Missileman, minesweeper, bombastic, граді, каблук, міністр.
"""


@pytest.mark.parametrize("group", range(len(lx.WEAPON_WORDS)))
def test_weapon_tries_find_what_the_flat_patterns_find(group):
    _, words = lx.WEAPON_WORDS[group]
    flat = re.compile(rf"(?<!\w)(?:{words})(?!\w)")
    low = WEAPONS.lower()
    found = [m.span() for m in lx.WEAPONS[group][1].finditer(low)]
    assert found == [m.span() for m in flat.finditer(low)]
    assert len(found) >= 10


@pytest.mark.parametrize("text", [
    "two were wounded", "injuries", "hurt", "hospitalised", "hospitalized", "поранено двох",
    "поранивши", "постраждали", "постраждав", "ранены", "ранение", "ранило", "пострадал",
    "травмовано", "no one was", "no casualties", "no injuries", "no victims", "no deaths",
    "nobody was", "no-one was", "without casualties", "без жертв", "без постраждалих",
    "без пострадавших", "без загиблих", "без погибших", "ніхто не постраждав",
    "никто не пострадал", "ніхто не загинув", "никто не погиб",
    "the town was shelled", "unhurt", "nowhere", "небо",
])
def test_hurt_or_spared_is_either_pattern(text):
    from geo.events import quantities as q

    either = q._INJURED.search(text) is not None or q._NO_CASUALTIES.search(text) is not None
    assert (q._HURT_OR_SPARED.search(text) is not None) == either


def test_an_abbreviation_in_capitals_is_found_in_lower_cased_text():
    """The tables match lower-cased text: "КАБами" (glide bombs) was written in capitals in
    the table and never found."""
    from geo.events import lexicon as lx

    text = "Ворог атакував КАБами Костянтинівку.".lower()
    found = [m.group() for m in lx.PATTERN_CYRILLIC_LOWER.finditer(text)]
    assert "кабами" in found
