"""Two people for what can hurt: changes that wait for a second curator.

A wrong crisis number, a rule stated harsher than its source or a false promise of privacy
harms the person who relies on it, so changes to these never reach the public on one
person's say-so:

- contact details: the service's ways to get in touch (its contact points) and website;
- crisis text: "Things to know" (status_note) and, for a service with no way to contact
  it, who can help the reader get there (route_in). The crisis contacts on every page are
  part of the code, changed only through review of the code;
- the self-harm policy, with its wording, qualifier, source and our note beside it;
- what happens if you tell them (sharing);
- going public: a service becoming published shows all of the above at once.

A curator's save keeps these at their last approved values on the service (what the public
sees) and records the new values as a ProposedChange; a reviewer who did not propose it sees
old and new side by side and approves or rejects it. Everything else publishes on save.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from services.choices import ServiceStatus
from services.curation.choices import ProposalStatus
from services.curation.models import ProposedChange
from services.models import ContactPoint, Service

CONTACT_FIELDS = ("website",)
CRISIS_TEXT_FIELDS = ("status_note", "route_in")
SELF_HARM_POLICY_FIELDS = (
    "self_harm_policy",
    "self_harm_policy_weeks",
    "self_harm_policy_qualifier",
    "self_harm_policy_wording",
    "self_harm_policy_source",
    "curator_note",
)
SHARING_FIELDS = ("sharing", "sharing_note")
# The service's own fields whose changes wait for a second curator (the spreadsheet import
# refuses changes to them and sends curators to the admin).
SENSITIVE_FIELDS = frozenset(
    (*CONTACT_FIELDS, *CRISIS_TEXT_FIELDS, *SELF_HARM_POLICY_FIELDS, *SHARING_FIELDS)
)
STATUS = "status"
CONTACT_POINTS = "contact_points"
# A contact point as a proposal holds it: every field a reader sees, in this order.
CONTACT_POINT_FIELDS = (
    "method",
    "value",
    "keyword",
    "label",
    "for_professionals",
    "hours_note",
    "position",
)
APPROVE_PERMISSION = "curation.approve_change"


@dataclass(frozen=True)
class Difference:
    """One line of the side-by-side view: what the public sees now, and what was proposed."""

    name: str
    now: str
    proposed: str


def is_public(service: Service) -> bool:
    return service.status == ServiceStatus.PUBLISHED


def held_back(current: Service | None, edited: Service) -> dict[str, object]:
    """The fields of an edit that must wait, with their new values; puts the last approved
    values back on `edited` so that saving it publishes only the rest.

    `current` is the service as stored (what the public sees), None for a new one. For a
    service nobody can see yet, its details wait for nothing, but making it public does.
    Values are compared, not a form's idea of what changed: restoring an old version from
    the history, or an import, changes values no form field reports as changed."""
    waiting = {}
    if current is not None and is_public(current):
        for name in sorted(SENSITIVE_FIELDS):
            if getattr(edited, name) != getattr(current, name):
                waiting[name] = getattr(edited, name)
                setattr(edited, name, getattr(current, name))
    if is_public(edited) and (current is None or not is_public(current)):
        waiting[STATUS] = edited.status
        edited.status = ServiceStatus.DRAFT if current is None else current.status
    return waiting


def contact_points_proposed(forms) -> list[dict]:
    """The whole list of contact points an admin inline's forms describe, once valid: the
    rows kept or edited, and new ones, in the order the page shows them."""
    points = []
    for form in forms:
        if form.cleaned_data.get("DELETE") or not form.cleaned_data:
            continue
        if form.instance.pk is None and not form.has_changed():
            continue  # an empty row for adding one
        points.append(
            {
                name: form.cleaned_data.get(name, getattr(form.instance, name))
                for name in CONTACT_POINT_FIELDS
            }
        )
    return sorted(points, key=lambda point: point["position"])


def contact_points_of(service: Service) -> list[dict]:
    return [_contact_point(point) for point in service.contact_points.order_by("position", "pk")]


def propose(
    service: Service,
    *,
    fields: Mapping[str, object],
    contact_points: list[dict] | None,
    proposed_by: AbstractBaseUser,
    reason: str = "",
) -> ProposedChange | None:
    """Record a change to wait for approval; None when it changes nothing after all."""
    stored = Service.objects.get(pk=service.pk)
    before, after = {}, {}
    for name, value in fields.items():
        now = getattr(stored, name)
        if value != now:
            before[name], after[name] = now, value
    if contact_points is not None:
        now_points = contact_points_of(stored)
        if contact_points != now_points:
            before[CONTACT_POINTS], after[CONTACT_POINTS] = now_points, contact_points
    if not after:
        return None
    if STATUS in after:
        # Going public shows everything that waits for nobody on a draft: the approver
        # sees it all, as the public will.
        for name in sorted(SENSITIVE_FIELDS - after.keys()):
            before[name] = after[name] = getattr(stored, name)
        if CONTACT_POINTS not in after:
            before[CONTACT_POINTS] = after[CONTACT_POINTS] = contact_points_of(stored)
    return ProposedChange.objects.create(
        service=stored,
        before=_json(before),
        after=_json(after),
        proposed_by=proposed_by,
        reason=reason.strip()[:500],
    )


def may_decide(user: AbstractBaseUser, proposal: ProposedChange) -> bool:
    """A reviewer, and not the person who proposed it."""
    return user.has_perm(APPROVE_PERMISSION) and user.pk != proposal.proposed_by_id


@transaction.atomic
def approve(proposal: ProposedChange, *, approved_by: AbstractBaseUser, note: str = "") -> None:
    """Publish a proposed change. Refused (ValidationError) when what the public sees has
    changed since it was proposed: the approver would be approving something unseen."""
    proposal = _decidable(proposal, approved_by)
    service = Service.objects.select_for_update().get(pk=proposal.service_id)
    if _values_now(service, proposal.before.keys()) != proposal.before:
        raise ValidationError(
            "The public record has changed since this was proposed. Reject it, and ask for "
            "the change to be made again from the record as it is now."
        )
    for name, value in proposal.after.items():
        if name not in (CONTACT_POINTS, STATUS):
            setattr(service, name, Service._meta.get_field(name).to_python(value))
    if STATUS in proposal.after:
        service.status = proposal.after[STATUS]
    who = proposal.proposed_by.get_username()
    service._change_reason = f"Approved change proposed by {who}: {proposal.reason}"[:100]
    service._history_user = approved_by
    service.full_clean()
    service.save()
    if CONTACT_POINTS in proposal.after:
        _replace_contact_points(service, proposal.after[CONTACT_POINTS], approved_by)
    _decide(proposal, ProposalStatus.APPROVED, approved_by, note)


@transaction.atomic
def reject(proposal: ProposedChange, *, rejected_by: AbstractBaseUser, note: str = "") -> None:
    proposal = _decidable(proposal, rejected_by)
    _decide(proposal, ProposalStatus.REJECTED, rejected_by, note)


def differences(proposal: ProposedChange) -> list[Difference]:
    """What the approver reads: each field's name, its value now and the proposed one."""
    lines = []
    for name, proposed in proposal.after.items():
        now = proposal.before.get(name)
        if name == CONTACT_POINTS:
            lines.append(Difference("Ways to get in touch", _points(now), _points(proposed)))
        elif name == STATUS:
            labels = dict(ServiceStatus.choices)
            lines.append(Difference("Status", labels.get(now, now), labels.get(proposed, proposed)))
        else:
            field = Service._meta.get_field(name)
            lines.append(
                Difference(
                    str(field.verbose_name).capitalize(),
                    _shown(field, now),
                    _shown(field, proposed),
                )
            )
    return lines


