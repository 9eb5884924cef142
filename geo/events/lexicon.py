"""Trigger phrases per event type and sub-event type (ACLED's, plus Diplomacy).

Every pattern here but :data:`PATTERN` and :data:`PATTERN_CYRILLIC` matches lower-cased text
(the extractor lowers each article once): without IGNORECASE, Python's regex engine compares
plain characters, 2-4x faster on these long alternations (measured on the parse benchmark).

Order matters: one combined pattern tries them in this order at each position, so specific
phrases ("drone strike", "Security Council meeting") come before general ones ("strike",
"meeting"). Sub-event types follow ACLED's codebook; Diplomacy's are geo's own.
"""

from __future__ import annotations

import re

from geo.events._alternation import compile_table

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
DIPLOMACY = "Diplomacy"

#: markers the extractor resolves from the clause (who acts, with what, where)
CAPTURE = "capture"  # a change of control: who took it from whom
REGAIN = "regain"  # the same, said with a word for taking back
STRIKE = "strike"  # a strike verb ("hit", "атакували"): its weapon gives the sub-type
EXPLOSION = "explosion"  # explosions heard: a strike by the weapon named, else by shelling
ATTACK = "attack"  # a weapon makes it a strike, ground forces a clash
INTERCEPT = "intercept"  # weapons shot down: disrupted weapons use, a strike if anything hit
REPEL = "repel"  # a clash whose attacker is the other side of the one that repelled it
CLASH = "clash"  # fighting between both: the attacker is the side away from home
GATHER = "gather"  # people gathered: a protest when they demand something
RALLY = "rally"  # "rallied", "marched": a protest only when people protest (not prices, troops)
RALLY_NOUN = "rally noun"  # "a rally", "rallies": a protest unless a market's
DEBRIS = "debris"  # debris of a downed weapon fell: the strike of that weapon, where it fell
SHELLING = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"
IED = "Remote explosive/landmine/IED"
DISRUPTED = "Disrupted weapons use"

