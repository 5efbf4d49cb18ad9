"""Sample catalog for the demo: procedures that Hanoi residents and businesses commonly use.

Everything here is marked `is_sample=True`. Names, legal times, fees and documents follow the published
procedures of Hanoi and the national procedure database as of 2025 (two-tier local government), simplified;
codes follow the national format. Check them against the official database before any real use.

Agencies are found by kind and name (the organization demo creates them); those missing are created so that
the catalog also loads on its own. Loading twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from motcua.organization.models import AdministrativeUnit, Agency

from .models import (
    AuthorityLevel,
    Channel,
    ExpressLane,
    OnlineLevel,
    ProcedureGroup,
    ProcedureGroupMember,
    ResultForm,
    Sector,
)
from .services import VersionContent, procedure_publish_content

HANOI = "Thành phố Hà Nội"
CITY_CENTRE = "Trung tâm Phục vụ hành chính công thành phố Hà Nội"
POLICE = "Công an thành phố Hà Nội"
SOCIAL_INSURANCE = "Bảo hiểm xã hội thành phố Hà Nội"
GREEN_FRIDAY_COMMUNE = "Xã Hoài Đức"

# Who decides: a kind (every commune People's Committee for its own area) or a named agency.
COMMUNE = ("kind", Agency.Kind.COMMUNE_COMMITTEE)
JUSTICE = ("department", "Sở Tư pháp")
CONSTRUCTION = ("department", "Sở Xây dựng")
AGRI_ENV = ("department", "Sở Nông nghiệp và Môi trường")
FINANCE = ("department", "Sở Tài chính")
HOME_AFFAIRS = ("department", "Sở Nội vụ")
HEALTH = ("department", "Sở Y tế")
EDUCATION = ("department", "Sở Giáo dục và Đào tạo")
TRADE = ("department", "Sở Công Thương")
POLICE_REF = ("vertical", POLICE)
INSURANCE_REF = ("vertical", SOCIAL_INSURANCE)

DEPARTMENTS_EN = {
    "Sở Tư pháp": "Department of Justice",
    "Sở Xây dựng": "Department of Construction",
    "Sở Nông nghiệp và Môi trường": "Department of Agriculture and Environment",
    "Sở Tài chính": "Department of Finance",
    "Sở Nội vụ": "Department of Home Affairs",
    "Sở Y tế": "Department of Health",
    "Sở Giáo dục và Đào tạo": "Department of Education and Training",
    "Sở Công Thương": "Department of Industry and Trade",
    POLICE: "Hanoi City Police",
    SOCIAL_INSURANCE: "Hanoi Social Insurance",
}

SECTORS = {
    "HT": ("Hộ tịch", "Civil status"),
    "CTH": ("Chứng thực", "Certification"),
    "CUTRU": ("Đăng ký, quản lý cư trú", "Residence registration"),
    "HKD": ("Thành lập và hoạt động của hộ kinh doanh", "Business households"),
    "DN": ("Thành lập và hoạt động của doanh nghiệp", "Enterprise registration"),
    "XD": ("Hoạt động xây dựng", "Construction"),
    "DD": ("Đất đai", "Land"),
    "BTXH": ("Bảo trợ xã hội", "Social assistance"),
    "NCC": ("Người có công", "People with meritorious service"),
    "GD": ("Giáo dục và Đào tạo", "Education and training"),
    "KCB": ("Khám bệnh, chữa bệnh", "Medical examination and treatment"),
    "BHYT": ("Bảo hiểm y tế", "Health insurance"),
    "LD": ("Lao động, việc làm", "Labour and employment"),
    "LLTP": ("Lý lịch tư pháp", "Judicial records"),
    "ATTP": ("An toàn thực phẩm và lưu thông hàng hóa", "Food safety and trade"),
}

STANDARD = [Channel.ONLINE, Channel.COUNTER, Channel.POSTAL]
WITH_HOME = [Channel.ONLINE, Channel.COUNTER, Channel.POSTAL, Channel.HOME]
COUNTER_ONLY = [Channel.COUNTER, Channel.POSTAL]

# Reusable documents (kinds of the personal document store).
ID = (
    "CCCD",
    "Thẻ Căn cước hoặc Căn cước công dân (xuất trình)",
    "Citizen identity card (shown)",
    1,
    0,
    True,
    "id_card",
)
FORM = "Tờ khai theo mẫu"
FORM_EN = "Application form (standard template)"


def doc(code, name, name_en="", originals=1, copies=0, mandatory=True, reusable=""):
    return (code, name, name_en, originals, copies, mandatory, reusable)


def fee(name, amount, exemption="", name_en=""):
    return (name, amount, exemption, name_en)


@dataclass
class Demo:
    code: str
    sector: str
    name: str
    name_en: str
    level: str
    decides: tuple[str, str]
    days: int
    documents: list[tuple]
    fees: list[tuple] = field(default_factory=list)
    kind: str = "working_days"
    online: str = OnlineLevel.FULL
    channels: list[str] = field(default_factory=lambda: list(STANDARD))
    result: str = ""
    result_form: str = ResultForm.BOTH
    legal: str = ""
    boundary_free: bool = False
    home: bool = False
    applicants: tuple[str, ...] = ("citizen",)
    supplement: str = "resume"


CIVIL_LAW = "Luật Hộ tịch số 60/2014/QH13; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP"
CIVIL_FEE = "Nghị quyết của HĐND Thành phố Hà Nội về lệ phí hộ tịch"
CERT_LAW = "Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực; Thông tư số 226/2016/TT-BTC"
RES_LAW = "Luật Cư trú số 68/2020/QH14; Nghị định số 154/2024/NĐ-CP; Thông tư số 53/2021/TT-BCA"
HKD_LAW = "Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp; Nghị định số 168/2025/NĐ-CP"
DN_LAW = "Luật Doanh nghiệp số 59/2020/QH14; Nghị định số 168/2025/NĐ-CP; Thông tư số 47/2019/TT-BTC"
XD_LAW = "Luật Xây dựng số 50/2014/QH13, sửa đổi năm 2020; Nghị định số 175/2024/NĐ-CP"
LAND_LAW = "Luật Đất đai số 31/2024/QH15; Nghị định số 101/2024/NĐ-CP; Nghị định số 151/2025/NĐ-CP"
SOCIAL_LAW = "Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP"
NCC_LAW = "Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14; Nghị định số 131/2021/NĐ-CP"
LINKED_LAW = "Nghị định số 63/2024/NĐ-CP về liên thông điện tử nhóm thủ tục hành chính"
ONE_STOP_LAW = (
    "Nghị định số 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông"
)

PROCEDURES: list[Demo] = [
    # --- Civil status (commune) -----------------------------------------------------------------------------
    Demo(
        "1.001193",
        "HT",
        "Đăng ký khai sinh",
        "Birth registration",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        1,
        [
            doc("TK", FORM, FORM_EN),
            doc(
                "GCS",
                "Giấy chứng sinh",
                "Birth certificate issued by the hospital",
                reusable="birth_certificate",
            ),
            ID,
        ],
        [
            fee(
                "Lệ phí đăng ký khai sinh",
                0,
                "Miễn lệ phí khi đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh)",
                "Birth registration fee",
            )
        ],
        result="Giấy khai sinh (bản chính) và số định danh cá nhân",
        legal=CIVIL_LAW,
        boundary_free=False,
    ),
    Demo(
        "1.000894",
        "HT",
        "Đăng ký kết hôn",
        "Marriage registration",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        1,
        [
            doc("TK", FORM, FORM_EN),
            ID,
            doc(
                "XNHN",
                "Giấy xác nhận tình trạng hôn nhân (nếu đăng ký thường trú ở xã khác)",
                "Certificate of marital status (if resident elsewhere)",
                mandatory=False,
                reusable="marital_status",
            ),
        ],
        [fee("Lệ phí đăng ký kết hôn", 0, "Miễn lệ phí đối với công dân Việt Nam cư trú trong nước")],
        result="Giấy chứng nhận kết hôn",
        legal=CIVIL_LAW,
        online=OnlineLevel.PARTIAL,
    ),
    Demo(
        "1.000656",
        "HT",
        "Đăng ký khai tử",
        "Death registration",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        1,
        [
            doc("TK", FORM, FORM_EN),
            doc("GBT", "Giấy báo tử hoặc giấy tờ thay giấy báo tử", "Death notice or an equivalent paper"),
            ID,
        ],
        [fee("Lệ phí đăng ký khai tử", 0, "Miễn lệ phí khi đăng ký đúng hạn")],
        result="Trích lục khai tử",
        legal=CIVIL_LAW,
        home=True,
        channels=list(WITH_HOME),
    ),
    Demo(
        "1.004884",
        "HT",
        "Đăng ký lại khai sinh",
        "Re-registration of a birth",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        5,
        [
            doc("TK", FORM, FORM_EN),
            doc(
                "BS",
                "Bản sao giấy khai sinh hoặc giấy tờ chứng minh nội dung khai sinh",
                "Copy of the birth certificate or papers proving it",
                0,
                1,
            ),
            ID,
        ],
        [fee("Lệ phí đăng ký lại khai sinh", 5000)],
        result="Giấy khai sinh",
        legal=CIVIL_LAW,
    ),
    Demo(
        "1.001022",
        "HT",
        "Đăng ký nhận cha, mẹ, con",
        "Recognition of parents and children",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        3,
        [
            doc("TK", FORM, FORM_EN),
            doc(
                "CC",
                "Chứng cứ chứng minh quan hệ cha, mẹ, con (kết quả giám định ADN...)",
                "Evidence of the parent-child relationship (DNA test...)",
            ),
            ID,
        ],
        [fee("Lệ phí đăng ký nhận cha, mẹ, con", 15000)],
        result="Trích lục đăng ký nhận cha, mẹ, con",
        legal=CIVIL_LAW,
        online=OnlineLevel.PARTIAL,
    ),
    Demo(
        "1.004873",
        "HT",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        "Certificate of marital status",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        3,
        [doc("TK", FORM, FORM_EN), ID],
        [fee("Lệ phí cấp Giấy xác nhận tình trạng hôn nhân", 3000)],
        result="Giấy xác nhận tình trạng hôn nhân",
        legal=CIVIL_LAW,
    ),
    Demo(
        "2.000635",
        "HT",
        "Cấp bản sao trích lục hộ tịch",
        "Copies of civil status extracts",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        1,
        [doc("TK", FORM, FORM_EN), ID],
        [fee("Phí cấp bản sao trích lục hộ tịch", 8000, "Tính theo bản: 8.000 đồng/bản", "Fee per copy")],
        result="Bản sao trích lục hộ tịch",
        legal=CIVIL_LAW,
        boundary_free=True,
    ),
    Demo(
        "1.004859",
        "HT",
        "Đăng ký thay đổi, cải chính hộ tịch cho người chưa đủ 14 tuổi",
        "Change or correction of civil status for a child under 14",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        3,
        [doc("TK", FORM, FORM_EN), doc("GKS", "Bản chính Giấy khai sinh", "Original birth certificate"), ID],
        [fee("Lệ phí thay đổi, cải chính hộ tịch", 15000)],
        result="Trích lục thay đổi, cải chính hộ tịch",
        legal=CIVIL_LAW,
    ),
    # --- Certification (commune; any commune, regardless of residence) ----------------------------------------
    Demo(
        "2.000815",
        "CTH",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        "Certified copy from an original document",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        1,
        [
            doc("BC", "Bản chính giấy tờ, văn bản cần chứng thực", "The original document"),
            doc(
                "BS",
                "Bản sao cần chứng thực (nếu người yêu cầu tự chuẩn bị)",
                "The copy to certify",
                0,
                1,
                False,
            ),
        ],
        [
            fee(
                "Phí chứng thực bản sao",
                2000,
                "2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản",
                "Fee per page",
            )
        ],
        result="Bản sao có chứng thực",
        legal=CERT_LAW,
        boundary_free=True,
        online=OnlineLevel.PARTIAL,
        result_form=ResultForm.BOTH,
    ),
    Demo(
        "2.000884",
        "CTH",
        "Chứng thực chữ ký trong các giấy tờ, văn bản",
        "Certification of a signature",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        1,
        [ID, doc("VB", "Giấy tờ, văn bản cần chứng thực chữ ký", "The document to be signed")],
        [fee("Phí chứng thực chữ ký", 10000, "10.000 đồng/trường hợp")],
        result="Văn bản có chứng thực chữ ký",
        legal=CERT_LAW,
        boundary_free=True,
        online=OnlineLevel.NONE,
        channels=list(COUNTER_ONLY),
        result_form=ResultForm.PAPER,
    ),
    Demo(
        "2.001035",
        "CTH",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        "Certification of a contract on movable property",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        2,
        [
            doc("DU", "Dự thảo hợp đồng, giao dịch", "Draft contract"),
            ID,
            doc(
                "GTTS",
                "Giấy chứng nhận quyền sở hữu tài sản",
                "Certificate of ownership of the property",
                0,
                1,
            ),
        ],
        [fee("Phí chứng thực hợp đồng", 50000, "50.000 đồng/hợp đồng")],
        result="Hợp đồng được chứng thực",
        legal=CERT_LAW,
        online=OnlineLevel.NONE,
        channels=list(COUNTER_ONLY),
        result_form=ResultForm.PAPER,
    ),
    # --- Residence (police) ---------------------------------------------------------------------------------
    Demo(
        "1.004194",
        "CUTRU",
        "Đăng ký thường trú",
        "Permanent residence registration",
        AuthorityLevel.COMMUNE,
        POLICE_REF,
        7,
        [
            doc("CT01", "Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Residence change form (CT01)"),
            doc(
                "CM",
                "Giấy tờ chứng minh chỗ ở hợp pháp",
                "Proof of lawful accommodation",
                0,
                1,
                reusable="housing_proof",
            ),
        ],
        [
            fee(
                "Lệ phí đăng ký thường trú",
                20000,
                "10.000 đồng khi nộp trực tuyến; miễn cho trẻ em, người có công, hộ nghèo",
            )
        ],
        result="Thông tin thường trú được cập nhật vào Cơ sở dữ liệu về cư trú",
        legal=RES_LAW,
        result_form=ResultForm.ELECTRONIC,
        boundary_free=True,
    ),
    Demo(
        "1.004222",
        "CUTRU",
        "Đăng ký tạm trú",
        "Temporary residence registration",
        AuthorityLevel.COMMUNE,
        POLICE_REF,
        3,
        [
            doc("CT01", "Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Residence change form (CT01)"),
            doc(
                "CM",
                "Giấy tờ chứng minh chỗ ở hợp pháp",
                "Proof of lawful accommodation",
                0,
                1,
                reusable="housing_proof",
            ),
        ],
        [fee("Lệ phí đăng ký tạm trú", 15000, "7.000 đồng khi nộp trực tuyến")],
        result="Thông tin tạm trú được cập nhật",
        legal=RES_LAW,
        result_form=ResultForm.ELECTRONIC,
        boundary_free=True,
    ),
    Demo(
        "1.004206",
        "CUTRU",
        "Xóa đăng ký thường trú",
        "Removal of permanent residence registration",
        AuthorityLevel.COMMUNE,
        POLICE_REF,
        1,
        [
            doc("CT01", "Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Residence change form (CT01)"),
            doc(
                "GTCM",
                "Giấy tờ chứng minh thuộc trường hợp xóa đăng ký thường trú (trích lục khai tử...)",
                "Proof of the reason (death extract...)",
                0,
                1,
            ),
        ],
        result="Thông tin thường trú được xóa",
        legal=RES_LAW,
        result_form=ResultForm.ELECTRONIC,
    ),
    # --- Business households (commune) ----------------------------------------------------------------------
    Demo(
        "2.000575",
        "HKD",
        "Đăng ký thành lập hộ kinh doanh",
        "Business household registration",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        3,
        [
            doc("GDN", "Giấy đề nghị đăng ký hộ kinh doanh", "Application for registration"),
            ID,
            doc(
                "BBH",
                "Biên bản họp thành viên hộ gia đình (nếu các thành viên cùng thành lập)",
                "Minutes of the household members' meeting",
                mandatory=False,
            ),
        ],
        [fee("Lệ phí đăng ký hộ kinh doanh", 100000, "Miễn lệ phí khi nộp trực tuyến")],
        result="Giấy chứng nhận đăng ký hộ kinh doanh",
        legal=HKD_LAW,
        applicants=("citizen", "business"),
    ),
    Demo(
        "2.000720",
        "HKD",
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
        "Change of a business household's registration",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        3,
        [
            doc("TB", "Thông báo thay đổi nội dung đăng ký hộ kinh doanh", "Notice of change"),
            doc(
                "GCN", "Bản chính Giấy chứng nhận đăng ký hộ kinh doanh", "Original registration certificate"
            ),
        ],
        [fee("Lệ phí đăng ký thay đổi", 50000, "Miễn lệ phí khi nộp trực tuyến")],
        result="Giấy chứng nhận đăng ký hộ kinh doanh",
        legal=HKD_LAW,
        applicants=("business",),
    ),
    Demo(
        "2.000386",
        "HKD",
        "Tạm ngừng hoạt động hộ kinh doanh",
        "Temporary suspension of a business household",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        3,
        [doc("TB", "Thông báo tạm ngừng kinh doanh", "Notice of suspension")],
        result="Giấy xác nhận tạm ngừng kinh doanh",
        legal=HKD_LAW,
        applicants=("business",),
    ),
    # --- Enterprises (Department of Finance, business registration office) ----------------------------------
    Demo(
        "2.002037",
        "DN",
        "Đăng ký thành lập công ty TNHH một thành viên",
        "Registration of a single-member limited liability company",
        AuthorityLevel.PROVINCE,
        FINANCE,
        3,
        [
            doc("GDN", "Giấy đề nghị đăng ký doanh nghiệp", "Application for enterprise registration"),
            doc("DL", "Điều lệ công ty", "Company charter"),
            ID,
        ],
        [
            fee("Lệ phí đăng ký doanh nghiệp", 50000, "Miễn lệ phí khi đăng ký qua mạng điện tử"),
            fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000),
        ],
        result="Giấy chứng nhận đăng ký doanh nghiệp",
        legal=DN_LAW,
        applicants=("business",),
        boundary_free=True,
    ),
    Demo(
        "1.010027",
        "DN",
        "Đăng ký thành lập doanh nghiệp tư nhân",
        "Registration of a sole proprietorship",
        AuthorityLevel.PROVINCE,
        FINANCE,
        3,
        [doc("GDN", "Giấy đề nghị đăng ký doanh nghiệp", "Application for enterprise registration"), ID],
        [
            fee("Lệ phí đăng ký doanh nghiệp", 50000, "Miễn lệ phí khi đăng ký qua mạng điện tử"),
            fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000),
        ],
        result="Giấy chứng nhận đăng ký doanh nghiệp",
        legal=DN_LAW,
        applicants=("business",),
    ),
    Demo(
        "2.002040",
        "DN",
        "Đăng ký thay đổi nội dung đăng ký doanh nghiệp",
        "Change of enterprise registration details",
        AuthorityLevel.PROVINCE,
        FINANCE,
        3,
        [
            doc("TB", "Thông báo thay đổi nội dung đăng ký doanh nghiệp", "Notice of change"),
            doc("NQ", "Nghị quyết, quyết định và biên bản họp về việc thay đổi", "Resolution and minutes"),
        ],
        [
            fee("Lệ phí đăng ký doanh nghiệp", 50000, "Miễn lệ phí khi đăng ký qua mạng điện tử"),
            fee("Phí công bố nội dung đăng ký doanh nghiệp", 100000),
        ],
        result="Giấy chứng nhận đăng ký doanh nghiệp",
        legal=DN_LAW,
        applicants=("business",),
    ),
    Demo(
        "1.010033",
        "DN",
        "Thông báo tạm ngừng kinh doanh của doanh nghiệp",
        "Notice of an enterprise's temporary suspension",
        AuthorityLevel.PROVINCE,
        FINANCE,
        3,
        [
            doc("TB", "Thông báo tạm ngừng kinh doanh", "Notice of suspension"),
            doc("NQ", "Nghị quyết, quyết định của chủ sở hữu hoặc hội đồng thành viên", "Owner's decision"),
        ],
        result="Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh",
        legal=DN_LAW,
        applicants=("business",),
    ),
    Demo(
        "2.002051",
        "DN",
        "Giải thể doanh nghiệp",
        "Dissolution of an enterprise",
        AuthorityLevel.PROVINCE,
        FINANCE,
        5,
        [
            doc("TB", "Thông báo về giải thể doanh nghiệp", "Notice of dissolution"),
            doc(
                "BC",
                "Báo cáo thanh lý tài sản, danh sách chủ nợ và số nợ đã thanh toán",
                "Report on liquidation and paid debts",
            ),
        ],
        result="Thông báo về việc doanh nghiệp đã giải thể",
        legal=DN_LAW,
        applicants=("business",),
    ),
    # --- Construction ---------------------------------------------------------------------------------------
    Demo(
        "1.009994",
        "XD",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Construction permit for a private house",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        15,
        [
            doc("DON", "Đơn đề nghị cấp giấy phép xây dựng", "Application for a construction permit"),
            doc(
                "QSDD",
                "Giấy tờ về quyền sử dụng đất",
                "Land use right certificate",
                0,
                1,
                reusable="land_certificate",
            ),
            doc("BV", "Hai bộ bản vẽ thiết kế xây dựng", "Two sets of design drawings", 2, 0),
        ],
        [fee("Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ", 75000)],
        kind="calendar_days",
        online=OnlineLevel.PARTIAL,
        result="Giấy phép xây dựng",
        legal=XD_LAW,
        result_form=ResultForm.PAPER,
    ),
    Demo(
        "1.009972",
        "XD",
        "Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III",
        "Construction permit for a level II or III work",
        AuthorityLevel.PROVINCE,
        CONSTRUCTION,
        20,
        [
            doc("DON", "Đơn đề nghị cấp giấy phép xây dựng", "Application for a construction permit"),
            doc("QSDD", "Giấy tờ về quyền sử dụng đất", "Land use right certificate", 0, 1),
            doc("TD", "Văn bản thông báo kết quả thẩm định thiết kế", "Design appraisal result", 0, 1),
            doc("BV", "Hai bộ bản vẽ thiết kế xây dựng", "Two sets of design drawings", 2, 0),
        ],
        [fee("Lệ phí cấp giấy phép xây dựng công trình", 150000)],
        kind="calendar_days",
        online=OnlineLevel.PARTIAL,
        result="Giấy phép xây dựng",
        legal=XD_LAW,
        applicants=("citizen", "business"),
        result_form=ResultForm.PAPER,
    ),
    Demo(
        "1.009980",
        "XD",
        "Gia hạn giấy phép xây dựng",
        "Extension of a construction permit",
        AuthorityLevel.PROVINCE,
        CONSTRUCTION,
        5,
        [
            doc("DON", "Đơn đề nghị gia hạn giấy phép xây dựng", "Application for extension"),
            doc("GP", "Bản chính giấy phép xây dựng đã được cấp", "Original construction permit"),
        ],
        [fee("Lệ phí gia hạn giấy phép xây dựng", 15000)],
        online=OnlineLevel.PARTIAL,
        result="Giấy phép xây dựng được gia hạn",
        legal=XD_LAW,
        applicants=("citizen", "business"),
        result_form=ResultForm.PAPER,
    ),
    # --- Land -----------------------------------------------------------------------------------------------
    Demo(
        "1.012756",
        "DD",
        "Đăng ký đất đai, tài sản gắn liền với đất và cấp Giấy chứng nhận lần đầu",
        "First registration of land and issue of the land use right certificate",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        20,
        [
            doc(
                "DON",
                "Đơn đăng ký đất đai, tài sản gắn liền với đất (mẫu 04/ĐK)",
                "Land registration form (04/ĐK)",
            ),
            doc("GT", "Giấy tờ về quyền sử dụng đất", "Papers on the land use right", 0, 1),
            doc(
                "TC",
                "Chứng từ thực hiện nghĩa vụ tài chính (nếu có)",
                "Receipts of financial obligations",
                0,
                1,
                False,
            ),
        ],
        [fee("Lệ phí cấp Giấy chứng nhận", 100000, "Khu vực xã: 50.000 đồng")],
        online=OnlineLevel.PARTIAL,
        result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        legal=LAND_LAW,
        result_form=ResultForm.PAPER,
    ),
    Demo(
        "1.012793",
        "DD",
        "Đăng ký biến động quyền sử dụng đất do chuyển nhượng, tặng cho, thừa kế",
        "Registration of a land transfer, gift or inheritance",
        AuthorityLevel.PROVINCE,
        AGRI_ENV,
        8,
        [
            doc("DON", "Đơn đăng ký biến động đất đai (mẫu 11/ĐK)", "Land change registration form (11/ĐK)"),
            doc(
                "HD",
                "Hợp đồng, văn bản chuyển quyền đã công chứng, chứng thực",
                "Notarised transfer contract",
            ),
            doc("GCN", "Bản gốc Giấy chứng nhận đã cấp", "Original land certificate"),
        ],
        [fee("Lệ phí đăng ký biến động", 30000)],
        online=OnlineLevel.PARTIAL,
        result="Giấy chứng nhận được xác nhận biến động hoặc cấp mới",
        legal=LAND_LAW,
        boundary_free=True,
        result_form=ResultForm.PAPER,
    ),
    Demo(
        "1.012784",
        "DD",
        "Chuyển mục đích sử dụng đất đối với hộ gia đình, cá nhân",
        "Change of land use purpose for households and individuals",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        15,
        [
            doc("DON", "Đơn xin chuyển mục đích sử dụng đất", "Application"),
            doc("GCN", "Giấy chứng nhận quyền sử dụng đất", "Land certificate", 0, 1),
        ],
        online=OnlineLevel.PARTIAL,
        result="Quyết định cho phép chuyển mục đích sử dụng đất",
        legal=LAND_LAW,
        result_form=ResultForm.PAPER,
    ),
    # --- Social assistance (commune) ------------------------------------------------------------------------
    Demo(
        "1.001776",
        "BTXH",
        "Trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng",
        "Monthly social allowance",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        10,
        [
            doc(
                "TK",
                "Tờ khai đề nghị trợ giúp xã hội (mẫu số 1a-1d)",
                "Social assistance application (1a-1d)",
            ),
            doc(
                "XN",
                "Giấy xác nhận khuyết tật (đối với người khuyết tật)",
                "Disability certificate",
                0,
                1,
                False,
                "disability_certificate",
            ),
        ],
        result="Quyết định trợ cấp xã hội hằng tháng",
        legal=SOCIAL_LAW,
        home=True,
        channels=list(WITH_HOME),
    ),
    Demo(
        "1.001758",
        "BTXH",
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "Funeral allowance for social assistance beneficiaries",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        3,
        [
            doc(
                "TK",
                "Tờ khai đề nghị hỗ trợ chi phí mai táng (mẫu số 04)",
                "Funeral allowance application (04)",
            ),
            doc("TLKT", "Trích lục khai tử", "Death extract", 0, 1, reusable="death_extract"),
        ],
        result="Quyết định hỗ trợ chi phí mai táng",
        legal=SOCIAL_LAW,
        home=True,
        channels=list(WITH_HOME),
    ),
    # --- People with meritorious service --------------------------------------------------------------------
    Demo(
        "1.002745",
        "NCC",
        "Trợ cấp mai táng phí khi người có công với cách mạng từ trần",
        "Funeral allowance when a person with meritorious service dies",
        AuthorityLevel.PROVINCE,
        HOME_AFFAIRS,
        12,
        [
            doc("TK", "Tờ khai của thân nhân (mẫu số 12)", "Relative's declaration (form 12)"),
            doc("TLKT", "Trích lục khai tử", "Death extract", 0, 1, reusable="death_extract"),
        ],
        result="Quyết định trợ cấp mai táng phí",
        legal=NCC_LAW,
        home=True,
        channels=list(WITH_HOME),
    ),
    Demo(
        "1.010820",
        "NCC",
        "Giải quyết chế độ ưu đãi đối với thân nhân liệt sĩ",
        "Benefits for relatives of a martyr",
        AuthorityLevel.PROVINCE,
        HOME_AFFAIRS,
        12,
        [
            doc(
                "TK", "Bản khai của thân nhân liệt sĩ (mẫu số 04)", "Martyr's relative declaration (form 04)"
            ),
            doc("BTQ", "Bằng Tổ quốc ghi công", "National Merit Certificate", 0, 1),
        ],
        result="Quyết định trợ cấp ưu đãi",
        legal=NCC_LAW,
        home=True,
        channels=list(WITH_HOME),
    ),
    Demo(
        "1.010822",
        "NCC",
        "Hỗ trợ người có công với cách mạng cải thiện nhà ở",
        "Housing support for people with meritorious service",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        10,
        [doc("DON", "Đơn đề nghị hỗ trợ nhà ở", "Application for housing support")],
        result="Quyết định hỗ trợ cải thiện nhà ở",
        legal=NCC_LAW,
        home=True,
        channels=list(WITH_HOME),
        online=OnlineLevel.PARTIAL,
    ),
    Demo(
        "1.010829",
        "NCC",
        "Di chuyển hồ sơ người có công khi thay đổi nơi thường trú",
        "Transfer of a meritorious person's file on moving",
        AuthorityLevel.PROVINCE,
        HOME_AFFAIRS,
        5,
        [doc("DON", "Đơn đề nghị di chuyển hồ sơ (mẫu số 15)", "Application (form 15)"), ID],
        result="Phiếu báo di chuyển hồ sơ",
        legal=NCC_LAW,
        home=True,
        channels=list(WITH_HOME),
        boundary_free=True,
    ),
    # --- Education ------------------------------------------------------------------------------------------
    Demo(
        "1.005083",
        "GD",
        "Chuyển trường đối với học sinh trung học cơ sở",
        "School transfer for lower secondary pupils",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        3,
        [
            doc("DON", "Đơn xin chuyển trường của cha mẹ học sinh", "Parents' application"),
            doc("HB", "Học bạ (bản chính)", "School record (original)"),
        ],
        result="Giấy giới thiệu chuyển trường",
        legal="Thông tư số 50/2021/TT-BGDĐT",
    ),
    Demo(
        "1.005092",
        "GD",
        "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "Copy of a diploma from the master register",
        AuthorityLevel.PROVINCE,
        EDUCATION,
        1,
        [doc("DON", "Đơn đề nghị cấp bản sao", "Application"), ID],
        [fee("Phí cấp bản sao từ sổ gốc", 0, "Không thu phí")],
        result="Bản sao văn bằng, chứng chỉ",
        legal="Nghị định số 23/2015/NĐ-CP; Thông tư số 21/2019/TT-BGDĐT",
        boundary_free=True,
    ),
    Demo(
        "1.004492",
        "GD",
        "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục",
        "Licence for an independent pre-school class",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        20,
        [
            doc("TT", "Tờ trình đề nghị cho phép hoạt động giáo dục", "Request"),
            doc("QĐ", "Quyết định thành lập nhóm trẻ, lớp mẫu giáo", "Decision establishing the class", 0, 1),
        ],
        online=OnlineLevel.PARTIAL,
        result="Quyết định cho phép hoạt động giáo dục",
        legal="Nghị định số 125/2024/NĐ-CP",
        applicants=("business",),
        result_form=ResultForm.PAPER,
    ),
    # --- Health ---------------------------------------------------------------------------------------------
    Demo(
        "1.012270",
        "KCB",
        "Cấp mới giấy phép hành nghề đối với chức danh bác sĩ",
        "Practising licence for a physician",
        AuthorityLevel.PROVINCE,
        HEALTH,
        20,
        [
            doc("DON", "Đơn đề nghị cấp giấy phép hành nghề", "Application"),
            doc("VB", "Văn bằng chuyên môn", "Professional diploma", 0, 1, reusable="diploma"),
            doc("GKSK", "Giấy khám sức khỏe", "Health certificate", 1, 0, reusable="health_certificate"),
        ],
        [fee("Phí thẩm định cấp giấy phép hành nghề", 430000)],
        online=OnlineLevel.PARTIAL,
        result="Giấy phép hành nghề khám bệnh, chữa bệnh",
        legal="Luật Khám bệnh, chữa bệnh số 15/2023/QH15; Nghị định số 96/2023/NĐ-CP",
    ),
    Demo(
        "1.012281",
        "KCB",
        "Cấp giấy phép hoạt động đối với phòng khám chuyên khoa",
        "Operating licence for a specialist clinic",
        AuthorityLevel.PROVINCE,
        HEALTH,
        30,
        [
            doc("DON", "Đơn đề nghị cấp giấy phép hoạt động", "Application"),
            doc("DS", "Danh sách người hành nghề", "List of practitioners"),
            doc("CSVC", "Bản kê khai cơ sở vật chất, thiết bị y tế", "Facilities and equipment"),
        ],
        [fee("Phí thẩm định cấp giấy phép hoạt động", 5700000)],
        online=OnlineLevel.PARTIAL,
        result="Giấy phép hoạt động",
        legal="Luật Khám bệnh, chữa bệnh số 15/2023/QH15; Nghị định số 96/2023/NĐ-CP",
        applicants=("business",),
        kind="calendar_days",
    ),
    Demo(
        "1.000087",
        "BHYT",
        "Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "Health insurance card for a child under 6",
        AuthorityLevel.COMMUNE,
        INSURANCE_REF,
        3,
        [doc("TK", "Tờ khai tham gia bảo hiểm y tế (mẫu TK1-TS)", "Health insurance form (TK1-TS)")],
        result="Thẻ bảo hiểm y tế",
        legal="Luật Bảo hiểm y tế; Quyết định số 896/QĐ-BHXH",
        result_form=ResultForm.ELECTRONIC,
    ),
    # --- Labour ---------------------------------------------------------------------------------------------
    Demo(
        "1.000105",
        "LD",
        "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam",
        "Work permit for a foreign employee",
        AuthorityLevel.PROVINCE,
        HOME_AFFAIRS,
        10,
        [
            doc("DON", "Văn bản đề nghị cấp giấy phép lao động", "Application"),
            doc("GKSK", "Giấy chứng nhận sức khỏe", "Health certificate"),
            doc("LLTP", "Phiếu lý lịch tư pháp", "Judicial record"),
            doc("HC", "Bản sao hộ chiếu", "Copy of the passport", 0, 1),
        ],
        [fee("Lệ phí cấp giấy phép lao động", 400000)],
        result="Giấy phép lao động",
        legal="Bộ luật Lao động năm 2019; Nghị định số 219/2025/NĐ-CP",
        applicants=("business",),
    ),
    Demo(
        "1.000401",
        "LD",
        "Giải quyết hưởng trợ cấp thất nghiệp",
        "Unemployment benefit",
        AuthorityLevel.PROVINCE,
        HOME_AFFAIRS,
        20,
        [
            doc("DON", "Đề nghị hưởng trợ cấp thất nghiệp", "Application"),
            doc(
                "QĐNV", "Quyết định thôi việc hoặc hợp đồng lao động đã hết hạn", "Termination decision", 0, 1
            ),
            doc("SBHXH", "Sổ bảo hiểm xã hội", "Social insurance book", reusable="social_insurance_book"),
        ],
        result="Quyết định hưởng trợ cấp thất nghiệp",
        legal="Luật Việc làm số 38/2013/QH13",
        boundary_free=True,
    ),
    Demo(
        "1.009462",
        "LD",
        "Đăng ký nội quy lao động",
        "Registration of work rules",
        AuthorityLevel.PROVINCE,
        HOME_AFFAIRS,
        7,
        [
            doc("VB", "Văn bản đề nghị đăng ký nội quy lao động", "Application"),
            doc("NQ", "Nội quy lao động", "Work rules"),
        ],
        result="Thông báo về việc đăng ký nội quy lao động",
        legal="Bộ luật Lao động năm 2019",
        applicants=("business",),
    ),
    # --- Judicial records -----------------------------------------------------------------------------------
    Demo(
        "2.000488",
        "LLTP",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Judicial record certificate",
        AuthorityLevel.PROVINCE,
        JUSTICE,
        10,
        [doc("TK", "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", "Request form"), ID],
        [
            fee(
                "Phí cung cấp thông tin lý lịch tư pháp",
                200000,
                "100.000 đồng đối với sinh viên, người có công "
                "với cách mạng; miễn cho trẻ em, người cao tuổi, người khuyết tật, hộ nghèo",
            )
        ],
        result="Phiếu lý lịch tư pháp",
        legal="Luật Lý lịch tư pháp số 28/2009/QH12; Thông tư số 244/2016/TT-BTC",
        boundary_free=True,
    ),
    # --- Food safety and trade ------------------------------------------------------------------------------
    Demo(
        "2.000591",
        "ATTP",
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        "Food safety certificate for a food business",
        AuthorityLevel.PROVINCE,
        TRADE,
        20,
        [
            doc("DON", "Đơn đề nghị cấp Giấy chứng nhận", "Application"),
            doc(
                "TM",
                "Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ",
                "Description of the premises",
            ),
            doc(
                "XN",
                "Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất",
                "Health certificates",
            ),
        ],
        [fee("Phí thẩm định cơ sở kinh doanh thực phẩm", 1000000)],
        online=OnlineLevel.PARTIAL,
        result="Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
        legal="Luật An toàn thực phẩm năm 2010; Thông tư số 67/2021/TT-BTC",
        applicants=("business",),
        kind="calendar_days",
    ),
    Demo(
        "2.000633",
        "ATTP",
        "Cấp Giấy phép bán lẻ rượu",
        "Alcohol retail licence",
        AuthorityLevel.COMMUNE,
        COMMUNE,
        10,
        [
            doc("DON", "Đơn đề nghị cấp Giấy phép bán lẻ rượu", "Application"),
            doc("HD", "Hợp đồng mua bán với thương nhân phân phối rượu", "Supply contract", 0, 1),
        ],
        [fee("Phí thẩm định cấp giấy phép bán lẻ rượu", 400000)],
        result="Giấy phép bán lẻ rượu",
        legal="Nghị định số 105/2017/NĐ-CP",
        applicants=("business",),
    ),
]

GROUPS = [
    (
        "LT.KS-TT-BHYT",
        "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
        "Birth registration, permanent residence registration and health insurance card for a child under 6",
        5,
        ["1.001193", "1.004194", "1.000087"],
    ),
    (
        "LT.KT-XTT-MT",
        "Liên thông đăng ký khai tử, xóa đăng ký thường trú, hỗ trợ chi phí mai táng",
        "Death registration, removal of permanent residence and funeral allowance",
        15,
        ["1.000656", "1.004206", "1.001758"],
    ),
    (
        "LT.KT-XTT-NCC",
        "Liên thông đăng ký khai tử, xóa đăng ký thường trú, trợ cấp mai táng phí người có công",
        "Death registration, removal of permanent residence and funeral allowance for a person with "
        "meritorious service",
        20,
        ["1.000656", "1.004206", "1.002745"],
    ),
    (
        "LT.KH-TT",
        "Liên thông đăng ký kết hôn và đăng ký thường trú",
        "Marriage registration and permanent residence registration",
        8,
        ["1.000894", "1.004194"],
    ),
]
GREEN_FRIDAY_PROCEDURES = ["2.000575", "2.000720", "2.000386"]


def _steps(days: int, *, province: bool, centre: Agency | None) -> list[dict[str, Any]]:
    """Receiving at the service centre, the specialist at the competent agency, the leader's approval."""
    total = Decimal(days)
    receive = Decimal("0.5") if days >= 3 else Decimal("0.25")
    approve = Decimal("1") if days >= 10 else Decimal("0.5") if days >= 3 else Decimal("0.25")
    where = (
        "Trung tâm Phục vụ hành chính công thành phố"
        if province
        else "Trung tâm phục vụ hành chính công xã, phường"
    )
    return [
        {
            "order": 1,
            "name": f"Tiếp nhận hồ sơ tại {where}",
            "name_en": "Receive the dossier at the service centre",
            "agency": centre if province else None,
            "role": "receiving_officer",
            "time_budget": receive,
        },
        {
            "order": 2,
            "name": "Chuyên viên thẩm định, đề xuất",
            "name_en": "Specialist review and proposal",
            "agency": None,
            "role": "specialist",
            "time_budget": total - receive - approve,
        },
        {
            "order": 3,
            "name": "Lãnh đạo xem xét, ký duyệt",
            "name_en": "Leader's approval and signature",
            "agency": None,
            "role": "leader",
            "time_budget": approve,
        },
    ]


