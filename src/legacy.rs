//! Legacy Vietnamese encodings, part of stage 1 (decode).
//!
//! In: the raw bytes of a file written before Unicode took over — TCVN3 (VN3, "ABC", the
//! `.VnTime` fonts), VNI-Windows (`VNI-Times`), VISCII (RFC 1456), Windows-1258, VIQR
//! (RFC 1456 mnemonics in 7-bit ASCII) — or UTF-8 text that is really TCVN3 or VNI bytes
//! once read as Windows-1252 (mojibake such as `Céng hoµ` or `Coäng hoøa`).
//! Out: Unicode text in NFC. Tone placement (`hòa`/`hoà`) is left as the file has it: that
//! is the normalize stage's business.
//!
//! [`detect`] guesses the encoding from the bytes alone, with a confidence, by decoding a
//! sample with every candidate and scoring the share of words that are valid Vietnamese
//! syllables ([`is_vietnamese_syllable`]). [`restore_tcvn3_capitals`] puts back the toned
//! capitals that VN3 has no codes for (`TổNG` → `TỔNG`) where the word says so.
//!
//! Every byte decoder is one lookup in a 256-entry table per byte (VNI: two bytes for a
//! letter with a mark), and none of them can fail: every byte has a reading. Where VNI and
//! Windows-1258 fall back on Windows-1252, its five undefined bytes read as the C1 control
//! of the same number, as browsers read them (TCVN3 reads them as the VN1 capitals).
//!
//! ```
//! use vanban::legacy;
//! assert_eq!(legacy::decode_tcvn3(b"Vi\xD6t Nam"), "Việt Nam");
//! assert_eq!(legacy::decode_vni(b"Vie\xE4t Nam"), "Việt Nam");
//! assert_eq!(legacy::decode_viqr("Vie^.t Nam"), "Việt Nam");
//! assert_eq!(legacy::repair_tcvn3_mojibake("Céng hoµ"), "Cộng hoà");
//! ```

use crate::decode::Encoding;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------
// Letters
// ---------------------------------------------------------------------------------------

