//! Properties that hold for any input: no panic, deterministic records that validate against
//! the schema, and a normalization that is idempotent, NFC, and maps every word back to where
//! it came from.

use proptest::prelude::*;
use std::sync::LazyLock;
use unicode_normalization::is_nfc;
use vanban::normalize::{Options, normalize};

/// The checked-in schema, compiled once.
static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/record.v1.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
});

/// Text that looks like what archives hold: Vietnamese letters in both forms, combining
/// marks, markup leftovers, entities, odd spaces and line ends.
fn messy_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[a-zA-ZăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠÐ0-9 \n\r\t*_|#<>&;./:,()\u{300}\u{301}\u{302}\u{303}\u{309}\u{323}\u{A0}\u{200B}\u{2013}\u{201C}\u{E000}-]{0,160}",
    )
    .unwrap()
}

/// Runs of letters, marks and digits: the words of a text without the punctuation around them.
fn words(s: &str) -> Vec<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36F}');
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if !is_word(c) {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_and_gives_valid_json(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        let doc = vanban::Parser::new().parse_bytes(&bytes).unwrap();
        let rec = doc.record();
        let json = serde_json::to_string(&rec).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert!(VALIDATOR.is_valid(&value), "the record does not validate against the schema");
        let back: vanban::Record = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &rec);
        for d in &rec.diagnostics {
            if let Some(l) = d.line { prop_assert!(l >= 1 && l <= rec.source.lines.max(1)); }
        }
        // Deterministic.
        prop_assert_eq!(vanban::Parser::new().parse_bytes(&bytes).unwrap().record(), rec);
    }

    #[test]
    fn messy_text_parses(text in messy_text()) {
        let rec = vanban::Parser::new().parse_str(&text).unwrap().record();
        for s in &rec.sections { prop_assert!(s.line >= 1 && s.line <= rec.source.lines.max(1)); }
    }

    #[test]
    fn normalize_is_idempotent_and_nfc(text in messy_text()) {
        let opts = Options::default();
        let once = normalize(&text, &opts).text;
        prop_assert!(is_nfc(&once), "not NFC: {:?}", once);
        let twice = normalize(&once, &opts).text;
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn every_word_maps_back_to_its_original(text in messy_text()) {
        let opts = Options::default();
        let n = normalize(&text, &opts);
        // Punctuation is left out: its meaning depends on its line (`|` alone is a table
        // rule, `#` a heading, `*` a decoration).
        for (s, e) in words(&n.text) {
            let r = n.map.original_range(vanban::Span::new(s, e));
            prop_assert!(r.start <= r.end && r.end <= text.len());
            let again = normalize(&text[r.clone()], &opts).text;
            // A syllable joined from pieces that a PDF cut (`r ẻ` on a line that shows such
            // cuts) maps back to the pieces: alone, they show no cut and stay apart.
            let pieces: String = again.split_whitespace().collect();
            let joined = text[r.clone()].contains(char::is_whitespace) && pieces == n.text[s..e];
            prop_assert!(
                again.trim() == &n.text[s..e] || joined,
                "word {:?} maps to {:?}, which normalizes to {:?}", &n.text[s..e], &text[r], again
            );
        }
    }
}
