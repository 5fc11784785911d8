//! Rule evaluation: what each rule finds in a parsed [`Document`](crate::Document).
//!
//! In: a document. Out: raw [`Finding`]s — a rule code, where (a span of the normalized
//! text, a line, a place already in the original, or the whole document), the message,
//! expected and actual values, a suggestion, and the reason to lower the severity when the
//! finding rests on a part of the document the parser only guessed. Selection, suppression
//! and severities are applied afterwards, in [`check`](super::check).

use crate::extract::Kind;
use crate::header::Header;
use crate::outline::{Node, NodeKind, Outline};
use crate::source::{Loc, Source, Span};
use crate::vocab::{self, NumberParts, NumberStyle};
use regex::Regex;
use std::sync::LazyLock;

/// Where a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum At {
    /// The whole document.
    Document,
    /// A line of the original (1-based), no column.
    Line(usize),
    /// A span of the normalized text.
    Span(Span),
    /// A place already in the original's coordinates.
    Loc(Loc),
}

/// A finding before selection, suppression and severities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub code: &'static str,
    pub at: At,
    pub message: String,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub suggestion: Option<String>,
    /// Why the severity is one step lower than the rule's.
    pub lowered: Option<String>,
}

impl Finding {
    fn new(code: &'static str, at: At, message: impl Into<String>) -> Finding {
        Finding { code, at, message: message.into(), expected: None, actual: None, suggestion: None, lowered: None }
    }

    fn expected(mut self, s: impl Into<String>) -> Finding {
        self.expected = Some(s.into());
        self
    }

    fn actual(mut self, s: impl Into<String>) -> Finding {
        self.actual = Some(s.into());
        self
    }

    fn suggest(mut self, s: impl Into<String>) -> Finding {
        self.suggestion = Some(s.into());
        self
    }

    fn lower(mut self, reason: Option<&str>) -> Finding {
        if self.lowered.is_none() {
            self.lowered = reason.map(str::to_string);
        }
        self
    }
}

/// The style a document's header follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// Quốc hiệu, state forms (Nghị định 30/2020/NĐ-CP).
    State,
    /// `ĐẢNG CỘNG SẢN VIỆT NAM`.
    Party,
    /// A Youth Union or Women's Union header: the Party's number form, the state's markers.
    Union,
    /// No header of either kind, a Party-style number.
    PartyLike,
}

fn style(h: &Header) -> Style {
    if let Some(p) = &h.party_header {
        return if p.value.starts_with("ĐẢNG") { Style::Party } else { Style::Union };
    }
    if h.national_name.is_some() {
        return Style::State;
    }
    match h.number.as_ref().and_then(|n| n.parts.as_ref()) {
        Some(p) if p.style == NumberStyle::Party => Style::PartyLike,
        _ => Style::State,
    }
}

const NATIONAL_NAME: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
const DRAFT: &str = "the document is marked DỰ THẢO";

static NATIONAL_ANY_CASE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"(?i)^cộng\s+h(?:òa|oà)\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam$").unwrap());
static DATE_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^[nN]gày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$").unwrap());
static QH_TERM: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"(?:^|-)(?:UBTV)?QH(\d{1,2})$").unwrap());
/// Bodies that print their People's Committee above their own name.
static DEPARTMENT: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^(?:SỞ|PHÒNG|CHI CỤC)\s").unwrap());

/// Every finding about `doc`, in no particular order.
pub(crate) fn findings(doc: &crate::Document) -> Vec<Finding> {
    let p = doc.parts();
    let src = p.src;
    let mut out = Vec::new();
    decoding(&p, &mut out);
    if p.kind == Kind::Official {
        header(src, p.header, &mut out);
        closing(src, p.header, p.closing, &mut out);
    }
    outline(src, p.outline, &mut out);
    plan(src, &p, &mut out);
    citations(src, p.header, p.citations, p.kind, &mut out);
    out
}

