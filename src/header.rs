//! Stage 4, header: the parts of an official document's header (Nghị định 30/2020/NĐ-CP,
//! Điều 8, ô số 1–5 and 9a).
//!
//! In: the [`Source`] and its [`Lines`]. Out: a [`Header`] — Quốc hiệu and Tiêu ngữ (or
//! the Party / Youth Union header that stands in their place), the issuing body and its
//! parent, the số ký hiệu with its parts, place and date, tên loại, trích yếu (or `V/v`),
//! `Kính gửi` recipients, urgency and secrecy marks, a received stamp kept apart from the
//! document's own number, the căn cứ bases, and where the body starts.
//!
//! The header is found from anchors — the Quốc hiệu, the Party header, a `Số:` line, the
//! tên loại — so that a web page's attribute panel or menu before the document is not
//! read as its header. Two-column layouts flattened in either order are handled by taking
//! the issuer lines from everything before the `Số:` line that is not the motto side.

use crate::lines::{Line, Lines};
use crate::source::{Source, Span};
use crate::vocab::{self, DateParts, DocTypeInfo, NumberParts};
use regex::Regex;
use std::sync::LazyLock;

/// A value read from the text, with the span it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// Where it was read (normalized text).
    pub span: Span,
}

impl<T> Field<T> {
    fn new(value: T, span: Span) -> Field<T> {
        Field { value, span }
    }
}

/// The số ký hiệu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// As printed, without `Số:`.
    pub text: String,
    /// Its parts, when it follows a known shape.
    pub parts: Option<NumberParts>,
    /// Where it stands.
    pub span: Span,
}

/// Ngày ban hành.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Date {
    /// The date as printed (`ngày 23 tháng 8 năm 2023`).
    pub text: String,
    /// What was printed of it.
    pub parts: DateParts,
    /// Where it stands.
    pub span: Span,
}

/// A received stamp (`ĐẾN`, `Số:`, `Ngày:`, `Chuyển:`, `Lưu hồ sơ số:`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Received {
    /// The receiving body named on the stamp.
    pub agency: Option<String>,
    /// The arrival number.
    pub number: Option<String>,
    /// The arrival date as printed.
    pub date: Option<String>,
    /// Where the stamp starts.
    pub span: Span,
    /// Indexes of the stamp's lines.
    pub lines: std::ops::Range<usize>,
}

/// Everything read from the header of a document.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`.
    pub national_name: Option<Span>,
    /// `Độc lập - Tự do - Hạnh phúc`.
    pub motto: Option<Span>,
    /// `ĐẢNG CỘNG SẢN VIỆT NAM` or `ĐOÀN TNCS HỒ CHÍ MINH` on the motto side.
    pub party_header: Option<Field<String>>,
    /// The issuing body (cơ quan ban hành).
    pub issuer: Option<Field<String>>,
    /// The body above it (cơ quan chủ quản).
    pub parent: Option<Field<String>>,
    /// Số ký hiệu.
    pub number: Option<Number>,
    /// Địa danh.
    pub place: Option<Field<String>>,
    /// Ngày ban hành.
    pub date: Option<Date>,
    /// Tên loại.
    pub doc_type: Option<Field<String>>,
    /// The type the tên loại names.
    pub doc_type_info: Option<&'static DocTypeInfo>,
    /// Trích yếu (for a công văn, the `V/v` text without `V/v`).
    pub title: Option<Field<String>>,
    /// `Kính gửi:` recipients.
    pub addressees: Vec<Field<String>>,
    /// Độ khẩn (`KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC`).
    pub urgency: Option<Field<String>>,
    /// Độ mật (`MẬT`, `TỐI MẬT`, `TUYỆT MẬT`).
    pub secrecy: Option<Field<String>>,
    /// A `DỰ THẢO` mark.
    pub draft: Option<Span>,
    /// The received stamp, if any.
    pub received: Option<Received>,
    /// Căn cứ / Thực hiện / Xét lines before the body.
    pub bases: Vec<Field<String>>,
    /// The deciding authority repeated above the căn cứ lines (thẩm quyền ban hành).
    pub authority: Option<Field<String>>,
    /// Index of the first header line.
    pub start: usize,
    /// Index of the first line after the header (where the body starts).
    pub body_start: usize,
    /// Indexes of the lines the header used.
    pub used: Vec<usize>,
    /// A `Số:` line was seen but held no readable number, or similar doubts.
    pub notes: Vec<(Span, String)>,
}

