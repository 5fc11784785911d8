//! The vocabulary of administrative documents: types and their codes, bodies, positions,
//! signing authorities, and the small parsers for numbers and dates every stage shares.
//!
//! Facts come from Nghị định 30/2020/NĐ-CP (Phụ lục III, the abbreviation table), the
//! legal-normative numbering `số/năm/LOẠI-CƠ QUAN`, and the Party style `số-LOẠI/CƠ QUAN`.

use regex::Regex;
use std::sync::LazyLock;

/// One document type: the name as printed in capitals, its code and its name in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocTypeInfo {
    /// Upper-case name as printed (`KẾ HOẠCH`).
    pub upper: &'static str,
    /// Code from the official table (`KH`), if it has one.
    pub code: Option<&'static str>,
    /// The name in running text (`Kế hoạch`).
    pub name: &'static str,
}

const fn t(upper: &'static str, code: Option<&'static str>, name: &'static str) -> DocTypeInfo {
    DocTypeInfo { upper, code, name }
}

/// Document types, longest names first so that a prefix match takes the longest one.
pub static DOC_TYPES: &[DocTypeInfo] = &[
    t("THÔNG TƯ LIÊN TỊCH", Some("TTLT"), "Thông tư liên tịch"),
    t("NGHỊ QUYẾT LIÊN TỊCH", Some("NQLT"), "Nghị quyết liên tịch"),
    t("BẢN THỎA THUẬN", Some("BTT"), "Bản thỏa thuận"),
    t("BẢN THOẢ THUẬN", Some("BTT"), "Bản thoả thuận"),
    t("GIẤY ỦY QUYỀN", Some("GUQ"), "Giấy ủy quyền"),
    t("GIẤY UỶ QUYỀN", Some("GUQ"), "Giấy uỷ quyền"),
    t("GIẤY GIỚI THIỆU", Some("GGT"), "Giấy giới thiệu"),
    t("GIẤY NGHỈ PHÉP", Some("GNP"), "Giấy nghỉ phép"),
    t("BẢN GHI NHỚ", Some("BGN"), "Bản ghi nhớ"),
    t("CHƯƠNG TRÌNH", Some("CTr"), "Chương trình"),
    t("NGHỊ QUYẾT", Some("NQ"), "Nghị quyết"),
    t("QUYẾT ĐỊNH", Some("QĐ"), "Quyết định"),
    t("NGHỊ ĐỊNH", Some("NĐ"), "Nghị định"),
    t("PHÁP LỆNH", Some("PL"), "Pháp lệnh"),
    t("THÔNG CÁO", Some("TC"), "Thông cáo"),
    t("THÔNG BÁO", Some("TB"), "Thông báo"),
    t("HƯỚNG DẪN", Some("HD"), "Hướng dẫn"),
    t("PHƯƠNG ÁN", Some("PA"), "Phương án"),
    t("CÔNG ĐIỆN", Some("CĐ"), "Công điện"),
    t("GIẤY MỜI", Some("GM"), "Giấy mời"),
    t("PHIẾU GỬI", Some("PG"), "Phiếu gửi"),
    t("PHIẾU CHUYỂN", Some("PC"), "Phiếu chuyển"),
    t("PHIẾU BÁO", Some("PB"), "Phiếu báo"),
    t("THÔNG TRI", Some("TT"), "Thông tri"),
    t("THÔNG TƯ", Some("TT"), "Thông tư"),
    t("KẾT LUẬN", Some("KL"), "Kết luận"),
    t("KẾ HOẠCH", Some("KH"), "Kế hoạch"),
    t("CHỈ THỊ", Some("CT"), "Chỉ thị"),
    t("QUY CHẾ", Some("QC"), "Quy chế"),
    t("QUY ĐỊNH", Some("QyĐ"), "Quy định"),
    t("ĐỀ ÁN", Some("ĐA"), "Đề án"),
    t("DỰ ÁN", Some("DA"), "Dự án"),
    t("BÁO CÁO", Some("BC"), "Báo cáo"),
    t("BIÊN BẢN", Some("BB"), "Biên bản"),
    t("TỜ TRÌNH", Some("TTr"), "Tờ trình"),
    t("HỢP ĐỒNG", Some("HĐ"), "Hợp đồng"),
    t("CÔNG VĂN", None, "Công văn"),
    t("THƯ CÔNG", None, "Thư công"),
    t("ĐIỀU LỆ", Some("ĐL"), "Điều lệ"),
    t("LỆNH", Some("L"), "Lệnh"),
    t("LUẬT", None, "Luật"),
];

