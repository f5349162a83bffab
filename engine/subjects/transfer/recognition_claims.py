"""Do the recognised credits rest on credits earned, line by line, and is each passed Table A component
recognised in full? Decided for every possible result of the components whose result is not known.

A recognition decision claims, per home line, credits from named transcript components. Lines may share
components (one host course split over two home courses) and a line may rest on several. The credits a
set of lines claims can be met from what its components earned exactly when no group of lines claims
more than the components they name earned together: a transport problem, decided here by a maximum flow.
The lines of the groups that over-claim are the lines at fault (each fails, naming the others of its
group); the same in the other direction finds the passed Table A components the recognised lines do not
carry in full.

A component whose result is not known earned its credits or nothing; one not on the transcript (or
passed without credits) earned nothing or any amount. Every combination of those is tried (up to
MAX_UNKNOWN of them): a line passes only if it passes under every one, fails only if under none, and
is otherwise undecided, naming the components whose results are not known.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Callable, Hashable

from engine.semantics.reasons import Alternatives, Reason, because
from engine.semantics.values import Unknown
from engine.subjects.worded import WordedText

MAX_UNKNOWN = 10  # 2**10 combinations of unknown results, each a flow over a handful of nodes
EPS = 1e-9


def _max_flow(supply: dict, demand: dict, links: dict) -> dict:
    """The residual capacities after a maximum flow from the demand nodes (taken in their order, each met
    as far as it can be before the next is added) to the supply nodes they link to."""
    cap: dict = {"S": {}, "T": {}}
    for d in demand:
        cap.setdefault(("d", d), {"S": 0})
        for s in links.get(d, ()):
            if s in supply:
                cap[("d", d)][("s", s)] = math.inf
                cap.setdefault(("s", s), {}).setdefault(("d", d), 0)
    for s, amount in supply.items():
        cap.setdefault(("s", s), {})["T"] = amount
        cap["T"].setdefault(("s", s), 0)

    def search() -> dict:
        parent = {"S": None}
        queue = ["S"]
        for u in queue:
            for v, c in cap[u].items():
                if v not in parent and c > EPS:
                    parent[v] = u
                    queue.append(v)
        return parent

    for d, amount in demand.items():  # one at a time: an earlier line keeps what it was given
        cap["S"][("d", d)] = amount
        while True:
            parent = search()
            if "T" not in parent:
                break
            path, v = [], "T"
            while parent[v] is not None:
                path.append((parent[v], v))
                v = parent[v]
            push = min(cap[u][w] for u, w in path)
            for u, w in path:
                cap[u][w] -= push
                cap[w][u] += push
    cap["reached"] = search()
    return cap


def deficient(supply: dict[Hashable, float], demand: dict[Hashable, float],
              links: dict[Hashable, set[Hashable]]) -> set[Hashable]:
    """The demand nodes that cannot all be met: the smallest set of them that falls short by the most
    (the demand of its nodes exceeds the supply of the nodes they link to; empty when every demand can be
    met). Supply flows from a supply node to the demand nodes linked to it (`links`: demand node ->
    supply nodes)."""
    reached = _max_flow(supply, demand, links)["reached"]
    return {v[1] for v in reached if v != "S" and v[0] == "d"}


def met(supply: dict, demand: dict, links: dict) -> dict:
    """How much of each demand can be met, the demands taken in their order (an earlier one is met in
    full before a later one shares what is left)."""
    cap = _max_flow(supply, demand, links)
    return {d: round(amount - cap["S"][("d", d)], 6) for d, amount in demand.items()}


@dataclass
class Verdict:
    """One node's outcome: True / False / Unknown; for a failure, the others of the group at fault, what
    the group asks and what the other side gives it; else the node's own figures (the possible values)."""

    holds: object
    group: tuple = ()
    asked: tuple = ()
    given: tuple = ()


