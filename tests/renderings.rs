//! The same document in every encoding gives the same record: the five seeds rendered in
//! TCVN3, VNI, VISCII, Windows-1258, VIQR, NFD, composite Unicode and the modern tone
//! placement (`../shared/testdata/encodings`, read in place; skipped with a reason when
//! absent) parse to the record of their UTF-8 text, except `/source` and the decoding
//! diagnostics.

mod common;

use serde_json::Value;
use std::path::Path;

fn record(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let rec = vanban::Parser::new().parse_bytes(&bytes).unwrap().record();
    strip(serde_json::to_value(rec).unwrap())
}

fn record_of_str(text: &str) -> Value {
    let rec = vanban::Parser::new().parse_str(text).unwrap().record();
    strip(serde_json::to_value(rec).unwrap())
}

fn strip(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("source");
    let diags = v["diagnostics"].as_array_mut().unwrap();
    diags.retain(|d| !d["code"].as_str().unwrap().starts_with("VB00"));
    // Columns count the characters of the file as it is: a letter written with combining
    // marks takes more of them, so columns differ between renderings (lines do not).
    for d in diags.iter_mut() {
        d.as_object_mut().unwrap().remove("column");
    }
    v
}

fn lower(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.to_lowercase()),
        Value::Array(a) => Value::Array(a.iter().map(lower).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), lower(v))).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_rendering_gives_the_record_of_its_text() {
    let Some(shared) = common::shared() else { return };
    let dir = shared.join("testdata/encodings");
    if !dir.exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let mut checked = 0;
    for seed in [
        "000_08530bfa20497ac4",
        "001_cc5f5593ec550da5",
        "002_22bcf67888322238",
        "003_8901c1fcb43e012b",
        "004_965ccc07f17a42d3",
    ] {
        let f = |s: &str| dir.join(format!("{seed}.{s}"));
        let utf8 = record(&f("expected.txt"));
        for v in
            ["vni.bin", "cp1258.bin", "cp1258d.bin", "nfd.txt", "composite.txt", "modern-tone.txt", "vni.cp1252.txt"]
        {
            assert_eq!(record(&f(v)), utf8, "{seed}.{v}");
            checked += 1;
        }
        for (v, e) in [("viscii.bin", "expected.viscii.txt"), ("viqr.txt", "expected.viqr.txt")] {
            assert_eq!(record(&f(v)), record(&f(e)), "{seed}.{v}");
            checked += 1;
        }
        // TCVN3 has no toned capitals and no typographic punctuation: the record is that of
        // the UTF-8 text with its punctuation in ASCII, up to the case of the capitals that
        // could not be restored; the header's capitals are restored.
        let ascii_punct = std::fs::read_to_string(f("expected.txt"))
            .unwrap()
            .replace(['“', '”'], "\"")
            .replace(['‘', '’'], "'")
            .replace(['–', '—'], "-")
            .replace('•', "*")
            .replace('…', "...");
        let tcvn3_text = record_of_str(&ascii_punct);
        for v in ["tcvn3.bin", "tcvn3.cp1252.txt"] {
            let r = record(&f(v));
            assert_eq!(lower(&r), lower(&tcvn3_text), "{seed}.{v}");
            for field in ["issuer", "number", "doc_type"] {
                assert_eq!(r["header"][field], utf8["header"][field], "{seed}.{v}: header.{field}");
            }
            checked += 1;
        }
    }
    eprintln!("{checked} renderings checked");
}

#[test]
fn lossy_tcvn3_capitals_are_reported() {
    let Some(shared) = common::shared() else { return };
    let p = shared.join("testdata/encodings/001_cc5f5593ec550da5.tcvn3.bin");
    if !p.exists() {
        eprintln!("skipped: {} is absent", p.display());
        return;
    }
    let rec = vanban::Parser::new().parse_bytes(&std::fs::read(&p).unwrap()).unwrap().record();
    assert_eq!(rec.source.encoding, "tcvn3");
    assert!(rec.diagnostics.iter().any(|d| d.code == "VB003" && d.line.is_some()));
}

/// A plan as PDF text extraction gives it: a space after each letter with a diacritic that
/// a consonant follows, where the glyphs of one syllable were set apart (`KẾ HOẠ CH`,
/// `Thự c hiệ n`, `CỘ NG HÒA`). Joining the cut syllables gives the record of the text.
#[test]
fn pdf_split_syllables_give_the_record_of_the_text() {
    let clean = "ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 125/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Trị, ngày 12 tháng 6 năm 2023
KẾ HOẠCH
Thực hiện chương trình chuyển đổi số năm 2023
Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ;
Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện chương trình chuyển đổi số năm 2023 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước.
II. NHIỆM VỤ
1. Sở Thông tin và Truyền thông chủ trì, phối hợp với các sở, ngành triển khai thực hiện, hoàn thành trước ngày 30/9/2023.
2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch.
III. TỔ CHỨC THỰC HIỆN
Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch này.
Nơi nhận:
- Bộ Thông tin và Truyền thông;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Nam
";
    let marked = |c: char| {
        use unicode_normalization::UnicodeNormalization;
        c.to_string().nfd().count() > 1 || matches!(c, 'đ' | 'Đ')
    };
    let vowel = |c: char| "aăâeêioôơuưy".contains(c.to_lowercase().next().unwrap_or(c));
    let chars: Vec<char> = clean.chars().collect();
    let mut split = String::new();
    for (k, &c) in chars.iter().enumerate() {
        split.push(c);
        if marked(c) && chars.get(k + 1).is_some_and(|&n| n.is_alphabetic() && !vowel(n) && !marked(n)) {
            split.push(' ');
        }
    }
    assert!(split.contains("KẾ HOẠ CH") && split.contains("Thự c hiệ n"), "the rendering is cut");
    let norm = vanban::normalize::normalize(&split, &vanban::normalize::Options::default()).text;
    assert_eq!(norm, vanban::normalize::normalize(clean, &vanban::normalize::Options::default()).text);
    assert_eq!(record_of_str(&split), record_of_str(clean));
}
