//! Stage 6, outline: the body's numbered structure as a tree.
//!
//! In: the [`Source`], its [`Lines`] and the range of body lines (after the header, before
//! the signature). Out: an [`Outline`] — an arena of [`Node`]s with their kind, label,
//! value, heading title and children — and [`Finding`]s about the numbering (gaps,
//! duplicates, order breaks, a list that starts late).
//!
//! One engine reads legal and plan styles alike: Phần / Chương / Mục / Điều, Roman `I.`,
//! `1.` `1.1.` `1.1.1.`, `(1)`, `a)` (Vietnamese order: `d` then `đ`), `A.`, bullets
//! `-` `+` `•`, and the enumerations `Một là …`, `Thứ nhất …`. Levels come from the order
//! in which the kinds of marker first appear in the document, except that the legal
//! hierarchy Phần > Chương > Mục > Điều is kept whatever appears first, and bullets and
//! enumerations never become parents of numbered headings.

use crate::lines::Lines;
use crate::source::{Source, Span};
use crate::vocab;
use regex::Regex;
use std::sync::LazyLock;

/// What kind of marker a node has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// `Phần I`.
    Part,
    /// `Chương II`.
    Chapter,
    /// `Mục 1`.
    Section,
    /// `Điều 5.`
    Article,
    /// `I.`, `II-`.
    Roman,
    /// `1.`, `1.2.`, `(3)`, `2)`.
    Arabic,
    /// `a)`, `đ)`, `A.`.
    Letter,
    /// `Một là`, `Thứ nhất`.
    Ordinal,
    /// `-`, `+`, `•`.
    Bullet,
}

impl NodeKind {
    /// Numbered headings and items, as opposed to bullets and enumerations.
    pub fn is_structural(self) -> bool {
        !matches!(self, NodeKind::Bullet | NodeKind::Ordinal)
    }
}

/// One node of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Kind of marker.
    pub kind: NodeKind,
    /// Finer kind used for levels: `arabic.2` for `1.1.`, `bullet.+` for `+`, …
    pub key: String,
    /// The label as printed, without punctuation (`III`, `2`, `1.2`, `b`, `Hai`, `-`).
    pub label: String,
    /// The label's value (`III` = 3, `b` = 2, `Hai` = 2); `None` for bullets.
    pub number: Option<u32>,
    /// The heading text, without a trailing `:`; `None` for an item that is a sentence.
    pub title: Option<String>,
    /// The marker line (and a wrapped title's lines).
    pub span: Span,
    /// The node's own text: from its marker to the next node's marker.
    pub text_span: Span,
    /// Where the text after the marker starts (normalized offset).
    pub rest: usize,
    /// Line index of the marker.
    pub line: usize,
    /// Children, in order.
    pub children: Vec<usize>,
    /// Parent, `None` at the top level.
    pub parent: Option<usize>,
    /// 0-based position among its siblings.
    pub pos: usize,
}

/// A finding about the numbering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Rule code.
    pub code: &'static str,
    /// `info`, `warning` or `error`.
    pub severity: &'static str,
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// The outline tree.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// All nodes; [`Outline::roots`] and [`Node::children`] index into it.
    pub nodes: Vec<Node>,
    /// Top-level nodes.
    pub roots: Vec<usize>,
    /// Numbering findings.
    pub findings: Vec<Finding>,
}

impl Outline {
    /// The node's path of 1-based positions (`[2, 1, 3]`), stable for a given text.
    pub fn path(&self, mut i: usize) -> Vec<usize> {
        let mut p = Vec::new();
        loop {
            p.push(self.nodes[i].pos + 1);
            match self.nodes[i].parent {
                Some(par) => i = par,
                None => break,
            }
        }
        p.reverse();
        p
    }

    /// Stable id of a node: `s` and its path (`s2.1.3`).
    pub fn id(&self, i: usize) -> String {
        let p = self.path(i);
        format!("s{}", p.iter().map(|n| n.to_string()).collect::<Vec<_>>().join("."))
    }
}

