//! The record's `/diagnostics`: the findings of [`check`](crate::check) with the default
//! settings, in their wire form ([`DiagnosticRecord`]).
//!
//! Codes are `VB` + three digits, grouped by stage: 0xx decode/normalize, 1xx header,
//! 2xx structure, 3xx plans, 4xx signatories and recipients, 5xx citations, 9xx
//! suppression comments. `vanban check` and the record read the same findings, so they
//! never disagree; `vanban rule CODE` explains each.

use crate::check::{self, Settings};
use crate::record::DiagnosticRecord;

/// All findings of `doc`: document-wide ones first, then in line order.
pub(crate) fn collect(doc: &crate::Document) -> Vec<DiagnosticRecord> {
    check::check(doc, &Settings::default())
        .into_iter()
        .map(|d| DiagnosticRecord {
            code: d.rule.code.to_string(),
            name: d.rule.name.to_string(),
            severity: d.severity.as_str().to_string(),
            message: d.message,
            line: d.position.map(|p| p.line as u64),
            column: d.position.and_then(|p| p.column).map(|c| c as u64),
            end_line: d.position.map(|p| p.end_line as u64),
            expected: d.expected,
            actual: d.actual,
            suggestion: d.suggestion,
        })
        .collect()
}
