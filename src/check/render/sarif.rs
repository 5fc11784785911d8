//! `sarif`: SARIF 2.1.0, for code-scanning services (GitHub code scanning, Azure DevOps).
//!
//! One run; the driver lists every rule (`id` the code, `name`, the summary and the
//! explanation, the default level and the ruleset), and each result refers to its rule by
//! `ruleId` and `ruleIndex`. Info findings are `note`. Files that could not be read are
//! tool execution notifications, and make `executionSuccessful` false.

use super::{Report, level};
use crate::check::RULES;
use serde_json::{Value, json};
use std::io::{self, Write};

/// A relative path as a URI reference: `/` separators, anything but unreserved characters
/// percent-encoded.
fn uri(path: &str) -> String {
    let mut s = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

pub(super) fn sarif(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation },
                "help": { "text": r.explanation },
                "defaultConfiguration": { "level": level(r.severity, "note") },
                "properties": { "ruleset": r.ruleset.as_str() },
            })
        })
        .collect();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for f in report.files() {
        if let Some(e) = &f.error {
            notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {e}", f.path) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&f.path) } } }],
            }));
        }
        for d in &f.diagnostics {
            let mut physical = json!({ "artifactLocation": { "uri": uri(&f.path) } });
            if let Some(p) = d.position {
                let mut region = json!({ "startLine": p.line, "endLine": p.end_line });
                if let (Some(c), Some(e)) = (p.column, p.end_column) {
                    region["startColumn"] = json!(c);
                    region["endColumn"] = json!(e);
                }
                physical["region"] = region;
            }
            let mut properties = json!({ "ruleset": d.rule.ruleset.as_str(), "name": d.rule.name });
            for (k, v) in [
                ("expected", &d.expected),
                ("actual", &d.actual),
                ("suggestion", &d.suggestion),
                ("lowered", &d.lowered),
            ] {
                if let Some(v) = v {
                    properties[k] = json!(v);
                }
            }
            results.push(json!({
                "ruleId": d.rule.code,
                "ruleIndex": RULES.iter().position(|r| r.code == d.rule.code).unwrap_or(0),
                "level": level(d.severity, "note"),
                "message": { "text": d.message },
                "locations": [{ "physicalLocation": physical }],
                "properties": properties,
            }));
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "vanban",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