/// Words that may follow a type name and still be part of the tên loại
/// (`CHƯƠNG TRÌNH PHỐI HỢP`, `KẾ HOẠCH LIÊN TỊCH`).
const TYPE_QUALIFIERS: &[&str] = &["PHỐI HỢP", "LIÊN TỊCH", "HÀNH ĐỘNG", "CÔNG TÁC", "LIÊN NGÀNH", "THỰC HIỆN"];

/// Type codes accepted in numbers beside the table's: older and compound codes seen in use.
const EXTRA_CODES: &[&str] = &[
    "CTrPH", "CTPH", "CTr-PH", "QĐi", "QyĐ", "VBHN", "KHPH", "KHLT", "TTLT", "NQLT", "CV", "TTr", "UBTVQH", "BCK",
    "CN", "UQ", "GT", "NP", "ĐĐ", "BN", "SY", "SL", "TrS", "L", "PL", "QH", "HD", "NQ", "TB",
];

/// Finds the document type a capitalised line names, with the part of the line that is
/// the tên loại (`CHƯƠNG TRÌNH PHỐI HỢP`) and what follows it.
pub fn doc_type_of_line(line: &str) -> Option<(&'static DocTypeInfo, usize)> {
    for info in DOC_TYPES {
        if let Some(rest) = line.strip_prefix(info.upper) {
            if !(rest.is_empty() || rest.starts_with(' ')) {
                continue;
            }
            let mut len = info.upper.len();
            let r = rest.trim_start();
            for q in TYPE_QUALIFIERS {
                if r.starts_with(q) && (r.len() == q.len() || r[q.len()..].starts_with(' ')) {
                    len = line.len() - r.len() + q.len();
                    break;
                }
            }
            return Some((info, len));
        }
    }
    None
}

/// The type whose name in running text starts `text` (`Kế hoạch số …` → Kế hoạch).
pub fn doc_type_by_name(text: &str) -> Option<&'static DocTypeInfo> {
    let low = text.to_lowercase();
    DOC_TYPES.iter().find(|i| low.starts_with(&i.name.to_lowercase()))
}

/// The type with this code in the official table.
pub fn doc_type_by_code(code: &str) -> Option<&'static DocTypeInfo> {
    DOC_TYPES.iter().find(|i| i.code == Some(code))
}

/// True when `code` is a type code of the official table or a known older or compound one.
pub fn is_type_code(code: &str) -> bool {
    doc_type_by_code(code).is_some() || EXTRA_CODES.contains(&code)
}

/// First words of the name of a body (cơ quan, tổ chức); a capitalised header line that
/// starts otherwise continues the name on the line above (`ỦY BAN NHÂN DÂN` / `TỈNH X`).
const BODY_STARTS: &[&str] = &[
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "HỘI ĐỒNG",
    "BỘ",
    "SỞ",
    "BAN",
    "TỔNG",
    "LIÊN ĐOÀN",
    "CÔNG ĐOÀN",
    "HỘI",
    "ĐOÀN",
    "THÀNH ĐOÀN",
    "TỈNH ĐOÀN",
    "HUYỆN ĐOÀN",
    "QUẬN ĐOÀN",
    "TRUNG TÂM",
    "TRƯỜNG",
    "VIỆN",
    "CỤC",
    "VỤ",
    "PHÒNG",
    "VĂN PHÒNG",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "TÒA ÁN",
    "TOÀ ÁN",
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "ĐẢNG BỘ",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "HUYỆN ỦY",
    "HUYỆN UỶ",
    "QUẬN ỦY",
    "QUẬN UỶ",
    "CÔNG TY",
    "TẬP ĐOÀN",
    "HỌC VIỆN",
    "ĐẠI HỌC",
    "BỆNH VIỆN",
    "CHI CỤC",
    "THANH TRA",
    "KHO BẠC",
    "NGÂN HÀNG",
    "MẶT TRẬN",
    "ỦY BAN MẶT TRẬN",
    "UỶ BAN MẶT TRẬN",
    "CHI BỘ",
    "CHI ĐOÀN",
    "ĐẠI SỨ QUÁN",
    "BẢO HIỂM",
    "CÔNG AN",
    "BỘ CHỈ HUY",
    "BỘ TƯ LỆNH",
    "QUÂN KHU",
    "VIỆN KIỂM SÁT",
    "KIỂM TOÁN",
    "THỦ TƯỚNG",
    "CHỦ TỊCH",
    "BCH",
    "BTV",
    "HĐND",
    "ĐẢNG ĐOÀN",
    "BAN CÁN SỰ",
    "LIÊN ĐOÀN LAO ĐỘNG",
    "UBMTTQ",
    "CHI HỘI",
    "NHÀ XUẤT BẢN",
    "ĐÀI",
    "BÁO",
    "TẠP CHÍ",
    "HỌC VIỆN",
];

