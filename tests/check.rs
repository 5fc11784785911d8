//! `vanban check` and `vanban rule`: one fixture and one snapshot per rule, the clean
//! corpus, the two seeds the issue names, every output format (snapshots, and the JSON
//! formats read back from the consumer's side), configuration, suppression and exit codes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use vanban::check::{
    self, FailLevel, FileReport, OutputFormat, RULES, RenderOptions, Report, Selector, Settings, Severity,
};

const FIXTURES: &str = "tests/fixtures/rules";

fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// Parses a file as the command does, naming it by its path relative to the root.
fn diagnostics_of(rel: &Path, settings: &Settings) -> Vec<check::Diagnostic> {
    let bytes = std::fs::read(common::root().join(rel)).unwrap_or_else(|e| panic!("{}: {e}", rel.display()));
    let name = rel.to_string_lossy().replace('\\', "/");
    let doc = vanban::Parser::new().parse_bytes_named(&bytes, Some(&name)).expect("parses");
    check::check(&doc, settings)
}

fn render(format: OutputFormat, report: &Report, color: bool) -> String {
    let mut out = Vec::new();
    check::render::render(format, report, &RenderOptions { color }, &mut out).unwrap();
    String::from_utf8(out).unwrap().replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

fn report_of(files: &[&Path], settings: &Settings, fail_level: FailLevel) -> Report {
    let files = files
        .iter()
        .map(|p| FileReport::new(p.to_string_lossy().replace('\\', "/"), diagnostics_of(p, settings)))
        .collect();
    Report::new(files, fail_level)
}

// ---------------------------------------------------------------------------------------
// Rules

#[test]
fn every_rule_has_a_fixture_that_triggers_it_and_a_snapshot() {
    for rule in RULES {
        let path = fixture(&format!("{}.txt", rule.code));
        assert!(common::root().join(&path).exists(), "{} has no fixture {}", rule.code, path.display());
        let all = diagnostics_of(&path, &Settings::default());
        assert!(
            all.iter().any(|d| d.rule.code == rule.code),
            "{} does not trigger {}: {:#?}",
            path.display(),
            rule.code,
            all.iter().map(|d| (d.rule.code, &d.message)).collect::<Vec<_>>()
        );
        let mut only = Settings::new();
        only.select(vec![Selector::parse(rule.code).unwrap()]);
        let report = report_of(&[&path], &only, FailLevel::Warning);
        assert!(report.files()[0].diagnostics.iter().all(|d| d.rule.code == rule.code));
        insta::with_settings!({ omit_expression => true, description => rule.summary }, {
            insta::assert_snapshot!(format!("rule_{}", rule.code), render(OutputFormat::Full, &report, false));
        });
    }
}

#[test]
fn every_fixture_names_a_rule() {
    for e in std::fs::read_dir(common::root().join(FIXTURES)).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(code) = name.strip_suffix(".txt").filter(|n| n.starts_with("VB")) {
            assert!(check::rules::by_code(code).is_some(), "{name} is the fixture of no rule");
        }
    }
}

#[test]
fn clean_fixtures_trigger_nothing() {
    for name in ["clean.txt", "party-clean.txt"] {
        let d = diagnostics_of(&fixture(name), &Settings::default());
        assert!(d.is_empty(), "{name}: {:#?}", d.iter().map(|d| (d.rule.code, &d.message)).collect::<Vec<_>>());
    }
}

/// The documents written for the project, except those that carry defects on purpose
/// (`corpus/README.md`: the draft Thông báo).
const DELIBERATE_DEFECTS: &[&str] = &["corpus/official/thong-bao-du-thao.txt"];

#[test]
fn clean_corpus_documents_trigger_nothing_above_info() {
    let files: Vec<PathBuf> = common::corpus_files()
        .into_iter()
        .filter(|p| p.starts_with("corpus/official") || p.starts_with("corpus/news"))
        .filter(|p| !DELIBERATE_DEFECTS.contains(&p.to_string_lossy().replace('\\', "/").as_str()))
        .collect();
    assert!(files.len() >= 8, "the corpus has its clean documents");
    for p in files {
        let above: Vec<String> = diagnostics_of(&p, &Settings::default())
            .into_iter()
            .filter(|d| d.severity > Severity::Info)
            .map(|d| format!("{} {}", d.rule.code, d.message))
            .collect();
        assert!(above.is_empty(), "{}: {above:#?}", p.display());
    }
}

