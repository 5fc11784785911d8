//! `vanban check`: the format of a document checked the way a linter checks code.
//!
//! In: a parsed [`Document`] and the [`Settings`] for it. Out: [`Diagnostic`]s — a
//! [`Rule`] (stable code, kebab-case name, [`Severity`], [`Ruleset`], explanation), the
//! message, the place in the original file (1-based line and column, start and end),
//! expected and actual values and a suggestion where they help.
//!
//! ```text
//! Document ─eval─▶ findings ─suppress (<!-- vanban: ignore … -->)─▶ select/ignore ─▶ severity ─▶ Diagnostic
//!                                                                            Report ─render─▶ full, concise, json, …
//! ```
//!
//! - [`rules`]: the rule table, as data ([`RULES`]).
//! - [`check()`]: runs the rules on one document. The record's `/diagnostics` are the same
//!   findings with the default settings, so `vanban parse` and `vanban check` never disagree.
//! - [`config`]: selectors, [`Settings`], [`FailLevel`] and `vanban.toml` ([`Config`]).
//! - [`render`]: the output formats ([`OutputFormat`]) over a [`Report`] of many files.
//!
//! Where a finding rests on a part of the document the parser only guessed (a header found
//! from the tên loại alone, a signature block without an authority marker, which heading an
//! announced count refers to), its severity is one step lower than the rule's and the
//! message says why. In a draft (`DỰ THẢO`), what is written only on signing (the name,
//! the number) is lowered the same way.
//!
//! ```
//! use vanban::check::{self, Settings};
//! let doc = vanban::Parser::new().parse_str("KẾ HOẠCH\nVề việc X\n\nI. MỤC ĐÍCH\n\nIII. NHIỆM VỤ\n")?;
//! let found = check::check(&doc, &Settings::default());
//! let gap = found.iter().find(|d| d.rule.code == "VB201").unwrap();
//! assert_eq!(gap.rule.name, "numbering-gap");
//! assert_eq!(gap.position.unwrap().line, 6);
//! assert_eq!(gap.expected.as_deref(), Some("II"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod config;
mod eval;
pub mod render;
pub mod rules;
mod suppress;

pub use config::{Config, ConfigError, FailLevel, Selector, Settings};
pub use render::{FileReport, OutputFormat, RenderOptions, Report};
pub use rules::{RULES, Rule, Ruleset, Severity};

use crate::Document;
use eval::{At, Finding};

/// Where a diagnostic is in the original file: 1-based lines, columns counting characters,
/// the end column just past the last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line of the first character.
    pub line: usize,
    /// Column of the first character; `None` when only the line is known.
    pub column: Option<usize>,
    /// Line of the last character.
    pub end_line: usize,
    /// Column just past the last character; `None` when only the line is known.
    pub end_column: Option<usize>,
}

/// One finding about a document, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule.
    pub rule: &'static Rule,
    /// The severity it is reported at: the rule's (or the one the settings give), one step
    /// lower when [`Diagnostic::lowered`] says why.
    pub severity: Severity,
    /// What was found, in a sentence (with the reason when the severity was lowered).
    pub message: String,
    /// The document's path, as given.
    pub path: Option<String>,
    /// Where, or `None` for the document as a whole.
    pub position: Option<Position>,
    /// What the format asks for, where it helps.
    pub expected: Option<String>,
    /// What the document has, where it helps.
    pub actual: Option<String>,
    /// How to fix it, where there is one way.
    pub suggestion: Option<String>,
    /// Why the severity is lower than the rule's (a guessed part, a draft).
    pub lowered: Option<String>,
    /// The original text of the first line of [`Diagnostic::position`], for renderers.
    pub source_line: Option<String>,
}

