"""French: titles before their field ("Directeur commercial", "Chargée de clientèle"), company forms
after the name (SARL, SAS, SA), the postal code before the city, the number before the street."""

from capture.lang.lexicon import Lexicon

LEXICON = Lexicon(
    language="fr",
    titles=(
        "directeur", "directrice", "directeur général", "directrice générale", "pdg", "président-directeur général",
        "dg", "gérant", "gérante", "responsable", "chef de projet", "chef", "chargé", "chargée", "ingénieur",
        "ingénieure", "ingénieur d'affaires", "ingénieure d'affaires", "commercial", "commerciale", "attaché",
        "attachée", "conseiller", "conseillère", "consultant", "consultante", "assistant", "assistante",
        "secrétaire", "comptable", "expert-comptable", "avocat", "avocate", "notaire", "architecte", "médecin",
        "technicien", "technicienne", "développeur", "développeuse", "analyste", "adjoint", "adjointe", "associé",
        "associée", "fondateur", "fondatrice", "président", "présidente", "vice-président", "vice-présidente",
        "administrateur", "administratrice", "délégué", "déléguée", "agent", "pharmacien", "pharmacienne",
        "infirmier", "infirmière", "professeur", "maître de conférences", "architecte d'intérieur", "opticien",
        "opticienne", "vendeur", "vendeuse", "acheteur", "acheteuse", "formateur", "formatrice",
    ),
    departments=(
        "direction", "service", "département", "pôle", "division", "cellule", "ressources humaines", "comptabilité",
        "achats", "service commercial", "service client", "service clients", "direction des systèmes d'information",
    ),
    company_forms=("sarl", "sas", "sasu", "sa", "s.a.", "eurl", "snc", "sci", "scp", "selarl", "ei", "eirl",
                   "et fils", "& fils", "& cie", "et cie"),
    business_words=("boulangerie", "boucherie", "fleuriste", "salon de coiffure", "coiffure", "pharmacie", "cabinet",
                    "garage", "restaurant", "hôtel", "librairie", "immobilier", "électricité", "transports",
                    "plomberie", "traiteur", "pâtisserie", "épicerie", "agence"),
    phone_labels={
        "work": ("téléphone", "tél", "standard", "ligne directe", "bureau"),
        "mobile": ("portable", "port", "mobile", "mob"),
        "fax": ("télécopie", "fax"),
    },
    other_labels=("courriel", "e-mail", "site web", "site", "adresse"),
    address_labels=("siège", "siège social", "agence", "succursale", "bureau", "usine", "dépôt"),
    street_words=("rue", "avenue", "av.", "boulevard", "bd", "chemin", "place", "allée", "impasse", "quai", "route",
                  "cours", "square", "rond-point", "faubourg"),
    markers=("de", "des", "du", "le", "la", "les", "et", "pour", "votre", "au", "quotidien", "rue", "avenue",
             "tél", "portable", "courriel", "site"),
    letters="éèêàçëœ",
    countries=("FR", "BE", "LU", "MC"),
)
