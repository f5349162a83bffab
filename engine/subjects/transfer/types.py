"""What rule files may name about a transfer (root `transfer`); engine.subjects declares the kind.

The fields are read from the views in engine.model.transfer_views; docs/transfers.md lists them.
"""
from __future__ import annotations

from engine.ruleset.types import BOOL, DATE, STRING, ObjectType, enum, list_of, number

CYCLES = ("short", "first", "second", "third")
KINDS = ("academic", "vocational")
_CREDITS = number("credits")


def _signature_fields(t: ObjectType, what: str, prefix: str = "") -> ObjectType:
    """The signature fields shared by the learning agreement (prefix `la_`) and its amendments."""
    for party, who in (("student", "the student"), ("sending", "the sending (home) institution"),
                       ("receiving", "the receiving (host) institution")):
        t.add(f"{prefix}signed_{party}", DATE, f"date {who} signed {what}")
    return (t.add(f"{prefix}all_signed", BOOL, f"all three parties signed {what}")
            .add(f"{prefix}last_signed", DATE, f"date of the last of the three signatures of {what}")
            .add(f"{prefix}unsigned", STRING, f"the parties that have not signed {what}"))


_amendment = _signature_fields(
    ObjectType("Amendment", "a change to the learning agreement during the mobility", describe=lambda a: a.describe()),
    "the change")
(_amendment
 .add("number", number(), "the amendment's position (1, 2, ...)")
 .add("date", DATE, "date the change was proposed")
 .add("reason", STRING, "reason for the change"))

_la_line = ObjectType("LaLine", "a line of Table A (studied abroad) or Table B (recognised at home)",
                      describe=lambda x: x.describe())
(_la_line
 .add("code", STRING, "component code")
 .add("title", STRING, "component title")
 .add("credits", _CREDITS, "ECTS credits")
 .add("term", STRING, "term at the host (Table A)")
 .add("on_transcript", BOOL, "Table A: the component appears on the transcript (matched by code, else title)")
 .add("passed", BOOL, "Table A: the transcript shows it passed")
 .add("absence_reason", STRING, "Table A: why there is no result (transcript, or the recognition's not-recognised list)")
 .add("absence_explained", BOOL, "Table A: an absence reason is given on the transcript or in the recognition")
 .add("recognised_in_full", BOOL, "Table A: not passed, or the recognised home components based on it carry its "
      "credits (components that share home components are taken together)")
 .add("recognition_state", STRING, "Table A: what the recognised home components based on it carry, in words")
 .add("not_recognised_reason", STRING, "Table A: the reason the recognition decision gives for not recognising it"))

_transcript_line = ObjectType("TranscriptLine", "a component on the host's Transcript of Records",
                              describe=lambda x: x.describe())
(_transcript_line
 .add("code", STRING, "component code")
 .add("title", STRING, "component title")
 .add("credits", _CREDITS, "ECTS credits")
 .add("passed", BOOL, "passed (true) or failed (false)")
 .add("grade", STRING, "the grade as written, in the host's scheme")
 .add("ects_grade", enum("A", "B", "C", "D", "E", "FX", "F"), "ECTS grade, if given")
 .add("result_date", DATE, "date of the result")
 .add("absence_reason", STRING, "why there is no result"))

_recognition_line = ObjectType("RecognitionLine", "a home component recognised from transcript components",
                               describe=lambda x: x.describe())
(_recognition_line
 .add("code", STRING, "home component code")
 .add("title", STRING, "home component title")
 .add("credits", _CREDITS, "credits recognised")
 .add("converted_grade", STRING, "the grade after conversion, as written")
 .add("source_count", number(), "number of transcript components it is based on")
 .add("sources_on_transcript", BOOL, "every component it is based on appears on the transcript")
 .add("sources_passed", BOOL, "every component it is based on was passed (false if one failed)")
 .add("sources_state", STRING, "what the transcript says of the components it is based on, in words")
 .add("source_credits_earned", _CREDITS, "credits earned (passed) in the components it is based on")
 .add("within_earned", BOOL, "its credits rest on credits its components earned (lines that share components "
      "are taken together); decided for every possible result of a component whose result is not known")
 .add("earned_state", STRING, "what it claims and what the components it is based on earned, in words"))

