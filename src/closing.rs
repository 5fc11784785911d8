//! Stage 5, closing: signature blocks and `Nơi nhận` at the end of an official document.
//!
//! In: the [`Source`], its [`Lines`] and where the body starts. Out: a [`Closing`] — where
//! the body ends, the [`Signatory`] blocks in reading order and the recipients.
//!
//! A block is: authority lines (`TM.`, `KT.`, `TL.`, `TUQ.`, `Q.`, Party `T/M`, `K/T`,
//! `T/L`), or the organisation line of a joint program's block; then position lines; then
//! signed marks (`(Đã ký)`); then the name. Blocks may stand before or after `Nơi nhận`
//! and on either side of it (a flattened two-column layout). A wrapped line is joined to
//! its block line when it carries no position of its own (`T/M BỘ CHÍNH` / `TRỊ`).

use crate::header::clean_item;
use crate::lines::{Line, Lines};
use crate::source::{Source, Span};
use crate::vocab;
use regex::Regex;
use std::sync::LazyLock;

/// One signature block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signatory {
    /// The first authority marker (`TM.`, `KT.`, `T/M`, …), if any.
    pub authority: Option<String>,
    /// Further markers stacked under the first (`KT.` under `TL.`).
    pub more_authorities: Vec<String>,
    /// The body or organisation line of the block.
    pub on_behalf_of: Option<String>,
    /// The last position line before the name.
    pub position: Option<String>,
    /// The signer's name, without `(Đã ký)`.
    pub name: Option<String>,
    /// A `(Đã ký)` or similar mark was printed.
    pub signed_mark: bool,
    /// The whole block.
    pub span: Span,
}

/// The closing part of a document.
#[derive(Debug, Clone, Default)]
pub struct Closing {
    /// Index of the first closing line (the end of the body).
    pub start: usize,
    /// Index one past the last closing line.
    pub end: usize,
    /// Signature blocks, in reading order.
    pub signatories: Vec<Signatory>,
    /// `Nơi nhận` items, in order, as `(text, span)`.
    pub recipients: Vec<(String, Span)>,
    /// The `Nơi nhận:` line.
    pub recipients_label: Option<Span>,
}

static NOI_NHAN: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"(?i)^n[oơ]i\s*nh[aậ]n\s*:?\s*(.*)$").unwrap());
static SIGNED: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?i)^(?:[(\[]\s*(?:đã\s+)?(?:ký|kí)\b[^)\]]*[)\]]|(?:đã\s+)?(?:ký|kí)(?:\s+tên)?|signed|\[?daky\]?|chữ ký số)\.?$").unwrap()
});
static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(PHỤ LỤC|Phụ lục\s+[IVX\d]|MẪU|DANH MỤC|DANH SÁCH|CỘNG HÒA XÃ HỘI)").unwrap()
});

