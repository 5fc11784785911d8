//! Legacy encodings against the shared test vectors (`../shared/testdata/encodings`, read
//! in place; skipped with a reason when absent): every variant of `manifest.tsv` decoded
//! with its encoding forced and detected, the one-line cases of `cases.tsv`, and the
//! restoration of TCVN3's toned capitals in the header lines.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;
use vanban::decode::{Encoding, decode, decode_with_report};
use vanban::legacy;

fn vectors() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/encodings");
    if p.join("manifest.tsv").exists() && p.join("cases.tsv").exists() {
        Some(p)
    } else {
        eprintln!("skipped: the shared encoding vectors are not present at {}", p.display());
        None
    }
}

/// Rows of a TSV file, without its header.
fn rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines().skip(1).filter(|l| !l.is_empty()).map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const ONSETS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x", "",
];

/// NFC with the traditional tone placement: in an open syllable whose vowel group is exactly
/// `oa`, `oe` or `uy`, the tone goes on the first vowel (`hoà` → `hòa`, `thuỷ` → `thủy`).
fn traditional(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for c in text.nfc() {
        if c.is_alphabetic() || ('\u{300}'..='\u{36F}').contains(&c) {
            word.push(c);
        } else {
            out.push_str(&retone(&word));
            word.clear();
            out.push(c);
        }
    }
    out.push_str(&retone(&word));
    out
}

fn retone(word: &str) -> String {
    let mut bare = String::new();
    let mut tone: Option<(char, usize)> = None;
    let mut letters = 0usize;
    for c in word.nfd() {
        if TONES.contains(&c) {
            if tone.is_some() || letters == 0 {
                return word.to_string();
            }
            tone = Some((c, letters - 1));
        } else {
            if !('\u{300}'..='\u{36F}').contains(&c) {
                letters += 1;
            }
            bare.push(c);
        }
    }
    let Some((mark, at)) = tone else { return word.to_string() };
    let base: Vec<char> = bare.nfc().collect();
    let lower: String = base.iter().flat_map(|c| c.to_lowercase()).collect();
    for on in ONSETS {
        let Some(rest) = lower.strip_prefix(on) else { continue };
        if matches!(rest, "oa" | "oe" | "uy") {
            let first = on.chars().count();
            if at != first + 1 {
                return word.to_string();
            }
            let mut s = String::new();
            for (i, &c) in base.iter().enumerate() {
                s.push(c);
                if i == first {
                    s.push(mark);
                }
            }
            return s.nfc().collect();
        }
    }
    word.to_string()
}

/// Panics with the first line that differs.
fn assert_same(got: &str, want: &str, what: &str) {
    if got == want {
        return;
    }
    for (n, (g, w)) in got.split('\n').zip(want.split('\n')).enumerate() {
        if g != w {
            panic!("{what}: line {} differs\n got: {g:?}\nwant: {w:?}", n + 1);
        }
    }
    panic!("{what}: {} lines, expected {}", got.split('\n').count(), want.split('\n').count());
}

fn forced(name: &str) -> Encoding {
    match name {
        "nfd" | "composite" | "modern-tone" | "utf-8" => Encoding::Utf8,
        other => Encoding::from_name(other).unwrap_or_else(|| panic!("no encoding named {other}")),
    }
}

/// Decodes with the encoding forced. TCVN3 (also as mojibake) is compared before its capitals
/// are restored, as the expected files keep the bytes' lower case.
fn decode_forced(bytes: &[u8], enc: &str) -> String {
    match enc {
        "tcvn3" => legacy::decode_tcvn3(bytes),
        "tcvn3-as-cp1252" => legacy::repair_tcvn3_mojibake(std::str::from_utf8(bytes).expect("UTF-8 variant")),
        _ => decode(bytes, Some(forced(enc))).text,
    }
}

#[test]
fn manifest_variants_decode_with_the_encoding_forced() {
    let Some(dir) = vectors() else { return };
    let mut n = 0;
    for r in rows(&dir.join("manifest.tsv")) {
        let (file, enc, expected) = (&r[0], &r[2], &r[3]);
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let want = std::fs::read_to_string(dir.join(expected)).unwrap();
        assert_same(&traditional(&decode_forced(&bytes, enc)), &want, &format!("{file} as {enc}"));
        if enc.starts_with("tcvn3") {
            // Through `decode`, only the case may differ (capitals restored).
            let got = traditional(&decode(&bytes, Some(forced(enc))).text);
            assert_same(&got.to_lowercase(), &want.to_lowercase(), &format!("{file} as {enc}, restored"));
        }
        n += 1;
    }
    eprintln!("encodings: {n} manifest variants decoded with the encoding forced");
    assert_eq!(n, 55);
}

#[test]
fn manifest_variants_are_detected() {
    let Some(dir) = vectors() else { return };
    let mut n = 0;
    let mut lowest = (1.0f32, String::new());
    for r in rows(&dir.join("manifest.tsv")) {
        let (file, enc, expected) = (&r[0], &r[2], &r[3]);
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let want = std::fs::read_to_string(dir.join(expected)).unwrap();
        let d = decode_with_report(&bytes, None);
        assert_eq!(d.decoded.encoding, forced(enc), "{file}: detected {}", d.decoded.encoding);
        assert!(d.decoded.issues.is_empty() && !d.decoded.looks_binary, "{file}");
        let got = traditional(&d.decoded.text);
        if enc.starts_with("tcvn3") {
            assert_same(&got.to_lowercase(), &want.to_lowercase(), &format!("{file} detected"));
        } else {
            assert_same(&got, &want, &format!("{file} detected"));
        }
        if d.confidence < lowest.0 {
            lowest = (d.confidence, file.clone());
        }
        n += 1;
    }
    eprintln!("encodings: {n} manifest variants detected; lowest confidence {:.2} ({})", lowest.0, lowest.1);
    assert!(lowest.0 >= 0.6, "confidence {:.2} for {}", lowest.0, lowest.1);
    assert_eq!(n, 55);
}

