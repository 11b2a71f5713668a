"""The interview follow-up playbook: from a business card to a schedule of emails, letters and calls."""
