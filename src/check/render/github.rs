//! `github`: GitHub Actions workflow commands, which the runner turns into annotations on
//! the changed files (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::…`).
//!
//! Errors are `::error`, warnings `::warning`, info findings `::notice`. A finding about the
//! whole document is annotated on the file without a line; one that spans several lines
//! keeps its lines and drops its columns, as GitHub draws a column range on one line only.

use super::{Report, level};
use std::io::{self, Write};

/// Escapes a command's message (`%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command's property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn github(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in report.files() {
        if let Some(e) = &f.error {
            writeln!(out, "::error file={},title={}::{}", property(&f.path), property("vanban"), data(e))?;
        }
        for d in &f.diagnostics {
            let mut props = vec![format!("file={}", property(&f.path))];
            if let Some(p) = d.position {
                props.push(format!("line={}", p.line));
                let one_line = p.end_line == p.line;
                if let (Some(c), true) = (p.column, one_line) {
                    props.push(format!("col={c}"));
                }
                props.push(format!("endLine={}", p.end_line));
                if let (Some(c), true) = (p.end_column, one_line) {
                    props.push(format!("endColumn={c}"));
                }
            }
            props.push(format!("title={}", property(&format!("vanban {} ({})", d.rule.code, d.rule.name))));
            let mut msg = d.message.clone();
            if let Some(s) = &d.suggestion {
                msg.push_str(&format!("\nhelp: {s}"));
            }
            writeln!(out, "::{} {}::{}", level(d.severity, "notice"), props.join(","), data(&msg))?;
        }
    }
    Ok(())
}