struct Marker {
    kind: NodeKind,
    key: String,
    label: String,
    number: Option<u32>,
    /// Byte offset in the line where the text after the marker starts.
    rest: usize,
}

static PART: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:PHẦN|Phần)\s+(THỨ\s+\p{Lu}+|[IVXLC]+|\d{1,3})\b\s*[.:\-]?\s*").unwrap()
});
static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d{1,3})\b\s*[.:\-]?\s*").unwrap());
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:MỤC|Mục|TIỂU MỤC|Tiểu mục)\s+(\d{1,3}|[IVXLC]+)\b\s*[.:\-]?\s*").unwrap()
});
static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^(?:Điều|ĐIỀU)\s+(\d{1,3}[a-z]?)\s*[.:]\s*").unwrap());
static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^([IVXLCDM]{1,7})\s*(?:[.\-:)]|\s-)\s*").unwrap());
static MULTI: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^(\d{1,2}(?:\.\d{1,2}){1,4})\.?(?:\s+|$)").unwrap());
static ARABIC: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^(\d{1,3})\s*[.)](?:\s+|$)").unwrap());
static PAREN: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^\((\d{1,3})\)\s*").unwrap());
static LETTER: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^([a-zđ])\s*\)\s*").unwrap());
static LETTER_DOT: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^([a-zđ])\.\s+").unwrap());
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(
        r"^(Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Bẩy|Tám|Chín|Mười(?:\s+(?:một|hai|ba|bốn|lăm|năm|sáu|bảy|tám|chín))?)\s+là(\s*[,:])?\s*",
    )
    .unwrap()
});
static THU: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(
        r"^Thứ\s+(nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười(?:\s+(?:một|hai|ba|bốn|lăm|năm))?)\s*(?:là\s*)?[,:]\s*",
    )
    .unwrap()
});
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r#"^([-–—+•*·▪◦●○■□➢➤►✓√])\s*(?:\p{L}|\d|\(|["“])"#).unwrap());

/// What the parser remembers of the numbering so far, to tell `C.` (a letter) from `C`
/// (a hundred) and `I.` (one) from `I.` (the ninth letter).
#[derive(Default)]
struct Seen {
    roman: Option<u32>,
    upper: Option<u32>,
}