class _Agencies:
    """Finds the demo agencies by kind and name, creating the few that are missing."""

    def __init__(self, stdout) -> None:
        self.stdout = stdout
        self.hanoi = AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.PROVINCE, name=HANOI
        ).first() or AdministrativeUnit.objects.create(
            code="01", name=HANOI, level=AdministrativeUnit.Level.PROVINCE
        )
        self._cache: dict[tuple[str, str], Agency] = {}

    def get(self, kind: str, name: str, code: str) -> Agency:
        key = (kind, name)
        if key not in self._cache:
            agency = Agency.objects.filter(kind=kind, name=name).first()
            if agency is None:
                while Agency.objects.filter(code=code).exists():
                    code += "X"
                agency = Agency.objects.create(
                    code=code,
                    name=name,
                    name_en=DEPARTMENTS_EN.get(name, ""),
                    kind=kind,
                    administrative_unit=self.hanoi,
                    receives_dossiers=kind == Agency.Kind.SERVICE_CENTRE,
                )
                self.stdout.write(f"  + {name} ({code})")
            self._cache[key] = agency
        return self._cache[key]

    def competent(self, ref: tuple[str, str]) -> tuple[Agency | None, str]:
        what, value = ref
        if what == "kind":
            return None, value
        kind = Agency.Kind.DEPARTMENT if what == "department" else Agency.Kind.VERTICAL_AGENCY
        short = "".join(word[0] for word in value.split()).upper().replace("Đ", "D")
        return self.get(kind, value, f"DM.{short}"), ""

    def city_centre(self) -> Agency:
        return self.get(Agency.Kind.SERVICE_CENTRE, CITY_CENTRE, "DM.TTPVHCC")

    def green_friday_agency(self) -> Agency:
        unit = AdministrativeUnit.objects.filter(name=GREEN_FRIDAY_COMMUNE).first()
        if unit is None:
            unit = AdministrativeUnit.objects.create(
                code="DM.HD",
                name=GREEN_FRIDAY_COMMUNE,
                level=AdministrativeUnit.Level.COMMUNE,
                parent=self.hanoi,
            )
        # The lane applies where the dossier is received: the commune's service centre, else its committee.
        for kind in (Agency.Kind.SERVICE_CENTRE, Agency.Kind.COMMUNE_COMMITTEE):
            agency = Agency.objects.filter(kind=kind, administrative_unit=unit).first()
            if agency is not None:
                return agency
        return Agency.objects.create(
            code="DM.HD.TTPVHCC",
            name="Trung tâm phục vụ hành chính công xã Hoài Đức",
            kind=Agency.Kind.SERVICE_CENTRE,
            administrative_unit=unit,
            receives_dossiers=True,
        )


