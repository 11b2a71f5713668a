"""Formats: a contact → vCard text (`vcard`) and back (`vcardin`), and the JSON record (`record`)."""

from capture.export.record import contact_from_record, contact_to_record, result_from_record, result_to_record
from capture.export.vcard import contact_to_vcard, join_vcards

__all__ = [
    "contact_from_record",
    "contact_to_record",
    "contact_to_vcard",
    "join_vcards",
    "result_from_record",
    "result_to_record",
]
