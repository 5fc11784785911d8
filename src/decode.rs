//! Stage 1, decode: input bytes to text.
//!
//! In: the raw bytes of a file. Out: a [`Decoded`] — the text, the [`Encoding`] it was read
//! as, and [`DecodeIssue`]s for bytes that could not be read (each with its byte offset).
//! Undecodable bytes never fail the parse: they become U+FFFD and an issue, so the caller
//! still gets a best-effort record. [`decode_with_report`] adds how sure the detection was
//! and the characters the encoding could not carry ([`LossyChar`]).
//!
//! Detection, in order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a mark
//! when NUL bytes sit at every other position; then [`legacy::detect`]: valid UTF-8 (or
//! UTF-8 that is TCVN3/VNI mojibake), VIQR in pure ASCII, or the legacy 8-bit encoding
//! (TCVN3, VNI, VISCII, Windows-1258) under which the text reads as Vietnamese; UTF-8 with
//! invalid sequences replaced when nothing fits. Legacy encodings are decoded to NFC by
//! [`crate::legacy`]; TCVN3's lost toned capitals are restored where the words show them.
//!
//! ```
//! use vanban::decode::{decode, Encoding};
//! let d = decode(b"\xEF\xBB\xBFS\xE1\xBB\x91: 12", None);
//! assert_eq!(d.text, "Số: 12");
//! assert_eq!(d.encoding, Encoding::Utf8Bom);
//! assert!(d.issues.is_empty());
//! let d = decode(b"C\xE9ng h\xDFa x\xB7 h\xE9i ch\xF1 ngh\xDCa Vi\xD6t Nam", None);
//! assert_eq!((d.text.as_str(), d.encoding), ("Cộng hòa xã hội chủ nghĩa Việt Nam", Encoding::Tcvn3));
//! ```

use crate::legacy;
use serde::Serialize;

/// An input encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little endian.
    Utf16Le,
    /// UTF-16, big endian.
    Utf16Be,
    /// TCVN 5712:1993 VN3 ("TCVN3", "ABC", the `.VnTime` fonts); see [`legacy::decode_tcvn3`].
    Tcvn3,
    /// VNI-Windows (the `VNI-Times` fonts): base letter + mark byte.
    Vni,
    /// VISCII 1.1 (RFC 1456).
    Viscii,
    /// Windows-1258, precomposed letters and separate tone bytes alike.
    Cp1258,
    /// VIQR (RFC 1456): Vietnamese in 7-bit ASCII mnemonics (`Vie^.t Nam`).
    Viqr,
    /// UTF-8 text that is TCVN3 bytes once read as Windows-1252 (`Céng hoµ`), repaired.
    Tcvn3AsCp1252,
    /// UTF-8 text that is VNI bytes once read as Windows-1252 (`Coäng hoøa`), repaired.
    VniAsCp1252,
}

impl Encoding {
    /// The name used in the record's `/source/encoding` and by `--encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
            Encoding::Viscii => "viscii",
            Encoding::Cp1258 => "cp1258",
            Encoding::Viqr => "viqr",
            Encoding::Tcvn3AsCp1252 => "tcvn3-cp1252",
            Encoding::VniAsCp1252 => "vni-cp1252",
        }
    }

    /// Every encoding this build reads, by name.
    pub fn all() -> &'static [Encoding] {
        &[
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
            Encoding::Tcvn3,
            Encoding::Vni,
            Encoding::Viscii,
            Encoding::Cp1258,
            Encoding::Viqr,
            Encoding::Tcvn3AsCp1252,
            Encoding::VniAsCp1252,
        ]
    }

    /// Looks an encoding up by name (`utf-8`, `utf8`, `utf-16le`, `tcvn3`, `abc`, `vni`,
    /// `viscii`, `windows-1258`, `viqr`, `tcvn3-cp1252`, …), case-insensitively.
    pub fn from_name(name: &str) -> Option<Encoding> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        match n.as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-8-bom" | "utf8-bom" | "utf-8-sig" => Some(Encoding::Utf8Bom),
            "utf-16le" | "utf16le" | "utf-16" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
            "tcvn3" | "tcvn-3" | "tcvn" | "abc" | "vn3" | "tcvn5712" | "tcvn-5712" | "vntime" => Some(Encoding::Tcvn3),
            "vni" | "vni-windows" | "vni-win" | "vniwin" | "vni-times" => Some(Encoding::Vni),
            "viscii" | "viscii-1.1" | "viscii1.1" | "csviscii" => Some(Encoding::Viscii),
            "cp1258" | "cp-1258" | "windows-1258" | "windows1258" | "win1258" | "win-1258" | "x-cp1258" => {
                Some(Encoding::Cp1258)
            }
            "viqr" | "vietnet" => Some(Encoding::Viqr),
            "tcvn3-cp1252" | "tcvn3-as-cp1252" | "tcvn3-windows-1252" | "abc-cp1252" => Some(Encoding::Tcvn3AsCp1252),
            "vni-cp1252" | "vni-as-cp1252" | "vni-windows-1252" => Some(Encoding::VniAsCp1252),
            _ => None,
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A problem met while decoding: bytes that were not valid in the chosen encoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecodeIssue {
    /// Byte offset of the first bad byte in the input.
    pub byte_offset: usize,
    /// How many bytes were replaced by U+FFFD there.
    pub len: usize,
    /// 1-based line of the decoded text where it stands.
    pub line: usize,
}

