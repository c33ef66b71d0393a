"""Name stock for altgen, written from general knowledge of Vietnamese naming (not taken from any other generator).

Each ethnic group has its own surnames, middle names and given names, and its own name shape:
Kinh / Mường / Tày / Nùng / Thái / Dao: surname + middle + given; H'Mông: surname + A/Seo/Mí/Thị + given;
Ê Đê: Y (men) or H' (women) + given, the (matrilineal) family name last; Khmer: family name + one or two syllables.
"""

# (surname, weight) for Kinh; Hoàng/Huỳnh and Vũ/Võ are the north/south regional pairs.
KINH_SURNAMES = [
    ("Nguyễn", 300), ("Trần", 110), ("Lê", 90), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 25), ("Phan", 40),
    ("Vũ", 22), ("Võ", 20), ("Đặng", 20), ("Bùi", 20), ("Đỗ", 18), ("Hồ", 14), ("Ngô", 13), ("Dương", 10),
    ("Lý", 6), ("Đinh", 7), ("Trương", 8), ("Lương", 4), ("Tạ", 3), ("Quách", 2), ("Khổng", 1), ("Mạc", 1),
    ("Âu", 1), ("Ninh", 1), ("Thân", 2), ("Diệp", 1), ("Kha", 1), ("Lưu", 3), ("Triệu", 2), ("Đàm", 2),
    ("Văn", 1), ("Chu", 2), ("Cao", 3), ("Tô", 2), ("La", 1), ("Lại", 2), ("Kiều", 1), ("Doãn", 1),
    ("Tôn Nữ", 1), ("Mai", 3), ("Trịnh", 4), ("Nghiêm", 1), ("Ông", 1), ("Giáp", 1), ("Vương", 1),
]

KINH_MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Ngọc", "Gia",
                    "Bảo", "Đình", "Trọng", "Tiến", "Mạnh", "Duy", "Anh", "Hoài", "Quốc", "Thế", "Khắc", "Viết"]
KINH_MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Bích", "Hồng", "Phương",
                      "Thùy", "Mỹ", "Diệu", "Khánh", "Bảo", "Quỳnh", "Tuyết", "Hoài", "Cẩm"]

KINH_GIVEN_MALE = [
    "An", "Anh", "Bảo", "Bình", "Cường", "Chiến", "Công", "Dũng", "Duy", "Dương", "Đạt", "Định", "Đông", "Đức",
    "Giang", "Hải", "Hiếu", "Hiển", "Hòa", "Hoan", "Hùng", "Hưng", "Huy", "Khải", "Khang", "Khánh", "Khoa",
    "Khôi", "Kiên", "Lâm", "Lộc", "Long", "Luân", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Nguyên", "Nhân",
    "Phát", "Phong", "Phúc", "Phước", "Quân", "Quang", "Quý", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh",
    "Thuận", "Toàn", "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Vỹ", "Sỹ", "Thủy", "Thụy", "Hoè",
    # rarer syllables
    "Ngoạn", "Khuyến", "Quýnh", "Toản", "Nhuận", "Huấn", "Duẩn", "Thưởng", "Khoát", "Oánh", "Uẩn", "Ước",
    "Nghiêm", "Thoại", "Khiêm", "Chuyên", "Triều", "Huỳnh", "Quyết", "Doanh", "Hoạch", "Khuê", "Ngữ", "Thiều",
]
KINH_GIVEN_FEMALE = [
    "Anh", "Ánh", "Bích", "Châu", "Chi", "Cúc", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
    "Hòa", "Hồng", "Huệ", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc",
    "Nhung", "Oanh", "Phương", "Phượng", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thoa", "Thu", "Thư", "Thủy",
    "Thùy", "Thúy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Lệ", "Mỹ", "Hạ",
    # rarer syllables
    "Khuê", "Quế", "Nguyệt", "Khuyên", "Xoan", "Giao", "Diệu", "Huyền", "Thơm", "Nhàn", "Tươi", "Dịu",
    "Ngoan", "Hoè", "Thụy", "Lụa", "Mận", "Gấm", "Nhụy", "Ỷ", "Sương", "Thắm",
]

# Themed sibling sets: parents often name children as a series.
SIBLING_THEMES_MALE = [["Phúc", "Lộc", "Thọ"], ["Nhân", "Nghĩa", "Trí", "Tín"], ["Long", "Lân", "Quy"],
                       ["Hùng", "Hưng", "Hưởng"], ["Hải", "Hà", "Hào"], ["Tuấn", "Tú", "Tài"],
                       ["Minh", "Mạnh", "Mến"], ["Sơn", "Hải", "Lâm"]]
