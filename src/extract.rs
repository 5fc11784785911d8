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
    if head.iter().any(|t| source_tag(t).is_some()) {
        news.push("source tag");
    }
    if l.iter().take(5).any(|x| x.heading) {
        news.push("headline");
    }
    if l.iter().any(|x| x.boilerplate && crate::lines::CHROME.is_match(src.slice(x.span))) {
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

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(
        r"^(?:Thứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy|hai|ba|tư|năm|sáu|bảy)|Chủ nhật|Chủ Nhật),?\s+\d{1,2}/\d{1,2}/\d{4}",
    )
    .unwrap()
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?-u:\b)\d{1,2}:\d{2}(?-u:\b)|(?-u:\b)\d{1,2}/\d{1,2}/\d{4}\s*[-|,]?\s*\d{1,2}[:h]\d{2}")
        .unwrap()
});
static FRONT_TITLE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r#"^"?title"?\s*[:=]\s*"?(.*?)"?,?$"#).unwrap());
static KICKER_END: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"[:.]$").unwrap());
static TRAILING_DATE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"\s*\(\d{1,2}/\d{1,2}/\d{4}\)\s*$").unwrap());

/// Index one past the last line of a news article's own text (before the site's lists).
pub fn news_end(lines: &Lines) -> usize {
    let l = lines.all();
    l.iter().rposition(|x| !x.boilerplate).map_or(0, |p| p + 1)
}

static SITE_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?i)văn bản này chưa cập nhật|^#+\s*văn bản liên quan|thư viện pháp luật|thuvienphapluat|đăng nhập|tài khoản|bản dịch này|tải văn bản|^lược đồ|^nội dung mixed|^theo dõi hiệu lực|^liên hệ|^copyright|^©").unwrap()
});

/// Index one past the last line of an official document, annexes included: the first line
/// of a web page's footer after the closing part, or the end of the text.
pub fn document_end(src: &Source, lines: &Lines, closing_end: usize) -> usize {
    let l = lines.all();
    (closing_end..l.len()).find(|&i| l[i].boilerplate || SITE_FOOTER.is_match(src.slice(l[i].span))).unwrap_or(l.len())
}

/// The headline of a news article: a markdown heading, or the last title-like line
/// before the lead paragraph (not the kicker above it, not menu or player lines).
pub fn news_title(src: &Source, lines: &Lines) -> Option<(String, Span)> {
    let l = lines.all();
    // A site's content file names its title in its front matter.
    if let Some(end) = crate::lines::front_matter_end(src, l) {
        for x in &l[..end] {
            let t = src.slice(x.span).trim();
            if let Some(c) = FRONT_TITLE.captures(t) {
                let v = c.get(1).map_or("", |m| m.as_str()).trim();
                if !v.is_empty() {
                    return Some((v.to_string(), x.span));
                }
            }
        }
    }
    if let Some(x) = l.iter().take(10).find(|x| x.heading && !x.boilerplate) {
        return Some((src.slice(x.span).to_string(), x.span));
    }
    let lead = l.iter().take(60).position(|x| x.chars > 180 || source_tag(src.slice(x.span)).is_some())?;
    let mut best = None;
    for x in l[..lead].iter().filter(|x| !x.boilerplate) {
        let t = src.slice(x.span);
        let words = t.split_whitespace().count();
        if words < 4
            || x.chars > 300
            || KICKER_END.is_match(t)
            || vocab::is_item(t)
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

/// What a reader takes from a news article besides its headline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// The publication date, only what is printed (`(14/12)` gives a month and day).
    pub published: Option<(DateParts, Span)>,
    /// The source tag (`LĐTĐ` of `(LĐTĐ)`, `Baonghean.vn`).
    pub source_tag: Option<(String, Span)>,
    /// The byline: the author's name after the text.
    pub byline: Option<(String, Span)>,
    /// People named with their roles (`Nguyễn Đình Khang - Chủ tịch Tổng LĐLĐ Việt Nam`).
    pub people: Vec<(String, String, Span)>,
}

/// A news source tag opening a line: `(TTXVN)`, `(Chinhphu.vn)`. Its length is checked by
/// [`source_tag`]: a bounded repeat of a Unicode class (`{1,20}`) costs milliseconds to
/// compile, at every start of the program.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^\(((?:\p{Lu}[\p{L}.]+)|(?:[\p{L}.]+\.(?:vn|VN|com)))\)").unwrap());

/// The source tag opening `t` (without its parentheses): a capital and 1 to 20 letters or
/// dots, or a site's domain.
fn source_tag(t: &str) -> Option<regex::Match<'_>> {
    let g = TAG.captures(t)?.get(1)?;
    let s = g.as_str();
    let domain = [".vn", ".VN", ".com"].iter().any(|d| s.len() > d.len() && s.ends_with(d));
    (domain || s.chars().count() <= 21).then_some(g)
}
static SHORT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"\((\d{1,2})/(\d{1,2})(?:/(\d{4}))?\)|(?:Sáng|Chiều|Tối|Trưa|Ngày|ngày|sáng|chiều|tối)\s+(?:nay\s+\()?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?").unwrap()
});
const ROLE_ENDS: &[&str] = &[
    " cùng ",
    " cho biết",
    " nhấn mạnh",
    " phát biểu",
    " cho rằng",
    " khẳng định",
    " đã ",
    " chủ trì",
    " trao ",
    " tặng ",
];
/// A name and its role; the role is cut at 140 characters by [`article`] (a bounded repeat
/// here would cost milliseconds to compile).
static PERSON_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?:^|[:;,(]\s*|\s(?:ông|bà|đồng chí|Đồng chí)\s)(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){1,4})\s+[-–]\s+([^;.\n]{3,})").unwrap()
});
const ROLE_MAX_CHARS: usize = 140;