#[test]
fn the_draft_reports_its_deliberate_defects() {
    let d = diagnostics_of(Path::new("corpus/official/thong-bao-du-thao.txt"), &Settings::default());
    let codes: Vec<&str> = d.iter().map(|d| d.rule.code).collect();
    assert!(codes.contains(&"VB201") && codes.contains(&"VB206") && codes.contains(&"VB105"), "{codes:?}");
    // An unsigned draft: the missing name is expected, so it is lowered and says why.
    let name = d.iter().find(|d| d.rule.code == "VB402").unwrap();
    assert_eq!(name.severity, Severity::Info);
    assert!(name.message.contains("DỰ THẢO") && name.lowered.is_some(), "{}", name.message);
}

#[test]
fn lai_chau_reports_the_missing_ii() {
    let d = diagnostics_of(Path::new("corpus/seeds/004_965ccc07f17a42d3.txt"), &Settings::default());
    let gap = d.iter().find(|d| d.rule.code == "VB201").expect("a gap");
    assert_eq!(gap.rule.name, "numbering-gap");
    assert_eq!(gap.severity, Severity::Warning);
    let p = gap.position.unwrap();
    assert_eq!((p.line, p.column, p.end_line, p.end_column), (38, Some(1), 38, Some(5)));
    assert_eq!((gap.expected.as_deref(), gap.actual.as_deref()), (Some("II"), Some("III")));
    assert!(gap.message.contains("`II` is missing"));
    assert_eq!(gap.source_line.as_deref(), Some("III. NHIỆM VỤ VÀ GIẢI PHÁP TRONG TÂM THỜI GIAN TỚI"));
    // And the decree cited without its year.
    let cite = d.iter().find(|d| d.rule.code == "VB501").expect("140/NĐ-CP");
    assert_eq!(cite.suggestion.as_deref(), Some("write `140/2018/NĐ-CP` (the year of its date)"));
}

#[test]
fn ben_tre_reports_its_own_number_missing_not_the_stamps() {
    let rel = Path::new("corpus/seeds/001_cc5f5593ec550da5.txt");
    let d = diagnostics_of(rel, &Settings::default());
    let n = d.iter().find(|d| d.rule.code == "VB101").expect("a missing number");
    assert_eq!(n.severity, Severity::Warning);
    assert!(n.message.contains("received stamp (11.28)") && n.message.contains("not the document's"));
    assert_eq!(n.position.unwrap().line, 3, "pointed at the stamp");
    assert!(common::record_of(rel).header.number.is_none());
    // The first signature block has no authority marker: a guess, so lowered and said so.
    let sig = d.iter().find(|d| d.rule.code == "VB402").unwrap();
    assert_eq!(sig.severity, Severity::Info);
    assert!(sig.message.contains("severity lowered from warning to info"), "{}", sig.message);
}

#[test]
fn the_record_carries_the_same_findings() {
    for rel in common::corpus_files() {
        let rec = common::record_of(&rel);
        let found = diagnostics_of(&rel, &Settings::default());
        let a: Vec<(&str, &str, Option<u64>)> =
            rec.diagnostics.iter().map(|d| (d.code.as_str(), d.name.as_str(), d.line)).collect();
        let b: Vec<(&str, &str, Option<u64>)> =
            found.iter().map(|d| (d.rule.code, d.rule.name, d.position.map(|p| p.line as u64))).collect();
        assert_eq!(a, b, "{}", rel.display());
    }
}