/// The result of decoding.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, with undecodable bytes replaced by U+FFFD.
    pub text: String,
    /// The encoding the bytes were read as.
    pub encoding: Encoding,
    /// Invalid byte sequences, in input order (at most [`MAX_ISSUES`] are listed).
    pub issues: Vec<DecodeIssue>,
    /// Total number of invalid sequences, also those past [`MAX_ISSUES`].
    pub issue_count: usize,
    /// True when the input looks like binary data rather than text.
    pub looks_binary: bool,
}

/// How many [`DecodeIssue`]s are listed one by one; the rest are only counted.
pub const MAX_ISSUES: usize = 20;

/// How many [`LossyChar`]s are listed one by one; the rest are only counted.
pub const MAX_LOSSY: usize = 200;

/// A character the input's encoding could not carry for sure: the text shows `decoded`, but
/// the author may have typed `possible`.
///
/// TCVN3 (VN3) has no codes for the 60 toned capitals (`Ủ`, `Ộ`, …): they arrive as the
/// lower-case letter. Those [`legacy::restore_tcvn3_capitals`] could not decide are listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LossyChar {
    /// Byte offset in the input of the byte (or, for repaired mojibake, the character) read.
    pub byte_offset: usize,
    /// 1-based line where it stands.
    pub line: usize,
    /// The character in the decoded text.
    pub decoded: char,
    /// What it may have been (for TCVN3, the capital).
    pub possible: char,
}