/// The publication date, source tag, byline and people of a news article (lines `range`).
pub fn article(src: &Source, lines: &Lines, range: std::ops::Range<usize>) -> Article {
    let l = lines.all();
    let end = range.end.min(l.len());
    let body: Vec<(usize, &str)> =
        (range.start..end).filter(|&i| !l[i].boilerplate).map(|i| (i, src.slice(l[i].span))).collect();
    let mut a = Article::default();
    // The date: a dateline (`Thứ Ba, 12/03/2024 - 09:15`), a date in the headline's
    // parentheses, or `(14/12)` in the lead.
    for &(i, t) in body.iter().take(40) {
        let at = |r: std::ops::Range<usize>| Span::new(l[i].span.start + r.start, l[i].span.start + r.end);
        if DATELINE.is_match(t) {
            if let Some((r, d)) = vocab::find_date(t) {
                a.published = Some((d, at(r)));
                break;
            }
        }
        if let Some(c) = SHORT_DATE.captures(t).filter(|_| a.published.is_none()) {
            let n = |k: usize| c.get(k).or_else(|| c.get(k + 3)).and_then(|m| m.as_str().parse::<u32>().ok());
            let d = DateParts { day: n(1), month: n(2), year: n(3).map(|y| y as i32) };
            if d.is_valid() && (t.chars().count() < 300 || source_tag(t).is_some()) {
                a.published = Some((d, at(c.get(0).expect("match").range())));
                break;
            }
        }
    }
    for &(i, t) in body.iter().take(60) {
        if let Some(g) = source_tag(t) {
            a.source_tag =
                Some((g.as_str().to_string(), Span::new(l[i].span.start + g.start(), l[i].span.start + g.end())));
            break;
        }
    }
    // The byline: the last line of the text when it is a name (`Bảo Duy`).
    if let Some(&(i, t)) = body.last() {
        if vocab::is_person_name(t) {
            a.byline = Some((t.to_string(), l[i].span));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for &(i, t) in &body {
        let mut from = 0;
        while let Some(c) = PERSON_ROLE.captures_at(t, from) {
            let (n, r) = (c.get(1).expect("name"), c.get(2).expect("role"));
            let r_end = r.start() + r.as_str().char_indices().nth(ROLE_MAX_CHARS).map_or(r.len(), |(k, _)| k);
            from = r_end;
            let mut role = &t[r.start()..r_end];
            for e in ROLE_ENDS {
                if let Some(p) = role.find(e) {
                    role = &role[..p];
                }
            }
            let role = role.trim().trim_end_matches([',', ')']).trim();
            let name = ["Ông ", "Bà ", "Đồng chí "].iter().fold(n.as_str(), |x, h| x.strip_prefix(h).unwrap_or(x));
            if vocab::is_person_name(name)
                && role.split_whitespace().count() >= 2
                && role.split_whitespace().count() <= 20
                && seen.insert(name.to_string())
            {
                let span = Span::new(l[i].span.start + n.start(), l[i].span.start + r_end);
                a.people.push((name.to_string(), role.to_string(), span));
            }
        }
    }
    a
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
    crate::vocab::compile(
        r"(?x)
        (?-u:\b)\d{1,5}[a-zđ]?
        (?:
            \s?/\s?(?:19|20)\d{2}\s?/\s?\p{Lu}[\p{L}\d]*(?:[-–]\p{Lu}[\p{L}\d]*)*
          | [-–]\p{Lu}[\p{L}]*\s?/\s?\p{Lu}[\p{L}\d]*(?:[-–]\p{Lu}[\p{L}\d]*)*
          | \s?/\s?\p{Lu}[\p{L}\d&]*(?:(?:[-–]\s?|\n)\p{Lu}[\p{L}\d&]*)+
          | /\p{Lu}[\p{L}\d&]*
        )",
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
    // Matches inside boilerplate lines (a site's teasers) are not the text's citations.
    let chrome: Vec<Span> = l[range.start..end].iter().filter(|x| x.boilerplate).map(|x| x.span).collect();
    let in_chrome = |at: usize| {
        let k = chrome.partition_point(|s| s.end < at);
        chrome.get(k).is_some_and(|s| s.start <= at)
    };
    let found: Vec<regex::Match> = CITE.find_iter(text).filter(|m| !in_chrome(span.start + m.start())).collect();
    let mut seen = std::collections::HashSet::new();
    for (k, m) in found.iter().enumerate() {
        let mut raw = m.as_str();
        // A number broken over two lines goes on with a code, not with `V/v` or a word.
        // (`755/CĐ` / `TTg,`): the code on the next line is short and ends the phrase.
        if let Some(nl) = raw.find('\n') {
            let ends_phrase = text[m.end()..].starts_with([',', ';', '.', ')', ':']) && raw.len() - nl <= 8;
            if !ends_phrase {
                raw = &raw[..nl];
            }
        }
        let number = raw.replace('\n', " ");
        let number = number.trim_end_matches(['-', '–', '.']).to_string();
        if !number.contains(|c: char| c.is_uppercase()) {
            continue;
        }
        let key = number_key(&number);
        if own_key
            .as_deref()
            .is_some_and(|o| key == o || key.starts_with(o) && !key[o.len()..].starts_with(char::is_alphanumeric))
            || seen.contains(&key)
        {
            continue;
        }
        // The words before the number, on its line, at most ~200 bytes back.
        let mut from = m.start().saturating_sub(200);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before_line = text[from..m.start()].rsplit('\n').next().unwrap_or("");
        let type_at = type_before(before_line);
        let doc_type = type_at.as_ref().map(|t| t.1.clone()).or_else(|| type_of_code(&number));
        if number.matches('/').count() == 1 && !number.contains(['-', '–']) && doc_type.is_none() {
            continue; // `12/UBND` alone: too weak without a type word
        }
        // What the sentence says of it: up to the next cited number, within the paragraph.
        let next = found.get(k + 1).map_or(text.len(), |n| n.start());
        let mut after = &text[m.end()..next];
        if let Some(p) = after.find("\n\n") {
            after = &after[..p];
        }
        let after: String = after.chars().take(240).map(|c| if c == '\n' { ' ' } else { c }).collect();
        let date = vocab::find_date(&after).filter(|(r, _)| r.start <= 14).map(|(_, d)| d);
        let issuer = after.find("của ").filter(|&p| p <= 60).map(|p| issuer_words(&after[p + "của ".len()..]));
        let issuer = issuer.filter(|s| !s.is_empty() && s.split_whitespace().count() <= 14);
        let start_in_line = type_at.map_or(before_line.len(), |t| t.0);
        let cite_text = format!("{}{}", &before_line[start_in_line..], number);
        let abs = span.start + m.start();
        seen.insert(key.clone());
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

/// The issuer's name at the start of `s` (after `của`), up to what the sentence goes on
/// to say (`về …`, `phê duyệt …`, a comma, another document).
fn issuer_words(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut end = words.len();
    for (k, w) in words.iter().enumerate() {
        let tail = words[k..].join(" ");
        let low = tail.to_lowercase();
        let stop = ISSUER_STOP
            .iter()
            .any(|v| low.starts_with(v) && low[v.len()..].chars().next().is_none_or(|c| !c.is_alphabetic()))
            || (*w == "và"
                && words.get(k + 1).is_some_and(|n| {
                    n.chars().next().is_some_and(char::is_lowercase)
                        || vocab::doc_type_by_name(&words[k + 1..].join(" ")).is_some()
                }));
        if k > 0 && stop {
            end = k;
            break;
        }
        if w.ends_with([',', ';', '.', ')']) || w.starts_with('(') {
            end = if w.starts_with('(') { k } else { k + 1 };
            break;
        }
    }
    words[..end].join(" ").trim_end_matches([',', ';', '.', ')']).trim().to_string()
}

const ISSUER_STOP: &[&str] = &[
    "về",
    "v/v",
    "phê duyệt",
    "quy định",
    "hướng dẫn",
    "ban hành",
    "đã",
    "tại",
    "trong",
    "để",
    "nhằm",
    "đến",
    "khóa",
    "khoá",
    "thực hiện",
    "triển khai",
    "sửa đổi",
    "thông qua",
    "năm",
    "ngày",
    "số",
    "giai đoạn",
    "nhiệm kỳ",
    "tiếp tục",
    "là",
    "(",
    "gửi",
    "cho",
    "với",
    "theo",
];

static TYPE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = vocab::DOC_TYPES.iter().map(|i| i.name).collect();
    names.push("Bộ luật");
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    crate::vocab::compile(&format!(r"(?i)(?:{})", names.join("|"))).expect("type names form a regex")
});

/// The type named just before a cited number (`Kế hoạch số `, `Luật … số `): its byte
/// offset in `before` and its name. `luật` counts only capitalised (`pháp luật số` is no law).
fn type_before(before: &str) -> Option<(usize, String)> {
    let cut = before.char_indices().rev().nth(59).map_or(0, |(i, _)| i);
    let tail = &before[cut..];
    let at_word_edges = |m: &regex::Match| {
        tail[..m.start()].chars().next_back().is_none_or(|c| !c.is_alphabetic())
            && tail[m.end()..].chars().next().is_none_or(|c| !c.is_alphabetic())
    };
    let m = TYPE_NAME
        .find_iter(tail)
        .filter(at_word_edges)
        .filter(|m| {
            let w = m.as_str();
            w.to_lowercase() != "luật" || w.starts_with('L')
        })
        .filter(|m| tail[m.end()..].split_whitespace().count() <= 10)
        .last()?;
    let w = m.as_str();
    let name = if w.to_lowercase() == "bộ luật" {
        "Bộ luật".to_string()
    } else {
        vocab::doc_type_by_name(w).map_or_else(|| w.to_string(), |i| i.name.to_string())
    };
    Some((cut + m.start(), name))
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

/// `(UBND)`: 2 to 12 capitals or `&` in parentheses (the length is checked by
/// [`abbreviations`]: a bounded repeat here would cost milliseconds to compile).
static ABBR: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"\((\p{Lu}[\p{Lu}&]+)\)").unwrap());

/// Abbreviations defined in the text, first definition of each.
pub fn abbreviations(src: &Source, lines: &Lines, range: std::ops::Range<usize>) -> Vec<Abbreviation> {
    let l = lines.all();
    let mut out: Vec<Abbreviation> = Vec::new();
    for x in l[range.start.min(l.len())..range.end.min(l.len())].iter().filter(|x| !x.boilerplate) {
        let t = src.slice(x.span);
        for c in ABBR.captures_iter(t) {
            let m = c.get(1).expect("group 1");
            let short = m.as_str();
            if short.chars().count() > 12 {
                continue;
            }
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

static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"(?-u:\b)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?-u:\b)").unwrap());
static PERIOD_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(
        r"(?i)(?:giai đoạn|nhiệm kỳ|thời kỳ|từ năm)\s+((?:19|20)\d{2})\s*(?:[-–—]|đến(?: năm)?)\s*((?:19|20)\d{2})(?-u:\b)",
    )
    .unwrap()
});
static HORIZON: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"(?i)đến năm ((?:19|20)\d{2})").unwrap());
static PARTIES_BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(
        r"giữa\s+(.+?)\s+(?:với|và)\s+(.+?)(?:\s+(?:về|giai đoạn|nhiệm kỳ|trong|năm|nhằm|để)\b|[,;.(]|$)",
    )
    .unwrap()
});
/// `A và B (sau đây gọi là hai bên)`; each side of 3 to 101 characters, checked by
/// [`two_sides`] (a bounded repeat here would cost milliseconds to compile).
static PARTIES_TWO_SIDES: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?:^|[,;:]\s*)(\p{Lu}[^,;:()]{2,}?)\s+và\s+(\p{Lu}[^,;:()]{2,}?)\s*\(\s*(?:sau đây )?gọi (?:tắt |chung )?là (?:hai|các) bên").unwrap()
});
static ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?:^|[\s(,;:])(\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?:nhóm\s+)?(?:nội dung|nhiệm vụ|giải pháp|hoạt động|nhóm nhiệm vụ)").unwrap()
});

