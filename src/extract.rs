//! Stage 7, extract: what a reader takes from the document beyond its header and outline.
//!
//! In: the [`Source`], [`Lines`], [`Header`], [`Closing`] and [`Outline`]. Out: the
//! document's [`Kind`] with its reason, a news headline, [`Citation`]s of other
//! documents, abbreviations defined in the text, the [`Plan`] of a plan or program and
//! its [`Task`]s.

use crate::closing::Closing;
use crate::header::Header;
use crate::lines::Lines;
use crate::outline::{NodeKind, Outline};
use crate::source::{Source, Span};
use crate::vocab::{self, DateParts};
use regex::Regex;
use std::sync::LazyLock;

/// What a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// The administrative or legal document itself.
    Official,
    /// An article reporting on one.
    News,
    /// Neither could be told.
    Unknown,
}

/// Decides the kind from the evidence the earlier stages found.
pub fn kind(src: &Source, lines: &Lines, h: &Header, c: &Closing) -> (Kind, String) {
    let mut official = Vec::new();
    if h.national_name.is_some() {
        official.push("Quốc hiệu");
    }
    if h.party_header.is_some() {
        official.push("Party or Youth Union header");
    }
    if h.number.is_some() {
        official.push("`Số:` line");
    }
    if h.doc_type.is_some() {
        official.push("tên loại");
    }
    if !c.signatories.is_empty() {
        official.push("signature block");
    }
    if c.recipients_label.is_some() {
        official.push("`Nơi nhận`");
    }
    let strong = h.national_name.is_some()
        || h.party_header.is_some()
        || (h.number.is_some() && (h.doc_type.is_some() || h.date.is_some()));
    if strong || official.len() >= 2 {
        return (Kind::Official, format!("official: {}", official.join(", ")));
    }
    let l = lines.all();
    let head: Vec<&str> = l.iter().take(40).map(|x| src.slice(x.span)).collect();
    let mut news = Vec::new();
    if head.iter().any(|t| SOURCE_TAG.is_match(t)) {
        news.push("source tag");
    }
    if l.iter().take(5).any(|x| x.heading) {
        news.push("headline");
    }
    if l.iter().any(|x| CHROME.is_match(src.slice(x.span))) {
        news.push("news-site sections");
    }
    if head.iter().any(|t| DATELINE.is_match(t)) {
        news.push("dateline");
    }
    let prose = l.iter().filter(|x| x.chars > 200).count();
    if !news.is_empty() || prose >= 3 {
        if news.is_empty() {
            news.push("article prose without a document header");
        }
        return (Kind::News, format!("news: {}", news.join(", ")));
    }
    (Kind::Unknown, "no official header and no article cues".into())
}

static SOURCE_TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\((?:[\p{Lu}][\p{L}.]{1,20}|[\p{L}.]+\.(?:vn|VN|com))\)\s*[-–]?").unwrap());
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)|Chủ nhật|Chủ Nhật),?\s+\d{1,2}/\d{1,2}/\d{4}")
        .unwrap()
});
/// Section words of news sites after the article.
pub static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(tin mới|tin khác|tin liên quan|bài liên quan|có thể bạn quan tâm|nên xem|xem thêm|đọc thêm|tin cùng chuyên mục|các tin khác|văn bản mới|liên kết web|phiên bản di động|bài viết liên quan|tin bài liên quan)\b.{0,30}$").unwrap()
});
static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{4}\s*[-|,]?\s*\d{1,2}[:h]\d{2}").unwrap());
static KICKER_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[:.]$").unwrap());
static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*\(\d{1,2}/\d{1,2}/\d{4}\)\s*$").unwrap());

/// Index one past the last line of a news article's own text (before the site's lists).
pub fn news_end(src: &Source, lines: &Lines) -> usize {
    let l = lines.all();
    (5.min(l.len())..l.len()).find(|&i| CHROME.is_match(src.slice(l[i].span))).unwrap_or(l.len())
}

