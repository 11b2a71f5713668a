"""Job titles and departments: keyword lexicons (English, Portuguese, Spanish, French, German).

A title line names a role ("Deputy Manager", "Gerente de Negócios", "Member of Technical Staff");
a department line names a unit ("Sensor Network Section", "Nonferrous Metal & Pigment Div").
"""

from __future__ import annotations

import re

from capture.lang.lexicon import alternation, latin, words

TITLE_WORDS = (
    # English
    "ceo|cto|cfo|coo|cio|cmo|cso|cpo|vp|svp|evp|avp|president|vice|chairman|chairwoman|chair|founder|co-founder"
    "|cofounder|owner|partner|principal|director|manager|mgr|head|chief|officer|executive|exec|lead|leader"
    "|supervisor|superintendent|foreman|coordinator|administrator|admin|assistant|asst|associate|secretary"
    "|treasurer|engineer|developer|programmer|architect|designer|analyst|scientist|researcher|consultant"
    "|advisor|adviser|specialist|technician|technologist|representative|rep|agent|broker|realtor|salesman"
    "|saleswoman|salesperson|account|accountant|auditor|attorney|lawyer|counsel|counselor|counsellor|paralegal|solicitor|barrister"
    "|notary|physician|doctor|dentist|surgeon|nurse|therapist|pharmacist|veterinarian|optometrist|chiropractor"
    "|professor|lecturer|teacher|instructor|tutor|dean|editor|writer|author|journalist|photographer|artist"
    "|producer|curator|planner|buyer|merchandiser|recruiter|trainer|coach|chef|cook|driver|operator|inspector"
    "|estimator|surveyor|clerk|receptionist|staff|member|fellow|intern|trainee|apprentice|student|volunteer"
    "|ambassador|evangelist|strategist|controller|comptroller|economist|statistician|librarian|pastor|minister"
    "|captain|commander|general manager|gm|md|managing|proprietor|entrepreneur|stylist|hairdresser|barber"
    "|mechanic|electrician|plumber|carpenter|contractor|installer|dispatcher|underwriter|adjuster|appraiser"
    "|investigator|officer|deputy|senior|sr|junior|jr|staff|team"
    # Portuguese / Spanish / French / German / Italian
    "|diretor|diretora|director|directora|gerente|coordenador|coordenadora|coordinador|coordinadora|supervisora"
    "|analista|engenheiro|engenheira|ingeniero|ingeniera|ingénieur|ingenieur|consultor|consultora|vendedor"
    "|vendedora|representante|assistente|asistente|auxiliar|técnico|técnica|tecnico|tecnica|sócio|sócia|socio"
    "|proprietário|proprietária|propietario|presidente|diretor-geral|advogado|advogada|abogado|abogada|médico"
    "|médica|dentista|enfermeira|enfermeiro|professor|professora|profesor|profesora|contador|contadora"
    "|escrevente|tabelião|tabeliã|corretor|corretora|arquiteto|arquiteta|arquitecto|designer|executivo"
    "|executiva|ejecutivo|ejecutiva|gestor|gestora|jefe|jefa|encarregado|encarregada|secretária|secretaria"
    "|atendente|estagiário|estagiária|directeur|directrice|responsable|chargé|chargée|chef de projet|conseiller"
    "|conseillère|gérant|gérante|commercial|geschäftsführer|geschaftsfuhrer|leiter|leiterin|berater|beraterin"
    "|vertrieb|inhaber|inhaberin|mitarbeiter|referent|referentin|prokurist|vorstand|direttore|responsabile"
    "|amministratore|titular|autorizado|autorizada"
)
# Each language's own titles (capture.lang), and the endings of its compound titles
# ("Vertriebsleiterin", "Accountmanager": two letters or more before the ending)
LANGUAGE_TITLES = alternation(latin(words("titles")))
TITLE_ENDINGS = alternation(latin(words("title_endings")))
TITLE_RE = re.compile(
    rf"(?<![\w])(?:{TITLE_WORDS}|{LANGUAGE_TITLES}|\w{{2,}}(?:{TITLE_ENDINGS}))(?![\w])\.?", re.IGNORECASE
)  # "Sócia-Diretora" too
# Words that only make a title together with another title word ("Senior", "Staff", "Team").
WEAK_TITLE = {
    "senior",
    "sr",
    "junior",
    "jr",
    "staff",
    "team",
    "member",
    "account",
    "vice",
    "associate",
    "head",
    "lead",
    "general",
    "managing",
    "commercial",
    "deputy",
    "officer",
    "autorizado",
    "autorizada",
    "titular",
    "md",
    "gm",
    "rep",
    "chair",
}
DEPARTMENT_RE = re.compile(
    r"(?<![\w-])(?:department|dept|dpt|division|div|section|sect|bureau|unit|group|team|office of|practice"
    r"|departamento|depto|setor|seção|divisão|diretoria|gerência|área|abteilung|bereich|abt|département"
    r"|service|services|laboratory|lab|faculty|school of|center for|centre for|"
    + alternation(latin(words("departments")))
    + r"|\w{2,}(?:"
    + alternation(latin(words("department_endings")))
    + r"))(?![\w-])\.?",
    re.IGNORECASE,
)