/// The twelve vowel letters with their tones: rows `a ă â e ê i o ô ơ u ư y` (lower case,
/// then the same twelve in capitals); columns: no tone, grave, hook, tilde, acute, dot.
const VOWELS: [[char; 6]; 24] = [
    ['a', 'à', 'ả', 'ã', 'á', 'ạ'],
    ['ă', 'ằ', 'ẳ', 'ẵ', 'ắ', 'ặ'],
    ['â', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ'],
    ['e', 'è', 'ẻ', 'ẽ', 'é', 'ẹ'],
    ['ê', 'ề', 'ể', 'ễ', 'ế', 'ệ'],
    ['i', 'ì', 'ỉ', 'ĩ', 'í', 'ị'],
    ['o', 'ò', 'ỏ', 'õ', 'ó', 'ọ'],
    ['ô', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ'],
    ['ơ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ'],
    ['u', 'ù', 'ủ', 'ũ', 'ú', 'ụ'],
    ['ư', 'ừ', 'ử', 'ữ', 'ứ', 'ự'],
    ['y', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ'],
    ['A', 'À', 'Ả', 'Ã', 'Á', 'Ạ'],
    ['Ă', 'Ằ', 'Ẳ', 'Ẵ', 'Ắ', 'Ặ'],
    ['Â', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ậ'],
    ['E', 'È', 'Ẻ', 'Ẽ', 'É', 'Ẹ'],
    ['Ê', 'Ề', 'Ể', 'Ễ', 'Ế', 'Ệ'],
    ['I', 'Ì', 'Ỉ', 'Ĩ', 'Í', 'Ị'],
    ['O', 'Ò', 'Ỏ', 'Õ', 'Ó', 'Ọ'],
    ['Ô', 'Ồ', 'Ổ', 'Ỗ', 'Ố', 'Ộ'],
    ['Ơ', 'Ờ', 'Ở', 'Ỡ', 'Ớ', 'Ợ'],
    ['U', 'Ù', 'Ủ', 'Ũ', 'Ú', 'Ụ'],
    ['Ư', 'Ừ', 'Ử', 'Ữ', 'Ứ', 'Ự'],
    ['Y', 'Ỳ', 'Ỷ', 'Ỹ', 'Ý', 'Ỵ'],
];

// Rows of VOWELS, lower case.
const R_A: u8 = 0;
const R_A_BREVE: u8 = 1;
const R_A_CIRC: u8 = 2;
const R_E: u8 = 3;
const R_E_CIRC: u8 = 4;
const R_I: u8 = 5;
const R_O: u8 = 6;
const R_O_CIRC: u8 = 7;
const R_O_HORN: u8 = 8;
const R_U: u8 = 9;
const R_U_HORN: u8 = 10;
const R_Y: u8 = 11;
/// Added to a lower-case row for its capital row.
const UPPER: u8 = 12;

/// `(row + 1) | tone << 5` for every letter of [`VOWELS`] below U+01B1, 0 for other characters.
static VOWEL_LOW: [u8; 0x1B1] = vowel_index::<0x1B1>(0);
/// The same for U+1EA0..=U+1EF9 (the Vietnamese block of Latin Extended Additional).
static VOWEL_1EA0: [u8; 0x5A] = vowel_index::<0x5A>(0x1EA0);

const fn vowel_index<const N: usize>(base: u32) -> [u8; N] {
    let mut t = [0u8; N];
    let mut r = 0;
    while r < VOWELS.len() {
        let mut k = 0;
        while k < 6 {
            let c = VOWELS[r][k] as u32;
            if c >= base && c < base + N as u32 {
                t[(c - base) as usize] = ((k as u8) << 5) | (r as u8 + 1);
            }
            k += 1;
        }
        r += 1;
    }
    t
}

/// The row of [`VOWELS`] (capitals at `row >= UPPER`) and the tone (0 = none) of a vowel letter.
#[inline]
fn vowel(c: char) -> Option<(u8, u8)> {
    let u = c as u32;
    let v = if u < 0x1B1 {
        VOWEL_LOW[u as usize]
    } else if (0x1EA0..0x1EFA).contains(&u) {
        VOWEL_1EA0[(u - 0x1EA0) as usize]
    } else {
        0
    };
    (v != 0).then(|| ((v & 0x1F) - 1, v >> 5))
}

#[inline]
fn letter(row: u8, tone: u8) -> char {
    VOWELS[row as usize][tone as usize]
}

/// A lower-case vowel letter with a tone: the 60 letters whose capitals VN3 has no code for.
#[inline]
fn is_toned_lower(c: char) -> bool {
    matches!(vowel(c), Some((row, tone)) if row < UPPER && tone > 0)
}

// ---------------------------------------------------------------------------------------
// Byte tables
// ---------------------------------------------------------------------------------------

/// Windows-1252 at 0x80–0x9F; the five undefined bytes are the C1 controls of the same number.
const CP1252_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Windows-1258 at 0x80–0x9F (Windows-1252 less Š Ž š ž, which it leaves undefined).
const CP1258_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', '\u{8A}', '‹', 'Œ', '\u{8D}', '\u{8E}', '\u{8F}', //
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', '\u{9A}', '›', 'œ', '\u{9D}', '\u{9E}', 'Ÿ',
];

/// ASCII below 0x80, `c1` at 0x80–0x9F, Latin-1 at 0xA0–0xFF, then `patch`.
const fn table(c1: [char; 32], patch: &[(u8, char)]) -> [char; 256] {
    let mut t = ['\0'; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if i >= 0x80 && i < 0xA0 { c1[i - 0x80] } else { i as u8 as char };
        i += 1;
    }
    let mut k = 0;
    while k < patch.len() {
        t[patch[k].0 as usize] = patch[k].1;
        k += 1;
    }
    t
}

/// ASCII below 0x80, `high` above.
const fn table_high(high: [char; 128], patch: &[(u8, char)]) -> [char; 256] {
    let mut t = ['\0'; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = if i < 0x80 { i as u8 as char } else { high[i - 0x80] };
        i += 1;
    }
    let mut k = 0;
    while k < patch.len() {
        t[patch[k].0 as usize] = patch[k].1;
        k += 1;
    }
    t
}

static CP1252: [char; 256] = table(CP1252_80, &[]);

/// TCVN 5712:1993 VN3, read the way archived `.VnTime` documents need it:
/// * 0xA0 NBSP; 0xA1–0xA7 `Ă Â Ê Ô Ơ Ư Đ`; 0xA8–0xAE `ă â ê ô ơ ư đ`; the 67 lower-case
///   toned letters from 0xB5 on;
/// * the 16 holes VN3 leaves (0xAF 0xBA 0xBF 0xC0–0xC5 0xCD 0xD9–0xDB 0xE0 0xF0 0xFF) as
///   the VN1 capitals, and 0xB0–0xB4 as VN1's combining tone marks: nothing in VN3
///   conflicts with them;
/// * 0x80–0x9F as Windows-1252 (smart quotes, dashes, bullets in Word documents set in
///   `.VnTime`), except the five bytes Windows-1252 leaves undefined, read as their VN1
///   capitals (0x81 Ả, 0x8D Ì, 0x8F Ĩ, 0x90 Í, 0x9D Ù);
/// * C0 bytes as control characters (VN1 capitals there clash with controls).
static TCVN3: [char; 256] = table_high(
    [
        '€', 'Ả', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 'Ì', 'Ž', 'Ĩ', // 0x80
        'Í', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 'Ù', 'ž', 'Ÿ', // 0x90
        '\u{A0}', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', // 0xA0
        '\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', 'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ',
        'Ẵ', // 0xB0
        'Ắ', 'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', 'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', // 0xC0
        'é', 'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', 'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', // 0xD0
        'Ổ', 'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', 'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', // 0xE0
        'Ỗ', 'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', 'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố', // 0xF0
    ],
    &[],
);

/// VISCII 1.1 (RFC 1456): all 128 high bytes are letters, and six capitals sit in C0.
static VISCII: [char; 256] = table_high(
    [
        'Ạ', 'Ắ', 'Ằ', 'Ặ', 'Ấ', 'Ầ', 'Ẩ', 'Ậ', 'Ẽ', 'Ẹ', 'Ế', 'Ề', 'Ể', 'Ễ', 'Ệ', 'Ố', // 0x80
        'Ồ', 'Ổ', 'Ỗ', 'Ộ', 'Ợ', 'Ớ', 'Ờ', 'Ở', 'Ị', 'Ỏ', 'Ọ', 'Ỉ', 'Ủ', 'Ũ', 'Ụ', 'Ỳ', // 0x90
        'Õ', 'ắ', 'ằ', 'ặ', 'ấ', 'ầ', 'ẩ', 'ậ', 'ẽ', 'ẹ', 'ế', 'ề', 'ể', 'ễ', 'ệ', 'ố', // 0xA0
        'ồ', 'ổ', 'ỗ', 'Ỡ', 'Ơ', 'ộ', 'ờ', 'ở', 'ị', 'Ự', 'Ứ', 'Ừ', 'Ử', 'ơ', 'ớ', 'Ư', // 0xB0
        'À', 'Á', 'Â', 'Ã', 'Ả', 'Ă', 'ẳ', 'ẵ', 'È', 'É', 'Ê', 'Ẻ', 'Ì', 'Í', 'Ĩ', 'ỳ', // 0xC0
        'Đ', 'ứ', 'Ò', 'Ó', 'Ô', 'ạ', 'ỷ', 'ừ', 'ử', 'Ù', 'Ú', 'ỹ', 'ỵ', 'Ý', 'ỡ', 'ư', // 0xD0
        'à', 'á', 'â', 'ã', 'ả', 'ă', 'ữ', 'ẫ', 'è', 'é', 'ê', 'ẻ', 'ì', 'í', 'ĩ', 'ỉ', // 0xE0
        'đ', 'ự', 'ò', 'ó', 'ô', 'õ', 'ỏ', 'ọ', 'ụ', 'ù', 'ú', 'ũ', 'ủ', 'ý', 'ợ', 'Ữ', // 0xF0
    ],
    &[(0x02, 'Ẳ'), (0x05, 'Ẵ'), (0x06, 'Ẫ'), (0x14, 'Ỷ'), (0x19, 'Ỹ'), (0x1E, 'Ỵ')],
);

/// Windows-1258: Latin-1 with `Ă Đ Ơ Ư ă đ ơ ư ₫` and the five combining tone marks.
static CP1258: [char; 256] = table(
    CP1258_80,
    &[
        (0xC3, 'Ă'),
        (0xCC, '\u{300}'),
        (0xD0, 'Đ'),
        (0xD2, '\u{309}'),
        (0xD5, 'Ơ'),
        (0xDD, 'Ư'),
        (0xDE, '\u{303}'),
        (0xE3, 'ă'),
        (0xEC, '\u{301}'),
        (0xF0, 'đ'),
        (0xF2, '\u{323}'),
        (0xF5, 'ơ'),
        (0xFD, 'ư'),
        (0xFE, '₫'),
    ],
);

/// The tone (column of [`VOWELS`]) of a Windows-1258 tone byte, 0 for other bytes.
static CP1258_TONE: [u8; 256] = {
    let mut t = [0u8; 256];
    t[0xCC] = 1;
    t[0xD2] = 2;
    t[0xDE] = 3;
    t[0xEC] = 4;
    t[0xF2] = 5;
    t
};

/// VNI-Windows single bytes: Windows-1252 with the letters VNI writes in one byte.
static VNI_SINGLE: [char; 256] = table(
    CP1252_80,
    &[
        (0xF1, 'đ'),
        (0xD1, 'Đ'),
        (0xF4, 'ơ'),
        (0xD4, 'Ơ'),
        (0xF6, 'ư'),
        (0xD6, 'Ư'),
        (0xEC, 'ì'),
        (0xCC, 'Ì'),
        (0xED, 'í'),
        (0xCD, 'Í'),
        (0xE6, 'ỉ'),
        (0xC6, 'Ỉ'),
        (0xF3, 'ĩ'),
        (0xD3, 'Ĩ'),
        (0xF2, 'ị'),
        (0xD2, 'Ị'),
        (0xEE, 'ỵ'),
        (0xCE, 'Ỵ'),
    ],
);

const SHAPE_NONE: u8 = 0;
const SHAPE_BREVE: u8 = 1;
const SHAPE_CIRC: u8 = 2;

/// VNI mark bytes: `0x80 | upper << 6 | shape << 4 | tone`, 0 for bytes that are no mark.
/// The capital mark byte is the lower-case one − 0x20.
static VNI_MARK: [u8; 256] = {
    // (lower-case byte, shape, tone)
    const MARKS: [(usize, u8, u8); 17] = [
        (0xF8, SHAPE_NONE, 1),
        (0xFB, SHAPE_NONE, 2),
        (0xF5, SHAPE_NONE, 3),
        (0xF9, SHAPE_NONE, 4),
        (0xEF, SHAPE_NONE, 5),
        (0xEA, SHAPE_BREVE, 0),
        (0xE8, SHAPE_BREVE, 1),
        (0xFA, SHAPE_BREVE, 2),
        (0xFC, SHAPE_BREVE, 3),
        (0xE9, SHAPE_BREVE, 4),
        (0xEB, SHAPE_BREVE, 5),
        (0xE2, SHAPE_CIRC, 0),
        (0xE0, SHAPE_CIRC, 1),
        (0xE5, SHAPE_CIRC, 2),
        (0xE3, SHAPE_CIRC, 3),
        (0xE1, SHAPE_CIRC, 4),
        (0xE4, SHAPE_CIRC, 5),
    ];
    let mut t = [0u8; 256];
    let mut k = 0;
    while k < MARKS.len() {
        let (b, shape, tone) = MARKS[k];
        t[b] = 0x80 | (shape << 4) | tone;
        t[b - 0x20] = 0xC0 | (shape << 4) | tone;
        k += 1;
    }
    t
};

/// VNI base letters that take a mark byte: `row + 1` of [`VOWELS`], 0 for other bytes.
static VNI_BASE: [u8; 256] = {
    let mut t = [0u8; 256];
    let pairs: [(usize, u8); 14] = [
        (b'a' as usize, R_A),
        (b'e' as usize, R_E),
        (b'o' as usize, R_O),
        (b'u' as usize, R_U),
        (b'y' as usize, R_Y),
        (0xF4, R_O_HORN),
        (0xF6, R_U_HORN),
        (b'A' as usize, R_A + UPPER),
        (b'E' as usize, R_E + UPPER),
        (b'O' as usize, R_O + UPPER),
        (b'U' as usize, R_U + UPPER),
        (b'Y' as usize, R_Y + UPPER),
        (0xD4, R_O_HORN + UPPER),
        (0xD6, R_U_HORN + UPPER),
    ];
    let mut k = 0;
    while k < pairs.len() {
        t[pairs[k].0] = pairs[k].1 + 1;
        k += 1;
    }
    t
};

/// The letter a VNI base byte and mark byte make together, if they make one.
#[inline]
fn vni_pair(base: u8, mark: u8) -> Option<char> {
    let b = VNI_BASE[base as usize];
    let m = VNI_MARK[mark as usize];
    if b == 0 || m == 0 {
        return None;
    }
    let row = b - 1;
    let upper = row >= UPPER;
    // A mark byte of the other case is not part of the letter (`A` + 0xE1 reads `Aá`).
    if upper != (m & 0x40 != 0) {
        return None;
    }
    let (shape, tone) = ((m >> 4) & 3, m & 7);
    let shaped = match (shape, row % UPPER) {
        (SHAPE_NONE, r) => r,
        (SHAPE_BREVE, R_A) => R_A_BREVE,
        (SHAPE_CIRC, R_A) => R_A_CIRC,
        (SHAPE_CIRC, R_E) => R_E_CIRC,
        (SHAPE_CIRC, R_O) => R_O_CIRC,
        _ => return None,
    };
    Some(letter(shaped + if upper { UPPER } else { 0 }, tone))
}

/// The Windows-1252 byte that shows as `c`, if any (the undefined bytes as their C1 controls).
#[inline]
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        Some(u as u8)
    } else {
        CP1252_80.iter().position(|&x| x == c).map(|i| 0x80 + i as u8)
    }
}

// ---------------------------------------------------------------------------------------
// Decoders
// ---------------------------------------------------------------------------------------

fn nfc_if(text: String, needed: bool) -> String {
    if needed { text.nfc().collect() } else { text }
}

/// TCVN3 bytes to text, one character per byte and before NFC (VN1's combining tones
/// at 0xB0–0xB4 stay separate), so that character offsets are byte offsets. The flag
/// says whether a combining mark was met.
pub(crate) fn tcvn3_chars(bytes: &[u8]) -> (String, bool) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut marks = false;
    for &b in bytes {
        marks |= (0xB0..=0xB4).contains(&b);
        out.push(TCVN3[b as usize]);
    }
    (out, marks)
}