fn decoding(p: &crate::pipeline::DocParts<'_>, out: &mut Vec<Finding>) {
    let enc = p.src.encoding().name();
    for c in p.lossy.iter().take(20) {
        out.push(
            Finding::new(
                "VB003",
                At::Line(c.line),
                format!(
                    "{enc} cannot carry toned capitals: `{}` (byte {}) may have been `{}` in the original",
                    c.decoded, c.byte_offset, c.possible
                ),
            )
            .actual(c.decoded.to_string())
            .expected(c.possible.to_string()),
        );
    }
    if p.lossy_count > 20 {
        out.push(Finding::new(
            "VB003",
            At::Document,
            format!("{} more characters the encoding could not carry for sure", p.lossy_count - 20),
        ));
    }
    if p.looks_binary {
        out.push(Finding::new(
            "VB002",
            At::Document,
            "the input looks like binary data, not a text document; the record is a best effort",
        ));
    }
    // The replacement characters of each line, to give an issue its column.
    let mut seen_on_line: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let starts = line_starts(p.src.original());
    for i in p.decode_issues {
        let k = seen_on_line.entry(i.line).or_insert(0);
        let at = replacement_at(p.src.original(), &starts, i.line, *k).map_or(At::Line(i.line), At::Loc);
        *k += 1;
        out.push(Finding::new(
            "VB001",
            at,
            format!(
                "{} byte(s) at byte offset {} (line {}) are not valid {enc}; replaced by U+FFFD",
                i.len, i.byte_offset, i.line
            ),
        ));
    }
    if p.decode_issue_count > p.decode_issues.len() {
        out.push(Finding::new(
            "VB001",
            At::Document,
            format!("{} more invalid byte sequences not listed", p.decode_issue_count - p.decode_issues.len()),
        ));
    }
    if p.encoding_confidence < 0.5 {
        out.push(
            Finding::new(
                "VB004",
                At::Document,
                format!(
                    "the encoding was detected as {enc} with low confidence ({:.2}); if the text looks wrong, give it with --encoding",
                    p.encoding_confidence
                ),
            )
            .actual(enc),
        );
    }
}

/// Byte offsets where the lines of `text` start.
fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut v = vec![0];
    for i in 0..b.len() {
        if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            v.push(i + 1);
        }
    }
    v
}

/// The place of the `k`-th U+FFFD on 1-based `line` of the original.
fn replacement_at(text: &str, starts: &[usize], line: usize, k: usize) -> Option<Loc> {
    let from = *starts.get(line.checked_sub(1)?)?;
    let to = starts.get(line).copied().unwrap_or(text.len());
    let chars = text.get(from..to)?.chars().take_while(|&c| c != '\n' && c != '\r');
    let col = chars.enumerate().filter(|(_, c)| *c == '\u{FFFD}').nth(k)?.0 + 1;
    Some(Loc { line, column: col, end_line: line, end_column: col + 1 })
}