#: (pattern, event type, sub-event type)
TRIGGERS: tuple[tuple[str, str, str], ...] = (
    # Diplomacy first where its phrases contain a violent word ("security")
    (r"(?:un\s+|un\s+security\s+)?security\s+council\s+(?:meeting|session|talks)",
     DIPLOMACY, "Meeting"),
    (r"summits?", DIPLOMACY, "Summit"),
    (r"peace\s+talks|held\s+talks|talks|negotiations|negotiated|negotiating",
     DIPLOMACY, "Talks"),
    (r"meetings?|met\s+with|met", DIPLOMACY, "Talks"),
    (r"(?:state\s+|official\s+)?visit(?:ed|ing)?|arrived\s+in", DIPLOMACY, "Visit"),
    # "a news conference", "a conference call" are no conference of states
    (r"(?:peace\s+|security\s+)?conference(?<!news\sconference)(?<!press\sconference)"
     r"(?!\s+(?:call|committee|room|center|centre))", DIPLOMACY, "Conference"),
    # Strategic developments
    (r"concentration\s+of\s+(?:\w+\s+){0,2}?(?:troops|forces|soldiers|units|equipment)|"
     r"troop\s+(?:concentration|build-?up|buildup|deployment|movements?)|"
     r"(?:military\s+)?build-?up|massing\s+of|massed|amassed|amassing|"
     r"(?:re)?deployed|(?:re)?deployment\s+of|sent\s+(?:\S+\s+){0,3}?(?:troops|soldiers|forces)|"
     r"stationed|pulled\s+back|withdrew|withdrawal\s+of|pulled\s+out\s+of|retreated",
     STRATEGIC, "Change to group/activity"),
    (r"set\s+up\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:command\s+post|headquarters|base|"
     r"firing\s+positions?)", STRATEGIC, "Headquarters or base established"),
    (r"blew\s+up|blown\s+up|demolished", STRATEGIC, "Looting/property destruction"),
    (r"shot\s+down|downed|intercepted|destroyed\s+(?:\d[\d,]*|\w+)\s+(?:\w+\s+)?"
     r"(?:drones|missiles|uavs|shaheds)", STRATEGIC, INTERCEPT),
    (r"looted|looting|ransacked|plundered", STRATEGIC, "Looting/property destruction"),
    (r"arrested|arrests?|detained|detention\s+of", STRATEGIC, "Arrests"),
    (r"signed\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:agreement|deal|accord|treaty|memorandum)|"
     r"agreed\s+(?:on\s+|to\s+)?(?:a\s+)?(?:ceasefire|truce|prisoner\s+exchange)|"
     r"prisoner\s+(?:exchange|swap)|ceasefire\s+(?:agreement|deal)", STRATEGIC, "Agreement"),
    # Explosions/Remote violence
    (r"suicide\s+(?:bomb(?:ing|er)?s?|attack)", EXPLOSIONS, "Suicide bomb"),
    (r"(?:air|drone|aerial|missile\s+and\s+drone)\s*strikes?|airstrikes?|"
     r"air\s+raids?(?!\s+(?:alerts?|sirens?|warnings?))|"
     r"drone\s+attacks?|kamikaze\s+drones?|shahed(?:s|\s+drones?)?|glide\s+bombs?|bombed|"
     r"bombing\s+raids?|(?:guided\s+)?aerial\s+bombs?", EXPLOSIONS, "Air/drone strike"),
    (r"shelling|shelled|artillery\s+(?:fire|strikes?|attacks?)|mortar\s+(?:fire|attacks?)|"
     r"missile\s+(?:strikes?|attacks?)|rocket\s+(?:fire|strikes?|attacks?)|"
     r"(?:ballistic|cruise)\s+missiles?|bombardment|bombarded|struck\s+by\s+missiles?",
     EXPLOSIONS, "Shelling/artillery/missile attack"),
    (r"landmines?|(?:anti-tank\s+|anti-personnel\s+)?mines?|roadside\s+bombs?|car\s+bombs?|"
     r"improvised\s+explosive\s+devices?|ieds?", EXPLOSIONS, IED),
    (r"explosions?|exploded|blasts?", EXPLOSIONS, EXPLOSION),
    (r"struck|strikes?|hit|hitting|targeted|dropped|came\s+under|pounded|pounding|"
     # "fired 20 shells at", "launched 40 drones at": the weapon is named, so is its count
     r"fired\s+(?:\S+\s+){0,3}?(?:shells|rockets|missiles|drones|mortars?|rounds|artillery)|"
     r"launched\s+(?:\S+\s+){0,3}?(?:drones|missiles|rockets|shaheds|uavs|glide\s+bombs)",
     EXPLOSIONS, STRIKE),
    (r"debris\s+(?:\w+\s+){0,3}?(?:fell|hit|damaged|struck|sparked|caused)|"
     r"falling\s+debris|fragments\s+(?:\w+\s+){0,3}?(?:fell|hit|damaged)",
     EXPLOSIONS, DEBRIS),
    (r"attacked|attacks?|attacking", EXPLOSIONS, ATTACK),
    # Battles
    (r"repelled|repulsed|fended\s+off|beat\s+back", BATTLES, REPEL),
    (r"armed\s+clash(?:es)?|heavy\s+fighting|fighting|fought|clash(?:es|ed)?|firefights?|"
     r"gun\s*battles?|skirmish(?:es)?|battles?\s+for", BATTLES, CLASH),
    (r"attacked\s+(?:\w+\s+)?positions|"
     # "Assault Brigade", "assault troops": a unit's name, not an assault
     r"assault(?:s|ed)?(?!\s+(?:brigade|group|troops|units?|battalion|regiment|company|"
     r"detachment|rifles?|aircraft|helicopters?|forces|squads?|boats?|vehicles?))|"
     r"stormed|storming|to\s+storm|"  # the verb; "a storm" is the weather
     r"offensive\s+(?:on|against|near|towards?|operations)|advanced|advancing|advances?|"
     r"pushed\s+(?:into|towards?)|infiltrat\w+|counter-?attack\w*", BATTLES, "Armed clash"),
    (r"recaptured|retook|regained\s+(?:control|lost\s+positions)|took\s+back|"
     r"restored\s+control|clear(?:ed|ing)\s+(?:\w+\s+){0,3}?(?:from|out\s+of)|"
     r"pushed\s+(?:\w+\s+){0,3}?out\s+of|again\s+under\s+\w+\s+control",
     BATTLES, REGAIN),
    (r"captured|seized|took\s+control|taken\s+control|overran|occupied\s+the|liberated|"
     r"entered(?!\s+into)", BATTLES, CAPTURE),
    # Violence against civilians
    (r"abducted|kidnapped|abduction", VIOLENCE, "Abduction/forced disappearance"),
    (r"raped|sexual\s+violence", VIOLENCE, "Sexual violence"),
    (r"massacred?|executed|(?:killed|shot|murdered)\s+(?:\S+\s+){0,2}?(?:civilians|villagers|"
     r"residents|unarmed)", VIOLENCE, "Attack"),
    # Riots before Protests: a violent demonstration is a riot
    (r"riots?|rioting|rioters|mob\s+(?:violence|attack)|lynched|"
     r"(?:crowd|mob)\s+(?:of\s+)?(?:\S+\s+){0,20}?(?:smashed|attacked|beat|torched|stormed)",
     RIOTS, "Mob violence"),
    (r"protests?|protested|protesters|protestors|demonstrations?|demonstrators|sit-ins?|"
     r"vigils?|strikers|walkout", PROTESTS, "Peaceful protest"),
    (r"rallied|marched", PROTESTS, RALLY),
    (r"rall(?:y|ies)", PROTESTS, RALLY_NOUN),
)

