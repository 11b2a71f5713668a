"""Per-country tables: names, companies, cities with their postal and phone codes.

Cities carry their own phone area code so a card's landline matches its address,
as on a real card. Everything is English-language, as cards printed for export are.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    region: str | None  # state/prefecture as printed, None where cards don't print one
    postal: str  # pattern: '#' a digit, 'A' a capital letter, other characters literal
    area: str  # phone area code (national significant digits, no trunk prefix)
    local: str  # pattern of the subscriber number after the area code


@dataclass(frozen=True)
class Region:
    code: str
    cc: str  # country calling code
    country: str  # country name as printed
    given_m: tuple[str, ...]
    given_f: tuple[str, ...]
    family: tuple[str, ...]
    legal: tuple[str, ...]
    tlds: tuple[str, ...]
    cities: tuple[City, ...]
    mobile: tuple[str, ...]  # patterns of mobile national significant numbers
    streets: tuple[str, ...]


ENGLISH_M = ("James", "Michael", "Robert", "David", "William", "Daniel", "Thomas", "Matthew",
             "Andrew", "Christopher", "Kevin", "Brian", "Steven", "Jason", "Ryan", "Eric")
ENGLISH_F = ("Jennifer", "Sarah", "Emily", "Jessica", "Laura", "Rachel", "Megan", "Karen",
             "Olivia", "Hannah", "Rebecca", "Amanda", "Nicole", "Michelle", "Claire", "Susan")

REGIONS: dict[str, Region] = {
    "US": Region(
        "US", "1", "USA", ENGLISH_M, ENGLISH_F,
        ("Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Anderson", "Taylor",
         "Thompson", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "Mitchell", "Carter"),
        ("Inc.", "LLC", "Corp.", "Inc.", "LLC", "Group"), ("com", "com", "net", "io"),
        (City("San Francisco", "CA", "941##", "415", "[2-9]##[2-9]###"),
         City("Austin", "TX", "787##", "512", "[2-9]##[2-9]###"),
         City("Seattle", "WA", "981##", "206", "[2-9]##[2-9]###"),
         City("Chicago", "IL", "606##", "312", "[2-9]##[2-9]###"),
         City("Boston", "MA", "021##", "617", "[2-9]##[2-9]###"),
         City("Denver", "CO", "802##", "303", "[2-9]##[2-9]###"),
         City("Atlanta", "GA", "303##", "404", "[2-9]##[2-9]###"),
         City("New York", "NY", "100##", "212", "[2-9]##[2-9]###")),
        ("AREA[2-9]##[2-9]###", "[2-9]##[2-9]##[2-9]###"),
        ("Market Street", "Main Street", "Oak Avenue", "Congress Avenue", "Pine Street",
         "Lakeshore Drive", "Peachtree Road", "Broadway", "Elm Street", "Commerce Parkway"),
    ),
    "GB": Region(
        "GB", "44", "United Kingdom", (*ENGLISH_M, "Oliver", "Harry", "George"),
        (*ENGLISH_F, "Charlotte", "Amelia", "Sophie"),
        ("Evans", "Hughes", "Roberts", "Wood", "Wright", "Green", "Edwards", "Turner",
         "Cooper", "Ward", "Morris", "Patel", "Bennett", "Knight", "Fletcher"),
        ("Ltd", "Ltd.", "Limited", "PLC", "LLP"), ("co.uk", "co.uk", "com", "uk"),
        (City("London", None, "EC1A #AA", "20", "7###[0-9]###"),
         City("London", None, "WC2B #AA", "20", "3###[0-9]###"),
         City("Manchester", None, "M# #AA", "161", "[2-9]######"),
         City("Birmingham", None, "B# #AA", "121", "[2-9]######"),
         City("Leeds", None, "LS# #AA", "113", "[2-9]######"),
         City("Edinburgh", None, "EH# #AA", "131", "[2-9]######"),
         City("Bristol", None, "BS# #AA", "117", "[2-9]######")),
        ("7[4-9]########",),
        ("High Street", "Kingsway", "Victoria Road", "Church Lane", "Deansgate", "Queen Street",
         "Park Row", "Whitehall Place", "Castle Street", "Princes Street"),
    ),
    "DE": Region(
        "DE", "49", "Germany",
        ("Lukas", "Jonas", "Felix", "Maximilian", "Stefan", "Thomas", "Andreas", "Markus", "Tobias"),
        ("Anna", "Lena", "Katharina", "Julia", "Sabine", "Claudia", "Miriam", "Johanna", "Petra"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
         "Hoffmann", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Braun"),
        ("GmbH", "GmbH", "AG", "GmbH & Co. KG"), ("de", "de", "com"),
        (City("Berlin", None, "10###", "30", "[2-9]#######"),
         City("Munich", None, "80###", "89", "[2-9]#######"),
         City("Hamburg", None, "20###", "40", "[2-9]#######"),
         City("Frankfurt am Main", None, "60###", "69", "[2-9]#######"),
         City("Cologne", None, "50###", "221", "[2-9]######"),
         City("Stuttgart", None, "70###", "711", "[2-9]######")),
        ("151########", "160#######", "170#######", "171#######", "176########"),
        ("Hauptstraße", "Friedrichstraße", "Leopoldstr.", "Bahnhofstraße", "Kaiserstraße",
         "Schillerstr.", "Goethestraße", "Lindenallee", "Am Sandtorkai", "Königstraße"),
    ),
    "FR": Region(
        "FR", "33", "France",
        ("Julien", "Nicolas", "Thomas", "Antoine", "Pierre", "Mathieu", "Guillaume", "Laurent"),
        ("Camille", "Claire", "Sophie", "Élodie", "Juliette", "Isabelle", "Céline", "Margaux"),
        ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy",
         "Moreau", "Laurent", "Lefèvre", "Fournier", "Girard", "Bonnet", "Mercier"),
        ("SAS", "SARL", "S.A.", "SAS"), ("fr", "fr", "com", "eu"),
        (City("Paris", None, "750##", "1", "[4-5]#######"),
         City("Lyon", None, "6900#", "4", "7#######"),
         City("Marseille", None, "130##", "4", "9#######"),
         City("Toulouse", None, "3100#", "5", "6#######"),
         City("Bordeaux", None, "3300#", "5", "5#######"),
         City("Lille", None, "5900#", "3", "2#######")),
        ("6########", "7[3-8]#######"),
        ("rue de la Paix", "avenue des Champs-Élysées", "rue de Rivoli", "boulevard Haussmann",
         "rue de la République", "quai des Chartrons", "rue Nationale", "place Bellecour"),
    ),
    "BR": Region(
        "BR", "55", "Brazil",
        ("João", "Pedro", "Lucas", "Gabriel", "Rafael", "Carlos", "Marcelo", "Rodrigo", "Thiago"),
        ("Ana", "Mariana", "Juliana", "Fernanda", "Camila", "Beatriz", "Larissa", "Patrícia"),
        ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida",
         "Nascimento", "Lima", "Araújo", "Ribeiro", "Carvalho", "Gomes", "Martins"),
        ("Ltda.", "Ltda.", "S.A.", "ME", "EIRELI"), ("com.br", "com.br", "com"),
        (City("São Paulo", "SP", "01###-###", "11", "[2-5]#######"),
         City("Rio de Janeiro", "RJ", "20###-###", "21", "[2-3]#######"),
         City("Belo Horizonte", "MG", "30###-###", "31", "[2-3]#######"),
         City("Curitiba", "PR", "80###-###", "41", "3#######"),
         City("Porto Alegre", "RS", "90###-###", "51", "3#######")),
        ("AREA9[6-9]#######",),
        ("Av. Paulista", "Rua Augusta", "Av. Rio Branco", "Rua da Consolação", "Av. Atlântica",
         "Rua XV de Novembro", "Av. Afonso Pena", "Rua dos Andradas", "Alameda Santos"),
    ),
    "IN": Region(
        "IN", "91", "India",
        ("Rahul", "Amit", "Vikram", "Arjun", "Rajesh", "Sanjay", "Anil", "Karthik", "Suresh"),
        ("Priya", "Anjali", "Neha", "Kavya", "Deepa", "Sneha", "Pooja", "Lakshmi", "Meera"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Menon", "Rao", "Kumar",
         "Singh", "Joshi", "Mehta", "Desai", "Krishnan", "Bhat"),
        ("Pvt. Ltd.", "Pvt. Ltd.", "Ltd.", "LLP"), ("in", "co.in", "com"),
        (City("Mumbai", "Maharashtra", "4000##", "22", "[2-7]#######"),
         City("New Delhi", "Delhi", "1100##", "11", "[2-6]#######"),
         City("Bengaluru", "Karnataka", "5600##", "80", "[2-4]#######"),
         City("Chennai", "Tamil Nadu", "6000##", "44", "[2-4]#######"),
         City("Hyderabad", "Telangana", "5000##", "40", "[2-4]#######"),
         City("Pune", "Maharashtra", "4110##", "20", "[2-4]#######")),
        ("9[7-9]########", "8[7-9]########", "7[0-9]########"),
        ("MG Road", "Nariman Point", "Connaught Place", "Anna Salai", "Banjara Hills Road No. 2",
         "Brigade Road", "Residency Road", "FC Road", "Linking Road"),
    ),
    "AU": Region(
        "AU", "61", "Australia", (*ENGLISH_M, "Jack", "Liam", "Noah"),
        (*ENGLISH_F, "Chloe", "Zoe", "Mia"),
        ("Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Martin",
         "White", "Kelly", "Ryan", "Walsh", "Campbell", "Murphy", "Stewart"),
        ("Pty Ltd", "Pty. Ltd.", "Pty Ltd", "Limited"), ("com.au", "com.au", "net.au", "com"),
        (City("Sydney", "NSW", "2000", "2", "[8-9]#######"),
         City("Melbourne", "VIC", "3000", "3", "9#######"),
         City("Brisbane", "QLD", "4000", "7", "3#######"),
         City("Perth", "WA", "6000", "8", "9#######"),
         City("Adelaide", "SA", "5000", "8", "8#######")),
        ("4[0-9]#######",),
        ("Pitt Street", "George Street", "Collins Street", "Queen Street", "St Georges Terrace",
         "King William Street", "Bourke Street", "Elizabeth Street", "Macquarie Street"),
    ),
    "JP": Region(
        "JP", "81", "Japan",
        ("Haruto", "Takumi", "Kenji", "Hiroshi", "Daisuke", "Kohei", "Shota", "Yuki", "Ryo"),
        ("Yui", "Aoi", "Sakura", "Haruka", "Misaki", "Ayaka", "Nanami", "Yoko", "Emi"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
         "Kobayashi", "Kato", "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue"),
        ("Co., Ltd.", "K.K.", "Inc.", "Corporation", "Co., Ltd."), ("co.jp", "co.jp", "jp", "com"),
        (City("Tokyo", None, "1##-####", "3", "[3-6]###[0-9]###"),
         City("Osaka", None, "5##-####", "6", "6###[0-9]###"),
         City("Yokohama", None, "22#-####", "45", "[2-9]######"),
         City("Nagoya", None, "46#-####", "52", "[2-9]######"),
         City("Fukuoka", None, "81#-####", "92", "[2-9]######")),
        ("90[1-9]#######", "80[1-9]#######", "70[1-9]#######"),
        ("Nishi-Shinjuku", "Marunouchi", "Umeda", "Minatomirai", "Sakae", "Hakata Ekimae",
         "Shiba", "Akasaka", "Nihonbashi"),
    ),
}

# Wards printed in Japanese addresses, by city; they go in the label's region, as the real set does.
JP_WARDS = {"Tokyo": ("Shinjuku-ku", "Chiyoda-ku", "Minato-ku", "Chuo-ku", "Shibuya-ku"),
            "Osaka": ("Kita-ku", "Chuo-ku"), "Yokohama": ("Nishi-ku", "Naka-ku"),
            "Nagoya": ("Naka-ku", "Nakamura-ku"), "Fukuoka": ("Hakata-ku", "Chuo-ku")}

COMPANY_FIRST = ("North", "Blue", "Silver", "Summit", "Harbor", "Cedar", "Bright", "Atlas",
                 "Pioneer", "Vertex", "Orion", "Keystone", "Evergreen", "Crescent", "Falcon",
                 "Meridian", "Sterling", "Nova", "Redwood", "Granite", "Lumen", "Apex")
COMPANY_SECOND = ("wind", "peak", "stone", "field", "bridge", "line", "point", "gate", "works",
                  "view", "wave", "path", "light", "core")
COMPANY_TRADE = ("Analytics", "Logistics", "Consulting", "Engineering", "Software", "Design",
                 "Systems", "Partners", "Robotics", "Foods", "Capital", "Media", "Labs",
                 "Architects", "Solutions", "Energy", "Health", "Security", "Networks", "Trading")
TAGLINES = ("Building better logistics", "Engineering the future", "Since 1987",
            "Quality you can trust", "Smart solutions for business", "Your partner in growth",
            "Design. Build. Deliver.", "Innovation at work")

TITLES = ("Software Engineer", "Senior Software Engineer", "Product Manager", "Sales Manager",
          "Account Executive", "Marketing Director", "Chief Executive Officer", "CEO",
          "Chief Technology Officer", "Managing Director", "Head of Operations", "Project Manager",
          "Business Development Manager", "Senior Consultant", "Data Scientist", "Principal Architect",
          "Regional Sales Director", "Office Manager", "Partner", "Founder", "General Manager",
          "HR Business Partner", "Financial Analyst", "Lead UX Designer", "Customer Success Manager")
# long titles, with a field after a comma or a grade range, as schools and universities print them
LONG_TITLES = ("Academic Advisor, School of Business", "3rd Grade Teacher", "7th – 8th Grade Science Teacher",
               "Director of Admissions and Financial Aid", "Senior Vice President, Global Operations",
               "Assistant Professor, Mechanical Engineering", "Program Coordinator, Student Success",
               "Head of Partnerships & Business Development", "Licensed Clinical Social Worker",
               "Vice President of Sales, North America", "Manager, Technical Support")
DEPARTMENTS = ("Engineering", "Sales & Marketing", "Research and Development", "Human Resources",
               "Finance Department", "Operations", "Customer Service", "IT Division",
               "Corporate Strategy Division", "International Sales Department")
PREFIXES = ("Dr.", "Dr.", "Prof.")
SUFFIXES = ("PhD", "Ph.D.", "MBA", "CPA", "Jr.", "P.E.", "M.D.", "CFA")
BUSINESS_MAILBOXES = ("info", "contact", "hello", "sales", "office", "enquiries")
