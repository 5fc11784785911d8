//! Stage 3, lines: the normalized text as a list of classified lines.
//!
//! In: a [`Source`]. Out: [`Lines`] — every non-blank line of the normalized text, with
//! its [`Span`] and the facts later stages ask about again and again (blank line before,
//! bold, a continuation of a bold run from the line above, a markdown heading, all in
//! capitals). Classifying once here means no later stage scans characters twice.

use crate::source::{Source, Span};

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
            });
            blank_before = false;
        }
        Lines { lines }
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
