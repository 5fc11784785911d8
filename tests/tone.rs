//! Tone placement and letter normalization against the shared test vectors
//! (`../shared/testdata/encodings`, read in place; skipped with a reason when absent).

mod common;

use vanban::normalize::{TonePolicy, letters};

fn vectors() -> Option<std::path::PathBuf> {
    let p = common::shared()?.join("testdata/encodings");
    if p.join("cases.tsv").exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} has no cases.tsv", p.display());
        None
    }
}

#[test]
fn tone_cases() {
    let Some(dir) = vectors() else { return };
    let cases = std::fs::read_to_string(dir.join("cases.tsv")).unwrap();
    let mut n = 0;
    for row in cases.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 6 || !(f[1] == "tone" || f[2] == "nfd" || f[2] == "composite" || f[2] == "utf-8") {
            continue;
        }
        let (input, expected) = (f[4], f[5]);
        assert_eq!(letters(input, TonePolicy::Traditional), expected, "case {} ({})", f[0], f.get(7).unwrap_or(&""));
        n += 1;
    }
    eprintln!("{n} tone and composition cases checked");
    assert!(n >= 100);
}

#[test]
fn modern_tone_files_normalize_to_the_expected_text() {
    let Some(dir) = vectors() else { return };
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".modern-tone.txt") else { continue };
        let input = std::fs::read_to_string(&p).unwrap();
        let expected = std::fs::read_to_string(dir.join(format!("{stem}.expected.txt"))).unwrap();
        // The character folds turn NBSP into a space; the expected files keep NBSP.
        let expected = expected.replace('\u{A0}', " ");
        assert_eq!(letters(&input, TonePolicy::Traditional), expected, "{name}");
        assert_eq!(letters(&expected, TonePolicy::Traditional), expected, "{name}: the target is a fixed point");
        // And back: the modern policy gives the modern file.
        assert_eq!(letters(&expected, TonePolicy::Modern), input.replace('\u{A0}', " "), "{name} (modern)");
        n += 1;
    }
    assert_eq!(n, 5);
}
