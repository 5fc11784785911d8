//! Vietnamese syllables: a spelling check ([`is_syllable`]) and the repair of syllables that
//! PDF text extraction cut with spaces at glyphs with diacritics ([`split_joins`]: `ĐIỀ U` →
//! `ĐIỀU`, `thự c hiệ n` → `thực hiện`).
//!
//! A syllable is spelled onset + rhyme + at most one tone mark. The rhyme table holds the 136
//! rhymes of the school spelling list and 21 more found in common words and loans (`ec`,
//! `oac`, `oam`, `oao`, `oap`, `oen`, `oeo`, `oet`, `ooc`, `oong`, `oăc`, `oăm`, `uyp`,
//! `uyt`, `uyu`, `uâng`, `uây`, `uêch`, `uênh`, `yêng`, `yêt`). The rules are those of the
//! spelling, not of a dictionary: `choăn` passes though no such word exists.

use unicode_normalization::char::decompose_canonical;

/// Most letters a syllable has (`nghiêng` has seven).
const MAX_LETTERS: usize = 8;

/// Onsets, the empty one included. `gi` and `qu` take the vowel after them as part of the
/// onset; `k`, `gh` and `ngh` stand only before `i`, `e`, `ê` (and `k` before `y`).
const ONSETS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu",
    "r", "s", "t", "th", "tr", "v", "x",
];

/// Every rhyme (medial + vowel cluster + coda) without tone, in byte order.
const RHYMES: [&str; 157] = [
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "e", "ec", "em", "en", "eng", "eo",
    "ep", "et", "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt",
    "iêu", "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", "oc", "oe",
    "oen", "oeo", "oet", "oi", "om", "on", "ong", "ooc", "oong", "op", "ot", "oăc", "oăm", "oăn", "oăng", "oăt", "u",
    "ua", "uc", "ui", "um", "un", "ung", "up", "ut", "uy", "uya", "uych", "uynh", "uyp", "uyt", "uyu", "uyên", "uyêt",
    "uân", "uâng", "uât", "uây", "uê", "uêch", "uênh", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "uơ", "y", "yêm",
    "yên", "yêng", "yêt", "yêu", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "ê", "êch", "êm", "ên", "ênh", "êp",
    "êt", "êu", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", "ơ", "ơi", "ơm",
    "ơn", "ơp", "ơt", "ư", "ưa", "ưc", "ưi", "ưng", "ưt", "ưu", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt",
    "ươu",
];

/// The rhymes that stand without onset, in byte order: those of real onsetless syllables
/// (`ăn`, `ở`, `ông`, `ước`, `uống`, `yêu`, `uyên`, `ẵm`, `ắp`, …). `iê…` never does (it is
/// spelled `yê…` there), nor do rhymes found only after a consonant (`ết`, `ốt`, `ưới`).
const ONSETLESS: [&str; 125] = [
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "e", "ec", "em", "en", "eng", "eo",
    "ep", "et", "i", "ia", "ich", "im", "in", "inh", "it", "iu", "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang",
    "oanh", "oap", "oat", "oay", "oc", "oe", "oeo", "oi", "om", "on", "ong", "op", "ot", "oăc", "oăm", "oăn", "oăng",
    "oăt", "u", "ua", "uc", "ui", "um", "un", "ung", "up", "ut", "uy", "uych", "uynh", "uyt", "uyên", "uân", "uât",
    "uây", "uê", "uôm", "uôn", "uông", "uôt", "uơ", "y", "yêm", "yên", "yêng", "yêt", "yêu", "âm", "ân", "âp", "ât",
    "âu", "ây", "ê", "êch", "êm", "ênh", "êu", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ăc", "ăm", "ăn", "ăng", "ăp",
    "ăt", "ơ", "ơi", "ơm", "ơn", "ơt", "ư", "ưa", "ưc", "ưng", "ưu", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt",
];

/// What may follow `qu`, in byte order: its `u` is the medial, so `qua`, `quăng`, `quân`,
/// `quê`, `quy`/`qui`, `quynh`, `quyết`, `quơ`, and `quốc`.
const QU_RHYMES: [&str; 41] = [
    "a", "ac", "ach", "ai", "an", "ang", "anh", "ao", "at", "au", "ay", "e", "en", "eo", "et", "i", "it", "y", "ych",
    "ynh", "yt", "yên", "yêt", "ân", "âng", "ât", "ây", "ê", "êch", "ên", "ênh", "êt", "êu", "ôc", "ăc", "ăm", "ăn",
    "ăng", "ăp", "ăt", "ơ",
];

/// The letters of the Vietnamese alphabet in order; `code` numbers them from 1.
const ALPHABET: [char; 29] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's',
    't', 'u', 'ư', 'v', 'x', 'y',
];

/// The number of letter `c` in [`ALPHABET`] from 1, or 0.
const fn code(c: char) -> u64 {
    let mut i = 0;
    while i < ALPHABET.len() {
        if ALPHABET[i] == c {
            return i as u64 + 1;
        }
        i += 1;
    }
    0
}

/// Letters packed five bits each into one number, for the table look-ups.
fn key(letters: &[char]) -> u64 {
    letters.iter().fold(0, |k, &c| k << 5 | code(c))
}