#: the same in Ukrainian and Russian: stems, so that every case and gender matches
TRIGGERS_CYRILLIC: tuple[tuple[str, str, str], ...] = (
    (r"переговор\w*|перемовин\w*|зустріч\w*|зустріл\w*|зустрі(?:вся|лася|лися)|"
     r"встреч[аиуе]\w*|встрети\w*|встретил\w*", DIPLOMACY, "Talks"),
    (r"саміт\w*|саммит\w*", DIPLOMACY, "Summit"),
    (r"збил\w*|збит\w*|сбил\w*|сбит\w*|перехопил\w*|перехопл\w*|перехвач\w*|перехватил\w*|"
     r"знешкодж\w*|подавлен\w*", STRATEGIC, INTERCEPT),
    (r"затрима\w*|задержа\w*|арешту\w*|арестова\w*", STRATEGIC, "Arrests"),
    (r"обстріл\w*|обстріля\w*|обстрел\w*|обстреля\w*|артобстріл\w*|артобстрел\w*",
     EXPLOSIONS, SHELLING),
    # КАБ (a guided glide bomb) in lower case: the tables match lower-cased text
    (r"авіаудар\w*|авиаудар\w*|авіабомб\w*|авиабомб\w*|каб(?:ами|ів|ов|и|ы)?",
     EXPLOSIONS, AIR),
    (r"(?:мін|мин)(?:а|и|у|і|ою|ой|ами|ах|ы|е)?(?!\w)|вибухов\w+\s+пристр\w*|"
     r"взрывн\w+\s+устройств\w*", EXPLOSIONS, IED),
    (r"атакува\w*|атакова\w*|атак[аиуо]\w*|атак\b|напа\w+", EXPLOSIONS, ATTACK),
    (r"удар\w*|вдари\w*|влуч\w*|поціли\w*|поражени\w*|скину\w*|скинул\w*|сбросил\w*|"
     # "запустила 40 дронів по Одесі": launched at a place, the weapon named
     r"запусти\w*\s+(?:\S+\s+){0,3}?(?:дрон|ракет|шахед|бпла|безпілот|беспилот)\w*|"
     r"випусти\w*\s+(?:\S+\s+){0,3}?(?:дрон|ракет|шахед|бпла|снаряд|безпілот)\w*|"
     r"выпусти\w*\s+(?:\S+\s+){0,3}?(?:дрон|ракет|шахед|бпла|снаряд|беспилот)\w*|"
     r"прил[еёь]т\w*|отработал\w*|уражен\w*|уразил\w*|поразил\w*|"
     r"зазнал\w*\s+(?:\w+\s+)?удар\w*|подверг\w*", EXPLOSIONS, STRIKE),
    (r"уламк\w*\s+(?:\w+\s+){0,3}?(?:впал\w*|пошкод\w*|влучил\w*|спричинил\w*)|"
     r"обломк\w*\s+(?:\w+\s+){0,3}?(?:упал\w*|поврежд\w*|поврежди\w*|поврежде\w*|"
     r"вызвал\w*|поп\w+)|падіння\s+уламк\w*|падени\w+\s+обломк\w*", EXPLOSIONS, DEBRIS),
    (r"вибух\w*|взрыв\w*", EXPLOSIONS, EXPLOSION),
    (r"відбил\w*|відбито|відбива\w*|отразил\w*|отражен\w*|отбил\w*|отбито", BATTLES, REPEL),
    (r"бо[їй]\b|бо[їя]х|боїв|бо[ия]\b|боях|боёв|боев\w*|бойов\w+\s+зіткнен\w*|"
     r"боев\w+\s+столкновен\w*|зіткнен\w*|столкновен\w*", BATTLES, CLASH),
    # штурм and the verbs, not the adjective of a unit's name ("штурмова бригада")
    (r"штурм(?:ом|у|а|и|ів|ов|ами|ах)?(?!\w)|штурму(?:ва|ю|є|е)\w*|"
     r"штурмова(?:ли|л|ть|ла|ло)(?!\w)|наступ(?:ом|у|и|ає|ають|али|ала|ав|ати)?\b|"
     r"наступлени\w*|наступа\w*|"
     r"просуну\w*|просуван\w*|продвину\w*|продвижени\w*|продвига\w*|зайшли|зашли|"
     r"увійшли|вошли|контратак\w*|прорва\w*|прорив\w*|прорыв\w*", BATTLES, "Armed clash"),
    (r"відновил\w*\s+контрол\w*|восстановил\w*\s+контрол\w*|повернул\w*\s+контрол\w*|"
     r"вернул\w*\s+контрол\w*|зачистил\w*|очистил\w*", BATTLES, REGAIN),
    (r"захопи\w*|захопл\w*|окупува\w*|звільни\w*|звільнен\w*|освободи\w*|освобожд\w*|"
     r"(?:взял|взяли|взяты?)\s+(?:під|под)\s+контроль|встановил\w*\s+контроль|"
     r"установил\w*\s+контроль|зайняли|заняли|"
     # "взяли участь", "взяли на себе": a light verb, nothing taken
     r"взяли(?!\s+(?:участь|участие|на\s+себ\w+|слово|паузу|курс|під\s+варту|под\s+стражу))",
     BATTLES, CAPTURE),
    (r"викрад\w*|похити\w*|похищ\w*", VIOLENCE, "Abduction/forced disappearance"),
    (r"протест\w*|мітинг\w*|митинг\w*|пікет\w*|пикет\w*|демонстрац\w*|"
     r"вийшли\s+на\s+вулиц\w*|вышли\s+на\s+улиц\w*", PROTESTS, "Peaceful protest"),
    # "акція" / "акции" are also shares and sales: a protest only where people protest
    (r"акці[яюії]\w*|акци[яюие]\w*", PROTESTS, RALLY),
    (r"зібрал\w*|собрал\w*", PROTESTS, GATHER),
)