/// The first [`PARTIES_TWO_SIDES`] in `s` whose sides are at most 101 characters each.
fn two_sides(s: &str) -> Option<regex::Captures<'_>> {
    let mut from = 0;
    loop {
        let c = PARTIES_TWO_SIDES.captures_at(s, from)?;
        let short = |g: usize| c.get(g).is_some_and(|m| m.as_str().chars().count() <= 101);
        if short(1) && short(2) {
            return Some(c);
        }
        let start = c.get(0).map_or(s.len(), |m| m.start());
        from = start + s[start..].chars().next().map_or(1, char::len_utf8);
    }
}

/// The plan: for a Kế hoạch, Chương trình, Đề án or Phương án, or news about one.
pub fn plan(
    src: &Source,
    lines: &Lines,
    h: &Header,
    kind: Kind,
    title: Option<&str>,
    body: std::ops::Range<usize>,
) -> Option<Plan> {
    let l = lines.all();
    let body_lines: Vec<&str> =
        l[body.start.min(l.len())..body.end.min(l.len())].iter().map(|x| src.slice(x.span)).collect();
    // For news: the headline and the lead say what the article is about.
    let lead: Vec<&str> = body_lines.iter().filter(|t| t.chars().count() > 80).take(2).copied().collect();
    let type_name = match kind {
        Kind::News => {
            let about = title.into_iter().chain(lead.iter().copied()).collect::<Vec<_>>().join(" ").to_lowercase();
            ["chương trình", "kế hoạch", "đề án", "phương án"]
                .into_iter()
                .find(|w| about.contains(w))
                .and_then(vocab::doc_type_by_name)
                .map(|i| i.name)
        }
        _ => h.doc_type_info.map(|i| i.name),
    }?;
    if !matches!(type_name, "Kế hoạch" | "Chương trình" | "Đề án" | "Phương án") {
        return None;
    }
    let mut p = Plan { doc_type: Some(type_name.to_string()), title: title.map(str::to_string), ..Default::default() };
    // The period: a range in the title, else a named range (`giai đoạn 2015-2020`) near the
    // start of the body or in a news lead; the horizon (`đến năm 2030`) only from the title.
    let years = |c: regex::Captures| {
        (c.get(1).and_then(|m| m.as_str().parse().ok()), c.get(2).and_then(|m| m.as_str().parse().ok()))
    };
    if let Some((f, t)) = title.and_then(|t| PERIOD.captures(t)).map(years) {
        (p.from, p.to) = (f, t);
    } else if let Some((f, t)) =
        body_lines.iter().take(8).chain(lead.iter()).find_map(|s| PERIOD_NAMED.captures(s)).map(years)
    {
        (p.from, p.to) = (f, t);
    } else if let Some(c) = title.and_then(|t| HORIZON.captures(t)) {
        p.to = c.get(1).and_then(|m| m.as_str().parse().ok());
    }
    let preamble = title.into_iter().chain(body_lines.iter().take(8).copied()).chain(lead.iter().copied());
    for s in preamble {
        if let Some(c) = two_sides(s).or_else(|| PARTIES_BETWEEN.captures(s)) {
            let parts: Vec<String> =
                [1, 2].iter().filter_map(|&g| c.get(g)).map(|m| m.as_str().trim().to_string()).collect();
            if parts.iter().all(|x| UNIT_OR_BODY.is_match(x) && x.split_whitespace().count() <= 16) {
                p.parties = parts;
                break;
            }
        }
    }
    for (k, x) in l[body.start.min(l.len())..body.end.min(l.len())].iter().enumerate() {
        let t = body_lines[k];
        let mentions = ["nội dung", "nhiệm vụ", "giải pháp", "hoạt động"].iter().any(|w| t.contains(w));
        if let Some(c) = ANNOUNCED.captures(t).filter(|_| mentions) {
            let w = c.get(1).map_or("", |m| m.as_str());
            if let Some(n) = w.parse().ok().or_else(|| vocab::ordinal_value(w)) {
                if n >= 2 {
                    let (m, g) = (c.get(0).expect("whole match"), c.get(1).expect("the count"));
                    p.announced = Some((n, Span::new(x.span.start + g.start(), x.span.start + m.end())));
                    break;
                }
            }
        }
    }
    Some(p)
}