static NATIONAL: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^CỘNG H(?:ÒA|OÀ|OA) XÃ HỘI(?: CHỦ NGHĨA)?(?: VIỆT NAM)?$").unwrap());
static MOTTO: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"(?i)^độc lập\s*[-–—]\s*tự do\s*[-–—]\s*hạnh phúc").unwrap());
static PARTY: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(
        r"^(ĐẢNG CỘNG SẢN(?: VIỆT NAM)?|ĐOÀN (?:TNCS|THANH NIÊN CỘNG SẢN) HỒ CHÍ MINH|HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM)$",
    )
    .unwrap()
});
static SO_LINE: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^(?:Số|SỐ)\s*[:.]?\s*(.*)$").unwrap());
static RECEIVED: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^(?:CÔNG VĂN |VĂN BẢN )?ĐẾN\b[:\s]*(.*)$").unwrap());
static STAMP_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?i)^(số|ngày|giờ|chuyển|lưu hồ sơ số|số và ký hiệu hs|người nhận)\b[^:]*:\s*(.*)$")
        .unwrap()
});
static VV: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r#"^["'“‘]?\s*V/[vV]\s*[:.]?\s*(.*)$"#).unwrap());
static KINH_GUI: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^Kính gửi\s*:?\s*(.*)$").unwrap());
static BASIS: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:[-+•]\s*)?(Căn cứ|Thực hiện|Xét|Theo đề nghị|Theo chỉ đạo|Thi hành)\b").unwrap()
});
static URGENCY: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(HỎA TỐC|HOẢ TỐC|THƯỢNG KHẨN|KHẨN|HỎA TỐC HẸN GIỜ|HOẢ TỐC HẸN GIỜ)$").unwrap()
});
static SECRECY: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^(TUYỆT MẬT|TỐI MẬT|MẬT)$").unwrap());
/// A rule or separator line: 1 to 80 of `-_=*~.` and white space.
fn is_separator(t: &str) -> bool {
    let mut n = 0;
    for c in t.chars() {
        n += 1;
        if n > 80 || !(matches!(c, '-' | '_' | '=' | '*' | '~' | '.') || c.is_whitespace()) {
            return false;
        }
    }
    n > 0
}
static NUMBER_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(\d*[a-zđ]?\s*[-–/]?\s*[\p{L}\d&.]*(?:\s?[-–/]\s?[\p{L}\d&.]+)*)").unwrap()
});
static CHAPTER_LIKE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^(?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+\S+$").unwrap());
static BODY_CUE: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:[-+•]\s*)?(Căn cứ|Thực hiện|Kính gửi|Xét|Theo|Ngày \d|Tại|Sau khi|Trong|Nhằm|Để|Năm \d|Hôm nay|Vừa qua)\b").unwrap()
});
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(
        r"^(?:[IVXLC]+\s*[.\-)]|\d{1,3}\s*[.)]|[a-zđ]\)|Điều \d|Chương [IVXLC\d]|Phần [IVXLC\d]|PHẦN|CHƯƠNG)",
    )
    .unwrap()
});

/// How many lines from the top the header anchors are looked for.
const WINDOW: usize = 220;