#: weapons, by the sub-event type they make; the first group wins when several are named
#: (README: "a combined missile+drone night attack on one place is one missile event")
WEAPON_WORDS = (
    (SHELLING,
     r"(?:ballistic\s+|cruise\s+)?missiles?|rockets?|artillery|shells?|shelling|"
     r"shelled|mortars?|mlrs|himars|iskanders?|kalibrs?|howitzers?|grad|"
     r"(?:high-|long-range\s+)?precision\s+weapons?|високоточн\w+|высокоточн\w+|"
     r"ракет\w*|артилер\w*|артиллер\w*|снаряд\w*|мінометн\w*|минометн\w*|рсзв|рсзо|"
     r"градами|искандер\w*|іскандер\w*|калібр\w*|калибр\w*|обстріл\w*|обстрел\w*"),
    (AIR,
     r"drones?|uavs?|shaheds?|geran\w*|fpv|glide\s+bombs?|guided\s+bombs?|"
     r"aerial\s+bombs?|bombs?|aircraft|aviation|warplanes?|jets?|air\s*strikes?|"
     r"дрон\w*|безпілотн\w*|беспилотн\w*|бпла|шахед\w*|геран\w*|fpv-?\w*|"
     r"авіабомб\w*|авиабомб\w*|каб\w{0,3}|авіаці\w*|авиаци\w*|літак\w*|самол[её]т\w*|"
     r"ударн\w+\s+дрон\w*"),
    (IED,
     r"(?:land|anti-tank\s+|anti-personnel\s+)?mines?|ieds?|"
     r"explosive\s+devices?|(?:мін|мин)(?:а|и|у|і|ою|ой|ами|ах|ы)?(?!\w)|"
     r"вибухов\w+\s+пристр\w*|взрывн\w+\s+устройств\w*"),
)
#: each group as ``(?<!\w)(?:words)(?!\w)`` finds them, compiled as a letter trie (1.3x faster)
WEAPONS = tuple((sub, compile_table([words], after=r"(?!\w)").dense)
                for sub, words in WEAPON_WORDS)
#: all of them in one trie: a text it finds nothing in names no weapon (one scan, not three)
ANY_WEAPON = compile_table([words for _, words in WEAPON_WORDS], after=r"(?!\w)").dense
#: ground forces as the subject of "attacked": a clash, not a strike
GROUND_FORCES = re.compile(
    r"(?<!\w)(?:troops|forces|infantry|units|soldiers|army|assault\s+groups?|"
    r"військ\w*|війська|піхот\w*|підрозділ\w*|штурмов\w*|войск\w*|пехот\w*|"
    r"подразделени\w*|противник\w*|ворог\w*|враг\w*)(?!\w)")
#: something was hit: an interception that still did damage is the strike
DAMAGE = re.compile(
    r"(?<!\w)(?:damag\w*|destroy\w*|debris|fragments|fell\s+on|fire\s+broke|"
    r"пошкодж\w*|зруйнов\w*|уламк\w*|пожеж\w*|поврежд\w*|разруш\w*|обломк\w*|"
    r"пожар\w*)(?!\w)")
#: military targets: the other side's forces are actor 2
MILITARY_TARGET = re.compile(
    r"(?<!\w)(?:(?:ammunition|fuel|arms)\s+depots?|positions|airfields?|air\s+bases?|"
    r"command\s+posts?|military\s+\w+|troops|warehouse\s+of|склад\w*\s+боєприпас\w*|"
    r"склад\w*\s+боеприпас\w*|позиц\w*|аеродром\w*|аэродром\w*|пункт\w*\s+управлін\w*|"
    r"пункт\w*\s+управлени\w*)(?!\w)")
#: a crowd that demands something: a protest
DEMAND = re.compile(r"(?<!\w)(?:вимага\w*|з\s+вимог\w*|требу\w*|с\s+требовани\w*|"
                    r"протест\w*|demand\w*|calling\s+for)(?!\w)")

#: words that make a protest one with intervention, or a violent demonstration
INTERVENTION = re.compile(r"\b(?:tear\s*gas|water\s+cannons?|dispersed|rubber\s+bullets|"
                          r"police\s+(?:detained|arrested|broke\s+up)|detained|arrested|"
                          r"riot\s+police)\b")
VIOLENT = re.compile(r"\b(?:threw\s+(?:stones|rocks|molotov)|set\s+fire|torched|smashed|"
                     r"clashed\s+with\s+(?:police|security)|burned\s+(?:cars|tyres|tires))\b")
EXCESSIVE = re.compile(r"\b(?:opened\s+fire\s+on|shot\s+(?:dead\s+)?(?:at\s+)?)(?:\w+\s+){0,2}"
                       r"(?:protesters|demonstrators|protestors)\b")

#: a combined, case-insensitive pattern; group ``t<i>`` is TRIGGERS[i]: the reference form of
#: the tries below, which find the same matches faster in lower-cased text.
PATTERN = re.compile(r"(?<!\w)(?=[a-w])(?:" + "|".join(
    rf"(?P<t{i}>{p})" for i, (p, _, _) in enumerate(TRIGGERS)) + r")\b", re.IGNORECASE)