def _decidable(proposal: ProposedChange, user: AbstractBaseUser) -> ProposedChange:
    proposal = ProposedChange.objects.select_for_update().get(pk=proposal.pk)
    if not may_decide(user, proposal):
        raise PermissionDenied("A change is approved by a reviewer who did not propose it.")
    if not proposal.is_pending:
        raise ValidationError("This change has already been decided.")
    return proposal


def _decide(proposal: ProposedChange, status: str, user: AbstractBaseUser, note: str) -> None:
    proposal.status = status
    proposal.decided_by = user
    proposal.decided_at = timezone.now()
    proposal.decision_note = note.strip()[:500]
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


def _values_now(service: Service, names: Iterable[str]) -> dict:
    values = {}
    for name in names:
        if name == CONTACT_POINTS:
            values[name] = contact_points_of(service)
        else:
            values[name] = getattr(service, name)
    return _json(values)


def _replace_contact_points(service: Service, points: list[dict], user) -> None:
    """The approved list, as it was proposed: rows that match one stay as they are (their
    history unbroken), the rest are removed or added."""
    wanted = [dict(point) for point in points]
    for existing in list(service.contact_points.all()):
        as_proposed = _contact_point(existing)
        if as_proposed in wanted:
            wanted.remove(as_proposed)
        else:
            existing._history_user = user
            existing.delete()
    for point in wanted:
        added = ContactPoint(
            service=service, **{name: point[name] for name in CONTACT_POINT_FIELDS}
        )
        added._history_user = user
        added.full_clean()
        added.save()


def _contact_point(point: ContactPoint) -> dict:
    return {name: getattr(point, name) for name in CONTACT_POINT_FIELDS}


def _json(values: dict) -> dict:
    # Through the encoder and back, so what is compared is what the database keeps.
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _shown(field, value) -> str:
    if value in (None, ""):
        return "(empty)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _points(points: list[dict] | None) -> str:
    if not points:
        return "(none)"
    labels = dict(ContactPoint.Method.choices)
    lines = []
    for point in points:
        words = [f"{labels.get(point['method'], point['method'])}: {point['value']}"]
        if point.get("keyword"):
            words.append(f"text '{point['keyword']}'")
        if point.get("label"):
            words.append(f"({point['label']})")
        if point.get("for_professionals"):
            words.append("for professionals only")
        if point.get("hours_note"):
            words.append(f"[{point['hours_note']}]")
        lines.append(" ".join(words))
    return "\n".join(lines)