/// The sorted keys of `words` (lower-case letters of [`ALPHABET`], at most 12).
const fn sorted_keys<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut keys = [0; N];
    let mut w = 0;
    while w < N {
        let b = words[w].as_bytes();
        let mut i = 0;
        while i < b.len() {
            // ASCII, or two bytes of UTF-8 (every letter is below U+0800).
            let (c, n) = if b[i] < 0x80 {
                (b[i] as u32, 1)
            } else {
                (((b[i] as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
            };
            let Some(c) = char::from_u32(c) else { panic!("not a letter") };
            assert!(code(c) > 0, "not a letter of the alphabet");
            keys[w] = keys[w] << 5 | code(c);
            i += n;
        }
        w += 1;
    }
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            (keys[j - 1], keys[j]) = (keys[j], keys[j - 1]);
            j -= 1;
        }
        i += 1;
    }
    keys
}

const ONSET_KEYS: [u64; ONSETS.len()] = sorted_keys(ONSETS);
const RHYME_KEYS: [u64; RHYMES.len()] = sorted_keys(RHYMES);
const ONSETLESS_KEYS: [u64; ONSETLESS.len()] = sorted_keys(ONSETLESS);
const QU_KEYS: [u64; QU_RHYMES.len()] = sorted_keys(QU_RHYMES);
// Keys of the onsets with rules of their own.
const C: u64 = sorted_keys(["c"])[0];
const G: u64 = sorted_keys(["g"])[0];
const GH: u64 = sorted_keys(["gh"])[0];
const GI: u64 = sorted_keys(["gi"])[0];
const K: u64 = sorted_keys(["k"])[0];
const NG: u64 = sorted_keys(["ng"])[0];
const NGH: u64 = sorted_keys(["ngh"])[0];
const QU: u64 = sorted_keys(["qu"])[0];

/// The five tone marks; `Level` is the unmarked tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Level,
    Grave,
    Acute,
    Hook,
    Tilde,
    Dot,
}

/// A word read letter by letter: lower case, vowel marks kept, the tone mark taken off.
#[derive(Debug, Clone, Copy)]
struct Letters {
    letters: [char; MAX_LETTERS],
    len: usize,
    tone: Tone,
}

impl Letters {
    /// Reads the concatenation of `parts`, NFC or decomposed; `None` for a character that
    /// is no Vietnamese letter or mark, a mark that fits no letter, a second tone mark, or
    /// more than [`MAX_LETTERS`] letters.
    fn read(parts: &[&str]) -> Option<Letters> {
        let mut w = Letters { letters: ['\0'; MAX_LETTERS], len: 0, tone: Tone::Level };
        for c in parts.iter().flat_map(|p| p.chars()) {
            w.push(c)?;
        }
        Some(w)
    }

    fn push(&mut self, c: char) -> Option<()> {
        if c.is_ascii() {
            return self.letter(c);
        }
        if is_mark(c) {
            return self.mark(c);
        }
        if c == 'đ' || c == 'Đ' {
            return self.append('đ');
        }
        // A precomposed letter: its ASCII base, then its marks.
        let (mut ok, mut first) = (true, true);
        decompose_canonical(c, |d| {
            if ok {
                ok = if std::mem::take(&mut first) { self.letter(d) } else { self.mark(d) }.is_some();
            }
        });
        ok.then_some(())
    }

    /// An ASCII letter of the Vietnamese alphabet (no `f`, `j`, `w`, `z`).
    fn letter(&mut self, c: char) -> Option<()> {
        let c = c.to_ascii_lowercase();
        if !c.is_ascii_lowercase() || matches!(c, 'f' | 'j' | 'w' | 'z') {
            return None;
        }
        self.append(c)
    }

    fn append(&mut self, c: char) -> Option<()> {
        *self.letters.get_mut(self.len)? = c;
        self.len += 1;
        Some(())
    }

    /// A combining mark on the last letter: a tone on a vowel, or the circumflex, breve or
    /// horn that makes `â ê ô`, `ă`, `ơ ư`.
    fn mark(&mut self, m: char) -> Option<()> {
        let last = self.letters[..self.len].last_mut()?;
        let tone = match m {
            '\u{300}' => Tone::Grave,
            '\u{301}' => Tone::Acute,
            '\u{309}' => Tone::Hook,
            '\u{303}' => Tone::Tilde,
            '\u{323}' => Tone::Dot,
            _ => {
                *last = match (*last, m) {
                    ('a', '\u{302}') => 'â',
                    ('e', '\u{302}') => 'ê',
                    ('o', '\u{302}') => 'ô',
                    ('a', '\u{306}') => 'ă',
                    ('o', '\u{31B}') => 'ơ',
                    ('u', '\u{31B}') => 'ư',
                    _ => return None,
                };
                return Some(());
            }
        };
        if self.tone != Tone::Level || !is_vowel(*last) {
            return None;
        }
        self.tone = tone;
        Some(())
    }

