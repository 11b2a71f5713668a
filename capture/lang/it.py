"""Italian: titles ("Direttore commerciale", "Responsabile acquisti", "Amministratore delegato"),
company forms after the name (S.p.A., S.r.l.), the postal code (CAP) before the city."""

from capture.lang.lexicon import Lexicon

LEXICON = Lexicon(
    language="it",
    titles=(
        "direttore", "direttrice", "direttore generale", "amministratore delegato", "amministratore unico",
        "amministratore", "presidente", "vicepresidente", "responsabile", "dirigente", "capo", "consulente",
        "ingegnere", "avvocato", "architetto", "geometra", "ragioniere", "commercialista", "tecnico", "tecnica",
        "analista", "sviluppatore", "sviluppatrice", "progettista", "agente", "rappresentante", "impiegato",
        "impiegata", "assistente", "segretario", "segretaria", "socio", "socia", "fondatore", "fondatrice",
        "titolare", "coordinatore", "coordinatrice", "funzionario", "funzionaria", "medico", "farmacista",
        "capo progetto", "capo reparto", "addetto", "addetta", "specialista", "designer", "venditore", "venditrice",
    ),
    departments=("ufficio", "reparto", "divisione", "direzione", "area", "settore", "risorse umane",
                 "amministrazione", "servizio clienti", "ufficio commerciale", "ufficio acquisti", "ufficio tecnico"),
    company_forms=("s.p.a.", "spa", "s.r.l.", "srl", "s.r.l.s.", "s.a.s.", "s.n.c.", "s.c.a.r.l.", "soc. coop.",
                   "& c.", "e figli", "fratelli", "f.lli"),
    business_words=("panificio", "macelleria", "parrucchiere", "farmacia", "officina", "ristorante", "albergo",
                    "hotel", "immobiliare", "fioraio", "ferramenta", "studio", "trattoria", "pizzeria",
                    "costruzioni", "trasporti", "libreria", "salone"),
    phone_labels={
        "work": ("telefono", "tel", "centralino", "ufficio"),
        "mobile": ("cellulare", "cell", "mobile"),
        "fax": ("fax",),
    },
    other_labels=("e-mail", "posta", "sito", "sito web", "indirizzo", "pec"),
    address_labels=("sede", "sede legale", "sede operativa", "filiale", "stabilimento", "magazzino", "ufficio"),
    street_words=("via", "viale", "piazza", "p.zza", "corso", "largo", "vicolo", "strada", "contrada", "località",
                  "loc.", "piazzale", "lungomare", "borgo"),
    markers=("di", "del", "della", "e", "il", "la", "per", "con", "dal", "via", "piazza", "cellulare", "sito",
             "qualità", "servizio"),
    letters="ìò",
    countries=("IT", "SM", "VA"),
)
