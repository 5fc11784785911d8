//! Stage 3, lines: the normalized text as a list of classified lines.
//!
//! In: a [`Source`]. Out: [`Lines`] — every non-blank line of the normalized text, with
//! its [`Span`] and the facts later stages ask about again and again (blank line before,
//! bold, a continuation of a bold run from the line above, a markdown heading, all in
//! capitals). Classifying once here means no later stage scans characters twice.
//!
//! It also marks web-page chrome as boilerplate — kept in the source, left out of
//! extraction — from structure rather than from one site's markup: the sections news
//! sites put after an article (`Tin mới`, `Có thể bạn quan tâm`, `Xem thêm`, …) and
//! everything after them, audio-player and menu lines before the text, and lines that
//! repeat an earlier line (photo captions that repeat the headline, a page duplicated by
//! PDF extraction).

use crate::source::{Source, Span};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// One non-blank line of the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// The line, without its line end.
    pub span: Span,
    /// A blank line (or the start of the text) comes right before it.
    pub blank_before: bool,
    /// The whole line was bold.
    pub strong: bool,
    /// A bold run from the line above goes on into this line (a wrapped bold heading).
    pub strong_cont: bool,
    /// The line was a markdown heading (`# …`).
    pub heading: bool,
    /// It has letters and none of them is lower case.
    pub upper: bool,
    /// Number of characters.
    pub chars: usize,
    /// Web-page chrome or a repeat: left out of extraction.
    pub boilerplate: bool,
}

/// The non-blank lines of a source, in order.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    lines: Vec<Line>,
}

impl Lines {
    /// Classifies every non-blank line of `src`.
    pub fn new(src: &Source) -> Lines {
        let text = src.text();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut blank_before = true;
        for part in text.split('\n') {
            let span = Span::new(start, start + part.len());
            start += part.len() + 1;
            if part.trim().is_empty() {
                blank_before = true;
                continue;
            }
            let (mut lower, mut upper, mut chars) = (0, 0, 0);
            for c in part.chars() {
                chars += 1;
                if c.is_lowercase() {
                    lower += 1;
                } else if c.is_uppercase() {
                    upper += 1;
                }
            }
            lines.push(Line {
                span,
                blank_before,
                strong: src.is_strong(span),
                strong_cont: src.strong_continues_at(span.start),
                heading: src.is_heading(span),
                upper: lower == 0 && upper >= 2,
                chars,
                boilerplate: false,
            });
            blank_before = false;
        }
        mark_boilerplate(src, &mut lines);
        Lines { lines }
    }

    /// Marks as boilerplate the lines that repeat an earlier line of five words or more:
    /// in a news page, photo captions that repeat the headline or each other. (Official
    /// documents repeat lines legitimately — an annex's Quốc hiệu, a table's cells — so the
    /// pipeline calls this for news only.)
    pub fn mark_repeats(&mut self, src: &Source) {
        let mut seen: HashSet<&str> = HashSet::new();
        for l in self.lines.iter_mut() {
            let t = src.slice(l.span).trim();
            if t.split_whitespace().count() >= 5 && !seen.insert(t) {
                l.boilerplate = true;
            }
        }
    }

    /// All lines.
    pub fn all(&self) -> &[Line] {
        &self.lines
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when the text has no non-blank line.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The line at `i`.
    pub fn get(&self, i: usize) -> Option<&Line> {
        self.lines.get(i)
    }
}

/// Section words news sites put after the article; the rest of the page is chrome.
pub(crate) static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?i)^(?:tin mới|tin khác|tin liên quan|bài liên quan|có thể bạn quan tâm|nên xem|xem thêm|đọc thêm|tin cùng chuyên mục|các tin khác|văn bản mới|liên kết web|phiên bản di động|bài viết liên quan|tin bài liên quan|tin đọc nhiều|đọc nhiều nhất|tin nổi bật)\s*:?$").unwrap()
});
static PLAYER: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$").unwrap());
const WIDGETS: &[&str] = &[
    "Voltar",
    "Chia sẻ",
    "In bài",
    "Bản in",
    "Lên đầu trang",
    "Quay lại",
    "Trở về",
    "Gửi bài",
    "Bình luận",
    "Theo dõi",
];

/// The front matter of a site's content file (`---json` … `---`, `---` … `---`, `+++` … `+++`):
/// the index one past its closing line.
pub(crate) fn front_matter_end(src: &Source, lines: &[Line]) -> Option<usize> {
    let first = src.slice(lines.first()?.span).trim();
    let fence = if first.starts_with("---") && first.len() <= 8 {
        "---"
    } else if first == "+++" {
        "+++"
    } else {
        return None;
    };
    (1..lines.len().min(80)).find(|&k| src.slice(lines[k].span).trim() == fence).map(|k| k + 1)
}

fn mark_boilerplate(src: &Source, lines: &mut [Line]) {
    if let Some(end) = front_matter_end(src, lines) {
        for l in &mut lines[..end] {
            l.boilerplate = true;
        }
    }
    let text = |l: &Line| src.slice(l.span).trim_start_matches(['•', '-', '*', ' ']).trim();
    // The first long line: what comes before it is the page's top.
    let first_long = lines.iter().position(|l| l.chars > 100).unwrap_or(lines.len());
    // Everything from a chrome section heading on (not at the very top, where a menu may
    // name the same sections).
    if let Some(k) = (3.min(lines.len())..lines.len()).find(|&k| k > first_long && CHROME.is_match(text(&lines[k]))) {
        for l in &mut lines[k..] {
            l.boilerplate = true;
        }
    }
    // Player and widget lines; menus: runs of three or more short lines with no digits or
    // punctuation above the first long line.
    let short = |l: &Line| {
        let t = text(l);
        !l.upper
            && t.split_whitespace().count() <= 3
            && !t.contains(|c: char| c.is_ascii_digit() || matches!(c, ':' | '/' | '.' | ','))
    };
    let mut k = 0;
    while k < first_long {
        let t = text(&lines[k]);
        if PLAYER.is_match(t) || WIDGETS.contains(&t) {
            lines[k].boilerplate = true;
        }
        let run = lines[k..first_long].iter().take_while(|l| short(l)).count();
        if run >= 3 {
            for l in &mut lines[k..k + run] {
                l.boilerplate = true;
            }
            k += run;
        } else {
            k += 1;
        }
    }
}

impl std::ops::Index<usize> for Lines {
    type Output = Line;
    fn index(&self, i: usize) -> &Line {
        &self.lines[i]
    }
}

#[cfg(test)]
mod tests {
    use crate::Parser;

    #[test]
    fn classifies_lines() {
        let doc = Parser::new().parse_str("**KẾ HOẠCH**\n\nTriển khai\n**I. MỤC ĐÍCH,\nYÊU CẦU**").unwrap();
        let l = doc.lines();
        assert_eq!(l.len(), 4);
        assert!(l[0].strong && l[0].upper && l[0].blank_before);
        assert!(!l[1].upper && l[1].blank_before && !l[1].strong);
        assert!(l[2].strong && !l[2].strong_cont);
        assert!(l[3].strong && l[3].strong_cont && !l[3].blank_before);
    }
}