/// Decodes TCVN3 (VN3, "ABC") bytes, in NFC.
///
/// Toned capitals have no code in VN3 and come out in lower case, as the bytes say
/// (`TổNG LIÊN ĐOàN`); [`restore_tcvn3_capitals`] puts back the capitals that the words
/// show. 0x80–0x9F read as Windows-1252 (smart quotes and dashes of Word documents set in
/// `.VnTime`); the codes VN3 leaves free read as in VN1 (the full TCVN 5712 table): 16
/// capitals above 0xA0, combining tones at 0xB0–0xB4, and 0x81 0x8D 0x8F 0x90 0x9D, which
/// Windows-1252 leaves undefined. C0 bytes stay control characters.
pub fn decode_tcvn3(bytes: &[u8]) -> String {
    let (text, marks) = tcvn3_chars(bytes);
    nfc_if(text, marks)
}

/// Decodes VISCII 1.1 bytes (RFC 1456, including the six capitals in C0 and 0xA0 = `Õ`).
pub fn decode_viscii(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        out.push(VISCII[b as usize]);
    }
    out
}

/// Decodes Windows-1258 bytes, in NFC: a tone byte after a vowel is composed with it
/// (`a` 0xEC → `á`, `ê` 0xF2 → `ệ`); a tone byte after anything else stays a combining mark.
pub fn decode_cp1258(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut loose = false;
    for &b in bytes {
        let tone = CP1258_TONE[b as usize];
        if tone != 0 {
            if let Some((row, 0)) = out.chars().next_back().and_then(vowel) {
                out.pop();
                out.push(letter(row, tone));
                continue;
            }
            loose = true;
        }
        out.push(CP1258[b as usize]);
    }
    nfc_if(out, loose)
}

/// Decodes VNI-Windows bytes: a vowel followed by a mark byte of its case is one letter
/// (`e` 0xE4 → `ệ`, `O` 0xC2 → `Ô`), read before single bytes; the single-byte letters
/// (`đ` 0xF1, `ơ` 0xF4, `ư` 0xF6, `ì í ỉ ĩ ị ỵ` and capitals); every other byte is Windows-1252.
pub fn decode_vni(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(c) = bytes.get(i + 1).and_then(|&m| vni_pair(b, m)) {
            out.push(c);
            i += 2;
        } else {
            out.push(VNI_SINGLE[b as usize]);
            i += 1;
        }
    }
    out
}

/// Repairs TCVN3 mojibake: text whose characters are TCVN3 bytes shown as Windows-1252
/// (`Céng hoµ x· héi` → `Cộng hoà xã hội`). Characters Windows-1252 has no byte for are
/// kept. Like [`decode_tcvn3`], toned capitals stay lower case.
pub fn repair_tcvn3_mojibake(text: &str) -> String {
    let (t, marks) = tcvn3_mojibake_chars(text);
    nfc_if(t, marks)
}

/// [`repair_tcvn3_mojibake`] one character per input character, before NFC.
pub(crate) fn tcvn3_mojibake_chars(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut marks = false;
    for c in text.chars() {
        match cp1252_byte(c) {
            Some(b) => {
                marks |= (0xB0..=0xB4).contains(&b);
                out.push(TCVN3[b as usize]);
            }
            None => out.push(c),
        }
    }
    (out, marks)
}

/// Repairs VNI mojibake: text whose characters are VNI bytes shown as Windows-1252
/// (`Coäng hoøa` → `Cộng hòa`). Characters Windows-1252 has no byte for are kept.
pub fn repair_vni_mojibake(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut it = text.chars().peekable();
    let mut other = false;
    while let Some(c) = it.next() {
        let Some(b) = cp1252_byte(c) else {
            other = true;
            out.push(c);
            continue;
        };
        if let Some(l) = it.peek().and_then(|&n| cp1252_byte(n)).and_then(|m| vni_pair(b, m)) {
            it.next();
            out.push(l);
        } else {
            out.push(VNI_SINGLE[b as usize]);
        }
    }
    // Kept characters may be decomposed; the letters made here are precomposed.
    nfc_if(out, other)
}

