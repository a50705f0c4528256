"""Fair, explainable qualification (docs/decisions/0090).

score = the coordinator's points per reason (Camp.points_*). Ties are broken by a lottery
whose numbers are sha256(seed, application id): the seed is recorded with the run, so
anyone can recompute the order, and adding or removing another application does not
reshuffle the rest. Siblings who asked to go together form one group (the best score
and the lowest lottery number of its members) and are placed together or wait together.

    rank(camp, applications, seed) -> list[Ranked]        (pure: no writes)
    qualify(actor, camp, *, seed=None) -> QualificationRun
"""

import hashlib
import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts import audit
from backend.distribution import participants as engine
from backend.people.models import age_on

from .models import Application, Camp, CampSession, QualificationRun
from .services import _sync, notify, places_by_sex, split_refusal

A = Application.Status
# Why a child waits (the run's "reason", also kept in the participant's details).
WAIT_REASONS = {
    "full": _("no free places in the session"),
    "girls_full": _("no places for girls left"),
    "boys_full": _("no places for boys left"),
    "sex_unknown": _("the rooms are split: say whether a girl or a boy"),
}


def score(camp: Camp, application: Application) -> int:
    return (camp.points_difficult * application.reason_difficult
            + camp.points_disability * application.reason_disability
            + camp.points_first_time * application.first_time
            + camp.points_siblings * application.siblings_together)


def lottery(seed: str, application_id: int) -> str:
    return hashlib.sha256(f"{seed}:{application_id}".encode()).hexdigest()[:16]


@dataclass
class Ranked:
    """One group to place: a child, or siblings who go together."""

    applications: list[Application]
    score: int
    ticket: str
    placed: dict = field(default_factory=dict)

    @property
    def key(self):
        return (-self.score, self.ticket)


def rank(camp: Camp, applications: list[Application], seed: str) -> list[Ranked]:
    groups: dict[object, list[Application]] = {}
    for application in applications:
        application.score = score(camp, application)
        key = (("h", application.household_id) if application.siblings_together
               and application.household_id else ("a", application.pk))
        groups.setdefault(key, []).append(application)
    ranked = [Ranked(rows, max(a.score for a in rows), min(lottery(seed, a.pk) for a in rows))
              for rows in groups.values()]
    return sorted(ranked, key=lambda r: r.key)


def _fits(session: CampSession, application: Application) -> bool:
    age = age_on(application.birth_date, session.start)
    return age is not None and session.min_age <= age <= session.max_age


def _choices(group: Ranked, sessions: dict[int, CampSession]) -> list[CampSession]:
    """Sessions every member wants (the first member's order) and fits by age."""
    first = group.applications[0].preferences
    wanted = [sid for sid in first if all(sid in a.preferences for a in group.applications)]
    return [sessions[sid] for sid in wanted if sid in sessions
            and all(_fits(sessions[sid], a) for a in group.applications)]


def _refusal(session: CampSession, need: Counter, free: dict, taken: dict) -> str | None:
    """Why the group (sex -> count) does not fit the session now; None when it does."""
    if free[session.pk] < sum(need.values()):
        return "full"
    return split_refusal(session, need, taken[session.pk])


@transaction.atomic
def qualify(actor, camp: Camp, *, seed: str | None = None) -> QualificationRun:
    """Verified applications not yet placed, best score first: into the first preferred
    session with room for the whole group, else on the waiting list of the first one.
    Children with no session for their age are left (shown as 'no session fits')."""
    seed = seed or secrets.token_hex(8)
    camp = Camp.objects.select_for_update().get(pk=camp.pk)  # one qualification at a time
    sessions = {s.pk: s for s in engine.lock_rows(list(camp.sessions.all())).values()}
    free = {pk: s.capacity - engine.holders(camp.distribution, pk)
            for pk, s in sessions.items()}
    taken = {pk: places_by_sex(s) for pk, s in sessions.items()}  # girls / boys holding
    applications = list(Application.objects.filter(
        camp=camp, status=A.VERIFIED, participant__isnull=True).select_related("child"))
    result = []
    for group in rank(camp, applications, seed):
        choices = _choices(group, sessions)
        need = Counter(a.sex for a in group.applications)
        target = next((s for s in choices if _refusal(s, need, free, taken) is None), None)
        session = target or (choices[0] if choices else None)
        reason = _refusal(session, need, free, taken) \
            if session is not None and target is None else None
        rows = []
        for application in group.applications:
            entry = {"application": application.pk, "score": application.score,
                     "ticket": group.ticket, "session": session.pk if session else None,
                     "status": "no_session"}
            if reason:
                entry["reason"] = reason
            if session is not None:
                participant = engine.register(
                    actor, camp.distribution, session, [application.child],
                    household=application.household, contact=application.contact,
                    wait=target is None, details={"reason": reason} if reason else None)[0]
                application.participant = participant
                application.save(update_fields=["participant", "score"])
                _sync(application, participant)
                entry["status"] = participant.status
                rows.append(participant)
            else:
                application.save(update_fields=["score"])
            result.append(entry)
        if target is not None:
            free[target.pk] -= len(group.applications)
            taken[target.pk].update(need)
            notify(camp, target, rows, "camp_registered")
    run = QualificationRun.objects.create(camp=camp, seed=seed, scoring=camp.scoring(),
                                          result=result, actor=actor if getattr(
                                              actor, "is_authenticated", False) else None)
    audit.record(actor, "create", run, {"seed": [None, seed], "ranked": [None, len(result)]},
                 root=camp)
    return run


def replay(run: QualificationRun) -> list[int]:
    """The order the run's seed and scoring give for its applications (an audit)."""
    ids = [row["application"] for row in run.result]
    applications = list(Application.objects.filter(pk__in=ids).select_related("child"))
    camp = run.camp
    for name, value in run.scoring.items():
        setattr(camp, f"points_{name}", value)
    return [a.pk for group in rank(camp, applications, run.seed) for a in group.applications]