/// Finds the closing part of the document between `body_start` and the end.
pub fn parse(src: &Source, lines: &Lines, body_start: usize) -> Closing {
    let l = lines.all();
    let text = |i: usize| src.slice(l[i].span);
    let n = l.len();
    let mut c = Closing { start: n, end: n, ..Default::default() };
    // The first `Nơi nhận` or authority line after the body start.
    let nn = (body_start..n).find(|&i| NOI_NHAN.is_match(text(i)) && text(i).chars().count() < 400);
    let auth = (body_start..n).find(|&i| is_authority_line(text(i)) && l[i].chars < 120);
    // Without either: a position line over a name near the end (`THỦ TƯỚNG` / `Lê Minh Hưng`).
    let bare = || {
        let from = n.saturating_sub(20).max(body_start);
        (from..n)
            .rev()
            .find(|&i| {
                vocab::is_person_name(text(i))
                    && (i.saturating_sub(3).max(from)..i).any(|k| l[k].upper && vocab::is_position(text(k)))
            })
            .and_then(|i| (i.saturating_sub(3).max(from)..i).find(|&k| l[k].upper && vocab::is_position(text(k))))
    };
    let mut start = match (nn, auth) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => match a.or(b).or_else(bare) {
            Some(s) => s,
            None => return c,
        },
    };
    // Lines just above belong to it when they are block lines (a joint program's block
    // without marker, or a name above a `Nơi nhận` on the right).
    while start > body_start {
        let p = start - 1;
        let t = text(p);
        if (l[p].upper && l[p].chars <= 80 && !is_heading_marker(t)) || SIGNED.is_match(t) || vocab::is_person_name(t) {
            start = p;
        } else {
            break;
        }
    }
    c.start = start;
    let mut i = start;
    let mut in_recipients = false;
    let mut recipients_done = false;
    let mut item_open = false;
    while i < n {
        let t = text(i);
        if let Some(cap) = NOI_NHAN.captures(t) {
            if recipients_done && !c.signatories.is_empty() {
                break;
            }
            c.recipients_label = Some(l[i].span);
            in_recipients = true;
            item_open = false;
            let rest = cap.get(1).map_or("", |m| m.as_str()).trim();
            if !rest.is_empty() {
                let off = l[i].span.end - rest.len();
                push_item(&mut c, rest, Span::new(off, l[i].span.end), &mut item_open);
            }
            i += 1;
            continue;
        }
        if i > start && APPENDIX.is_match(t) && l[i].upper {
            break;
        }
        if is_authority_line(t) || (l[i].upper && !in_recipients_item(t, in_recipients)) {
            if in_recipients {
                in_recipients = false;
                recipients_done = true;
            }
            match read_block(src, l, i) {
                Some((sig, next)) => {
                    c.signatories.push(sig);
                    i = next;
                    continue;
                }
                None => {
                    if c.signatories.is_empty() && !recipients_done && c.recipients.is_empty() {
                        i += 1;
                        continue;
                    }
                    break;
                }
            }
        }
        if in_recipients {
            // An item list ends with the item that ends in a period.
            push_item(&mut c, t, l[i].span, &mut item_open);
            if t.ends_with('.') && !t.ends_with("..") && (vocab::is_item(text(i)) || !item_open || t.contains("Lưu")) {
                in_recipients = false;
                recipients_done = true;
            }
            i += 1;
            continue;
        }
        if SIGNED.is_match(t) || vocab::is_person_name(t) {
            // A name or mark left over from a block split by the layout.
            if let Some(last) = c.signatories.last_mut() {
                if last.name.is_none() && vocab::is_person_name(t) {
                    last.name = Some(t.to_string());
                    last.span = last.span.cover(l[i].span);
                }
            }
            i += 1;
            continue;
        }
        break;
    }
    c.end = i;
    for r in &mut c.recipients {
        r.0 = clean_item(&r.0);
    }
    c.recipients.retain(|r| !r.0.is_empty());
    c
}

/// A line in a recipients list that is in capitals (`- UBND tỉnh;`, `NHNNVN;`) is an item,
/// not a signature line, when it carries list punctuation.
fn in_recipients_item(t: &str, in_recipients: bool) -> bool {
    in_recipients
        && (vocab::is_item(t) || t.ends_with([';', ',', '.']) || !vocab::is_position(t) && !vocab::starts_body(t))
}

fn push_item(c: &mut Closing, t: &str, span: Span, open: &mut bool) {
    let dashed = vocab::is_item(t);
    if clean_item(t).is_empty() {
        return;
    }
    if !dashed && *open {
        if let Some(last) = c.recipients.last_mut() {
            // Join the raw lines, then clean: commas inside the item stay.
            let raw = format!("{} {}", last.0, t.trim());
            last.0 = raw;
            last.1 = last.1.cover(span);
            *open = !t.ends_with([';', '.']);
            return;
        }
    }
    c.recipients.push((t.trim().to_string(), span));
    *open = !t.ends_with([';', '.']);
}

