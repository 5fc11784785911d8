//! Stage 1, decode: input bytes to text.
//!
//! In: the raw bytes of a file. Out: a [`Decoded`] — the text, the [`Encoding`] it was read
//! as, and [`DecodeIssue`]s for bytes that could not be read (each with its byte offset).
//! Undecodable bytes never fail the parse: they become U+FFFD and an issue, so the caller
//! still gets a best-effort record.
//!
//! Detection, in order: a byte-order mark (UTF-8, UTF-16 LE/BE); UTF-16 without a mark
//! when NUL bytes sit at every other position; otherwise UTF-8, with invalid sequences
//! replaced. Legacy Vietnamese encodings (TCVN3, VNI, VISCII, CP1258, VIQR) plug in here
//! as further [`Encoding`] variants.
//!
//! ```
//! use vanban::decode::{decode, Encoding};
//! let d = decode(b"\xEF\xBB\xBFS\xE1\xBB\x91: 12", None);
//! assert_eq!(d.text, "Số: 12");
//! assert_eq!(d.encoding, Encoding::Utf8Bom);
//! assert!(d.issues.is_empty());
//! ```

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
}

impl Encoding {
    /// The name used in the record's `/source/encoding` and by `--encoding`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
        }
    }

    /// Every encoding this build reads, by name.
    pub fn all() -> &'static [Encoding] {
        &[Encoding::Utf8, Encoding::Utf8Bom, Encoding::Utf16Le, Encoding::Utf16Be]
    }

    /// Looks an encoding up by name (`utf-8`, `utf8`, `utf-16le`, …), case-insensitively.
    pub fn from_name(name: &str) -> Option<Encoding> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        match n.as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "utf-8-bom" | "utf8-bom" | "utf-8-sig" => Some(Encoding::Utf8Bom),
            "utf-16le" | "utf16le" | "utf-16" => Some(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Some(Encoding::Utf16Be),
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

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Decoded {
    let (enc, body_start) = match forced {
        Some(e) => {
            let skip = match e {
                Encoding::Utf8Bom if bytes.starts_with(b"\xEF\xBB\xBF") => 3,
                Encoding::Utf16Le if bytes.starts_with(b"\xFF\xFE") => 2,
                Encoding::Utf16Be if bytes.starts_with(b"\xFE\xFF") => 2,
                _ => 0,
            };
            (e, skip)
        }
        None => detect(bytes),
    };
    let body = &bytes[body_start..];
    let mut d = match enc {
        Encoding::Utf8 | Encoding::Utf8Bom => decode_utf8(body, body_start, enc),
        Encoding::Utf16Le => decode_utf16(body, body_start, enc, u16::from_le_bytes),
        Encoding::Utf16Be => decode_utf16(body, body_start, enc, u16::from_be_bytes),
    };
    d.looks_binary = looks_binary(&d.text, d.issue_count);
    d
}

fn detect(bytes: &[u8]) -> (Encoding, usize) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return (Encoding::Utf8Bom, 3);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return (Encoding::Utf16Le, 2);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return (Encoding::Utf16Be, 2);
    }
    // UTF-16 without a mark: Vietnamese text in UTF-16 has many ASCII code units, so one
    // byte of each pair is NUL far more often than in any 8-bit text.
    let n = bytes.len().min(4096) & !1;
    if n >= 8 {
        let (mut even, mut odd) = (0usize, 0usize);
        for (i, &b) in bytes[..n].iter().enumerate() {
            if b == 0 {
                if i % 2 == 0 { even += 1 } else { odd += 1 }
            }
        }
        let pairs = n / 2;
        if odd * 10 >= pairs * 3 && even * 20 < pairs {
            return (Encoding::Utf16Le, 0);
        }
        if even * 10 >= pairs * 3 && odd * 20 < pairs {
            return (Encoding::Utf16Be, 0);
        }
    }
    (Encoding::Utf8, 0)
}

fn decode_utf8(body: &[u8], base: usize, enc: Encoding) -> Decoded {
    let mut text = String::with_capacity(body.len());
    let mut issues = Vec::new();
    let mut count = 0;
    let mut rest = body;
    let mut pos = 0;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                text.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: the prefix is valid UTF-8 by the error's contract.
                text.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
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
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(8192) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')) {
            bad += 1;
        }
    }
    total > 0 && (bad * 10 > total || (issue_count > 0 && bad * 20 > total))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
