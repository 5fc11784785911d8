//! One snapshot of the record per corpus document, after checking the invariants every
//! record must hold (lines inside the input, children after their parents, ids stable).
//! A person has read each snapshot against its document; `cargo insta review` shows a
//! change for the same reading.

mod common;

use vanban::record::SectionRecord;

fn check_sections(nodes: &[SectionRecord], lines: u64, parent_line: u64) {
    let mut prev = parent_line;
    for n in nodes {
        assert!(n.line >= 1 && n.line <= lines, "{} line {} outside 1..={lines}", n.id, n.line);
        assert!(n.line >= prev, "{} at line {} comes before line {prev}", n.id, n.line);
        prev = n.line;
        check_sections(&n.children, lines, n.line);
    }
}

fn check_invariants(rec: &vanban::Record) {
    let lines = rec.source.lines;
    let mut all_lines = Vec::new();
    all_lines.extend(rec.header.issuer.line);
    all_lines.extend(rec.header.number.as_ref().map(|n| n.line));
    all_lines.extend(rec.header.date.as_ref().map(|n| n.line));
    all_lines.extend(rec.signatories.iter().map(|s| s.line));
    all_lines.extend(rec.citations.iter().map(|s| s.line));
    all_lines.extend(rec.tasks.iter().map(|s| s.line));
    all_lines.extend(rec.diagnostics.iter().filter_map(|d| d.line));
    for l in all_lines {
        assert!(l >= 1 && l <= lines, "line {l} outside 1..={lines}");
    }
    check_sections(&rec.sections, lines, 1);
    let mut prev_cite = 0;
    for c in &rec.citations {
        assert!(c.line >= prev_cite, "citations in first-seen order");
        prev_cite = c.line;
    }
}

#[test]
fn corpus_records() {
    let files = common::corpus_files();
    assert!(files.len() >= 14, "the corpus has its documents");
    for rel in files {
        let rec = common::record_of(&rel);
        check_invariants(&rec);
        // Parsing is deterministic.
        assert_eq!(rec, common::record_of(&rel));
        let name = rel.to_string_lossy().replace(['/', '\\'], "__").trim_end_matches(".txt").to_string();
        insta::with_settings!({ snapshot_suffix => name, omit_expression => true, prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!("record", rec);
        });
    }
}
