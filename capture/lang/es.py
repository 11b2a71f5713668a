"""Spanish: titles ("Director comercial", "Jefa de ventas"), company forms after the name (S.L.,
S.A., S.L.U.), the postal code before the city, the house number after the street ("Calle Mayor, 5")."""

from capture.lang.lexicon import Lexicon

LEXICON = Lexicon(
    language="es",
    titles=(
        "director", "directora", "director general", "directora general", "gerente", "jefe", "jefa", "responsable",
        "coordinador", "coordinadora", "consultor", "consultora", "asesor", "asesora", "ingeniero", "ingeniera",
        "técnico", "técnica", "analista", "desarrollador", "desarrolladora", "programador", "programadora",
        "abogado", "abogada", "contador", "contadora", "contable", "arquitecto", "arquitecta", "médico", "médica",
        "presidente", "presidenta", "vicepresidente", "vicepresidenta", "socio", "socia", "fundador", "fundadora",
        "administrador", "administradora", "asistente", "secretario", "secretaria", "ejecutivo", "ejecutiva",
        "representante", "comercial", "vendedor", "vendedora", "delegado", "delegada", "encargado", "encargada",
        "supervisor", "supervisora", "consejero delegado", "consejera delegada", "diseñador", "diseñadora",
        "especialista", "auxiliar", "agente",
    ),
    departments=("departamento", "dpto.", "dpto", "área", "dirección", "división", "recursos humanos",
                 "administración", "contabilidad", "compras", "atención al cliente", "servicio técnico"),
    company_forms=("s.a.", "s.l.", "s.l.u.", "s.a.u.", "s.c.", "s.coop.", "s.r.l.", "s.a. de c.v.", "s. de r.l.",
                   "sociedad anónima", "sociedad limitada", "y asociados", "hermanos", "hnos."),
    business_words=("panadería", "carnicería", "peluquería", "farmacia", "taller", "restaurante", "hotel",
                    "inmobiliaria", "floristería", "ferretería", "clínica", "consultoría", "abogados",
                    "construcciones", "transportes", "asesoría", "librería"),
    phone_labels={
        "work": ("teléfono", "telefono", "tlf", "tfno", "tfno.", "tel"),
        "mobile": ("móvil", "movil", "celular", "cel"),
        "fax": ("fax",),
    },
    other_labels=("correo", "correo electrónico", "e-mail", "web", "dirección", "sitio web"),
    address_labels=("sede", "oficina", "sucursal", "delegación", "fábrica", "almacén", "central"),
    street_words=("calle", "c/", "avenida", "avda.", "avda", "av.", "paseo", "plaza", "pza.", "camino", "carretera",
                  "ronda", "travesía", "glorieta", "polígono", "urbanización"),
    markers=("de", "del", "la", "el", "los", "las", "y", "para", "su", "con", "calle", "avenida", "móvil",
             "teléfono", "correo", "confianza", "calidad"),
    letters="ñ¿¡",
    countries=("ES", "MX", "AR", "CO", "CL", "PE", "VE", "EC", "GT", "CU", "BO", "DO", "HN", "PY", "SV", "NI",
               "CR", "PA", "UY"),
)