    /// Whether the letters and the tone spell one syllable.
    fn is_syllable(&self) -> bool {
        let w = &self.letters[..self.len];
        (0..=w.len().min(3)).any(|n| {
            let onset = key(&w[..n]);
            ONSET_KEYS.binary_search(&onset).is_ok() && fits(onset, &w[n..], self.tone)
        })
    }

    /// Same letters and tone, wherever the tone mark sat (`uỷ` spells as `ủy`).
    fn spells_as(&self, other: &Letters) -> bool {
        self.letters[..self.len] == other.letters[..other.len] && self.tone == other.tone
    }

    fn first(&self) -> Option<char> {
        self.letters[..self.len].first().copied()
    }

    fn last(&self) -> Option<char> {
        self.letters[..self.len].last().copied()
    }
}

/// Whether `rhyme` with `tone` may follow the onset whose key is `onset`.
fn fits(onset: u64, rhyme: &[char], tone: Tone) -> bool {
    // A rhyme closed by a stop takes sắc or nặng only (`các`, `học`; never `cac`, `hòc`).
    let stop = matches!(rhyme.last(), Some('c' | 'p' | 't')) || rhyme.ends_with(&['c', 'h']);
    if stop && !matches!(tone, Tone::Acute | Tone::Dot) {
        return false;
    }
    let rhyme_key = key(rhyme);
    if onset == QU {
        return QU_KEYS.binary_search(&rhyme_key).is_ok();
    }
    if RHYME_KEYS.binary_search(&rhyme_key).is_err() {
        return false;
    }
    let (Some(&front), second) = (rhyme.first(), rhyme.get(1).copied()) else { return false };
    if onset != 0 && (front, second) == ('y', Some('ê')) {
        return false; // `tiên`, never `tyên`
    }
    let front_ie = matches!(front, 'i' | 'e' | 'ê');
    // The medials `o` and `u` before a vowel: not after `c` (spelled `qu`) nor after `gi`.
    let medial = matches!((front, second), ('o', Some('a' | 'ă' | 'e')) | ('u', Some('â' | 'ê' | 'y' | 'ơ')));
    match onset {
        0 => ONSETLESS_KEYS.binary_search(&rhyme_key).is_ok(),
        K => front_ie || front == 'y',
        GH | NGH => front_ie,
        C => !front_ie && front != 'y' && !medial,
        NG => !front_ie && front != 'y',
        // `g` before `i` is `gi` whose `i` is the vowel: `gì`, `gìn`, `giết`, `giêng`.
        G => !matches!(front, 'e' | 'ê' | 'y'),
        GI => !matches!(front, 'i' | 'y') && !medial,
        _ => true,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y')
}

/// A combining diacritic (U+0300–U+036F).
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// Whether `c` carries a diacritic: a tone mark or the mark of `ă â ê ô ơ ư` (not the bar
/// of `đ`), precomposed or as a combining mark.
fn has_diacritic(c: char) -> bool {
    if c.is_ascii() || c == 'đ' || c == 'Đ' {
        return false;
    }
    if is_mark(c) {
        return true;
    }
    let mut n = 0;
    decompose_canonical(c, |_| n += 1);
    n > 1
}

/// Whether `word` is spelled as one Vietnamese syllable, in any case.
///
/// The word is an onset (`b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x`
/// or none) and a rhyme from the tables of the standard spelling, with at most one tone mark,
/// which sits on a vowel. `k`, `gh`, `ngh` stand before `i e ê` only (`k` also before `y`),
/// and `c`, `g`, `ng` never do — except `g` + `i`, which is `gi` with `i` as its vowel
/// (`gì`, `gìn`). After `gi` and `qu` the next vowel belongs to the onset (`giữa`, `quốc`).
/// `iê…` needs an onset and `yê…` takes none (`tiên`, `yên`, `quyết`, `khuyên`); onsetless
/// syllables use only the rhymes of real ones, so `ết` is no syllable. A rhyme closed by
/// `c ch p t` takes sắc or nặng (`học`, `các`): as in the standard spelling, the toneless
/// `hoc`, `cac` of text stripped of its marks fail (capitals keep their marks: `HỌC`). The
/// tone mark may sit on any vowel (`hoà` and `hòa` both pass). NFD input is read as well as
/// NFC; letters outside the Vietnamese alphabet fail.
pub(crate) fn is_syllable(word: &str) -> bool {
    Letters::read(&[word]).is_some_and(|w| w.is_syllable())
}

/// Clear repairs a line needs before a run whose evidence is a lone capital joins there.
const WEAK_NEEDS: usize = 1;

/// Clear repairs a line needs before two pieces that are syllables each may join there.
const PAIRS_NEED: usize = 2;

/// Most pieces one syllable is rebuilt from (`ngh iê ̣p` has three).
const MAX_PIECES: usize = 4;

/// Units written after a number: no repair starts with one there (`100 m ở`).
const UNITS: [&str; 9] = ["cm", "g", "ha", "kg", "km", "l", "m", "ml", "mm"];

/// Characters that may stand between white space and the first piece of a repair.
const OPENERS: &[char] = &['(', '[', '{', '"', '\'', '“', '‘', '«', '*', '-', '–', '—', '•', '+'];

/// Characters that may stand between the last piece of a repair and white space.
const CLOSERS: &[char] =
    &[')', ']', '}', '"', '\'', '”', '’', '»', '.', ',', ';', ':', '!', '?', '…', '*', '-', '–', '—'];

/// Onsetless words common enough that a consonant before one is rather the coda of the
/// syllable before (`chọ n ở` is `chọn ở`).
const COMMON_ONSETLESS: [&str; 14] =
    ["ánh", "ảnh", "áp", "ấy", "em", "ít", "ổn", "ơn", "ở", "ủy", "ưu", "ứng", "uống", "ý"];

/// A run of letters (and combining marks) in a line.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    /// One ASCII space, no more, separates it from the next piece, and a diacritic is at
    /// hand (see [`split_joins`]).
    joinable: bool,
    /// Whether the piece is a syllable on its own (computed only beside a joinable space).
    syllable: bool,
    /// A single capital letter: an initial, a label or a variable as often as a cut onset
    /// or coda (`Bên B ủy quyền`, `NGUYỄN THỊ M`).
    lone_capital: bool,
}