_transfer = _signature_fields(
    ObjectType("Transfer", "a credit transfer: a mobility or a programme transfer", describe=lambda t: "transfer"),
    "the learning agreement", prefix="la_")
(_transfer
 .add("id", STRING, "the case's identifier")
 .add("title", STRING, "the case's title")
 .add("kind", enum("mobility", "programme_transfer"), "mobility (study abroad) or programme_transfer")
 .add("home_institution", STRING, "where recognition is decided")
 .add("host_institution", STRING, "where the credits were earned")
 .add("home_country", STRING, "ISO country code of the home side")
 .add("host_country", STRING, "ISO country code of the host side")
 .add("home_cycle", enum(*CYCLES), "cycle of the home (target) programme")
 .add("host_cycle", enum(*CYCLES), "cycle of the host (source) programme")
 .add("home_kind", enum(*KINDS), "type of studies of the home (target) programme")
 .add("host_kind", enum(*KINDS), "type of studies of the host (source) programme")
 .add("home_programme_id", STRING, "id of the home programme")
 .add("host_programme_id", STRING, "id of the host programme")
 .add("agreement_known", BOOL, "the file names an agreement")
 .add("agreement_name", STRING, "name (else id) of the agreement or cooperation programme")
 .add("agreement_approved", BOOL, "the agreement is approved")
 .add("period_start", DATE, "first day of the mobility period")
 .add("period_end", DATE, "last day of the mobility period")
 .add("period_days", number("days"), "length of the period in days, both ends included")
 .add("period_months", number("months"), "length in months: whole calendar months plus leftover days / 30")
 .add("la_known", BOOL, "the file has a learning agreement")
 .add("la_all_signed_before_start", BOOL, "all three parties signed the learning agreement before the period start")
 .add("amendments", list_of("Amendment"), "changes to the learning agreement, in the file's order")
 .add("table_a", list_of("LaLine"), "Table A as it stands after all amendments")
 .add("table_a_initial", list_of("LaLine"), "Table A as first signed")
 .add("table_b", list_of("LaLine"), "Table B as it stands after all amendments")
 .add("table_a_credits", _CREDITS, "total of Table A after amendments")
 .add("table_b_credits", _CREDITS, "total of Table B after amendments")
 .add("table_a_initial_credits", _CREDITS, "total of Table A as first signed")
 .add("table_b_initial_credits", _CREDITS, "total of Table B as first signed")
 .add("table_a_passed_credits", _CREDITS, "credits of the Table A components the transcript shows passed")
 .add("justification", STRING, "the learning agreement's justification (e.g. of a Table A/B difference)")
 .add("transcript_known", BOOL, "the file has a transcript of records")
 .add("transcript", list_of("TranscriptLine"), "the transcript's components")
 .add("transcript_issued", DATE, "date the transcript was issued")
 .add("results_date", DATE, "date the results were published")
 .add("weeks_results_to_transcript", number("weeks"), "weeks from the results to the transcript's issue")
 .add("earned_credits", _CREDITS, "credits of the passed transcript components")
 .add("transcript_credits", _CREDITS, "credits of all transcript components")
 .add("grading_table_known", BOOL, "the transcript gives grade distribution information (table or link)")
 .add("recognition_known", BOOL, "the file records a recognition decision")
 .add("recognition_date", DATE, "date of the recognition decision")
 .add("recognition_lines", list_of("RecognitionLine"), "the recognised home components")
 .add("recognised_credits", _CREDITS, "total credits recognised"))

TRANSFER_TYPES = (_transfer, _amendment, _la_line, _transcript_line, _recognition_line)  # the first is the root