/// True when a capitalised line starts the name of a body.
pub fn starts_body(line: &str) -> bool {
    BODY_STARTS.iter().any(|w| line.starts_with(w) && line[w.len()..].chars().next().is_none_or(|c| !c.is_alphabetic()))
}

/// Words that make a capitalised line a position (chức vụ).
const POSITIONS: &[&str] = &[
    "CHỦ TỊCH",
    "BÍ THƯ",
    "GIÁM ĐỐC",
    "TRƯỞNG",
    "CHỦ NHIỆM",
    "CHÁNH",
    "THỦ TƯỚNG",
    "TỔNG THƯ KÝ",
    "THƯ KÝ",
    "ỦY VIÊN",
    "UỶ VIÊN",
    "CHÁNH ÁN",
    "HIỆU TRƯỞNG",
    "PHÓ",
    "TƯ LỆNH",
    "CHÍNH ỦY",
    "CHÍNH UỶ",
    "KẾ TOÁN",
    "ĐẠI DIỆN",
    "THỦ QUỸ",
    "TỔ TRƯỞNG",
    "ĐẠI SỨ",
    "CHỈ HUY",
    "QUYỀN",
];

/// True when a capitalised line names a position (`PHÓ CHỦ TỊCH`, `THỨ TRƯỞNG`).
pub fn is_position(line: &str) -> bool {
    let words = line.split_whitespace().count();
    words <= 10 && POSITIONS.iter().any(|p| contains_word(line, p))
}

/// `needle` occurs in `hay` at word boundaries.
pub fn contains_word(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let s = from + i;
        let e = s + needle.len();
        let before_ok = hay[..s].chars().next_back().is_none_or(|c| !c.is_alphabetic());
        let after_ok = hay[e..].chars().next().is_none_or(|c| !c.is_alphabetic());
        if before_ok && after_ok {
            return true;
        }
        from = s + needle.len();
    }
    false
}

/// Characters that open a list item: hyphen, en and em dash, plus, bullets.
pub const ITEM_MARKS: [char; 6] = ['-', '–', '—', '+', '•', '*'];

/// True when `t` starts with a list-item mark.
pub fn is_item(t: &str) -> bool {
    t.starts_with(ITEM_MARKS)
}

/// Signing authority markers: `(marker as printed, canonical form)`.
pub static AUTHORITY: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(TM|KT|TL|TUQ|Q|T/M|K/T|T/L|T\.M|K\.T|T\.L)(?:\.|\s|:)\s*(.*)$").unwrap());

/// The canonical form of an authority marker (`T/M` stays as printed, `TM` gets its dot).
pub fn authority_canonical(m: &str) -> String {
    match m {
        "TM" | "KT" | "TL" | "TUQ" | "Q" => format!("{m}."),
        "T.M" => "T/M".into(),
        "K.T" => "K/T".into(),
        "T.L" => "T/L".into(),
        other => other.to_string(),
    }
}

/// True when `s` reads as a person's name: 2 to 6 words, each capitalised, letters only.
pub fn is_person_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) || s.chars().count() > 45 {
        return false;
    }
    words.iter().all(|w| {
        let mut cs = w.chars();
        let Some(first) = cs.next() else { return false };
        first.is_uppercase() && cs.clone().all(|c| c.is_lowercase()) && w.chars().all(char::is_alphabetic)
    }) && !NOT_NAMES.iter().any(|n| s.starts_with(n))
}