/// How strongly a run of pieces shows one cut syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    /// At each space, a side that is no syllable and no lone capital.
    Clear,
    /// At some space, only a lone capital is no syllable.
    Weak,
}

/// Byte offsets of the single ASCII spaces in `line` to remove to rejoin syllables that PDF
/// extraction cut at glyphs with diacritics, in increasing order.
///
/// A *piece* is a run of letters and combining marks. Consecutive pieces `P1 … Pn` (n ≤ 4)
/// are a *run* when:
///
/// - one ASCII space, no more, separates each from the next, and a letter with a diacritic
///   (tone mark or the mark of `ă â ê ô ơ ư`, not the bar of `đ`) touches each of those
///   spaces or sits in a piece of at most two letters beside it (`iê` in `ngh iê ̣p`);
/// - only opening marks (`(`, `"`, `-`, …) stand between the run and the white space or line
///   start before it, and only closing marks (`)`, `.`, `:`, …) between it and the white
///   space or line end after it (`=-v ở` stays); a run right after a number does not start
///   with a unit (`100 m ở`);
/// - the joined letters are all lower case, all capitals, or one capital then lower case;
/// - the joined text [`is_syllable`];
/// - some piece is no syllable on its own, and wherever the run is cut between two pieces,
///   the part before or the part after is no syllable: `ĐIỀ|U` (`iê` needs a coda),
///   `thự|c`, `Quy|ết` (no onsetless syllable has that rhyme), `vi|ệ|n` (`ện` neither).
///
/// That last condition is the evidence: normal text is made of syllables, so two real words
/// are never joined by it (`cho anh`, `Hà Nội`, `Ủy ban`). A run is *clear* when at each
/// cut the side that is no syllable is not a lone capital letter, which in normal text is
/// an initial, a label or a variable (`Bên B ủy quyền`, `NGUYỄN THỊ M`, `có N cột`).
///
/// Runs are taken left to right, the longest first. A last piece of consonants that also
/// starts a run to its right goes there when the pieces before it are a syllable without
/// it and the rest of the right run is none (`là m ột` gives `là một`), or is an onsetless
/// syllable that starts with a vowel and is not a common word (`thế n ào` gives `thế nào`,
/// but `chọ n ở` gives `chọn ở` and `dự ng hệ` gives `dựng hệ`); `p` stays left.
///
/// Clear runs are always joined. A line with a clear run shows the disease, and there the
/// other runs join too (`Đ ẢNG`, `THỰ C`). A line with at least two clear runs also joins
/// two neighbouring units (pieces or runs) that are syllables each (`KHO ẢN` → `KHOẢN`,
/// `ngư ời` → `người`, `tư ởng`, `vớ i`) when, under the same spacing, boundary and case
/// conditions, the first ends in a vowel, the second starts with a vowel, together they are
/// one syllable, and the diacritic is at the space: on the second's first letter, or on the
/// first's last letter when the second is a bare vowel that joins nothing after it (`vớ i`,
/// `ủ y`). The first has two letters or more unless it carries the tone before a bare vowel
/// (`lư u ý` gives no `uý`), and the joined tone must sit where spelling puts it (`gia ý`
/// stays, as `giaý` is no spelling of `giáy`). Such a pair is ambiguous — `do ảnh`, `cho ăn`,
/// `khu ấy` are two words in normal text and also join into valid spellings — so one stray
/// clear run is not evidence enough for it: `ĐIỀ U KHO ẢN` alone gives `ĐIỀU KHO ẢN`.
pub(crate) fn split_joins(line: &str) -> Vec<usize> {
    let pieces = pieces(line);
    // Every run needs a piece that is no syllable, and pairs need runs: a line of
    // syllables has nothing to join.
    if !pieces.iter().any(|p| p.joinable) || pieces.iter().all(|p| p.syllable) {
        return Vec::new();
    }
    // Units of pieces as (first, last, evidence): runs, and single pieces (`None`).
    let mut units: Vec<(usize, usize, Option<Evidence>)> = Vec::new();
    let longest = |i: usize| {
        let end = (i + MAX_PIECES).min(pieces.len());
        (i + 1..end).rev().find_map(|j| run_evidence(line, &pieces, i, j).map(|e| (j, e)))
    };
    let mut i = 0;
    while i < pieces.len() {
        let mut found = longest(i);
        if let Some((j, _)) = found {
            if longest(j).is_some_and(|(k, _)| onset_goes_right(line, &pieces, i, j, k)) {
                found = if j - 1 > i { run_evidence(line, &pieces, i, j - 1).map(|e| (j - 1, e)) } else { None };
            }
        }
        let (last, evidence) = found.map_or((i, None), |(j, e)| (j, Some(e)));
        units.push((i, last, evidence));
        i = last + 1;
    }
    let clear = units.iter().filter(|u| u.2 == Some(Evidence::Clear)).count();
    let joined = |e: Option<Evidence>| e == Some(Evidence::Clear) || (e.is_some() && clear >= WEAK_NEEDS);
    let mut out = Vec::new();
    let mut k = 0;
    while k < units.len() {
        let (a, mut b, evidence) = units[k];
        let mut join = joined(evidence);
        if let Some(&(c, d, next)) = units.get(k + 1) {
            let whole = |e: Option<Evidence>| e.is_none() || joined(e);
            if clear >= PAIRS_NEED && whole(evidence) && whole(next) && pair_joins(line, &pieces, (a, b), (c, d)) {
                (b, join) = (d, true);
                k += 1;
            }
        }
        if join {
            out.extend(pieces[a..b].iter().map(|p| p.end));
        }
        k += 1;
    }
    out
}