fn marker(line: &str, seen: &Seen, ordinals_only: bool) -> Option<Marker> {
    let mk = |kind, key: &str, label: &str, number, rest| {
        Some(Marker { kind, key: key.into(), label: label.into(), number, rest })
    };
    let ordinal = ORDINAL.captures(line).filter(|c| {
        // `Hai là, …` or `Hai là đẩy mạnh …`, not `Ba là Bộ …`.
        c.get(2).is_some() || line[c.get(0).map_or(0, |m| m.end())..].chars().next().is_some_and(char::is_lowercase)
    });
    if let Some(c) = ordinal.or_else(|| THU.captures(line)) {
        let w = c.get(1).map_or("", |m| m.as_str());
        let label = w.split_whitespace().collect::<Vec<_>>().join(" ");
        // `Một là …` and `Thứ nhất …` are two enumerations, numbered apart.
        let key = if line.starts_with("Thứ") { "ordinal.thu" } else { "ordinal.la" };
        return mk(NodeKind::Ordinal, key, &label, vocab::ordinal_value(&label), c.get(0).map_or(0, |m| m.end()));
    }
    if ordinals_only {
        return None;
    }
    let end = |c: &regex::Captures| c.get(0).map_or(0, |m| m.end());
    if let Some(c) = PART.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        let n = vocab::roman_value(l)
            .or_else(|| l.parse().ok())
            .or_else(|| l.strip_prefix("THỨ ").and_then(vocab::ordinal_value));
        return mk(NodeKind::Part, "part", l, n, end(&c));
    }
    if let Some(c) = CHAPTER.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        return mk(NodeKind::Chapter, "chapter", l, vocab::roman_value(l).or_else(|| l.parse().ok()), end(&c));
    }
    if let Some(c) = SECTION.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        return mk(NodeKind::Section, "section", l, l.parse().ok().or_else(|| vocab::roman_value(l)), end(&c));
    }
    if let Some(c) = ARTICLE.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        let n = l.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok();
        return mk(NodeKind::Article, "article", l, n, end(&c));
    }
    if let Some(c) = ROMAN.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        let roman = vocab::roman_value(l);
        let letter = (l.len() == 1).then(|| (l.as_bytes()[0] - b'A' + 1) as u32);
        let next_roman = seen.roman.map_or(1, |r| r + 1);
        let next_upper = seen.upper.map_or(1, |u| u + 1);
        let as_roman = match (roman, letter) {
            (Some(r), Some(u)) => {
                r == next_roman || (u != next_upper && seen.upper.is_none() && matches!(l, "I" | "V" | "X"))
            }
            (Some(_), None) => true,
            _ => false,
        };
        let rest = end(&c);
        let after = &line[rest..];
        // A marker needs text or an end of line after it, not a word glued on.
        if as_roman {
            return mk(NodeKind::Roman, "roman", l, roman, rest);
        }
        if let Some(u) = letter {
            if line[l.len()..].starts_with('.') && (!after.is_empty() || rest == line.len()) {
                return mk(NodeKind::Letter, "upper", l, Some(u), rest);
            }
        }
    }
    if let Some(c) = UPPER_LETTER.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        let u = (l.as_bytes()[0] - b'A' + 1) as u32;
        if seen.upper.is_some_and(|p| p + 1 == u) || u == 1 {
            return mk(NodeKind::Letter, "upper", l, Some(u), end(&c));
        }
    }
    if let Some(c) = MULTI.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        let depth = l.split('.').count();
        let n = l.rsplit('.').next().and_then(|x| x.parse().ok());
        return mk(NodeKind::Arabic, &format!("arabic.{depth}"), l, n, end(&c));
    }
    if let Some(c) = ARABIC.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        let key = if line[l.len()..].trim_start().starts_with(')') { "arabic.paren1" } else { "arabic.1" };
        return mk(NodeKind::Arabic, key, l, l.parse().ok(), end(&c));
    }
    if let Some(c) = PAREN.captures(line) {
        let l = c.get(1).map_or("", |m| m.as_str());
        return mk(NodeKind::Arabic, "arabic.paren", l, l.parse().ok(), end(&c));
    }
    if let Some(c) = LETTER.captures(line).or_else(|| LETTER_DOT.captures(line)) {
        let l = c.get(1).map_or("", |m| m.as_str());
        let ch = l.chars().next().unwrap_or('a');
        return mk(NodeKind::Letter, "letter", l, vocab::letter_value(ch), end(&c));
    }
    if let Some(c) = BULLET.captures(line) {
        let b = c.get(1).map_or("-", |m| m.as_str());
        let rest = line[b.len()..].len() - line[b.len()..].trim_start().len() + b.len();
        return mk(NodeKind::Bullet, &format!("bullet.{b}"), b, None, rest);
    }
    None
}

/// The sentence that closes a document's body: after it no item goes on.
static CLOSING_FORMULA: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:Trên đây là|(?:Nghị quyết|Quyết định|Chương trình|Kế hoạch|Thông báo|Chỉ thị|Báo cáo|Văn bản|Quy chế|Quy định|Hướng dẫn|Công văn) này (?:có hiệu lực|được|thay thế)|Nơi nhận)|\./\.$").unwrap()
});
static UPPER_LETTER: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"^([A-Z])\.\s+").unwrap());

/// Fixed rank of the legal hierarchy; other kinds get none.
fn legal_rank(key: &str) -> Option<u8> {
    match key {
        "part" => Some(0),
        "chapter" => Some(1),
        "section" => Some(2),
        "article" => Some(3),
        _ => None,
    }
}