#[test]
fn lower_case_national_name_and_party_codes() {
    let text = "UBND TỈNH BẮC NINH\nSỞ Y TẾ\n\nSố: 15/KH-SYT\n\nCộng hòa xã hội chủ nghĩa Việt Nam\n\nĐộc lập - Tự do - Hạnh phúc\n\nBắc Ninh, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\nPhòng bệnh\n";
    let doc = vanban::Parser::new().parse_str(text).unwrap();
    let d = check::check(&doc, &Settings::default());
    let n = d.iter().find(|d| d.rule.code == "VB131").expect("lower case Quốc hiệu");
    assert_eq!(n.position.unwrap().line, 6);
    assert!(!d.iter().any(|d| d.rule.code == "VB130"));
    // In a Party document `QĐ` is a Quy định, `QĐi` a Quyết định.
    let party = std::fs::read_to_string(common::root().join(fixture("party-clean.txt"))).unwrap();
    let quy_dinh = party.replace("Số 15-NQ/TU", "Số 383-QĐ/TW").replace("NGHỊ QUYẾT", "QUY ĐỊNH");
    let d = check::check(&vanban::Parser::new().parse_str(&quy_dinh).unwrap(), &Settings::default());
    assert!(!d.iter().any(|d| d.rule.code == "VB104"), "{d:#?}");
    let wrong = party.replace("Số 15-NQ/TU", "Số 383-QĐi/TW").replace("NGHỊ QUYẾT", "QUY ĐỊNH");
    let d = check::check(&vanban::Parser::new().parse_str(&wrong).unwrap(), &Settings::default());
    assert_eq!(d.iter().find(|d| d.rule.code == "VB104").unwrap().expected.as_deref(), Some("QĐ"));
}

#[test]
fn articles_numbered_on_across_chapters_are_no_late_start() {
    let text =
        "QUY ĐỊNH\nVề X\n\nChương I\nCHUNG\n\nĐiều 1. A\n\nĐiều 2. B\n\nChương II\nRIÊNG\n\nĐiều 3. C\n\nĐiều 4. D\n";
    let d = check::check(&vanban::Parser::new().parse_str(text).unwrap(), &Settings::default());
    assert!(!d.iter().any(|d| d.rule.code == "VB203"), "{d:#?}");
}

// ---------------------------------------------------------------------------------------
// Settings and suppression

#[test]
fn select_ignore_and_severity_overrides() {
    let p = fixture("VB201.txt");
    let mut s = Settings::new();
    s.ignore(Selector::parse_list(&["numbering-gap"]).unwrap());
    assert!(diagnostics_of(&p, &s).is_empty());
    let mut s = Settings::new();
    s.select(Selector::parse_list(&["nd30-2020"]).unwrap());
    assert!(diagnostics_of(&p, &s).is_empty());
    let mut s = Settings::new();
    s.severity("VB201", Severity::Error);
    assert_eq!(diagnostics_of(&p, &s)[0].severity, Severity::Error);
}

#[test]
fn inline_comments_suppress_one_finding() {
    let d = diagnostics_of(&fixture("suppressed.txt"), &Settings::default());
    assert!(d.is_empty(), "{d:#?}");
    // The comment is dropped by normalization: the document reads as without it.
    let rec = common::record_of(&fixture("suppressed.txt"));
    assert_eq!(rec.sections[1].label, "III");
    // A trailing comment covers its own line; ignore-file covers findings without a line.
    let base = std::fs::read_to_string(common::root().join(fixture("VB201.txt"))).unwrap();
    let trailing = base.replace("III. TỔ CHỨC THỰC HIỆN", "III. TỔ CHỨC THỰC HIỆN <!-- vanban: ignore VB201 -->");
    assert!(check::check(&vanban::Parser::new().parse_str(&trailing).unwrap(), &Settings::default()).is_empty());
    let no_qh = std::fs::read_to_string(common::root().join(fixture("VB130.txt"))).unwrap();
    let file_wide = format!("<!-- vanban: ignore-file VB130 -->\n{no_qh}");
    assert!(check::check(&vanban::Parser::new().parse_str(&file_wide).unwrap(), &Settings::default()).is_empty());
}

// ---------------------------------------------------------------------------------------
// Output formats