/// The pieces of `line`, with the joinable spaces marked and, beside them, which pieces are
/// syllables.
fn pieces(line: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain(std::iter::once((line.len(), ' '))) {
        let letter = i < line.len() && (c.is_alphabetic() || is_mark(c));
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let mut chars = line[s..i].chars();
                let lone_capital = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
                out.push(Piece { start: s, end: i, joinable: false, syllable: true, lone_capital });
                start = None;
            }
            _ => {}
        }
    }
    for k in 0..out.len().saturating_sub(1) {
        let (a, b) = (out[k], out[k + 1]);
        let spaced = b.start == a.end + 1 && line.as_bytes()[a.end] == b' ';
        let (a_text, b_text) = (&line[a.start..a.end], &line[b.start..b.end]);
        out[k].joinable = spaced
            && (a_text.chars().next_back().is_some_and(has_diacritic)
                || b_text.chars().next().is_some_and(has_diacritic)
                || short_marked(a_text)
                || short_marked(b_text));
    }
    for k in 0..out.len() {
        if out[k].joinable || (k > 0 && out[k - 1].joinable) {
            out[k].syllable = is_syllable(&line[out[k].start..out[k].end]);
        }
    }
    out
}

/// Whether `piece` has at most two letters, one with a diacritic (`iê` of `ngh iê ̣p`).
fn short_marked(piece: &str) -> bool {
    let (mut letters, mut marked) = (0, false);
    for c in piece.chars() {
        letters += usize::from(!is_mark(c));
        if letters > 2 {
            return false;
        }
        marked |= has_diacritic(c);
    }
    marked
}

/// The letters of pieces `a..=b` read as one word.
fn unit_letters(line: &str, pieces: &[Piece], (a, b): (usize, usize)) -> Option<Letters> {
    let mut parts = [""; MAX_PIECES];
    for (part, p) in parts.iter_mut().zip(pieces.get(a..=b)?) {
        *part = &line[p.start..p.end];
    }
    Letters::read(parts.get(..=b - a)?)
}

/// Whether pieces `a..=b` read as one syllable.
fn unit_syllable(line: &str, pieces: &[Piece], a: usize, b: usize) -> bool {
    if a == b { pieces[a].syllable } else { joins_to_syllable(line, &pieces[a..=b]) }
}

/// The evidence that pieces `i..=j` are a run (see [`split_joins`]), if they are one.
fn run_evidence(line: &str, pieces: &[Piece], i: usize, j: usize) -> Option<Evidence> {
    let run = &pieces[i..=j];
    if !run[..run.len() - 1].iter().all(|p| p.joinable)
        || run.iter().all(|p| p.syllable)
        || !bounded(line, pieces, i, j)
        || !joins_to_syllable(line, run)
    {
        return None;
    }
    let mut evidence = Evidence::Clear;
    for k in i..j {
        let (left, right) = (unit_syllable(line, pieces, i, k), unit_syllable(line, pieces, k + 1, j));
        if left && right {
            return None;
        }
        let left_clear = !(left || k == i && pieces[i].lone_capital);
        let right_clear = !(right || k + 1 == j && pieces[j].lone_capital);
        if !left_clear && !right_clear {
            evidence = Evidence::Weak;
        }
    }
    Some(evidence)
}

