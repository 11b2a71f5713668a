"""Export stage: a contact → vCard text or a JSON record."""

from capture.export.record import contact_from_record, contact_to_record, result_to_record
from capture.export.vcard import contact_to_vcard, join_vcards

__all__ = ["contact_from_record", "contact_to_record", "contact_to_vcard", "join_vcards", "result_to_record"]