/// Reads the header from `lines`.
pub fn parse(src: &Source, lines: &Lines) -> Header {
    let l = lines.all();
    let text = |i: usize| src.slice(l[i].span);
    let n = l.len().min(WINDOW);
    let mut h = Header::default();

    // Anchors.
    let mut national = None;
    let mut national_end = None;
    let mut motto = None;
    let mut party = None;
    let mut so_line = None;
    let mut stamp: Option<Received> = None;
    // A header line may be wrapped onto the next line (`CỘNG HÒA XÃ HỘI` / `CHỦ NGHĨA …`).
    let joined = |i: usize| -> Option<String> {
        (i + 1 < n && l[i].upper && l[i + 1].upper && !l[i + 1].blank_before || i + 1 < n && l[i + 1].strong_cont)
            .then(|| format!("{} {}", text(i), text(i + 1)))
    };
    let mut skip_to = 0;
    for i in 0..n {
        if i < skip_to {
            continue;
        }
        let t = text(i);
        let two = joined(i);
        let matches = |re: &Regex| -> Option<usize> {
            if two.as_deref().is_some_and(|j| re.is_match(j)) {
                Some(i + 1)
            } else if re.is_match(t) {
                Some(i)
            } else {
                None
            }
        };
        if national.is_none() && l[i].upper {
            if let Some(e) = matches(&NATIONAL) {
                national = Some(i);
                national_end = Some(e);
                skip_to = e + 1;
                continue;
            }
        }
        if motto.is_none() && MOTTO.is_match(t) {
            motto = Some(i);
        } else if party.is_none() && l[i].upper {
            if let Some(e) = matches(&PARTY) {
                let val = if e == i { t.to_string() } else { two.clone().unwrap_or_default() };
                party = Some((i, Field::new(val, l[i].span.cover(l[e].span)), e));
                skip_to = e + 1;
                continue;
            }
        }
        if stamp.is_none() && RECEIVED.is_match(t) && t.split_whitespace().count() <= 6 {
            stamp = Some(read_stamp(src, l, i));
        }
    }
    let in_stamp = |i: usize, s: &Option<Received>| s.as_ref().is_some_and(|s| s.lines.contains(&i));
    for i in 0..n {
        if in_stamp(i, &stamp) {
            continue;
        }
        let t = text(i);
        if let Some(c) = SO_LINE.captures(t) {
            let rest = c.get(1).map_or("", |m| m.as_str());
            if looks_like_number(rest) || (rest.is_empty() && i + 1 < n && looks_like_number(text(i + 1))) {
                so_line = Some(i);
                break;
            }
        }
    }
    // The doc-type line: a capitalised line naming a type, near the other anchors.
    let anchor_first = [national, party.as_ref().map(|p| p.0), so_line, motto].into_iter().flatten().min();
    let search_from = anchor_first.unwrap_or(0);
    let search_to = anchor_first.map_or(n.min(40), |a| (a + 40).min(n));
    let mut doc_type = None;
    for i in search_from..search_to {
        if in_stamp(i, &stamp) {
            continue;
        }
        let t = text(i);
        if !l[i].upper || t.ends_with(':') || t.split_whitespace().count() > 14 {
            continue;
        }
        if let Some((info, len)) = vocab::doc_type_of_line(t) {
            // Without any other anchor, only a line that is the tên loại alone, near the
            // top and not a chapter's title, is one.
            let alone = len == t.len() && i < 15 && (i == 0 || !CHAPTER_LIKE.is_match(text(i - 1)));
            if anchor_first.is_some() || alone {
                doc_type = Some((i, info, len));
                break;
            }
        }
    }
    let anchor_first = [anchor_first, doc_type.as_ref().map(|d| d.0)].into_iter().flatten().min();
    let Some(first) = anchor_first else {
        return h;
    };

    // The issuer block: capitalised lines from above the first anchor down to the `Số:`
    // line (or the doc type), skipping the motto side and the stamp.
    let mut start = first;
    while start > 0 {
        let p = start - 1;
        let t = text(p);
        if (l[p].upper && t.chars().count() <= 90) || is_separator(t) || in_stamp(p, &stamp) {
            start = p;
        } else {
            break;
        }
    }
    // Web pages put an attribute panel above the document; never reach into it.
    h.start = start;
    let issuer_end = so_line.or(doc_type.as_ref().map(|d| d.0)).unwrap_or(first);
    let motto_side = |i: usize| {
        Some(i) == national
            || (national.is_some() && Some(i) == national_end)
            || Some(i) == motto
            || party.as_ref().is_some_and(|p| (p.0..=p.2).contains(&i))
    };
    let mut bodies: Vec<(String, Span, usize)> = Vec::new();
    let mut prev_issuer_line: Option<usize> = None;
    for i in start..issuer_end.max(start) {
        let t = text(i);
        if motto_side(i) || in_stamp(i, &stamp) || is_separator(t) || !l[i].upper {
            continue;
        }
        if URGENCY.is_match(t) || SECRECY.is_match(t) || t.starts_with("DỰ THẢO") || VV.is_match(t) {
            continue;
        }
        if vocab::doc_type_of_line(t).is_some() && doc_type.as_ref().is_some_and(|d| d.0 == i) {
            continue;
        }
        let continues = prev_issuer_line.is_some_and(|p| p + 1 == i || (p + 2 == i && l[i].strong_cont))
            && !bodies.is_empty()
            && (!vocab::starts_body(t)
                || l[i].strong_cont
                || bodies.last().is_some_and(|b| b.0.ends_with(',') || b.0.ends_with(" VÀ") || b.0.ends_with('-')));
        if continues {
            let last = bodies.last_mut().expect("checked non-empty");
            last.0.push(' ');
            last.0.push_str(t);
            last.1 = last.1.cover(l[i].span);
        } else {
            bodies.push((t.to_string(), l[i].span, i));
        }
        prev_issuer_line = Some(i);
        h.used.push(i);
    }
    // A web page may have put capitals of its own above the document: only the bodies
    // closest to the anchor count (issuer and parent).
    if let Some((name, span, _)) = bodies.pop() {
        h.issuer = Some(Field::new(clean_body(&name), span));
    }
    if let Some((name, span, _)) = bodies.pop() {
        h.parent = Some(Field::new(clean_body(&name), span));
    }
    h.national_name = national.map(|i| l[i].span.cover(l[national_end.unwrap_or(i)].span));
    h.motto = motto.map(|i| l[i].span);
    h.party_header = party.map(|p| p.1);
    h.received = stamp.clone();

    // Number.
    let mut last = first;
    if let Some(i) = so_line {
        let t = text(i);
        let rest = SO_LINE.captures(t).and_then(|c| c.get(1)).map_or("", |m| m.as_str());
        let (rest, span, li) = if rest.is_empty() {
            (text(i + 1), l[i + 1].span, i + 1)
        } else {
            let off = t.len() - rest.len();
            (rest, Span::new(l[i].span.start + off, l[i].span.end), i)
        };
        let num = number_text(rest);
        let span = Span::new(span.start, span.start + num.len());
        let parts = vocab::parse_number(num);
        if parts.is_none() {
            h.notes.push((span, format!("the number `{num}` follows no known pattern")));
        }
        h.number = Some(Number { text: num.to_string(), parts, span });
        h.used.push(i);
        last = last.max(li);
    }

    // Place and date: the first date line after the header start that is not the stamp's,
    // and above the tên loại (the date stands beside the number, over the tên loại): a date
    // in the body is not the date of issue.
    let date_to = match doc_type.as_ref() {
        Some(d) => (d.0 + 2).min(n),
        None => (start + 30).min(n).max(so_line.map_or(0, |s| (s + 12).min(n))),
    };
    for i in start..date_to {
        if in_stamp(i, &stamp) {
            continue;
        }
        let t = text(i);
        if t.starts_with("Ngày:") || t.starts_with("Ngày :") || BASIS.is_match(t) || t.chars().count() > 160 {
            continue;
        }
        let Some((r, parts)) = vocab::find_date(t) else { continue };
        // A header date line starts with the place or with `ngày`.
        let before = t[..r.start].trim().trim_end_matches(',').trim();
        // The place: a name (`Hà Nội`, `TP. Hồ Chí Minh`), not the start of a sentence.
        let place_like = before.is_empty()
            || (before.split_whitespace().count() <= 6 && before.chars().next().is_some_and(char::is_uppercase));
        if !place_like || before.contains(':') || before.ends_with(" số") {
            continue;
        }
        let base = l[i].span.start;
        if !before.is_empty() {
            let ps = base + (t.len() - t.trim_start().len());
            h.place = Some(Field::new(before.to_string(), Span::new(ps, ps + before.len())));
        }
        let span = Span::new(base + r.start, base + r.end);
        h.date = Some(Date { text: t[r.clone()].trim().to_string(), parts, span });
        h.used.push(i);
        last = last.max(i);
        break;
    }

    // Urgency, secrecy, draft marks.
    for i in start..(first + 30).min(n) {
        let t = text(i);
        if h.urgency.is_none() && URGENCY.is_match(t) {
            h.urgency = Some(Field::new(t.to_string(), l[i].span));
            h.used.push(i);
        } else if h.secrecy.is_none() && SECRECY.is_match(t) {
            h.secrecy = Some(Field::new(t.to_string(), l[i].span));
            h.used.push(i);
        } else if h.draft.is_none() && (t == "DỰ THẢO" || t == "Dự thảo" || t.starts_with("DỰ THẢO ")) {
            h.draft = Some(l[i].span);
            h.used.push(i);
        }
    }

    // Tên loại and trích yếu.
    if let Some((i, info, len)) = doc_type {
        let t = text(i);
        let base = l[i].span.start;
        h.doc_type = Some(Field::new(t[..len].to_string(), Span::new(base, base + len)));
        h.doc_type_info = Some(info);
        h.used.push(i);
        last = last.max(i);
        let rest = t[len..].trim();
        let mut parts: Vec<(String, Span)> = Vec::new();
        if !rest.is_empty() {
            let off = t.len() - rest.len();
            parts.push((rest.to_string(), Span::new(base + off, l[i].span.end)));
        }
        let mut j = i + 1;
        let mut all_upper = parts.iter().all(|p| is_upper(&p.0));
        while j < l.len() && parts.len() < 10 {
            let t = text(j);
            if in_stamp(j, &stamp)
                || Some(j) == so_line
                || h.date.as_ref().is_some_and(|d| l[j].span.start <= d.span.start && d.span.start < l[j].span.end)
            {
                j += 1;
                continue;
            }
            if l[j].blank_before && !parts.is_empty() {
                break;
            }
            // The line right under the tên loại is the trích yếu even when it starts like
            // a body sentence (`Thực hiện công tác …`).
            let first_under = parts.is_empty() && j == i + 1 && !l[j].blank_before;
            if is_separator(t) || (BODY_CUE.is_match(t) && !first_under) || MARKER.is_match(t) || VV.is_match(t) {
                break;
            }
            if !parts.is_empty() && all_upper && !l[j].upper {
                break;
            }
            if t.chars().count() > 300 {
                break;
            }
            all_upper &= l[j].upper;
            parts.push((t.to_string(), l[j].span));
            j += 1;
        }
        if !parts.is_empty() {
            let span = parts[0].1.cover(parts[parts.len() - 1].1);
            let joined = parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join(" ");
            h.title = Some(Field::new(joined, span));
            last = last.max(j - 1);
        }
    }
    // Công văn: `V/v …`, possibly over several lines and in quotes.
    if h.title.is_none() {
        for i in start..(first + 25).min(n) {
            let t = text(i);
            let Some(c) = VV.captures(t) else { continue };
            let rest = c.get(1).map_or("", |m| m.as_str());
            let off = t.len() - rest.len();
            let mut span = Span::new(l[i].span.start + off, l[i].span.end);
            let mut val = rest.to_string();
            let quoted = t.starts_with(['"', '“', '‘']);
            let mut j = i + 1;
            while j < n && !(quoted && val.ends_with(['"', '”', '’'])) && !l[j].blank_before && j < i + 5 {
                let u = text(j);
                if l[j].upper && (vocab::starts_body(u) || PARTY.is_match(u) || NATIONAL.is_match(u))
                    || vocab::find_date(u).is_some()
                    || SO_LINE.is_match(u)
                    || u.starts_with("Kính gửi")
                {
                    break;
                }
                val.push(' ');
                val.push_str(u);
                span = span.cover(l[j].span);
                j += 1;
            }
            let val = val.trim().trim_matches(['"', '“', '”', '‘', '’']).trim().to_string();
            if !val.is_empty() {
                h.title = Some(Field::new(val, span));
                h.used.extend(i..j);
                last = last.max(j - 1);
            }
            break;
        }
    }

    // Kính gửi.
    let kg_from = last.saturating_sub(8).max(start);
    for i in kg_from..(last + 12).min(l.len()) {
        let t = text(i);
        let Some(c) = KINH_GUI.captures(t) else { continue };
        let rest = c.get(1).map_or("", |m| m.as_str()).trim();
        if !rest.is_empty() {
            let off = t.len() - rest.len();
            let s = l[i].span.start + off;
            h.addressees.push(Field::new(clean_item(rest), Span::new(s, l[i].span.end)));
        }
        let mut j = i + 1;
        while j < l.len() && j < i + 25 {
            let u = text(j);
            let dashed = vocab::is_item(u);
            if BASIS.is_match(u)
                || MARKER.is_match(u)
                || u.chars().count() > 200
                || (!dashed && u.ends_with('.') && !h.addressees.is_empty())
            {
                break;
            }
            if !dashed && h.addressees.iter().any(|_| true) && l[j].blank_before && u.chars().count() > 100 {
                break;
            }
            let item = u.trim_start_matches(vocab::ITEM_MARKS).trim();
            if !dashed && !h.addressees.is_empty() && !h.addressees.last().is_some_and(|a| a.value.is_empty()) {
                // An undashed line after dashed items continues the last one.
                let prev_dashed = j > i + 1 && vocab::is_item(text(j - 1));
                if prev_dashed && !text(j - 1).ends_with(';') {
                    let last_item = h.addressees.last_mut().expect("non-empty");
                    last_item.value = clean_item(&format!("{} {}", last_item.value, item));
                    last_item.span = last_item.span.cover(l[j].span);
                    j += 1;
                    continue;
                }
            }
            h.addressees.push(Field::new(clean_item(item), l[j].span));
            j += 1;
        }
        h.used.extend(i..j);
        last = last.max(j - 1);
        break;
    }

    // The body starts after the last header line.
    let mut body = (last + 1).min(l.len());
    // A decision repeats the body that decides (thẩm quyền ban hành: `ỦY BAN NHÂN DÂN TỈNH X`,
    // `BỘ TRƯỞNG BỘ Y TẾ`) above its căn cứ lines.
    if body + 1 < l.len() && l[body].upper && l[body].chars <= 100 && BASIS.is_match(text(body + 1)) {
        h.authority = Some(Field::new(text(body).to_string(), l[body].span));
        body += 1;
    }
    // Căn cứ lines and the like belong to the preamble.
    while body < l.len() {
        let t = text(body);
        if BASIS.is_match(t) && h.bases.len() < 40 {
            h.bases.push(Field::new(t.trim_start_matches(vocab::ITEM_MARKS).trim_start().to_string(), l[body].span));
            body += 1;
        } else {
            break;
        }
    }
    h.body_start = body;
    h.used.sort_unstable();
    h.used.dedup();
    h
}