/// Whether the last piece `j` of the run `i..=j` is rather the onset of the run `j..=k`
/// (see [`split_joins`]).
fn onset_goes_right(line: &str, pieces: &[Piece], i: usize, j: usize, k: usize) -> bool {
    let text = |a: usize| &line[pieces[a].start..pieces[a].end];
    let vowel = |c: char| Letters::read(&[c.encode_utf8(&mut [0; 4])]).and_then(|l| l.last()).is_some_and(is_vowel);
    // `p` begins loanwords only (`pin`): after a syllable it is its coda.
    if text(j).chars().any(vowel) || text(j).eq_ignore_ascii_case("p") || !unit_syllable(line, pieces, i, j - 1) {
        return false;
    }
    if !unit_syllable(line, pieces, j + 1, k) {
        return true;
    }
    if !text(j + 1).chars().next().is_some_and(vowel) {
        return false; // `dự ng hệ` is `dựng hệ`, not `dự nghệ`
    }
    // The common word may go on into the next piece (`tỉ nh ủ y` is `tỉnh ủy`).
    let further = if pieces[k].joinable && k + 1 < pieces.len() { k + 1 } else { k };
    let common = |rest: Option<Letters>| {
        rest.is_some_and(|rest| COMMON_ONSETLESS.iter().filter_map(|w| Letters::read(&[w])).any(|w| w.spells_as(&rest)))
    };
    !common(unit_letters(line, pieces, (j + 1, k))) && !common(unit_letters(line, pieces, (j + 1, further)))
}