PATTERN_CYRILLIC = re.compile(r"(?<!\w)(?=[а-яіїєґА-ЯІЇЄҐ])(?:" + "|".join(
    rf"(?P<t{i}>{p})" for i, (p, _, _) in enumerate(TRIGGERS_CYRILLIC)) + r")(?!\w)",
    re.IGNORECASE)
#: the same two tables for lower-cased text, as letter tries (:mod:`._alternation`): without
#: IGNORECASE the engine compares plain characters (2x faster), and branching on the first
#: letters rejects a word start in a few comparisons (2-3x faster again; both measured on the
#: parse benchmark's articles). ``entry_of(match)`` is the index in the table; ``dense`` is
#: the faster form in text of the table's own script, ``sparse`` in any other.
TRIGGER_TRIE = compile_table([p for p, _, _ in TRIGGERS], after=r"\b")
TRIGGER_TRIE_CYRILLIC = compile_table([p for p, _, _ in TRIGGERS_CYRILLIC], after=r"(?!\w)")
#: for a search in a few words of either script
PATTERN_LOWER = TRIGGER_TRIE.sparse
PATTERN_CYRILLIC_LOWER = TRIGGER_TRIE_CYRILLIC.sparse

#: words that make an action hypothetical or denied when they come before it in its clause:
#: English, then Ukrainian and Russian; :data:`HEDGE` finds them as the flat pattern
#: ``\b(?:english)\b|(?<!\w)(?:cyrillic)(?!\w)`` would, as a letter trie (2x faster)
HEDGE_WORDS = (
    r"(?:if|unless|whether|would|could|might|possible|possibility|potential|threaten(?:s|ed)?"
    r"\s+to|plan(?:s|ned)?\s+to|ready\s+to|willing(?:ness)?\s+to|not|no|never|ruled\s+out|"
    r"rather\s+than|instead\s+of|avoid|prevent|opportunity\s+to|aims?\s+to|seeks?\s+to|"
    r"wants?\s+to|calls?\s+for|urged?|denied|rejected|refused|fears?\s+of|risk\s+of|"
    r"warned\s+of|hypothetical|postponed|cancell?ed|called\s+off|scheduled|planned|"
    r"expected\s+to|will|next\s+(?:week|month|round)|tomorrow|alerts?|sirens?|denie[sd]|"
    r"rumou?rs?)\b",
    # Ukrainian and Russian: negation, modality, plans, denials, alerts, future rounds
    r"(?:не|ні|ни|нет|немає|якщо|если|б|би|бы|може|можуть|может|могут|могли|"
    r"план\w*|запланован\w*|намір\w*|намерен\w*|має\s+намір|відклал\w*|відкладен\w*|"
    r"отлож\w*|скасова\w*|отмен\w*|буде|будуть|будет|будут|наступн\w*|следующ\w*|"
    r"провести|проведення|проведени\w*|пропону\w*|предлож\w*|запропонува\w*|"
    r"заперечи\w*|заперечу\w*|спростува\w*|опроверг\w*|отрица\w*|чутк\w*|слух\w*|"
    r"загроз\w*|погрожу\w*|угрож\w*|тривог\w*|тревог\w*|завтра|відбудеться|відбудуться|"
    r"состоится|состоятся)(?!\w)",
)
HEDGE = compile_table(HEDGE_WORDS, after="").dense
#: negative words that do not negate: "not far from", "no fewer than", "не менше", "не лише"
HEDGE_IDIOM = re.compile(
    r"(?<!\w)(?:not\s+(?:far|only|long|least|just)|no\s+(?:fewer|less|more|later|sooner|"
    r"longer)|не\s+(?:далеко|менш\w*|мен[ьe]ше|мене[ее]|більш\w*|бол[ьe]е|лише|тільки|только|"
    r"раз|вперше|впервые)|ні\s+разу)(?!\w)")
#: where a hedge's reach begins: a subordinate clause ("No one was hurt when a drone hit")
SUBORDINATE = re.compile(r"\s(?:when|after|as|because|since|before|until|once|коли|бо|"
                         r"після\s+того\s+як|тому\s+що|когда|потому\s+что|"
                         r"после\s+того\s+как)\s")
#: a trigger that describes a person ("a man who had been detained", "якого затримали"):
#: what happened to them before, not an event of the sentence
PERSON_RELATIVE = re.compile(
    r"(?<!\w)(?:(?:who|whom)\s+(?:had\s+|has\s+|have\s+)?(?:been|was|were)\s+(?:\w+ly\s+)?|"
    r"(?:якого|яку|яких|якій|якому|которого|которую|которых|которой|которому)\s+"
    r"(?:раніше\s+|ранее\s+|нещодавно\s+|недавно\s+)?(?:було\s+|был\w*\s+)?)$")