/// Builds the outline of lines `range`; `ordinals_only` keeps only enumerations (news).
pub fn parse(src: &Source, lines: &Lines, range: std::ops::Range<usize>, ordinals_only: bool) -> Outline {
    let l = lines.all();
    let mut out = Outline::default();
    let mut order: Vec<String> = Vec::new(); // structural kinds by rank
    let mut bullet_order: Vec<String> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut seen = Seen::default();
    let rank = |order: &Vec<String>, key: &str| order.iter().position(|k| k == key).unwrap_or(usize::MAX);
    let mut i = range.start;
    let end = range.end.min(l.len());
    // Is the body hard-wrapped (a PDF's lines), or one paragraph per line (a text export)?
    // A long numbered line that runs on is a wrapped sentence only in the first.
    let (long, open) = l[range.start.min(end)..end].iter().filter(|x| x.chars >= 40 && !x.boilerplate).fold(
        (0usize, 0usize),
        |(n, o), x| {
            let t = src.slice(x.span).trim_end();
            (n + 1, o + usize::from(!t.ends_with(['.', ';', ':', '!', '?', ')', '"', '”'])))
        },
    );
    let hard_wrapped = long < 5 || open * 10 >= long * 4;
    while i < end {
        let line = l[i];
        if line.boilerplate {
            // Chrome between paragraphs (a repeated caption) ends an open item too.
            while stack.last().is_some_and(|&top| !out.nodes[top].kind.is_structural()) {
                stack.pop();
            }
            i += 1;
            continue;
        }
        let t = src.slice(line.span);
        let Some(m) = marker(t, &seen, ordinals_only) else {
            // Body text: extends the open node. A closing formula (`Trên đây là …`) ends
            // every open node; a new paragraph ends an open bullet or enumeration item.
            if CLOSING_FORMULA.is_match(t) {
                stack.clear();
            } else if line.blank_before {
                while stack.last().is_some_and(|&top| !out.nodes[top].kind.is_structural()) {
                    stack.pop();
                }
            }
            if let Some(&top) = stack.last() {
                out.nodes[top].text_span.end = line.span.end;
            }
            i += 1;
            continue;
        };
        match m.key.as_str() {
            "roman" => seen.roman = m.number,
            "upper" => seen.upper = m.number,
            _ => {}
        }
        // Place the kind in the order of levels.
        if m.kind.is_structural() && !order.contains(&m.key) {
            let pos = if let Some(r) = legal_rank(&m.key) {
                order.iter().position(|k| legal_rank(k).is_some_and(|o| o > r)).unwrap_or(order.len())
            } else if let Some(d) =
                m.key.strip_prefix("arabic.").and_then(|d| d.parse::<usize>().ok()).filter(|d| *d > 1)
            {
                let parent_key = format!("arabic.{}", d - 1);
                order.iter().position(|k| *k == parent_key).map_or(order.len(), |p| p + 1)
            } else {
                order.len()
            };
            order.insert(pos, m.key.clone());
        }
        if m.kind == NodeKind::Bullet && !bullet_order.contains(&m.key) {
            bullet_order.push(m.key.clone());
        }
        // Pop to the parent.
        while let Some(&top) = stack.last() {
            let tn = &out.nodes[top];
            let pop = match (
                m.kind.is_structural() || m.kind == NodeKind::Ordinal,
                tn.kind.is_structural() || tn.kind == NodeKind::Ordinal,
            ) {
                (true, true) => {
                    if m.kind == NodeKind::Ordinal && tn.kind.is_structural() {
                        false
                    } else if tn.kind == NodeKind::Ordinal && m.kind.is_structural() {
                        true
                    } else if m.kind == NodeKind::Ordinal {
                        tn.kind == NodeKind::Ordinal
                    } else {
                        rank(&order, &tn.key) >= rank(&order, &m.key)
                    }
                }
                (true, false) => true, // a heading closes open bullets
                (false, true) => false,
                (false, false) => rank(&bullet_order, &tn.key) >= rank(&bullet_order, &m.key),
            };
            if pop {
                stack.pop();
            } else {
                break;
            }
        }
        // The heading title, possibly wrapped onto following lines.
        let rest = t[m.rest..].trim();
        let (title, last_line) = heading_title(src, lines, i, m.rest, &m, end, hard_wrapped);
        let node_span = line.span.cover(l[last_line].span);
        let idx = out.nodes.len();
        let parent = stack.last().copied();
        let rest_at = line.span.start + (t.len() - t[m.rest..].trim_start().len());
        out.nodes.push(Node {
            rest: rest_at,
            kind: m.kind,
            key: m.key,
            label: m.label,
            number: m.number,
            title,
            span: node_span,
            text_span: node_span,
            line: i,
            children: Vec::new(),
            parent,
            pos: parent.map_or(out.roots.len(), |p| out.nodes[p].children.len()),
        });
        let _ = rest;
        match parent {
            Some(p) => out.nodes[p].children.push(idx),
            None => out.roots.push(idx),
        }
        stack.push(idx);
        i = last_line + 1;
    }
    check_numbering(&mut out, src);
    out
}

