"""What a card printed in each language looks like: labels, titles, departments, company forms, cities.

One `Locale` per printed language (and country). Names, street names, towns and buildings come
from Faker's locale of the same name (broad knowledge); these tables hold what Faker lacks: the
words printed on business cards (titles with their English form for bilingual cards, department
words, phone labels), legal forms with their placement, and a few major cities per country with
their phone area code and postal code pattern, so that a card's landline matches its address.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samples.cardgen.regions import City

Pair = tuple[str, str]  # (native, English)


@dataclass(frozen=True)
class Locale:
    lang: str  # the label's `lang`: en pt de fr es it nl ja zh-Hans zh-Hant ko
    region: str  # ISO country
    faker: str  # Faker locale for names, streets, towns
    script: str  # font script: latin ja zh-Hans zh-Hant ko
    cc: str  # country calling code
    country: str  # the country as printed on the card
    cities: tuple[City, ...]
    mobile: tuple[str, ...]  # patterns of mobile national significant numbers
    tlds: tuple[str, ...]
    work: tuple[str, ...]  # phone labels
    mobile_labels: tuple[str, ...]
    fax: tuple[str, ...]
    email_labels: tuple[str, ...]
    url_labels: tuple[str, ...]
    titles: tuple[tuple[str, str, str], ...]  # (masculine, feminine, English)
    departments: tuple[Pair, ...]
    legal: tuple[str, ...]  # legal forms, the first ones most common
    trades: tuple[Pair, ...]  # business words for company names (native, English)
    shops: tuple[str, ...] = ()  # business-only cards: '{x}' is filled with a name
    branch_labels: tuple[str, ...] = ()  # several addresses: 'Matriz:', '本社'
    landmarks: tuple[str, ...] = ()  # '{x}' is a place: 'Próximo ao {x}'
    places: tuple[str, ...] = ()
    separators: tuple[str, ...] = field(default=(": ", " ", ". "))


CJK = ("ja", "zh-Hans", "zh-Hant", "ko")

JA = Locale(
    "ja", "JP", "ja_JP", "ja", "81", "Japan",
    (City("千代田区", "東京都", "100-####", "3", "[3-6]#######"),
     City("中央区", "東京都", "104-00##", "3", "[3-6]#######"),
     City("港区", "東京都", "105-00##", "3", "[3-6]#######"),
     City("新宿区", "東京都", "160-00##", "3", "[3-6]#######"),
     City("渋谷区", "東京都", "150-00##", "3", "[3-6]#######"),
     City("品川区", "東京都", "141-00##", "3", "[3-6]#######"),
     City("大阪市北区", "大阪府", "530-00##", "6", "[3-6]#######"),
     City("大阪市中央区", "大阪府", "541-00##", "6", "[3-6]#######"),
     City("横浜市西区", "神奈川県", "220-00##", "45", "[2-9]######"),
     City("名古屋市中区", "愛知県", "460-00##", "52", "[2-9]######"),
     City("福岡市博多区", "福岡県", "812-00##", "92", "[2-9]######"),
     City("札幌市中央区", "北海道", "060-00##", "11", "[2-9]######"),
     City("京都市下京区", "京都府", "600-8###", "75", "[2-9]######"),
     City("仙台市青葉区", "宮城県", "980-00##", "22", "[2-9]######")),
    ("[7-9]0########",), ("co.jp", "co.jp", "jp", "com"),
    ("TEL", "TEL:", "Tel.", "電話", "T."), ("携帯", "携帯:", "Mobile", "M."), ("FAX", "FAX:", "Fax.", "F."),
    ("E-mail:", "E-mail", "Mail:", "Email "), ("URL", "URL:", "Web:"),
    (("代表取締役社長", "代表取締役社長", "President & CEO"), ("代表取締役", "代表取締役", "Representative Director"),
     ("取締役", "取締役", "Director"), ("常務取締役", "常務取締役", "Managing Director"),
     ("執行役員", "執行役員", "Executive Officer"), ("部長", "部長", "General Manager"),
     ("次長", "次長", "Deputy General Manager"), ("課長", "課長", "Manager"), ("係長", "係長", "Assistant Manager"),
     ("主任", "主任", "Chief"), ("課長代理", "課長代理", "Deputy Manager"), ("室長", "室長", "Office Manager"),
     ("支店長", "支店長", "Branch Manager"), ("マネージャー", "マネージャー", "Manager"),
     ("シニアエンジニア", "シニアエンジニア", "Senior Engineer"), ("営業担当", "営業担当", "Sales Representative"),
     ("プロジェクトマネージャー", "プロジェクトマネージャー", "Project Manager"),
     ("主任研究員", "主任研究員", "Senior Researcher"), ("コンサルタント", "コンサルタント", "Consultant")),
    (("営業部", "Sales Department"), ("海外営業部", "Overseas Sales Department"), ("技術部", "Engineering Department"),
     ("開発課", "Development Section"), ("経営企画室", "Corporate Planning Office"), ("総務部", "General Affairs"),
     ("人事部", "Human Resources"), ("経理課", "Accounting Section"), ("広報室", "Public Relations Office"),
     ("品質保証部", "Quality Assurance"), ("情報システム部", "IT Department"), ("研究開発本部", "R&D Division"),
     ("法人営業部", "Corporate Sales"), ("第一営業課", "First Sales Section"), ("設計課", "Design Section"),
     ("マーケティング部", "Marketing Department"), ("購買課", "Purchasing Section"), ("東日本営業本部", "East Japan Sales")),
    ("株式会社", "株式会社", "株式会社", "有限会社", "合同会社"),
    (("商事", "Shoji"), ("工業", "Kogyo"), ("建設", "Kensetsu"), ("電機", "Denki"), ("製作所", "Seisakusho"),
     ("物産", "Bussan"), ("運輸", "Unyu"), ("不動産", "Fudosan"), ("産業", "Sangyo"), ("化学", "Kagaku"),
     ("食品", "Shokuhin"), ("印刷", "Insatsu"), ("技研", "Giken"), ("精機", "Seiki"), ("システム", "System")),
    ("{x}整骨院", "居酒屋 {x}", "{x}不動産", "{x}歯科医院", "美容室 {x}", "{x}工務店"),
    ("本社", "本社:", "東京支社", "大阪支店", "名古屋営業所", "工場"),
)

ZH_HANS = Locale(
    "zh-Hans", "CN", "zh_CN", "zh-Hans", "86", "中国",
    (City("朝阳区", "北京市", "1000##", "10", "[5-8]#######"), City("海淀区", "北京市", "1000##", "10", "[5-8]#######"),
     City("浦东新区", "上海市", "2001##", "21", "[5-6]#######"), City("徐汇区", "上海市", "2000##", "21", "[5-6]#######"),
     City("广州市天河区", "广东省", "5106##", "20", "[3-8]#######"),
     City("深圳市南山区", "广东省", "5180##", "755", "[2-8]#######"),
     City("杭州市西湖区", "浙江省", "3100##", "571", "[8]#######"),
     City("南京市鼓楼区", "江苏省", "2100##", "25", "[5-8]#######"),
     City("成都市武侯区", "四川省", "6100##", "28", "[6-8]#######"),
     City("武汉市洪山区", "湖北省", "4300##", "27", "[5-8]#######")),
    ("13#########", "15[0-3]########", "18[6-9]########", "17[6-8]########"), ("com.cn", "cn", "com"),
    ("电话：", "电话", "Tel:", "座机："), ("手机：", "手机", "Mobile:", "M:"), ("传真：", "传真", "Fax:"),
    ("邮箱：", "E-mail:", "电子邮箱："), ("网址：", "Web:", "官网："),
    (("总经理", "总经理", "General Manager"), ("副总经理", "副总经理", "Deputy General Manager"),
     ("董事长", "董事长", "Chairman"), ("经理", "经理", "Manager"), ("销售经理", "销售经理", "Sales Manager"),
     ("项目经理", "项目经理", "Project Manager"), ("主任", "主任", "Director"), ("高级工程师", "高级工程师", "Senior Engineer"),
     ("首席执行官", "首席执行官", "CEO"), ("市场总监", "市场总监", "Marketing Director"), ("技术总监", "技术总监", "CTO"),
     ("财务总监", "财务总监", "CFO"), ("客户经理", "客户经理", "Account Manager"), ("总裁", "总裁", "President"),
     ("部门经理", "部门经理", "Department Manager")),
    (("销售部", "Sales Department"), ("市场部", "Marketing Department"), ("技术部", "Technology Department"),
     ("研发中心", "R&D Center"), ("人力资源部", "Human Resources"), ("财务部", "Finance Department"),
     ("客户服务部", "Customer Service"), ("国际业务部", "International Business"), ("采购部", "Purchasing"),
     ("行政部", "Administration")),
    ("有限公司", "有限公司", "股份有限公司", "集团有限公司"),
    (("科技", "Technology"), ("信息技术", "Information Technology"), ("电子", "Electronics"), ("贸易", "Trading"),
     ("实业", "Industrial"), ("网络科技", "Network Technology"), ("物流", "Logistics"), ("咨询", "Consulting"),
     ("建设工程", "Construction Engineering"), ("医疗器械", "Medical Devices"), ("文化传媒", "Media"),
     ("电气", "Electric")),
    ("{x}餐厅", "{x}便利店", "{x}美发店", "{x}茶庄", "{x}汽车维修"),
    ("总部", "总部：", "北京分公司", "上海办事处", "工厂地址："),
)

ZH_HANT = Locale(
    "zh-Hant", "TW", "zh_TW", "zh-Hant", "886", "台灣",
    (City("信義區", "台北市", "110", "2", "2[7-8]######"), City("大安區", "台北市", "106", "2", "2[7-7]######"),
     City("中山區", "台北市", "104", "2", "25######"), City("內湖區", "台北市", "114", "2", "2[6-7]######"),
     City("板橋區", "新北市", "220", "2", "2[9]######"), City("西屯區", "台中市", "407", "4", "2[3-4]######"),
     City("前鎮區", "高雄市", "806", "7", "[3-8]######"), City("東區", "新竹市", "300", "3", "5[2-7]#####")),
    ("9[0-8]#######",), ("com.tw", "com.tw", "tw", "com"),
    ("電話：", "電話", "TEL:", "Tel"), ("手機：", "手機", "行動：", "Mobile:"), ("傳真：", "傳真", "FAX:"),
    ("E-mail：", "電郵：", "E-mail:"), ("網址：", "Web:"),
    (("總經理", "總經理", "General Manager"), ("副總經理", "副總經理", "Vice General Manager"),
     ("董事長", "董事長", "Chairman"), ("經理", "經理", "Manager"), ("業務經理", "業務經理", "Sales Manager"),
     ("專案經理", "專案經理", "Project Manager"), ("協理", "協理", "Associate Vice President"),
     ("資深工程師", "資深工程師", "Senior Engineer"), ("執行長", "執行長", "CEO"), ("行銷總監", "行銷總監", "Marketing Director"),
     ("技術長", "技術長", "CTO"), ("財務長", "財務長", "CFO"), ("副理", "副理", "Assistant Manager"),
     ("特別助理", "特別助理", "Special Assistant"), ("業務代表", "業務代表", "Sales Representative")),
    (("業務部", "Sales Department"), ("行銷部", "Marketing Department"), ("研發部", "R&D Department"),
     ("人力資源部", "Human Resources"), ("財務部", "Finance Department"), ("客服部", "Customer Service"),
     ("資訊部", "IT Department"), ("國際事業部", "International Business Division"), ("採購部", "Purchasing")),
    ("股份有限公司", "股份有限公司", "有限公司", "企業社"),
    (("科技", "Technology"), ("電子", "Electronics"), ("實業", "Industrial"), ("國際貿易", "International Trading"),
     ("資訊", "Information"), ("精密工業", "Precision Industry"), ("生技", "Biotech"), ("物流", "Logistics"),
     ("顧問", "Consulting"), ("營造", "Construction")),
    ("{x}小吃", "{x}咖啡", "{x}美髮", "{x}茶行", "{x}汽車保養"),
    ("總公司", "總公司：", "台中分公司", "高雄辦事處", "工廠："),
)

KO = Locale(
    "ko", "KR", "ko_KR", "ko", "82", "Korea",
    (City("강남구", "서울특별시", "06###", "2", "[2-9]###[0-9]###"), City("서초구", "서울특별시", "067##", "2", "[2-9]###[0-9]###"),
     City("중구", "서울특별시", "045##", "2", "[2-9]###[0-9]###"), City("마포구", "서울특별시", "04###", "2", "[2-9]###[0-9]###"),
     City("영등포구", "서울특별시", "07###", "2", "[2-9]###[0-9]###"),
     City("해운대구", "부산광역시", "48###", "51", "[2-9]##[0-9]###"), City("연수구", "인천광역시", "21###", "32", "[2-9]##[0-9]###"),
     City("유성구", "대전광역시", "34###", "42", "[2-9]##[0-9]###"), City("수성구", "대구광역시", "42###", "53", "[2-9]##[0-9]###"),
     City("성남시 분당구", "경기도", "13###", "31", "[2-9]##[0-9]###")),
    ("10[2-9]#######",), ("co.kr", "co.kr", "kr", "com"),
    ("전화", "T.", "Tel.", "TEL", "대표전화"), ("휴대폰", "H.P", "M.", "Mobile", "핸드폰"), ("팩스", "F.", "FAX"),
    ("이메일", "E-mail", "E."), ("홈페이지", "Web", "W."),
    (("대표이사", "대표이사", "CEO"), ("부사장", "부사장", "Vice President"), ("전무", "전무", "Senior Managing Director"),
     ("상무", "상무", "Managing Director"), ("이사", "이사", "Director"), ("부장", "부장", "General Manager"),
     ("차장", "차장", "Deputy General Manager"), ("과장", "과장", "Manager"), ("대리", "대리", "Assistant Manager"),
     ("주임", "주임", "Senior Staff"), ("팀장", "팀장", "Team Leader"), ("수석연구원", "수석연구원", "Principal Researcher"),
     ("책임연구원", "책임연구원", "Senior Researcher"), ("선임연구원", "선임연구원", "Researcher"), ("실장", "실장", "Head")),
    (("영업부", "Sales Department"), ("해외영업팀", "Overseas Sales Team"), ("기술연구소", "Technology Research Institute"),
     ("개발팀", "Development Team"), ("경영지원팀", "Management Support Team"), ("인사팀", "HR Team"),
     ("마케팅팀", "Marketing Team"), ("재무팀", "Finance Team"), ("품질관리팀", "Quality Control Team"),
     ("전략기획실", "Strategic Planning Office"), ("연구개발본부", "R&D Division")),
    ("주식회사", "(주)", "(주)", "주식회사", "유한회사"),
    (("테크", "Tech"), ("솔루션", "Solution"), ("시스템", "Systems"), ("네트웍스", "Networks"), ("소프트", "Soft"),
     ("바이오", "Bio"), ("에너지", "Energy"), ("엔지니어링", "Engineering"), ("전자", "Electronics"), ("물산", "Trading"),
     ("산업", "Industries"), ("건설", "Construction"), ("디자인", "Design"), ("정보통신", "ICT")),
    ("{x} 카페", "{x} 부동산", "{x} 치과", "{x} 헤어", "{x} 자동차정비"),
    ("본사", "본사:", "서울사무소", "부산지사", "공장"),
)

DE = Locale(
    "de", "DE", "de_DE", "latin", "49", "Deutschland",
    (City("Berlin", None, "10###", "30", "[2-9]#######"), City("München", None, "80###", "89", "[2-9]#######"),
     City("Hamburg", None, "20###", "40", "[2-9]#######"), City("Frankfurt am Main", None, "60###", "69", "[2-9]#######"),
     City("Köln", None, "50###", "221", "[2-9]######"), City("Stuttgart", None, "70###", "711", "[2-9]######"),
     City("Düsseldorf", None, "40###", "211", "[2-9]######"), City("Leipzig", None, "04###", "341", "[2-9]######")),
    ("151########", "160#######", "170#######", "171#######", "176########"), ("de", "de", "com"),
    ("Tel.", "Tel.:", "Telefon", "T", "Fon"), ("Mobil", "Mobil:", "Handy", "M"), ("Fax", "Fax:", "F"),
    ("E-Mail:", "E-Mail", "Mail"), ("Web:", "Internet:"),
    (("Geschäftsführer", "Geschäftsführerin", "Managing Director"), ("Vertriebsleiter", "Vertriebsleiterin", "Head of Sales"),
     ("Leiter Marketing", "Leiterin Marketing", "Head of Marketing"), ("Prokurist", "Prokuristin", "Authorised Officer"),
     ("Projektleiter", "Projektleiterin", "Project Manager"), ("Key Account Manager", "Key Account Managerin", "Key Account Manager"),
     ("Vorstandsvorsitzender", "Vorstandsvorsitzende", "CEO"), ("Bereichsleiter IT", "Bereichsleiterin IT", "Head of IT"),
     ("Softwareentwickler", "Softwareentwicklerin", "Software Developer"), ("Senior Berater", "Senior Beraterin", "Senior Consultant"),
     ("Teamleiter Kundenservice", "Teamleiterin Kundenservice", "Customer Service Team Lead"),
     ("Inhaber", "Inhaberin", "Owner"), ("Abteilungsleiter Einkauf", "Abteilungsleiterin Einkauf", "Head of Purchasing"),
     ("Assistent der Geschäftsführung", "Assistentin der Geschäftsführung", "Executive Assistant"),
     ("Vertriebsingenieur", "Vertriebsingenieurin", "Sales Engineer")),
    (("Vertrieb", "Sales"), ("Einkauf", "Purchasing"), ("Marketing & Kommunikation", "Marketing & Communications"),
     ("Forschung und Entwicklung", "Research and Development"), ("Personalabteilung", "Human Resources"),
     ("Buchhaltung", "Accounting"), ("Kundenservice", "Customer Service"), ("IT-Abteilung", "IT Department"),
     ("Qualitätsmanagement", "Quality Management")),
    ("GmbH", "GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG", "UG (haftungsbeschränkt)", "e.K."),
    (("Maschinenbau", "Engineering"), ("Elektrotechnik", "Electrical"), ("Logistik", "Logistics"), ("Beratung", "Consulting"),
     ("Immobilien", "Real Estate"), ("Softwareentwicklung", "Software"), ("Medizintechnik", "Medical Technology"),
     ("Bau", "Construction"), ("Handel", "Trading"), ("Steuerberatung", "Tax Advisors")),
    ("Bäckerei {x}", "Friseursalon {x}", "Autowerkstatt {x}", "Blumenhaus {x}", "Metzgerei {x}", "Café {x}"),
    ("Zentrale:", "Niederlassung Nord:", "Werk:", "Büro Berlin:", "Filiale:"),
)

FR = Locale(
    "fr", "FR", "fr_FR", "latin", "33", "France",
    (City("Paris", None, "750##", "1", "[4-5]#######"), City("Lyon", None, "6900#", "4", "7[2-8]######"),
     City("Marseille", None, "130##", "4", "9[1-1]######"), City("Toulouse", None, "3100#", "5", "6[1-2]######"),
     City("Bordeaux", None, "3300#", "5", "5[6-7]######"), City("Lille", None, "5900#", "3", "20######"),
     City("Nantes", None, "44000", "2", "40######"), City("Strasbourg", None, "67000", "3", "88######")),
    ("6########", "7[3-8]#######"), ("fr", "fr", "com", "eu"),
    ("Tél.", "Tél. :", "Tél :", "T.", "Standard :"), ("Portable", "Port. :", "Mob. :", "M."), ("Fax", "Fax :", "F."),
    ("E-mail :", "Email :", "Courriel :"), ("Web :", "Site :"),
    (("Directeur commercial", "Directrice commerciale", "Sales Director"),
     ("Directeur général", "Directrice générale", "Managing Director"),
     ("Président-directeur général", "Présidente-directrice générale", "Chairman and CEO"),
     ("Chef de projet", "Cheffe de projet", "Project Manager"), ("Responsable marketing", "Responsable marketing", "Marketing Manager"),
     ("Responsable des ventes", "Responsable des ventes", "Sales Manager"),
     ("Ingénieur d'affaires", "Ingénieure d'affaires", "Business Engineer"), ("Gérant", "Gérante", "Manager"),
     ("Consultant senior", "Consultante senior", "Senior Consultant"), ("Chargé de clientèle", "Chargée de clientèle", "Account Manager"),
     ("Directeur des ressources humaines", "Directrice des ressources humaines", "HR Director"),
     ("Expert-comptable", "Experte-comptable", "Chartered Accountant"), ("Architecte", "Architecte", "Architect"),
     ("Responsable logistique", "Responsable logistique", "Logistics Manager")),
    (("Service commercial", "Sales"), ("Direction financière", "Finance"), ("Ressources humaines", "Human Resources"),
     ("Recherche et développement", "Research and Development"), ("Service client", "Customer Service"),
     ("Direction des systèmes d'information", "IT Department"), ("Département marketing", "Marketing")),
    ("SAS", "SARL", "SA", "SAS", "EURL", "SASU"),
    (("Conseil", "Consulting"), ("Bâtiment", "Construction"), ("Logistique", "Logistics"), ("Informatique", "IT"),
     ("Immobilier", "Real Estate"), ("Ingénierie", "Engineering"), ("Distribution", "Distribution"), ("Transports", "Transport"),
     ("Électricité", "Electrical"), ("Communication", "Communications")),
    ("Boulangerie {x}", "Garage {x}", "Salon de coiffure {x}", "Fleuriste {x}", "Boucherie {x}", "Pharmacie {x}"),
    ("Siège social :", "Agence :", "Bureau de Lyon :", "Entrepôt :", "Atelier :"),
)

ES = Locale(
    "es", "ES", "es_ES", "latin", "34", "España",
    (City("Madrid", None, "280##", "91", "[2-7]######"), City("Barcelona", None, "080##", "93", "[2-4]######"),
     City("Valencia", None, "460##", "96", "[3-5]######"), City("Sevilla", None, "410##", "95", "4######"),
     City("Bilbao", None, "480##", "94", "4######"), City("Zaragoza", None, "500##", "976", "[2-7]#####"),
     City("Málaga", None, "290##", "952", "[1-3]#####")),
    ("6[0-9]#######", "7[1-4]#######"), ("es", "es", "com"),
    ("Tel.", "Tel:", "Teléfono:", "T."), ("Móvil", "Móvil:", "Cel.", "M."), ("Fax", "Fax:", "F."),
    ("Email:", "Correo:", "E-mail:"), ("Web:", "www"),
    (("Director General", "Directora General", "General Manager"), ("Director Comercial", "Directora Comercial", "Sales Director"),
     ("Gerente", "Gerente", "Manager"), ("Jefe de Proyecto", "Jefa de Proyecto", "Project Manager"),
     ("Responsable de Ventas", "Responsable de Ventas", "Sales Manager"),
     ("Consejero Delegado", "Consejera Delegada", "CEO"), ("Técnico Comercial", "Técnica Comercial", "Sales Technician"),
     ("Ingeniero de Software", "Ingeniera de Software", "Software Engineer"),
     ("Asesor Financiero", "Asesora Financiera", "Financial Advisor"), ("Director de Marketing", "Directora de Marketing",
                                                                       "Marketing Director"),
     ("Socio", "Socia", "Partner"), ("Administrador", "Administradora", "Administrator"),
     ("Jefe de Compras", "Jefa de Compras", "Purchasing Manager")),
    (("Departamento Comercial", "Sales"), ("Recursos Humanos", "Human Resources"), ("Departamento de Marketing", "Marketing"),
     ("Investigación y Desarrollo", "Research and Development"), ("Atención al Cliente", "Customer Service"),
     ("Departamento Financiero", "Finance"), ("Dirección de Operaciones", "Operations")),
    ("S.L.", "S.L.", "S.A.", "S.L.U.", "S.Coop."),
    (("Construcciones", "Construction"), ("Consultoría", "Consulting"), ("Transportes", "Transport"),
     ("Instalaciones", "Installations"), ("Asesores", "Advisors"), ("Inmobiliaria", "Real Estate"),
     ("Ingeniería", "Engineering"), ("Distribuciones", "Distribution"), ("Informática", "IT")),
    ("Panadería {x}", "Taller Mecánico {x}", "Peluquería {x}", "Floristería {x}", "Bar {x}", "Ferretería {x}"),
    ("Oficina central:", "Sucursal:", "Delegación Norte:", "Almacén:"),
    ("Frente a {x}", "Junto a {x}", "Cerca de {x}"),
    ("la Estación de Atocha", "el Mercado Central", "la Plaza Mayor", "el Corte Inglés", "la Iglesia de San Pedro"),
)

IT = Locale(
    "it", "IT", "it_IT", "latin", "39", "Italia",
    (City("Milano", "MI", "201##", "02", "########"), City("Roma", "RM", "001##", "06", "########"),
     City("Torino", "TO", "101##", "011", "[2-9]######"), City("Napoli", "NA", "801##", "081", "[2-9]######"),
     City("Bologna", "BO", "401##", "051", "[2-9]######"), City("Firenze", "FI", "501##", "055", "[2-9]######")),
    ("3[2-9]########",), ("it", "it", "com"),
    ("Tel.", "Tel:", "T.", "Telefono"), ("Cell.", "Cellulare", "Mob.", "M."), ("Fax", "Fax:", "F."),
    ("Email:", "E-mail:", "Mail:"), ("Web:", "Sito:"),
    (("Amministratore Delegato", "Amministratrice Delegata", "CEO"), ("Direttore Commerciale", "Direttrice Commerciale",
                                                                       "Sales Director"),
     ("Responsabile Marketing", "Responsabile Marketing", "Marketing Manager"),
     ("Responsabile Vendite", "Responsabile Vendite", "Sales Manager"),
     ("Direttore Tecnico", "Direttrice Tecnica", "Technical Director"), ("Project Manager", "Project Manager", "Project Manager"),
     ("Consulente", "Consulente", "Consultant"), ("Titolare", "Titolare", "Owner"), ("Socio", "Socia", "Partner"),
     ("Responsabile Amministrativo", "Responsabile Amministrativa", "Administration Manager"),
     ("Agente di commercio", "Agente di commercio", "Sales Agent"), ("Responsabile Acquisti", "Responsabile Acquisti",
                                                                      "Purchasing Manager")),
    (("Ufficio Commerciale", "Sales"), ("Ufficio Acquisti", "Purchasing"), ("Risorse Umane", "Human Resources"),
     ("Ricerca e Sviluppo", "Research and Development"), ("Amministrazione", "Administration"),
     ("Ufficio Tecnico", "Technical Office"), ("Servizio Clienti", "Customer Service")),
    ("S.r.l.", "S.r.l.", "S.p.A.", "S.a.s.", "S.n.c.", "Srl"),
    (("Impianti", "Installations"), ("Costruzioni", "Construction"), ("Consulting", "Consulting"), ("Trasporti", "Transport"),
     ("Informatica", "IT"), ("Arredamenti", "Furniture"), ("Meccanica", "Mechanics"), ("Immobiliare", "Real Estate")),
    ("Pizzeria da {x}", "Autofficina {x}", "Parrucchiera {x}", "Ferramenta {x}", "Fioreria {x}", "Bar {x}"),
    ("Sede legale:", "Sede operativa:", "Filiale:", "Magazzino:"),
)

NL = Locale(
    "nl", "NL", "nl_NL", "latin", "31", "Nederland",
    (City("Amsterdam", None, "10## AA", "20", "[2-9]######"), City("Rotterdam", None, "30## AA", "10", "[2-9]######"),
     City("Den Haag", None, "25## AA", "70", "[2-9]######"), City("Utrecht", None, "35## AA", "30", "[2-9]######"),
     City("Eindhoven", None, "56## AA", "40", "[2-9]######"), City("Groningen", None, "97## AA", "50", "[2-9]######")),
    ("6[1-5]#######",), ("nl", "nl", "com"),
    ("T", "T:", "Tel.", "Telefoon:"), ("M", "M:", "Mob.", "Mobiel:"), ("F", "F:", "Fax:"),
    ("E", "E:", "E-mail:"), ("W", "W:", "Web:"),
    (("Directeur", "Directeur", "Director"), ("Algemeen directeur", "Algemeen directeur", "General Manager"),
     ("Commercieel directeur", "Commercieel directeur", "Commercial Director"), ("Accountmanager", "Accountmanager",
                                                                                  "Account Manager"),
     ("Projectleider", "Projectleider", "Project Manager"), ("Adviseur", "Adviseur", "Advisor"),
     ("Senior adviseur", "Senior adviseur", "Senior Advisor"), ("Eigenaar", "Eigenaar", "Owner"),
     ("Teamleider", "Teamleider", "Team Leader"), ("Bedrijfsleider", "Bedrijfsleider", "Operations Manager"),
     ("Manager Verkoop", "Manager Verkoop", "Sales Manager"), ("Office manager", "Office manager", "Office Manager")),
    (("Afdeling Verkoop", "Sales"), ("Inkoop", "Purchasing"), ("Personeelszaken", "Human Resources"),
     ("Klantenservice", "Customer Service"), ("Financiën", "Finance"), ("Marketing & Communicatie", "Marketing")),
    ("B.V.", "B.V.", "BV", "N.V.", "V.O.F."),
    (("Installatietechniek", "Installation"), ("Bouw", "Construction"), ("Advies", "Consultancy"), ("Logistiek", "Logistics"),
     ("Makelaardij", "Real Estate"), ("Automatisering", "IT"), ("Transport", "Transport"), ("Techniek", "Engineering")),
    ("Bakkerij {x}", "Autobedrijf {x}", "Kapsalon {x}", "Bloemenwinkel {x}", "Slagerij {x}", "Café {x}"),
    ("Hoofdkantoor:", "Vestiging:", "Magazijn:", "Kantoor Utrecht:"),
)

PT = Locale(
    "pt", "BR", "pt_BR", "latin", "55", "Brasil",
    (City("São Paulo", "SP", "01###-###", "11", "[2-5]#######"), City("Rio de Janeiro", "RJ", "20###-###", "21", "[2-3]#######"),
     City("Belo Horizonte", "MG", "30###-###", "31", "[2-3]#######"), City("Curitiba", "PR", "80###-###", "41", "3#######"),
     City("Porto Alegre", "RS", "90###-###", "51", "3#######"), City("Campinas", "SP", "13###-###", "19", "3#######"),
     City("Salvador", "BA", "40###-###", "71", "3#######")),
    ("AREA9[6-9]#######",), ("com.br", "com.br", "com"),
    ("Tel.:", "Fone:", "Tel:", "Fixo:", "Tel."), ("Cel.:", "Celular:", "WhatsApp", "Cel:", "Whats:"), ("Fax:", "Fax"),
    ("E-mail:", "Email:"), ("Site:", "www"),
    (("Diretor Comercial", "Diretora Comercial", "Sales Director"), ("Gerente de Vendas", "Gerente de Vendas", "Sales Manager"),
     ("Consultor de Vendas", "Consultora de Vendas", "Sales Consultant"), ("Analista de Sistemas", "Analista de Sistemas",
                                                                          "Systems Analyst"),
     ("Coordenador de Projetos", "Coordenadora de Projetos", "Project Coordinator"), ("Sócio-Diretor", "Sócia-Diretora",
                                                                                     "Managing Partner"),
     ("Engenheiro Civil", "Engenheira Civil", "Civil Engineer"), ("Representante Comercial", "Representante Comercial",
                                                                  "Sales Representative"),
     ("Supervisor de Vendas", "Supervisora de Vendas", "Sales Supervisor"), ("Proprietário", "Proprietária", "Owner"),
     ("Advogado", "Advogada", "Lawyer"), ("Corretor de Imóveis", "Corretora de Imóveis", "Real Estate Broker"),
     ("Gerente Administrativo", "Gerente Administrativa", "Administrative Manager")),
    (("Departamento Comercial", "Sales"), ("Recursos Humanos", "Human Resources"), ("Departamento Financeiro", "Finance"),
     ("Atendimento ao Cliente", "Customer Service"), ("Setor de Compras", "Purchasing"),
     ("Tecnologia da Informação", "IT")),
    ("Ltda.", "Ltda.", "Ltda", "S.A.", "ME", "EIRELI"),
    (("Informática", "IT"), ("Construções", "Construction"), ("Transportes", "Transport"), ("Consultoria", "Consulting"),
     ("Comércio", "Trading"), ("Soluções", "Solutions"), ("Engenharia", "Engineering"), ("Imóveis", "Real Estate")),
    ("Despachante {x}", "Auto Elétrica {x}", "Ótica {x}", "Floricultura {x}", "Buffet {x}", "Pizzaria {x}",
     "Oficina Mecânica {x}", "Salão de Beleza {x}", "Pet Shop {x}", "Auto Peças {x}", "Chaveiro {x}", "Papelaria {x}"),
    ("Matriz:", "Filial:", "Loja 1:", "Loja 2:", "Unidade Centro:"),
    ("Próximo ao {x}", "Próx. ao {x}", "Em frente ao {x}", "Ao lado do {x}"),
    ("Shopping Center Norte", "Metrô Santana", "Hospital São Luiz", "Mercado Municipal", "Terminal Rodoviário",
     "Posto Ipiranga", "Fórum Central"),
)

LOCALES: dict[str, Locale] = {loc.lang: loc for loc in (JA, ZH_HANS, ZH_HANT, KO, DE, FR, ES, IT, NL, PT)}
# the English-language cards keep the regions of regions.py; their lang is 'en'
LANGS = ("en", "pt", "de", "fr", "es", "it", "nl", "ja", "zh-Hans", "zh-Hant", "ko")