/// A report that has every kind of finding: an error, a warning with a span and one with
/// expected values and a suggestion, a finding about the whole document, an info on a
/// line without a column, a clean file and a file that could not be read.
fn sample_report(fail_level: FailLevel) -> Report {
    let names = ["VB111.txt", "VB114.txt", "VB130.txt", "VB003.txt", "VB201.txt", "clean.txt"];
    let mut files: Vec<FileReport> = names
        .iter()
        .map(|n| {
            let p = fixture(n);
            FileReport::new(p.to_string_lossy().replace('\\', "/"), diagnostics_of(&p, &Settings::default()))
        })
        .collect();
    files.push(FileReport::failed("tests/fixtures/rules/missing.txt", "no such file"));
    Report::new(files, fail_level)
}

#[test]
fn every_format_has_a_snapshot() {
    let report = sample_report(FailLevel::Warning);
    for format in OutputFormat::ALL {
        insta::with_settings!({ omit_expression => true }, {
            insta::assert_snapshot!(format!("format_{}", format.as_str()), render(format, &report, false));
        });
    }
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("format_full_color", render(OutputFormat::Full, &report, true));
    });
}

#[test]
fn rendering_is_deterministic() {
    let a = sample_report(FailLevel::Warning);
    let b = sample_report(FailLevel::Warning);
    for f in OutputFormat::ALL {
        assert_eq!(render(f, &a, false), render(f, &b, false));
    }
    let names: Vec<&str> = a.files().iter().map(|f| f.path.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "files sorted by path");
}

/// The `json` output as a consumer declares it, apart from the library's types.
mod consumer {
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    pub struct Output {
        pub schema: String,
        pub diagnostics: Vec<Diagnostic>,
        pub errors: Vec<Error>,
        pub summary: Summary,
    }

    #[derive(Debug, Deserialize)]
    pub struct Diagnostic {
        #[serde(rename = "type", default)]
        pub kind: Option<String>,
        pub code: String,
        pub name: String,
        pub severity: String,
        pub default_severity: String,
        pub ruleset: String,
        pub message: String,
        pub path: String,
        pub line: Option<u64>,
        pub column: Option<u64>,
        pub end_line: Option<u64>,
        pub end_column: Option<u64>,
        pub expected: Option<String>,
        pub actual: Option<String>,
        pub suggestion: Option<String>,
        pub lowered: Option<String>,
        pub fails: bool,
    }

    #[derive(Debug, Deserialize)]
    pub struct Error {
        pub path: String,
        pub message: String,
    }

    #[derive(Debug, Deserialize)]
    pub struct Summary {
        pub files: u64,
        pub findings: u64,
        pub error: u64,
        pub warning: u64,
        pub info: u64,
        pub failing: u64,
        pub unreadable: u64,
        pub fail_level: String,
        pub failed: bool,
    }
}