/// The headline of a news article: a markdown heading, or the last title-like line
/// before the lead paragraph (not the kicker above it, not menu or player lines).
pub fn news_title(src: &Source, lines: &Lines) -> Option<(String, Span)> {
    let l = lines.all();
    if let Some(x) = l.iter().take(10).find(|x| x.heading) {
        return Some((src.slice(x.span).to_string(), x.span));
    }
    let lead = l.iter().take(60).position(|x| x.chars > 180 || SOURCE_TAG.is_match(src.slice(x.span)))?;
    let mut best = None;
    for x in l[..lead].iter() {
        let t = src.slice(x.span);
        let words = t.split_whitespace().count();
        if words < 4
            || x.chars > 300
            || KICKER_END.is_match(t)
            || t.starts_with(['-', '•', '+', '*'])
            || is_repeated(t)
            || DATELINE.is_match(t)
            || TIME.is_match(t)
        {
            continue;
        }
        best = Some((TRAILING_DATE.replace(t, "").to_string(), x.span));
    }
    best
}

/// `TIN HOẠT ĐỘNG TIN HOẠT ĐỘNG`: a menu label printed twice.
fn is_repeated(t: &str) -> bool {
    let w: Vec<&str> = t.split_whitespace().collect();
    w.len() % 2 == 0 && w.len() >= 2 && w[..w.len() / 2] == w[w.len() / 2..]
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The words that cite it (`Kế hoạch số 349/KH-TLĐ, ngày 15/8/2023 của …`).
    pub text: String,
    /// The type, from the words before the number or from its type code.
    pub doc_type: Option<String>,
    /// The number as printed.
    pub number: String,
    /// A normalized key: no spaces, one kind of dash, `Đ`, no leading zeros.
    pub key: String,
    /// The date where the sentence gives it.
    pub date: Option<DateParts>,
    /// The issuer where the sentence gives it (`của …`).
    pub issuer: Option<String>,
    /// Where the number stands.
    pub span: Span,
}

static CITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b\d{1,5}[a-zđ]?
        (?:
            \s?/\s?(?:19|20)\d{2}\s?/\s?\p{Lu}[\p{L}\d]*(?:-\p{Lu}[\p{L}\d]*)*
          | -\p{Lu}[\p{L}]*\s?/\s?\p{Lu}[\p{L}\d]*(?:-\p{Lu}[\p{L}\d]*)*
          | \s?/\s?\p{Lu}[\p{L}\d&]*(?:(?:-\s?|\n)\p{Lu}[\p{L}\d&]*)+
          | /\p{Lu}[\p{L}\d&]*
        )",
    )
    .unwrap()
});
static ISSUER_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[,;(\n]|\s(?:về|v/v|V/v|thực hiện|quy định|hướng dẫn|ban hành|đã|và|tại|trong|để|nhằm|đến|khóa|khoá)\s",
    )
    .unwrap()
});

/// The key two spellings of one number share.
pub fn number_key(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{D0}' => 'Đ',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    let (seq, rest) = s.split_at(digits);
    let seq = seq.trim_start_matches('0');
    format!("{}{}", if seq.is_empty() && digits > 0 { "0" } else { seq }, rest).to_uppercase()
}