def _connected(nodes: list, links: dict) -> dict:
    """Each node -> the set of nodes (both sides) connected to it through links."""
    root: dict = {}

    def find(x):
        while root.setdefault(x, x) != x:
            root[x] = root[root[x]]
            x = root[x]
        return x
    for n in nodes:
        for m in links.get(n, ()):
            root[find(("s", m))] = find(("d", n))
    groups: dict = {}
    for x in list(root) + [("d", n) for n in nodes]:
        groups.setdefault(find(x), set()).add(x)
    return {n: groups[find(("d", n))] for n in nodes}


def judge(order: list, demand: Callable[[dict], dict], supply: Callable[[dict], dict], links: dict,
          touches: dict, unknown: list, reason: Callable[[list], Reason]) -> dict:
    """Per node of `order` (a demand node), whether its demand can be met, for every combination of the
    `unknown` keys (a world: key -> True at its most, False at its least). `demand(world)` and
    `supply(world)` give each side's amounts; `links`: demand node -> supply nodes; `touches`: node of
    either side (tagged ("d", n) / ("s", m)) -> the unknown keys its amount depends on; `reason(keys)`:
    why a node is undecided."""
    if len(unknown) > MAX_UNKNOWN:
        return {n: Verdict(Unknown(reason(unknown))) for n in order}
    seen: dict = {n: [] for n in order}
    for combo in itertools.product((True, False), repeat=len(unknown)):
        world = dict(zip(unknown, combo))
        asked, given = demand(world), supply(world)
        bad = deficient(given, {n: a for n, a in asked.items() if a > EPS}, links)
        groups = _connected(sorted(bad, key=order.index), links) if bad else {}
        for n in order:
            group = {x[1] for x in groups[n] if x[0] == "d"} if n in bad else {n}
            sources = set().union(*(links.get(m, set()) for m in group))
            seen[n].append((n not in bad, tuple(m for m in order if m in group and m != n),
                            round(math.fsum(asked.get(m, 0) for m in group), 6),
                            round(math.fsum(given.get(s, 0) for s in sources), 6)))
    near = _connected(order, links)
    out = {}
    for n, results in seen.items():
        first = results[0]  # every unknown key at its most
        if all(r[0] for r in results):
            out[n] = Verdict(True, (), _values(r[2] for r in results), _values(r[3] for r in results))
        elif not any(r[0] for r in results):
            out[n] = Verdict(False, first[1], (first[2],), (first[3],))
        else:
            keys = set().union(*(touches.get(x, set()) for x in near[n]))
            out[n] = Verdict(Unknown(reason([u for u in unknown if u in keys] or unknown)), (),
                             _values(r[2] for r in results), _values(r[3] for r in results))
    return out


def _values(xs) -> tuple:
    return tuple(sorted(set(xs)))


def credits_words(values: tuple) -> object:
    """Possible credits as a reason argument: the one value, or 'a or b'."""
    whole = tuple(int(v) if float(v).is_integer() else v for v in values)
    return whole[0] if len(whole) == 1 else because("recognition.credit_values", "{values}",
                                                    values=Alternatives(whole))


# ---- a transfer file's recognition, both ways -----------------------------------------------------------

def _why(keys: list) -> Reason:
    """Why a line or component is undecided: the components whose result (or presence) is not known."""
    missing = [k[1] for k in keys if k[0] == "missing"]
    pending = [k[1] for k in keys if k[0] != "missing"]
    if pending:
        return because("components.no_result", "the result of {names} is not known", names=tuple(pending))
    return because("components.not_on_transcript", "{names} not on the transcript", names=tuple(missing))