fn is_authority_line(t: &str) -> bool {
    // A marker alone on its line (`TL.`), its body on the next.
    if matches!(t.trim(), "TM." | "KT." | "TL." | "TUQ." | "Q." | "T/M" | "K/T" | "T/L") {
        return true;
    }
    vocab::AUTHORITY.captures(t).is_some_and(|c| {
        let rest = c.get(2).map_or("", |m| m.as_str());
        rest.chars().next().is_some_and(|ch| ch.is_uppercase()) && !rest.chars().any(char::is_lowercase)
    })
}

fn is_heading_marker(t: &str) -> bool {
    let b = t.as_bytes();
    (b.first().is_some_and(u8::is_ascii_digit) && t.contains('.'))
        || t.starts_with("Điều ")
        || t.starts_with("Chương ")
        || t.starts_with(['I', 'V', 'X']) && t.split_whitespace().next().is_some_and(|w| w.ends_with(['.', '-']))
}

/// Reads one signature block starting at line `i`; returns it and the next line index.
fn read_block(src: &Source, l: &[Line], i: usize) -> Option<(Signatory, usize)> {
    let text = |k: usize| src.slice(l[k].span);
    let mut sig = Signatory { span: l[i].span, ..Default::default() };
    let mut authorities: Vec<(String, String)> = Vec::new();
    let mut org: Option<String> = None;
    let mut positions: Vec<String> = Vec::new();
    let mut j = i;
    // What the last block line was, for joining a wrapped line to it.
    #[derive(PartialEq)]
    enum Last {
        None,
        Authority,
        Org,
        Position,
    }
    let mut last = Last::None;
    while j < l.len() && j < i + 12 {
        let t = text(j);
        if NOI_NHAN.is_match(t) || (j > i && APPENDIX.is_match(t)) {
            break;
        }
        let bare_marker = matches!(t.trim(), "TM." | "KT." | "TL." | "TUQ." | "Q." | "T/M" | "K/T" | "T/L");
        let marker = if bare_marker {
            Some((t.trim().trim_end_matches('.').to_string(), String::new()))
        } else {
            vocab::AUTHORITY.captures(t).filter(|_| is_authority_line(t)).map(|c| {
                (
                    c.get(1).map_or("", |m| m.as_str()).to_string(),
                    c.get(2).map_or("", |m| m.as_str()).trim().to_string(),
                )
            })
        };
        if let Some((m, body)) = marker {
            if !positions.is_empty() || sig.name.is_some() {
                break; // a new block
            }
            authorities.push((vocab::authority_canonical(&m), body));
            last = Last::Authority;
            j += 1;
            continue;
        }
        // The body of a marker printed alone on the line above.
        if l[j].upper && last == Last::Authority && authorities.last().is_some_and(|a| a.1.is_empty()) {
            let a = authorities.last_mut().expect("checked");
            // `BỘ TRƯỞNG` / `CHÁNH VĂN PHÒNG` split by the layout: the first line is the body.
            a.1 = t.to_string();
            j += 1;
            continue;
        }
        if SIGNED.is_match(t) {
            sig.signed_mark = true;
            j += 1;
            continue;
        }
        // A stamp or signature image left as punctuation (`[`, `(`).
        if !t.chars().any(char::is_alphanumeric) {
            j += 1;
            continue;
        }
        if vocab::is_person_name(t) {
            sig.name = Some(t.to_string());
            j += 1;
            break;
        }
        if l[j].upper && l[j].chars <= 90 {
            let prev_text = if j > i { text(j - 1) } else { "" };
            let wraps = j > i && (l[j].strong_cont || prev_text.ends_with(',') || prev_text.ends_with('-'));
            let joins = last != Last::None && !vocab::is_position(t) && wraps
                || (last != Last::None && prev_text.ends_with(','))
                || (last == Last::Authority
                    && !vocab::is_position(t)
                    && !vocab::starts_body(t)
                    && t.split_whitespace().count() <= 2);
            if joins {
                let target = match last {
                    Last::Authority => authorities.last_mut().map(|a| &mut a.1),
                    Last::Org => org.as_mut(),
                    Last::Position => positions.last_mut(),
                    Last::None => None,
                };
                if let Some(s) = target {
                    s.push(' ');
                    s.push_str(t);
                }
                j += 1;
                continue;
            }
            if vocab::is_position(t) {
                positions.push(t.to_string());
                last = Last::Position;
            } else if authorities.is_empty() && org.is_none() && positions.is_empty() {
                org = Some(t.to_string());
                last = Last::Org;
            } else if !positions.is_empty() || !authorities.is_empty() {
                // A capitalised line that is not a position after a position: another
                // block's organisation line, or the end.
                break;
            } else {
                break;
            }
            j += 1;
            continue;
        }
        break;
    }
    if authorities.is_empty() && positions.is_empty() {
        return None;
    }
    if let Some((a, body)) = authorities.first() {
        sig.authority = Some(a.clone());
        sig.on_behalf_of = Some(body.trim_end_matches(',').to_string()).filter(|s| !s.is_empty());
        sig.more_authorities = authorities[1..].iter().map(|(a, b)| format!("{a} {b}")).collect();
    } else {
        sig.on_behalf_of = org;
    }
    // `Q. CHỦ TỊCH` with no title line of its own: the marker's text is the position.
    sig.position = positions.last().cloned().or_else(|| {
        authorities.last().filter(|(a, t)| a != "TM." && a != "T/M" && vocab::is_position(t)).map(|(_, t)| t.clone())
    });
    sig.span = l[i].span.cover(l[j - 1].span);
    Some((sig, j))
}

