//! `vanban batch` as a user meets it, through the built binary: a tree of good and broken
//! inputs, a run killed mid-way and resumed, paths that try to leave the output directory,
//! JSON Lines determinism, and the `--stdin-jsonl` mapper. Each test works in its own
//! directory under the system's temporary directory.

mod common;

use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const SEED: &str = "corpus/seeds/004_965ccc07f17a42d3.txt";

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vanban-test-batch-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

fn cmd(cwd: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vanban"));
    c.arg("batch").args(args).current_dir(cwd);
    c
}

fn run(cwd: &Path, args: &[&str]) -> Output {
    cmd(cwd, args).output().expect("runs")
}

fn run_stdin(cwd: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child =
        cmd(cwd, args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawns");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from another thread: the mapper answers while it reads.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no_panic(o: &Output) {
    let e = stderr(o);
    assert!(!e.contains("panicked") && !e.contains("RUST_BACKTRACE"), "panic: {e}");
}

fn corpus(i: usize) -> Vec<u8> {
    let files = common::corpus_files();
    fs::read(common::root().join(&files[i % files.len()])).unwrap()
}

/// `n` distinct documents (corpus files, each with its own closing line) under `dir`, in
/// a few subdirectories.
fn archive(dir: &Path, n: usize) {
    for i in 0..n {
        let sub = dir.join(format!("q{}", i % 4));
        fs::create_dir_all(&sub).unwrap();
        let mut bytes = corpus(i);
        bytes.extend_from_slice(format!("\nBản số {i}\n").as_bytes());
        fs::write(sub.join(format!("doc-{i:04}.txt")), bytes).unwrap();
    }
}

/// Every file under `dir` (hidden ones included) with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

/// TCVN3 (VN3) bytes of a text, from the library's own decoding table; characters VN3 has
/// no code for (toned capitals) are written in lower case.
fn tcvn3(text: &str) -> Vec<u8> {
    let mut table = BTreeMap::new();
    for b in 0xA0..=0xFFu8 {
        let s = vanban::legacy::decode_tcvn3(&[b]);
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            table.entry(c).or_insert(b);
        }
    }
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
        } else if let Some(&b) = table.get(&c).or_else(|| c.to_lowercase().next().and_then(|l| table.get(&l))) {
            out.push(b);
        } else {
            out.push(b'?');
        }
    }
    out
}

/// True when the process can read a file without read permission (root).
#[cfg(unix)]
fn reads_anything(probe: &Path) -> bool {
    fs::read(probe).is_ok()
}