const NOT_NAMES: &[&str] =
    &["Nơi", "Noi", "Như", "Lưu", "Kính", "Xem", "Tin", "Trân", "Trang", "Chủ", "Phó", "Giám", "Ban", "Đã"];

/// A document number broken into its parts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NumberParts {
    /// The sequence number (`470`; `0125` gives 125); `None` in a draft with a blank.
    pub seq: Option<u64>,
    /// A letter suffix of the sequence (`1583b` gives `b`).
    pub suffix: Option<String>,
    /// The year of a legal-normative number (`15/2019/NĐ-CP`).
    pub year: Option<u32>,
    /// The type code (`KH`, `NĐ`, `CT`), `None` for a công văn.
    pub type_code: Option<String>,
    /// The issuer code (`LĐLĐ`, `CP`, `TW`).
    pub issuer_code: Option<String>,
    /// The drafting unit's code after the issuer (`KHCNTT` of `6240/BGDĐT-KHCNTT`).
    pub unit_code: Option<String>,
    /// Which numbering style the number follows.
    pub style: NumberStyle,
}

/// How a number is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NumberStyle {
    /// `470/KH-LĐLĐ`: sequence, type code, issuer.
    #[default]
    Administrative,
    /// `6240/BGDĐT-KHCNTT`: a công văn, issuer and drafting unit, no type code.
    Letter,
    /// `15/2019/NĐ-CP`, `74/2014/QH13`: with the year.
    LegalNormative,
    /// `21-CT/TW`: a Party document.
    Party,
    /// Anything else, kept as printed.
    Other,
}

/// Compiles one of this crate's patterns with its letter and digit classes narrowed to
/// the blocks Vietnamese is written in (ASCII, Latin-1 Supplement, Latin Extended-A and
/// -B, Latin Extended Additional: `A-Z`, `a-z`, U+00C0–U+024F, U+1E00–U+1EFF): `\p{L}`
/// to the letters there, `\p{Lu}` and `\p{Ll}` to its capitals and small letters, `\d`
/// to ASCII digits, `\w` to those letters, ASCII digits and `_`.
///
/// Unicode's full classes make automata many times larger, and every start of the program
/// compiles them: with the narrowed classes the patterns compile in under a third of the
/// time. Other scripts do not occur in the parts of a document that patterns read (numbers,
/// names of bodies, dates), and where they would, `vanban` reads them as other text.
pub(crate) fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    let narrowed = pattern
        .replace(r"\p{Lu}", r"[\p{Lu}&&[A-Z\x{C0}-\x{24F}\x{1E00}-\x{1EFF}]]")
        .replace(r"\p{Ll}", r"[\p{Ll}&&[a-z\x{C0}-\x{24F}\x{1E00}-\x{1EFF}]]")
        .replace(r"\p{L}", r"[A-Za-z\x{C0}-\x{24F}\x{1E00}-\x{1EFF}&&\p{L}]")
        .replace(r"\d", "[0-9]")
        .replace(r"\w", r"[A-Za-z\x{C0}-\x{24F}\x{1E00}-\x{1EFF}0-9_&&\w]");
    Regex::new(&narrowed)
}

static NUM_LEGAL: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^(\d+)?([a-zđ])?\s*/\s*((?:19|20)\d\d)\s*/\s*([\p{L}\d&.]+?)(?:\s*-\s*([\p{L}\d&.\-]+))?$").unwrap()
});
static NUM_PARTY: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(\d+)?([a-zđ])?\s*[-–\s]?\s*(\p{Lu}[\p{L}]*)\s*/\s*([\p{L}\d&.\-–]+)$").unwrap());
static NUM_ADMIN: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(\d+)?([a-zđ])?\s*/\s*([\p{L}\d&.]+)(?:\s*[-–]\s*([\p{L}\d&.\-–\s]+?))?$").unwrap());