#: a later clause that denies the sentence's report ("but Kyiv denied it", "в ЗСУ це спростовують")
DENIED_LATER = re.compile(
    r"(?<!\w)(?:(?:denied|deny|denies|refuted|rejected|dismissed)\s+(?:it|this|that|the\s+"
    r"(?:claims?|reports?))|(?:це|цю\s+інформацію|ці\s+дані|это|эту\s+информацию|"
    r"эти\s+данные)\s+(?:спростову\w*|спростува\w*|запереч\w*|опроверга\w*|опроверг\w*|"
    r"отрица\w*)|(?:спростову\w*|спростува\w*|запереч\w*|опроверга\w*|опроверг\w*|"
    r"отрица\w*)\s+(?:це|цю|ці|это|эту|эти))(?!\w)")
#: a later clause that says the report could not be checked
UNVERIFIED = re.compile(
    r"(?<!\w)(?:(?:could\s+not|couldn['’]t|cannot|can\s+not|can['’]t)\s+(?:be\s+)?"
    r"(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)|unverified|unconfirmed|"
    r"не\s+(?:вдалося\s+)?(?:підтверд\w*|перевір\w*)|не\s+(?:удалось\s+)?(?:подтверд\w*|"
    r"провер\w*))(?!\w)")
#: a report that names no one who says it ("were reported to have", "нібито"): with a later
#: "could not be verified" it is a rumour (with a belligerent's word it would be its claim)
RUMOUR = re.compile(
    r"(?<!\w)(?:reportedly|allegedly|purportedly|(?:were|was|is|are)\s+reported\s+to|"
    r"said\s+to\s+have|нібито|начебто|ніби|якобы|будто\s+бы|по\s+слухам|за\s+чутками)(?!\w)")
#: a clause that reports its action as absent: "no shelling was recorded", "не зафіксовано"
NEGATED_AFTER = re.compile(
    r"(?<!\w)(?:(?:were|was|have\s+been|has\s+been)\s+not|not\s+(?:been\s+)?(?:recorded|"
    r"reported|confirmed)|не\s+(?:було\s+)?(?:зафіксовано|зафиксировано|зафіксован\w*|"
    r"зафиксирован\w*|зареєстровано|зарегистрировано|відбул\w*|состоял\w*|произошл\w*|"
    r"пройшл\w*|прошл\w*|було|было|"
    r"підтверджено|подтверждено)"
    # the future: "talks will be held", "переговори відбудуться", "переговоры пройдут"
    r"|will|is\s+to\s+be|are\s+to\s+be|to\s+be\s+held|tomorrow|next\s+(?:week|month)|"
    # put off or called off: "talks ... were postponed", "переговори відклали"
    r"postponed|delayed|cancell?ed|called\s+off|put\s+off|suspended|rescheduled|"
    r"scheduled|відкла\w*|перенес\w*|скасова\w*|отлож\w*|отмен\w*|"
    r"завтра|наступного\s+тижня|на\s+следующей\s+неделе|відбудеться|відбудуться|пройде|"
    r"пройдуть|пройдет|пройдут|состоится|состоятся|запланован\w*|планиру\w*|"
    r"заплановано|намечен\w*"
    # how long something has gone on ("entered its second week", "третью неделю"): a summary
    r"|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+(?:week|month)|"
    r"(?:другий|другу|третій|третю|четвертий|второй|вторую|третью|четвертую|\d+-?\w*)\s+"
    r"(?:тиждень|неделю|місяць|месяц))(?!\w)")
#: a preposition of direction or origin before a place: the action is not there
#: ("advancing towards Prymorske", "з боку Курської області", "со стороны Приморского")
AWAY = re.compile(r"(?<!\w)(?:towards?|to|from|via|through|past|з\s+боку|з|із|від|до|"
                  r"у\s+напрямку|в\s+напрямку|в\s+направлении|со\s+стороны|из|от|к)\s+"
                  r"(?:the\s+)?$")
#: where ground is cleared of the enemy ("cleared infiltrators from X", "вибили з X")
FROM = re.compile(r"(?<!\w)(?:from|out\s+of|з|із|из)\s+(?:the\s+)?$")
#: a name followed by one of these is a river, not the settlement of the same name
RIVER_AFTER = re.compile(r"\s*(?:river|річк\w*|рік[аиу]|реки|река|реку)(?!\w)")
#: "the strike", "this attack": a report of an event already told, never a new one
DEFINITE = re.compile(r"(?:\b(?:the|this|that|these|those)\s+(?:\w+\s+)?)$")
#: a place that qualifies people ("officials in Kyiv"), not where the action was
ATTRIBUTE = re.compile(
    r"(?:\b(?:officials?|authorities|governor|mayor|administration|residents|head|police|"
    r"prosecutors?|leaders?|government|ministry|spokesm[ae]n|spokeswoman|media)\s+(?:in|of)\s+"
    r"(?:the\s+)?)$")
#: "the Pokrovsk direction", "на Покровському напрямку": a sector, used only when the sentence
#: names no other place
DIRECTION_AFTER = re.compile(r"\s*(?:direction|axis|sector|front|напрям\w*|направлени\w*)")
#: a sentence opening with one of these is a condition: its actions did not happen
CONDITIONAL = re.compile(r"^\W*(?:if|unless|should|were|in\s+case|якщо|если|у\s+разі|"
                         r"в\s+случае)(?!\w)")