/// The header: Quốc hiệu and Tiêu ngữ, the Party header, number, date, issuer, tên loại.
fn header(src: &Source, h: &Header, out: &mut Vec<Finding>) {
    let style = style(h);
    let draft = h.draft.is_some().then_some(DRAFT);
    // Without any of these anchors the header was located from the tên loại alone, and
    // what it lacks may only be what the parser did not see.
    let anchored = h.national_name.is_some()
        || h.motto.is_some()
        || h.party_header.is_some()
        || h.number.is_some()
        || h.received.is_some();
    let guess = (!anchored).then_some(
        "the parser found no Quốc hiệu, Party header or `Số:` line and located the header from the tên loại alone",
    );
    let mut push = |f: Finding| out.push(f.lower(guess));

    // Quốc hiệu and Tiêu ngữ (state documents).
    if style == Style::State {
        match h.national_name {
            Some(span) => {
                let text = src.slice(span).split_whitespace().collect::<Vec<_>>().join(" ");
                if text.replace("HOÀ", "HÒA") != NATIONAL_NAME {
                    push(
                        Finding::new(
                            "VB131",
                            At::Span(span),
                            format!("the Quốc hiệu reads `{text}`, not `{NATIONAL_NAME}`"),
                        )
                        .actual(text)
                        .expected(NATIONAL_NAME),
                    );
                }
            }
            None => {
                if let Some(span) = lower_case_national_name(src, doc_lines_head(src, h)) {
                    let text = src.slice(span).to_string();
                    push(
                        Finding::new(
                            "VB131",
                            At::Span(span),
                            format!("the Quốc hiệu is printed as `{text}`; it is printed in capitals"),
                        )
                        .actual(text)
                        .expected(NATIONAL_NAME),
                    );
                } else if h.motto.is_none() {
                    push(Finding::new(
                        "VB130",
                        At::Document,
                        format!("the document has neither the Quốc hiệu (`{NATIONAL_NAME}`) nor the Tiêu ngữ"),
                    ));
                } else {
                    push(Finding::new(
                        "VB130",
                        h.motto.map_or(At::Document, At::Span),
                        format!("the Tiêu ngữ has no Quốc hiệu (`{NATIONAL_NAME}`) above it"),
                    ));
                }
            }
        }
        match (h.national_name, h.motto) {
            (Some(n), None) => push(Finding::new(
                "VB132",
                At::Span(n),
                format!("the Quốc hiệu is not followed by the Tiêu ngữ `{MOTTO}`"),
            )),
            (_, Some(m)) => {
                let text = src.slice(m).trim();
                let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if folded != MOTTO {
                    push(
                        Finding::new("VB133", At::Span(m), format!("the Tiêu ngữ reads `{folded}`, not `{MOTTO}`"))
                            .actual(folded)
                            .expected(MOTTO),
                    );
                }
            }
            _ => {}
        }
    }

    // Number.
    match (&h.number, &h.received) {
        (None, Some(r)) => push(
            Finding::new(
                "VB101",
                At::Span(r.span),
                format!(
                    "the document has no number of its own (`Số: …`); the number on the received stamp ({}) is the receiving office's, not the document's",
                    r.number.as_deref().unwrap_or("blank")
                ),
            )
            .lower(draft),
        ),
        (None, None) => {
            push(Finding::new("VB101", At::Document, "the document has no number (`Số: …`)").lower(draft))
        }
        (Some(n), _) => number(h, n, style, draft, &mut push),
    }

    // Date and place. The date of issue stands above the tên loại; a date found below it
    // is one of the text's, which the header parser took for want of a better one.
    let date = issue_date(h);
    if let (Some(d), None) = (&h.date, date) {
        push(
            Finding::new(
                "VB110",
                At::Document,
                format!(
                    "no date of issue (`…, ngày … tháng … năm …`) was found in the header; `{}` on line {} comes after the tên loại and is taken to be a date of the text",
                    d.text,
                    src.line_of(d.span)
                ),
            )
            .lower(draft),
        );
    }
    match date {
        None if h.date.is_some() => {}
        None => push(
            Finding::new("VB110", At::Document, "no date of issue (`…, ngày … tháng … năm …`) was found").lower(draft),
        ),
        Some(d) => {
            if !d.parts.is_valid() {
                push(
                    Finding::new("VB111", At::Span(d.span), format!("`{}` is not a date of the calendar", d.text))
                        .actual(d.text.clone()),
                );
            } else if d.parts.precision() != Some("day") {
                let note = if draft.is_some() { " (a draft: the date is written on signing)" } else { "" };
                push(Finding::new(
                    "VB112",
                    At::Span(d.span),
                    format!("the date `{}` is incomplete: only what is printed is kept{note}", d.text),
                ));
            } else if style == Style::State {
                date_form(d, &mut push);
            }
            if h.place.is_none() {
                push(Finding::new(
                    "VB115",
                    At::Span(d.span),
                    format!("the date `{}` has no place name (địa danh) before it", d.text),
                ));
            }
        }
    }

    // Issuer.
    match &h.issuer {
        None => {
            push(Finding::new("VB120", At::Document, "no issuing body (cơ quan ban hành) was found above the number"))
        }
        Some(i) if h.parent.is_none() && style == Style::State && DEPARTMENT.is_match(&i.value) => push(
            Finding::new(
                "VB123",
                At::Span(i.span),
                format!("`{}` is a department: its parent body (cơ quan chủ quản) is printed above it", i.value),
            )
            .suggest(format!("print the parent body (`ỦY BAN NHÂN DÂN …`) on the line above `{}`", i.value)),
        ),
        Some(_) => {}
    }

    // Tên loại and trích yếu.
    match (&h.doc_type, &h.title) {
        (None, None) => push(Finding::new("VB121", At::Document, "neither a tên loại nor a `V/v` trích yếu was found")),
        (Some(t), None) => push(Finding::new(
            "VB122",
            At::Span(t.span),
            format!("the tên loại `{}` is not followed by a trích yếu", t.value),
        )),
        _ => {}
    }

    // Party documents.
    if style == Style::PartyLike {
        if let Some(n) = &h.number {
            push(Finding::new(
                "VB140",
                At::Span(n.span),
                format!(
                    "the number `{}` is in the Party style, but the header has neither `ĐẢNG CỘNG SẢN VIỆT NAM` (or a Đoàn header) nor the Quốc hiệu",
                    n.text
                ),
            ));
        }
    }
}

/// The date of issue: the header's date when it stands above the tên loại.
fn issue_date(h: &Header) -> Option<&crate::header::Date> {
    h.date.as_ref().filter(|d| h.doc_type.as_ref().is_none_or(|t| d.span.start < t.span.start))
}

/// The lines the header spans, as a range of the normalized text (for the lower-case Quốc
/// hiệu, which the header parser does not take for one).
fn doc_lines_head(src: &Source, h: &Header) -> std::ops::Range<usize> {
    let end = h.date.as_ref().map(|d| d.span.end).or(h.doc_type.as_ref().map(|t| t.span.start));
    0..end.unwrap_or(src.text().len().min(4000))
}

fn lower_case_national_name(src: &Source, range: std::ops::Range<usize>) -> Option<Span> {
    let text = src.text();
    let mut end = range.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut off = 0;
    for line in text[..end].split('\n') {
        let t = line.trim();
        if NATIONAL_ANY_CASE.is_match(t) {
            let s = off + (line.len() - line.trim_start().len());
            return Some(Span::new(s, s + t.len()));
        }
        off += line.len() + 1;
    }
    None
}

