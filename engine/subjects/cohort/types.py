"""What rule files may name of a cohort (`cohort.groups`, each group's grading table and ECTS shares): the
object types only, light to import, so a rule set can be checked without loading the cohort readers."""
from __future__ import annotations

from engine.ruleset.types import BOOL, STRING, ObjectType, enum, list_of, number
from engine.grade_shares import ECTS_SHARES

CYCLES: tuple[str, ...] = ("short", "first", "second", "third")
STUDENTS = number("students")
PERCENT = number("%")

_grade = ObjectType("CohortGrade", "a local grade awarded in a reference group (passing or failing)",
                    describe=lambda x: x.describe())
(_grade
 .add("grade", number(), "the grade as a number (unknown for a label)")
 .add("label", STRING, "the grade as written")
 .add("count", STUDENTS, "how many times it was awarded over the chosen years")
 .add("passing", BOOL, "at least as good as the pass mark")
 .add("on_scale", BOOL, "one of the grades of the scale in use"))

_row = ObjectType("GradingTableRow", "a row of a grading table (a passing grade)", describe=lambda x: x.describe())
(_row
 .add("grade", number(), "the grade as a number (unknown for a label)")
 .add("label", STRING, "the grade as written")
 .add("count", STUDENTS, "how many times it was awarded")
 .add("percentage", PERCENT, "its percentage of all passing grades (2 decimals)")
 .add("cumulative_percentage", PERCENT, "share of passing grades at or above it (2 decimals)")
 .add("letter", enum("A", "B", "C", "D", "E"), "its ECTS letter, when the scale in use gives letters"))

_group = ObjectType("ReferenceGroup", "a reference group of a cohort (Guide 2015 §4.3 step 1)",
                    describe=lambda g: g.describe())
(_group
 .add("id", STRING, "the group's id")
 .add("title", STRING, "the group's title")
 .add("field", STRING, "ISCED-F 2013 field code")
 .add("cycle", enum(*CYCLES), "cycle of the group's programmes")
 .add("institution", STRING, "the institution")
 .add("year_count", number("years"), "number of academic years counted")
 .add("first_year", STRING, "the first academic year counted, e.g. 2022-23")
 .add("last_year", STRING, "the last academic year counted")
 .add("student_count", STUDENTS, "grades awarded over the years, passing and failing (students who sat exams)")
 .add("passing_count", STUDENTS, "passing grades awarded (the grading table's total)")
 .add("failing_count", STUDENTS, "failing grades awarded")
 .add("pass_mark", number(), "the pass mark of the scale in use")
 .add("passing_only", BOOL, "the file states it counts passing grades only (passing_only: true)")
 .add("lowest_grade", number(), "the lowest grade awarded (passing or failing)")
 .add("highest_grade", number(), "the highest grade awarded")
 .add("lowest_passing_grade", number(), "the worst grade in the grading table")
 .add("off_scale_count", number(), "how many different grades awarded are not on the scale in use")
 .add("grades", list_of("CohortGrade"), "every grade awarded, best first")
 .add("rows", list_of("GradingTableRow"), "the grading table: passing grades, best first")
 .add("percentage_total", PERCENT, "sum of the table's percentages (exact; 100 for any table, 0 without passing grades)")
 .add("cumulative_total", PERCENT, "the last cumulative percentage")
 .add("max_share_deviation", PERCENT, "largest difference between an ECTS letter's observed and fixed share (10/25/30/25/10)"))
for _letter, _target in ECTS_SHARES:
    _group.add(f"share_{_letter.lower()}", PERCENT,
               f"observed share of passing grades given ECTS letter {_letter} (fixed share {_target} %)")

_cohort = ObjectType("Cohort", "a cohort file: reference groups and their grades", describe=lambda c: "cohort")
(_cohort
 .add("groups", list_of("ReferenceGroup"), "the reference groups")
 .add("group_count", number(), "number of reference groups")
 .add("scale", STRING, "id of the grading scale the cohort is read through", attr="scale_id")
 .add("pass_mark", number(), "the pass mark in use"))

COHORT_TYPES = (_cohort, _group, _row, _grade)  # what rules may read of a cohort; the first is its root
