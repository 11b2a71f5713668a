"""English: its titles, company forms and labels are the base lists of `capture.extract`
(`titles`, `organization`, `labels`); here only what tells English apart from the others."""

from capture.lang.lexicon import Lexicon

LEXICON = Lexicon(
    language="en",
    markers=("the", "and", "of", "for", "your", "our", "with", "street", "st.", "road", "rd.", "avenue", "ave.",
             "suite", "floor", "building", "phone", "mobile", "cell", "email", "e-mail", "website", "manager",
             "director", "engineer", "sales", "marketing", "senior", "head", "officer", "president", "founder",
             "inc.", "inc", "ltd.", "ltd", "llc", "co.", "corp.", "corporation", "company", "group", "office",
             "quality", "solutions", "services", "systems", "technologies", "consulting", "partner", "your"),
    countries=("US", "GB", "AU", "NZ", "IE", "CA", "SG", "IN", "ZA", "PH", "MY", "NG", "KE", "GH"),
)