SIBLING_THEMES_FEMALE = [["Xuân", "Hạ", "Thu", "Đông"], ["Hồng", "Cúc", "Lan", "Huệ", "Mai"], ["Kim", "Ngân"],
                         ["Thu", "Thư", "Thủy"], ["Linh", "Lan", "Liên"], ["Hằng", "Hạnh", "Hiền"],
                         ["Trang", "Trâm", "Trinh"], ["Nga", "Ngân", "Ngọc"]]

# Groups other than Kinh: surnames, male / female middle names, given names.
MINORITY = {
    "Tày": {"surnames": ["Nông", "Hoàng", "Lục", "Hà", "Đàm", "Ma", "Bế", "Lương", "Triệu", "Vi", "Lăng", "Chu"],
            "mid_m": ["Văn", "Văn", "Đức"], "mid_f": ["Thị", "Thị"],
            "given": ["Dền", "Khiêm", "Lụa", "Thắm", "Sầm", "Thình", "Dìn", "Nhất", "Hìn", "Slam", "Pảo", "Cương",
                      "Nhị", "Mừng", "Thuyên", "Kỳ", "Lài", "Lường"]},
    "Nùng": {"surnames": ["Nông", "Hoàng", "Lý", "Vi", "Chu", "Lương", "Mã", "Lăng", "Sầm"],
             "mid_m": ["Văn", "Seo"], "mid_f": ["Thị"],
             "given": ["Sáng", "Slí", "Pham", "Chài", "Mìn", "Lìn", "Sửu", "Sình", "Quyn", "Lành", "Dấu"]},
    "Thái": {"surnames": ["Lò", "Cầm", "Lường", "Quàng", "Hà", "Vi", "Lù", "Tòng", "Điêu", "Mè", "Lộc", "Sầm"],
             "mid_m": ["Văn", "Văn"], "mid_f": ["Thị", "Thị"],
             "given": ["Pản", "Ún", "Xiêng", "Khăm", "Piệng", "Ủa", "Bun", "Hặc", "Ngoan", "Én", "Ênh", "Thoong",
                       "Chăn", "Khiêm", "Cương", "Ọn", "Ỏn", "Phăn", "Xôm", "Ịn"]},
    "Mường": {"surnames": ["Bùi", "Đinh", "Quách", "Hà", "Xa", "Cao", "Bạch"],
              "mid_m": ["Văn", "Công"], "mid_f": ["Thị"],
              "given": ["Khiêm", "Tươi", "Nhất", "Thuận", "Lạng", "Ngoãn", "Đoàn", "Hằng", "Oanh", "Mới", "Phẩm"]},
    "Dao": {"surnames": ["Triệu", "Bàn", "Lý", "Đặng", "Phùng", "Chảo", "Tẩn"],
            "mid_m": ["Văn", "Tòn", "Kiều"], "mid_f": ["Thị", "Mùi"],
            "given": ["Phin", "Chòi", "Kiềm", "Mẩy", "Sếnh", "Chạn", "Tả", "Lở", "Quẩy", "Dụng", "Sinh"]},
    "H'Mông": {"surnames": ["Giàng", "Sùng", "Lầu", "Thào", "Vàng", "Mùa", "Hờ", "Lý", "Vừ", "Hạng", "Tráng", "Cứ"],
               "mid_m": ["A", "A", "Seo", "Mí", "Chẩu"], "mid_f": ["Thị", "Thị", "Mỷ"],
               "given": ["Páo", "Chứ", "Dính", "Sử", "Lử", "Pó", "Tủa", "Dế", "Mỷ", "Dợ", "Súa", "Sênh", "Xà",
                         "Chía", "Cở", "Dì", "Nhè", "Sùng", "Chống", "Lềnh", "Xuống", "Vư", "Khua", "Dủa"]},
    "Khmer": {"surnames": ["Thạch", "Danh", "Sơn", "Kim", "Lâm", "Chau", "Trà", "Lý"],
              "mid_m": ["", "", "Văn"], "mid_f": ["Thị", ""],
              "given": ["Sô Phol", "Sà Rin", "Sa Ra", "Sóc Kha", "Sóc Khêng", "Rươne", "Sa Rết", "Phố", "Ty",
                        "Sà Rọt", "Chanh Thu", "Kim Sang", "Rinh", "Mơ Nô", "Pha Ly", "Sóc Pheap"]},
}

EDE_FAMILIES = ["Niê", "Ksor", "Mlô", "Êban", "Adrơng", "Byă", "Hmok", "Knul", "Kbuôr", "Êya", "Mdrang"]
EDE_GIVEN_MALE = ["Bih", "Ngông", "Moan", "Kông", "Jut", "Bhiêm", "Thuột", "Sơn", "Blô", "Khu", "Dhăm", "Wang"]
EDE_GIVEN_FEMALE = ["Hen", "Linh", "Nga", "Ruê", "Yim", "Bia", "Liên", "Năk", "Ngoan", "Ly", "Dung", "Mai"]