class Claims:
    """What the transcript supports of a recognition decision: per recognition line (by position),
    whether its credits rest on credits earned (`lines`), and per Table A component (by matching key),
    whether it is recognised in full (`table_a`)."""

    def __init__(self, transcript, lines: list, table_a: list, key: Callable):
        self.transcript = transcript
        self.rlines = lines
        self.unknown: list = []
        self.span: dict = {}  # transcript code -> (least, most) credits it earned
        total = math.fsum(x.credits or 0 for x in lines) + math.fsum(c.credits or 0 for c in table_a) + 1
        for code in dict.fromkeys(c for x in lines for c in x.from_components):
            comp = transcript.component(code)
            if comp is None:
                self.span[code] = (0, total)
                self.unknown.append(("missing", code))
            elif comp.passed is False:
                self.span[code] = (0, 0)
            elif comp.passed is None or comp.credits is None:
                self.span[code] = (0, comp.credits if comp.credits is not None else total)
                self.unknown.append(("result", code))
            else:
                self.span[code] = (comp.credits, comp.credits)
        self.lines = self._lines()
        for a in table_a:  # a Table A component no line rests on, whose result is not known
            comp = next((c for c in transcript.components if key(c.code, c.title) == key(a.code, a.title)), None)
            if comp is not None and comp.passed is None and ("result", comp.code) not in self.unknown:
                self.unknown.append(("result", comp.code))
        self.table_a = self._table_a(table_a, key)

    def _earned(self, world: dict, code: str) -> float:
        low, high = self.span[code]
        known = ("missing", code) not in world and ("result", code) not in world
        return high if known or world.get(("missing", code), world.get(("result", code))) else low

    def _passed(self, world: dict, code: str) -> bool:
        comp = self.transcript.component(code)
        if comp is None:
            return bool(world.get(("missing", code), False))
        return comp.passed if comp.passed is not None else bool(world.get(("result", code), False))

    def _lines(self) -> dict:
        order = [i for i, x in enumerate(self.rlines) if x.credits is not None and x.from_components]
        links = {i: set(self.rlines[i].from_components) for i in order}
        touches = {("s", c): {k for k in self.unknown if k[1] == c} for c in self.span}
        return judge(order, lambda w: {i: self.rlines[i].credits for i in order},
                     lambda w: {c: self._earned(w, c) for c in self.span}, links, touches, self.unknown, _why)

    def _table_a(self, table_a: list, key: Callable) -> dict:
        index = {}
        for c in self.transcript.components:
            index.setdefault(key(c.code, c.title), c)
        found = {key(a.code, a.title): index.get(key(a.code, a.title)) for a in table_a if a.credits is not None}
        order = [k for k, comp in found.items() if comp is not None]
        links = {k: {i for i, x in enumerate(self.rlines) if found[k].code in x.from_components} for k in order}

        def recognised(world: dict, line) -> bool:
            return bool(line.from_components) and all(self._passed(world, c) for c in line.from_components)

        credit = {key(a.code, a.title): a.credits for a in table_a if a.credits is not None}
        touches = {("d", k): {u for u in self.unknown if u[1] == found[k].code} for k in order}
        touches.update({("s", i): {u for u in self.unknown if u[1] in x.from_components}
                        for i, x in enumerate(self.rlines)})
        return judge(order, lambda w: {k: credit[k] if self._passed(w, found[k].code) else 0 for k in order},
                     lambda w: {i: (x.credits or 0) if recognised(w, x) else 0 for i, x in enumerate(self.rlines)},
                     links, touches, self.unknown, _why)


__all__ = ["Claims", "Verdict", "attach", "deficient", "met", "judge", "credits_words", "MAX_UNKNOWN"]


def _names(items) -> str:
    return ", ".join(items)