fn number(h: &Header, n: &crate::header::Number, style: Style, draft: Option<&str>, push: &mut dyn FnMut(Finding)) {
    let at = At::Span(n.span);
    let Some(parts) = &n.parts else {
        let expected = match style {
            Style::State => "số/LOẠI-CƠ QUAN (05/KH-UBND), or số/CƠ QUAN-ĐƠN VỊ for a công văn (12/UBND-VX)",
            _ => "số-LOẠI/CƠ QUAN (15-NQ/TU)",
        };
        push(
            Finding::new("VB102", at, format!("the number `{}` follows no known pattern", n.text))
                .actual(n.text.clone())
                .expected(expected),
        );
        return;
    };
    let seq = parts.seq.map(|_| format!("{}{}", seq_digits(&n.text), parts.suffix.as_deref().unwrap_or("")));
    if n.text.chars().any(char::is_whitespace) {
        let tight: String = n.text.chars().filter(|c| !c.is_whitespace()).collect();
        push(
            Finding::new("VB102", at, format!("the number `{}` has spaces inside it", n.text))
                .actual(n.text.clone())
                .expected(tight.clone())
                .suggest(format!("write `Số: {tight}`")),
        );
    }
    let state_form = |p: &NumberParts, seq: &str| -> Option<String> {
        Some(format!("{seq}/{}-{}", p.type_code.as_deref()?, p.issuer_code.as_deref()?))
    };
    let party_form = |p: &NumberParts, seq: &str| -> Option<String> {
        Some(format!("{seq}-{}/{}", p.type_code.as_deref()?, p.issuer_code.as_deref()?))
    };
    match style {
        Style::State if parts.style == NumberStyle::Party => {
            let mut f = Finding::new(
                "VB102",
                at,
                format!(
                    "the number `{}` is written in the Party style (`số-LOẠI/CƠ QUAN`) in a state document",
                    n.text
                ),
            )
            .actual(n.text.clone());
            if let Some(e) = seq.as_deref().and_then(|s| state_form(parts, s)) {
                f = f.suggest(format!("write `Số: {e}`")).expected(e);
            }
            push(f);
        }
        Style::Party | Style::Union
            if matches!(
                parts.style,
                NumberStyle::Administrative | NumberStyle::Letter | NumberStyle::LegalNormative
            ) =>
        {
            let mut f = Finding::new(
                "VB141",
                at,
                format!(
                    "the number `{}` is written in the state form; a Party document writes `số-LOẠI/CƠ QUAN`",
                    n.text
                ),
            )
            .actual(n.text.clone())
            .expected("số-LOẠI/CƠ QUAN");
            if let Some(e) = seq.as_deref().and_then(|s| party_form(parts, s)).filter(|_| parts.year.is_none()) {
                f = f.suggest(format!("write `Số {e}`")).expected(e);
            }
            push(f);
        }
        _ => {}
    }
    // A document with a tên loại is no công văn: the first group of a number read in the
    // công văn's shape (`15/KHH-SYT`) stands where its type code should be.
    let typed = h.doc_type_info.is_some_and(|i| i.code.is_some());
    if let (NumberStyle::Letter, true, Some(first), Some(info)) =
        (parts.style, typed, parts.issuer_code.as_deref(), h.doc_type_info)
    {
        let own = code_of_type(style, info).unwrap_or("?");
        let mut f = Finding::new(
            "VB103",
            at,
            format!("the number `{}` has no type code of a {}: `{first}` is not in the official table (Nghị định 30/2020/NĐ-CP, Phụ lục III)", n.text, info.name),
        )
        .actual(first.to_string())
        .expected(own);
        if let (Some(s), Some(unit)) = (&seq, parts.unit_code.as_deref()) {
            f = f.suggest(format!("write `{s}/{own}-{unit}` if `{first}` is a misspelt `{own}`"));
        }
        push(f);
    }
    if let Some(code) = &parts.type_code {
        if !vocab::is_type_code(code) {
            push(
                Finding::new(
                    "VB103",
                    at,
                    format!(
                        "the type code `{code}` is not in the official table (Nghị định 30/2020/NĐ-CP, Phụ lục III)"
                    ),
                )
                .actual(code.clone())
                .expected(
                    h.doc_type_info.and_then(|i| code_of_type(style, i)).unwrap_or("a code of Phụ lục III").to_string(),
                ),
            );
        } else if let (Some(info), Some(code_name)) = (h.doc_type_info, name_of_code(style, code)) {
            let same = code_name == info.name
                || style == Style::State
                    && vocab::DOC_TYPES.iter().any(|t| t.code == Some(code.as_str()) && t.name == info.name);
            if let (Some(own), false) = (code_of_type(style, info), same) {
                let mut f = Finding::new(
                    "VB104",
                    at,
                    format!("the type code `{code}` is for {code_name}, but the document is a {}", info.name),
                )
                .actual(code.clone())
                .expected(own);
                if let Some(s) = &seq {
                    let fixed = match parts.style {
                        NumberStyle::Party => {
                            party_form(&NumberParts { type_code: Some(own.into()), ..parts.clone() }, s)
                        }
                        _ if parts.year.is_none() => {
                            state_form(&NumberParts { type_code: Some(own.into()), ..parts.clone() }, s)
                        }
                        _ => None,
                    };
                    if let Some(fixed) = fixed {
                        f = f.suggest(format!("write `{fixed}`"));
                    }
                }
                push(f);
            }
        }
    }
    match parts.seq {
        None => {
            let note = if draft.is_some() { " (the document is marked DỰ THẢO)" } else { ": a draft?" };
            push(Finding::new("VB105", at, format!("the number `{}` has no sequence{note}", n.text)));
        }
        Some(s) if (1..10).contains(&s) && style == Style::State && seq_digits(&n.text).len() == 1 => {
            let fixed = format!("0{}", n.text.trim_start());
            push(
                Finding::new(
                    "VB107",
                    at,
                    format!("the number `{}` is below 10 and is written without a leading zero", n.text),
                )
                .actual(n.text.clone())
                .expected(fixed.clone())
                .suggest(format!("write `Số: {fixed}`")),
            );
        }
        _ => {}
    }
    if let (Some(y), Some(dy)) = (parts.year, issue_date(h).and_then(|d| d.parts.year)) {
        if i64::from(y) != i64::from(dy) {
            push(
                Finding::new(
                    "VB108",
                    at,
                    format!("the number `{}` carries the year {y}, but the document is dated {dy}", n.text),
                )
                .actual(y.to_string())
                .expected(dy.to_string()),
            );
        }
    }
    if let Some(f) = term_mismatch(&n.text, parts, at) {
        push(f);
    }
}