/// Decodes VIQR (RFC 1456): `(` breve, `^` circumflex, `+` horn, then one of `'` `` ` ``
/// `?` `~` `.` for the tone, after the vowel they belong to; `dd`/`DD` (and `Dd`, `dD`,
/// by the case of the first letter) for `đ`/`Đ`, also inside a word (`LDDLDD` → `LĐLĐ`).
///
/// A mark combines only when it makes a Vietnamese letter (`A+` stays `A+`; a shape mark
/// after a tone stays literal), so an unescaped period after a vowel is a dot below, as
/// the RFC says (`ho.` → `họ`). A backslash makes the next character literal (`ho\.`,
/// `BG\DDDT` → `BGDĐT`, `\\` → `\`). Characters outside ASCII are kept as they are.
pub fn decode_viqr(text: &str) -> String {
    let s = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut other = false;
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if b >= 0x80 {
            // Copy the whole non-ASCII character.
            let n = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + n]);
            other = true;
            i += n;
            continue;
        }
        match b {
            b'\\' if i + 1 < s.len() => {
                let n = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&text[i + 1..i + 1 + n]);
                i += 1 + n;
            }
            b'd' | b'D' if matches!(s.get(i + 1), Some(b'd' | b'D')) => {
                out.push(if b == b'd' { 'đ' } else { 'Đ' });
                i += 2;
            }
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'A' | b'E' | b'I' | b'O' | b'U' | b'Y' => {
                let upper = b.is_ascii_uppercase();
                let mut row = match b.to_ascii_lowercase() {
                    b'a' => R_A,
                    b'e' => R_E,
                    b'i' => R_I,
                    b'o' => R_O,
                    b'u' => R_U,
                    _ => R_Y,
                };
                let mut j = i + 1;
                let shaped = match (row, s.get(j)) {
                    (R_A, Some(b'(')) => Some(R_A_BREVE),
                    (R_A, Some(b'^')) => Some(R_A_CIRC),
                    (R_E, Some(b'^')) => Some(R_E_CIRC),
                    (R_O, Some(b'^')) => Some(R_O_CIRC),
                    (R_O, Some(b'+')) => Some(R_O_HORN),
                    (R_U, Some(b'+')) => Some(R_U_HORN),
                    _ => None,
                };
                if let Some(r) = shaped {
                    row = r;
                    j += 1;
                }
                let tone = match s.get(j) {
                    Some(b'`') => 1,
                    Some(b'?') => 2,
                    Some(b'~') => 3,
                    Some(b'\'') => 4,
                    Some(b'.') => 5,
                    _ => 0,
                };
                if tone != 0 {
                    j += 1;
                }
                out.push(letter(row + if upper { UPPER } else { 0 }, tone));
                i = j;
            }
            _ => {
                out.push(b as char);
                i += 1;
            }
        }
    }
    nfc_if(out, other)
}

// ---------------------------------------------------------------------------------------
// TCVN3 capitals
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Case {
    /// Digits only, or a single capital letter: says nothing about the line.
    Neutral,
    /// Capitals only (two or more letters), or capitals with toned lower-case letters.
    Upper,
    /// Has a lower-case letter VN3 could have written as a capital.
    Lower,
    /// Toned lower-case letters and at most one capital (`Và`, `Sở`, `ở`): the neighbours decide.
    Unsure,
}

struct Word {
    /// Byte range in its line.
    start: usize,
    end: usize,
    /// Character offset of its first character in the whole text.
    char_start: usize,
    case: Case,
    /// The word has toned lower-case letters.
    toned: bool,
    /// The first letter is a toned lower-case letter.
    toned_first: bool,
    /// No neighbour on the left: the start of a line, or after a break in the line.
    starts_segment: bool,
    /// The word is a Vietnamese syllable (so not an abbreviation like `GD` or `UBND`).
    syllable: bool,
}

/// Puts back the toned capitals that TCVN3 (VN3) has no codes for, where the words show
/// them: returns the text and the character offsets of the toned lower-case letters that
/// may have been capitals but were left in lower case.
///
/// VN3 writes `TỔNG LIÊN ĐOÀN` as `TổNG LIÊN ĐOàN` (the document showed capitals because it
/// used a `.VnTimeH` font). A toned lower-case letter is upper-cased when its word is
/// otherwise in capitals and has at least two of them (`TổNG`, `ĐOàN`, `HOạCH`); a word
/// with one capital or none (`Và`, `Sở`, `ở`) follows its neighbours in the same stretch of
/// the line (a tab, two spaces or `. : ; ( ) ! ?` end a stretch): upper case when the
/// nearest neighbours that show a case are in capitals, lower case otherwise. Words in
/// capitals that are no syllables (`GD`, `UBND`) show no case: `Bộ GD&ĐT` stays. Words with plain
/// lower-case letters (`Việt`, `ủy`) are left alone.
///
/// Reported as not restored, because the bytes cannot tell: the toned lower-case letters of
/// words with no neighbour to decide by, and every toned lower-case letter left in lower
/// case at the start of a word, where Vietnamese puts capitals (`ủy ban` may have been
/// `Ủy ban`, `ảnh` may have been `Ảnh`). Toned letters inside a word with lower-case
/// letters (`Việt`) are lower case for sure and not reported.
///
/// ```
/// use vanban::legacy::restore_tcvn3_capitals;
/// let (t, _) = restore_tcvn3_capitals("TổNG LIÊN ĐOàN LAO ĐộNG VIệT NAM\nSở GIáO DụC Và ĐàO TạO\nSở Giáo dục");
/// assert_eq!(t, "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSở Giáo dục");
/// let (t, unsure) = restore_tcvn3_capitals("ủy ban");
/// assert_eq!((t.as_str(), unsure), ("ủy ban", vec![0]));
/// ```
pub fn restore_tcvn3_capitals(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut unsure = Vec::new();
    let mut words = Vec::new();
    let mut upper = Vec::new();
    let mut char_base = 0;
    for line in text.split_inclusive('\n') {
        let line_chars = words_of(line, char_base, &mut words);
        char_base += line_chars;
        upper.clear();
        upper.resize(words.len(), false);
        for (k, w) in words.iter().enumerate() {
            match w.case {
                Case::Upper => upper[k] = w.toned,
                Case::Unsure => {
                    let cases = [neighbour(&words, k, true), neighbour(&words, k, false)];
                    if cases.contains(&Some(Case::Lower)) {
                        // lower case, as written
                    } else if cases.contains(&Some(Case::Upper)) {
                        upper[k] = true;
                    } else {
                        let toned = line[w.start..w.end].chars().enumerate().filter(|&(_, c)| is_toned_lower(c));
                        unsure.extend(toned.map(|(i, _)| w.char_start + i));
                        continue;
                    }
                }
                _ => {}
            }
            if !upper[k] && w.toned_first {
                unsure.push(w.char_start);
            }
        }
        if !upper.contains(&true) {
            out.push_str(line);
            continue;
        }
        let mut next = 0;
        for (w, _) in words.iter().zip(&upper).filter(|(_, u)| **u) {
            out.push_str(&line[next..w.start]);
            for c in line[w.start..w.end].chars() {
                if is_toned_lower(c) {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
            }
            next = w.end;
        }
        out.push_str(&line[next..]);
    }
    (out, unsure)
}

/// The case of the nearest word left (or right) of word `k` in its stretch of the line
/// that shows one, looking at most eight words away.
fn neighbour(words: &[Word], k: usize, left: bool) -> Option<Case> {
    // Capitals count only in words of the language: `Bộ GD&ĐT` is not a line in capitals.
    let decided = |w: &Word| match w.case {
        Case::Upper if w.syllable => Some(Case::Upper),
        Case::Lower => Some(Case::Lower),
        _ => None,
    };
    if left {
        if words[k].starts_segment {
            return None;
        }
        for j in (k.saturating_sub(8)..k).rev() {
            if let Some(c) = decided(&words[j]) {
                return Some(c);
            }
            if words[j].starts_segment {
                return None;
            }
        }
    } else {
        for w in words.iter().skip(k + 1).take(8) {
            if w.starts_segment {
                return None;
            }
            if let Some(c) = decided(w) {
                return Some(c);
            }
        }
    }
    None
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        match c {
            'đ' | 'Đ' => true,
            '\u{A0}'..='\u{BF}' | '\u{2000}'..='\u{206F}' => false, // NBSP, symbols, punctuation
            _ => vowel(c).is_some() || c.is_alphanumeric() || ('\u{300}'..='\u{36F}').contains(&c),
        }
    }
}

