//! Findings about a document: decoding problems, missing or malformed header parts,
//! numbering, signatures, and what a plan announces against what it holds.
//!
//! Codes are `VB` + three digits, grouped by stage: 0xx decode/normalize, 1xx header,
//! 2xx structure, 3xx plans, 4xx signatories and recipients, 5xx citations.

use crate::extract::Kind;
use crate::outline::NodeKind;
use crate::record::DiagnosticRecord;
use crate::source::Span;

/// All findings of `doc`, in line order (document-wide ones first).
pub(crate) fn collect(doc: &crate::Document) -> Vec<DiagnosticRecord> {
    let p = doc.parts();
    let src = p.src;
    let mut out: Vec<DiagnosticRecord> = Vec::new();
    let mut at_line = |code: &str, severity: &str, message: String, line: Option<u64>, column: Option<u64>| {
        out.push(DiagnosticRecord { code: code.into(), severity: severity.into(), message, line, column });
    };
    let mut lossy_lines = Vec::new();
    for c in p.lossy.iter().take(20) {
        lossy_lines.push((
            c.line as u64,
            format!(
                "{} cannot carry toned capitals: `{}` (byte {}) may have been `{}` in the original",
                src.encoding().name(),
                c.decoded,
                c.byte_offset,
                c.possible
            ),
        ));
    }
    for (line, msg) in lossy_lines {
        at_line("VB003", "info", msg, Some(line), None);
    }
    let mut at = |code: &str, severity: &str, message: String, span: Option<Span>| {
        let loc = span.map(|s| src.loc(s));
        at_line(code, severity, message, loc.map(|l| l.line as u64), loc.map(|l| l.column as u64));
    };
    if p.looks_binary {
        at(
            "VB002",
            "error",
            "the input looks like binary data, not a text document; the record is a best effort".into(),
            None,
        );
    }
    for i in p.decode_issues {
        at(
            "VB001",
            "warning",
            format!(
                "{} byte(s) at byte offset {} (line {}) are not valid {}; replaced by U+FFFD",
                i.len,
                i.byte_offset,
                i.line,
                src.encoding().name()
            ),
            None,
        );
    }
    if p.decode_issue_count > p.decode_issues.len() {
        at(
            "VB001",
            "warning",
            format!("{} more invalid byte sequences not listed", p.decode_issue_count - p.decode_issues.len()),
            None,
        );
    }
    if p.encoding_confidence < 0.5 {
        at(
            "VB004",
            "warning",
            format!(
                "the encoding was detected as {} with low confidence ({:.2}); if the text looks wrong, give it with --encoding",
                src.encoding().name(),
                p.encoding_confidence
            ),
            None,
        );
    }
    if p.lossy_count > 20 {
        at(
            "VB003",
            "info",
            format!("{} more characters the encoding could not carry for sure", p.lossy_count - 20),
            None,
        );
    }
    let h = p.header;
    if p.kind == Kind::Official {
        match (&h.number, &h.received) {
            (None, Some(r)) => at(
                "VB101",
                "warning",
                format!(
                    "the document has no number of its own (`Số: …`); the number on the received stamp ({}) is the receiving office's, not the document's",
                    r.number.as_deref().unwrap_or("blank")
                ),
                Some(r.span),
            ),
            (None, None) => at("VB101", "warning", "the document has no number (`Số: …`)".into(), None),
            _ => {}
        }
        if let Some(n) = &h.number {
            match &n.parts {
                None => {
                    at("VB102", "warning", format!("the number `{}` follows no known pattern", n.text), Some(n.span))
                }
                Some(parts) => {
                    if let Some(code) = &parts.type_code {
                        if !crate::vocab::is_type_code(code) {
                            at(
                                "VB103",
                                "info",
                                format!(
                                    "the type code `{code}` is not in the official table (Nghị định 30/2020/NĐ-CP, Phụ lục III)"
                                ),
                                Some(n.span),
                            );
                        } else if let (Some(info), Some(tcode)) =
                            (h.doc_type_info, crate::vocab::doc_type_by_code(code))
                        {
                            if info.code.is_some() && info.name != tcode.name && parts.year.is_none() {
                                at(
                                    "VB104",
                                    "info",
                                    format!(
                                        "the type code `{code}` is for {}, but the document is a {}",
                                        tcode.name, info.name
                                    ),
                                    Some(n.span),
                                );
                            }
                        }
                    }
                    if parts.seq.is_none() {
                        at("VB105", "info", format!("the number `{}` has no sequence: a draft?", n.text), Some(n.span));
                    }
                }
            }
        }
        match &h.date {
            None => at("VB110", "warning", "no date of issue (`…, ngày … tháng … năm …`) was found".into(), None),
            Some(d) => {
                if !d.parts.is_valid() {
                    at("VB111", "error", format!("`{}` is not a date of the calendar", d.text), Some(d.span));
                } else if d.parts.precision() != Some("day") {
                    at(
                        "VB112",
                        "info",
                        format!("the date `{}` is incomplete: only what is printed is kept", d.text),
                        Some(d.span),
                    );
                }
            }
        }
        if h.issuer.is_none() {
            at("VB120", "warning", "no issuing body (cơ quan ban hành) was found above the number".into(), None);
        }
        if h.doc_type.is_none() && h.title.is_none() {
            at("VB121", "warning", "neither a tên loại nor a `V/v` trích yếu was found".into(), None);
        }
        for (span, msg) in &h.notes {
            at("VB106", "info", msg.clone(), Some(*span));
        }
        if p.closing.signatories.is_empty() {
            at("VB401", "warning", "no signature block was found".into(), None);
        }
        for s in &p.closing.signatories {
            if s.name.is_none() {
                at(
                    "VB402",
                    "info",
                    format!(
                        "the signature block `{}` has no name",
                        s.position.as_deref().or(s.on_behalf_of.as_deref()).unwrap_or("?")
                    ),
                    Some(s.span),
                );
            }
        }
        if p.closing.recipients_label.is_none() {
            at("VB410", "info", "no `Nơi nhận:` list was found".into(), None);
        } else if !p.closing.recipients.iter().any(|r| r.0.starts_with("Lưu")) {
            at("VB411", "info", "the `Nơi nhận:` list has no `Lưu: …` item".into(), p.closing.recipients_label);
        }
    }
    for f in &p.outline.findings {
        at(f.code, f.severity, f.message.clone(), Some(f.span));
    }
    if let Some((n, span)) = p.plan.and_then(|pl| pl.announced) {
        let ords: Vec<u32> =
            p.outline.nodes.iter().filter(|x| x.kind == NodeKind::Ordinal).filter_map(|x| x.number).collect();
        if let Some(&max) = ords.iter().max() {
            if max != n {
                at(
                    "VB301",
                    "warning",
                    format!("the text announces {n} items but its enumeration reaches {max}"),
                    Some(span),
                );
            } else {
                at(
                    "VB300",
                    "info",
                    format!("the text announces {n} items and its enumeration reaches {max}"),
                    Some(span),
                );
            }
        }
    }
    let _ = doc;
    out.sort_by_key(|d| (d.line.is_some(), d.line, d.column));
    out
}
