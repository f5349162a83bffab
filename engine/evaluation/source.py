"""The subject of an audit as its report reaches it afterwards: the view while it lives, else the same view
made again from its model.

A report rebuilds a finding's message and trace when they are first read (engine.evaluation.deferred),
and that needs the view the rules read. Keeping the view alive for that would keep every course, year
and term view of every programme of a batch: objects the garbage collector goes through again and
again while the batch keeps its reports. So a report keeps a `Source` instead: a weak reference to the
view, and the view's recipe (`view.recipe()`: the function that made it and its arguments, the model
among them; a view is a pure function of them). While something else keeps the view (the batch's
Subject while its report is rendered), findings are rebuilt from it; once it is gone, from the view
made again. A view without a recipe (or one that cannot be referred to weakly) is kept: correct, only
slower. Elements are referred to by their position in a rule's collection (engine.evaluation.rows),
the same on the view made again.
"""
from __future__ import annotations

import weakref
from typing import Any

# The view made again last: kept until another is made, so that the findings of one report, read one
# after another, make their view once (a batch's reports are rendered one after another).
_LAST_MADE: list = [None]


class Source:
    """The subject view of one audit, reached weakly (`view()`), or kept when it cannot be made again."""

    __slots__ = ("_weak", "_kept", "_recipe")

    def __init__(self, view: Any):
        recipe = getattr(view, "recipe", None)
        self._recipe = recipe() if recipe is not None else None
        self._kept = self._weak = None
        if self._recipe is not None:
            try:
                self._weak = weakref.ref(view)
            except TypeError:  # a view whose class has no weak references
                self._recipe = None
        if self._recipe is None:
            self._kept = view

    @property
    def by_position(self) -> bool:
        """True when the view is not kept: elements must then be referred to by position."""
        return self._kept is None

    def keep(self, view: Any) -> None:
        """Keep the view after all (its elements could not all be referred to by position)."""
        self._kept, self._weak, self._recipe = view, None, None

    def view(self) -> Any:
        """The view: the audited one while it is alive, else the same view made again (once)."""
        if self._kept is not None:
            return self._kept
        view = self._weak()
        if view is None:
            make, args, kwargs = self._recipe
            view = _LAST_MADE[0] = make(*args, **kwargs)
            self._weak = weakref.ref(view)
        return view


__all__ = ["Source"]