/// The words of one line into `words`; returns the number of characters in the line.
fn words_of(line: &str, char_base: usize, words: &mut Vec<Word>) -> usize {
    words.clear();
    let mut nchars = 0;
    // Since the last word: a line break or a stretch break.
    let mut seg_break = true;
    let mut spaces = 0;
    let mut it = line.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if !is_word_char(c) {
            nchars += 1;
            match c {
                '\n' | '\r' | '\t' | '.' | ':' | ';' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '“'
                | '”' => seg_break = true,
                ' ' | '\u{A0}' => {
                    spaces += 1;
                    if spaces >= 2 {
                        seg_break = true;
                    }
                }
                _ => {}
            }
            if c != ' ' && c != '\u{A0}' {
                spaces = 0;
            }
            continue;
        }
        let char_start = char_base + nchars;
        let (mut up, mut low, mut toned, mut len) = (0, 0, 0, 0usize);
        let mut buf = ['\0'; 8];
        let mut end = start;
        let mut next = Some((start, c));
        while let Some((i, c)) = next {
            if c.is_ascii() {
                up += usize::from(c.is_ascii_uppercase());
                low += usize::from(c.is_ascii_lowercase());
            } else if let Some((row, tone)) = vowel(c) {
                match (row < UPPER, tone > 0) {
                    (true, true) => toned += 1,
                    (true, false) => low += 1,
                    _ => up += 1,
                }
            } else if c == 'đ' {
                low += 1;
            } else if c.is_uppercase() {
                up += 1;
            } else if c.is_lowercase() {
                low += 1;
            }
            if len < buf.len() {
                buf[len] = c;
            }
            len += 1;
            end = i + c.len_utf8();
            next = it.next_if(|&(_, c)| is_word_char(c));
        }
        nchars += len;
        let case = if low > 0 {
            Case::Lower
        } else if toned > 0 {
            if up >= 2 { Case::Upper } else { Case::Unsure }
        } else if up >= 2 {
            Case::Upper
        } else {
            Case::Neutral
        };
        words.push(Word {
            start,
            end,
            char_start,
            case,
            toned: toned > 0,
            toned_first: is_toned_lower(c),
            starts_segment: seg_break,
            syllable: case == Case::Upper && len <= 7 && syllable_ok(&buf[..len]),
        });
        seg_break = false;
        spaces = 0;
    }
    nchars
}

// ---------------------------------------------------------------------------------------
// Syllables and scoring
// ---------------------------------------------------------------------------------------

/// Codes for the twelve vowels in a syllable: `a ă â e ê i o ô ơ u ư y`.
const VOWEL_CODE: [u8; 12] = *b"a12e3io45u6y";

fn is_vowel_code(b: u8) -> bool {
    VOWEL_CODE.contains(&b)
}

const ONSETS: [&[u8]; 28] = [
    b"ngh", b"ng", b"nh", b"ch", b"gh", b"gi", b"kh", b"ph", b"qu", b"th", b"tr", b"b", b"c", b"d", b"D", b"g", b"h",
    b"k", b"l", b"m", b"n", b"p", b"r", b"s", b"t", b"v", b"x", b"",
];
const FINALS: [&[u8]; 9] = [b"", b"c", b"ch", b"m", b"n", b"ng", b"nh", b"p", b"t"];
/// Vowel groups that end the syllable (their last letter is a glide or the group is closed).
const OPEN_ONLY: [&[u8]; 31] = [
    b"ai", b"ao", b"au", b"ay", b"2u", b"2y", b"eo", b"3u", b"ia", b"iu", b"oi", b"4i", b"5i", b"ui", b"6i", b"6u",
    b"ua", b"6a", b"i3u", b"y3u", b"oai", b"oay", b"oao", b"oeo", b"u2y", b"u4i", b"65i", b"65u", b"uya", b"uyu",
    b"u5",
];
/// Vowel groups that need a final consonant.
const NEED_FINAL: [&[u8]; 10] = [b"1", b"2", b"i3", b"y3", b"u4", b"65", b"uy3", b"o1", b"u2", b"oo"];
/// Vowel groups with or without a final consonant.
const EITHER: [&[u8]; 14] = [b"a", b"e", b"3", b"i", b"o", b"4", b"5", b"u", b"6", b"y", b"oa", b"oe", b"u3", b"uy"];

/// Whether `word` is one well-formed Vietnamese syllable, in any case: an onset (`b c ch d
/// đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x` or none), a vowel group of the
/// language (`a`, `oa`, `ươi`, `uyê`, …), a final (`c ch m n ng nh p t` or none), at most
/// one tone, and with `c ch p t` only the acute or dot tone. Abbreviations (`UBND`),
/// foreign words and mis-decoded letters (`ViÖt`, `Viỷt`) are not syllables.
pub fn is_vietnamese_syllable(word: &str) -> bool {
    let mut buf = ['\0'; 8];
    let mut n = 0;
    for c in word.chars() {
        if n == buf.len() {
            return false;
        }
        buf[n] = c;
        n += 1;
    }
    syllable_ok(&buf[..n])
}

fn syllable_ok(word: &[char]) -> bool {
    if word.is_empty() || word.len() > 7 {
        return false;
    }
    let mut s = [0u8; 7];
    let mut tone = 0;
    for (k, &c) in word.iter().enumerate() {
        s[k] = if let Some((row, t)) = vowel(c) {
            if t != 0 {
                if tone != 0 {
                    return false;
                }
                tone = t;
            }
            VOWEL_CODE[(row % UPPER) as usize]
        } else {
            match c {
                'b'..='z' | 'B'..='Z' => c.to_ascii_lowercase() as u8,
                'đ' | 'Đ' => b'D',
                _ => return false,
            }
        };
    }
    let s = &s[..word.len()];
    for on in ONSETS {
        if !s.starts_with(on) {
            continue;
        }
        let rest = &s[on.len()..];
        if (on == b"gi" || on == b"qu") && !rest.first().is_some_and(|&b| is_vowel_code(b)) {
            continue; // `gì`, `gìn`: the i is the vowel
        }
        let v = rest.iter().take_while(|&&b| is_vowel_code(b)).count();
        let (group, fin) = rest.split_at(v);
        if group.is_empty() || !FINALS.contains(&fin) {
            return false;
        }
        if matches!(on, b"k" | b"gh" | b"ngh") && !matches!(group[0], b'i' | b'e' | b'3' | b'y') {
            return false;
        }
        let shape_ok = if OPEN_ONLY.contains(&group) {
            fin.is_empty()
        } else if NEED_FINAL.contains(&group) {
            !fin.is_empty()
        } else {
            EITHER.contains(&group)
        };
        // After c ch p t only the acute and the dot below.
        let stop = matches!(fin, b"c" | b"ch" | b"p" | b"t");
        return shape_ok && (!stop || tone == 4 || tone == 5);
    }
    false
}

/// Frequent words that are only spelled with letters outside ASCII.
const FREQUENT: [&str; 12] = ["và", "của", "các", "được", "là", "có", "không", "những", "người", "này", "để", "đã"];

/// How Vietnamese a text reads.
#[derive(Debug, Clone, Copy, Default)]
struct Score {
    /// Words with letters outside ASCII that are syllables.
    good: u32,
    /// Words with letters outside ASCII that are not, and stray symbols or controls.
    bad: u32,
    /// Frequent words among the good ones.
    frequent: u32,
}

impl Score {
    fn value(self) -> f32 {
        let n = (self.good + self.bad) as f32;
        if n == 0.0 {
            return 0.0;
        }
        let share = self.good as f32 / n;
        let freq = (self.frequent as f32 / n * 5.0).min(1.0);
        0.9 * share + 0.1 * freq
    }

    fn evidence(self) -> u32 {
        self.good + self.bad
    }
}

fn end_word(s: &mut Score, buf: &[char; 8], n: usize, non_ascii: bool) {
    if n == 0 || !non_ascii {
        return;
    }
    let w = &buf[..n.min(8)];
    if n <= 7 && syllable_ok(w) {
        s.good += 1;
        if FREQUENT.iter().any(|f| f.chars().eq(w.iter().flat_map(|c| c.to_lowercase()))) {
            s.frequent += 1;
        }
    } else {
        s.bad += 1;
    }
}

/// Scores the words of `text` (see [`Score`]). ASCII-only words say nothing and are skipped.
fn score(text: &str) -> Score {
    let mut s = Score::default();
    let mut buf = ['\0'; 8];
    let mut n = 0usize; // letters in the word so far (may exceed buf)
    let mut non_ascii = false;
    for c in text.chars() {
        if c.is_alphabetic() {
            if n < buf.len() {
                buf[n] = c;
            }
            n += 1;
            non_ascii |= !c.is_ascii();
            continue;
        }
        end_word(&mut s, &buf, n, non_ascii);
        n = 0;
        non_ascii = false;
        if !c.is_ascii() {
            let typographic = matches!(
                c,
                '\u{A0}'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
                    | '–'
                    | '—'
                    | '…'
                    | '•'
                    | '€'
                    | '°'
                    | '«'
                    | '»'
                    | '№'
                    | '²'
                    | '³'
            ) || c.is_numeric()
                || c.is_whitespace();
            if !typographic {
                s.bad += 1;
            }
        } else if c.is_ascii_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C') {
            s.bad += 1;
        }
    }
    end_word(&mut s, &buf, n, non_ascii);
    s
}