/// What [`decode_with_report`] returns: the [`Decoded`] text and how sure the reading is.
#[derive(Debug, Clone)]
pub struct DecodeReport {
    /// The decoded text, encoding and invalid bytes, as [`decode`] returns them.
    pub decoded: Decoded,
    /// How sure the encoding is, 0..=1: 1 when forced or marked by a byte-order mark,
    /// lower for a close call between encodings or little text to judge by.
    pub confidence: f32,
    /// Characters the encoding could not carry, in input order (at most [`MAX_LOSSY`]).
    pub lossy: Vec<LossyChar>,
    /// Total number of such characters, also those past [`MAX_LOSSY`].
    pub lossy_count: usize,
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
///
/// Text from legacy encodings is NFC; UTF-8 and UTF-16 text is returned as it is (the
/// normalize stage composes it).
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Decoded {
    decode_with_report(bytes, forced).decoded
}

/// [`decode`], with the confidence of the detection and the characters the encoding could
/// not carry.
///
/// ```
/// use vanban::decode::{decode_with_report, Encoding};
/// // TCVN3 capitals typed in a .VnTimeH font: the bytes carry only the lower-case letters.
/// let r = decode_with_report(b"T\xE6NG LI\xA3N \xA7O\xB5N\n\xF1y ban", Some(Encoding::Tcvn3));
/// assert_eq!(r.decoded.text, "TỔNG LIÊN ĐOÀN\nủy ban");
/// assert_eq!((r.lossy[0].byte_offset, r.lossy[0].line, r.lossy[0].possible), (15, 2, 'Ủ'));
/// ```
pub fn decode_with_report(bytes: &[u8], forced: Option<Encoding>) -> DecodeReport {
    let mut valid = None;
    let (enc, body_start, confidence) = match forced {
        Some(e) => {
            let skip = match e {
                Encoding::Utf8Bom | Encoding::Viqr | Encoding::Tcvn3AsCp1252 | Encoding::VniAsCp1252
                    if bytes.starts_with(b"\xEF\xBB\xBF") =>
                {
                    3
                }
                Encoding::Utf16Le if bytes.starts_with(b"\xFF\xFE") => 2,
                Encoding::Utf16Be if bytes.starts_with(b"\xFE\xFF") => 2,
                _ => 0,
            };
            (e, skip, 1.0)
        }
        None => {
            let (found, text) = detect(bytes);
            valid = text;
            found
        }
    };
    let body = &bytes[body_start..];
    let mut lossy = (Vec::new(), 0);
    let mut d = match enc {
        Encoding::Utf8 | Encoding::Utf8Bom => match valid {
            // Detection read it all as valid UTF-8 already.
            Some(text) => text_only(text.to_string(), enc),
            None => decode_utf8(body, body_start, enc),
        },
        Encoding::Utf16Le => decode_utf16(body, body_start, enc, u16::from_le_bytes),
        Encoding::Utf16Be => decode_utf16(body, body_start, enc, u16::from_be_bytes),
        Encoding::Tcvn3 => {
            // One character per byte until NFC, so character offsets are byte offsets.
            let (raw, marks) = legacy::tcvn3_chars(body);
            let (text, unsure) = legacy::restore_tcvn3_capitals(&raw);
            lossy = lossy_chars(&text, (0..body.len()).map(|i| body_start + i), &unsure, bytes);
            text_only(nfc_if(text, marks), enc)
        }
        Encoding::Vni => text_only(legacy::decode_vni(body), enc),
        Encoding::Viscii => text_only(legacy::decode_viscii(body), enc),
        Encoding::Cp1258 => text_only(legacy::decode_cp1258(body), enc),
        Encoding::Viqr => {
            let mut d = decode_utf8(body, body_start, enc);
            d.text = legacy::decode_viqr(&d.text);
            d
        }
        Encoding::Tcvn3AsCp1252 => {
            let mut d = decode_utf8(body, body_start, enc);
            let (raw, marks) = legacy::tcvn3_mojibake_chars(&d.text);
            let (text, unsure) = legacy::restore_tcvn3_capitals(&raw);
            // Exact while the UTF-8 was valid; after a replaced sequence, offsets into the text.
            lossy = lossy_chars(&text, d.text.char_indices().map(|(i, _)| body_start + i), &unsure, bytes);
            d.text = nfc_if(text, marks);
            d
        }
        Encoding::VniAsCp1252 => {
            let mut d = decode_utf8(body, body_start, enc);
            d.text = legacy::repair_vni_mojibake(&d.text);
            d
        }
    };
    d.looks_binary = looks_binary(&d.text, d.issue_count);
    DecodeReport { decoded: d, confidence, lossy: lossy.0, lossy_count: lossy.1 }
}

fn text_only(text: String, encoding: Encoding) -> Decoded {
    Decoded { text, encoding, issues: Vec::new(), issue_count: 0, looks_binary: false }
}

fn nfc_if(text: String, needed: bool) -> String {
    use unicode_normalization::UnicodeNormalization;
    if needed { text.nfc().collect() } else { text }
}

/// The [`LossyChar`]s at the character offsets `unsure` (sorted) of `text`, whose
/// characters stand at the byte offsets `offsets` of `input`; and their total count.
fn lossy_chars(
    text: &str,
    offsets: impl Iterator<Item = usize>,
    unsure: &[usize],
    input: &[u8],
) -> (Vec<LossyChar>, usize) {
    let mut out = Vec::new();
    let (mut line, mut counted) = (1, 0);
    let mut want = unsure.iter().take(MAX_LOSSY).peekable();
    for ((i, c), off) in text.chars().enumerate().zip(offsets) {
        if want.peek().is_none() {
            break;
        }
        if want.peek() != Some(&&i) {
            continue;
        }
        want.next();
        let off = off.min(input.len());
        line += input[counted.min(off)..off].iter().filter(|&&b| b == b'\n').count();
        counted = off;
        out.push(LossyChar { byte_offset: off, line, decoded: c, possible: c.to_uppercase().next().unwrap_or(c) });
    }
    (out, unsure.len())
}

/// The encoding, where its body starts, and the confidence; with the body as text when
/// detection found all of it valid UTF-8.
fn detect(bytes: &[u8]) -> ((Encoding, usize, f32), Option<&str>) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        let (d, text) = legacy::detect_reading(&bytes[3..]);
        return match d.encoding {
            Encoding::Viqr | Encoding::Tcvn3AsCp1252 | Encoding::VniAsCp1252 => ((d.encoding, 3, d.confidence), text),
            _ => ((Encoding::Utf8Bom, 3, 1.0), text),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return ((Encoding::Utf16Le, 2, 1.0), None);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return ((Encoding::Utf16Be, 2, 1.0), None);
    }
    // UTF-16 without a mark: Vietnamese text in UTF-16 has many ASCII code units, so one
    // byte of each pair is NUL far more often than in any 8-bit text.
    let n = bytes.len().min(4096) & !1;
    if n >= 8 && memchr::memchr(0, &bytes[..n]).is_some() {
        let (mut even, mut odd) = (0usize, 0usize);
        for (i, &b) in bytes[..n].iter().enumerate() {
            if b == 0 {
                if i % 2 == 0 { even += 1 } else { odd += 1 }
            }
        }
        let pairs = n / 2;
        if odd * 10 >= pairs * 3 && even * 20 < pairs {
            return ((Encoding::Utf16Le, 0, 0.9), None);
        }
        if even * 10 >= pairs * 3 && odd * 20 < pairs {
            return ((Encoding::Utf16Be, 0, 0.9), None);
        }
    }
    let (d, text) = legacy::detect_reading(bytes);
    ((d.encoding, 0, d.confidence), text)
}

