//! Inline suppression: comments a drafter leaves in the document for one finding.
//!
//! ```text
//! III. NHIỆM VỤ VÀ GIẢI PHÁP <!-- vanban: ignore VB201 -->      the finding on this line
//! <!-- vanban: ignore numbering-gap -->                         the finding on the next line
//! I. MỤC ĐÍCH
//! <!-- vanban: ignore-file VB130, VB132 -->                     the whole document
//! ```
//!
//! A directive is an HTML comment on one line, `<!-- vanban: ignore SELECTORS -->` or
//! `<!-- vanban: ignore-file SELECTORS -->`, with selectors (codes, prefixes, rule names or
//! rulesets) separated by commas or spaces. Normalization drops HTML comments, so a
//! directive never changes how the document is read, and Markdown viewers hide it.
//!
//! `ignore` covers findings that start on its own line when it follows text, or on the next
//! line with text when the comment stands alone (stacked comments all cover that line).
//! `ignore-file` covers every finding of the document, also those about the document as a
//! whole (no line). A directive without selectors, or with one that names no rule, is
//! itself a finding (`VB900`); one that suppresses nothing is reported as `VB901`.

use super::config::Selector;
use crate::source::Loc;
use regex::Regex;
use std::sync::LazyLock;

static DIRECTIVE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"<!--\s*vanban\s*:\s*(ignore-file|ignore)\b\s*(.*?)\s*-->").unwrap());
static COMMENT: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"<!--.*?-->").unwrap());

/// One directive.
#[derive(Debug, Clone)]
pub(crate) struct Directive {
    /// Where the comment stands in the original.
    pub loc: Loc,
    /// `ignore-file`.
    pub file: bool,
    /// The line it covers (1-based), for `ignore`.
    pub covers: usize,
    /// The selectors that name rules.
    pub selectors: Vec<Selector>,
    /// The words that name none.
    pub invalid: Vec<String>,
    /// The comment as written.
    pub text: String,
    /// Whether it suppressed a finding.
    pub used: bool,
}

impl Directive {
    /// True when it covers a finding of `code` starting on `line` (`None`: the whole document).
    pub fn covers(&self, code: &str, line: Option<usize>) -> bool {
        let rule_named = self.selectors.iter().any(|s| s.codes().contains(&code));
        rule_named && (self.file || line == Some(self.covers))
    }
}

/// The directives in `original` (the decoded input), in order.
pub(crate) fn scan(original: &str) -> Vec<Directive> {
    if !original.contains("vanban") {
        return Vec::new();
    }
    let lines = split_lines(original);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for c in DIRECTIVE.captures_iter(line) {
            let Some(whole) = c.get(0) else { continue };
            let file = c.get(1).is_some_and(|m| m.as_str() == "ignore-file");
            let list = c.get(2).map_or("", |m| m.as_str());
            let mut selectors = Vec::new();
            let mut invalid = Vec::new();
            for word in list.split([',', ' ', '\t']).map(str::trim).filter(|w| !w.is_empty()) {
                match Selector::parse(word) {
                    Some(s) => selectors.push(s),
                    None => invalid.push(word.to_string()),
                }
            }
            let alone = COMMENT.replace_all(line, "").trim().is_empty();
            let covers = if alone {
                (i + 1..lines.len())
                    .find(|&j| !COMMENT.replace_all(lines[j], "").trim().is_empty())
                    .map_or(i + 1, |j| j + 1)
            } else {
                i + 1
            };
            let col = |b: usize| line[..b].chars().count() + 1;
            out.push(Directive {
                loc: Loc { line: i + 1, column: col(whole.start()), end_line: i + 1, end_column: col(whole.end()) },
                file,
                covers,
                selectors,
                invalid,
                text: whole.as_str().to_string(),
                used: false,
            });
        }
    }
    out
}

/// Lines as the line index counts them: `\n`, `\r\n` and a lone `\r` end a line.
fn split_lines(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            out.push(&text[start..i]);
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out.push(&text[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_alone_stacked_and_file_directives() {
        let t = "a <!-- vanban: ignore VB201 -->\n<!-- vanban: ignore VB202 -->\n<!-- vanban:ignore numbering-gap,VB8 -->\n\nb\n<!-- vanban: ignore-file VB130 -->\n";
        let d = scan(t);
        assert_eq!(d.len(), 4);
        assert_eq!((d[0].covers, d[0].loc.column), (1, 3));
        assert_eq!((d[1].covers, d[2].covers), (5, 5));
        assert_eq!(d[2].invalid, ["VB8"]);
        assert!(d[2].covers("VB201", Some(5)) && !d[2].covers("VB201", Some(4)));
        assert!(d[3].file && d[3].covers("VB130", None));
        assert!(scan("no directive here").is_empty());
    }
}