#: an armed party or a war word: a word such as "hit", "clash", "captured" or "entered" is an act
#: of war only where one is named ("A storm hit Odesa", "Stocks clashed", "The ceasefire
#: entered into force" name none). Nationality adjectives are not enough ("the Ukrainian
#: market"); the weapons of :data:`WEAPONS` count as well.
ARMED = re.compile(
    r"(?<!\w)(?:troops|forces|soldiers|servicem[ae]n|army|armies|military|militaries|"
    r"armed\s+(?:forces|groups?|men|formations?)|"
    r"militants?|insurgents?|rebels?|separatists?|gunmen|fighters|militias?|partisans?|"
    r"infantry|units?|brigades?|battalions?|regiments?|marines|paratroopers|saboteurs?|"
    r"defenders|garrison|захисник\w*|защитник\w*|воїн\w*|воин\w*|гарнізон\w*|гарнизон\w*|"
    r"occupiers|invaders|enemy|russians|ukrainians|kremlin|sbu|fsb|gur|hur|afu|zsu|"
    r"front\s*-?line|defen[cs]e\s+ministry|general\s+staff|"
    r"військ\w*|войск\w*|армі\w*|арми[яиюей]\w*|бійц\w*|боєць|бойовик\w*|боевик\w*|"
    r"солдат\w*|військов\w*|военн\w*|окупант\w*|оккупант\w*|окупац\w*|оккупац\w*|ворог\w*|"
    r"враг\w*|противник\w*|неприятел\w*|зсу|всу|вс\s+рф|рф|підрозділ\w*|подразделени\w*|"
    r"бригад\w*|батальйон\w*|батальон\w*|полк\w*|штурмов\w*|десант\w*|диверс\w*|дрг|"
    r"партизан\w*|росіян\w*|россиян\w*|рашист\w*|сбу|фсб|гур|угрупован\w*|группировк\w*|"
    r"сил\w*\s+оборони|міноборони|минобороны|генштаб\w*|фронт\w*|"
    r"пво|ппо|сили\s+ппо|средств\w*\s+пво)(?!\w)")
#: a belligerent named as a state ("Russia struck Kharkiv", «Росія завдала удару»): an armed
#: party where it acts, so only before the action and not after a preposition ("in Russia")
STATE_AGENT = re.compile(
    r"(?<!\w)(?<!in\s)(?<!of\s)(?<!to\s)(?<!at\s)(?<!on\s)(?<!from\s)(?<!with\s)(?<!and\s)"
    r"(?:russia|ukraine|росія|россия|україна|украина|москва|київ|киев|moscow|kyiv)(?!\w)"
    r"(?!\s+(?:was|were|is|has\s+been|had\s+been|came|була|був|была|был)(?!\w))")
#: an arrest of political weight (ACLED codes those, not the police blotter's)
POLITICAL = re.compile(
    r"(?<!\w)(?:protest\w*|activists?|journalists?|opposition|dissidents?|treason|spy|spies|"
    r"espionage|sabotage|collaborat\w*|security\s+services?|зрад\w*|госизмен\w*|измен\w*|"
    r"шпигун\w*|шпион\w*|колаборант\w*|коллаборант\w*|коригувальник\w*|корректировщик\w*|"
    r"навідник\w*|наводчик\w*|агент\w*|активіст\w*|активист\w*|журналіст\w*|журналист\w*)(?!\w)")
#: people who protest (or gather to): "rallied" and "marched" are a protest only with them
PROTESTING = re.compile(
    r"(?<!\w)(?:protest\w*|demonstrat\w*|people|thousands|hundreds|dozens|crowds?|supporters|"
    r"activists|residents|workers|students|farmers|relatives|families|veterans|women|"
    r"opposition|demand\w*|against|calling\s+for|in\s+support\s+of|slogans|placards|banners|"
    r"chant\w*|протест\w*|вимог\w*|требовани\w*|проти|против|підтримк\w*|поддержк\w*|"
    r"учасник\w*|участник\w*|зібрал\w*|собрал\w*|вийшли|вышли|мітингувальник\w*|"
    r"митингующ\w*|активіст\w*|активист\w*|люд\w*|сотн\w*|тисяч\w*|тысяч\w*|мирн\w+)(?!\w)")
#: the dead or wounded are soldiers: a military target (actor 2 the other side's forces)
_SOLDIERS = (r"(?:soldiers|servicem[ae]n|troops|military\s+personnel|fighters|"
             r"військовослужбовц\w*|военнослужащ\w*|солдат\w*|бійц\w*|бойовик\w*|боевик\w*)")
_HURT = (r"(?:kill\w*|wound\w*|injur\w*|загину\w*|загинул\w*|поранен\w*|поранил\w*|"
         r"погиб\w*|ранен\w*|ранил\w*|убит\w*|убил\w*|ліквідова\w*|ликвидирова\w*)")
MILITARY_VICTIMS = re.compile(
    rf"(?<!\w){_HURT}\s+(?:\S+\s+){{0,3}}?{_SOLDIERS}(?!\w)|"
    rf"(?<!\w){_SOLDIERS}\s+(?:were\s+|was\s+|було\s+|были\s+|был\s+)?{_HURT}")
