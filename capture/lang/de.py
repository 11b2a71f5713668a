"""German: titles are often compounds ("Vertriebsleiterin", "Steuerberater"), so word endings count
too; company forms follow the name (GmbH, AG, e.K., UG (haftungsbeschränkt)); the postal code
stands before the city and the house number after the street."""

from capture.lang.lexicon import Lexicon

LEXICON = Lexicon(
    language="de",
    titles=(
        "geschäftsführer", "geschäftsführerin", "geschäftsführender gesellschafter", "vorstand", "vorständin",
        "vorstandsvorsitzender", "vorstandsvorsitzende", "vorsitzender", "vorsitzende", "prokurist", "prokuristin",
        "leiter", "leiterin", "inhaber", "inhaberin", "gesellschafter", "gesellschafterin", "gründer", "gründerin",
        "direktor", "direktorin", "präsident", "präsidentin", "assistent", "assistentin", "sachbearbeiter",
        "sachbearbeiterin", "referent", "referentin", "berater", "beraterin", "ingenieur", "ingenieurin",
        "dipl.-ing.", "entwickler", "entwicklerin", "informatiker", "informatikerin", "kauffrau",
        "rechtsanwalt", "rechtsanwältin", "steuerberater", "steuerberaterin", "arzt", "ärztin", "zahnarzt",
        "zahnärztin", "architekt", "architektin", "techniker", "technikerin", "mitarbeiter",
        "mitarbeiterin", "einkäufer", "einkäuferin", "verkäufer", "verkäuferin", "sekretärin", "sekretär",
        "partnerin", "beauftragter", "beauftragte", "spezialist", "spezialistin", "designerin", "managerin",
        "vertreter", "vertreterin", "projektleiter", "projektleiterin", "teamleiter", "teamleiterin",
    ),
    # (the words that are also family names, Meister, Kaufmann, count only as endings: Bankkaufmann)
    title_endings=(
        "leiter", "leiterin", "führer", "führerin", "berater", "beraterin", "referent", "referentin", "ingenieur",
        "ingenieurin", "entwickler", "entwicklerin", "techniker", "technikerin", "kaufmann", "kauffrau",
        "assistent", "assistentin", "manager", "managerin", "direktor", "direktorin", "beauftragter",
        "beauftragte", "vorsitzender", "vorsitzende", "informatiker", "informatikerin", "meister", "meisterin",
        "arzt", "ärztin", "anwalt", "anwältin", "architekt", "architektin", "spezialist", "spezialistin",
        "sachbearbeiter", "sachbearbeiterin", "vertreter", "vertreterin", "planer", "planerin", "prüfer", "prüferin",
        "designer", "designerin", "betreuer", "betreuerin", "koordinator", "koordinatorin",
    ),
    departments=(
        "abteilung", "bereich", "vertrieb", "einkauf", "personal", "personalabteilung", "buchhaltung",
        "qualitätsmanagement", "geschäftsleitung", "kundendienst", "kundenservice", "forschung und entwicklung",
        "entwicklung", "verwaltung", "controlling", "rechtsabteilung", "marketing und vertrieb", "finanzen",
        "produktion", "logistikabteilung", "innendienst", "außendienst", "rechnungswesen",
    ),
    department_endings=("abteilung", "management", "wesen", "verwaltung", "dienst"),
    company_forms=(
        "gmbh & co. kg", "gmbh & co kg", "gmbh", "ag", "kg", "ohg", "gbr", "e.k.", "e. k.", "e.v.", "e. v.",
        "ug (haftungsbeschränkt)", "ug", "se", "kgaa", "mbh", "partg", "partgmbb",
    ),
    business_words=(
        "metzgerei", "bäckerei", "friseursalon", "friseur", "autowerkstatt", "werkstatt", "apotheke", "praxis",
        "kanzlei", "gaststätte", "restaurant", "hotel", "blumen", "steuerberatung", "beratung", "bau", "technik",
        "medizintechnik", "maschinenbau", "logistik", "immobilien", "versicherungen", "elektro", "sanitär",
    ),
    phone_labels={
        "work": ("telefon", "fon", "durchwahl", "zentrale", "festnetz"),
        "mobile": ("mobil", "handy", "mobiltelefon", "mobilfunk"),
        "fax": ("telefax", "fax"),
    },
    other_labels=("e-mail", "internet", "web", "anschrift", "adresse"),
    address_labels=("zentrale", "niederlassung", "filiale", "werk", "büro", "hauptsitz", "standort", "lager"),
    street_words=("straße", "strasse", "str.", "weg", "platz", "allee", "ring", "gasse", "damm", "ufer", "chaussee",
                  "markt", "steig", "pfad"),
    markers=("und", "der", "die", "das", "für", "mit", "ihr", "ihre", "telefon", "mobil", "handy", "straße",
             "gmbh", "geschäftsführer", "geschäftsführung", "internet", "qualität", "partner für"),
    letters="äöüß",
    countries=("DE", "AT", "CH", "LI"),
)