/// Codes the Party gives other types than the state's table does (Quy định 66-QĐ/TW).
const PARTY_CODES: [(&str, &str); 3] = [("QĐ", "Quy định"), ("QĐi", "Quyết định"), ("TT", "Thông tri")];

/// The type a code stands for in the document's style.
fn name_of_code(style: Style, code: &str) -> Option<&'static str> {
    if style != Style::State {
        if let Some((_, name)) = PARTY_CODES.iter().find(|(c, _)| *c == code) {
            return Some(name);
        }
    }
    vocab::doc_type_by_code(code).map(|t| t.name)
}

/// The code of a type in the document's style.
fn code_of_type(style: Style, info: &vocab::DocTypeInfo) -> Option<&'static str> {
    if style != Style::State {
        if let Some((code, _)) = PARTY_CODES.iter().find(|(_, n)| *n == info.name) {
            return Some(code);
        }
    }
    info.code
}

/// The digits the sequence is printed with (`05` of `05/KH-UBND`).
fn seq_digits(text: &str) -> &str {
    let t = text.trim_start();
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    &t[..n]
}

/// `ngày DD tháng M năm YYYY` with the decree's leading zeros (state documents).
fn date_form(d: &crate::header::Date, push: &mut dyn FnMut(Finding)) {
    let (Some(day), Some(month), Some(year)) = (d.parts.day, d.parts.month, d.parts.year) else { return };
    let want_day = format!("{day:02}");
    let want_month = if month <= 2 { format!("{month:02}") } else { month.to_string() };
    let expected = format!("ngày {want_day} tháng {want_month} năm {year}");
    let folded = d.text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(c) = DATE_DIGITS.captures(&folded) else {
        push(
            Finding::new(
                "VB113",
                At::Span(d.span),
                format!("the date `{}` is not written `ngày DD tháng M năm YYYY`", d.text),
            )
            .actual(d.text.clone())
            .expected(expected.clone())
            .suggest(format!("write `{expected}`")),
        );
        return;
    };
    let (pd, pm) = (c.get(1).map_or("", |m| m.as_str()), c.get(2).map_or("", |m| m.as_str()));
    if pd != want_day || pm != want_month {
        let mut what = Vec::new();
        if pd != want_day {
            what.push(if pd.len() < want_day.len() {
                "the day needs a leading zero"
            } else {
                "the day has one zero too many"
            });
        }
        if pm != want_month {
            what.push(if pm.len() < want_month.len() {
                "months 1 and 2 take a leading zero"
            } else {
                "months 3 to 12 take no leading zero"
            });
        }
        push(
            Finding::new("VB114", At::Span(d.span), format!("in the date `{folded}`, {}", what.join(" and ")))
                .actual(folded.clone())
                .expected(expected.clone())
                .suggest(format!("write `{expected}`")),
        );
    }
}