/// Whether a heading's text is a title or the start of a running sentence, and the title.
fn heading_title(
    src: &Source,
    lines: &Lines,
    i: usize,
    rest_off: usize,
    m: &Marker,
    end: usize,
    hard_wrapped: bool,
) -> (Option<String>, usize) {
    let l = lines.all();
    let line = l[i];
    let t = src.slice(line.span);
    let rest = t[rest_off..].trim();
    if m.kind == NodeKind::Bullet || m.kind == NodeKind::Ordinal {
        return (None, i);
    }
    let titled_kind = matches!(m.kind, NodeKind::Part | NodeKind::Chapter | NodeKind::Section);
    // Chương I / QUY ĐỊNH CHUNG: the title on the next line(s).
    if rest.is_empty() {
        if titled_kind || m.kind == NodeKind::Roman {
            let mut j = i + 1;
            let mut parts = Vec::new();
            while j < end && parts.len() < 4 {
                let u = src.slice(l[j].span);
                let cont = parts.is_empty() || l[j].strong_cont || (l[j].upper && !l[j].blank_before);
                if !cont
                    || marker(u, &Seen::default(), false).is_some_and(|mm| mm.kind != NodeKind::Letter)
                    || u.chars().count() > 200
                {
                    break;
                }
                if !parts.is_empty() || l[j].upper || l[j].strong {
                    parts.push(u.to_string());
                    j += 1;
                } else {
                    break;
                }
            }
            if !parts.is_empty() {
                return (Some(trim_title(&parts.join(" "))), j - 1);
            }
        }
        return (None, i);
    }
    // A bold run that ends with `:` inside the line: `4. Sở Văn hóa: Tiếp tục …`.
    let rest_start = line.span.start + (t.len() - t[rest_off..].trim_start().len());
    if !line.strong {
        if let Some(s) = bold_prefix(src, rest_start, line.span.end) {
            if s.ends_with(':') && s.chars().count() <= 150 {
                return (Some(trim_title(s)), i);
            }
        }
    }
    // The title may wrap onto following lines of the same bold run or in capitals.
    let mut title = rest.to_string();
    let mut last = i;
    let upper = line.upper;
    let mut j = i + 1;
    while j < end && j <= i + 3 {
        let u = src.slice(l[j].span);
        let same_bold = line.strong && l[j].strong_cont;
        let caps = upper && l[j].upper && !l[j].blank_before && !title.ends_with('.');
        if (same_bold || caps) && marker(u, &Seen::default(), false).is_none() {
            title.push(' ');
            title.push_str(u);
            last = j;
            j += 1;
        } else {
            break;
        }
    }
    let words = title.split_whitespace().count();
    let chars = title.chars().count();
    let ends_sentence = title.ends_with('.') || title.ends_with(';');
    // A sentence wrapped onto the next line is no title: it runs on (a long line not
    // ending in punctuation, with the text going on below) or stops on a word that
    // cannot end a heading (`với`, `của`).
    let next_runs_on = last + 1 < end
        && !l[last + 1].blank_before
        && marker(src.slice(l[last + 1].span), &Seen::default(), false).is_none();
    let dangling = title.rsplit(' ').next().is_some_and(|w| DANGLING.contains(&w));
    let wrapped = !line.strong
        && !upper
        && !title.ends_with([':', '.', ';', '?', '!'])
        && (dangling || (next_runs_on && chars >= 60 && hard_wrapped));
    // `Về …` (about …) names a subject: a heading even when it ends with a period.
    let about = (title.starts_with("Về ") || title.starts_with("VỀ "))
        && title.ends_with('.')
        && !title[..title.len() - 1].contains(['.', ';'])
        && words <= 40;
    if about && m.kind != NodeKind::Article {
        return (Some(title.trim_end_matches('.').trim().to_string()), last);
    }
    let is_title = if wrapped {
        false
    } else if line.strong || upper || titled_kind {
        chars <= 300
    } else if title.ends_with(':') {
        // A heading that introduces its own points (`a)`, `-`) whatever its length.
        let introduces = last + 1 < end
            && marker(src.slice(l[last + 1].span), &Seen::default(), false).is_some_and(|mm| {
                matches!(mm.kind, NodeKind::Letter | NodeKind::Bullet)
                    || mm.key.starts_with("arabic.") && mm.key != m.key
            });
        chars <= 120 || (introduces && chars <= 400)
    } else {
        let (max_words, max_chars) = if hard_wrapped { (20, 140) } else { (32, 220) };
        !ends_sentence && words <= max_words && chars <= max_chars
    };
    if m.kind == NodeKind::Article && (ends_sentence || chars > 200) && !line.strong {
        return (None, last);
    }
    (is_title.then(|| trim_title(&title)), last)
}

