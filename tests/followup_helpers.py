"""Shared test data for the follow-up tests: an interviewer's card and a candidate profile."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from capture.contact import Address, Contact, Email, PersonName, Phone, PhoneType, TextField
from followup.model import Plan, Profile
from followup.rules import plan

BERLIN = ZoneInfo("Europe/Berlin")

JANE = Contact(
    name=PersonName("Jane Ødegård", given="Jane", family="Ødegård"),
    title=TextField("Head of Data Engineering"),
    organization=TextField("Acme Analytics GmbH"),
    emails=(Email("jane.odegard@acme-analytics.example"),),
    phones=(
        Phone("+4930123456789", "030 1234 56789", PhoneType.WORK),
        Phone("+4930123456780", "030 1234 56780", PhoneType.FAX),
    ),
    addresses=(Address(street="Friedrichstraße 123", city="Berlin", postal_code="10117", country="Germany"),),
)

BARE = Contact(name=PersonName("Pat Lee", given="Pat", family="Lee"), organization=TextField("Lee & Co"))

SAM = Profile(
    name="Sam Candidate",
    street="742 Evergreen Terrace",
    city="Springfield",
    region="IL",
    postal_code="62704",
    country="USA",
    phone="+1 217 555 0100",
    email="sam.candidate@example.org",
    position="Senior Data Engineer",
    strengths=("Eight years building data pipelines in Python.", "Led a team of five through a cloud migration."),
)

INTERVIEW = datetime(2026, 12, 1, 14, 0, tzinfo=BERLIN)  # a Tuesday
NOW = datetime(2026, 12, 1, 16, 30, tzinfo=BERLIN)


def make_plan(contact: Contact = JANE, profile: Profile = SAM, uid: str = "0123456789abcdef") -> Plan:
    steps = plan(contact, INTERVIEW, profile, NOW, holiday_country="DE")
    return Plan(
        uid=uid, contact=contact, interview=INTERVIEW, position=profile.position, holiday_country="DE", steps=steps
    )