/// Runs the rules `settings` enables on `doc`.
///
/// Inline `<!-- vanban: ignore … -->` comments in the document are honoured (see the
/// `suppress` design in the README). Diagnostics come sorted: document-wide ones
/// first, then by line, column and code, and in the order the rules found them after that.
pub fn check(doc: &Document, settings: &Settings) -> Vec<Diagnostic> {
    let src = doc.source();
    let mut raw = eval::findings(doc);
    let mut directives = suppress::scan(src.original());
    if !directives.is_empty() {
        raw.retain(|f| {
            let line = start_line(src, f.at);
            let mut keep = true;
            for d in directives.iter_mut().filter(|d| d.covers(f.code, line)) {
                d.used = true;
                keep = false;
            }
            keep
        });
        for d in &directives {
            let at = At::Loc(d.loc);
            if d.selectors.is_empty() && d.invalid.is_empty() {
                raw.push(Finding {
                    code: "VB900",
                    at,
                    message: format!("`{}` names no rule; give codes such as VB201", d.text),
                    expected: Some("<!-- vanban: ignore VB201 -->".into()),
                    actual: Some(d.text.clone()),
                    suggestion: None,
                    lowered: None,
                });
            }
            for w in &d.invalid {
                raw.push(Finding {
                    code: "VB900",
                    at,
                    message: format!("`{w}` in `{}` is not a rule code, prefix, name or ruleset", d.text),
                    expected: None,
                    actual: Some(w.clone()),
                    suggestion: None,
                    lowered: None,
                });
            }
            if !d.used && !d.selectors.is_empty() {
                let what = if d.file { "in the document".to_string() } else { format!("on line {}", d.covers) };
                raw.push(Finding {
                    code: "VB901",
                    at,
                    message: format!("`{}` suppressed no finding {what}", d.text),
                    expected: None,
                    actual: None,
                    suggestion: Some("remove the comment".into()),
                    lowered: None,
                });
            }
        }
    }
    let lines = if raw.is_empty() { Vec::new() } else { original_lines(src.original()) };
    let mut out: Vec<Diagnostic> = raw
        .into_iter()
        .filter_map(|f| {
            let rule = rules::by_code(f.code)?;
            if !settings.is_enabled(rule) {
                return None;
            }
            let base = settings.severity_of(rule);
            let severity = if f.lowered.is_some() { base.lowered() } else { base };
            let message = match &f.lowered {
                Some(why) if severity != base => {
                    format!("{} ({why}; severity lowered from {base} to {severity})", f.message)
                }
                Some(why) => format!("{} ({why})", f.message),
                None => f.message,
            };
            let position = position(src, f.at, lines.len());
            let source_line = position.and_then(|p| lines.get(p.line - 1)).map(|l| l.to_string());
            Some(Diagnostic {
                rule,
                severity,
                message,
                path: src.path().map(str::to_string),
                position,
                expected: f.expected,
                actual: f.actual,
                suggestion: f.suggestion,
                lowered: f.lowered,
                source_line,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |d: &Diagnostic| (d.position.is_some(), d.position.map(|p| (p.line, p.column)));
        key(a).cmp(&key(b)).then_with(|| a.rule.code.cmp(b.rule.code))
    });
    out.dedup();
    out
}

fn start_line(src: &crate::Source, at: At) -> Option<usize> {
    match at {
        At::Document => None,
        At::Line(l) => Some(l),
        At::Span(s) => Some(src.line_of(s)),
        At::Loc(l) => Some(l.line),
    }
}

fn position(src: &crate::Source, at: At, line_count: usize) -> Option<Position> {
    let clamp = |l: usize| l.clamp(1, line_count.max(1));
    match at {
        At::Document => None,
        At::Line(l) => Some(Position { line: clamp(l), column: None, end_line: clamp(l), end_column: None }),
        At::Span(s) => {
            let loc = src.loc(s);
            Some(loc_position(loc))
        }
        At::Loc(loc) => Some(loc_position(loc)),
    }
}

fn loc_position(loc: crate::Loc) -> Position {
    let (end_line, end_column) = if (loc.end_line, loc.end_column) < (loc.line, loc.column) {
        (loc.line, loc.column)
    } else {
        (loc.end_line, loc.end_column)
    };
    Position { line: loc.line, column: Some(loc.column), end_line, end_column: Some(end_column) }
}

/// The lines of the original, without their ends (`\n`, `\r\n`, a lone `\r`).
fn original_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                out.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out
}