def _content(item: Demo, agencies: _Agencies) -> VersionContent:
    agency, kind = agencies.competent(item.decides)
    province = item.level == AuthorityLevel.PROVINCE
    return VersionContent(
        fields={
            "name": item.name,
            "name_en": item.name_en,
            "description": "",
            "authority_level": item.level,
            "competent_agency": agency,
            "competent_agency_kind": kind,
            "processing_time_kind": item.kind,
            "processing_time_amount": item.days,
            "online_level": item.online,
            "channels": list(item.channels) if item.online != OnlineLevel.NONE else list(COUNTER_ONLY),
            "result_form": item.result_form,
            "result_name": item.result,
            "boundary_free": item.boundary_free,
            "home_service_eligible": item.home,
            "supplement_policy": item.supplement,
            "applicant_kinds": list(item.applicants),
            "legal_basis": f"{item.legal}\n{ONE_STOP_LAW}",
            "effective_from": date(2025, 7, 1),
            "effective_to": None,
        },
        documents=[
            {
                "order": i,
                "code": code,
                "name": name,
                "name_en": name_en,
                "originals": originals,
                "copies": copies,
                "mandatory": mandatory,
                "reusable_kind": reusable,
            }
            for i, (code, name, name_en, originals, copies, mandatory, reusable) in enumerate(
                item.documents, 1
            )
        ],
        fees=[
            {"order": i, "name": name, "name_en": name_en, "amount": amount, "exemption": exemption}
            for i, (name, amount, exemption, name_en) in enumerate(item.fees, 1)
        ],
        steps=_steps(item.days, province=province, centre=agencies.city_centre() if province else None),
    )


