"""Dutch: titles, often compounds ("Accountmanager", "Projectleider"), company forms (B.V., N.V.,
V.O.F.), the postal code (1234 AB) before the city, the house number after the street."""

from capture.lang.lexicon import Lexicon

LEXICON = Lexicon(
    language="nl",
    titles=(
        "directeur", "algemeen directeur", "directeur-eigenaar", "eigenaar", "eigenaresse", "oprichter",
        "bedrijfsleider", "hoofd", "teamleider", "projectleider", "afdelingshoofd", "adviseur", "adviseuse",
        "medewerker", "medewerkster", "accountmanager", "verkoopleider", "advocaat", "notaris", "arts", "tandarts",
        "ontwikkelaar", "programmeur", "ontwerper", "ontwerpster", "vennoot", "bestuurder", "voorzitter",
        "secretaris", "penningmeester", "monteur", "installateur", "specialist", "verkoper", "verkoopster",
        "boekhouder", "inkoper", "planner", "coördinator", "stagiair", "stagiaire", "consulent", "docent",
    ),
    title_endings=("leider", "adviseur", "medewerker", "medewerkster", "manager", "ontwikkelaar", "directeur",
                   "coördinator", "specialist", "consulent", "ontwerper", "monteur"),
    departments=("afdeling", "inkoop", "verkoop", "financiën", "personeelszaken", "klantenservice", "administratie",
                 "directie", "buitendienst", "binnendienst", "juridische zaken"),
    company_forms=("b.v.", "bv", "n.v.", "nv", "v.o.f.", "vof", "c.v.", "stichting", "vereniging", "coöperatie",
                   "eenmanszaak", "& zn.", "en zonen", "holding"),
    business_words=("bakkerij", "slagerij", "kapsalon", "kapper", "apotheek", "garage", "restaurant", "hotel",
                    "makelaardij", "bloemist", "installatiebedrijf", "schildersbedrijf", "advocatenkantoor",
                    "adviesbureau", "transport", "bouw", "techniek", "praktijk"),
    phone_labels={
        "work": ("telefoon", "tel", "kantoor", "algemeen"),
        "mobile": ("mobiel", "mob", "gsm"),
        "fax": ("fax",),
    },
    other_labels=("e-mail", "website", "adres", "bezoekadres", "postadres"),
    address_labels=("hoofdkantoor", "vestiging", "filiaal", "bezoekadres", "postadres", "magazijn"),
    street_words=("straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "hof", "pad", "steeg",
                  "markt", "dreef", "baan", "park"),
    markers=("de", "het", "een", "en", "van", "voor", "met", "uw", "onze", "mobiel", "telefoon", "straat",
             "kwaliteit", "vakmanschap"),
    letters="ĳ",
    countries=("NL", "SR"),
)