/// Words that end no heading: a line ending on one was wrapped mid-sentence.
const DANGLING: &[&str] = &[
    "với", "của", "và", "các", "về", "cho", "để", "trong", "theo", "tại", "là", "những", "được", "có", "từ", "đến",
    "khi", "nhằm", "như", "hoặc", "thì", "mà", "vào", "ra", "bị", "do", "trên", "dưới", "giữa", "đối", "việc", "một",
];

/// The bold text that starts at `start` and ends before `end`, if any.
fn bold_prefix(src: &Source, start: usize, end: usize) -> Option<&str> {
    let i = src.strong.partition_point(|s| s.end <= start);
    let s = src.strong.get(i)?;
    (s.start <= start && s.end < end).then(|| src.text()[start..s.end].trim())
}

fn trim_title(s: &str) -> String {
    s.trim().trim_end_matches([':', ' ']).trim().to_string()
}

/// Gaps, duplicates, order breaks and late starts among siblings of the same kind.
fn check_numbering(out: &mut Outline, src: &Source) {
    let mut findings = Vec::new();
    let mut groups: Vec<Vec<usize>> = vec![out.roots.clone()];
    groups.extend(out.nodes.iter().map(|n| n.children.clone()));
    for g in groups {
        let mut prev: std::collections::HashMap<&str, (u32, usize)> = std::collections::HashMap::new();
        for &c in &g {
            let n = &out.nodes[c];
            let Some(v) = n.number else { continue };
            let label_of = |node: &Node| node.label.clone();
            match prev.get(n.key.as_str()) {
                None if v > 1 => {
                    let (code, sev, msg) = if n.kind == NodeKind::Ordinal {
                        (
                            "VB204",
                            "info",
                            format!(
                                "the enumeration starts at `{}`: its first item is not marked at the start of a line (it may be inline)",
                                n.label
                            ),
                        )
                    } else {
                        ("VB203", "warning", format!("the numbering starts at `{}`, not at the first value", n.label))
                    };
                    if n.kind == NodeKind::Article
                        || n.kind == NodeKind::Chapter
                        || n.parent.is_none()
                        || n.kind == NodeKind::Ordinal
                    {
                        findings.push(Finding { code, severity: sev, message: msg, span: n.span });
                    }
                }
                Some(&(pv, pi)) => {
                    let pl = label_of(&out.nodes[pi]);
                    if v == pv + 1 {
                    } else if v == pv {
                        findings.push(Finding {
                            code: "VB202",
                            severity: "warning",
                            message: format!("`{}` is numbered the same as the item before it", n.label),
                            span: n.span,
                        });
                    } else if v > pv + 1 {
                        let missing = missing_labels(&n.key, pv + 1, v);
                        findings.push(Finding {
                            code: "VB201",
                            severity: "warning",
                            message: format!("numbering gap: `{}` follows `{}`; {} missing", n.label, pl, missing),
                            span: n.span,
                        });
                    } else {
                        findings.push(Finding {
                            code: "VB205",
                            severity: "warning",
                            message: format!("numbering goes back: `{}` follows `{}`", n.label, pl),
                            span: n.span,
                        });
                    }
                }
                None => {}
            }
            prev.insert(n.key.as_str(), (v, c));
        }
        // A list of one: `a)` with no `b)`, `1.` with no `2.`.
        for (key, &(v, c)) in &prev {
            let n = &out.nodes[c];
            let alone = g.iter().filter(|&&x| out.nodes[x].key == *key).count() == 1;
            if alone && v == 1 && (key.starts_with("arabic") || *key == "letter") {
                let shown = if *key == "letter" { format!("{})", n.label) } else { format!("{}.", n.label) };
                findings.push(Finding {
                    code: "VB206",
                    severity: "info",
                    message: format!("`{shown}` is the only item of its list: a list of one item needs no number"),
                    span: n.span,
                });
            }
        }
    }
    let _ = src;
    findings.sort_by_key(|f| f.span.start);
    out.findings = findings;
}