/// Signature blocks and `Nơi nhận`.
fn closing(src: &Source, h: &Header, c: &crate::closing::Closing, out: &mut Vec<Finding>) {
    let style = style(h);
    let draft = h.draft.is_some().then_some(DRAFT);
    if c.signatories.is_empty() {
        out.push(Finding::new("VB401", At::Document, "no signature block was found").lower(draft));
    }
    for s in &c.signatories {
        let guessed = s
            .authority
            .is_none()
            .then_some("the parser took this block from capitalised lines without an authority marker (TM., KT., …)");
        let label = s.position.as_deref().or(s.on_behalf_of.as_deref()).unwrap_or("?");
        if s.name.is_none() {
            out.push(
                Finding::new("VB402", At::Span(s.span), format!("the signature block `{label}` has no name"))
                    .lower(draft)
                    .lower(guessed),
            );
        }
        // Party documents signed `T/M BỘ CHÍNH TRỊ` by a leadership body carry no position line.
        if s.position.is_none() && style != Style::Party {
            out.push(
                Finding::new(
                    "VB404",
                    At::Span(s.span),
                    format!("the signature block `{}` has no position (chức vụ) before the name", label),
                )
                .lower(guessed),
            );
        }
        if let Some((printed, span)) = printed_marker(src, s.span) {
            let stem = printed.trim_end_matches(['.', ':']).replace(['/', '.'], "");
            match style {
                Style::Party => {
                    if !["T/M", "K/T", "T/L"].contains(&printed.as_str()) {
                        let want = match stem.as_str() {
                            "TM" => Some("T/M"),
                            "KT" => Some("K/T"),
                            "TL" => Some("T/L"),
                            _ => None,
                        };
                        let mut f = Finding::new(
                            "VB142",
                            At::Span(span),
                            format!("`{printed}` is a state authority marker; Party documents sign with `T/M`, `K/T` or `T/L`"),
                        )
                        .actual(printed.clone());
                        if let Some(w) = want {
                            f = f.expected(w).suggest(format!("write `{w}`"));
                        }
                        out.push(f);
                    }
                }
                Style::State | Style::Union => {
                    if !["TM.", "KT.", "TL.", "TUQ.", "Q."].contains(&printed.as_str()) {
                        let want = format!("{stem}.");
                        out.push(
                            Finding::new(
                                "VB403",
                                At::Span(span),
                                format!(
                                    "`{printed}` is not one of the authority markers `TM.`, `KT.`, `TL.`, `TUQ.`, `Q.`"
                                ),
                            )
                            .actual(printed.clone())
                            .expected(want.clone())
                            .suggest(format!("write `{want}`")),
                        );
                    }
                }
                Style::PartyLike => {}
            }
        }
    }
    match c.recipients_label {
        None => out.push(Finding::new("VB410", At::Document, "no `Nơi nhận:` list was found")),
        Some(label) => {
            if !c.recipients.iter().any(|r| r.0.starts_with("Lưu")) {
                out.push(
                    Finding::new("VB411", At::Span(label), "the `Nơi nhận:` list has no `Lưu: …` item")
                        .suggest("end the list with `- Lưu: VT, <drafting unit>.`"),
                );
            }
        }
    }
}

/// The authority marker of a block as printed (`TM.`, `T/M`, `TM`), and where it stands.
fn printed_marker(src: &Source, block: Span) -> Option<(String, Span)> {
    let text = src.slice(block);
    let mut off = block.start;
    for line in text.split('\n') {
        if let Some(c) = vocab::AUTHORITY.captures(line) {
            let rest = c.get(2).map_or("", |m| m.as_str());
            let authority =
                rest.chars().next().is_some_and(char::is_uppercase) && !rest.chars().any(char::is_lowercase);
            if authority {
                let m = c.get(1)?;
                let stop = line[m.end()..].starts_with(['.', ':']);
                let end = m.end() + usize::from(stop);
                return Some((line[..end].to_string(), Span::new(off, off + end)));
            }
        }
        off += line.len() + 1;
    }
    None
}