#[test]
fn a_tree_of_good_and_broken_files_gives_records_and_error_entries() {
    let t = scratch("tree");
    let a = t.join("archive");
    fs::create_dir_all(a.join("good")).unwrap();
    fs::create_dir_all(a.join("legacy")).unwrap();
    fs::copy(common::root().join(SEED), a.join("good/ke-hoach.txt")).unwrap();
    fs::write(a.join("good/notes.doc"), "not taken: only *.txt by default").unwrap();
    let seed = String::from_utf8(corpus(0)).unwrap();
    fs::write(a.join("legacy/tcvn3.txt"), tcvn3(&seed)).unwrap();
    fs::write(a.join("empty.txt"), "").unwrap();
    let mut binary: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    binary[..4].copy_from_slice(b"\x7fELF");
    fs::write(a.join("binary.txt"), binary).unwrap();
    #[cfg(not(unix))]
    let expect_unreadable = false;
    #[cfg(unix)]
    let expect_unreadable = {
        use std::os::unix::fs::PermissionsExt;
        let locked = a.join("good/locked.txt");
        fs::write(&locked, "Số: 1/KH-UBND\n\nKẾ HOẠCH\n").unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads it all the same: then it is a record like any other.
        std::os::unix::fs::symlink(t.join("nowhere.txt"), a.join("good/dangling.txt")).unwrap();
        !reads_anything(&locked)
    };

    // Directory output.
    let o = run(&t, &["archive", "--out", "out", "--summary", "summary.json", "--jobs", "2"]);
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2), "an input failed: exit 2\n{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("archive/empty.txt: empty input"), "{err}");
    assert!(err.contains("failed, all listed in out/errors.jsonl"), "{err}");

    let good: Value = serde_json::from_slice(&fs::read(t.join("out/archive/good/ke-hoach.txt.json")).unwrap()).unwrap();
    assert_eq!(good["source"]["path"], "archive/good/ke-hoach.txt");
    assert_eq!(good["header"]["number"]["text"], "470/KH-LĐLĐ");
    let legacy: Value =
        serde_json::from_slice(&fs::read(t.join("out/archive/legacy/tcvn3.txt.json")).unwrap()).unwrap();
    assert_eq!(legacy["source"]["encoding"], "tcvn3", "{}", legacy["source"]);
    assert!(!t.join("out/archive/good/notes.doc.json").exists());
    assert!(!t.join("out/archive/empty.txt.json").exists());

    let errors = lines(&fs::read(t.join("out/errors.jsonl")).unwrap());
    let by_path: BTreeMap<&str, &str> =
        errors.iter().map(|e| (e["path"].as_str().unwrap(), e["error"].as_str().unwrap())).collect();
    assert!(errors.iter().all(|e| e["type"] == "error"));
    assert!(by_path["archive/binary.txt"].contains("binary data"), "{by_path:?}");
    assert!(by_path["archive/empty.txt"].contains("empty input"), "{by_path:?}");
    #[cfg(unix)]
    {
        assert!(by_path["archive/good/dangling.txt"].contains("broken symbolic link"), "{by_path:?}");
        if expect_unreadable {
            assert!(by_path["archive/good/locked.txt"].contains("permission denied"), "{by_path:?}");
        } else {
            assert!(t.join("out/archive/good/locked.txt.json").exists());
        }
    }
    let n_errors = 3 + usize::from(expect_unreadable);
    assert_eq!(errors.len(), n_errors, "{by_path:?}");
    // In input order: the walk is sorted by name.
    let order: Vec<&str> = errors.iter().map(|e| e["path"].as_str().unwrap()).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);

    let summary: Value = serde_json::from_slice(&fs::read(t.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["errors"], n_errors);
    assert_eq!(summary["records"], 2 + u64::from(!expect_unreadable));
    assert_eq!(summary["files"], summary["records"].as_u64().unwrap() + n_errors as u64);
    assert_eq!(summary["encodings"]["tcvn3"], 1);
    assert!(summary["encodings"]["utf-8"].as_u64().unwrap() >= 1);

    // JSON Lines output: the same entries, in place.
    let o = run(&t, &["archive", "--out", "all.jsonl", "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stderr.is_empty(), "--quiet: {}", stderr(&o));
    let all = lines(&fs::read(t.join("all.jsonl")).unwrap());
    let kinds: Vec<(String, &str)> = all
        .iter()
        .map(|l| match l["type"].as_str() {
            Some(k) => (l["path"].as_str().unwrap().to_string(), k),
            None => (l["source"]["path"].as_str().unwrap().to_string(), "record"),
        })
        .collect();
    assert_eq!(kinds[0], ("archive/binary.txt".to_string(), "error"));
    assert_eq!(kinds[1], ("archive/empty.txt".to_string(), "error"));
    assert!(kinds.contains(&("archive/legacy/tcvn3.txt".to_string(), "record")));
    assert_eq!(all.len(), kinds.len());
    assert_eq!(kinds.iter().filter(|k| k.1 == "error").count(), n_errors);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(a.join("good/locked.txt"), fs::Permissions::from_mode(0o600));
    }
    let _ = fs::remove_dir_all(&t);
}

/// Starts a slow run, kills it once some outputs exist, resumes it, and compares with a
/// clean run.
fn kill_and_resume(name: &str, out: &str, started: impl Fn(&Path) -> bool) {
    let t = scratch(name);
    archive(&t.join("archive"), 160);
    let clean = t.join("clean");
    fs::create_dir_all(&clean).unwrap();
    let o = run(&t, &["archive", "--out", &format!("clean/{out}"), "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let killed = t.join("killed");
    fs::create_dir_all(&killed).unwrap();
    let mut child = cmd(&t, &["archive", "--out", &format!("killed/{out}"), "--jobs", "1", "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !started(&killed) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be killed: make the archive larger");
    child.kill().unwrap(); // SIGKILL: no clean-up runs
    child.wait().unwrap();
    assert_ne!(tree(&clean), tree(&killed), "the killed run should be incomplete");

    let o = run(&t, &["archive", "--out", &format!("killed/{out}"), "--resume", "--summary", "resume.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s: Value = serde_json::from_slice(&fs::read(t.join("resume.json")).unwrap()).unwrap();
    assert!(s["reused"].as_u64().unwrap() > 0, "resume kept nothing: {s}");
    assert!(s["converted"].as_u64().unwrap() > 0, "resume converted nothing: {s}");
    assert_eq!(s["records"], 160);

    let (a, b) = (tree(&clean), tree(&killed));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "same files, no leftovers");
    for (k, v) in &a {
        assert!(v == &b[k], "{} differs after resume", k.display());
    }
    let _ = fs::remove_dir_all(&t);
}

#[test]
fn a_killed_directory_run_resumed_equals_a_clean_run() {
    kill_and_resume("kill-dir", "out", |d| {
        fs::read_dir(d.join("out/archive/q0")).map(|r| r.count() >= 8).unwrap_or(false)
    });
}

#[test]
fn a_killed_jsonl_run_resumed_equals_a_clean_run() {
    // The file grows in buffered chunks in its temporary file until the rename.
    kill_and_resume("kill-jsonl", "all.jsonl", |d| {
        fs::metadata(d.join(".all.jsonl.vanban-tmp")).map(|m| m.len() > 100_000).unwrap_or(false)
    });
}

#[test]
fn resume_converts_again_only_what_changed() {
    let t = scratch("changed");
    archive(&t.join("archive"), 12);
    let o = run(&t, &["archive", "--out", "r.jsonl", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut bytes = corpus(3);
    bytes.extend_from_slice("\nBản sửa\n".as_bytes());
    fs::write(t.join("archive/q1/doc-0005.txt"), &bytes).unwrap();
    let o = run(&t, &["archive", "--out", "r.jsonl", "--resume", "--summary", "s.json", "-q"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s: Value = serde_json::from_slice(&fs::read(t.join("s.json")).unwrap()).unwrap();
    assert_eq!((s["reused"].as_u64(), s["converted"].as_u64()), (Some(11), Some(1)), "{s}");
    let o = run(&t, &["archive", "--out", "fresh.jsonl", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(fs::read(t.join("r.jsonl")).unwrap() == fs::read(t.join("fresh.jsonl")).unwrap());

    // The same in a directory output.
    let o = run(&t, &["archive", "--out", "dir", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    fs::write(t.join("archive/q2/doc-0002.txt"), &bytes).unwrap();
    let o = run(&t, &["archive", "--out", "dir", "--resume", "--summary", "s.json", "-q"]);
    assert_eq!(o.status.code(), Some(0));
    let s: Value = serde_json::from_slice(&fs::read(t.join("s.json")).unwrap()).unwrap();
    assert_eq!((s["reused"].as_u64(), s["converted"].as_u64()), (Some(11), Some(1)), "{s}");
    let rec: Value = serde_json::from_slice(&fs::read(t.join("dir/archive/q2/doc-0002.txt.json")).unwrap()).unwrap();
    assert!(rec["source"]["bytes"] == bytes.len() as u64);
    let _ = fs::remove_dir_all(&t);
}

#[test]
fn listed_paths_cannot_write_outside_the_output_directory() {
    let t = scratch("escape");
    let work = t.join("work");
    fs::create_dir_all(work.join("evil")).unwrap();
    fs::create_dir_all(t.join("outside")).unwrap();
    fs::copy(common::root().join(SEED), t.join("x.txt")).unwrap();
    fs::copy(common::root().join(SEED), work.join("evil/z.txt")).unwrap();
    fs::copy(common::root().join(SEED), work.join("y.txt")).unwrap();
    #[cfg(unix)]
    {
        fs::create_dir_all(work.join("out")).unwrap();
        // A link inside the output directory that leads out of it.
        std::os::unix::fs::symlink(t.join("outside"), work.join("out/evil")).unwrap();
    }
    let abs = t.join("x.txt");
    let list = format!("../x.txt\n../../../../../../x.txt\n{}\ny.txt\nevil/z.txt\n", abs.display());
    let o = run_stdin(&work, &["-", "--out", "out", "--summary", "../s.json"], list.as_bytes());
    no_panic(&o);

    // Nothing written beside the inputs or through the link.
    assert!(!t.join("x.txt.json").exists());
    assert!(!t.join(".x.txt.json.vanban-tmp").exists());
    assert_eq!(fs::read_dir(t.join("outside")).unwrap().count(), 0, "wrote through the link");
    // `..` and the root are dropped: inside `out`.
    assert!(work.join("out/x.txt.json").exists());
    assert!(work.join("out/y.txt.json").exists());
    let abs_out = work.join("out").join(format!("{}.json", abs.display()).trim_start_matches('/'));
    assert!(abs_out.exists(), "{}", abs_out.display());

    let errors = lines(&fs::read(work.join("out/errors.jsonl")).unwrap());
    let by_path: BTreeMap<&str, &str> =
        errors.iter().map(|e| (e["path"].as_str().unwrap(), e["error"].as_str().unwrap())).collect();
    // The second `../…x.txt` maps to the same output as the first: refused, not merged.
    assert!(by_path["../../../../../../x.txt"].contains("already taken"), "{by_path:?}");
    #[cfg(unix)]
    assert!(by_path["evil/z.txt"].contains("symbolic link"), "{by_path:?}");
    assert_eq!(o.status.code(), Some(2));
    let _ = fs::remove_dir_all(&t);
}

#[test]
fn json_lines_are_the_same_bytes_whatever_the_threads() {
    let t = scratch("determinism");
    archive(&t.join("archive"), 40);
    fs::write(t.join("archive/q1/empty.txt"), "").unwrap();
    let one = run(&t, &["archive", "--out", "one.jsonl", "--jobs", "1", "-q"]);
    let two = run(&t, &["archive", "--out", "two.jsonl", "--jobs", "2", "-q"]);
    let four = run(&t, &["archive", "--out", "-", "--jobs", "4", "-q"]);
    assert_eq!((one.status.code(), two.status.code(), four.status.code()), (Some(2), Some(2), Some(2)));
    let a = fs::read(t.join("one.jsonl")).unwrap();
    assert_eq!(lines(&a).len(), 41);
    assert!(a == fs::read(t.join("two.jsonl")).unwrap(), "--jobs 1 and --jobs 2 differ");
    assert!(a == four.stdout, "a file and standard output differ");
    let _ = fs::remove_dir_all(&t);
}

#[test]
fn stdin_jsonl_answers_in_order_with_ids() {
    let t = scratch("pipe");
    fs::copy(common::root().join(SEED), t.join("seed.txt")).unwrap();
    let mut input = String::new();
    let mut expect = Vec::new();
    for i in 0..60 {
        // Large and small documents mixed, so that workers finish out of order.
        let text = String::from_utf8(corpus(i)).unwrap().repeat(if i % 7 == 0 { 6 } else { 1 });
        input.push_str(&serde_json::json!({ "id": format!("doc-{i}"), "text": text }).to_string());
        input.push('\n');
        expect.push((Value::from(format!("doc-{i}")), "record"));
        match i {
            10 => {
                input.push_str("{\"id\": 10.5, \"path\": \"seed.txt\"}\n");
                expect.push((Value::from(10.5), "record"));
            }
            20 => {
                input.push_str("not json at all\n\n");
                expect.push((Value::Null, "error"));
            }
            30 => {
                input.push_str("{\"id\": [30], \"text\": \"\"}\n");
                expect.push((serde_json::json!([30]), "error"));
            }
            40 => {
                input.push_str("{\"id\": 40, \"path\": \"missing.txt\"}\n");
                expect.push((Value::from(40), "error"));
            }
            _ => {}
        }
    }
    let o = run_stdin(&t, &["--stdin-jsonl", "--jobs", "2"], input.as_bytes());
    no_panic(&o);
    assert_eq!(o.status.code(), Some(2), "some lines failed: {}", stderr(&o));
    let out = lines(&o.stdout);
    let got: Vec<(Value, &str)> = out.iter().map(|l| (l["id"].clone(), l["type"].as_str().unwrap())).collect();
    assert_eq!(got, expect);
    assert_eq!(out[11]["record"]["source"]["path"], "seed.txt");
    assert!(out[0]["record"]["source"]["path"].is_null());
    assert_eq!(out[0]["record"]["schema"], "vanban/record/v1");
    assert!(out[22]["error"].as_str().unwrap().starts_with("line 23: not a JSON object"), "{}", out[22]);
    let missing = out.iter().find(|l| l["id"] == 40 && l["type"] == "error").unwrap();
    assert_eq!(missing["path"], "missing.txt");
    assert!(missing["error"].as_str().unwrap().contains("no such file"));
    let _ = fs::remove_dir_all(&t);
}

#[test]
fn help_usage_errors_and_exit_codes() {
    let root = common::root();
    let o = Command::new(env!("CARGO_BIN_EXE_vanban")).args(["batch", "--help"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let help = String::from_utf8_lossy(&o.stdout);
    for needle in ["Examples:", "vanban batch archive/ --out json/", "Exit codes:", "2  some input failed", "--resume"]
    {
        assert!(help.contains(needle), "help lacks {needle:?}");
    }
    let o = run(&root, &["corpus"]);
    assert_eq!(o.status.code(), Some(2), "no --out");
    let o = run(&root, &["corpus", "--out", "-", "--include", "[", "-q"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid glob `[`"), "{}", stderr(&o));
    let o = run(&root, &["corpus/seeds", "--out", "-", "--resume"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--resume needs"), "{}", stderr(&o));
    // All good: exit 0, the records of the corpus on standard output.
    let o = run(&root, &["corpus/seeds", "--out", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(lines(&o.stdout).len(), 5);
    assert!(stderr(&o).contains("5 files"), "{}", stderr(&o));
}

/// A file without read permission is an error entry. Root reads it anyway, so as root the
/// run is made as `nobody` (with `setpriv`), or the check is skipped with a reason.
#[cfg(unix)]
#[test]
fn an_unreadable_file_or_directory_is_an_error_entry() {
    use std::os::unix::fs::PermissionsExt;
    let t = scratch("unreadable");
    fs::set_permissions(&t, fs::Permissions::from_mode(0o777)).unwrap();
    let a = t.join("a");
    fs::create_dir_all(a.join("locked-dir")).unwrap();
    fs::copy(common::root().join(SEED), a.join("ok.txt")).unwrap();
    fs::copy(common::root().join(SEED), a.join("locked-dir/in.txt")).unwrap();
    fs::write(a.join("locked.txt"), "Số: 1/KH-UBND\n").unwrap();
    fs::set_permissions(a.join("locked.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(a.join("locked-dir"), fs::Permissions::from_mode(0o000)).unwrap();
    let out = if reads_anything(&a.join("locked.txt")) {
        let setpriv = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_vanban"), "batch"])
            .args(["a", "--out", "-", "-q"])
            .current_dir(&t)
            .output();
        match setpriv {
            Ok(o) if !String::from_utf8_lossy(&o.stderr).contains("setpriv:") => o,
            _ => {
                eprintln!("skipped: running as root and cannot run as nobody with setpriv");
                let _ = fs::set_permissions(a.join("locked-dir"), fs::Permissions::from_mode(0o755));
                let _ = fs::remove_dir_all(&t);
                return;
            }
        }
    } else {
        run(&t, &["a", "--out", "-", "-q"])
    };
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!((got[0]["path"].as_str(), got[0]["type"].as_str()), (Some("a/locked-dir"), Some("error")));
    assert!(got[0]["error"].as_str().unwrap().contains("permission denied"), "{}", got[0]);
    assert_eq!((got[1]["path"].as_str(), got[1]["type"].as_str()), (Some("a/locked.txt"), Some("error")));
    assert!(got[1]["error"].as_str().unwrap().contains("permission denied"), "{}", got[1]);
    assert_eq!(got[2]["source"]["path"], "a/ok.txt");
    let _ = fs::set_permissions(a.join("locked-dir"), fs::Permissions::from_mode(0o755));
    let _ = fs::remove_dir_all(&t);
}