/// Whether units `u` and `v` (piece ranges, `v` right after `u`), syllables each, make a
/// pair that a line with the disease joins (see [`split_joins`]).
fn pair_joins(line: &str, pieces: &[Piece], u: (usize, usize), v: (usize, usize)) -> bool {
    // A run is a syllable; a single piece beside a joinable space knows whether it is one.
    let syllable = |(a, b): (usize, usize)| a < b || pieces[a].syllable;
    if !pieces[u.1].joinable || !syllable(u) || !syllable(v) || !bounded(line, pieces, u.0, v.1) {
        return false;
    }
    let (Some(u_letters), Some(v_letters)) = (unit_letters(line, pieces, u), unit_letters(line, pieces, v)) else {
        return false;
    };
    let (Some(u_last), Some(v_first)) = (u_letters.last(), v_letters.first()) else { return false };
    let first = line[pieces[v.0].start..].chars().next().unwrap_or(' ');
    let last = line[..pieces[u.1].end].chars().next_back().unwrap_or(' ');
    let bare = v_letters.len == 1 && v_letters.tone == Tone::Level;
    // The diacritic at the space: on the first letter of `v`, or on the last of `u` before
    // a bare vowel that joins nothing after it (`chủ y ếu` never gives `chủy ếu`).
    let at_space = has_diacritic(first) || (bare && !pieces[v.1].joinable && has_diacritic(last));
    // A tone on the last vowel of an open cluster sits where no spelling puts it (`gia ý`
    // would be `giáy`), but for `oa`, `oe`, `uy`, and after the onset `gi` (`gi á`).
    let misplaced = v_letters.len == 1
        && v_letters.tone != Tone::Level
        && matches!(v_first, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
        && !matches!((u_last, v_first), ('o', 'a' | 'e') | ('u', 'y'))
        && u_letters.letters[..u_letters.len] != ['g', 'i'];
    at_space
        && !misplaced
        && (u_letters.len >= 2 || (bare && u_letters.tone != Tone::Level))
        && is_vowel(u_last)
        && is_vowel(v_first)
        && joins_to_syllable(line, &pieces[u.0..=v.1])
}

/// Whether pieces `i..=j` stand between proper boundaries (see [`split_joins`]).
fn bounded(line: &str, pieces: &[Piece], i: usize, j: usize) -> bool {
    let before = &line[..pieces[i].start];
    let after = &line[pieces[j].end..];
    let lead = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let tail = after.split(char::is_whitespace).next().unwrap_or("");
    if !lead.chars().all(|c| OPENERS.contains(&c)) || !tail.chars().all(|c| CLOSERS.contains(&c)) {
        return false;
    }
    let unit = UNITS.contains(&&line[pieces[i].start..pieces[i].end]);
    let number = before
        .trim_end_matches(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .ends_with(|c: char| c.is_ascii_digit());
    !(unit && number)
}

/// Whether the letters of `run` agree in case and spell one syllable together.
fn joins_to_syllable(line: &str, run: &[Piece]) -> bool {
    let mut parts = [""; 2 * MAX_PIECES];
    if run.len() > parts.len() {
        return false;
    }
    for (part, p) in parts.iter_mut().zip(run) {
        *part = &line[p.start..p.end];
    }
    let parts = &parts[..run.len()];
    case_agrees(parts) && Letters::read(parts).is_some_and(|w| w.is_syllable())
}

/// Whether the letters of `parts` are all lower case, all capitals, or one capital then
/// lower case (`Quyết`).
fn case_agrees(parts: &[&str]) -> bool {
    let mut letters = parts.iter().flat_map(|p| p.chars()).filter(|c| !is_mark(*c));
    let Some(first) = letters.next() else { return false };
    let (mut upper, mut lower) = (false, false);
    for c in letters {
        upper |= c.is_uppercase();
        lower |= c.is_lowercase();
    }
    if first.is_uppercase() { !(upper && lower) } else { !upper }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line` with the spaces at `joins` removed.
    fn repaired(line: &str) -> String {
        let joins = split_joins(line);
        line.char_indices().filter(|(i, _)| !joins.contains(i)).map(|(_, c)| c).collect()
    }

    #[test]
    fn tables_are_sorted_and_consistent() {
        assert!(RHYMES.windows(2).all(|w| w[0] < w[1]));
        assert!(ONSETLESS.windows(2).all(|w| w[0] < w[1]));
        assert!(QU_RHYMES.windows(2).all(|w| w[0] < w[1]));
        assert!(ONSETLESS.iter().all(|r| RHYMES.contains(r)));
        for keys in [&RHYME_KEYS[..], &ONSETLESS_KEYS, &QU_KEYS, &ONSET_KEYS] {
            assert!(keys.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn real_syllables_pass() {
        let words = "người nghiêng khuỷu quốc gì giữa hoàn thuở ĐIỀU KHOẢN yêu oai \
            a ăn ẵm ắp ấy ở ông ước uống uyên yên yết ý ỉa ếch ích ít ót úc út ủy ưu \
            các học sách họp tốt trực kịp lớp bếp nứt việc nghiệp thuật khuếch huých \
            quyết quyền quý qui quýt quỳnh quân quăng quạt quên quê quơ quay quà \
            gia gìn giết giêng giếng giường giũa giặc \
            kỹ kỳ kế kiểm ghi ghế nghe nghỉ nghĩa ngoài nguyễn nguyên nguy ngoặc \
            khuya khuyên chuyện luật tuần khuấy khuâng xoong boong soóc hoặc xoắn oẳn \
            hoen khoét ngoẹo thuở huơ tuýp buýt lý mỹ hy \
            rượu hươu bưởi cưới mười gửi ngửi buồm chuột suốt muối \
            Quyết Định THỰC HIỆN Ủy ỦY Đảng ĐẢNG Hà Nội VIỆT NAM";
        for w in words.split_whitespace() {
            assert!(is_syllable(w), "{w} should be a syllable");
        }
    }

    #[test]
    fn non_syllables_fail() {
        let words = "điề ĐIỀ hiệ ết ệt nh ng ngh qu q k gh hoaa ngk cac hoc hòc mảt \
            ci ce nge nghe\u{301}\u{300} ka gha ngha ghy kuy tyên iên quu quo giy coa cuy \
            UBND HĐND TP KH NQ TW Covid Zalo fan wifi đ x ̣p ̣ ươ iê uô ưu\u{309}\u{301} \
            ăăn aa ee tt mm ôô hoà\u{302}";
        for w in words.split_whitespace() {
            assert!(!is_syllable(w), "{w} should not be a syllable");
        }
        assert!(!is_syllable(""));
    }

    #[test]
    fn decomposed_input_is_read() {
        assert!(is_syllable("ngh\u{ea}\u{323}p".replace('\u{ea}', "e\u{302}").as_str()));
        assert!(is_syllable("Vie\u{323}\u{302}t"));
        assert!(!is_syllable("n\u{323}a"));
    }

    #[test]
    fn repairs_split_syllables() {
        assert_eq!(repaired("Quy ết đị nh số 12"), "Quyết định số 12");
        assert_eq!(repaired("thự c hiệ n"), "thực hiện");
        assert_eq!(repaired("ngh iê \u{323}p vụ"), "nghiê\u{323}p vụ");
        assert_eq!(repaired("(Quy ết đị nh)"), "(Quyết định)");
        assert_eq!(repaired("ngày 12 thá ng 3"), "ngày 12 tháng 3");
        assert_eq!(repaired("THỰ C HIỆ N"), "THỰC HIỆN");
        assert_eq!(split_joins("thự c hiệ n"), vec![5, 13]);
        // A consonant between two pieces goes where the evidence is.
        assert_eq!(repaired("là m ột"), "là một");
        assert_eq!(repaired("thế n ào"), "thế nào");
        assert_eq!(repaired("chọ n ở"), "chọn ở");
        assert_eq!(repaired("dự ng hệ"), "dựng hệ");
        assert_eq!(repaired("tỉ nh ủ y"), "tỉnh ủ y");
        assert_eq!(repaired("vi ệ n"), "viện");
    }

    #[test]
    fn pairs_of_syllables_join_only_on_diseased_lines() {
        // One clear repair (ĐIỀ) is no evidence for the pair KHO ẢN.
        assert_eq!(repaired("ĐIỀ U KHO ẢN"), "ĐIỀU KHO ẢN");
        assert_eq!(repaired("ĐIỀ U KHO ẢN THI HÀ NH"), "ĐIỀU KHOẢN THI HÀNH");
        assert_eq!(repaired("Ngư ời thự c hiệ n"), "Người thực hiện");
        assert_eq!(repaired("tư ởng thự c hiệ n"), "tưởng thực hiện");
        assert_eq!(repaired("ngư ời"), "ngư ời");
        assert_eq!(repaired("vớ i thự c hiệ n"), "với thực hiện");
        assert_eq!(repaired("tỉ nh ủ y thự c hiệ n"), "tỉnh ủy thực hiện");
        assert_eq!(repaired("gia ý thự c hiệ n"), "gia ý thực hiện");
        // `y` joins onward, and a one-letter vowel without tone is too weak to start a pair.
        assert_eq!(repaired("chủ y ếu thự c hiệ n"), "chủ y ếu thực hiện");
        // A lone capital is weak evidence: it joins only beside a clear repair.
        assert_eq!(repaired("Đ ẢNG BỘ"), "Đ ẢNG BỘ");
        assert_eq!(repaired("MỤ C TIÊU"), "MỤ C TIÊU");
        assert_eq!(repaired("Đ ẢNG BỘ THỰ C HIỆ N"), "ĐẢNG BỘ THỰC HIỆN");
    }

    #[test]
    fn normal_text_stays() {
        for line in [
            "cho anh",
            "hoa ăn",
            "o ép",
            "Ủy ban",
            "ô tô",
            "Hà Nội",
            "a) b)",
            "cho ăn",
            "do ảnh hưởng",
            "khu ấy",
            "diện tích 100 m ở khu",
            "ĐIỀU KHOẢN THI HÀNH",
            "ông Nguyễn Văn T",
            "Nguyễn Thị M.",
            "Đắk Lắk",
            "điểm đ khoản 1",
            "hoặc  ết",
            "Quy-ết",
            "QUy ết",
            "Bên B ủy quyền cho Bên A",
            "BÊN B ỦY QUYỀN",
            "tiến trình P ít nhất một lần",
            "N âm căn trái",
            "DH_OPTIONS=-v ở đây",
            "lần thứ n",
            "NGUYỄN THỊ M",
            "CÓ N CỘT",
            "có N cột",
        ] {
            assert_eq!(split_joins(line), Vec::<usize>::new(), "{line}");
        }
    }

    /// Every file under `dir`, recursively, sorted.
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }

    /// The joins `split_joins` makes in the lines of `paths`, one description each.
    fn joins_in(paths: &[std::path::PathBuf]) -> (usize, Vec<String>) {
        let mut lines = 0;
        let mut found = Vec::new();
        for p in paths {
            let Ok(text) = std::fs::read_to_string(p) else { continue };
            for (n, line) in text.lines().enumerate() {
                lines += 1;
                for j in split_joins(line) {
                    let lo = line[..j].char_indices().rev().nth(12).map_or(0, |(i, _)| i);
                    let hi = line[j..].char_indices().nth(12).map_or(line.len(), |(i, _)| j + i);
                    found.push(format!("{}:{}: `{}`", p.display(), n + 1, &line[lo..hi]));
                }
            }
        }
        (lines, found)
    }

    #[test]
    fn corpus_has_no_joins() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut paths = Vec::new();
        files(&root, &mut paths);
        paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        assert!(!paths.is_empty());
        let (lines, found) = joins_in(&paths);
        assert!(lines > 1000);
        assert!(found.is_empty(), "{} joins:\n{}", found.len(), found.join("\n"));
    }

    #[test]
    #[allow(clippy::print_stderr)]
    fn shared_eval_has_no_joins() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
        if !root.is_dir() {
            eprintln!("skipped: {} is absent", root.display());
            return;
        }
        let mut paths = Vec::new();
        files(&root, &mut paths);
        let (_, found) = joins_in(&paths);
        assert!(found.is_empty(), "{} joins:\n{}", found.len(), found.join("\n"));
    }

    /// `line` with its words cut at letters with diacritics, at each chance with
    /// probability `percent` (a fixed pseudo-random sequence in `seed`): the cut line and
    /// the offsets of the spaces put in.
    fn cut(line: &str, percent: u64, seed: &mut u64) -> (String, Vec<usize>) {
        let mut out = String::with_capacity(line.len() * 2);
        let mut added = Vec::new();
        let mut prev = None;
        for c in line.chars() {
            if let Some(p) = prev {
                *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let letters = char::is_alphabetic(p) && c.is_alphabetic();
                if letters && (has_diacritic(p) || has_diacritic(c)) && (*seed >> 33) % 100 < percent {
                    added.push(out.len());
                    out.push(' ');
                }
            }
            out.push(c);
            prev = Some(c);
        }
        (out, added)
    }

    #[test]
    #[allow(clippy::print_stderr)]
    fn repairs_most_synthetic_cuts_of_the_corpus() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut paths = Vec::new();
        files(&root, &mut paths);
        paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
        let mut seed = 42;
        let (mut added_n, mut right, mut wrong) = (0, 0, Vec::new());
        for p in &paths {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            for line in text.lines() {
                let (cut_line, added) = cut(line, 15, &mut seed);
                added_n += added.len();
                for j in split_joins(&cut_line) {
                    if added.contains(&j) {
                        right += 1;
                    } else {
                        wrong.push(format!("`{cut_line}`"));
                    }
                }
            }
        }
        eprintln!("synthetic cuts: {added_n}, repaired {right}, wrong joins {}", wrong.len());
        assert!(right * 100 >= added_n * 85, "repaired {right} of {added_n}");
        assert!(wrong.len() * 1000 <= right, "{} wrong joins:\n{}", wrong.len(), wrong.join("\n"));
    }
}