#[test]
fn json_read_back_by_a_consumer() {
    let text = render(OutputFormat::Json, &sample_report(FailLevel::Error), false);
    let out: consumer::Output = serde_json::from_str(&text).unwrap();
    assert_eq!(out.schema, "vanban/check/v1");
    let s = &out.summary;
    assert_eq!((s.files, s.unreadable, s.fail_level.as_str(), s.failed), (7, 1, "error", true));
    assert_eq!(s.findings, s.error + s.warning + s.info);
    assert_eq!(s.failing, 1, "only the impossible date fails at `error`");
    assert_eq!(out.errors[0].path, "tests/fixtures/rules/missing.txt");
    assert_eq!(out.errors[0].message, "no such file");
    let date = out.diagnostics.iter().find(|d| d.code == "VB111").unwrap();
    assert_eq!(
        (date.name.as_str(), date.severity.as_str(), date.ruleset.as_str()),
        ("impossible-date", "error", "nd30-2020")
    );
    assert_eq!((date.line, date.column, date.end_line, date.end_column), (Some(9), Some(11), Some(9), Some(36)));
    assert!(date.fails && date.path.ends_with("VB111.txt") && date.lowered.is_none());
    let zero = out.diagnostics.iter().find(|d| d.code == "VB114").unwrap();
    assert_eq!(zero.expected.as_deref(), Some("ngày 05 tháng 3 năm 2024"));
    assert_eq!(zero.actual.as_deref(), Some("ngày 5 tháng 03 năm 2024"));
    assert!(zero.suggestion.as_deref().unwrap().contains("ngày 05 tháng 3 năm 2024") && !zero.fails);
    let whole = out.diagnostics.iter().find(|d| d.code == "VB130").unwrap();
    assert_eq!((whole.line, whole.column, whole.end_line, whole.end_column), (None, None, None, None));
    let lossy = out.diagnostics.iter().find(|d| d.code == "VB003").unwrap();
    assert_eq!((lossy.line, lossy.column, lossy.severity.as_str()), (Some(4), None, "info"));
    assert!(out.diagnostics.iter().all(|d| d.kind.is_none() && d.default_severity == d.severity));
    assert!(out.diagnostics.iter().all(|d| !d.message.is_empty()));
    // Sorted by path, then by position.
    let keys: Vec<(&str, Option<u64>)> = out.diagnostics.iter().map(|d| (d.path.as_str(), d.line)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn json_lines_read_back_by_a_consumer() {
    let text = render(OutputFormat::JsonLines, &sample_report(FailLevel::Warning), false);
    let lines: Vec<&str> = text.lines().collect();
    let last: serde_json::Value = serde_json::from_str(lines.last().unwrap()).unwrap();
    assert_eq!(last["type"], "summary");
    let summary: consumer::Summary = serde_json::from_value(last).unwrap();
    let mut diags = 0;
    let mut errors = 0;
    for l in &lines[..lines.len() - 1] {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        match v["type"].as_str().unwrap() {
            "diagnostic" => {
                let d: consumer::Diagnostic = serde_json::from_value(v).unwrap();
                assert_eq!(d.kind.as_deref(), Some("diagnostic"));
                assert!(d.code.starts_with("VB") && !d.name.is_empty());
                diags += 1;
            }
            "error" => {
                let e: consumer::Error = serde_json::from_value(v).unwrap();
                assert!(e.path.ends_with("missing.txt"));
                errors += 1;
            }
            other => panic!("unexpected type {other}"),
        }
    }
    assert_eq!((diags, errors), (summary.findings, summary.unreadable));
}

#[test]
fn sarif_read_back_by_a_consumer() {
    let v: serde_json::Value =
        serde_json::from_str(&render(OutputFormat::Sarif, &sample_report(FailLevel::Warning), false)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "vanban");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    assert_eq!(run["invocations"][0]["executionSuccessful"], false, "a file could not be read");
    for r in run["results"].as_array().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(loc["artifactLocation"]["uri"].as_str().unwrap().starts_with("tests/fixtures/rules/"));
    }
    let gap = run["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "VB201").unwrap();
    assert_eq!(gap["locations"][0]["physicalLocation"]["region"]["startLine"], 22);
}

#[test]
fn github_annotations_are_workflow_commands() {
    let text = render(OutputFormat::Github, &sample_report(FailLevel::Warning), false);
    let re = regex::Regex::new(r"^::(error|warning|notice) file=[^,:]+(?:,line=\d+)?(?:,col=\d+)?(?:,endLine=\d+)?(?:,endColumn=\d+)?,title=[^:]+::\S").unwrap();
    for l in text.lines() {
        assert!(re.is_match(l), "{l}");
    }
    assert!(text.contains("::warning file=tests/fixtures/rules/VB201.txt,line=22,col=1,endLine=22,endColumn=5,title=vanban VB201 (numbering-gap)::"));
    assert!(text.contains("::notice file=tests/fixtures/rules/VB003.txt,line=4,endLine=4,"));
}

#[test]
fn junit_is_well_formed_xml() {
    let text = render(OutputFormat::Junit, &sample_report(FailLevel::Warning), false);
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    assert_eq!(text.matches("<testsuite ").count(), 7);
    assert_eq!(text.matches("<testsuite ").count(), text.matches("</testsuite>").count());
    let attr = |name: &str| -> usize {
        let at = text.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        text[at..].split('"').next().unwrap().parse().unwrap()
    };
    let cases = text.matches("<testcase ").count();
    assert_eq!(attr("tests"), cases);
    assert_eq!(attr("failures"), text.matches("<failure ").count());
    assert_eq!(attr("errors"), text.matches("<error ").count());
    // Every case is closed, on its own line or with `/>`.
    let self_closed = text.lines().filter(|l| l.trim_start().starts_with("<testcase ") && l.ends_with("/>")).count();
    assert_eq!(cases, text.matches("</testcase>").count() + self_closed);
    // Text is escaped: the only `<` and `&` start tags and entities.
    for l in text.lines().skip(1) {
        let inner = l.trim();
        assert!(inner.starts_with('<') && inner.ends_with('>'), "{l}");
        assert!(!inner[1..inner.len() - 1].contains(['<', '>']) || inner.contains("</"), "{l}");
    }
}

// ---------------------------------------------------------------------------------------
// The command

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(common::root()).output().expect("runs")
}

fn vanban_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(dir).output().expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vanban-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn exit_0_when_clean_1_with_findings_2_on_errors() {
    let o = vanban(&["check", "tests/fixtures/rules/clean.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("All checks passed (1 file checked)."));
    let o = vanban(&["check", "tests/fixtures/rules/VB201.txt"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("warning[VB201]") && !stdout(&o).contains('\x1b'), "no colour when piped");
    assert_eq!(vanban(&["check", "--exit-zero", "tests/fixtures/rules/VB201.txt"]).status.code(), Some(0));
    // Info never fails; the fail level moves what does.
    assert_eq!(vanban(&["check", "tests/fixtures/rules/VB206.txt"]).status.code(), Some(0));
    assert_eq!(vanban(&["check", "--fail-level", "error", "tests/fixtures/rules/VB201.txt"]).status.code(), Some(0));
    assert_eq!(vanban(&["check", "--fail-level", "error", "tests/fixtures/rules/VB111.txt"]).status.code(), Some(1));
    // Unreadable inputs and usage errors.
    let o = vanban(&["check", "tests/fixtures/rules/clean.txt", "no/such.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).trim(), "vanban: no/such.txt: no such file");
    let o = vanban(&["check", "--select", "VB999", "tests/fixtures/rules/clean.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`VB999` names no rule"), "{}", stderr(&o));
    assert_eq!(vanban(&["check"]).status.code(), Some(2));
    assert_eq!(vanban(&["check", "--fail-level", "info", "x.txt"]).status.code(), Some(2));
    let o = vanban(&["check", "--max-bytes", "10", "tests/fixtures/rules/clean.txt"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_documents_exit_codes() {
    let o = vanban(&["check", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let h = stdout(&o);
    assert!(h.contains("Exit codes") && h.contains("--fail-level") && h.contains("vanban.toml"), "{h}");
    assert!(h.contains("json-lines") && h.contains("sarif") && h.contains("junit") && h.contains("github"));
}

#[test]
fn select_ignore_and_formats_on_the_command_line() {
    let o = vanban(&["check", "--output-format", "concise", "--select", "VB1,VB4", "tests/fixtures/rules/VB201.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let o =
        vanban(&["check", "--output-format", "concise", "--ignore", "numbering-gap", "tests/fixtures/rules/VB201.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let o = vanban(&["check", "--output-format", "json", "tests/fixtures/rules/VB201.txt"]);
    let v: consumer::Output = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.diagnostics.len(), 1);
    assert_eq!(v.diagnostics[0].path, "tests/fixtures/rules/VB201.txt");
}

#[test]
fn directories_are_searched_and_output_is_sorted() {
    let o = vanban(&["check", "--output-format", "concise", "--exit-zero", "tests/fixtures/rules"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let paths: Vec<&str> =
        text.lines().filter(|l| l.starts_with("tests/")).map(|l| l.split(':').next().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    for r in RULES {
        assert!(text.contains(&format!(" {} [", r.code)), "{} found in the directory run", r.code);
    }
    assert_eq!(text, stdout(&vanban(&["check", "--output-format", "concise", "--exit-zero", "tests/fixtures/rules"])));
}

#[test]
fn standard_input_is_read_with_dash() {
    let text = std::fs::read(common::root().join(fixture("VB201.txt"))).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["check", "--output-format", "concise", "--stdin-filename", "ke-hoach.txt", "-"])
        .current_dir(common::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &text).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("ke-hoach.txt:22:1: VB201 [warning]"), "{}", stdout(&o));
}

#[test]
fn vanban_toml_is_found_above_the_file() {
    let dir = temp_dir("config");
    let sub = dir.join("ke-hoach/2024");
    std::fs::create_dir_all(&sub).unwrap();
    let doc = std::fs::read(common::root().join(fixture("VB201.txt"))).unwrap();
    std::fs::write(sub.join("a.txt"), &doc).unwrap();
    std::fs::write(dir.join("b.txt"), &doc).unwrap();
    let file = sub.join("a.txt");
    let file = file.to_str().unwrap();
    assert_eq!(vanban_in(&dir, &["check", file]).status.code(), Some(1), "no config yet");
    std::fs::write(dir.join("vanban.toml"), "[check]\nignore = [\"VB201\"]\n").unwrap();
    assert_eq!(vanban_in(&dir, &["check", file]).status.code(), Some(0), "found two levels up");
    assert_eq!(vanban_in(&dir, &["check", "--no-config", file]).status.code(), Some(1));
    // per-file-ignores and the run-wide fail level.
    std::fs::write(
        dir.join("vanban.toml"),
        "[check]\nfail-level = \"error\"\n[check.per-file-ignores]\n\"ke-hoach/**\" = [\"VB2\"]\n",
    )
    .unwrap();
    let o = vanban_in(&dir, &["check", "--output-format", "concise", "--fail-level", "warning", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("b.txt:22:1: VB201") && !stdout(&o).contains("a.txt"), "{}", stdout(&o));
    assert_eq!(vanban_in(&dir, &["check", "."]).status.code(), Some(0), "fail-level = error from the file");
    // --config names a file; a bad one is a usage error.
    let other = dir.join("strict.toml");
    std::fs::write(&other, "[check]\nselect = [\"VB201\"]\n").unwrap();
    assert_eq!(vanban_in(&dir, &["check", "--config", other.to_str().unwrap(), file]).status.code(), Some(1));
    std::fs::write(&other, "[check]\nselct = [\"VB201\"]\n").unwrap();
    let o = vanban_in(&dir, &["check", "--config", other.to_str().unwrap(), file]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("strict.toml") && stderr(&o).contains("selct"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rule_explains_and_lists() {
    let o = vanban(&["rule", "VB201"]);
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    assert!(t.starts_with("VB201 numbering-gap\n") && t.contains("Severity: warning") && t.contains("Example"), "{t}");
    assert_eq!(stdout(&vanban(&["rule", "numbering-gap"])), t);
    let all = stdout(&vanban(&["rule", "--all"]));
    assert_eq!(all.lines().count(), RULES.len());
    for r in RULES {
        assert!(all.contains(r.code) && all.contains(r.name));
    }
    let json: Vec<serde_json::Value> =
        serde_json::from_slice(&vanban(&["rule", "--all", "--output-format", "json"]).stdout).unwrap();
    assert_eq!(json.len(), RULES.len());
    assert_eq!(json[0]["ruleset"], "core");
    let o = vanban(&["rule", "VB999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`VB999` is no rule"));
    assert_eq!(vanban(&["rule"]).status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------
// Documentation

const DOCS: &str = "README.md";
const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn docs_list_every_rule() {
    let path = common::root().join(DOCS);
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let table = check::rules::markdown_table();
    let (Some(s), Some(e)) = (doc.find(START), doc.find(END)) else {
        panic!("{DOCS} has no `{}` … `{END}` markers", START.trim());
    };
    let current = &doc[s + START.len()..e];
    if std::env::var_os("VANBAN_UPDATE_DOCS").is_some() && current != table {
        let updated = format!("{}{table}{}", &doc[..s + START.len()], &doc[e..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        current == table,
        "the rule table in {DOCS} is out of date with src/check/rules.rs; regenerate it with:\n\n    VANBAN_UPDATE_DOCS=1 cargo test --test check docs_list_every_rule\n"
    );
    for r in RULES {
        assert!(current.contains(&format!("| `{}` | `{}` |", r.code, r.name)));
    }
}
