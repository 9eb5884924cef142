"""Trigger phrases per event type and sub-event type (ACLED's, plus Diplomacy).

Order matters: one combined pattern tries them in this order at each position, so specific
phrases ("drone strike", "Security Council meeting") come before general ones ("strike",
"meeting"). Sub-event types follow ACLED's codebook; Diplomacy's are geo's own.
"""

from __future__ import annotations

import re

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
DIPLOMACY = "Diplomacy"

#: sub-event types a capture verb becomes, depending on who captured and from whom
CAPTURE = "capture"  # resolved by the extractor
REGAIN = "regain"

#: (pattern, event type, sub-event type)
TRIGGERS: tuple[tuple[str, str, str], ...] = (
    # Diplomacy first where its phrases contain a violent word ("security")
    (r"(?:un\s+|un\s+security\s+)?security\s+council\s+(?:meeting|session|talks)",
     DIPLOMACY, "Meeting"),
    (r"summits?", DIPLOMACY, "Summit"),
    (r"peace\s+talks|held\s+talks|talks|negotiations|negotiated|negotiating",
     DIPLOMACY, "Talks/negotiations"),
    (r"meetings?|met\s+with", DIPLOMACY, "Meeting"),
    (r"(?:state\s+|official\s+)?visit(?:ed|ing)?|arrived\s+in", DIPLOMACY, "Visit"),
    (r"(?:peace\s+|security\s+)?conference", DIPLOMACY, "Conference"),
    # Strategic developments
    (r"concentration\s+of\s+(?:\w+\s+){0,2}?(?:troops|forces|soldiers|units|equipment)|"
     r"troop\s+(?:concentration|build-?up|buildup|deployment|movements?)|"
     r"(?:military\s+)?build-?up|massing\s+of|massed|amassed|amassing|"
     r"(?:re)?deployed|(?:re)?deployment\s+of|sent\s+(?:\S+\s+){0,3}?(?:troops|soldiers|forces)|"
     r"stationed|pulled\s+back|withdrew|withdrawal\s+of", STRATEGIC, "Change to group/activity"),
    (r"looted|looting|ransacked|plundered", STRATEGIC, "Looting/property destruction"),
    (r"arrested|arrests?|detained|detention\s+of", STRATEGIC, "Arrests"),
    (r"signed\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:agreement|deal|accord|treaty|memorandum)|"
     r"agreed\s+(?:on\s+|to\s+)?(?:a\s+)?(?:ceasefire|truce|prisoner\s+exchange)|"
     r"prisoner\s+(?:exchange|swap)|ceasefire\s+(?:agreement|deal)", STRATEGIC, "Agreement"),
    # Explosions/Remote violence
    (r"suicide\s+(?:bomb(?:ing|er)?s?|attack)", EXPLOSIONS, "Suicide bomb"),
    (r"(?:air|drone|aerial|missile\s+and\s+drone)\s*strikes?|airstrikes?|air\s+raids?|"
     r"drone\s+attacks?|kamikaze\s+drones?|shahed(?:s|\s+drones?)?|glide\s+bombs?|bombed|"
     r"bombing\s+raids?|(?:guided\s+)?aerial\s+bombs?", EXPLOSIONS, "Air/drone strike"),
    (r"shelling|shelled|artillery\s+(?:fire|strikes?|attacks?)|mortar\s+(?:fire|attacks?)|"
     r"missile\s+(?:strikes?|attacks?)|rocket\s+(?:fire|strikes?|attacks?)|"
     r"(?:ballistic|cruise)\s+missiles?|bombardment|bombarded|struck\s+by\s+missiles?",
     EXPLOSIONS, "Shelling/artillery/missile attack"),
    (r"landmines?|roadside\s+bombs?|car\s+bombs?|improvised\s+explosive\s+devices?|ieds?|"
     r"explosions?|exploded|blasts?", EXPLOSIONS, "Remote explosive/landmine/IED"),
    # Battles
    (r"armed\s+clash(?:es)?|heavy\s+fighting|fighting|clash(?:es|ed)?|firefights?|"
     r"gun\s*battles?|skirmish(?:es)?|attacked\s+(?:\w+\s+)?positions|"
     r"assault(?:s|ed)?\s+on|stormed|offensive\s+(?:on|against|near|towards?)|"
     r"repelled|repulsed", BATTLES, "Armed clash"),
    (r"recaptured|retook|regained\s+control|liberated|took\s+back", BATTLES, REGAIN),
    (r"captured|seized|took\s+control|taken\s+control|overran|occupied\s+the", BATTLES, CAPTURE),
    # Violence against civilians
    (r"abducted|kidnapped|abduction", VIOLENCE, "Abduction/forced disappearance"),
    (r"raped|sexual\s+violence", VIOLENCE, "Sexual violence"),
    (r"massacred?|executed|(?:killed|shot|murdered)\s+(?:\S+\s+){0,2}?(?:civilians|villagers|"
     r"residents|unarmed)", VIOLENCE, "Attack"),
    # Riots before Protests: a violent demonstration is a riot
    (r"riots?|rioting|rioters|mob\s+(?:violence|attack)|lynched", RIOTS, "Mob violence"),
    (r"protests?|protested|protesters|protestors|demonstrations?|demonstrators|rall(?:y|ies)|"
     r"marched|sit-ins?|vigils?|strikers|walkout", PROTESTS, "Peaceful protest"),
)

#: words that make a protest one with intervention, or a violent demonstration
INTERVENTION = re.compile(r"\b(?:tear\s*gas|water\s+cannons?|dispersed|rubber\s+bullets|"
                          r"police\s+(?:detained|arrested|broke\s+up)|detained|arrested|"
                          r"riot\s+police)\b", re.IGNORECASE)
VIOLENT = re.compile(r"\b(?:threw\s+(?:stones|rocks|molotov)|set\s+fire|torched|smashed|"
                     r"clashed\s+with\s+(?:police|security)|burned\s+(?:cars|tyres|tires))\b",
                     re.IGNORECASE)
EXCESSIVE = re.compile(r"\b(?:opened\s+fire\s+on|shot\s+(?:dead\s+)?(?:at\s+)?)(?:\w+\s+){0,2}"
                       r"(?:protesters|demonstrators|protestors)\b", re.IGNORECASE)

#: a combined, case-insensitive pattern; group ``t<i>`` is TRIGGERS[i]. The look-behind and
#: first-letter look-ahead reject most positions before trying the alternatives (2x faster).
PATTERN = re.compile(r"(?<!\w)(?=[a-w])(?:" + "|".join(
    rf"(?P<t{i}>{p})" for i, (p, _, _) in enumerate(TRIGGERS)) + r")\b", re.IGNORECASE)

#: words that make an action hypothetical or denied when they come before it in its clause
HEDGE = re.compile(
    r"\b(?:if|unless|whether|would|could|might|possible|possibility|potential|threaten(?:s|ed)?"
    r"\s+to|plan(?:s|ned)?\s+to|ready\s+to|willing(?:ness)?\s+to|not|no|never|ruled\s+out|"
    r"rather\s+than|instead\s+of|avoid|prevent|opportunity\s+to|aims?\s+to|seeks?\s+to|"
    r"wants?\s+to|calls?\s+for|urged?|denied|rejected|refused|fears?\s+of|risk\s+of|"
    r"warned\s+of|hypothetical)\b", re.IGNORECASE)
#: a sentence opening with one of these is a condition: its actions did not happen
CONDITIONAL = re.compile(r"^\W*(?:if|unless|should|were|in\s+case)\b", re.IGNORECASE)