/// Finds the documents cited in lines `range`, once per number, first-seen order,
/// leaving out `own` (the document's own number).
pub fn citations(src: &Source, lines: &Lines, range: std::ops::Range<usize>, own: Option<&str>) -> Vec<Citation> {
    let l = lines.all();
    let own_key = own.map(number_key);
    let mut out: Vec<Citation> = Vec::new();
    let end = range.end.min(l.len());
    if range.start >= end {
        return out;
    }
    // Scan the text of the range at once, so a number broken over two lines is found.
    let span = Span::new(l[range.start].span.start, l[end - 1].span.end);
    let text = src.slice(span);
    for m in CITE.find_iter(text) {
        let mut raw = m.as_str();
        // A number broken over two lines goes on with a code, not with `V/v` or a word.
        if let Some(nl) = raw.find('\n') {
            if text[m.end()..].starts_with(['/', '.']) || !text[m.end()..].starts_with(|c: char| !c.is_alphanumeric()) {
                raw = &raw[..nl];
            }
        }
        // A bare `/CODE` needs a type code to count (`Kế hoạch 12/KH`), not a date part.
        let number = raw.replace('\n', " ");
        let number = number.trim_end_matches(['-', '.']).to_string();
        if !number.contains(|c: char| c.is_uppercase()) {
            continue;
        }
        let key = number_key(&number);
        if own_key.as_deref() == Some(key.as_str()) || out.iter().any(|c| c.key == key) {
            continue;
        }
        let before = &text[..m.start()];
        let before_line = before.rsplit('\n').next().unwrap_or("");
        let after = &text[m.end()..];
        let after_line = after.split('\n').next().unwrap_or("");
        let doc_type = type_before(before_line).or_else(|| type_of_code(&number));
        if number.matches('/').count() == 1 && !number.contains('-') && doc_type.is_none() {
            continue; // `12/UBND` alone: too weak without a type word
        }
        let date = vocab::find_date(after_line).filter(|(r, _)| r.start <= 14).map(|(_, d)| d);
        let issuer = after_line.find("của ").filter(|&p| p <= 60).map(|p| {
            let s = &after_line[p + "của ".len()..];
            let e = ISSUER_END.find(s).map_or(s.len(), |m| m.start());
            s[..e].trim().trim_end_matches(['.', ',']).to_string()
        });
        let issuer = issuer.filter(|s| !s.is_empty() && s.split_whitespace().count() <= 14);
        let start_in_line = before_line.len().saturating_sub(type_window(before_line));
        let cite_text = format!("{}{}", &before_line[start_in_line..], number);
        let abs = span.start + m.start();
        out.push(Citation {
            text: cite_text.trim().to_string(),
            doc_type,
            number,
            key,
            date,
            issuer,
            span: Span::new(abs, abs + raw.len()),
        });
    }
    out
}

/// How far back the words naming a cited document's type reach (`Kế hoạch số `).
fn type_window(before: &str) -> usize {
    let low = before.to_lowercase();
    let cut = low.char_indices().rev().nth(59).map_or(0, |(i, _)| i);
    let tail = &low[cut..];
    let mut best: Option<usize> = None;
    for info in vocab::DOC_TYPES {
        let name = info.name.to_lowercase();
        if let Some(p) = tail.rfind(&name) {
            let rest = &tail[p + name.len()..];
            if rest.split_whitespace().count() <= 8 && best.is_none_or(|b| p > b) {
                best = Some(p);
            }
        }
    }
    best.map_or(0, |p| tail.len() - p)
}

fn type_before(before: &str) -> Option<String> {
    let w = type_window(before);
    if w == 0 {
        return None;
    }
    let s = &before[before.len() - w..];
    vocab::doc_type_by_name(s).map(|i| i.name.to_string())
}

fn type_of_code(number: &str) -> Option<String> {
    let p = vocab::parse_number(number)?;
    if p.issuer_code.as_deref().is_some_and(|i| i.starts_with("QH")) && p.type_code.is_none() {
        return Some("Luật".into());
    }
    vocab::doc_type_by_code(p.type_code.as_deref()?).map(|i| i.name.to_string())
}

/// An abbreviation the text defines: `Liên đoàn Lao động (LĐLĐ)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbreviation {
    /// The short form.
    pub short: String,
    /// The words it stands for.
    pub long: String,
    /// Where the short form is defined.
    pub span: Span,
}

static ABBR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([\p{Lu}Đ][\p{Lu}Đ&]{1,11})\)").unwrap());

