"""The problems a rule set's files can have, as catalogue entries (engine.semantics.reasons): their English
sentence is the one the rule-set loader always printed; a command run with `--lang` words them in the
reader's language. Names, codes and file positions stay as written."""
from __future__ import annotations

from engine.errors import suggestion
from engine.semantics.reasons import Reason, because, plain

NOT_A_REGULAR_FILE = because("rules.not_a_file", "is not a regular file")
NO_RULE_FILES = because("rules.no_rule_files", "folder holds no *.rules files")
NO_RULESET_DECLARATION = because("rules.no_declaration", "no file in this folder declares 'ruleset NAME'")
EXTENDS_ITSELF = because("rules.extends_itself", "a rule set cannot extend itself")


def second_declaration(first) -> Reason:
    return because("rules.second_declaration", "a second 'ruleset' declaration (the first is at {first})",
                   first=str(first))


def extends_cycle(cycle: str) -> Reason:
    return because("rules.extends_cycle", "'extends' makes a cycle: {cycle}", cycle=cycle)


def extends_unknown(why) -> Reason:
    return because("rules.extends_unknown", "extends an unknown rule set: {why}", why=why)


def exception_to_unknown(name: str, rules) -> Reason:
    return because("rules.exception_to_unknown", "exception to an unknown rule '{name}'{hint}", name=name,
                   hint=suggestion(name, rules))


def drops_unknown(name: str, dropped, rules) -> Reason:
    hint = because("rules.already_dropped", " (it is already dropped)") if name in dropped else suggestion(name, rules)
    return because("rules.drops_unknown", "drops an unknown rule '{name}'{hint}", name=name, hint=hint)


def cites_unknown(source: str, sources) -> Reason:
    return because("rules.cites_unknown", "cites an unknown source '{source}'{hint}", source=source,
                   hint=suggestion(source, sources))


def parameter_without_citation(name: str) -> Reason:
    return because("rules.parameter_no_citation", "parameter '{name}' has no citation: say where its value comes "
                   "from with cite SOURCE \"article\"", name=name)


def rule_without(name: str, what: str) -> Reason:
    """A rule that lacks its citation, 'require' clause, severity or title."""
    if what == "citation":
        return because("rules.rule_no_citation", "rule '{name}' has no citation: say which article it encodes with "
                       "cite SOURCE \"article\"", name=name)
    if what == "require":
        return because("rules.rule_no_require", "rule '{name}' has no 'require' clause", name=name)
    if what == "severity":
        return because("rules.rule_no_severity", "rule '{name}' has no severity (error, warning or info)", name=name)
    return because("rules.rule_no_title", "rule '{name}' has no title", name=name)


def unknown_name(name: str, names) -> Reason:
    return because("rules.unknown_name", "unknown name '{name}'{hint}", name=name, hint=suggestion(name, names))


def no_such_field(type_name: str, name: str, fields) -> Reason:
    return because("rules.no_field", "{type} has no field '{name}'{hint}", type=type_name, name=name,
                   hint=suggestion(name, fields))


# ---- declarations given twice or in conflict (composition of a rule set)

def _at_line(line: int) -> Reason:
    return because("rules.at_line", "line {line}", line=str(line))


def source_twice(name: str, first_line: int) -> Reason:
    return because("rules.source_twice", "source '{name}' is declared twice (first at line {line})", name=name,
                   line=str(first_line))


def scale_twice(name: str, first_line: int) -> Reason:
    return because("rules.scale_twice", "scale '{name}' is declared twice (first at line {line})", name=name,
                   line=str(first_line))


def overlapping(what: str, name: str, pos, other_pos) -> Reason:
    """A parameter or rule declared twice for overlapping dates; the other version by its line (in the same
    file) or its file and line."""
    other = _at_line(other_pos.line) if other_pos.file == pos.file else f"{other_pos.file}:{other_pos.line}"
    if what == "parameter":
        return because("rules.parameter_overlapping", "parameter '{name}' is declared twice for overlapping dates (the "
                       "other at {other}); give each version its own 'in force' period", name=name, other=other)
    return because("rules.rule_overlapping", "rule '{name}' is declared twice for overlapping dates (the other at "
                   "{other}); give each version its own 'in force' period", name=name, other=other)


def scale_without_citation(name: str) -> Reason:
    return because("rules.scale_no_citation", "scale '{name}' has no citation: say where it comes from with cite "
                   "SOURCE \"article\"", name=name)


def exception_named_as_rule(name: str) -> Reason:
    return because("rules.exception_named_as_rule", "'{name}' is already the name of a rule; an exception needs a "
                   "name of its own", name=name)


def exception_twice(name: str) -> Reason:
    return because("rules.exception_twice", "exception '{name}' is declared twice", name=name)


def exception_without_when(name: str, rule: str) -> Reason:
    return because("rules.exception_no_when", "exception '{name}' needs a 'when' condition saying where it replaces "
                   "'{rule}'", name=name, rule=rule)


def exception_without_citation(name: str) -> Reason:
    return because("rules.exception_no_citation", "exception '{name}' has no citation: say which article makes the "
                   "exception", name=name)


def needs_override(name: str, origin: str) -> Reason:
    return because("rules.needs_override", "rule '{name}' has the name of a rule of '{origin}'; write 'override rule "
                   "{name}' to replace it, or give this rule a name of its own", name=name, origin=origin)


def overrides_nothing(name: str, rules) -> Reason:
    return because("rules.overrides_nothing", "rule '{name}' says 'override' but no rule set it extends has a rule "
                   "'{name}'{hint}", name=name, hint=suggestion(name, rules))


def exceptions_conflict(other, mine, rule: str, condition: str) -> Reason:
    return because("rules.exceptions_conflict", "exceptions '{other}' (line {line} of {file}) and '{name}' to '{rule}' "
                   "both apply wherever {condition}, and neither says which prevails; narrow one condition so they "
                   "exclude each other, or drop one", other=other.name, line=str(other.pos.line), file=other.pos.file,
                   name=mine.name, rule=rule, condition=condition)


def drops_own_rule(name: str) -> Reason:
    return because("rules.drops_own_rule", "rule '{name}' is declared in this same rule set; delete it instead of "
                   "dropping it", name=name)


def quote_not_in_source_language(lang: str, source: str) -> Reason:
    return because("rules.quote_language", "quote[{lang}] is for the original text of a source in that language; "
                   "source '{source}' does not say 'language {lang}'", lang=lang, source=source)


def not_a_rule_set(why: str) -> Reason:
    return because("rules.not_a_rule_set", "cannot use this as a rule set: {why}", why=plain(why))