/// A body's or unit's name: the parties of a program.
static UNIT_OR_BODY: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:Ủy ban|Uỷ ban|UBND|Sở|Ban|Phòng|Liên đoàn|LĐLĐ|Công đoàn|Văn phòng|Trung tâm|Đoàn|Hội|Bộ|Cục|Vụ|Trường|Tỉnh đoàn|Thành đoàn|Mặt trận|Công an|Viện|Tổng|Đảng|Tập đoàn|Công ty|Ngân hàng|Học viện|Đại học|Bảo hiểm)\b").unwrap()
});

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
    crate::vocab::compile(
        r"(?i)nội dung|nhiệm vụ|giải pháp|tổ chức thực hiện|phân công|trách nhiệm|hoạt động|công việc|triển khai",
    )
    .unwrap()
});
/// Words that start the name of a unit that can be given a task.
static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:Ủy ban|Uỷ ban|UBND|UBMTTQ|Sở|Ban|Phòng|Liên đoàn|LĐLĐ|Công đoàn|Các|Văn phòng|Trung tâm|Đoàn|Hội|Bộ|Cục|Vụ|Trường|Tỉnh đoàn|Thành đoàn|Huyện đoàn|Quận đoàn|Mặt trận|Công an|Đài\s+\p{Lu}|Báo\s+\p{Lu}|Viện|Chi cục|Thanh tra|Tổng (?:Liên đoàn|cục|Cục|công ty|Công ty)|Hai bên|Mỗi bên|Cơ quan|Đảng ủy|Đảng đoàn|Huyện ủy|Tỉnh ủy|Thành ủy|Chủ tịch|Giám đốc|Thủ trưởng|Người đứng đầu|Hiệu trưởng|Kho bạc|Bảo hiểm|Ngân hàng|Lãnh đạo)\b").unwrap()
});
/// Verbs that end a unit's name in `X chủ trì, phối hợp với Y tổ chức …`.
const VERBS: &[&str] = &[
    "chủ trì",
    "là cơ quan",
    "là đầu mối",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "chủ động",
    "tổ chức",
    "triển khai",
    "lãnh đạo",
    "chỉ đạo",
    "xây dựng",
    "thực hiện",
    "tham mưu",
    "phối hợp",
    "hướng dẫn",
    "căn cứ",
    "cam kết",
    "theo dõi",
    "đôn đốc",
    "kiểm tra",
    "rà soát",
    "chuẩn bị",
    "bố trí",
    "tiếp tục",
    "tăng cường",
    "đẩy mạnh",
    "quán triệt",
    "tuyên truyền",
    "nghiên cứu",
    "phổ biến",
    "cử",
    "tiến hành",
    "để",
    "nhằm",
    "trong",
    "khi",
    "cần",
    "phải",
    "sẽ",
    "được",
    "đề xuất",
    "báo cáo",
    "tập trung",
    "quan tâm",
    "giám sát",
    "kiện toàn",
    "ban hành",
    "thẩm định",
    "tham gia",
    "vận động",
    "mời",
    "cung cấp",
    "bảo đảm",
    "đảm bảo",
    "hỗ trợ",
    "ưu tiên",
    "thường xuyên",
    "định kỳ",
    "sớm",
    "khẩn trương",
    "trao đổi",
    "tạo điều kiện",
];
/// `Giao X chủ trì …`: the unit, of 3 to 120 characters (checked by [`lead_in`]: a bounded
/// repeat here would cost milliseconds to compile; anchored, the pattern has one start).
static LEAD_GIAO: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^Giao\s+(.{3,}?)(?:\s*:|\s+(?:là|chủ trì|tham mưu|thực hiện|phối hợp|theo dõi|triển khai|xây dựng|tổ chức|hướng dẫn|chịu|có trách nhiệm)\b)").unwrap()
});
static PARTNERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?i)(?:^|\s)phối hợp (?:chặt chẽ |thường xuyên )?(?:với|cùng)\s+(.+)").unwrap()
});
static DEADLINE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?i)(?:trước|chậm nhất(?: là| trước)?|hoàn thành trước|trong thời hạn đến)\s+(?:ngày\s+\d{1,2}(?:/\d{1,2}(?:/\d{4})?| tháng \d{1,2}(?: năm \d{4})?)|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s*giờ[^,;.]{0,30}|tháng \d{1,2}(?:/\d{4}| năm \d{4})?|quý [IV]+(?:/\d{4}| năm \d{4})?)|trong (?:tháng \d{1,2}|quý [IV]+)(?:/\d{4}| năm \d{4})?|quý [IV]+/\d{4}").unwrap()
});
static DEADLINE_CADENCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(
        r"(?i)\b(?:hằng|hàng) (?:năm|quý|tháng|tuần|ngày)\b|\bđịnh kỳ (?:\d+ tháng|hằng \w+|hàng \w+|\w+ lần)",
    )
    .unwrap()
});