# "Head of Sales", "Leiter der Abteilung": a weak role word heading a unit names a role.
HEAD_OF_RE = re.compile(r"^\W*(?:head|lead|leiter|leiterin|chef|jefe|jefa|responsable)\s+(?:of|de|der|des|du)\b", re.I)
# "5th – 6th Grade Teacher", "2º Tabelião": ordinals belong to titles; other digits do not.
ORDINAL_RE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th|º|ª|°|e|er|ème)\b", re.IGNORECASE)


# The endings of words naming a person by what they do (agent nouns), in English, Spanish and
# Portuguese: Geochemist, Oceanographer, Psychotherapist, Trader, Operador, Pescadero, Antropólogo,
# Oficinista, Escribiente. A role no lexicon holds has one as its head word.
AGENT_ENDINGS = (
    "er", "or", "ist", "ian", "ant", "ent", "eer", "man", "woman", "ive", "ary",  # English
    "ero", "era", "eiro", "eira", "dor", "dora", "ista", "ante", "ente", "ario", "aria", "ário", "ária",
    "ólogo", "óloga", "ologo", "ologa", "eta",  # Spanish, Portuguese
)
AGENT_RE = re.compile(rf"^[^\W\d_]{{3,}}(?:{'|'.join(AGENT_ENDINGS)})$", re.IGNORECASE)


NOT_AGENT_RE = re.compile(r"(?:ment|center|centre)$", re.IGNORECASE)  # Development, Data Center: things


def agent_word(text: str) -> bool:
    """The text's words before any comma or bracket hold an agent noun ('Clinical biochemist',
    'Operador de máquinas', 'Runner, broadcasting/film')."""
    head = re.split(r"[,(/]", text, maxsplit=1)[0]
    return any(AGENT_RE.match(word) and not NOT_AGENT_RE.search(word) for word in head.split())


# A slogan speaks to the reader or for the firm: it starts with a possessive or a pronoun ("Your
# partner in growth", "Su socio de confianza", "Nosso compromisso é você"); a title never does.
SLOGAN_RE = re.compile(
    r"^\W*(?:your|our|we|you|su|sus|tu|nuestro|nuestra|nuestros|nuestras|seu|sua|seus|suas|nosso|nossa|nossos"
    r"|nossas|votre|vos|notre|nos|ihr|ihre|unser|unsere|uw|onze|il\s+vostro|la\s+vostra|il\s+nostro|la\s+nostra)\b",
    re.IGNORECASE,
)


def has_number(text: str) -> bool:
    """Digits other than ordinals: an address or a number, not a title."""
    return any(ch.isdigit() for ch in ORDINAL_RE.sub("", text))


def title_strength(text: str) -> float:
    """0 for no title word; 1 for a clear role word; 0.5 for only weak ones ('Senior', 'Staff')."""
    words = [m.group().lower().rstrip(".") for m in TITLE_RE.finditer(text)]
    if not words:
        return 0.0
    if HEAD_OF_RE.match(text):
        return 1.0
    strong = [w for w in words if w not in WEAK_TITLE]
    if strong:
        return 1.0
    return 0.6 if len(words) >= 2 else 0.3


# The functions a company's units are named after; a line made of nothing else ('Sales & Marketing',
# 'Finance and Operations', 'Ventas y Compras') is a department
FUNCTIONS = {
    "sales", "marketing", "finance", "operations", "engineering", "research", "development", "accounting",
    "purchasing", "procurement", "logistics", "legal", "compliance", "administration", "it", "hr", "r&d",
    "communications", "support", "production", "quality", "ventas", "compras", "finanzas", "operaciones",
    "ingeniería", "logística", "calidad", "vendas", "finanças", "operações", "engenharia", "qualidade",
}
FUNCTION_JOINERS = {"&", "and", "y", "e", "und", "et", "/", "+"}


def names_functions(text: str) -> bool:
    """The line names business functions only, two or more joined ('Sales & Marketing')."""
    words = [w.strip(",.").lower() for w in re.split(r"\s+|(?<=\w)/(?=\w)", text) if w.strip(",.")]
    functions = [w for w in words if w not in FUNCTION_JOINERS]
    return len(functions) >= 2 and all(w in FUNCTIONS for w in functions)


def is_department(text: str) -> bool:
    """A unit of the company, not a role: has a department word (or names business functions only)
    and no clear role word."""
    unit = bool(DEPARTMENT_RE.search(text)) or names_functions(text)
    return unit and title_strength(text) < 1.0 and not has_number(text)
