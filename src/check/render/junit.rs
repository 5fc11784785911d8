//! `junit`: JUnit XML for CI test reports. One `<testsuite>` per file, one `<testcase>` per
//! finding (a `<failure>` when it is at or above the fail level; below it the case passes
//! and carries the finding in `<system-out>`), one passing case for a clean file, and an
//! `<error>` case for a file that could not be read.

use super::{Report, place};
use std::io::{self, Write};

/// Escapes text for an XML attribute or element; drops characters XML 1.0 cannot hold.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

pub(super) fn junit(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let c = report.counts();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    let cases = |f: &super::FileReport| f.diagnostics.len().max(1);
    let total: usize = report.files().iter().map(cases).sum();
    writeln!(
        out,
        r#"<testsuites name="vanban check" tests="{total}" failures="{}" errors="{}">"#,
        c.failing, c.unreadable
    )?;
    for f in report.files() {
        let failures = f.diagnostics.iter().filter(|d| report.fails(d)).count();
        let errors = usize::from(f.error.is_some());
        let path = xml(&f.path);
        writeln!(out, r#"  <testsuite name="{path}" tests="{}" failures="{failures}" errors="{errors}">"#, cases(f))?;
        if let Some(e) = &f.error {
            writeln!(out, r#"    <testcase name="read" classname="{path}" file="{path}">"#)?;
            writeln!(out, r#"      <error message="{}"/>"#, xml(e))?;
            writeln!(out, "    </testcase>")?;
        } else if f.diagnostics.is_empty() {
            writeln!(out, r#"    <testcase name="no findings" classname="{path}" file="{path}"/>"#)?;
        }
        for d in &f.diagnostics {
            let at = d.position.map_or(String::new(), |p| format!(" line {}", p.line));
            let line_attr = d.position.map_or(String::new(), |p| format!(r#" line="{}""#, p.line));
            writeln!(
                out,
                r#"    <testcase name="{} {}{at}" classname="{path}" file="{path}"{line_attr}>"#,
                d.rule.code, d.rule.name
            )?;
            let body = format!("{}: {} [{}] {}", place(&f.path, d), d.rule.code, d.severity, d.message);
            if report.fails(d) {
                writeln!(
                    out,
                    r#"      <failure message="{}" type="{}">{}</failure>"#,
                    xml(&d.message),
                    d.severity,
                    xml(&body)
                )?;
            } else {
                writeln!(out, "      <system-out>{}</system-out>", xml(&body))?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