fn is_upper(s: &str) -> bool {
    !s.chars().any(char::is_lowercase)
}

/// Drops decorations around a body's name: stars, dashes, a trailing comma.
fn clean_body(s: &str) -> String {
    s.trim_matches(|c: char| c == '*' || c == '-' || c == ',' || c.is_whitespace()).to_string()
}

/// An item without its leading dash and trailing `;`, `.` or `,`.
pub(crate) fn clean_item(s: &str) -> String {
    s.trim().trim_start_matches(vocab::ITEM_MARKS).trim().trim_end_matches([';', ',', '.']).trim().to_string()
}

/// Whether the rest of a `Số:` line holds a number (not `Số hiệu`, not a sentence).
fn looks_like_number(rest: &str) -> bool {
    let r = rest.trim();
    if r.is_empty() || r.starts_with("hiệu") || r.starts_with("và") || r.starts_with("lượng") {
        return false;
    }
    let first = r.split_whitespace().next().unwrap_or("");
    (r.contains('/') || first.contains('-')) && r.chars().count() <= 80 && !first.chars().all(|c| c.is_lowercase())
}

/// The number itself at the start of the rest of a `Số:` line.
fn number_text(rest: &str) -> &str {
    let r = rest.trim();
    let m = NUMBER_TEXT.find(r).map_or(r, |m| m.as_str());
    let m = m.trim();
    if m.is_empty() { r } else { m }
}

