//! The `vanban` command as a user meets it: exit codes, error messages, output shapes.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(common::root()).output().expect("runs")
}

fn vanban_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(common::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no_panic(o: &Output) {
    let e = stderr(o);
    assert!(!e.contains("panicked") && !e.contains("RUST_BACKTRACE"), "panic: {e}");
}

const SEED: &str = "corpus/seeds/004_965ccc07f17a42d3.txt";

#[test]
fn parse_prints_one_record_and_exits_0() {
    let o = vanban(&["parse", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rec: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rec["schema"], "vanban/record/v1");
    assert_eq!(rec["source"]["path"], SEED);
    assert_eq!(rec["header"]["number"]["text"], "470/KH-LĐLĐ");
}

#[test]
fn compact_gives_one_line_per_record() {
    let o = vanban(&["parse", "--compact", SEED, "corpus/seeds/001_cc5f5593ec550da5.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        serde_json::from_str::<serde_json::Value>(l).unwrap();
    }
}

#[test]
fn stdin_is_read_with_dash() {
    let o = vanban_stdin(&["parse", "-"], "Số: 12/KH-UBND\n\nKẾ HOẠCH\n\nVề việc\n".as_bytes());
    assert_eq!(o.status.code(), Some(0));
    let rec: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rec["source"]["path"], serde_json::Value::Null);
    assert_eq!(rec["header"]["number"]["text"], "12/KH-UBND");
}

#[test]
fn missing_file_is_named_with_its_cause_and_exits_2() {
    let o = vanban(&["parse", "no/such/file.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).trim(), "vanban: no/such/file.txt: no such file");
    assert!(o.stdout.is_empty());
}

#[test]
fn a_directory_is_refused_with_advice() {
    let o = vanban(&["parse", "corpus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("corpus: is a directory"), "{}", stderr(&o));
    no_panic(&o);
}

#[test]
fn other_files_are_still_parsed_when_one_fails() {
    let o = vanban(&["parse", "--compact", "no/such.txt", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8(o.stdout).unwrap().lines().count(), 1);
}

#[test]
fn empty_input_gives_an_empty_record() {
    let o = vanban_stdin(&["parse", "-"], b"");
    assert_eq!(o.status.code(), Some(0));
    let rec: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rec["kind"], "unknown");
    assert_eq!(rec["header"]["number"], serde_json::Value::Null);
    assert_eq!(rec["sections"], serde_json::json!([]));
}

#[test]
fn random_bytes_give_a_best_effort_record_with_diagnostics() {
    let bytes: Vec<u8> = (0..50_000u32).map(|i| (i.wrapping_mul(2654435761) >> 11) as u8).collect();
    let o = vanban_stdin(&["parse", "-"], &bytes);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(0));
    let rec: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = rec["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"VB002") && codes.contains(&"VB001"), "{codes:?}");
}

#[test]
fn unreadable_file_is_reported() {
    let dir = std::env::temp_dir().join(format!("vanban-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("locked.txt");
    std::fs::write(&p, "x").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    let o = vanban(&["parse", p.to_str().unwrap()]);
    no_panic(&o);
    // Root reads any file; others get a clear refusal.
    if o.status.code() == Some(2) {
        assert!(stderr(&o).contains("permission denied"), "{}", stderr(&o));
    } else {
        assert_eq!(o.status.code(), Some(0));
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn too_large_input_is_refused() {
    let o = vanban(&["parse", "--max-bytes", "100", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("more than the limit of 100 bytes"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(vanban(&[]).status.code(), Some(2));
    assert_eq!(vanban(&["parse"]).status.code(), Some(2));
    let o = vanban(&["parse", "--encoding", "klingon", SEED]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown encoding `klingon`"));
    let h = vanban(&["--help"]);
    assert_eq!(h.status.code(), Some(0));
    let help = String::from_utf8(h.stdout).unwrap();
    assert!(help.contains("Exit codes") && help.contains("vanban parse"));
    assert_eq!(vanban(&["--version"]).status.code(), Some(0));
}

#[test]
fn schema_command_prints_the_checked_in_schema() {
    let o = vanban(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let printed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join("schemas/record.v1.schema.json")).unwrap())
            .unwrap();
    assert_eq!(printed, file);
}

#[test]
fn normalize_prints_the_normalized_text() {
    let o = vanban_stdin(&["normalize", "-"], "**Uỷ  ban.**\r\n\r\nhoà".as_bytes());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(String::from_utf8(o.stdout.clone()).unwrap(), "Ủy ban.\n\nhòa\n");
    assert!(stderr(&o).contains("encoding utf-8"));
}

#[cfg(unix)]
#[test]
fn normalize_joins_syllables_cut_by_pdf_unless_asked() {
    let text = "ĐIỀ U KHO ẢN THI HÀ NH\n".as_bytes();
    let o = vanban_stdin(&["normalize", "-"], text);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ĐIỀU KHOẢN THI HÀNH\n");
    let o = vanban_stdin(&["normalize", "--keep-split-syllables", "-"], text);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ĐIỀ U KHO ẢN THI HÀ NH\n");
}

#[test]
fn broken_pipe_exits_quietly() {
    // `vanban parse … | head -c 10`: the reader goes away early.
    let files: Vec<String> = common::corpus_files().iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let mut args = vec!["parse".to_string(), "--compact".to_string()];
    for _ in 0..20 {
        args.extend(files.iter().cloned());
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(&args)
        .current_dir(common::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut buf = [0u8; 10];
    std::io::Read::read_exact(&mut out, &mut buf).unwrap();
    drop(out);
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn normalize_leaves_web_chrome_out_unless_asked() {
    let page = "Trang chủ\nThời sự\nVideo\n\nTiêu đề bài báo về kế hoạch mới\n\n(LĐTĐ) - Nội dung bài báo dài hơn một trăm ký tự để làm đoạn mở đầu của bài báo này, nói về kế hoạch.\n\nTin mới\n\nMột tin khác\n";
    let o = vanban_stdin(&["normalize", "-"], page.as_bytes());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains("Trang chủ") && !text.contains("Tin mới") && text.contains("(LĐTĐ)"), "{text}");
    let o = vanban_stdin(&["normalize", "--keep-boilerplate", "-"], page.as_bytes());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("Trang chủ") && text.contains("Tin mới"), "{text}");
}

#[test]
fn word_97_and_pdf_are_refused_with_the_converter_to_use() {
    let o = vanban_stdin(&["parse", "-"], b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest of a Word 97 file");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("libreoffice"), "{}", stderr(&o));
    let o = vanban_stdin(&["parse", "-"], b"%PDF-1.7\n...");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("pdftotext"), "{}", stderr(&o));
    // Forced to text, the same bytes give a best-effort record.
    let o = vanban_stdin(&["parse", "--format", "text", "-"], b"%PDF-1.7\n...");
    assert_eq!(o.status.code(), Some(0));
}