def _line_state(v: Verdict, line, lines: list, transcript) -> WordedText:
    """In words: what a recognition line claims and what the components it rests on earned."""
    missing = [c for c in line.from_components if transcript.component(c) is None]
    if missing and v.holds is not False:  # what they earned is not known at all
        return WordedText("recognition.claim.missing", "not on the transcript: {names}", names=_names(missing))
    if v.group:
        group = [line, *(lines[i] for i in v.group)]
        return WordedText("recognition.claim.group",
                          "with {others}, it claims {claimed} credits; the components they are based on ({sources}) earned {earned} credits",
                          others=_names(x.code or x.title for x in group[1:]), claimed=credits_words(v.asked),
                          sources=_names(dict.fromkeys(c for x in group for c in x.from_components)),
                          earned=credits_words(v.given))
    return WordedText("recognition.claim.own", "the components it is based on ({sources}) earned {earned} credits",
                      sources=_names(line.from_components), earned=credits_words(v.given))


def _table_a_state(v: Verdict, key: str, claims: dict, names: dict, bases: dict, lines: list) -> WordedText:
    """In words: the credits a Table A component passed and what the recognised lines based on it carry."""
    group = [key, *v.group]
    based = _names(dict.fromkeys(lines[i].code or lines[i].title for k in group for i in bases.get(k, ())))
    if v.group:
        return WordedText("recognition.full.group",
                          "with {others}, {asked} credits were passed; the recognised home components based on them ({lines}) carry {given} credits",
                          others=_names(names[k] for k in v.group), asked=credits_words(v.asked),
                          lines=based or "-", given=credits_words(v.given))
    if not based:
        return WordedText("recognition.full.none", "no recognised home component is based on it")
    return WordedText("recognition.full.own", "the recognised home components based on it ({lines}) carry {given} credits",
                      lines=based, given=credits_words(v.given))


def attach(view, t, key: Callable) -> None:
    """Set on a transfer view's recognition lines `within_earned` and `earned_state`, and on its Table A
    lines `recognised_in_full`, `recognition_state` and `not_recognised_reason`."""
    table_a = list(view.table_a) if t.learning_agreement is not None else []
    excused = view.excused
    for a in table_a:
        a.not_recognised_reason = excused.get(key(a.model.code, a.model.title)) or Unknown(because(
            "recognition.no_exception", "the recognition decision gives no reason for not recognising {name}",
            name=a.model.code or a.model.title))
    if t.recognition is None or t.transcript is None:
        why = because("transfer.no_recognition", "the file records no recognition decision") if t.recognition is None \
            else because("transfer.no_transcript", "the file has no transcript of records")
        for a in table_a:
            a.recognised_in_full = a.recognition_state = Unknown(why)
        for x in view.recognition_lines:
            x.within_earned = x.earned_state = Unknown(why)
        return
    lines = t.recognition.lines
    claims = Claims(t.transcript, lines, [a.model for a in table_a], key)
    for i, x in enumerate(view.recognition_lines):
        v = claims.lines.get(i)
        if v is None:
            why = because("recognition.no_sources", "the recognition of {name} names no transcript components it "
                          "comes from", name=x.model.code or x.model.title) if not x.model.from_components else \
                because("recognition.line_no_credits", "recognised component {name} has no credits",
                        name=x.model.code or x.model.title)
            x.within_earned = x.earned_state = Unknown(why)
            continue
        x.within_earned, x.earned_state = v.holds, _line_state(v, x.model, lines, t.transcript)
    names = {key(a.model.code, a.model.title): a.model.code or a.model.title for a in table_a}
    bases = {k: {i for i, x in enumerate(lines) if any(key(c, None) == k or (t.transcript.component(c) is not None and
                 key(t.transcript.component(c).code, t.transcript.component(c).title) == k) for c in x.from_components)}
             for k in names}
    for a in table_a:
        k = key(a.model.code, a.model.title)
        v = claims.table_a.get(k)
        if v is None:
            why = because("component.not_on_transcript", "{name} is not on the transcript", name=names[k]) \
                if a.model.credits is not None else a.credits
            a.recognised_in_full = a.recognition_state = why if isinstance(why, Unknown) else Unknown(why)
            continue
        a.recognised_in_full, a.recognition_state = v.holds, _table_a_state(v, k, claims.table_a, names, bases, lines)