#: the place is held by Russia as the article tells it ("occupied Melitopol", "the
#: Russian-installed mayor", «окупованого», "ДНР"): no attacker can be inferred from it
OCCUPIED = re.compile(
    r"(?<!\w)(?:occupied|russian-installed|moscow-installed|kremlin-installed|russian-held|"
    r"russian-controlled|separatist|окупован\w*|оккупированн\w*|підконтрольн\w+\s+рф|"
    r"окупаційн\w*|оккупационн\w*|днр|лнр|dpr|lpr|самопроголошен\w*|самопровозглашенн\w*|"
    r"назначенн\w+\s+россией|призначен\w+\s+росією)(?!\w)")
#: a withdrawal: its "from X" is where it happened ("withdrew from Sudzha")
WITHDRAWAL = re.compile(r"withdr|pulled\s+out|retreat|відступ|відійш|отступ|отош|вийшли\s+з|"
                        r"вышли\s+из")
#: "not far from X", "недалеко від X": near X, not away from it
NOT_FAR = re.compile(r"(?<!\w)(?:not\s+far|недалеко|неподалік|неподалеку|не\s+далеко)\s+"
                     r"(?:from|від|от)\s+(?:the\s+)?$")
#: a place that speaks ("Moscow said", "a claim Kyiv made"): a state's word, not a place
SPEAKS_AFTER = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+)?(?:said|says|claimed|claims|made|announced|reported|"
    r"denied|denies|stated|insisted|admitted|confirmed|accused|warned|заяви\w*|сообщи\w*|"
    r"повідоми\w*|стверджу\w*|утвержда\w*|запереч\w*|отрица\w*|признал\w*|визнал\w*|"
    r"підтверди\w*|подтверди\w*|наполяга\w*|настаива\w*|обвинува\w*|обвиня\w*)(?!\w)")
CLAIM_BEFORE = re.compile(r"(?<!\w)(?:claim|statement|announcement|заяв\w*|утверждени\w*)\s+$")
#: a comma-set phrase that says where something lies ("..., 30 km from the Russian border near
#: Kursk", "..., near the border with Belarus"): its places are reference points
APPOSITION = re.compile(
    r",\s*(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|близько\s+|около\s+|"
    r"приблизно\s+|примерно\s+|за\s+|в\s+)?(?:\d+|a\s+few|several|кілька|несколько)\s*"
    r"(?:km|kilomet\w+|miles|км|кілометр\w*|километр\w*)(?!\w)[^,;]*$|"
    r",\s*(?:near|close\s+to|on|along|біля|поблизу|возле|около|вблизи|на)\s+(?:the\s+)?"
    r"[^,;]*(?:border|кордон\w*|границ\w*)[^,;]*$")
#: an attack told as shot down or repelled in its own clause: an interception
DOWNED = re.compile(r"(?<!\w)(?:repelled|repulsed|shot\s+down|intercepted|downed|"
                    r"відбит\w*|відбил\w*|збит\w*|збил\w*|отражен\w*|отразил\w*|"
                    r"сбит\w*|сбил\w*)(?!\w)")
#: a rally of prices, not of people ("stocks rallied", "a rally in oil prices")
MARKET = re.compile(r"(?<!\w)(?:stocks?|shares|prices?|markets?|index|indices|bonds?|dollar|"
                    r"euro|currenc\w+|oil|gold|futures|investors|traders)(?!\w)")
#: trigger words that are acts of war by themselves (matched at the trigger's start); the
#: other words of markers that need an armed party ("fighting", "clashes", "mines",
#: "entered", "вибухи") need one named
UNAMBIGUOUS = re.compile(
    r"armed\s+clash|heavy\s+fighting|firefight|gun\s*battle|skirmish|battles?\s+for|"
    r"landmine|anti-|improvised|ieds?\b|roadside|car\s+bomb|liberated|recaptured|retook|"
    r"infiltrat|counter-?attack|offensive|"
    r"звільни|звільнен|освобо|окупува|штурм|контратак|бойов\w+\s+зіткнен|боев\w+\s+столкновен|"
    r"вибухов\w+\s+пристр|взрывн\w+\s+устройств")
#: words of statecraft: a meeting, visit or conference is diplomacy only with them, a country
#: or a side named, or in war news ("the school board's meeting" is none)
DIPLOMATIC = re.compile(
    r"(?<!\w)(?:presidents?|prime\s+ministers?|ministers?|chancellors?|secretary\s+of\s+state|"
    r"secretary-general|delegations?|envoys?|diplomats?|diplomatic|ambassadors?|foreign|"
    r"leaders|heads\s+of\s+state|governments?|summit|peace|ceasefire|truce|security\s+council|"
    r"nato|united\s+nations|un|european\s+union|eu|osce|g7|g20|kremlin|white\s+house|"
    r"bilateral|counterparts?|президент\w*|прем['’]?єр\w*|премьер\w*|міністр\w*|министр\w*|"
    r"канцлер\w*|делегац\w*|посл[аиоу]\w*|посол|дипломат\w*|уряд\w*|правительств\w*|"
    r"кремл\w*|саміт\w*|саммит\w*|мирн\w*|перемир\w*|двосторон\w*|двусторон\w*|"
    r"генсек\w*|оон|нато|єс|ес)(?!\w)")
