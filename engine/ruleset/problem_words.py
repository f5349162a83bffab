"""The problems a rule set's files can have, as catalogue entries (engine.semantics.reasons): their English
sentence is the one the rule-set loader always printed; a command run with `--lang` words them in the
reader's language. Names, codes and file positions stay as written."""
from __future__ import annotations

from engine.errors import suggestion
from engine.semantics.reasons import Reason, because

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