fn missing_labels(key: &str, from: u32, to: u32) -> String {
    let label = |v: u32| -> String {
        match key {
            "roman" | "part" | "chapter" => vocab::to_roman(v),
            "letter" => "abcdđeghiklmnopqrstuvxy".chars().nth(v as usize - 1).map_or(v.to_string(), |c| c.to_string()),
            "upper" => char::from(b'A' + (v as u8).saturating_sub(1)).to_string(),
            _ => v.to_string(),
        }
    };
    let list: Vec<String> = (from..to).take(5).map(|v| format!("`{}`", label(v))).collect();
    let verb = if to - from == 1 { "is" } else { "are" };
    format!("{} {verb}", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Parser;

    fn tops(text: &str) -> Vec<(NodeKind, String, Option<String>)> {
        let doc = Parser::new().parse_str(text).unwrap();
        let o = doc.outline();
        o.roots.iter().map(|&r| (o.nodes[r].kind, o.nodes[r].label.clone(), o.nodes[r].title.clone())).collect()
    }

    #[test]
    fn roman_arabic_letters_and_bullets_nest() {
        let doc = Parser::new()
            .parse_str("KẾ HOẠCH\n\nVề việc\n\nI. MỤC ĐÍCH\n1. Mục đích\n- một\n+ hai\na) Nhằm phát huy.\nb) Tiếp.\nII. NỘI DUNG\n1.1. Con\n")
            .unwrap();
        let o = doc.outline();
        assert_eq!(o.roots.len(), 2);
        let i = &o.nodes[o.roots[0]];
        assert_eq!((i.kind, i.label.as_str(), i.title.as_deref()), (NodeKind::Roman, "I", Some("MỤC ĐÍCH")));
        let one = &o.nodes[i.children[0]];
        assert_eq!(one.title.as_deref(), Some("Mục đích"));
        assert_eq!(one.children.len(), 3, "a bullet and two letters under 1.");
        let dash = &o.nodes[one.children[0]];
        assert_eq!(dash.children.len(), 1, "+ under -");
    }

    #[test]
    fn legal_hierarchy_keeps_its_order() {
        let t = tops(
            "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Khoản\na) Điểm\nChương II\nCÁC QUY ĐỊNH\nMục 1\nVỀ X\nĐiều 2. Y\n",
        );
        assert_eq!(t.len(), 2);
        assert_eq!(t[0], (NodeKind::Chapter, "I".into(), Some("QUY ĐỊNH CHUNG".into())));
        let doc = Parser::new().parse_str("Chương I\nA\nĐiều 1. X\nChương II\nB\nMục 1\nC\nĐiều 2. Y\n").unwrap();
        let o = doc.outline();
        let ch2 = &o.nodes[o.roots[1]];
        let muc = &o.nodes[ch2.children[0]];
        assert_eq!(muc.kind, NodeKind::Section);
        assert_eq!(o.nodes[muc.children[0]].kind, NodeKind::Article);
    }

    #[test]
    fn running_sentences_have_no_title() {
        let t = tops(
            "1. Thống nhất điều chỉnh thời gian thảo luận tại Hội nghị lần thứ năm, khoá XII.\n2. Về việc ứng phó các biến thể mới\n3. Liên đoàn Lao động tỉnh:\n",
        );
        assert_eq!(t[0].2, None);
        assert_eq!(t[1].2.as_deref(), Some("Về việc ứng phó các biến thể mới"));
        assert_eq!(t[2].2.as_deref(), Some("Liên đoàn Lao động tỉnh"));
    }

    #[test]
    fn headings_of_a_text_export_keep_their_titles() {
        // One paragraph per line (a text export): a long numbered line is a heading, and a
        // `Về …` item is one even with its period.
        let body = "Kính gửi: Tổng công ty Khí.\n\nPhúc đáp công văn của Tổng công ty, Bộ có ý kiến như sau.\n\n\
                    1. Về chấp thuận các hợp đồng ký giữa công ty mẹ với tập đoàn và các công ty con của tập đoàn.\n\
                    Theo quy định của Luật Doanh nghiệp, hợp đồng phải được chấp thuận trước khi ký kết.\n\
                    2. Trách nhiệm của người đại diện phần vốn nhà nước tại doanh nghiệp có vốn góp của nhà nước\n\
                    Người đại diện thực hiện quyền, nghĩa vụ theo quy định của pháp luật hiện hành.\n";
        let t = tops(body);
        assert_eq!(
            t[0].2.as_deref(),
            Some("Về chấp thuận các hợp đồng ký giữa công ty mẹ với tập đoàn và các công ty con của tập đoàn")
        );
        assert!(t[1].2.as_deref().is_some_and(|x| x.starts_with("Trách nhiệm của người đại diện")));
    }

    #[test]
    fn ordinals_and_their_checks() {
        let doc = Parser::new()
            .parse_str("Mở đầu\n\nHai là, đẩy mạnh.\n\nBa là, phối hợp.\n\nThứ nhất, một.\nThứ hai, hai.\n")
            .unwrap();
        let o = doc.outline();
        let labels: Vec<&str> =
            o.nodes.iter().filter(|n| n.kind == NodeKind::Ordinal).map(|n| n.label.as_str()).collect();
        assert_eq!(labels, ["Hai", "Ba", "nhất", "hai"]);
        assert!(o.findings.iter().any(|f| f.code == "VB204"));
    }

    #[test]
    fn gap_is_reported() {
        let doc = Parser::new().parse_str("I. MỤC ĐÍCH\nx\nIII. NHIỆM VỤ\ny\n").unwrap();
        let f = &doc.outline().findings;
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("`II` is missing"), "{}", f[0].message);
    }
}