/// Abbreviations defined in the text, first definition of each.
pub fn abbreviations(src: &Source, lines: &Lines, range: std::ops::Range<usize>) -> Vec<Abbreviation> {
    let l = lines.all();
    let mut out: Vec<Abbreviation> = Vec::new();
    for x in &l[range.start.min(l.len())..range.end.min(l.len())] {
        let t = src.slice(x.span);
        for c in ABBR.captures_iter(t) {
            let m = c.get(1).expect("group 1");
            let short = m.as_str();
            if out.iter().any(|a| a.short == short) {
                continue;
            }
            // The long form: the capitalised words before, one per letter of the short form.
            let before = t[..m.start() - 1].trim_end();
            let words: Vec<&str> = before.split_whitespace().collect();
            let initials: Vec<char> = short.chars().filter(|c| c.is_alphabetic()).collect();
            let mut take = 0;
            let mut k = initials.len();
            for w in words.iter().rev() {
                if k == 0 {
                    break;
                }
                let f = w.chars().next().unwrap_or(' ');
                let f_up = f.to_uppercase().next().unwrap_or(f);
                let base = strip_marks(f_up);
                if base == strip_marks(initials[k - 1]) {
                    k -= 1;
                    take += 1;
                } else if w.chars().all(|c| c.is_lowercase()) && take > 0 {
                    take += 1; // a small word inside (`và`)
                } else {
                    break;
                }
            }
            if k == 0 && take > 0 {
                let long = words[words.len() - take..].join(" ");
                let s = x.span.start + m.start();
                out.push(Abbreviation { short: short.to_string(), long, span: Span::new(s, s + short.len()) });
            }
        }
    }
    out
}

fn strip_marks(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    if c == 'Đ' || c == 'đ' {
        return 'Đ';
    }
    std::iter::once(c).nfd().next().unwrap_or(c)
}

/// The plan or program a document is or reports on.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// `Kế hoạch`, `Chương trình`, `Đề án`, `Phương án`.
    pub doc_type: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// First year of its period.
    pub from: Option<i32>,
    /// Last year of its period (or the horizon `đến năm …`).
    pub to: Option<i32>,
    /// The parties of a coordination program.
    pub parties: Vec<String>,
    /// The count of contents the text announces (`9 nội dung phối hợp`), with its span.
    pub announced: Option<(u32, Span)>,
}

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:giai đoạn|nhiệm kỳ|thời kỳ)?\s*\b((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b").unwrap()
});
static HORIZON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)đến năm ((?:19|20)\d{2})").unwrap());
static PARTIES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)giữa\s+(.+?)\s+(?:với|và)\s+(.+?)(?:\s+(?:về|giai đoạn|nhiệm kỳ|trong)\b|[,;.]|$)").unwrap()
});
static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(nội dung|nhiệm vụ|nhóm nhiệm vụ|giải pháp|hoạt động)\b").unwrap()
});

/// The plan: for a Kế hoạch, Chương trình, Đề án or Phương án, or news about one.
pub fn plan(
    src: &Source,
    lines: &Lines,
    h: &Header,
    kind: Kind,
    title: Option<&str>,
    body: std::ops::Range<usize>,
) -> Option<Plan> {
    let type_name = match kind {
        Kind::Official => h.doc_type_info.map(|i| i.name),
        _ => title.and_then(|t| {
            let low = t.to_lowercase();
            ["chương trình", "kế hoạch", "đề án", "phương án"]
                .into_iter()
                .find(|w| low.contains(w))
                .and_then(|w| vocab::doc_type_by_name(w))
                .map(|i| i.name)
        }),
    }?;
    if !matches!(type_name, "Kế hoạch" | "Chương trình" | "Đề án" | "Phương án") {
        return None;
    }
    let mut p = Plan { doc_type: Some(type_name.to_string()), title: title.map(str::to_string), ..Default::default() };
    let l = lines.all();
    let body_text: Vec<&str> =
        l[body.start.min(l.len())..body.end.min(l.len())].iter().map(|x| src.slice(x.span)).collect();
    let sources = title.into_iter().chain(body_text.iter().take(6).copied());
    for s in sources {
        if p.from.is_none() {
            if let Some(c) = PERIOD.captures(s) {
                p.from = c.get(1).and_then(|m| m.as_str().parse().ok());
                p.to = c.get(2).and_then(|m| m.as_str().parse().ok());
            } else if let Some(c) = HORIZON.captures(s) {
                p.to = c.get(1).and_then(|m| m.as_str().parse().ok());
            }
        }
        if p.parties.is_empty() {
            if let Some(c) = PARTIES.captures(s) {
                p.parties = [1, 2].iter().filter_map(|&g| c.get(g)).map(|m| m.as_str().trim().to_string()).collect();
            }
        }
    }
    for x in &l[body.start.min(l.len())..body.end.min(l.len())] {
        let t = src.slice(x.span);
        if let Some(c) = ANNOUNCED.captures(t) {
            let w = c.get(1).map_or("", |m| m.as_str());
            if let Some(n) = w.parse().ok().or_else(|| vocab::ordinal_value(w)) {
                if n >= 2 {
                    let m = c.get(0).expect("whole match");
                    p.announced = Some((n, Span::new(x.span.start + m.start(), x.span.start + m.end())));
                    break;
                }
            }
        }
    }
    Some(p)
}