# Provinces: official 3-digit code, name, and which ethnic groups live there in numbers.
PROVINCES = [
    ("001", "Hà Nội", "Kinh"), ("002", "Hà Giang", "H'Mông Tày Dao Nùng"), ("004", "Cao Bằng", "Tày Nùng H'Mông Dao"),
    ("006", "Bắc Kạn", "Tày Dao Nùng"), ("008", "Tuyên Quang", "Tày Dao Kinh"), ("010", "Lào Cai", "H'Mông Dao Tày Kinh"),
    ("011", "Điện Biên", "Thái H'Mông Kinh"), ("012", "Lai Châu", "H'Mông Thái Dao"), ("014", "Sơn La", "Thái H'Mông Kinh"),
    ("015", "Yên Bái", "Kinh Tày Dao H'Mông"), ("017", "Hòa Bình", "Mường Kinh"), ("019", "Thái Nguyên", "Kinh Tày Nùng"),
    ("020", "Lạng Sơn", "Nùng Tày Kinh"), ("022", "Quảng Ninh", "Kinh Dao"), ("024", "Bắc Giang", "Kinh Nùng"),
    ("025", "Phú Thọ", "Kinh Mường"), ("026", "Vĩnh Phúc", "Kinh"), ("027", "Bắc Ninh", "Kinh"),
    ("030", "Hải Dương", "Kinh"), ("031", "Hải Phòng", "Kinh"), ("033", "Hưng Yên", "Kinh"), ("034", "Thái Bình", "Kinh"),
    ("035", "Hà Nam", "Kinh"), ("036", "Nam Định", "Kinh"), ("037", "Ninh Bình", "Kinh"), ("038", "Thanh Hóa", "Kinh Mường Thái"),
    ("040", "Nghệ An", "Kinh Thái"), ("042", "Hà Tĩnh", "Kinh"), ("044", "Quảng Bình", "Kinh"), ("045", "Quảng Trị", "Kinh"),
    ("046", "Thừa Thiên Huế", "Kinh"), ("048", "Đà Nẵng", "Kinh"), ("049", "Quảng Nam", "Kinh"),
    ("051", "Quảng Ngãi", "Kinh"), ("052", "Bình Định", "Kinh"), ("054", "Phú Yên", "Kinh"), ("056", "Khánh Hòa", "Kinh"),
    ("058", "Ninh Thuận", "Kinh"), ("060", "Bình Thuận", "Kinh"), ("062", "Kon Tum", "Kinh"), ("064", "Gia Lai", "Kinh"),
    ("066", "Đắk Lắk", "Kinh Ê Đê"), ("067", "Đắk Nông", "Kinh Ê Đê"), ("068", "Lâm Đồng", "Kinh"),
    ("070", "Bình Phước", "Kinh"), ("072", "Tây Ninh", "Kinh"), ("074", "Bình Dương", "Kinh"), ("075", "Đồng Nai", "Kinh"),
    ("077", "Bà Rịa - Vũng Tàu", "Kinh"), ("079", "Hồ Chí Minh", "Kinh"), ("080", "Long An", "Kinh"),
    ("082", "Tiền Giang", "Kinh"), ("083", "Bến Tre", "Kinh"), ("084", "Trà Vinh", "Kinh Khmer"),
    ("086", "Vĩnh Long", "Kinh"), ("087", "Đồng Tháp", "Kinh"), ("089", "An Giang", "Kinh Khmer"),
    ("091", "Kiên Giang", "Kinh Khmer"), ("092", "Cần Thơ", "Kinh"), ("093", "Hậu Giang", "Kinh"),
    ("094", "Sóc Trăng", "Khmer Kinh"), ("095", "Bạc Liêu", "Kinh Khmer"), ("096", "Cà Mau", "Kinh"),
]
SOUTHERN_FROM = "045"  # from Quảng Trị southwards, Huỳnh / Võ outnumber Hoàng / Vũ

COMMUNE_STEMS = ["Tân Lập", "Hòa Bình", "Đông Hưng", "An Phú", "Phú Thọ", "Quyết Thắng", "Thanh Xuân", "Tiên Phong",
                 "Nghĩa Hưng", "Bình Minh", "Đồng Tâm", "Hợp Tiến", "Kim Sơn", "Mường Phăng", "Thuận Hòa", "Long Hưng",
                 "Ea Tu", "Sà Phìn", "Pả Vi", "Lũng Cú", "Vĩnh Thạnh", "Hưng Lợi", "Tà Xùa", "Khánh Thiện",
                 "Yên Khê", "Quỳnh Lôi", "Nậm Ty", "Cư Êbur", "Đại Đồng", "Trung Nghĩa"]
HAMLETS = ["Thôn", "Xóm", "Bản", "Ấp", "Tổ dân phố", "Buôn"]
STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt", "Điện Biên Phủ"]