fn read_stamp(src: &Source, l: &[Line], i: usize) -> Received {
    let text = |k: usize| src.slice(l[k].span);
    let mut r = Received { span: l[i].span, ..Default::default() };
    let mut first = i;
    if i > 0 && l[i - 1].upper && !l[i - 1].blank_before.then_some(()).is_some_and(|_| false) {
        let t = text(i - 1);
        if !NATIONAL.is_match(t) && !MOTTO.is_match(t) && !PARTY.is_match(t) && vocab::doc_type_of_line(t).is_none() {
            r.agency = Some(t.to_string());
            first = i - 1;
        }
    }
    let head = RECEIVED.captures(text(i)).and_then(|c| c.get(1)).map_or("", |m| m.as_str()).trim();
    let mut fields: Vec<&str> = Vec::new();
    if !head.is_empty() {
        fields.push(head);
    }
    let mut j = i + 1;
    while j < l.len() && j <= i + 6 {
        let t = text(j);
        if STAMP_FIELD.is_match(t) {
            fields.push(t);
            j += 1;
        } else {
            break;
        }
    }
    for f in fields {
        if let Some(c) = STAMP_FIELD.captures(f) {
            let key = c.get(1).map_or("", |m| m.as_str()).to_lowercase();
            let val =
                c.get(2).map_or("", |m| m.as_str()).trim_matches(|c: char| c == '.' || c == '…' || c.is_whitespace());
            if val.is_empty() {
                continue;
            }
            match key.as_str() {
                "số" if r.number.is_none() => r.number = Some(val.to_string()),
                "ngày" if r.date.is_none() => r.date = Some(val.to_string()),
                _ => {}
            }
        }
    }
    r.span = l[first].span.cover(l[j - 1].span);
    r.lines = first..j;
    r
}