fn decode_utf8(body: &[u8], base: usize, enc: Encoding) -> Decoded {
    let mut text = String::with_capacity(body.len());
    let mut issues = Vec::new();
    let mut count = 0;
    let mut rest = body;
    let mut pos = 0;
    loop {
        // SIMD validation: the common case, valid UTF-8, costs a fraction of a copy.
        match simdutf8::compat::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: the prefix is valid UTF-8 by the error's contract.
                text.push_str(simdutf8::basic::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good).max(1);
                count += 1;
                if issues.len() < MAX_ISSUES {
                    issues.push(DecodeIssue { byte_offset: base + pos + good, len: bad, line: line_no(&text) });
                }
                text.push('\u{FFFD}');
                pos += good + bad;
                rest = &rest[good + bad..];
            }
        }
    }
    Decoded { text, encoding: enc, issues, issue_count: count, looks_binary: false }
}

fn decode_utf16(body: &[u8], base: usize, enc: Encoding, unit: fn([u8; 2]) -> u16) -> Decoded {
    let mut text = String::with_capacity(body.len());
    let mut issues = Vec::new();
    let mut count = 0;
    let units = body.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut offset = 0;
    for r in char::decode_utf16(units) {
        match r {
            Ok(c) => {
                offset += c.len_utf16() * 2;
                text.push(c);
            }
            Err(_) => {
                count += 1;
                if issues.len() < MAX_ISSUES {
                    issues.push(DecodeIssue { byte_offset: base + offset, len: 2, line: line_no(&text) });
                }
                offset += 2;
                text.push('\u{FFFD}');
            }
        }
    }
    if body.len() % 2 == 1 {
        count += 1;
        if issues.len() < MAX_ISSUES {
            issues.push(DecodeIssue { byte_offset: base + body.len() - 1, len: 1, line: line_no(&text) });
        }
        text.push('\u{FFFD}');
    }
    Decoded { text, encoding: enc, issues, issue_count: count, looks_binary: false }
}

/// 1-based line at the end of `text` so far (only called for the listed issues).
fn line_no(text: &str) -> usize {
    1 + text.bytes().filter(|&b| b == b'\n').count()
}

