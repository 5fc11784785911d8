//! The human formats: `full` (source line and caret) and `concise` (one line each).

use super::{Report, place};
use crate::check::render::RenderOptions;
use crate::check::{Diagnostic, Severity};
use std::io::{self, Write};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const BLUE: &str = "\x1b[1;34m";

fn color_of(s: Severity) -> &'static str {
    match s {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;36m",
    }
}

/// Wraps `s` in an ANSI style when colour is on.
fn paint(on: bool, style: &str, s: &str) -> String {
    if on { format!("{style}{s}{RESET}") } else { s.to_string() }
}

/// Columns a character takes on a terminal: combining marks none, a tab four.
fn width(c: char) -> usize {
    if c == '\t' {
        4
    } else if unicode_normalization::char::is_combining_mark(c) || c.is_control() {
        0
    } else {
        1
    }
}

fn shown(chars: &[char]) -> String {
    chars
        .iter()
        .map(|&c| {
            if c == '\t' {
                "    ".to_string()
            } else if c.is_control() {
                String::new()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `full`: each finding with its line and a caret under the span.
pub(super) fn full(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let on = opts.color;
    for f in report.files() {
        for d in &f.diagnostics {
            let sev = d.severity;
            writeln!(
                out,
                "{}: {}",
                paint(on, color_of(sev), &format!("{sev}[{}]", d.rule.code)),
                paint(on, BOLD, &d.message)
            )?;
            let gutter = d.position.map_or(1, |p| p.line.to_string().len());
            let pad = " ".repeat(gutter);
            writeln!(out, "{pad}{} {}", paint(on, BLUE, "-->"), place(&f.path, d))?;
            if let (Some(p), Some(line)) = (d.position, d.source_line.as_deref()) {
                let bar = paint(on, BLUE, "|");
                writeln!(out, "{pad} {bar}")?;
                let chars: Vec<char> = line.chars().collect();
                let start = p.column.map_or(0, |c| c.saturating_sub(1)).min(chars.len());
                let mut end = match (p.column, p.end_column) {
                    (Some(_), Some(e)) if p.end_line == p.line => e.saturating_sub(1).clamp(start, chars.len()),
                    _ => chars.len(),
                };
                while end > start + 1 && chars[end - 1].is_whitespace() {
                    end -= 1;
                }
                // A long paragraph is shown around the span, not whole.
                let from = if start > 80 { start - 40 } else { 0 };
                let to = chars.len().min((end + 40).max(from + 120));
                let mut text = String::new();
                if from > 0 {
                    text.push('…');
                }
                text.push_str(&shown(&chars[from..to]));
                if to < chars.len() {
                    text.push('…');
                }
                writeln!(out, "{} {bar} {}", paint(on, BLUE, &p.line.to_string()), text.trim_end())?;
                if p.column.is_some() {
                    let lead = usize::from(from > 0) + chars[from..start].iter().map(|&c| width(c)).sum::<usize>();
                    let span_w = chars[start..end.min(to)].iter().map(|&c| width(c)).sum::<usize>().max(1);
                    let carets = "^".repeat(span_w);
                    writeln!(
                        out,
                        "{pad} {bar} {}{} {}",
                        " ".repeat(lead),
                        paint(on, color_of(sev), &carets),
                        paint(on, color_of(sev), d.rule.name)
                    )?;
                }
            }
            notes(d, &pad, on, out)?;
            writeln!(out)?;
        }
    }
    summary(report, on, out)
}

fn notes(d: &Diagnostic, pad: &str, on: bool, out: &mut dyn Write) -> io::Result<()> {
    let eq = paint(on, BLUE, "=");
    if let Some(e) = &d.expected {
        writeln!(out, "{pad} {eq} expected: {e}")?;
    }
    if let Some(a) = &d.actual {
        writeln!(out, "{pad} {eq} found: {a}")?;
    }
    if let Some(s) = &d.suggestion {
        writeln!(out, "{pad} {eq} help: {s}")?;
    }
    if d.position.is_none() {
        writeln!(
            out,
            "{pad} {eq} note: {} ({}); this finding is about the whole document",
            d.rule.name, d.rule.ruleset
        )?;
    }
    Ok(())
}

/// `concise`: `path:line:col: CODE [severity] message`.
pub(super) fn concise(report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    let on = opts.color;
    for f in report.files() {
        for d in &f.diagnostics {
            writeln!(
                out,
                "{}: {} {} {}",
                paint(on, BOLD, &place(&f.path, d)),
                paint(on, color_of(d.severity), d.rule.code),
                paint(on, color_of(d.severity), &format!("[{}]", d.severity)),
                d.message
            )?;
        }
    }
    summary(report, on, out)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The last line(s): how many findings, and whether the check fails.
fn summary(report: &Report, on: bool, out: &mut dyn Write) -> io::Result<()> {
    let c = report.counts();
    let files = plural(c.files, "file", "files");
    let level = report.fail_level().as_str();
    if c.findings == 0 {
        if c.unreadable == 0 {
            writeln!(out, "{} ({files} checked).", paint(on, "\x1b[1;32m", "All checks passed"))?;
        } else {
            writeln!(out, "No findings ({files}).")?;
        }
    } else {
        let mut parts = Vec::new();
        for (n, one, many) in
            [(c.error, "error", "errors"), (c.warning, "warning", "warnings"), (c.info, "info", "info")]
        {
            if n > 0 {
                parts.push(plural(n, one, many));
            }
        }
        let failing = if c.failing == 0 {
            format!("none at or above the fail level ({level})")
        } else {
            format!("{} at or above the fail level ({level})", c.failing)
        };
        writeln!(
            out,
            "Found {} ({}) in {files}; {failing}.",
            plural(c.findings, "finding", "findings"),
            parts.join(", ")
        )?;
    }
    if c.unreadable > 0 {
        writeln!(out, "{} could not be checked (see the messages above).", plural(c.unreadable, "file", "files"))?;
    }
    Ok(())
}