/// An actionable item of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The outline node it comes from.
    pub node: usize,
    /// Its text.
    pub text: String,
    /// The lead unit (`chủ trì`, `Giao X:`, or the unit heading the subsection).
    pub lead: Option<String>,
    /// Units that take part (`phối hợp với …`).
    pub partners: Vec<String>,
    /// Deadline or cadence where stated.
    pub deadline: Option<String>,
    /// Where.
    pub span: Span,
}

static TASK_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)nội dung|nhiệm vụ|giải pháp|tổ chức thực hiện|phân công|trách nhiệm|hoạt động|công việc|triển khai",
    )
    .unwrap()
});
static LEAD_CHU_TRI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Giao\s+)?(.{3,80}?)\s+(?:chủ trì|là cơ quan chủ trì|có trách nhiệm|chịu trách nhiệm)\b").unwrap()
});
static LEAD_GIAO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^Giao\s+(.{3,80}?)\s*:").unwrap());
static LEAD_COLON: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\p{Lu}.{2,70}?)\s*:\s+\p{Lu}").unwrap());
static PARTNERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"phối hợp (?:chặt chẽ )?với\s+(.+?)(?:\s+(?:để|trong|tổ chức|thực hiện|triển khai|xây dựng|nhằm|phổ biến|tham mưu|rà soát)\b|[;.:(]|$)").unwrap()
});
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(trước ngày\s+\d{1,2}(?:/\d{1,2}(?:/\d{4})?| tháng \d{1,2}(?: năm \d{4})?)|chậm nhất (?:trước |là )?ngày\s+\d{1,2}/\d{1,2}(?:/\d{4})?|trong (?:tháng|quý) [\dIV]+(?:/\d{4})?|quý [IV]+(?:/\d{4}| năm \d{4})?|hằng năm|hàng năm|hằng tháng|hàng tháng|hằng quý|hàng quý|định kỳ(?: \d+ tháng| hằng \w+| hàng \w+)?|thường xuyên|năm \d{4})").unwrap()
});
static UNIT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Ủy ban|UBND|Sở|Ban|Phòng|Liên đoàn|Công đoàn|Các|Văn phòng|Trung tâm|Đoàn|Hội|Bộ|Cục|Trường|Tỉnh đoàn|Thành đoàn|Huyện đoàn|Mặt trận|Công an|Đài|Báo|Viện|Chi cục|Thanh tra)\b").unwrap()
});