/// Splits a number as printed (`470/KH-LĐLĐ`, `15/2019/NĐ-CP`, `21-CT/TW`, `1583b/CTPH-…`,
/// `Số:      /KH-UBND` in a draft) into its parts. `None` when it follows no known shape.
pub fn parse_number(text: &str) -> Option<NumberParts> {
    let t = text.trim();
    let seq_of = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u64>().ok());
    let suffix_of = |m: Option<regex::Match>| m.map(|m| m.as_str().to_string());
    if let Some(c) = NUM_LEGAL.captures(t) {
        let code = c.get(4).map(|m| m.as_str().to_string());
        let (type_code, issuer) = match (&code, c.get(5)) {
            (Some(k), None) if k.starts_with("QH") || k.starts_with("UBTVQH") => (None, code.clone()),
            (_, Some(i)) => (code.clone(), Some(i.as_str().to_string())),
            (_, None) => (None, code.clone()),
        };
        return Some(NumberParts {
            seq: seq_of(c.get(1)),
            suffix: suffix_of(c.get(2)),
            year: c.get(3).and_then(|m| m.as_str().parse().ok()),
            type_code,
            issuer_code: issuer,
            unit_code: None,
            style: NumberStyle::LegalNormative,
        });
    }
    if let Some(c) = NUM_PARTY.captures(t) {
        // `21-CT/TW`; also `374 KH/TW…` and `04NQ/TW…` where a PDF lost the dash.
        let code = c.get(3).map_or("", |m| m.as_str());
        if is_type_code(code) || t.contains('-') && t.find('-') < t.find('/') {
            return Some(NumberParts {
                seq: seq_of(c.get(1)),
                suffix: suffix_of(c.get(2)),
                year: None,
                type_code: Some(code.to_string()),
                issuer_code: c.get(4).map(|m| m.as_str().to_string()),
                unit_code: None,
                style: NumberStyle::Party,
            });
        }
    }
    if let Some(c) = NUM_ADMIN.captures(t) {
        let first = c.get(3).map_or("", |m| m.as_str()).to_string();
        let rest = c.get(4).map(|m| m.as_str().trim().to_string());
        let (type_code, issuer_code, unit_code, style) = if is_type_code(&first) && rest.is_some() {
            (Some(first), rest, None, NumberStyle::Administrative)
        } else if let Some(r) = rest {
            (None, Some(first), Some(r), NumberStyle::Letter)
        } else {
            (None, Some(first), None, NumberStyle::Other)
        };
        return Some(NumberParts {
            seq: seq_of(c.get(1)),
            suffix: suffix_of(c.get(2)),
            year: None,
            type_code,
            issuer_code,
            unit_code,
            style,
        });
    }
    None
}

/// A date as printed, with only the parts that were printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateParts {
    /// Day of the month.
    pub day: Option<u32>,
    /// Month.
    pub month: Option<u32>,
    /// Year.
    pub year: Option<i32>,
}

impl DateParts {
    /// ISO 8601 form of what was printed: `YYYY-MM-DD`, `--MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn iso(&self) -> Option<String> {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            (None, Some(m), Some(d)) => Some(format!("--{m:02}-{d:02}")),
            (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
            (Some(y), None, _) => Some(format!("{y:04}")),
            _ => None,
        }
    }

    /// How much of the date was printed: `day`, `month`, `year` or `month_day`.
    pub fn precision(&self) -> Option<&'static str> {
        match (self.year, self.month, self.day) {
            (Some(_), Some(_), Some(_)) => Some("day"),
            (None, Some(_), Some(_)) => Some("month_day"),
            (Some(_), Some(_), None) => Some("month"),
            (Some(_), None, _) => Some("year"),
            _ => None,
        }
    }

    /// True when day and month exist in the calendar (a missing part counts as valid).
    pub fn is_valid(&self) -> bool {
        let Some(m) = self.month else { return self.day.is_none_or(|d| (1..=31).contains(&d)) };
        if !(1..=12).contains(&m) {
            return false;
        }
        let Some(d) = self.day else { return true };
        let leap = self.year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
        let max = match m {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (1..=max).contains(&d)
    }
}