#[cfg(test)]
mod tests {
    use crate::Parser;

    #[test]
    fn blocks_on_both_sides_of_noi_nhan() {
        let doc = Parser::new()
            .parse_str(
                "CHƯƠNG TRÌNH\n\nPhối hợp\n\nI. MỤC ĐÍCH\n\nNội dung.\n\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nGIÁM ĐỐC\n\nNoi nhận:\n- Tổng LĐLĐVN;\n\
                 - Lưu: VT.\n\nTM. BAN THƯỜNG VỤ LĐLĐ TỈNH\nCHỦ TỊCH\n\nLê Văn Quyền\n",
            )
            .unwrap();
        let c = doc.closing();
        assert_eq!(c.signatories.len(), 2);
        assert_eq!(c.signatories[0].on_behalf_of.as_deref(), Some("SỞ GIÁO DỤC VÀ ĐÀO TẠO"));
        assert_eq!(c.signatories[0].position.as_deref(), Some("GIÁM ĐỐC"));
        assert_eq!(c.signatories[0].name, None);
        assert_eq!(c.signatories[1].authority.as_deref(), Some("TM."));
        assert_eq!(c.signatories[1].name.as_deref(), Some("Lê Văn Quyền"));
        let r: Vec<&str> = c.recipients.iter().map(|r| r.0.as_str()).collect();
        assert_eq!(r, ["Tổng LĐLĐVN", "Lưu: VT"]);
    }

    #[test]
    fn stacked_authorities_and_wrapped_lines() {
        let doc = Parser::new()
            .parse_str("KẾ HOẠCH\n\nX\n\n1. Một.\n\n**TM. ỦY BAN NHÂN\nDÂN**\n**KT. CHỦ TỊCH**\n**PHÓ CHỦ TỊCH**\n**Phạm Văn Thịnh**\n")
            .unwrap();
        let s = &doc.closing().signatories[0];
        assert_eq!(s.authority.as_deref(), Some("TM."));
        assert_eq!(s.on_behalf_of.as_deref(), Some("ỦY BAN NHÂN DÂN"));
        assert_eq!(s.position.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(s.more_authorities, ["KT. CHỦ TỊCH"]);
        let doc = Parser::new().parse_str("KẾT LUẬN\n\nX\n\n1. Một.\n\n**T/M BỘ CHÍNH\nTRỊ**\nTrần Cẩm Tú\n").unwrap();
        let s = &doc.closing().signatories[0];
        assert_eq!(
            (s.authority.as_deref(), s.on_behalf_of.as_deref(), s.position.as_deref()),
            (Some("T/M"), Some("BỘ CHÍNH TRỊ"), None)
        );
    }
}