fn unhex(s: &str) -> Vec<u8> {
    s.split_ascii_whitespace().map(|h| u8::from_str_radix(h, 16).expect("hex byte")).collect()
}

#[test]
fn one_line_cases() {
    let Some(dir) = vectors() else { return };
    let (mut n, mut skipped) = (0, 0);
    for r in rows(&dir.join("cases.tsv")) {
        let (id, group, enc, expected, hex) = (&r[0], &r[1], &r[2], &r[5], &r[6]);
        if group == "tone" || enc == "utf-8" {
            skipped += 1; // tone placement is the normalize stage's business
            continue;
        }
        let got = traditional(&decode_forced(&unhex(hex), enc));
        assert_eq!(&got, expected, "case {id} ({group}, {enc}): {}", r.get(7).map_or("", |s| s.as_str()));
        n += 1;
    }
    eprintln!("encodings: {n} cases checked, {skipped} tone cases left to normalization");
    assert!(n > 900, "only {n} cases");
}

#[test]
fn tcvn3_capitals_are_restored_in_the_header_lines() {
    let Some(dir) = vectors() else { return };
    let (mut lines, mut files) = (0, 0);
    for r in rows(&dir.join("manifest.tsv")) {
        let (file, enc) = (&r[0], &r[2]);
        if !enc.starts_with("tcvn3") {
            continue;
        }
        let seed = file.split('.').next().unwrap();
        let full = std::fs::read_to_string(dir.join(format!("{seed}.expected.txt"))).unwrap();
        let lower = std::fs::read_to_string(dir.join(format!("{seed}.expected.tcvn3.txt"))).unwrap();
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let report = decode_with_report(&bytes, None);
        let got = traditional(&report.decoded.text);
        let reported: HashSet<usize> = report.lossy.iter().map(|l| l.line).collect();
        for (k, ((g, w), l)) in got.split('\n').zip(full.split('\n')).zip(lower.split('\n')).enumerate() {
            // Lines the TCVN3 variant carries letter for letter (no punctuation was mapped).
            if w.to_lowercase() != l.to_lowercase() {
                continue;
            }
            let caps = w.chars().any(char::is_alphabetic) && w.to_uppercase() == w;
            if caps {
                assert_eq!(g, w, "{file} line {}: a capital line", k + 1);
                lines += 1;
            } else if g != w {
                // A toned capital left in lower case must be reported on its line; nothing
                // may be upper-cased that the document has in lower case.
                for (a, b) in g.chars().zip(w.chars()) {
                    if a != b {
                        assert!(b.is_uppercase(), "{file} line {}: `{a}` for `{b}` in {w:?}", k + 1);
                        assert!(reported.contains(&(k + 1)), "{file} line {}: `{a}` not reported: {w:?}", k + 1);
                    }
                }
            }
        }
        assert_eq!(report.lossy.len(), report.lossy_count);
        files += 1;
    }
    eprintln!("encodings: {lines} capital lines restored in {files} TCVN3 variants");
    assert!(lines >= 40, "only {lines} capital lines");
}

#[test]
fn tcvn3_header_of_seed_004() {
    let Some(dir) = vectors() else { return };
    let bytes = std::fs::read(dir.join("004_965ccc07f17a42d3.tcvn3.bin")).unwrap();
    let d = decode_with_report(&bytes, None);
    assert_eq!(d.decoded.encoding, Encoding::Tcvn3);
    let head: Vec<&str> = d.decoded.text.lines().filter(|l| !l.is_empty()).take(2).collect();
    assert_eq!(head, ["TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM", "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"]);
    assert!(d.decoded.text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"));
}

/// The readings chosen for the inputs of `ambiguous.tsv` (documentation there, decisions here):
/// reading `a` everywhere it is a decoding question, except C0 bytes in TCVN3 (control
/// characters, reading `b`). NFD and tone placement (a17, a18, a20) are normalization's.
#[test]
fn ambiguous_inputs_read_as_decided() {
    let Some(dir) = vectors() else { return };
    let mut n = 0;
    for r in rows(&dir.join("ambiguous.tsv")) {
        let (id, enc, hex, reading_a) = (&r[0], &r[1], &r[4], &r[5]);
        let bytes = unhex(hex);
        let want = match id.as_str() {
            "a05" => bytes.iter().map(|&b| b as char).collect(), // control characters
            "a19" => "-\u{300}-".to_string(),                    // `- U+0300 -`: the lone mark is kept
            "a17" | "a18" | "a20" => continue,
            _ => reading_a.clone(),
        };
        assert_eq!(decode(&bytes, Some(forced(enc))).text, want, "{id} ({enc})");
        n += 1;
    }
    eprintln!("encodings: {n} ambiguous inputs read as decided");
    assert_eq!(n, 17);
}