/// Binary data: many replacement or control characters among the first few thousand.
fn looks_binary(text: &str, issue_count: usize) -> bool {
    // Over the first 8192 characters: replacement characters and control characters
    // (C0 but line ends, tab and form feed; DEL; C1), read from the UTF-8 bytes.
    let b = text.as_bytes();
    // Most text has no bad character in its first 8192 characters (at most 32 KiB): one
    // pass over byte pairs, which the compiler vectorizes, tells. It reads a control
    // character, C2 before a C1 control's second byte (not NBSP, C2 A0) and EF BF (the
    // replacement character's first two bytes); only text that shows one is counted.
    let window = &b[..b.len().min(4 * 8192)];
    // Non-short-circuit `&` and `|` keep the loop free of branches.
    let suspect = |c: u8, next: u8| {
        (c < 0x20) & (c != b'\n') & (c != b'\r') & (c != b'\t') & (c != 0x0C)
            | (c == 0x7F)
            | ((c == 0xC2) & (next < 0xA0))
            | ((c == 0xEF) & (next == 0xBF))
    };
    let Some((&last, head)) = window.split_last() else { return false };
    let pairs = head.chunks(64).zip(window[1..].chunks(64));
    let any =
        pairs.map(|(a, n)| a.iter().zip(n).fold(0u8, |acc, (&c, &x)| acc | u8::from(suspect(c, x)))).any(|m| m != 0)
            || suspect(last, b.get(window.len()).copied().unwrap_or(0));
    if !any {
        return false;
    }
    let (mut total, mut bad) = (0usize, 0usize);
    for (i, &c) in b.iter().enumerate() {
        if c & 0xC0 == 0x80 {
            continue;
        }
        total += 1;
        if total > 8192 {
            total -= 1;
            break;
        }
        bad += usize::from(match c {
            b'\n' | b'\r' | b'\t' | 0x0C => false,
            0..0x20 | 0x7F => true,
            0xC2 => b.get(i + 1).is_some_and(|n| (0x80..0xA0).contains(n)),
            0xEF => b.get(i + 1..i + 3) == Some(&[0xBF, 0xBD]),
            _ => false,
        });
    }
    total > 0 && (bad * 10 > total || (issue_count > 0 && bad * 20 > total))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `looks_binary` reads bytes; it must agree with the same rule read on characters.
    #[test]
    fn looks_binary_reads_bytes_as_the_characters_rule() {
        fn by_chars(text: &str, issues: usize) -> bool {
            let (mut total, mut bad) = (0, 0);
            for c in text.chars().take(8192) {
                total += 1;
                bad += usize::from(c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')));
            }
            total > 0 && (bad * 10 > total || (issues > 0 && bad * 20 > total))
        }
        let pieces = [
            "Kế hoạch ",
            "\u{FFFD}",
            "\u{85}",
            "\u{9F}",
            "\u{A0}",
            "\x01",
            "\x7F",
            "\n",
            "\x0C",
            "ệ",
            "\u{FFFC}",
            "\u{FFEE}",
            "\u{BF}",
        ];
        let mut seed = 7u64;
        for len in [0usize, 1, 5, 40, 9000] {
            for _ in 0..40 {
                let mut t = String::new();
                for _ in 0..len {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let k = (seed >> 33) as usize % (pieces.len() + 6);
                    t.push_str(pieces.get(k).copied().unwrap_or("ab"));
                }
                for issues in [0, 1] {
                    assert_eq!(looks_binary(&t, issues), by_chars(&t, issues), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn utf8_plain_and_bom() {
        assert_eq!(decode("Việt".as_bytes(), None).encoding, Encoding::Utf8);
        let d = decode(b"\xEF\xBB\xBFabc", None);
        assert_eq!((d.text.as_str(), d.encoding), ("abc", Encoding::Utf8Bom));
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported_with_offset() {
        let d = decode(b"ab\xFFcd\xC3", None);
        assert_eq!(d.text, "ab\u{FFFD}cd\u{FFFD}");
        assert_eq!(
            d.issues,
            vec![DecodeIssue { byte_offset: 2, len: 1, line: 1 }, DecodeIssue { byte_offset: 5, len: 1, line: 1 }]
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Số: 1".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, None);
        assert_eq!((d.text.as_str(), d.encoding), ("Số: 1", Encoding::Utf16Le));
        let mut be = Vec::new();
        for u in "Kế hoạch số 12".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        let d = decode(&be, None);
        assert_eq!((d.text.as_str(), d.encoding), ("Kế hoạch số 12", Encoding::Utf16Be));
    }

    #[test]
    fn odd_length_utf16_reports_the_last_byte() {
        let d = decode(b"\xFF\xFEa\x00b", None);
        assert_eq!(d.text, "a\u{FFFD}");
        assert_eq!(d.issues[0].byte_offset, 4);
    }

    #[test]
    fn random_bytes_look_binary() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        assert!(decode(&bytes, None).looks_binary);
        assert!(!decode("Kế hoạch".as_bytes(), None).looks_binary);
    }

    #[test]
    fn names_round_trip() {
        for &e in Encoding::all() {
            assert_eq!(Encoding::from_name(e.name()), Some(e));
        }
    }

    #[test]
    fn legacy_names_and_aliases() {
        let names = [
            ("ABC", Encoding::Tcvn3),
            ("vn3", Encoding::Tcvn3),
            ("TCVN3", Encoding::Tcvn3),
            ("VNI-Windows", Encoding::Vni),
            ("viscii", Encoding::Viscii),
            ("Windows-1258", Encoding::Cp1258),
            ("cp1258", Encoding::Cp1258),
            ("VIQR", Encoding::Viqr),
            ("tcvn3_as_cp1252", Encoding::Tcvn3AsCp1252),
            ("vni-cp1252", Encoding::VniAsCp1252),
        ];
        for (n, e) in names {
            assert_eq!(Encoding::from_name(n), Some(e), "{n}");
        }
        assert_eq!(Encoding::from_name("tcvn5712-1"), None);
    }

    #[test]
    fn legacy_bytes_are_detected_or_forced() {
        let tcvn3 = b"Ng\xAD\xEAi d\xA9n \xAE\xE3ng g\xE3p \xFD ki\xD5n v\xB5o d\xF9 th\xB6o.";
        let r = decode_with_report(tcvn3, None);
        assert_eq!(
            (r.decoded.text.as_str(), r.decoded.encoding),
            ("Người dân đóng góp ý kiến vào dự thảo.", Encoding::Tcvn3)
        );
        assert!(r.confidence > 0.5 && r.confidence < 1.0, "{}", r.confidence);
        assert!(r.decoded.issues.is_empty() && !r.decoded.looks_binary);
        let r = decode_with_report(tcvn3, Some(Encoding::Viscii));
        assert_eq!((r.decoded.encoding, r.confidence), (Encoding::Viscii, 1.0));
        // VIQR forced on text with a bad byte: the byte is reported, the rest is read.
        let d = decode(b"Vie^.t \xFF Nam", Some(Encoding::Viqr));
        assert_eq!(d.text, "Việt \u{FFFD} Nam");
        assert_eq!(d.issues, vec![DecodeIssue { byte_offset: 7, len: 1, line: 1 }]);
        // A UTF-8 byte-order mark before mojibake.
        let d = decode("\u{FEFF}Céng hßa x· héi chñ nghÜa ViÖt Nam".as_bytes(), None);
        assert_eq!((d.text.as_str(), d.encoding), ("Cộng hòa xã hội chủ nghĩa Việt Nam", Encoding::Tcvn3AsCp1252));
    }

    #[test]
    fn lossy_capitals_carry_input_offsets() {
        // Mojibake: offsets are those of the UTF-8 input (`ñ` takes two bytes).
        let r = decode_with_report("§µ N½ng\nñy ban".as_bytes(), Some(Encoding::Tcvn3AsCp1252));
        assert_eq!(r.decoded.text, "Đà Nẵng\nủy ban");
        let l: Vec<(usize, usize, char, char)> =
            r.lossy.iter().map(|l| (l.byte_offset, l.line, l.decoded, l.possible)).collect();
        assert_eq!(l, vec![(11, 2, 'ủ', 'Ủ')]);
        assert_eq!(r.lossy_count, 1);
        // Nothing is lossy in an encoding that has every letter.
        assert!(decode_with_report(b"\x9Cy ban", Some(Encoding::Viscii)).lossy.is_empty());
    }

    #[test]
    fn plain_ascii_stays_utf8_and_viqr_is_found() {
        let d = decode(b"Ke hoach so 12/KH-UBND ngay 05/3/2024. Luat 12/2023/QH13.", None);
        assert_eq!(d.encoding, Encoding::Utf8);
        let d = decode(b"Ke^\xCC hoa.ch so^' 12/KH-UBND", None);
        assert_ne!(d.encoding, Encoding::Viqr);
        let d = decode(b"Ke^\x60 hoa.ch so^' 12/KH-UBND ngu+o+`i dda^n", None);
        assert_eq!((d.text.as_str(), d.encoding), ("Kề hoạch số 12/KH-UBND người đân", Encoding::Viqr));
    }

    #[test]
    fn no_input_makes_any_encoding_panic() {
        let mut x: u32 = 7;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        let tricky: [&[u8]; 6] = [b"", b"\\", b"d", b"\xEF\xBB\xBF", b"\xC3", b"a\xCC\xCC\xF2"];
        for round in 0..300 {
            let len = (next() % 300) as usize;
            let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if round % 3 == 0 {
                bytes.retain(|b| *b != 0); // not UTF-16-like
            }
            if let Some(t) = tricky.get(round % 20) {
                bytes = t.to_vec();
            }
            let _ = decode_with_report(&bytes, None);
            for &e in Encoding::all() {
                let r = decode_with_report(&bytes, Some(e));
                assert!(r.lossy.len() <= MAX_LOSSY && r.lossy.len() <= r.lossy_count);
            }
        }
    }
}