#[cfg(test)]
mod tests {
    use crate::Parser;

    #[test]
    fn separators_are_short_rules() {
        for t in ["---", "_____", "* * *", "~~~", "...", "=-=-", "\u{3000}--"] {
            assert!(super::is_separator(t), "{t:?}");
        }
        for t in ["", "--a--", "1.", &"-".repeat(81)] {
            assert!(!super::is_separator(t), "{t:?}");
        }
        assert!(super::is_separator(&"-".repeat(80)));
    }

    #[test]
    fn lai_chau_style_header() {
        let doc = Parser::new()
            .parse_str(
                "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nLIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU\n\nSố: 470/KH-LĐLĐ\n\n\
                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nLai Châu, ngày 23 tháng 8 năm 2023\n\n\
                 KẾ HOẠCH\n\nTriển khai thực hiện Kế hoạch số 349/KH-TLĐ\n Tổng Liên đoàn\n\nThực hiện Kế hoạch",
            )
            .unwrap();
        let h = doc.header();
        assert_eq!(h.issuer.as_ref().unwrap().value, "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU");
        assert_eq!(h.parent.as_ref().unwrap().value, "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM");
        assert_eq!(h.number.as_ref().unwrap().text, "470/KH-LĐLĐ");
        assert_eq!(h.place.as_ref().unwrap().value, "Lai Châu");
        assert_eq!(h.date.as_ref().unwrap().parts.iso().unwrap(), "2023-08-23");
        assert_eq!(h.doc_type.as_ref().unwrap().value, "KẾ HOẠCH");
        assert_eq!(h.title.as_ref().unwrap().value, "Triển khai thực hiện Kế hoạch số 349/KH-TLĐ Tổng Liên đoàn");
    }

