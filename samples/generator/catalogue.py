"""The six purchase orders of family A and their shipments (all names fictional).

Identifiers that need a pattern (container, seal, B/L numbers) come from a seeded RNG so the
whole family is reproducible; container check digits are computed with the product's own
ISO 6346 helper so valid numbers really are valid.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal as D

from extractors.identifiers import iso6346_check_digit
from samples.generator.model import Case, Lab, LabCert, Party, Product, Report, Shipment

ROHS_METHODS = (
    "IEC 62321-3-1:2013",
    "IEC 62321-4:2013+A1:2017",
    "IEC 62321-5:2013",
    "IEC 62321-6:2015",
    "IEC 62321-7-1:2015",
    "IEC 62321-7-2:2017",
    "IEC 62321-8:2017",
)
EMC_HOUSEHOLD = ("EN 55014-1:2017+A11:2020", "EN 55014-2:2015", "EN 61000-3-2:2014", "EN 61000-3-3:2013")
EMC_ITE = ("EN 55032:2015+A11:2020", "EN 55035:2017+A11:2020", "EN 61000-3-2:2014", "EN 61000-3-3:2013")
EMC_LIGHTING = ("EN IEC 55015:2019+A11:2020", "EN 61547:2009", "EN 61000-3-2:2014", "EN 61000-3-3:2013")
FOOD_METHODS = ("EN 1186-1:2002", "EN 1186-9:2002", "EN 13130-1:2004")
ROHS_DOC = "EN IEC 63000:2018"
DIRECTIVES_LVD = ("2014/35/EU", "2014/30/EU", "2011/65/EU", "(EU) 2015/863")

ANBOTAI = Lab(
    "Shenzhen Anbotai Testing Technology Co., Ltd.",
    (
        "1/F, Building D, Sogood Science and Technology Park",
        "Sanwei Community, Hangcheng Street, Bao'an District",
        "Shenzhen, Guangdong 518126, China",
    ),
    "CNAS L5632",
    ("Huang Lei", "Chen Xiaodong"),
)
HUACE = Lab(
    "Ningbo Huace Inspection & Testing Co., Ltd.",
    ("No. 9 Yangfan Road, Hi-Tech Zone", "Ningbo, Zhejiang 315048, China"),
    "CNAS L8815",
)
ZHONGJIAN = Lab(
    "Guangdong Zhongjian Testing Technology Co., Ltd.",
    ("No. 2 Jucheng Road, Torch Development Zone", "Zhongshan, Guangdong 528437, China"),
    "CNAS L10234",
    ("Liang Mei", "Wu Jianhua"),
)
LACE = Lab(
    "Laboratoire Alimentaire Contact Expertise SAS",
    ("12 allée Irène Joliot-Curie", "69800 Saint-Priest, France"),
    "COFRAC Essais n° 1-6543",
    ("Claire Morel", "Julien Bertrand"),
)


def container(rng: random.Random, owner: str) -> str:
    first_ten = f"{owner}U{rng.randrange(100000, 999999)}"
    return f"{first_ten}{iso6346_check_digit(first_ten)}"


def seal(rng: random.Random, prefix: str) -> str:
    return f"{prefix}{rng.randrange(1000000, 9999999)}"


def _shipment(rng: random.Random, carrier: str, n_containers: int, **kw: object) -> Shipment:
    owners = {
        "COSCO": ("CSNU", "CSLU"),
        "MSC": ("MSCU", "MEDU"),
        "MAERSK": ("MSKU", "MRKU"),
        "EVERGREEN": ("EGHU", "EMCU"),
    }[carrier]
    boxes = tuple(container(rng, owners[i % 2][:3]) for i in range(n_containers))
    seals = tuple(
        seal(rng, {"COSCO": "CS", "MSC": "FX", "MAERSK": "ML", "EVERGREEN": "EMC"}[carrier]) for _ in boxes
    )
    bl = {
        "COSCO": lambda: f"COSU{rng.randrange(10**9, 10**10)}",
        "MSC": lambda: f"MEDU{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randrange(10**6, 10**7)}",
        "MAERSK": lambda: f"{rng.randrange(10**8, 10**9)}",
        "EVERGREEN": lambda: f"EGLV{rng.randrange(10**11, 10**12)}",
    }[carrier]()
    names = {
        "COSCO": "COSCO SHIPPING Lines Co., Ltd.",
        "MSC": "MSC Mediterranean Shipping Company S.A.",
        "MAERSK": "Maersk A/S",
        "EVERGREEN": "Evergreen Marine Corp. (Taiwan) Ltd.",
    }
    return Shipment(
        carrier=names[carrier], carrier_short=carrier, bl_number=bl, containers=boxes, seals=seals, **kw
    )  # type: ignore[arg-type]


def _reports(
    prefix: str,
    lab: Lab,
    models: tuple[str, ...],
    emc: tuple[str, ...],
    lvd: tuple[str, ...] | None,
    tested: date,
    lvd_models: tuple[str, ...] | None = None,
) -> tuple[Report, ...]:
    def dates(offset: int) -> tuple[date, date, date]:
        start = date.fromordinal(tested.toordinal() + offset)
        return start, date.fromordinal(start.toordinal() + 9), date.fromordinal(start.toordinal() + 14)

    out = [
        Report("RoHS", f"{prefix}R{tested:%y%m}0{len(models)}17", lab, models, ROHS_METHODS, *dates(0)),
        Report("EMC", f"{prefix}E{tested:%y%m}0{len(models)}21", lab, models, emc, *dates(3)),
    ]
    if lvd is not None:
        out.append(
            Report(
                "LVD", f"{prefix}S{tested:%y%m}0{len(models)}09", lab, lvd_models or models, lvd, *dates(5)
            )
        )
    return tuple(out)


def build_cases(rng: random.Random) -> list[Case]:
    return [_kettles(rng), _panels(rng), _toasters(rng), _chargers(rng), _lunch_boxes(rng), _dryers(rng)]


def _kettles(rng: random.Random) -> Case:
    supplier = Party(
        "Ningbo Hengda Electric Appliance Co., Ltd.",
        ("No. 318 Xinxing Road", "Cixi Economic Development Zone", "Ningbo, Zhejiang 315300, China"),
        "CN",
        "+86 574 6321 8870",
    )
    buyer = Party("Nordlicht Haushaltswaren GmbH", ("Billstraße 112", "20539 Hamburg", "Germany"), "DE")
    notify = Party("Elbe Zollservice GmbH", ("Am Sandtorkai 38", "20457 Hamburg", "Germany"), "DE")
    products = (
        Product(
            "HD-K1702",
            "Electric kettle 1.7 L, 2200 W",
            "8516.71",
            2400,
            D("6.85"),
            6,
            D("7.2"),
            D("8.1"),
            D("0.071"),
        ),
        Product(
            "HD-K1005",
            "Electric kettle 1.0 L, 1350 W",
            "8516.71",
            1200,
            D("5.40"),
            8,
            D("6.4"),
            D("7.3"),
            D("0.062"),
        ),
    )
    models = tuple(p.model for p in products)
    return Case(
        po_number="PO-2026-0417",
        order_date=date(2026, 8, 3),
        buyer=buyer,
        supplier=supplier,
        consignee=buyer,
        notify_party=notify,
        incoterm="FOB",
        incoterm_place="Ningbo",
        currency="USD",
        lc_number="LC-DE-88812",
        latest_shipment_date=date(2026, 10, 15),
        port_of_loading="Ningbo, China",
        port_of_discharge="Hamburg, Germany",
        destination_country="DE",
        destination_country_name="Germany",
        products=products,
        product_name="Electric Kettle",
        invoice_number="HD-INV-26-0912",
        invoice_date=date(2026, 9, 28),
        co_number="CCPIT 263301B0412",
        co_issue_date=date(2026, 10, 2),
        co_authority="China Council for the Promotion of International Trade Ningbo Sub-Council",
        doc_place="Ningbo",
        doc_date=date(2026, 4, 20),
        doc_signatory="Chen Weiming",
        doc_function="General Manager",
        directives=DIRECTIVES_LVD,
        doc_standards=(
            *EMC_HOUSEHOLD,
            "EN 60335-1:2012+A11:2014",
            "EN 60335-2-15:2016",
            "EN 62233:2008",
            ROHS_DOC,
        ),
        shipment=_shipment(
            rng,
            "COSCO",
            2,
            vessel="COSCO SHIPPING ARIES",
            voyage="026W",
            place_of_receipt="NINGBO CY",
            place_of_delivery="HAMBURG CY",
            on_board_date=date(2026, 10, 9),
        ),
        reports=_reports(
            "NBHC",
            HUACE,
            models,
            EMC_HOUSEHOLD,
            ("EN 60335-1:2012+A11:2014", "EN 60335-2-15:2016", "EN 62233:2008"),
            date(2026, 3, 2),
        ),
        shipping_marks=("NORDLICHT", "PO-2026-0417", "HAMBURG", "C/NO. 1-550"),
        lab_certificate=LabCert("NBHC-VOC-2603-0188", "EMC", date(2026, 3, 27), date(2031, 3, 26)),
    )


def _panels(rng: random.Random) -> Case:
    supplier = Party(
        "Shenzhen Brightway Lighting Technology Co., Ltd.",
        ("Building B3, Guangming Science Park", "Guangming District", "Shenzhen, Guangdong 518107, China"),
        "CN",
        "+86 755 2771 4390",
    )
    buyer = Party(
        "Lumena Verlichting B.V.",
        ("Rivium Quadrant 75", "2909 LC Capelle aan den IJssel", "Netherlands"),
        "NL",
    )
    products = (
        Product(
            "BW-PL6060-40",
            "LED panel light 600x600 mm, 40 W, 4000 K",
            "9405.11",
            3000,
            D("8.90"),
            4,
            D("9.6"),
            D("11.2"),
            D("0.046"),
        ),
        Product(
            "BW-PL30120-40",
            "LED panel light 300x1200 mm, 40 W, 4000 K",
            "9405.11",
            1200,
            D("9.60"),
            4,
            D("9.2"),
            D("10.8"),
            D("0.048"),
        ),
    )
    models = tuple(p.model for p in products)
    lvd = ("EN 60598-1:2015+A1:2018", "EN 60598-2-1:1989", "EN 62493:2015", "EN 62471:2008")
    return Case(
        po_number="PO-2026-0422",
        order_date=date(2026, 8, 11),
        buyer=buyer,
        supplier=supplier,
        consignee=buyer,
        notify_party=buyer,
        incoterm="CIF",
        incoterm_place="Rotterdam",
        currency="EUR",
        port_of_loading="Yantian, China",
        port_of_discharge="Rotterdam, Netherlands",
        destination_country="NL",
        destination_country_name="Netherlands",
        products=products,
        product_name="LED Panel Light",
        invoice_number="BWL20261014",
        invoice_date=date(2026, 10, 14),
        co_number="C264403002715",
        co_issue_date=date(2026, 10, 16),
        co_authority="China Council for the Promotion of International Trade Shenzhen Sub-Council",
        doc_place="Shenzhen",
        doc_date=date(2026, 5, 18),
        doc_signatory="Liu Jianguo",
        doc_function="Quality Manager",
        directives=DIRECTIVES_LVD,
        doc_standards=(*EMC_LIGHTING, *lvd, ROHS_DOC),
        shipment=_shipment(
            rng,
            "MSC",
            3,
            vessel="MSC ARINA",
            voyage="FA641W",
            place_of_receipt="SHENZHEN",
            place_of_delivery="ROTTERDAM",
            on_board_date=date(2026, 10, 21),
        ),
        reports=_reports("ABT", ANBOTAI, models, EMC_LIGHTING, lvd, date(2026, 4, 7)),
        shipping_marks=("LUMENA", "PO-2026-0422", "ROTTERDAM", "CTN NO. 1-1050", "MADE IN CHINA"),
    )


def _toasters(rng: random.Random) -> Case:
    supplier = Party(
        "Zhongshan Kaili Electric Appliance Co., Ltd.",
        ("No. 6 Dongfu Road, Dongfeng Town", "Zhongshan, Guangdong 528425, China"),
        "CN",
        "+86 760 2233 6018",
    )
    buyer = Party(
        "Casa Moderna Elettrodomestici S.r.l.", ("Via Enrico Fermi 24", "20090 Assago (MI)", "Italy"), "IT"
    )
    notify = Party("Spedizioni Liguri S.p.A.", ("Via Albertazzi 3", "16149 Genova", "Italy"), "IT")
    products = (
        Product(
            "KL-T2S850",
            "Toaster 2-slice, 850 W, stainless steel",
            "8516.72",
            3600,
            D("7.45"),
            6,
            D("8.4"),
            D("9.5"),
            D("0.058"),
        ),
    )
    lvd = ("EN 60335-1:2012+A11:2014", "EN 60335-2-9:2003+A13:2010", "EN 62233:2008")
    return Case(
        po_number="PO-2026-0431",
        order_date=date(2026, 8, 19),
        buyer=buyer,
        supplier=supplier,
        consignee=buyer,
        notify_party=notify,
        incoterm="FOB",
        incoterm_place="Shenzhen",
        currency="USD",
        latest_shipment_date=date(2026, 10, 31),
        port_of_loading="Shenzhen, China",
        port_of_discharge="Genoa, Italy",
        destination_country="IT",
        destination_country_name="Italy",
        products=products,
        product_name="Toaster",
        invoice_number="KL26-1107",
        invoice_date=date(2026, 10, 12),
        co_number="C264420001963",
        co_issue_date=date(2026, 10, 15),
        co_authority="China Council for the Promotion of International Trade Zhongshan Sub-Council",
        doc_place="Zhongshan",
        doc_date=date(2026, 6, 2),
        doc_signatory="Huang Zhiqiang",
        doc_function="Managing Director",
        directives=DIRECTIVES_LVD,
        doc_standards=(*EMC_HOUSEHOLD, *lvd, ROHS_DOC),
        shipment=_shipment(
            rng,
            "MAERSK",
            2,
            vessel="MAERSK EMDEN",
            voyage="643W",
            place_of_receipt="ZHONGSHAN",
            place_of_delivery="GENOA",
            on_board_date=date(2026, 10, 19),
        ),
        reports=_reports("ZJT", ZHONGJIAN, ("KL-T2S850",), EMC_HOUSEHOLD, lvd, date(2026, 5, 11)),
        shipping_marks=("CASA MODERNA", "PO-2026-0431", "GENOVA", "NO. 1-600"),
    )


def _chargers(rng: random.Random) -> Case:
    supplier = Party(
        "Shenzhen Voltix Power Technology Co., Ltd.",
        (
            "5F, Block A, Huafeng Industrial Park",
            "Xixiang, Bao'an District",
            "Shenzhen, Guangdong 518102, China",
        ),
        "CN",
        "+86 755 2955 0712",
    )
    buyer = Party("Voltimo Sp. z o.o.", ("ul. Logistyczna 12", "62-080 Tarnowo Podgórne", "Poland"), "PL")
    products = (
        Product(
            "VX-PD20",
            "USB-C PD charger 20 W, EU plug",
            "8504.40",
            10000,
            D("2.35"),
            100,
            D("7.8"),
            D("8.9"),
            D("0.052"),
        ),
        Product(
            "VX-PB10K",
            "Power bank 10000 mAh, USB-C",
            "8507.60",
            4000,
            D("6.20"),
            40,
            D("9.6"),
            D("10.7"),
            D("0.044"),
            mains_powered=False,
        ),
    )
    lvd = ("EN 62368-1:2014+A11:2017",)
    return Case(
        po_number="PO-2026-0438",
        order_date=date(2026, 8, 24),
        buyer=buyer,
        supplier=supplier,
        consignee=buyer,
        notify_party=buyer,
        incoterm="FOB",
        incoterm_place="Shenzhen",
        currency="USD",
        lc_number="LC-PL-2026-1187",
        latest_shipment_date=date(2026, 10, 20),
        port_of_loading="Shenzhen, China",
        port_of_discharge="Gdansk, Poland",
        destination_country="PL",
        destination_country_name="Poland",
        products=products,
        product_name="USB Charger and Power Bank",
        invoice_number="VX-26-0938",
        invoice_date=date(2026, 10, 10),
        co_number="C264403003188",
        co_issue_date=date(2026, 10, 13),
        co_authority="China Council for the Promotion of International Trade Shenzhen Sub-Council",
        doc_place="Shenzhen",
        doc_date=date(2026, 3, 9),
        doc_signatory="Zhou Lin",
        doc_function="Engineering Director",
        directives=DIRECTIVES_LVD,
        doc_standards=(*EMC_ITE, *lvd, ROHS_DOC),
        shipment=_shipment(
            rng,
            "EVERGREEN",
            1,
            vessel="EVER ACE",
            voyage="0391-024W",
            place_of_receipt="SHENZHEN",
            place_of_delivery="GDANSK",
            on_board_date=date(2026, 10, 17),
        ),
        reports=_reports(
            "ABT", ANBOTAI, ("VX-PD20", "VX-PB10K"), EMC_ITE, lvd, date(2026, 2, 2), lvd_models=("VX-PD20",)
        ),
        shipping_marks=("VOLTIMO", "PO-2026-0438", "GDANSK", "C/NO. 1-200"),
    )


def _lunch_boxes(rng: random.Random) -> Case:
    supplier = Party(
        "Cixi Jinlong Household Electric Appliance Co., Ltd.",
        ("No. 77 Beisanhuan East Road", "Hushan Street", "Cixi, Ningbo, Zhejiang 315300, China"),
        "CN",
        "+86 574 6359 2241",
    )
    buyer = Party("Maison Dupré SAS", ("14 rue de la Chaussée d'Antin", "75009 Paris", "France"), "FR")
    notify = Party("Transitaire Normand SARL", ("22 quai de Southampton", "76600 Le Havre", "France"), "FR")
    products = (
        Product(
            "JL-LB10",
            "Electric lunch box 1.0 L, 40 W, PP housing, stainless steel food container",
            "8516.79",
            4800,
            D("5.95"),
            12,
            D("7.9"),
            D("9.0"),
            D("0.054"),
        ),
        Product(
            "JL-LB15D",
            "Electric lunch box 1.5 L double layer, 40 W, stainless steel food containers",
            "8516.79",
            2400,
            D("7.80"),
            8,
            D("8.2"),
            D("9.4"),
            D("0.061"),
        ),
    )
    models = tuple(p.model for p in products)
    lvd = ("EN 60335-1:2012+A11:2014", "EN 60335-2-15:2016", "EN 62233:2008")
    food = Report(
        "FOOD_CONTACT",
        "LACE-26-04417",
        LACE,
        models,
        FOOD_METHODS,
        date(2026, 6, 8),
        date(2026, 6, 19),
        date(2026, 6, 26),
        date(2027, 6, 25),
    )
    return Case(
        po_number="PO-2026-0445",
        order_date=date(2026, 8, 28),
        buyer=buyer,
        supplier=supplier,
        consignee=buyer,
        notify_party=notify,
        incoterm="CIF",
        incoterm_place="Le Havre",
        currency="EUR",
        latest_shipment_date=date(2026, 11, 10),
        port_of_loading="Ningbo, China",
        port_of_discharge="Le Havre, France",
        destination_country="FR",
        destination_country_name="France",
        products=products,
        product_name="Electric Lunch Box",
        invoice_number="JL2026-118",
        invoice_date=date(2026, 10, 20),
        co_number="CCPIT 263302B0877",
        co_issue_date=date(2026, 10, 23),
        co_authority="China Council for the Promotion of International Trade Ningbo Sub-Council",
        doc_place="Cixi",
        doc_date=date(2026, 5, 6),
        doc_signatory="Wang Xiaoyan",
        doc_function="General Manager",
        directives=DIRECTIVES_LVD,
        doc_standards=(*EMC_HOUSEHOLD, *lvd, ROHS_DOC),
        shipment=_shipment(
            rng,
            "COSCO",
            3,
            vessel="COSCO SHIPPING GEMINI",
            voyage="049W",
            place_of_receipt="NINGBO CY",
            place_of_delivery="LE HAVRE CY",
            on_board_date=date(2026, 10, 29),
        ),
        reports=(*_reports("NBHC", HUACE, models, EMC_HOUSEHOLD, lvd, date(2026, 4, 13)), food),
        shipping_marks=("MAISON DUPRE", "PO-2026-0445", "LE HAVRE", "C/NO. 1-700"),
        food_market="FR",
        lab_certificate=LabCert("NBHC-COC-2605-0331", "LVD", date(2026, 5, 12), date(2031, 5, 11)),
        extra_required=("FOOD_CONTACT", "LAB_CERTIFICATE"),
    )


def _dryers(rng: random.Random) -> Case:
    supplier = Party(
        "Ningbo Aokai Electrical Appliance Co., Ltd.",
        ("No. 1299 Mingguang Road, Yinzhou District", "Ningbo, Zhejiang 315100, China"),
        "CN",
        "+86 574 8812 3306",
    )
    buyer = Party("Hogar Vital Distribuciones S.L.", ("Calle de Alcalá 265", "28027 Madrid", "Spain"), "ES")
    notify = Party("Transitarios Levante S.A.", ("Avenida del Puerto 332", "46024 Valencia", "Spain"), "ES")
    products = (
        Product(
            "AK-HD2200",
            "Hair dryer 2200 W, ionic, 3 heat settings",
            "8516.31",
            3000,
            D("9.40"),
            10,
            D("7.5"),
            D("8.6"),
            D("0.063"),
        ),
    )
    lvd = ("EN 60335-1:2012+A11:2014", "EN 60335-2-23:2003+A11:2010", "EN 62233:2008")
    return Case(
        po_number="PO-2026-0460",
        order_date=date(2026, 9, 2),
        buyer=buyer,
        supplier=supplier,
        consignee=buyer,
        notify_party=notify,
        incoterm="CFR",
        incoterm_place="Valencia",
        currency="EUR",
        latest_shipment_date=date(2026, 11, 5),
        port_of_loading="Ningbo, China",
        port_of_discharge="Valencia, Spain",
        destination_country="ES",
        destination_country_name="Spain",
        products=products,
        product_name="Hair Dryer",
        invoice_number="AK-EX-2610-25",
        invoice_date=date(2026, 10, 16),
        co_number="CCPIT 263301B0596",
        co_issue_date=date(2026, 10, 19),
        co_authority="China Council for the Promotion of International Trade Ningbo Sub-Council",
        doc_place="Ningbo",
        doc_date=date(2026, 7, 1),
        doc_signatory="Xu Haifeng",
        doc_function="Technical Manager",
        directives=DIRECTIVES_LVD,
        doc_standards=(*EMC_HOUSEHOLD, *lvd, ROHS_DOC),
        shipment=_shipment(
            rng,
            "MSC",
            1,
            vessel="MSC TINA",
            voyage="NA643R",
            place_of_receipt="NINGBO",
            place_of_delivery="VALENCIA",
            on_board_date=date(2026, 10, 24),
        ),
        reports=_reports("NBHC", HUACE, ("AK-HD2200",), EMC_HOUSEHOLD, lvd, date(2026, 6, 1)),
        shipping_marks=("HOGAR VITAL", "PO-2026-0460", "VALENCIA", "C/NO. 1-300"),
    )
