"""Portuguese (Brazil and Portugal): the words the shared English/Portuguese lists of
`capture.extract` do not already hold, and what tells the language apart."""

from capture.lang.lexicon import Lexicon

LEXICON = Lexicon(
    language="pt",
    titles=("sócio-gerente", "sócia-gerente", "diretora-geral", "gerente comercial", "administrador",
            "administradora", "consultor", "consultora", "engenheiro", "engenheira", "analista", "coordenador",
            "coordenadora", "supervisor", "supervisora", "vendedor", "vendedora", "corretor", "corretora"),
    departments=("departamento", "setor", "diretoria", "gerência", "recursos humanos", "financeiro", "comercial",
                 "atendimento"),
    company_forms=("ltda", "ltda.", "s.a.", "s/a", "me", "epp", "eireli", "lda", "lda.", "unipessoal"),
    business_words=("padaria", "açougue", "salão", "farmácia", "oficina", "restaurante", "imobiliária", "despachante",
                    "advocacia", "contabilidade", "clínica", "loja", "mercado", "papelaria", "construtora"),
    phone_labels={
        "work": ("telefone", "fone", "tel"),
        "mobile": ("celular", "cel", "whatsapp", "telemóvel", "tlm"),
        "fax": ("fax",),
    },
    other_labels=("e-mail", "site", "endereço"),
    address_labels=("matriz", "filial", "sede", "loja"),
    street_words=("rua", "avenida", "av.", "travessa", "praça", "alameda", "estrada", "rodovia", "largo", "r."),
    markers=("de", "do", "da", "dos", "das", "e", "para", "com", "seu", "sua", "rua", "avenida", "celular",
             "qualidade", "confiança", "você", "não", "ção", "ções"),
    letters="ãõ",
    countries=("BR", "PT", "AO", "MZ"),
)