    #[test]
    fn received_stamp_is_not_the_number() {
        let doc = Parser::new()
            .parse_str("SỞ GIÁO DỤC VÀ ĐÀO TẠO BẾN TRE\nĐẾN Số: 11.28\nNgày: 18/5\nChuyển:\n\nCHƯƠNG TRÌNH\n\nPhối hợp hoạt động\n")
            .unwrap();
        let h = doc.header();
        assert!(h.number.is_none());
        assert!(h.issuer.is_none());
        let r = h.received.as_ref().unwrap();
        assert_eq!(r.number.as_deref(), Some("11.28"));
        assert_eq!(r.date.as_deref(), Some("18/5"));
        assert_eq!(r.agency.as_deref(), Some("SỞ GIÁO DỤC VÀ ĐÀO TẠO BẾN TRE"));
        assert_eq!(h.doc_type.as_ref().unwrap().value, "CHƯƠNG TRÌNH");
    }

    #[test]
    fn issuer_over_two_lines_and_party_header() {
        let doc = Parser::new()
            .parse_str(
                "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nSố: 141/KH-UBND\n",
            )
            .unwrap();
        assert_eq!(doc.header().issuer.as_ref().unwrap().value, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH");
        assert!(doc.header().parent.is_none());
        let doc = Parser::new()
            .parse_str("BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 221-KL/TW\nHà Nội, ngày 28 tháng 11 năm 2025\nKẾT LUẬN\nCỦA BỘ CHÍNH TRỊ\n")
            .unwrap();
        let h = doc.header();
        assert_eq!(h.issuer.as_ref().unwrap().value, "BAN CHẤP HÀNH TRUNG ƯƠNG");
        assert_eq!(h.number.as_ref().unwrap().text, "221-KL/TW");
        assert_eq!(h.party_header.as_ref().unwrap().value, "ĐẢNG CỘNG SẢN VIỆT NAM");
    }
}
