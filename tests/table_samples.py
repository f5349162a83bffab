"""Course tables laid out as universities publish them, built in the tests (no binary files stored).

The layouts (headers, heading rows, subtotal rows, hour columns, type codes) are transcribed from the
structure of published documents; the course titles and figures are illustrative, not a real plan's:
- Greek: the curriculum tables of Greek departments' study guides (Οδηγός Σπουδών): Κωδικός | Τίτλος
  Μαθήματος | Τύπος (Υ/Ε) | Θ | Φ | Εργ | ΠΜ/ECTS, a merged "Α΄ Εξάμηνο" row per term, "Σύνολο" rows.
- Serbian: Table 5.2 "Спецификација предмета" of Serbian accreditation documentation: Р.бр. | Шифра |
  Назив предмета | Сем. | Статус (О/И) | П | В | ДОН | ЕСПБ, with "Укупно" rows; exported as CSV in cp1251.
- Polish: a faculty's "Plan studiów": Lp. | Kod | Nazwa przedmiotu | W | Ć | L | Punkty ECTS, with
  "Semestr I" rows, "Razem" rows and a title block above the header.
- Spanish: the plan-of-studies tables published in the BOE with a university's degree: Curso |
  Cuatrimestre | Código | Asignatura | Carácter (FB/OB/OP/TFG) | Créditos ECTS, decimal commas.
- German: a "Studienverlaufsplan": Modulnummer | Modulbezeichnung | Fachsemester | SWS | LP | Pflicht/Wahl.
- French: a licence "maquette": Code UE | Intitulé | ECTS | CM | TD | TP, with "Semestre 1" and
  "Total S1" rows.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, []):
            ws.merge_cells(rng)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ",", bom: bool = False) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


GREEK_ROWS = [
    ["ΠΡΟΓΡΑΜΜΑ ΠΡΟΠΤΥΧΙΑΚΩΝ ΣΠΟΥΔΩΝ", None, None, None, None, None, None],
    [None, None, None, None, None, None, None],
    ["Κωδικός", "Τίτλος Μαθήματος", "Τύπος", "Θ", "Φ", "Εργ", "ΠΜ"],
    ["Α΄ Εξάμηνο", None, None, None, None, None, None],
    ["ΠΛΗ101", "Μαθηματική Ανάλυση", "Υ", 4, 1, 0, 7],
    ["ΠΛΗ102", "Εισαγωγή στον Προγραμματισμό", "Υ", 2, 0, 2, 8],
    ["ΠΛΗ103", "Διακριτά Μαθηματικά", "Υ", 3, 1, 0, 7],
    ["ΠΛΗ104", "Ψηφιακή Σχεδίαση", "Υ", 3, 0, 1, 8],
    [None, "Σύνολο", None, None, None, None, 30],
    ["Β΄ Εξάμηνο", None, None, None, None, None, None],
    ["ΠΛΗ201", "Γραμμική Άλγεβρα", "Υ", 3, 1, 0, 7],
    ["ΠΛΗ202", "Δομές Δεδομένων", "Υ", 3, 0, 2, 8],
    ["ΠΛΗ203", "Πιθανότητες", "Υ", 3, 1, 0, 7],
    ["ΠΛΗ204", "Αρχιτεκτονική Υπολογιστών", "Υ", 3, 0, 1, 6],
    [None, "Σύνολο", None, None, None, None, 30],  # the rows sum to 28: a printed total that disagrees
]
GREEK_MERGES = ["A4:G4", "A10:G10"]

SERBIAN_ROWS = [
    ["Табела 5.2 Спецификација предмета на студијском програму", None, None, None, None, None, None, None, None],
    ["Р.бр.", "Шифра", "Назив предмета", "Сем.", "Статус", "П", "В", "ДОН", "ЕСПБ"],
    ["1", "ОИ101", "Математика 1", "I", "О", "3", "3", "0", "7"],
    ["2", "ОИ102", "Програмирање 1", "I", "О", "2", "2", "1", "8"],
    ["3", "ОИ103", "Енглески језик 1", "I", "О", "2", "1", "0", "4"],
    ["4", "ОИ104", "Основи рачунарства", "I", "О", "3", "2", "0", "6"],
    ["5", "ОИ105", "Изборни предмет 1", "I", "И", "2", "2", "0", "5"],
    ["", "", "Укупно", "", "", "", "", "", "30"],
    ["6", "ОИ201", "Математика 2", "II", "О", "3", "3", "0", "7"],
    ["7", "ОИ202", "Програмирање 2", "II", "О", "2", "2", "1", "8"],
    ["8", "ОИ203", "Базе података", "II", "О", "2", "2", "0", "6"],
    ["9", "ОИ204", "Физичко васпитање", "II", "О", "0", "2", "0", "0"],
    ["10", "ОИ205", "Статистика", "II", "О", "2", "2", "0", "9"],
    ["", "", "Укупно", "", "", "", "", "", "30"],
]

POLISH_ROWS = [
    ["Uniwersytet", None, None, None, None, None, None],
    ["Plan studiów stacjonarnych pierwszego stopnia", None, None, None, None, None, None],
    [None, None, None, None, None, None, None],
    ["Lp.", "Kod", "Nazwa przedmiotu", "W", "Ć", "L", "Punkty ECTS"],
    ["Semestr I", None, None, None, None, None, None],
    [1, "INF-1-01", "Analiza matematyczna", 30, 30, 0, 6],
    [2, "INF-1-02", "Wstęp do programowania", 30, 0, 30, 6],
    [3, "INF-1-03", "Logika", 30, 30, 0, 5],
    [4, "INF-1-04", "Fizyka", 30, 15, 0, 4],
    [5, "INF-1-05", "Język angielski", 0, 60, 0, 4],
    [6, "INF-1-06", "Systemy operacyjne", 15, 0, 30, 5],
    [None, None, "Razem", 135, 135, 60, 30],
    ["Semestr II", None, None, None, None, None, None],
    [7, "INF-2-01", "Algebra liniowa", 30, 30, 0, 6],
    [8, "INF-2-02", "Algorytmy", 30, 15, 30, 7],
    [9, "INF-2-03", "Bazy danych", 30, 0, 30, 6],
    [10, "INF-2-04", "Sieci komputerowe", 15, 0, 30, 5],
    [11, "INF-2-05", "Matematyka dyskretna", 30, 30, 0, 6],
    [None, None, "Razem", 135, 75, 90, 30],
    [None, None, "Razem w roku", None, None, None, 60],
]

SPANISH_ROWS = [
    ["Curso", "Cuatrimestre", "Código", "Asignatura", "Carácter", "Créditos ECTS"],
    ["1º", "1", "101", "Cálculo", "FB", "6"],
    ["1º", "1", "102", "Física", "FB", "6"],
    ["1º", "1", "103", "Fundamentos de Programación", "FB", "7,5"],
    ["1º", "1", "104", "Álgebra", "FB", "4,5"],
    ["1º", "1", "105", "Empresa", "FB", "6"],
    ["1º", "2", "106", "Estadística", "FB", "6"],
    ["1º", "2", "107", "Estructura de Computadores", "OB", "6"],
    ["1º", "2", "108", "Programación Orientada a Objetos", "OB", "6"],
    ["1º", "2", "109", "Matemática Discreta", "FB", "6"],
    ["1º", "2", "110", "Sistemas Digitales", "OB", "6"],
    ["", "", "", "Total", "", "60"],
]

GERMAN_ROWS = [
    ["Studienverlaufsplan Bachelor Informatik", None, None, None, None, None],
    ["Modulnummer", "Modulbezeichnung", "Fachsemester", "SWS", "LP", "Pflicht/Wahl"],
    ["INF-B-110", "Grundlagen der Programmierung", 1, 6, 9, "Pflicht"],
    ["INF-B-120", "Mathematik für Informatiker 1", 1, 6, 9, "Pflicht"],
    ["INF-B-130", "Rechnerstrukturen", 1, 4, 6, "Pflicht"],
    ["INF-B-140", "Schlüsselkompetenzen", 1, 4, 6, "Wahlpflicht"],
    ["INF-B-210", "Algorithmen und Datenstrukturen", 2, 6, 9, "Pflicht"],
    ["INF-B-220", "Mathematik für Informatiker 2", 2, 6, 9, "Pflicht"],
    ["INF-B-230", "Betriebssysteme", 2, 4, 6, "Pflicht"],
    ["INF-B-240", "Softwaretechnik", 2, 4, 6, "Pflicht"],
    [None, "Summe", None, None, 60, None],
]

FRENCH_ROWS = [
    ["Licence Informatique - maquette des enseignements", None, None, None, None, None],
    ["Code UE", "Intitulé", "ECTS", "CM", "TD", "TP"],
    ["Semestre 1", None, None, None, None, None],
    ["INF1A", "Algorithmique 1", 6, 18, 18, 12],
    ["INF1B", "Mathématiques 1", 6, 24, 24, 0],
    ["INF1C", "Architecture", 6, 18, 12, 12],
    ["INF1D", "Anglais", 3, 0, 24, 0],
    ["INF1E", "Programmation web", 9, 12, 12, 36],
    ["Total S1", None, 30, None, None, None],
    ["Semestre 2", None, None, None, None, None],
    ["INF2A", "Algorithmique 2", 6, 18, 18, 12],
    ["INF2B", "Mathématiques 2", 6, 24, 24, 0],
    ["INF2C", "Systèmes", 6, 18, 12, 12],
    ["INF2D", "Anglais 2", 3, 0, 24, 0],
    ["INF2E", "Bases de données", 9, 12, 12, 36],
    ["Total S2", None, 30, None, None, None],
]
