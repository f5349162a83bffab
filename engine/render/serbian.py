"""Serbian Latin script to Cyrillic, for reports in `sr-Cyrl`.

Serbian is written in both scripts with a one-to-one correspondence (Vuk's alphabet and Gaj's Latin
alphabet): each Cyrillic letter is one Latin letter or one of the digraphs lj, nj, dž. The catalogues
and rule texts are written in Latin; a Cyrillic report transliterates them when it words them, never
the data inside them (course codes, file names, numbers).
Left in Latin: {placeholders}, words with a digit, foreign acronyms (ECTS, ISCED...), names written with
an underscore, a dot or a slash inside (non_credit, year.share, docs/grades.md) and foreign words and
quotations a rule text puts in «guillemets» («may not be lower than»). Known limit of
any mechanical transliteration: the rare words where n+j or d+ž meet across a prefix (e.g. "injekcija")
are written with the digraph's letter.
"""
from __future__ import annotations

import re

_DIGRAPHS = {"lj": "љ", "nj": "њ", "dž": "џ", "Lj": "Љ", "LJ": "Љ", "Nj": "Њ", "NJ": "Њ", "Dž": "Џ", "DŽ": "Џ"}
_LETTERS = dict(zip("abvgdđežzijklmnoprstćufhcčš", "абвгдђежзијклмнопрстћуфхцчш"))
_LETTERS.update({k.upper(): v.upper() for k, v in _LETTERS.items()})
# foreign acronyms a Serbian text keeps in Latin (ESPB, a Serbian one, is transliterated: ЕСПБ)
KEEP = frozenset({"ECTS", "ISCED", "ISCED-F", "ELMO", "EWP", "OLA", "SHA-256", "PDF", "HTML", "JSON", "CSV", "URL",
                  "EU", "ects", "YAML", "XML", "SCHAC", "NaN", "Infinity"})
_TOKEN = re.compile(r"\{[^{}]*\}|«[^«»]*»|[^\W\d_]\w*(?:[._/]\w+)+|[^\W\d_]*\d[\w.-]*|(?:Lj|LJ|lj|Nj|NJ|nj|Dž|DŽ|dž)|[A-Za-zĐđŽžČčĆćŠš]+(?:-[A-Za-z]+)?|.",
                    re.DOTALL)


def _word(token: str) -> str:
    if token in KEEP or token.startswith(("{", "«")) or any(ch.isdigit() or ch in "_./" for ch in token):
        return token
    head, dash, tail = token.partition("-")
    if dash and head in KEEP:  # a declined acronym: ECTS-u -> ECTS-у
        return head + dash + _word(tail)
    out, i = [], 0
    while i < len(token):
        pair = token[i:i + 2]
        if pair in _DIGRAPHS:
            out.append(_DIGRAPHS[pair])
            i += 2
            continue
        out.append(_LETTERS.get(token[i], token[i]))
        i += 1
    return "".join(out)


def to_cyrillic(text: str) -> str:
    """Serbian Latin text in Cyrillic: 'Ljubljana' -> 'Љубљана', 'ESPB bodova' -> 'ЕСПБ бодова';
    placeholders, codes with digits and foreign acronyms unchanged."""
    return "".join(_word(m.group(0)) for m in _TOKEN.finditer(text))


__all__ = ["to_cyrillic", "KEEP"]