def load(*, stdout) -> None:
    agencies = _Agencies(stdout)
    sectors = {}
    for code, (name, name_en) in SECTORS.items():
        sectors[code], _ = Sector.objects.update_or_create(
            code=code, defaults={"name": name, "name_en": name_en}
        )
    published = 0
    procedures = {}
    for item in PROCEDURES:
        procedure, changed = procedure_publish_content(
            code=item.code, sector=sectors[item.sector], content=_content(item, agencies), is_sample=True
        )
        procedures[item.code] = procedure
        published += changed
    for code, name, name_en, days, members in GROUPS:
        group, _ = ProcedureGroup.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "processing_time_amount": days,
                "legal_basis": LINKED_LAW,
                "is_sample": True,
            },
        )
        for order, member in enumerate(members, 1):
            ProcedureGroupMember.objects.update_or_create(
                group=group, procedure=procedures[member], defaults={"order": order}
            )
    lane_agency = agencies.green_friday_agency()
    for code in GREEN_FRIDAY_PROCEDURES:
        ExpressLane.objects.update_or_create(
            procedure=procedures[code],
            agency=lane_agency,
            name="Thứ Sáu xanh",
            defaults={
                "weekdays": [4],
                "counter_only": True,
                "working_minutes": 60,
                "effective_from": date(2025, 7, 4),
                "is_active": True,
            },
        )
    stdout.write(
        f"Catalog: {len(PROCEDURES)} sample procedures in {len(SECTORS)} sectors ({published} newly published), "
        f"{len(GROUPS)} interconnected groups, Green Friday at {lane_agency.name}."
    )
