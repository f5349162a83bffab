"""Rule expressions in words: `term.credits >= semester_credits` -> 'the credits of the term (29 credits)
is at least 30 credits', in the report's language.

The words come from the field catalogues reports/i18n/fields.<lang>.yaml: every field of every subject
type as a noun phrase (`fields`; `{of}` in it places the owner, before a relative clause), the object it
belongs to (`of`), yes/no fields as sentences (`is`, `is_not`), and the operators, aggregates and phrases
(`words`). A language whose arithmetic operators govern a case gives the field's form in that case for the
operand after them (`operand_case`: operator -> case; and under the case's name: field -> phrase; Serbian 'podeljeno sa'
takes the instrumental, Greek 'επί', 'διά' the accusative); a field without that form keeps its `fields` one. Built from the expression itself, so a user's own rules are explained too; a name
the catalogue does not know is kept as written. The rule language stays in the trace (StepText.expr).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Mapping

from engine.dsl import ast
from engine.dsl.known import known
from engine.dsl.parser import parse_expression
from engine.errors import RuleSetError
from engine.ruleset.compose import bundled_reports_dir
from engine.subjects.kinds import OBJECT_TYPES, ROOTS
from .i18n import base_language, in_script, read_catalogue

# loop and scope variable names that name a subject type (the bundled rules' names; others are looked up
# by their field)
_VARS = {"year": "Year", "term": "Term", "course": "Course", "c": "Course", "amendment": "Amendment",
         "change": "Amendment", "group": "ReferenceGroup", "g": "CohortGrade", "row": "GradingTableRow",
         "total": "PrintedTotal"}
# what the engine's own checks read, which no rule reads (a waiver's trace: engine.evaluation.waivers): their words
# are in the field catalogues beside the subject types'
ENGINE_FIELDS = {"Waiver": ("rule", "rule_in_rule_set", "subject", "reference", "starts", "valid_until", "findings",
                            "failed_findings", "undecided_findings"),
                 "Audit": ("date",)}
_VARS.update({"waiver": "Waiver", "audit": "Audit"})


_PARTS = ("of", "nouns", "fields", "words", "is", "is_not", "unknown")


@lru_cache(maxsize=None)
def field_catalogue(lang: str) -> dict[str, Any]:
    """The field catalogue of `lang` ({"of", "fields", "words", ..., "cases"}), in its script; English where it
    lacks one."""
    base = base_language(lang)
    path = bundled_reports_dir() / "i18n" / f"fields.{base}.yaml"
    if not path.is_file():
        return field_catalogue("en") if base != "en" else {**{part: {} for part in _PARTS}, "operand_case": {}, "cases": {}}
    data = read_catalogue(path)
    out: dict[str, Any] = {part: {str(k): in_script(lang, str(v)) for k, v in (data.get(part) or {}).items()}
                           for part in _PARTS}
    out["operand_case"] = {str(k): str(v) for k, v in (data.get("operand_case") or {}).items()}  # names, not words
    out["cases"] = {case: {str(k): in_script(lang, str(v)) for k, v in (data.get(case) or {}).items()}
                    for case in set(out["operand_case"].values())}
    return out


@lru_cache(maxsize=4096)
def _parsed(text: str) -> ast.Expr | None:
    """The tree of an expression's text: a rule file's own when it has that text (engine.dsl.known), or parsed."""
    tree = known(text)
    if tree is not None:
        return tree
    try:
        return parse_expression(text)
    except RuleSetError:
        return None


def expression_tree(text: str) -> ast.Expr | None:
    """The tree of an expression of the rule language (None when the text is not one)."""
    return _parsed(text)


def _type_of_field(type_name: str | None, attr: str) -> str | None:
    """The object type a field holds (its item type for a list), or None."""
    t = OBJECT_TYPES.get(type_name or "")
    f = t.fields.get(attr) if t else None
    return f.type.name if f is not None and f.type.kind in ("object", "list") else None


class Sentences:
    """Expressions of the rule language in words of one language."""

    def __init__(self, lang: str, value: Callable[[Any, str | None], str]):
        cat = field_catalogue(lang)
        en = field_catalogue("en")
        self.of = {**en["of"], **cat["of"]}
        self.fields = {**en["fields"], **cat["fields"]}
        self.words = {**en["words"], **cat["words"]}
        self.nouns = {**en["nouns"], **cat["nouns"]}
        self.holds = (cat["is"], cat["is_not"])  # yes/no fields as sentences, in this language only
        self.operand_case, self.cases = cat["operand_case"], cat["cases"]  # this language's own, no English fallback
        self.unknowns = cat["unknown"]  # 'unknown' agreeing with a field's noun (Greek 'άγνωστος' for the code)
        self.value = value  # a value (with its unit) in words, from engine.render.wording

    def expr(self, text: str, values: Mapping[str, str] | None = None, condition: bool = True) -> str | None:
        """`text` (an expression of the rule language) in words, each value read shown beside its name;
        None when the text is not an expression. A value read (`condition` false) names its field, a yes/no
        field by the sentence of its holding where the catalogue has one ('the programme is integrated studies',
        shown '= yes' or '= no'); a condition says it ('the programme is not integrated studies')."""
        if not values:  # the same words each time: remembered
            return _bare(self, text, condition)
        shown = tuple(values.items())  # the words depend on the values read only: remembered by them too
        try:
            hash(shown)
        except TypeError:  # a value that cannot key the cache
            return self._expr(text, values, condition)
        return _shown(self, text, shown, condition)

    def _expr(self, text: str, values: Mapping[str, str] | None, condition: bool) -> str | None:
        e = _parsed(text)
        if e is None:
            return None
        if isinstance(e, ast.Path) and not condition:
            return self._predicate(e, {}, False) or self._path(e, {})
        return self._words(e, dict(values or {}), {}, True)

    def tree_words(self, e: ast.Expr, values: Mapping[str, str] | None = None) -> str:
        """A parsed expression in words (as `expr` words a condition), each value read shown beside its name."""
        return self._words(e, dict(values or {}), {}, True)

    def predicate(self, p: ast.Path, negated: bool = False) -> str | None:
        """A yes/no field as a sentence ('the transfer has no recognition decision'), where the catalogue has one."""
        return self._predicate(p, {}, negated)

    def unknown(self, text: str) -> str | None:
        """The word for an unknown value of the field `text` names, where the catalogue gives one agreeing with
        the field's noun ('κωδικός άγνωστος', 'šifra nepoznata'); None: the language's plain word."""
        if not self.unknowns:
            return None
        e = _parsed(text)
        if not isinstance(e, ast.Path) or len(e.parts) != 2:
            return None
        owner = self._var_type(e.parts[0], {}) or next(
            (t for t in OBJECT_TYPES if f"{t}.{e.parts[1]}" in self.unknowns), None)
        return self.unknowns.get(f"{owner}.{e.parts[1]}")

    def path(self, text: str) -> str:
        """A path such as `term.credits` in words ('the credits of the term')."""
        e = _parsed(text)
        return self._path(e, {}) if isinstance(e, ast.Path) else text

    def noun(self, var: str) -> str:
        """A scope variable (`course`) as the kind of thing it names ('course', 'μάθημα')."""
        t = self._var_type(var, {})
        return self.nouns.get(t or "", self.words["item"])

    def field_list(self, text: str) -> str | None:
        """'lecturer, learning outcomes' (fields of a course, as a view lists them) in words; None if it is not one."""
        names = [n.strip().replace(" ", "_") for n in text.split(",")]
        phrases = [self.fields.get(f"Course.{n}") for n in names]
        return ", ".join(phrases) if all(phrases) and names else None

    # ---- the walk
    def _words(self, e: ast.Expr, values: dict[str, str], scope: dict[str, str], top: bool = False) -> str:
        w = self.words
        match e:
            case ast.Path() if self._predicate(e, scope, False):
                return self._predicate(e, scope, False)
            case ast.Not() if isinstance(e.operand, ast.Path) and self._predicate(e.operand, scope, True):
                return self._predicate(e.operand, scope, True)
            case ast.Path():
                shown = values.get(e.text)
                if self._is_param(e, scope):  # a parameter: its value when read, else its name
                    return shown if shown is not None else self._path(e, scope)
                named = self._path(e, scope)
                return named if shown is None else f"{named} ({shown})"
            case ast.Num():
                return self.value(e.value, e.unit)
            case ast.SpanLit():
                return w["between"].format(x="", low=self.value(e.low, None), high=self.value(e.high, e.unit)).strip()
            case ast.Str():
                return self.value(e.value, None)
            case ast.Bool():
                return self.value(e.value, None)
            case ast.SetExpr():
                return f" {w['or']} ".join(self._words(i, values, scope) for i in e.items)  # 'one of 2 or 3'
            case ast.Compare():
                if isinstance(e.right, ast.SpanLit) and e.op in ("==", "!="):
                    return w["between" if e.op == "==" else "not_between"].format(
                        x=self._words(e.left, values, scope), low=self.value(e.right.low, None),
                        high=self.value(e.right.high, e.right.unit))
                return f"{self._words(e.left, values, scope)} {w.get(e.op, e.op)} {self._words(e.right, values, scope)}"
            case ast.In():
                return w["not_in" if e.negated else "in"].format(x=self._words(e.left, values, scope),
                                                                 items=self._words(e.right, values, scope))
            case ast.IsKnown():
                return w["missing" if e.negated else "known"].format(x=self._words(e.operand, values, scope))
            case ast.IsWhole():
                return w["whole"].format(x=self._words(e.operand, values, scope))
            case ast.Not():
                return w["not"].format(x=self._words(e.operand, values, scope, True))
            case ast.Neg():
                return w["negative"].format(x=self._words(e.operand, values, scope))
            case ast.BoolOp():
                text = f" {w.get(e.op, e.op)} ".join(self._words(i, values, scope) for i in e.items)
                return text if top else f"({text})"
            case ast.Arith():
                right = self._operand(e.right, values, scope, self.operand_case.get(e.op))
                return f"({self._words(e.left, values, scope)} {w.get(e.op, e.op)} {right})"
            case ast.Aggregate():
                inner = {**scope, e.var: self._collection_type(e.collection, scope) or ""}
                items = self._items(e.collection, e.where, values, inner, scope)
                return w.get(e.fn, e.fn + " {body} {items}").format(body=self._words(e.body, values, inner, True),
                                                                   items=items)
            case ast.Count():
                inner = {**scope, e.var: self._collection_type(e.collection, scope) or ""} if e.var else scope
                return w["count"].format(items=self._items(e.collection, e.where, values, inner, scope))
        return getattr(e, "text", None) or type(e).__name__

    def _operand(self, e: ast.Expr, values: dict[str, str], scope: dict[str, str], case: str | None) -> str:
        """The operand after an arithmetic operator: a field in the case the operator governs, where the catalogue
        gives that form."""
        if case is None or not isinstance(e, ast.Path) or self._is_param(e, scope):
            return self._words(e, values, scope)
        named, shown = self._path(e, scope, case), values.get(e.text)
        return named if shown is None else f"{named} ({shown})"

    def _items(self, collection: ast.Path, where: ast.Expr | None, values, inner, scope) -> str:
        items = self._path(collection, scope)
        if where is None:
            return items
        return self.words["where"].format(items=items, cond=self._words(where, values, inner, True))

    def _predicate(self, p: ast.Path, scope: dict[str, str], negated: bool) -> str | None:
        """A yes/no field as a sentence ('the programme is not integrated studies'), where the catalogue has one."""
        if len(p.parts) != 2:
            return None
        owner = self._var_type(p.parts[0], scope) or next(  # a variable the catalogue cannot type: as in _path
            (t for t in OBJECT_TYPES if f"{t}.{p.parts[1]}" in self.fields), None)
        return self.holds[negated].get(f"{owner}.{p.parts[1]}")

    def _is_param(self, p: ast.Path, scope: dict[str, str]) -> bool:
        return len(p.parts) == 1 and self._var_type(p.parts[0], scope) is None and p.parts[0] not in scope

    def _var_type(self, var: str, scope: dict[str, str]) -> str | None:
        if scope.get(var):
            return scope[var]
        return ROOTS.get(var) or _VARS.get(var)

    def _collection_type(self, p: ast.Path, scope: dict[str, str]) -> str | None:
        t = self._var_type(p.parts[0], scope)
        for attr in p.parts[1:]:
            t = _type_of_field(t, attr)
        return t

    def _path(self, p: ast.Path, scope: dict[str, str], case: str | None = None) -> str:
        """'the credits of the term'; a name the catalogue lacks stays as written. `case`: the form of the field
        in that grammatical case, where the catalogue gives one."""
        owner = self._var_type(p.parts[0], scope)
        if len(p.parts) == 1:  # a parameter, or a variable on its own
            return self.words["param"].format(name=p.text) if self._is_param(p, scope) else p.text
        words = []
        for i, attr in enumerate(p.parts[1:], 2):
            typed = owner is not None
            if not typed:  # a variable the catalogue cannot type: the field's words of the first type that has it
                owner = next((t for t in OBJECT_TYPES if f"{t}.{attr}" in self.fields), None)
            phrase = self.fields.get(f"{owner}.{attr}")
            if case is not None and i == len(p.parts):  # the field named (the last of the path)
                phrase = self.cases.get(case, {}).get(f"{owner}.{attr}", phrase)
            if phrase is None:
                return p.text
            words.append((phrase, self.of.get(owner or "", "") if typed else ""))
            owner = _type_of_field(owner, attr)
        phrase, of = words[-1]  # a nested path (line.sources...) is named by its last field
        if "{of}" in phrase:  # the phrase places its owner itself ('the credits {of} that were earned')
            return " ".join(phrase.format(of=of).split())
        return self.words["field"].format(field=phrase, of=of).strip()


@lru_cache(maxsize=4096)
def _shown(sentences: Sentences, text: str, values: tuple, condition: bool) -> str | None:
    """An expression in words with the values read beside it (`values`: (expr, words) pairs), remembered
    (bounded): a batch words the same requirement on the same values many times."""
    return sentences._expr(text, dict(values), condition)


@lru_cache(maxsize=4096)
def _bare(sentences: Sentences, text: str, condition: bool) -> str | None:
    """An expression in words without values read beside it, remembered (bounded; a Sentences holds no cache)."""
    return sentences._expr(text, None, condition)


__all__ = ["Sentences", "expression_tree", "field_catalogue"]