/// Gaps, duplicates and order breaks found by the outline.
fn outline(src: &Source, o: &Outline, out: &mut Vec<Finding>) {
    if o.findings.is_empty() {
        return;
    }
    let by_span: std::collections::HashMap<Span, usize> =
        o.nodes.iter().enumerate().rev().map(|(i, n)| (n.span, i)).collect();
    for f in &o.findings {
        let node = by_span.get(&f.span).copied();
        if node.is_some_and(|i| numbered_on(o, i, f.code)) {
            continue;
        }
        let wrapped = node.and_then(|i| {
            let n = &o.nodes[i];
            let prev = previous_sibling(o, i);
            [Some(n), prev].into_iter().flatten().find(|x| wrapped_number(src, x))
        });
        let node = node.map(|i| &o.nodes[i]);
        let span = node.map_or(f.span, |n| marker_span(src, n));
        let guess = node
            .and_then(|n| ambiguous_marker(n))
            .map(|l| format!("`{l}.` may be a letter or a Roman numeral, and the parser guessed which"))
            .or_else(|| {
                wrapped.map(|w| {
                    format!("`{}.` stands alone after a word that takes a number: it may end a wrapped sentence rather than be an item", w.label)
                })
            });
        let mut finding = Finding::new(f.code, At::Span(span), f.message.clone()).lower(guess.as_deref());
        if let Some(n) = node {
            finding = finding.actual(n.label.clone());
            if f.code == "VB201" {
                if let Some(missing) = f.message.split("; ").nth(1) {
                    let missing = missing.trim_end_matches(" is missing").trim_end_matches(" are missing");
                    finding = finding.expected(missing.replace('`', ""));
                }
            }
        }
        out.push(finding);
    }
}

/// True when a numbering finding of the outline is no finding: articles numbered on
/// across chapters (`Điều 5` opens Chương II after `Điều 4`), or two enumerations of
/// different styles (`Một là …` then `Thứ nhất …`) taken for one.
fn numbered_on(o: &Outline, i: usize, code: &str) -> bool {
    let n = &o.nodes[i];
    match (n.kind, code) {
        (NodeKind::Article, "VB203") => {
            let prev = o.nodes[..i].iter().rev().find(|x| x.kind == NodeKind::Article);
            prev.and_then(|p| p.number).zip(n.number).is_some_and(|(p, v)| p + 1 == v)
        }
        (NodeKind::Ordinal, "VB201" | "VB202" | "VB205") => {
            let siblings = n.parent.map_or(&o.roots, |p| &o.nodes[p].children);
            let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
            let prev = siblings[..at].iter().rev().map(|&s| &o.nodes[s]).find(|x| x.kind == NodeKind::Ordinal);
            // `Thứ nhất` gives the label `nhất`, `Một là` gives `Một`.
            let thu = |x: &Node| x.label.chars().next().is_some_and(char::is_lowercase);
            prev.is_some_and(|p| thu(p) != thu(n))
        }
        _ => false,
    }
}

/// The sibling before node `i` with the same kind of marker.
fn previous_sibling(o: &Outline, i: usize) -> Option<&Node> {
    let n = &o.nodes[i];
    let siblings = n.parent.map_or(&o.roots, |p| &o.nodes[p].children);
    let at = n.pos.min(siblings.len());
    siblings[..at].iter().rev().map(|&s| &o.nodes[s]).find(|x| x.key == n.key)
}

/// Words after which a number at the start of the next line continues the sentence
/// (`… ngày 31 tháng` / `12.`).
const TAKES_NUMBER: &[&str] = &["tháng", "ngày", "năm", "số", "khoản", "điểm", "điều", "mục", "chương", "phần", "lần"];

/// `12.` alone on its line after `… tháng`: a sentence wrapped by a PDF, not an item.
fn wrapped_number(src: &Source, n: &Node) -> bool {
    let first = src.slice(n.span).split('\n').next().unwrap_or("").trim();
    let bare = first.strip_suffix('.').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let before = src.text()[..n.span.start.min(src.text().len())].trim_end();
    let last = before.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
    bare && n.kind == NodeKind::Arabic && TAKES_NUMBER.contains(&last.as_str())
}

/// The marker of a node (`III.` of `III. NHIỆM VỤ`), or its first line.
fn marker_span(src: &Source, n: &Node) -> Span {
    let line_end = src.slice(n.span).find('\n').map_or(n.span.end, |i| n.span.start + i);
    let end = if n.rest > n.span.start && n.rest <= line_end { n.rest } else { line_end };
    let text = &src.text()[n.span.start..end];
    Span::new(n.span.start, n.span.start + text.trim_end().len())
}

/// `C.` or `I.` read as a Roman numeral or a letter: the parser's guess.
fn ambiguous_marker(n: &Node) -> Option<&str> {
    let roman_letter = n.label.len() == 1 && "IVXLCDM".contains(n.label.as_str());
    let doubtful = match n.kind {
        NodeKind::Roman => n.number.is_some_and(|v| v >= 40),
        NodeKind::Letter => n.key == "upper" && roman_letter,
        _ => false,
    };
    doubtful.then_some(n.label.as_str())
}