// ---------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------

/// How much of the input detection reads.
pub const SAMPLE_BYTES: usize = 64 * 1024;

/// An encoding guessed from the bytes, with how sure the guess is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The encoding to read the bytes as.
    pub encoding: Encoding,
    /// 0..=1: about 1 for clear evidence, near 0.5 or below for a close call or little text.
    pub confidence: f32,
}

/// Guesses the encoding of `bytes` (without a byte-order mark or UTF-16; the caller
/// handles those), following the recipe of the shared test vectors:
///
/// 1. Valid UTF-8 with letters outside ASCII is Unicode — unless the text reads much
///    better as TCVN3 or VNI bytes that went through Windows-1252 (mojibake:
///    [`Encoding::Tcvn3AsCp1252`], [`Encoding::VniAsCp1252`]).
/// 2. Pure ASCII is VIQR only when a good share of its words (20 % or more) carry
///    mnemonics that plain text does not have (`Vie^.t`, `ca'c`, `u+o+`, a word-initial
///    `dd`) and they decode to Vietnamese syllables. A final `.` or `?`, or codes like
///    `QH13`, are no evidence. ASCII without such words is plain UTF-8.
/// 3. Other bytes: mostly valid UTF-8 sequences means UTF-8 with some damage; otherwise
///    the sample is decoded as TCVN3, VNI, VISCII and Windows-1258, and the one with the
///    best share of Vietnamese syllables wins when it beats Windows-1252 (the "not
///    Vietnamese" baseline); the confidence comes from the margin to the runner-up. When
///    nothing reads as Vietnamese, UTF-8 (with its replacement characters).
///
/// Only the first [`SAMPLE_BYTES`] are read (or a window at the first byte outside ASCII).
pub fn detect(bytes: &[u8]) -> Detection {
    detect_reading(bytes).0
}

/// [`detect`], and the text when the sample is the whole of `bytes` and valid UTF-8, so
/// that decoding need not check it again.
pub(crate) fn detect_reading(bytes: &[u8]) -> (Detection, Option<&str>) {
    let sample = sample_of(bytes);
    // Valid UTF-8, the rule, is checked once; the counts are read only from damaged text.
    let (multi, invalid, valid_to, valid) = match simdutf8::basic::from_utf8(sample) {
        Ok(t) => (lead_bytes(sample), 0, sample.len(), Some(t)),
        Err(_) => {
            let (multi, invalid, valid_to) = utf8_stats(sample);
            (multi, invalid, valid_to, None)
        }
    };
    if invalid == 0 {
        let whole = valid.filter(|t| t.len() == bytes.len());
        let text = match valid {
            Some(t) => t,
            None => simdutf8::basic::from_utf8(&sample[..valid_to]).unwrap_or_default(),
        };
        let found = if multi == 0 { detect_viqr(text) } else { detect_mojibake(text) };
        return (found.unwrap_or(Detection { encoding: Encoding::Utf8, confidence: 1.0 }), whole);
    }
    if multi > 0 && multi >= 4 * invalid {
        let confidence = multi as f32 / (multi + invalid) as f32;
        return (Detection { encoding: Encoding::Utf8, confidence }, None);
    }
    (detect_8bit(sample).unwrap_or(Detection { encoding: Encoding::Utf8, confidence: 0.1 }), None)
}

/// The first [`SAMPLE_BYTES`]; when they are all ASCII, a window around the first byte
/// that is not.
fn sample_of(bytes: &[u8]) -> &[u8] {
    let head = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    if head.is_ascii() && bytes.len() > head.len() {
        if let Some(p) = bytes.iter().position(|&b| b >= 0x80) {
            let from = p.saturating_sub(1024);
            return &bytes[from..bytes.len().min(from + SAMPLE_BYTES)];
        }
    }
    head
}

/// How many bytes of `b` start a multi-byte UTF-8 sequence, counted in blocks that the
/// compiler vectorizes.
fn lead_bytes(b: &[u8]) -> usize {
    b.chunks(128).map(|c| usize::from(c.iter().fold(0u8, |n, &x| n + u8::from(x >= 0xC0)))).sum()
}

/// Valid multi-byte UTF-8 sequences, invalid sequences, and the length of the prefix that is
/// valid UTF-8 (a sequence cut by the end of the sample counts as valid).
fn utf8_stats(mut s: &[u8]) -> (usize, usize, usize) {
    let (mut multi, mut invalid, mut pos, mut valid_to) = (0, 0, 0, 0);
    loop {
        match simdutf8::compat::from_utf8(s) {
            Ok(t) => {
                multi += lead_bytes(t.as_bytes());
                if invalid == 0 {
                    valid_to = pos + s.len();
                }
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                let t = simdutf8::basic::from_utf8(&s[..good]).unwrap_or_default();
                multi += lead_bytes(t.as_bytes());
                if invalid == 0 {
                    valid_to = pos + good;
                }
                let Some(bad) = e.error_len() else { break }; // cut at the end of the sample
                invalid += 1;
                pos += good + bad;
                s = &s[good + bad..];
            }
        }
    }
    (multi, invalid, valid_to)
}

/// Pure ASCII: VIQR when enough words carry strong mnemonics and decode to syllables.
fn detect_viqr(text: &str) -> Option<Detection> {
    let (mut words, mut strong) = (0usize, 0usize);
    let (mut decoded_good, mut decoded_bad) = (0u32, 0u32);
    for tok in text.split_ascii_whitespace() {
        if !tok.bytes().any(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        words += 1;
        if viqr_strong(tok) {
            strong += 1;
            let s = score(&decode_viqr(tok));
            decoded_good += s.good;
            decoded_bad += s.bad;
        }
    }
    if strong == 0 || strong * 5 < words {
        return None;
    }
    let valid = decoded_good as f32 / (decoded_good + decoded_bad).max(1) as f32;
    if valid < 0.6 {
        return None;
    }
    let share = strong as f32 / words as f32;
    let evidence = (strong as f32 / 10.0).min(1.0);
    let confidence = valid * (0.5 + 0.5 * (share / 0.5).min(1.0)) * (0.7 + 0.3 * evidence);
    Some(Detection { encoding: Encoding::Viqr, confidence })
}

/// Whether an ASCII token carries a VIQR mnemonic that plain text would not: a shape mark
/// after the vowel it fits, a tone mark followed by more letters, `` ` `` or `~` (or `'`
/// not used as a quote) ending the word, or a word-initial `dd`/`DD` before a vowel.
fn viqr_strong(tok: &str) -> bool {
    let s = tok.as_bytes();
    if s.iter().any(|b| b.is_ascii_digit() || matches!(b, b'/' | b'@' | b'\\' | b'=' | b'_')) {
        return false; // numbers, codes, paths, addresses
    }
    let vowel = |b: u8| matches!(b.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let start = s.iter().position(|b| b.is_ascii_alphabetic()).unwrap_or(0);
    if s.len() >= start + 3
        && matches!(&s[start..start + 2], b"dd" | b"DD" | b"Dd")
        && (vowel(s[start + 2]) || s[start + 2] == b'\'')
    {
        return true;
    }
    for i in 1..s.len() {
        let (p, c) = (s[i - 1], s[i]);
        let next_letter = s.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic());
        let shape_fits = match c {
            b'(' => p.eq_ignore_ascii_case(&b'a'),
            b'^' => matches!(p.to_ascii_lowercase(), b'a' | b'e' | b'o'),
            b'+' => matches!(p.to_ascii_lowercase(), b'o' | b'u'),
            _ => false,
        };
        if shape_fits
            && (next_letter || i + 1 == s.len() || matches!(s.get(i + 1), Some(b'\'' | b'`' | b'?' | b'~' | b'.')))
        {
            return true;
        }
        let after_vowel = vowel(p) || (matches!(p, b'(' | b'^' | b'+') && i >= 2 && vowel(s[i - 2]));
        if after_vowel && matches!(c, b'\'' | b'`' | b'?' | b'~' | b'.') {
            if next_letter {
                return true;
            }
            let at_end = s[i + 1..].iter().all(|b| !b.is_ascii_alphanumeric());
            if at_end && (c == b'`' || c == b'~' || (c == b'\'' && s[0] != b'\'' && s[0] != b'`')) {
                return true;
            }
        }
    }
    false
}

/// Valid UTF-8 that is really TCVN3 or VNI bytes shown as Windows-1252.
fn detect_mojibake(text: &str) -> Option<Detection> {
    let (mut high, mut enc) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        high += 1;
        enc += usize::from(cp1252_byte(c).is_some());
        // Real Unicode Vietnamese (ệ, ư, ộ …) is outside Windows-1252: stop at the first few.
        if high - enc > 16 && (high - enc) * 10 > high {
            return None;
        }
    }
    if high < 2 || enc * 10 < high * 9 {
        return None;
    }
    let base = score(text).value();
    let t = score(&repair_tcvn3_mojibake(text));
    let v = score(&repair_vni_mojibake(text));
    let (encoding, best, other) = if t.value() >= v.value() {
        (Encoding::Tcvn3AsCp1252, t, v.value())
    } else {
        (Encoding::VniAsCp1252, v, t.value())
    };
    if best.value() < 0.5 || best.value() < base + 0.2 {
        return None;
    }
    let confidence = confidence(best, other.max(base));
    Some(Detection { encoding, confidence })
}

