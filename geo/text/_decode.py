"""Turn bytes of unknown encoding into text, or recognise that they are not text at all.

UTF-8 is tried first (with or without a BOM); byte-order marks select UTF-16/UTF-32;
anything else goes to charset-normalizer on a bounded sample. Decoding never raises:
invalid bytes become U+FFFD.
"""

from __future__ import annotations

import codecs
import re

#: bytes looked at when guessing an encoding (the whole file is decoded afterwards)
SAMPLE = 256 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")


def sniff_encoding(head: bytes) -> str | None:
    """The codec to decode data starting with *head* with, or ``None`` if it is binary or
    its byte-order mark is false (:func:`refusal` says which)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name if _bom_holds(head[len(bom):], bom) else None
    sample = head[:SAMPLE]
    if b"\x00" in sample:
        guess = _guess(sample)
        if guess and guess.replace("-", "_").startswith(("utf_16", "utf_32")):
            return guess
        return None
    utf8 = codecs.getincrementaldecoder("utf-8")("replace").decode(sample, final=False)
    bad = utf8.count("\ufffd")
    if bad == 0:
        return None if _looks_binary(utf8) else "utf-8"
    # Mostly valid UTF-8 with a few corrupt bytes stays UTF-8 (the bad bytes become U+FFFD).
    good_multibyte = len(_NON_ASCII.findall(utf8)) - bad
    if good_multibyte >= 4 * bad:
        return "utf-8"
    guess = _guess(sample)
    if guess is None:
        return None if bad * 10 > len(utf8) else "utf-8"
    text = sample.decode(guess, "replace")
    return None if _looks_binary(text) else guess


def refusal(head: bytes) -> str:
    """Why data starting with *head* is not read as text (after :func:`sniff_encoding`
    returned ``None``), for the one-line report."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            if name != "utf-8-sig" and not _bom_holds(head[len(bom):], bom):
                return (f"a {_BOM_NAMES[bom]} byte-order mark, but the bytes after it are "
                        f"not {_BOM_NAMES[bom]}: save it again as UTF-8")
            break
    return "binary content"


_BOM_NAMES = {codecs.BOM_UTF32_LE: "UTF-32 LE", codecs.BOM_UTF32_BE: "UTF-32 BE",
              codecs.BOM_UTF8: "UTF-8", codecs.BOM_UTF16_LE: "UTF-16 LE",
              codecs.BOM_UTF16_BE: "UTF-16 BE"}
_BOM_CODECS = {codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be",
               codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
# C0 controls but tab, newline, form feed and carriage return: UTF-16 or UTF-32 of any text in
# Latin or Cyrillic letters has them (the zero or 0x04 byte of each letter)
_ANY_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _bom_holds(rest: bytes, bom: bytes) -> bool:
    """Whether the bytes after a UTF-16/UTF-32 byte-order mark are text in that encoding.

    Two bytes FF FE before UTF-8 or ASCII text (a mark pasted on, a file cut and joined) make
    every pair of letters one CJK character: the file decodes "cleanly" into nonsense. Such
    bytes are valid UTF-8 without a control character, which UTF-16 or UTF-32 of a Latin or
    Cyrillic text never is, and a decoder of the marked encoding may fail on them too.
    """
    codec = _BOM_CODECS.get(bom)
    if codec is None or not rest:
        return True
    sample = rest[:SAMPLE]
    try:
        codecs.getincrementaldecoder(codec)("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    try:
        as_utf8 = codecs.getincrementaldecoder("utf-8")("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return True
    return _ANY_CONTROL.search(as_utf8) is not None


def decode(data: bytes) -> str | None:
    """Decode a whole file's bytes; ``None`` if they are binary. Never raises."""
    encoding = sniff_encoding(data)
    if encoding is None:
        return None
    text = data.decode(encoding, "replace")
    return text[1:] if text.startswith("\ufeff") else text


# Encodings news text actually comes in, most likely first. charset-normalizer often ranks a
# rare cousin first on short samples (mac_cyrillic for cp1251, cp1250 for cp1252); among
# candidates that decode about as cleanly, the more common encoding wins.
_PREFERRED = (
    "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "cp1252", "cp1251",
    "koi8_u", "koi8_r", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "iso8859_5", "cp1257",
    "cp1253", "cp1254", "gb18030", "gbk", "big5", "shift_jis", "euc_jp", "euc_kr", "cp1256",
    "cp1255",
)
_RANK = {name: i for i, name in enumerate(_PREFERRED)}


def _guess(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample))
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= best_chaos + 0.02]
    ranked = [m for m in close if m.encoding in _RANK]
    if ranked:
        return min(ranked, key=lambda m: _RANK[m.encoding]).encoding
    return matches[0].encoding


def _looks_binary(text: str) -> bool:
    head = text[:65536]
    if not head:
        return False
    controls = len(_CONTROLS.findall(head))
    return controls * 20 > len(head)