/// The actionable items: the items of the content, tasks and assignment sections (of
/// every section when the document has none of them), and a news report's enumeration.
pub fn tasks(src: &Source, o: &Outline, kind: Kind, doc_type: Option<&str>) -> Vec<Task> {
    let is_task_section = |t: &str| TASK_SECTION.is_match(t);
    let any_task_section = o.nodes.iter().any(|n| n.title.as_deref().is_some_and(is_task_section));
    let mut out = Vec::new();
    for (i, n) in o.nodes.iter().enumerate() {
        let eligible = match kind {
            Kind::News => n.kind == NodeKind::Ordinal,
            _ if any_task_section => {
                ancestors(o, i).chain([i]).any(|a| o.nodes[a].title.as_deref().is_some_and(is_task_section))
            }
            // A letter, dispatch, directive or notice is all assignments.
            _ => matches!(doc_type, None | Some("Công điện" | "Chỉ thị" | "Thông báo" | "Hướng dẫn")),
        };
        let has_items = n.children.iter().any(|&c| o.nodes[c].kind != NodeKind::Ordinal || n.kind == NodeKind::Ordinal);
        if !eligible || has_items || n.parent.is_none() && kind != Kind::News && n.title.is_some() {
            continue;
        }
        let body = item_body(src, n);
        if body.chars().count() < 15 {
            continue;
        }
        let own_unit = n.title.as_deref().and_then(unit_heading);
        let lead = lead_in(&body)
            .or(own_unit)
            .or_else(|| ancestors(o, i).find_map(|a| o.nodes[a].title.as_deref().and_then(unit_heading)));
        let partners = partners_in(&body);
        let deadline =
            DEADLINE_DATE.find(&body).or_else(|| DEADLINE_CADENCE.find(&body)).map(|m| m.as_str().to_string());
        out.push(Task { node: i, text: body, lead, partners, deadline, span: n.text_span });
    }
    out
}