/// 8-bit text: the legacy encoding under which the sample reads most like Vietnamese.
fn detect_8bit(sample: &[u8]) -> Option<Detection> {
    let candidates = [
        (Encoding::Tcvn3, score(&decode_tcvn3(sample))),
        (Encoding::Vni, score(&decode_vni(sample))),
        (Encoding::Viscii, score(&decode_viscii(sample))),
        (Encoding::Cp1258, score(&decode_cp1258(sample))),
    ];
    let baseline = score(&decode_table(sample, &CP1252)).value();
    let (mut best, mut second) = (0usize, f32::MIN);
    for k in 1..candidates.len() {
        if candidates[k].1.value() > candidates[best].1.value() {
            best = k;
        }
    }
    for (k, c) in candidates.iter().enumerate() {
        if k != best {
            second = second.max(c.1.value());
        }
    }
    let (encoding, s) = candidates[best];
    if s.value() < 0.5 || s.value() <= baseline {
        return None;
    }
    Some(Detection { encoding, confidence: confidence(s, second.max(baseline)) })
}

fn decode_table(bytes: &[u8], table: &[char; 256]) -> String {
    bytes.iter().map(|&b| table[b as usize]).collect()
}

/// Confidence of a winner with score `best` over a runner-up scoring `other`.
fn confidence(best: Score, other: f32) -> f32 {
    let b = best.value();
    let margin = (b - other).max(0.0);
    let evidence = (best.evidence() as f32 / 30.0).min(1.0);
    (b * (0.5 + 0.5 * (margin / 0.3).min(1.0)) * (0.6 + 0.4 * evidence)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letters as the tables read them back, for a round trip.
    fn encode(c: char, table: &[char; 256]) -> Option<u8> {
        table.iter().position(|&x| x == c).map(|i| i as u8)
    }

    #[test]
    fn vowel_lookup_covers_all_134_letters() {
        let mut non_ascii = 0;
        for (row, tones) in VOWELS.iter().enumerate() {
            for (tone, &c) in tones.iter().enumerate() {
                assert_eq!(vowel(c), Some((row as u8, tone as u8)), "{c}");
                non_ascii += usize::from(!c.is_ascii());
            }
        }
        assert_eq!(non_ascii + 2, 134); // with đ Đ
        assert_eq!(vowel('b'), None);
        assert_eq!(vowel('đ'), None);
        assert_eq!((0..256).filter(|&u| is_toned_lower(char::from_u32(u).unwrap())).count(), 13);
    }

    #[test]
    fn tcvn3_words() {
        assert_eq!(decode_tcvn3(b"Vi\xD6t Nam"), "Việt Nam");
        assert_eq!(decode_tcvn3(b"c\xF1a"), "của");
        assert_eq!(decode_tcvn3(b"\xAE\xAD\xEEc"), "được");
        assert_eq!(decode_tcvn3(b"\xAE \xA7"), "đ Đ");
        assert_eq!(decode_tcvn3(b"\xAD \xAC \xA6 \xA5"), "ư ơ Ư Ơ");
        assert_eq!(
            decode_tcvn3(b"Ng\xAD\xEAi d\xA9n \xAE\xE3ng g\xE3p \xFD ki\xD5n v\xB5o d\xF9 th\xB6o."),
            "Người dân đóng góp ý kiến vào dự thảo."
        );
        // Word's smart quotes and dash in a .VnTime document; VN1 capitals in the holes.
        assert_eq!(decode_tcvn3(b"\x93Ch\xF3 \xFD\x94 \x96 \xFF\xAF"), "“Chú ý” – ỐẰ");
        // VN1 combining tones compose.
        assert_eq!(decode_tcvn3(b"a\xB3 o\xB0"), "á ò");
    }

    #[test]
    fn vni_words() {
        assert_eq!(decode_vni(b"Vie\xE4t Nam"), "Việt Nam");
        assert_eq!(decode_vni(b"cu\xFBa"), "của");
        assert_eq!(decode_vni(b"\xF1\xF6\xF4\xEFc"), "được");
        assert_eq!(decode_vni(b"\xF1 \xD1 \xF6 \xF4 \xD6 \xD4"), "đ Đ ư ơ Ư Ơ");
        assert_eq!(decode_vni(b"VIE\xC4T NAM \xD1OA\xD8N"), "VIỆT NAM ĐOÀN");
        assert_eq!(decode_vni(b"C\xD4\xCFNG"), "CỢNG");
        assert_eq!(
            decode_vni(b"Ng\xF6\xF4\xF8i da\xE2n \xF1o\xF9ng go\xF9p y\xF9 kie\xE1n va\xF8o d\xF6\xEF tha\xFBo."),
            "Người dân đóng góp ý kiến vào dự thảo."
        );
        // A mark byte of the other case stays a Windows-1252 letter; quotes are Windows-1252.
        assert_eq!(decode_vni(b"A\xE1"), "Aá");
        assert_eq!(decode_vni(b"\x93Vie\xE4t\x94"), "“Việt”");
        assert_eq!(decode_vni(b"kh\xECa ta\xEA\xE8"), "khìa tăè");
    }

    #[test]
    fn viscii_words() {
        assert_eq!(decode_viscii(b"Vi\xAEt Nam"), "Việt Nam");
        assert_eq!(decode_viscii(b"c\xFCa"), "của");
        assert_eq!(decode_viscii(b"\xF0\xDF\xFEc"), "được");
        assert_eq!(decode_viscii(b"\xF0 \xD0 \xDF \xBD \xBF \xB4"), "đ Đ ư ơ Ư Ơ");
        assert_eq!(decode_viscii(b"\xA0\x02\x05\x06\x14\x19\x1E"), "ÕẲẴẪỶỸỴ");
        assert_eq!(
            decode_viscii(b"Ng\xDF\xB6i d\xE2n \xF0\xF3ng g\xF3p \xFD ki\xAAn v\xE0o d\xF1 th\xE4o."),
            "Người dân đóng góp ý kiến vào dự thảo."
        );
    }

    #[test]
    fn cp1258_words() {
        assert_eq!(decode_cp1258(b"Vi\xEA\xF2t Nam"), "Việt Nam");
        assert_eq!(decode_cp1258(b"cu\xD2a"), "của");
        assert_eq!(decode_cp1258(b"\xF0\xFD\xF5\xF2c"), "được");
        assert_eq!(decode_cp1258(b"\xF0 \xD0 \xFD \xF5 \xDD \xD5"), "đ Đ ư ơ Ư Ơ");
        // Precomposed and decomposed forms of the same letter.
        assert_eq!(decode_cp1258(b"\xE1 a\xEC \xC0 A\xCC"), "á á À À");
        assert_eq!(
            decode_cp1258(b"Ng\xFD\xF5\xCCi d\xE2n \xF0\xF3ng go\xECp y\xEC ki\xEA\xECn v\xE0o d\xFD\xF2 tha\xD2o."),
            "Người dân đóng góp ý kiến vào dự thảo."
        );
        // A tone byte after no vowel stays a combining mark; two tones keep the second apart.
        assert_eq!(decode_cp1258(b"-\xCC-"), "-\u{300}-");
        assert_eq!(decode_cp1258(b"a\xEC\xCC"), "á\u{300}");
    }

    #[test]
    fn viqr_words() {
        assert_eq!(decode_viqr("Vie^.t Nam"), "Việt Nam");
        assert_eq!(decode_viqr("cu?a"), "của");
        assert_eq!(decode_viqr("ddu+o+.c"), "được");
        assert_eq!(decode_viqr("dd DD Dd dD"), "đ Đ Đ đ");
        assert_eq!(decode_viqr("u+ o+ U+ O+ a( A^"), "ư ơ Ư Ơ ă Â");
        assert_eq!(
            decode_viqr("Ngu+o+`i da^n ddo'ng go'p y' kie^'n va`o du+. tha?o\\."),
            "Người dân đóng góp ý kiến vào dự thảo."
        );
        assert_eq!(decode_viqr("ho. te^n; Ho\\. te^n"), "họ tên; Ho. tên");
        assert_eq!(decode_viqr("A+ B; o'^; e("), "A+ B; ó^; e(");
        assert_eq!(decode_viqr("BG\\DDDT BG\\DDT a\\\\b \\"), "BGDĐT BGDDT a\\b \\");
        assert_eq!(decode_viqr("470/QDD-UBND, Vie^.t – “ok”"), "470/QĐ-UBND, Việt – “ok”");
    }

    #[test]
    fn mojibake_repairs() {
        assert_eq!(repair_tcvn3_mojibake("Céng hoµ x· héi chñ nghÜa ViÖt Nam"), "Cộng hoà xã hội chủ nghĩa Việt Nam");
        assert_eq!(repair_tcvn3_mojibake("®\u{AD}îc cña §"), "được của Đ");
        assert_eq!(
            repair_vni_mojibake("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(repair_vni_mojibake("ñöôïc cuûa Ñ – “x”"), "được của Đ – “x”");
        // Characters Windows-1252 cannot show are kept.
        assert_eq!(repair_tcvn3_mojibake("ViÖt ✓"), "Việt ✓");
    }

    #[test]
    fn capitals_are_restored_from_the_word_and_its_neighbours() {
        let (t, u) = restore_tcvn3_capitals("CộNG HòA Xã HộI CHủ NGHĩA VIệT NAM\nĐộc lập - Tự do - Hạnh phúc");
        assert_eq!(t, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc");
        assert!(u.is_empty());
        let (t, _) = restore_tcvn3_capitals("Kế HOạCH\nI. MụC ĐíCH, YÊU CầU\nTHƯờNG Vụ\n- Bộ GD&ĐT; Sở LĐTBXH");
        assert_eq!(t, "KẾ HOẠCH\nI. MỤC ĐÍCH, YÊU CẦU\nTHƯỜNG VỤ\n- Bộ GD&ĐT; Sở LĐTBXH");
        // Mixed and title-case words stay; a lone toned word with no neighbours is reported.
        let (t, u) = restore_tcvn3_capitals("Việt Nam. Và các Sở\nĐếN\tSố: 12\nà");
        assert_eq!(t, "Việt Nam. Và các Sở\nĐẾN\tSố: 12\nà");
        let offs: Vec<char> = u.iter().map(|&i| t.chars().nth(i).unwrap()).collect();
        assert_eq!(offs, vec!['ố', 'à']);
        let (t, u) = restore_tcvn3_capitals("(LĐTĐ) ủy viên - ủy ban, ủy; Việt");
        assert_eq!(t, "(LĐTĐ) ủy viên - ủy ban, ủy; Việt");
        assert_eq!(u, vec![7, 17, 25]);
    }

    #[test]
    fn syllables() {
        for w in [
            "Việt", "của", "được", "người", "nghiêng", "khuỷu", "quyết", "giữa", "gì", "gìn", "thuở", "hoạch", "xoong",
            "tuyết", "ĐOÀN", "ý", "à", "khỏe", "hòa", "thủy", "uyển", "oanh",
        ] {
            assert!(is_vietnamese_syllable(w), "{w}");
        }
        for w in
            ["ViÖt", "Viỷt", "Vieät", "UBND", "LĐLĐ", "cát", "ka", "qu", "Việtt", "hóạ", "cac", "bàt", "tiê", "Đàm"]
        {
            let ok = is_vietnamese_syllable(w);
            assert_eq!(ok, matches!(w, "cát" | "Đàm"), "{w}");
        }
    }

    #[test]
    fn detection_of_short_legacy_sentences() {
        let cases: [(&[u8], Encoding); 5] = [
            (b"C\xE9ng h\xDFa x\xB7 h\xE9i ch\xF1 ngh\xDCa Vi\xD6t Nam", Encoding::Tcvn3),
            (b"Co\xE4ng ho\xF8a xa\xF5 ho\xE4i chu\xFB ngh\xF3a Vie\xE4t Nam", Encoding::Vni),
            (b"C\xB5ng h\xF2a x\xE3 h\xB5i ch\xFC ngh\xEEa Vi\xAEt Nam", Encoding::Viscii),
            (b"C\xF4\xF2ng ho\xCCa xa\xDE h\xF4\xF2i chu\xD2 nghi\xDEa Vi\xEA\xF2t Nam", Encoding::Cp1258),
            (b"Co^.ng ho`a xa~ ho^.i chu? nghi~a Vie^.t Nam", Encoding::Viqr),
        ];
        for (bytes, enc) in cases {
            let d = detect(bytes);
            assert_eq!(d.encoding, enc, "{}", String::from_utf8_lossy(bytes));
            assert!(d.confidence > 0.5, "{enc}: {}", d.confidence);
        }
        let d = detect("Céng hßa x· héi chñ nghÜa ViÖt Nam".as_bytes());
        assert_eq!(d.encoding, Encoding::Tcvn3AsCp1252);
        let d = detect("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".as_bytes());
        assert_eq!(d.encoding, Encoding::VniAsCp1252);
    }

    #[test]
    fn plain_ascii_and_unicode_stay_utf8() {
        for s in [
            "Ke hoach so 12/KH-UBND. Thuc hien Nghi quyet so 05-NQ/TW cua Ban Chap hanh.",
            "Luat so 12/2023/QH13; Thong tu 01/2011/TT-BNV01. Tai sao? Ho so.",
            "Cộng hòa xã hội chủ nghĩa Việt Nam",
            "Cà phê và bánh mì",
            "x^2 + a(b) = c'",
            "",
        ] {
            let d = detect(s.as_bytes());
            assert_eq!(d.encoding, Encoding::Utf8, "{s}");
        }
    }

    #[test]
    fn round_trip_tables() {
        for (row, tones) in VOWELS.iter().enumerate().take(12) {
            for &c in tones {
                if c.is_ascii() {
                    continue;
                }
                let b = encode(c, &TCVN3).unwrap_or_else(|| panic!("TCVN3 {c} row {row}"));
                assert_eq!(decode_tcvn3(&[b]), c.to_string());
            }
        }
        for tones in VOWELS {
            for c in tones {
                assert!(c.is_ascii() || encode(c, &VISCII).is_some(), "VISCII {c}");
            }
        }
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        let mut x: u32 = 12345;
        for len in [0usize, 1, 2, 3, 7, 100, 5000] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (x >> 16) as u8
                })
                .collect();
            let _ = (decode_tcvn3(&bytes), decode_vni(&bytes), decode_viscii(&bytes), decode_cp1258(&bytes));
            let text = String::from_utf8_lossy(&bytes);
            let _ = (decode_viqr(&text), repair_tcvn3_mojibake(&text), repair_vni_mojibake(&text));
            let _ = restore_tcvn3_capitals(&text);
            let _ = detect(&bytes);
        }
    }
}
