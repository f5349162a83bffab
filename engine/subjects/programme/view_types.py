"""What rule files may name of a programme: its object types, fields, units and descriptions."""
from __future__ import annotations

from engine.ruleset.types import BOOL, STRING, ObjectType, enum, list_of, number
from engine.subjects.programme.course_view import INFO_FIELDS
from engine.subjects.programme.printed_totals import PRINTED_TOTAL_TYPE

CYCLES = ("short", "first", "second", "third")

_CREDITS = number("credits")
_HOURS = number("hours")

_course = ObjectType("Course", "one educational component (course unit, module, thesis, placement)",
                     describe=lambda c: f"course {c.code}")
(_course
 .add("code", STRING, "the course code")
 .add("title", STRING, "the course title")
 .add("label", STRING, "the course as messages name it: code and title; its place too when another course shares "
      "its code; its title and place when it has no code")
 .add("credits", _CREDITS, "ECTS credits of the course")
 .add("type", enum("compulsory", "elective", "thesis", "internship", "other", "non_credit"),
      "kind of component (non_credit: compulsory, carries no credits by design)")
 .add("level", enum(*CYCLES), "cycle level of the course (defaults to the programme's cycle)")
 .add("term", number(), "term counted across the programme (1..8 for a four-year programme)")
 .add("term_in_year", number(), "term within its year (1 or 2 for semesters)")
 .add("year", number(), "academic year of the course")
 .add("specialisation", STRING, "the specialisation the course belongs to")
 .add("elective_group", STRING, "the elective group the course belongs to")
 .add("is_elective", BOOL, "true if the course is in an elective group or typed elective")
 .add("contact_hours", _HOURS, "contact hours (lectures, tutorials, seminars, labs, practicals, fieldwork)")
 .add("independent_hours", _HOURS, "hours of independent study")
 .add("total_hours", _HOURS, "total workload hours")
 .add("hours_per_credit", number("hours/credit"), "total workload hours divided by credits")
 .add("contact_hours_per_week", number("hours"), "contact hours per teaching week"))
for _f in INFO_FIELDS:
    _course.add(_f, STRING, f"course description: {_f.replace('_', ' ')}")
_course.add("missing_info", STRING, "course-description items left empty (title, credits, lecturer, ...; 'none' when complete)")



def _part_type(name: str, label: str) -> ObjectType:
    t = ObjectType(name, f"one {label} of the programme", describe=lambda x: x.describe())
    (t.add("number", number(), f"the {label}'s number")
     .add("credits", _CREDITS, f"credits of the {label} (a range where electives differ)")
     .add("contact_hours", _HOURS, f"contact hours of the {label}")
     .add("independent_hours", _HOURS, f"independent-study hours of the {label}")
     .add("total_hours", _HOURS, f"total workload hours of the {label}")
     .add("course_count", number(), f"number of courses a student takes in the {label}")
     .add("courses", list_of("Course"), f"the courses of the {label}"))
    return t


_year = (_part_type("Year", "year").add("terms", list_of("Term"), "the terms of the year")
         .add("share", number(), "the part of a full year this year holds: 1, or 0.5 for the last half of a 1.5-year programme"))
_term = (_part_type("Term", "term")
         .add("year", number(), "the year the term belongs to")
         .add("number_in_year", number(), "the term's number within its year"))

_programme = ObjectType("Programme", "a study programme", describe=lambda p: "programme")
(_programme
 .add("id", STRING, "the programme's identifier")
 .add("title", STRING, "the programme's title")
 .add("institution", STRING, "the awarding institution")
 .add("country", STRING, "ISO 3166-1 alpha-2 country code")
 .add("cycle", enum(*CYCLES), "QF-EHEA cycle")
 .add("kind", enum("academic", "vocational"), "academic or vocational (applied) studies")
 .add("mode", enum("full_time", "part_time"), "full-time or part-time")
 .add("nominal_years", number(), "nominal duration: the number of academic years (the file's `years`)")
 .add("terms_per_year", number(), "terms per year: 2 semesters, 3 trimesters")
 .add("term_count", number(), "number of terms in the programme")
 .add("weeks_per_year", number("weeks"), "weeks of teaching, preparation and exams per year")
 .add("teaching_weeks_per_term", number("weeks"), "teaching weeks per term")
 .add("teaching_weeks_per_year", number("weeks"), "teaching weeks per year")
 .add("prior_credits", _CREDITS, "credits of the previous cycle required for admission")
 .add("intensive", BOOL, "declared an intensive programme (no student holidays)")
 .add("integrated", BOOL, "an integrated (long single-cycle) programme")
 .add("specialist", BOOL, "specialist studies (not a bachelor or master), e.g. Serbian specijalisticke studije")
 .add("field_of_study", STRING, "ISCED-F field code")
 .add("specialisation_count", number(), "number of specialisations the file lists (`specialisations:`)")
 .add("specialisation_tags", number(), "number of distinct specialisations named on courses (`specialisation:`)")
 .add("elective_group_count", number(), "number of elective groups")
 .add("non_credit_count", number(), "number of courses typed non_credit (compulsory, no credits by design)")
 .add("printed_totals", list_of("PrintedTotal"), "the credit totals the published plan prints (`printed_totals:`)")
 .add("credits", _CREDITS, "total credits of the programme (a range where electives differ)")
 .add("contact_hours", _HOURS, "total contact hours")
 .add("total_hours", _HOURS, "total workload hours")
 .add("years", list_of("Year"), "the programme's academic years", attr="year_list")
 .add("terms", list_of("Term"), "the programme's terms", attr="term_list")
 .add("courses", list_of("Course"), "every course of the programme"))

PROGRAMME_TYPES = (_programme, _year, _term, _course, PRINTED_TOTAL_TYPE)  # what rules may read of a programme; the first is its root
