"""The module-level functions are typed like the Dataset methods: this passes mypy --strict."""

import datetime as dt

import stepanakert2020 as s

strikes: tuple[s.Event, ...] = s.events("2020-10", dt.date(2020, 10, 31), kind="strike", within="certain")
totals: tuple[s.Figure, ...] = s.figures(scope="cumulative", measure=s.Measure.KILLED, reported_by="artsakh-ombudsman")
denials: tuple[s.Claim, ...] = s.claims(stance="denies", subject="perpetrator")
answers: tuple[s.Claim, ...] = s.replies(denials[0].responds_to or "")
first: s.Event = s.event(strikes[0].id)
print(first.title, len(totals), len(answers))