/// `ngày 23 tháng 8 năm 2023`, with blanks allowed for each part (a draft).
pub static DATE_LONG: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)ngày\s*(\d{1,2}|[\s._…]*)\s*tháng\s*(\d{1,2}|[\s._…]*)(?:\s*năm\s*(\d{4}|[\s._…]*))?").unwrap()
});
/// `ngày 04/5/2023`, `ngày 04-5-2023`, `04/5/2023`.
pub static DATE_SHORT: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)(?:ngày\s*)?\b(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b").unwrap());

/// Reads the first date in `s`; returns its byte range in `s` and its parts.
pub fn find_date(s: &str) -> Option<(std::ops::Range<usize>, DateParts)> {
    let num = |m: Option<regex::Match>| m.and_then(|m| m.as_str().trim().parse::<u32>().ok());
    let long = DATE_LONG.captures(s).map(|c| {
        let r = c.get(0).map_or(0..0, |m| m.range());
        let d = DateParts { day: num(c.get(1)), month: num(c.get(2)), year: num(c.get(3)).map(|y| y as i32) };
        (r, d)
    });
    let short = DATE_SHORT.captures(s).map(|c| {
        let r = c.get(0).map_or(0..0, |m| m.range());
        let d = DateParts { day: num(c.get(1)), month: num(c.get(3)), year: num(c.get(4)).map(|y| y as i32) };
        (r, d)
    });
    match (long, short) {
        (Some(l), Some(s)) => Some(if s.0.start < l.0.start { s } else { l }),
        (l, s) => l.or(s).filter(|(_, d)| d.day.is_some() || d.month.is_some() || d.year.is_some()),
    }
}

/// Roman numeral value (`I` … `MMM`), `None` when `s` is not one.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let val = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let vals: Vec<u32> = s.chars().map(val).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in vals.iter().enumerate() {
        if vals.get(i + 1).is_some_and(|n| n > v) {
            total -= *v as i64;
        } else {
            total += *v as i64;
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // Reject non-canonical spellings such as `IIII` or `VV`.
    (to_roman(total) == s).then_some(total)
}

/// The Roman numeral of `n` (`14` → `XIV`); outside 1–3999, which Roman numerals do not
/// write, the decimal number.
pub(crate) fn to_roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Position of a lower-case letter in the Vietnamese alphabet used for điểm: a b c d đ e g h
/// i k l m n o p q r s t u v x y (1-based).
pub fn letter_value(c: char) -> Option<u32> {
    const ALPHA: &str = "abcdđeghiklmnopqrstuvxy";
    let lc = c.to_lowercase().next()?;
    ALPHA.chars().position(|x| x == lc).map(|p| p as u32 + 1)
}

/// Value of an ordinal word: `Một` of `Một là` = 1, `nhất` of `Thứ nhất` = 1, `tư` = 4.
pub fn ordinal_value(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let base = |s: &str| -> Option<u32> {
        Some(match s {
            "một" | "nhất" => 1,
            "hai" => 2,
            "ba" => 3,
            "bốn" | "tư" => 4,
            "năm" | "lăm" => 5,
            "sáu" => 6,
            "bảy" | "bẩy" => 7,
            "tám" => 8,
            "chín" => 9,
            "mười" => 10,
            _ => return None,
        })
    };
    if let Some(rest) = w.strip_prefix("mười ") {
        return base(rest).map(|v| 10 + v);
    }
    base(&w)
}

#[cfg(test)]
mod tests {

    /// Words that name bodies, positions and document types are known in both tone
    /// placements (`ỦY` and `UỶ`), since the text is read in the one the parser was asked for.
    #[test]
    fn vocabulary_has_both_tone_placements() {
        use crate::normalize::{TonePolicy, letters};
        let types: Vec<&str> = DOC_TYPES.iter().flat_map(|t| [t.upper, t.name]).collect();
        for list in [BODY_STARTS, POSITIONS, TYPE_QUALIFIERS, types.as_slice()] {
            for w in list {
                for policy in [TonePolicy::Traditional, TonePolicy::Modern] {
                    let other = letters(w, policy);
                    assert!(list.contains(&other.as_str()), "{w} has no {other}");
                }
            }
        }
    }

    use super::*;

    fn parts(s: &str) -> (Option<u64>, Option<u32>, Option<String>, Option<String>) {
        let p = parse_number(s).unwrap();
        (p.seq, p.year, p.type_code, p.issuer_code)
    }

    #[test]
    fn numbers_of_every_style() {
        assert_eq!(parts("470/KH-LĐLĐ"), (Some(470), None, Some("KH".into()), Some("LĐLĐ".into())));
        assert_eq!(parts("15/2019/NĐ-CP"), (Some(15), Some(2019), Some("NĐ".into()), Some("CP".into())));
        assert_eq!(parts("74/2014/QH13"), (Some(74), Some(2014), None, Some("QH13".into())));
        assert_eq!(parts("21-CT/TW"), (Some(21), None, Some("CT".into()), Some("TW".into())));
        assert_eq!(parts("0125/KH-UBND"), (Some(125), None, Some("KH".into()), Some("UBND".into())));
        let p = parse_number("1583b/CTPH-TLĐLĐVN-BGDDT").unwrap();
        assert_eq!((p.seq, p.suffix.as_deref(), p.type_code.as_deref()), (Some(1583), Some("b"), Some("CTPH")));
        assert_eq!(p.issuer_code.as_deref(), Some("TLĐLĐVN-BGDDT"));
        let p = parse_number("6240 /BGDĐT-KHCNTT").unwrap();
        assert_eq!(
            (p.type_code, p.issuer_code.as_deref(), p.unit_code.as_deref()),
            (None, Some("BGDĐT"), Some("KHCNTT"))
        );
        assert_eq!(p.style, NumberStyle::Letter);
        assert_eq!(parts("/KH-UBND"), (None, None, Some("KH".into()), Some("UBND".into())));
        assert_eq!(parts("374 KH/TWĐTNCNĐT"), (Some(374), None, Some("KH".into()), Some("TWĐTNCNĐT".into())));
        assert_eq!(parts("04NQ/TWĐTNVP"), (Some(4), None, Some("NQ".into()), Some("TWĐTNVP".into())));
        assert!(parse_number("Số hiệu").is_none());
    }

    #[test]
    fn dates_long_short_and_partial() {
        let d = find_date("Lai Châu, ngày 23 tháng 8 năm 2023").unwrap().1;
        assert_eq!(d.iso().as_deref(), Some("2023-08-23"));
        let d = find_date("Hà Nội, ngày 04/5/2023").unwrap().1;
        assert_eq!(d.iso().as_deref(), Some("2023-05-04"));
        let d = find_date("Hà Nội, ngày      tháng 9  năm 2022").unwrap().1;
        assert_eq!(d.iso().as_deref(), Some("2022-09"));
        let d = find_date("ngày      tháng      năm 2025").unwrap().1;
        assert_eq!(d.iso().as_deref(), Some("2025"));
        let d = find_date("Tân Phú, ngày 20 tháng 6").unwrap().1;
        assert_eq!((d.iso().as_deref(), d.precision()), (Some("--06-20"), Some("month_day")));
        assert!(!DateParts { day: Some(30), month: Some(2), year: Some(2024) }.is_valid());
    }

    #[test]
    fn doc_type_lines() {
        let (i, len) = doc_type_of_line("CHƯƠNG TRÌNH PHỐI HỢP").unwrap();
        assert_eq!((i.code, len), (Some("CTr"), "CHƯƠNG TRÌNH PHỐI HỢP".len()));
        assert_eq!(doc_type_of_line("KẾ HOẠCH").unwrap().0.code, Some("KH"));
        assert!(doc_type_of_line("KẾT QUẢ").is_none());
        assert_eq!(doc_type_by_name("Kế hoạch số 12").unwrap().code, Some("KH"));
    }

    #[test]
    fn small_parsers() {
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(letter_value('đ'), Some(5));
        assert_eq!(letter_value('e'), Some(6));
        assert_eq!(ordinal_value("Chín"), Some(9));
        assert_eq!(ordinal_value("tư"), Some(4));
        assert_eq!(ordinal_value("Mười một"), Some(11));
        assert!(is_person_name("Hoàng Thọ Trung"));
        assert!(!is_person_name("Nơi nhận"));
        assert!(!is_person_name("CHỦ TỊCH"));
        assert!(is_position("PHÓ CHỦ TỊCH") && is_position("THỨ TRƯỞNG") && !is_position("BAN THƯỜNG VỤ"));
        assert!(starts_body("LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU") && !starts_body("TỈNH BẮC NINH"));
    }
}