fn ancestors(o: &Outline, i: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(o.nodes[i].parent, move |&p| o.nodes[p].parent)
}

/// The item's own text without its marker (and without its heading when it has a body),
/// white space folded.
fn item_body(src: &Source, n: &crate::outline::Node) -> String {
    let text = &src.text()[n.rest.min(n.text_span.end)..n.text_span.end];
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(title) = &n.title {
        let rest = folded.strip_prefix(title.as_str()).map(|r| r.trim_start_matches([':', ' ']).trim());
        if let Some(r) = rest.filter(|r| r.chars().count() >= 15) {
            return r.to_string();
        }
    }
    folded
}

/// A heading that names a unit (`1. Sở Y tế:`, `Đối với Hội đồng nhân dân tỉnh`).
fn unit_heading(t: &str) -> Option<String> {
    let t = t.strip_prefix("Đối với ").unwrap_or(t);
    (UNIT.is_match(t) && t.split_whitespace().count() <= 16).then(|| t.to_string())
}

/// The unit at the start of `s`, up to the verb that follows it.
fn subject(s: &str) -> Option<String> {
    if !UNIT.is_match(s) {
        return None;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    for k in 1..words.len().min(13) {
        if starts_verb(&words[k..]) || words[k - 1].ends_with([':', ';', '.']) {
            let name = words[..k].join(" ");
            let name = name.trim_end_matches([',', ':', ';', '.']).to_string();
            return (k >= 2 || name.chars().count() > 3).then_some(name);
        }
    }
    None
}

fn lead_in(body: &str) -> Option<String> {
    if let Some(c) = LEAD_GIAO.captures(body).filter(|c| c.get(1).is_some_and(|m| m.as_str().chars().count() <= 120)) {
        let s = c.get(1)?.as_str().trim();
        if UNIT.is_match(s) && s.split_whitespace().count() <= 16 {
            return Some(s.to_string());
        }
    }
    subject(body)
}

/// True when `words` start with one of [`VERBS`], written in lower case (so `Ban Tổ chức`
/// is a name, `tổ chức` a verb).
fn starts_verb(words: &[&str]) -> bool {
    let tail = words.iter().take(4).copied().collect::<Vec<_>>().join(" ");
    VERBS.iter().any(|v| tail.starts_with(v) && tail[v.len()..].chars().next().is_none_or(|c| !c.is_alphabetic()))
}

/// Units named after `phối hợp với`, up to the verb that follows them.
fn partners_in(body: &str) -> Vec<String> {
    let Some(c) = PARTNERS.captures(body) else { return Vec::new() };
    let rest = c.get(1).map_or("", |m| m.as_str());
    let cut = rest.find([';', '.', ':', '(']).unwrap_or(rest.len());
    let rest = &rest[..cut];
    let words: Vec<&str> = rest.split_whitespace().collect();
    let mut end = words.len();
    for k in 1..words.len() {
        if starts_verb(&words[k..]) {
            end = k;
            break;
        }
    }
    let list = words[..end].join(" ");
    let mut out = Vec::new();
    for part in list.split([',', ';']) {
        // `X và Y` are two units when Y starts like a unit (`Ban …`), one when not (`Giáo dục và Đào tạo`).
        let mut cur = String::new();
        for (k, piece) in part.split(" và ").enumerate() {
            if k > 0 && !UNIT.is_match(piece.trim()) {
                cur.push_str(" và ");
                cur.push_str(piece);
            } else {
                if !cur.trim().is_empty() {
                    out.push(cur.trim().to_string());
                }
                cur = piece.to_string();
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur.trim().to_string());
        }
    }
    out.retain(|p| p.split_whitespace().count() <= 14 && !p.is_empty());
    out
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
    fn a_news_article_names_its_date_source_byline_and_people() {
        let text = "Ký kết chương trình phối hợp giữa hai ngành\n\n(LĐTĐ) Chiều nay (14/12), Tổng LĐLĐ Việt Nam và Bộ GDĐT ký kết \
                    Chương trình phối hợp. Chủ trì lễ ký có các ông: Nguyễn Đình Khang - Ủy viên Trung ương Đảng, Chủ tịch \
                    Tổng LĐLĐ Việt Nam; Nguyễn Kim Sơn - Bộ trưởng Bộ GDĐT.\n\nHai là, đẩy mạnh tuyên truyền.\n\nBảo Duy\n";
        let doc = Parser::new().parse_str(text).unwrap();
        let a = doc.record().article.expect("a news article");
        assert_eq!(a.published.as_deref(), Some("--12-14"));
        assert_eq!(a.source_tag.as_deref(), Some("LĐTĐ"));
        assert_eq!(a.byline.as_deref(), Some("Bảo Duy"));
        let people: Vec<(&str, &str)> = a.people.iter().map(|p| (p.name.as_str(), p.role.as_str())).collect();
        assert_eq!(
            people,
            [
                ("Nguyễn Đình Khang", "Ủy viên Trung ương Đảng, Chủ tịch Tổng LĐLĐ Việt Nam"),
                ("Nguyễn Kim Sơn", "Bộ trưởng Bộ GDĐT")
            ]
        );
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
