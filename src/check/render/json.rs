//! The JSON formats, `json` and `json-lines`, and their wire types.
//!
//! # Wire format
//!
//! `json` writes one object:
//!
//! ```json
//! {
//!   "schema": "vanban/check/v1",
//!   "diagnostics": [
//!     { "code": "VB201", "name": "numbering-gap", "severity": "warning", "default_severity": "warning",
//!       "ruleset": "core", "message": "numbering gap: `III` follows `I`; `II` is missing",
//!       "path": "ke-hoach.txt", "line": 38, "column": 1, "end_line": 38, "end_column": 5,
//!       "expected": "`II`", "actual": "`III`", "suggestion": null, "lowered": null, "fails": true }
//!   ],
//!   "errors": [ { "path": "missing.txt", "message": "no such file" } ],
//!   "summary": { "files": 2, "findings": 1, "error": 0, "warning": 1, "info": 0, "failing": 1,
//!                "unreadable": 1, "fail_level": "warning", "failed": true }
//! }
//! ```
//!
//! `json-lines` writes the same objects one per line, each with a `type`: `diagnostic` (the
//! fields above), `error` (`path`, `message`) and, last, `summary`.
//!
//! Every field is always present; `line`, `column`, `end_line` and `end_column` are `null`
//! for a finding about the whole document, and the columns alone are `null` when only the
//! line is known. Lines are 1-based lines of the file as given; columns count characters
//! from 1, and `end_column` is just past the last character. `severity` is what the finding
//! is reported at; `default_severity` is the rule's own, and `lowered` says why the two
//! differ when the parser only guessed the part of the document the finding is about.
//! `fails` is true when the finding is at or above the fail level. Fields are only ever added.

use super::{Counts, Report};
use crate::check::Diagnostic;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// The schema identifier of the `json` output.
pub const SCHEMA_ID: &str = "vanban/check/v1";

/// One diagnostic on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonDiagnostic {
    /// Rule code (`VB201`).
    pub code: String,
    /// Rule name (`numbering-gap`).
    pub name: String,
    /// Severity reported: `info`, `warning` or `error`.
    pub severity: String,
    /// The rule's own severity.
    pub default_severity: String,
    /// `core`, `nd30-2020` or `party`.
    pub ruleset: String,
    /// What was found.
    pub message: String,
    /// The file.
    pub path: String,
    /// 1-based line, or null for the whole document.
    pub line: Option<usize>,
    /// 1-based column (characters), or null.
    pub column: Option<usize>,
    /// Line of the last character, or null.
    pub end_line: Option<usize>,
    /// Column just past the last character, or null.
    pub end_column: Option<usize>,
    /// What the format asks for, or null.
    pub expected: Option<String>,
    /// What the document has, or null.
    pub actual: Option<String>,
    /// How to fix it, or null.
    pub suggestion: Option<String>,
    /// Why the severity is lower than the rule's, or null.
    pub lowered: Option<String>,
    /// True when the finding is at or above the fail level.
    pub fails: bool,
}

impl JsonDiagnostic {
    /// The wire form of `d`, found in `path`.
    pub fn new(d: &Diagnostic, path: &str, fails: bool) -> JsonDiagnostic {
        let p = d.position;
        JsonDiagnostic {
            code: d.rule.code.into(),
            name: d.rule.name.into(),
            severity: d.severity.as_str().into(),
            default_severity: d.rule.severity.as_str().into(),
            ruleset: d.rule.ruleset.as_str().into(),
            message: d.message.clone(),
            path: path.into(),
            line: p.map(|p| p.line),
            column: p.and_then(|p| p.column),
            end_line: p.map(|p| p.end_line),
            end_column: p.and_then(|p| p.end_column),
            expected: d.expected.clone(),
            actual: d.actual.clone(),
            suggestion: d.suggestion.clone(),
            lowered: d.lowered.clone(),
            fails,
        }
    }
}

/// A file that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonError {
    /// The file.
    pub path: String,
    /// Why.
    pub message: String,
}

/// The counts on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSummary {
    /// Files checked or attempted.
    pub files: usize,
    /// Findings in all.
    pub findings: usize,
    /// Error findings.
    pub error: usize,
    /// Warning findings.
    pub warning: usize,
    /// Info findings.
    pub info: usize,
    /// Findings at or above the fail level.
    pub failing: usize,
    /// Files that could not be read or parsed.
    pub unreadable: usize,
    /// `warning` or `error`.
    pub fail_level: String,
    /// True when the check fails: a finding at the fail level or a file that could not be read.
    pub failed: bool,
}

/// The `json` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonReport {
    /// Always `vanban/check/v1`.
    pub schema: String,
    /// Every finding, sorted by path and position.
    pub diagnostics: Vec<JsonDiagnostic>,
    /// Files that could not be checked.
    pub errors: Vec<JsonError>,
    /// The counts.
    pub summary: JsonSummary,
}

fn summary(report: &Report) -> JsonSummary {
    let Counts { files, findings, error, warning, info, failing, unreadable } = report.counts();
    JsonSummary {
        files,
        findings,
        error,
        warning,
        info,
        failing,
        unreadable,
        fail_level: report.fail_level().as_str().into(),
        failed: failing > 0 || unreadable > 0,
    }
}

fn diagnostics(report: &Report) -> impl Iterator<Item = JsonDiagnostic> + '_ {
    report
        .files()
        .iter()
        .flat_map(move |f| f.diagnostics.iter().map(move |d| JsonDiagnostic::new(d, &f.path, report.fails(d))))
}

fn errors(report: &Report) -> impl Iterator<Item = JsonError> + '_ {
    report
        .files()
        .iter()
        .filter_map(|f| f.error.as_ref().map(|e| JsonError { path: f.path.clone(), message: e.clone() }))
}

/// The `json` report as a value (what `json` writes).
pub fn to_report(report: &Report) -> JsonReport {
    JsonReport {
        schema: SCHEMA_ID.into(),
        diagnostics: diagnostics(report).collect(),
        errors: errors(report).collect(),
        summary: summary(report),
    }
}

pub(super) fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_report(report))?;
    writeln!(out)
}

#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(flatten)]
    data: T,
}

pub(super) fn json_lines(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in diagnostics(report) {
        serde_json::to_writer(&mut *out, &Tagged { kind: "diagnostic", data: d })?;
        writeln!(out)?;
    }
    for e in errors(report) {
        serde_json::to_writer(&mut *out, &Tagged { kind: "error", data: e })?;
        writeln!(out)?;
    }
    serde_json::to_writer(&mut *out, &Tagged { kind: "summary", data: summary(report) })?;
    writeln!(out)
}