/// What the text announces (`6 nội dung phối hợp`) against the enumeration that follows.
fn plan(src: &Source, p: &crate::pipeline::DocParts<'_>, out: &mut Vec<Finding>) {
    let Some((n, span)) = p.plan.and_then(|pl| pl.announced) else { return };
    let o = p.outline;
    let ords: Vec<u32> = o.nodes.iter().filter(|x| x.kind == NodeKind::Ordinal).filter_map(|x| x.number).collect();
    let (count, guess) = if let Some(&max) = ords.iter().max() {
        (max, None)
    } else {
        // The items of the first heading after the announcement that names the same thing.
        let said = src.slice(span).to_lowercase();
        let noun = ["nội dung", "nhiệm vụ", "giải pháp", "hoạt động"].into_iter().find(|w| said.contains(w));
        let Some(noun) = noun else { return };
        let heading = o.nodes.iter().find(|x| {
            x.span.start > span.start
                && x.kind.is_structural()
                && x.title.as_deref().is_some_and(|t| t.to_lowercase().contains(noun))
                && !x.children.is_empty()
        });
        let Some(heading) = heading else { return };
        let first_key = &o.nodes[heading.children[0]].key;
        let max = heading
            .children
            .iter()
            .map(|&c| &o.nodes[c])
            .filter(|c| &c.key == first_key)
            .filter_map(|c| c.number)
            .max();
        let Some(max) = max else { return };
        let title = heading.title.as_deref().unwrap_or("");
        (max, Some(format!("the parser took the items under `{}. {title}` to be the ones announced", heading.label)))
    };
    let f = if count != n {
        Finding::new(
            "VB301",
            At::Span(span),
            format!("the text announces {n} items but its enumeration reaches {count}"),
        )
        .expected(n.to_string())
        .actual(count.to_string())
    } else {
        Finding::new(
            "VB300",
            At::Span(span),
            format!("the text announces {n} items and its enumeration reaches {count}"),
        )
    };
    out.push(f.lower(guess.as_deref()));
}

/// The National Assembly term at the end of an issuer code (`QH13`, `UBTVQH14`).
fn qh_term(issuer: &str) -> Option<u32> {
    QH_TERM.captures(issuer).and_then(|c| c.get(1)).and_then(|m| m.as_str().parse().ok())
}

/// The years a term covers, `None` for a term whose dates are not in the table.
fn term_years(term: u32) -> Option<(i32, Option<i32>)> {
    match term {
        13 => Some((2011, Some(2016))),
        14 => Some((2016, Some(2021))),
        15 => Some((2021, Some(2026))),
        16 => Some((2026, None)),
        _ => None,
    }
}

fn term_mismatch(text: &str, parts: &NumberParts, at: At) -> Option<Finding> {
    let year = i32::try_from(parts.year?).ok()?;
    let term = qh_term(parts.issuer_code.as_deref()?)?;
    let (from, to) = term_years(term)?;
    if year >= from && to.is_none_or(|t| year <= t) {
        return None;
    }
    let fits: Vec<String> = (13..=16)
        .filter(|&t| term_years(t).is_some_and(|(f, e)| year >= f && e.is_none_or(|e| year <= e)))
        .map(|t| format!("QH{t}"))
        .collect();
    let span = match to {
        Some(t) => format!("{from}–{t}"),
        None => format!("from {from}"),
    };
    let mut f =
        Finding::new("VB502", at, format!("`{text}`: the year {year} is not in the term of `QH{term}` ({span})"))
            .actual(format!("QH{term}"));
    if !fits.is_empty() {
        let fixed = text.replace(&format!("QH{term}"), &fits[0]);
        f = f.expected(fits.join(" or ")).suggest(format!("write `{fixed}`"));
    }
    Some(f)
}

/// Cited numbers that lack their year, and law numbers of the wrong term.
fn citations(src: &Source, h: &Header, cites: &[crate::extract::Citation], kind: Kind, out: &mut Vec<Finding>) {
    let _ = (src, h, kind);
    for c in cites {
        let at = At::Span(c.span);
        let Some(parts) = vocab::parse_number(&c.number) else { continue };
        let decree_like = parts.style == NumberStyle::Administrative
            && parts.type_code.as_deref().is_some_and(|t| matches!(t, "NĐ" | "TT" | "TTLT"));
        let law_like = parts.year.is_none() && parts.issuer_code.as_deref().and_then(qh_term).is_some();
        if decree_like || law_like {
            let year = c.date.and_then(|d| d.year);
            let seq = seq_digits(&c.number);
            let tail = c.number[c.number.find('/').map_or(0, |i| i + 1)..].to_string();
            let what =
                if law_like { "a law number carries its year" } else { "a legal-normative number carries its year" };
            let mut f = Finding::new("VB501", at, format!("the cited number `{}` has no year: {what}", c.number))
                .actual(c.number.clone())
                .expected(format!("{seq}/YYYY/{tail}"));
            if let (Some(y), false) = (year, seq.is_empty()) {
                let fixed = format!("{seq}/{y}/{tail}");
                f = f.suggest(format!("write `{fixed}` (the year of its date)"));
            }
            out.push(f);
        }
        if let Some(f) = term_mismatch(&c.number, &parts, at) {
            out.push(f);
        }
    }
}