/// The actionable items of the content, tasks and assignment sections.
pub fn tasks(src: &Source, o: &Outline, kind: Kind) -> Vec<Task> {
    let mut out = Vec::new();
    for (i, n) in o.nodes.iter().enumerate() {
        let in_task_section = kind == Kind::News && n.kind == NodeKind::Ordinal
            || ancestors(o, i).any(|a| o.nodes[a].title.as_deref().is_some_and(|t| TASK_SECTION.is_match(t)));
        if !in_task_section || !n.children.is_empty() && n.kind.is_structural() {
            continue;
        }
        let text = src.slice(n.text_span);
        let body = strip_marker(text, n);
        if body.chars().count() < 15 {
            continue;
        }
        // Lead: in the item, else the unit heading an enclosing item (`1. Sở Y tế:`).
        let lead = lead_in(body).or_else(|| {
            ancestors(o, i)
                .find_map(|a| o.nodes[a].title.as_deref().filter(|t| UNIT_HEADING.is_match(t)).map(str::to_string))
        });
        let partners = PARTNERS
            .captures(body)
            .and_then(|c| c.get(1))
            .map(|m| {
                m.as_str()
                    .split([',', ';'])
                    .flat_map(|s| s.split(" và "))
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty() && s.split_whitespace().count() <= 12)
                    .collect()
            })
            .unwrap_or_default();
        let deadline = DEADLINE.find(body).map(|m| m.as_str().to_string());
        out.push(Task { node: i, text: body.to_string(), lead, partners, deadline, span: n.text_span });
    }
    out
}

fn ancestors(o: &Outline, i: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(o.nodes[i].parent, move |&p| o.nodes[p].parent)
}

fn strip_marker<'a>(text: &'a str, n: &crate::outline::Node) -> &'a str {
    let t = text.trim_start();
    let t = t.strip_prefix(n.label.as_str()).unwrap_or(t);
    let t = t.trim_start_matches(['.', ')', ':', ',', ' ', '-']);
    let t = t.strip_prefix("là").map_or(t, |r| r.trim_start_matches([',', ':', ' ']));
    t.trim()
}

fn lead_in(body: &str) -> Option<String> {
    for re in [&*LEAD_GIAO, &*LEAD_CHU_TRI] {
        if let Some(c) = re.captures(body) {
            let s = c.get(1)?.as_str().trim();
            if s.split_whitespace().count() <= 14 && s.chars().next().is_some_and(char::is_uppercase) {
                return Some(s.trim_start_matches("Giao ").to_string());
            }
        }
    }
    LEAD_COLON
        .captures(body)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string())
        .filter(|s| UNIT_HEADING.is_match(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Parser;

    #[test]
    fn citations_once_each_with_type_date_and_issuer() {
        let doc = Parser::new()
            .parse_str(
                "KẾ HOẠCH\n\nThực hiện Kế hoạch số 349/KH-TLĐ, ngày 15/8/2023 của Tổng Liên đoàn Lao động Việt Nam về thực hiện \
                 Chỉ thị số 21-CT/TW; Luật số 74/2014/QH13 - Luật Giáo dục nghề nghiệp; Kế hoạch số 349/KH-TLĐ.\n",
            )
            .unwrap();
        let c = doc.citations();
        let nums: Vec<&str> = c.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(nums, ["349/KH-TLĐ", "21-CT/TW", "74/2014/QH13"]);
        assert_eq!(c[0].doc_type.as_deref(), Some("Kế hoạch"));
        assert_eq!(c[0].date.unwrap().iso().as_deref(), Some("2023-08-15"));
        assert_eq!(c[0].issuer.as_deref(), Some("Tổng Liên đoàn Lao động Việt Nam"));
        assert_eq!(c[2].doc_type.as_deref(), Some("Luật"));
    }

    #[test]
    fn dates_are_not_citations_and_keys_fold_spellings() {
        let doc = Parser::new().parse_str("Ngày 15/8/2023 và 01/5/1886.\n").unwrap();
        assert!(doc.citations().is_empty());
        assert_eq!(number_key("0125/KH-UBND"), number_key("125 / KH–UBND"));
    }

    #[test]
    fn abbreviations_are_found() {
        let doc = Parser::new()
            .parse_str("Tổng Liên đoàn Lao động (LĐLĐ) Việt Nam và Bộ Giáo dục và Đào tạo (GDĐT) ký kết.\n")
            .unwrap();
        let a = doc.abbreviations();
        assert_eq!(a[0].short, "LĐLĐ");
        assert_eq!(a[0].long, "Liên đoàn Lao động");
    }
}
