//! Stage 2, normalize: one canonical spelling of the decoded text, with the way back.
//!
//! In: the decoded original text. Out: [`Normalized`] — the normalized text, the
//! [`OffsetMap`] from it to the original, the spans that were set in bold, and the lines
//! that were markdown headings.
//!
//! Four passes, each recording its edits so that any span maps back
//! ([`OffsetMap::original_range`]):
//!
//! 0. **folds** — space, hyphen and letter variants (`Ð` → `Đ`) folded, zero-width and
//!    control characters dropped, before anything reads the text; where the text holds
//!    combining marks (decomposed letters) or other characters NFC changes, those are
//!    composed at once, so that what follows reads letters as the words pass writes them.
//! 1. **markup** — line ends to `\n`; HTML comments and tags dropped, entities decoded;
//!    markdown headings (`# …`) and emphasis (`**…**`, `*…*`) taken out (bold is kept as
//!    spans); markdown table rows split into one line per cell, and a cell's runs of two
//!    or more spaces (a flattened layout) into one line per part.
//! 2. **words** (run last, after the lines) — NFC; one tone-placement policy
//!    ([`TonePolicy`]) by the spelling rules (the two styles differ only in the open
//!    syllables `oa`, `oe`, `uy`; misplaced tones such as `qúy`, `hòan` are repaired).
//!    Hyphen look-alikes (U+2010–U+2012, minus) fold to `-` in pass 0; en and em dashes
//!    and curly quotes are typography, kept as printed.
//! 3. **lines** — white space folded inside lines and trimmed; a hard-wrapped line joined
//!    to the next when the evidence is clear (the line does not end a sentence and the
//!    next starts with a lower-case letter that is not a list marker); then syllables that
//!    PDF text extraction cut with spaces joined where the spelling shows it (`ĐIỀ U` →
//!    `ĐIỀU`: `điề` is no Vietnamese syllable).
//!
//! ```
//! use vanban::normalize::{normalize, Options};
//! let n = normalize("**Ủy ban** nhân dân  tỉnh\r\nthuỷ lợi", &Options::default());
//! assert_eq!(n.text, "Ủy ban nhân dân tỉnh thủy lợi");
//! ```

use crate::source::{OffsetMap, Rewriter, Span};
use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Where a tone mark goes in the open syllables `oa`, `oe`, `uy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TonePolicy {
    /// On the first vowel: `hòa`, `khỏe`, `thủy` (the Quốc hiệu's spelling; the default).
    #[default]
    Traditional,
    /// On the second vowel: `hoà`, `khoẻ`, `thuỷ`.
    Modern,
    /// Leave tone marks where they are.
    Keep,
}

/// Normalization settings.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Tone placement policy.
    pub tone: TonePolicy,
    /// Do not join hard-wrapped lines.
    pub keep_line_breaks: bool,
    /// Do not join syllables that PDF text extraction cut with spaces (`ĐIỀ U` → `ĐIỀU`).
    pub keep_split_syllables: bool,
}

/// The output of normalization.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text: NFC, `\n` line ends, one space between words.
    pub text: String,
    /// From normalized offsets back to the decoded original.
    pub map: OffsetMap,
    /// Spans that were bold (`**…**`) in the input, in order, not overlapping.
    pub strong: Vec<Span>,
    /// Whole-line spans that were markdown headings, in order.
    pub headings: Vec<Span>,
}

const STRONG: char = '\u{E000}';
const HEADING: char = '\u{E002}';

/// Normalizes `original`.
pub fn normalize(original: &str, opts: &Options) -> Normalized {
    let mut n = normalize_once(original, opts);
    // Bold and heading markers stand in the text until the line pass takes them out, and
    // what they parted can be markup (`&am**p;`, `<**b**>`, `**#** x`); lines the line pass
    // joins can make a tag. Read the text again while the markup pass still finds some, as
    // a second normalization would.
    for _ in 0..8 {
        // The markup pass edits only around these bytes (a tag, an entity, emphasis, a
        // heading, a table row, a carriage return).
        let b = n.text.as_bytes();
        let maybe = memchr::memchr3(b'<', b'&', b'*', b).is_some()
            || memchr::memchr3(b'_', b'#', b'|', b).is_some()
            || memchr::memchr(b'\r', b).is_some();
        if !maybe || !pass_markup(&n.text).0.edited() {
            break;
        }
        let again = normalize_once(&n.text, opts);
        let forward = |s: &Span| Span::new(again.map.forward(s.start), again.map.forward(s.end));
        let mut strong: Vec<Span> =
            n.strong.iter().map(forward).chain(again.strong).filter(|s| !s.is_empty()).collect();
        let mut headings: Vec<Span> = n.headings.iter().map(forward).chain(again.headings).collect();
        // In order and not overlapping, as the line pass gives them.
        strong.sort_unstable();
        strong.dedup_by(|b, a| {
            let overlap = b.start < a.end;
            if overlap {
                a.end = a.end.max(b.end);
            }
            overlap
        });
        headings.sort_unstable();
        headings.dedup();
        n.map.extend(again.map);
        n = Normalized { text: again.text, map: n.map, strong, headings };
    }
    n
}

/// One reading of [`normalize`].
fn normalize_once(original: &str, opts: &Options) -> Normalized {
    let mut map = OffsetMap::default();
    let (f, marks) = pass_fold(original);
    let mut a_text = if f.edited() { apply(original, f, &mut map) } else { original.to_string() };
    if marks {
        let c = pass_compose(&a_text);
        if c.edited() {
            a_text = apply(&a_text, c, &mut map);
        }
    }
    // Removing markup can uncover more (`*|` leaves a table rule): read it to a fixed point.
    // Only markers taken out can uncover more: line ends alone cannot. Header and signature
    // parts that a flattened layout put on one line then go back on theirs, and the new
    // line starts are read for markup once more (`-)|----` leaves `|---` at a line start).
    let mut table = None;
    for _ in 0..3 {
        for _ in 0..4 {
            let (a, removed) = pass_markup(&a_text);
            if !a.edited() {
                break;
            }
            a_text = apply(&a_text, a, &mut map);
            if !removed {
                break;
            }
        }
        let lines: Vec<(usize, usize, usize)> = physical_lines(&a_text).collect();
        let l = pass_layout(&a_text, lines.iter().copied(), None);
        if !l.edited() {
            // The lines pass reads the same text.
            table = Some(lines);
            break;
        }
        a_text = apply(&a_text, l, &mut map);
    }
    let lines = table.unwrap_or_else(|| physical_lines(&a_text).collect());
    let (c, mut strong, mut headings, rebuilt) = pass_lines(&a_text, &lines, opts);
    let mut text = if c.edited() { apply(&a_text, c, &mut map) } else { a_text };
    // From here on the strong and heading spans found by the line pass, and the places of
    // rebuilt lines, move with each edit.
    let mut apply_moving = |text: &mut String, rw: Rewriter, rebuilt: &mut Vec<usize>| {
        if rw.edited() {
            let (out, pm) = rw.finish(text);
            for s in strong.iter_mut().chain(headings.iter_mut()) {
                *s = Span::new(pm.forward(s.start), pm.forward(s.end));
            }
            for r in rebuilt.iter_mut() {
                *r = pm.forward(*r);
            }
            map.push(pm);
            *text = out;
        }
    };
    // Joining broken lines can rebuild a line the layout pass splits (`Độc` + `lập - Tự do
    // - Hạnh phúcLạng Sơn, …`): split it now, as a second run would. A split can in turn
    // leave a line that joins its neighbour (`t----` gives `t`): lines and layout again,
    // to a fixed point.
    let mut rebuilt = rebuilt;
    for _ in 0..4 {
        if rebuilt.is_empty() {
            break;
        }
        let l = pass_layout(&text, physical_lines(&text), Some(&rebuilt));
        if !l.edited() {
            break;
        }
        apply_moving(&mut text, l, &mut Vec::new());
        // No markers are left: the spans found the first time stand.
        let (c, _, _, again) = pass_lines(&text, &physical_lines(&text).collect::<Vec<_>>(), opts);
        if !c.edited() {
            break;
        }
        // `again` is in the new text already.
        apply_moving(&mut text, c, &mut Vec::new());
        rebuilt = again;
    }
    // Words last: the markers and white space taken out before can no longer split a
    // letter from its marks or one word in two. The word pass also reads the text for the
    // shape of syllables cut by PDF text extraction ([`cut_at`]): text that shows
    // none, the rule, is read once.
    let (mut d, cut) = pass_words(&text, opts.tone, !opts.keep_split_syllables);
    if cut {
        // Join the cut syllables on lines as they now stand, then read the words again. A
        // join can make another piece joinable (`n h ó` gives `n hó`, a short piece with a
        // mark), joining can rebuild a line the layout pass splits (`QUYẾ T ĐỊNH`), and a
        // split can leave a cut piece at a line end (`pó t---`): to a fixed point, as
        // further runs would.
        for _ in 0..8 {
            let (sy, mut joined) = pass_syllables(&text);
            if !sy.edited() {
                break;
            }
            apply_moving(&mut text, sy, &mut Vec::new());
            let l = pass_layout(&text, physical_lines(&text), Some(&joined));
            apply_moving(&mut text, l, &mut joined);
        }
        d = pass_words(&text, opts.tone, false).0;
    }
    apply_moving(&mut text, d, &mut Vec::new());
    Normalized { text, map, strong, headings }
}

/// Only the character pass: NFC, the tone policy and the character folds, with line
/// structure, markup and white space left as they are.
///
/// ```
/// use vanban::normalize::{letters, TonePolicy};
/// assert_eq!(letters("Khánh Hoà, qúy  thuỷ", TonePolicy::Traditional), "Khánh Hòa, quý  thủy");
/// ```
pub fn letters(text: &str, tone: TonePolicy) -> String {
    let (f, _) = pass_fold(text);
    let folded = if f.edited() { f.finish(text).0 } else { text.to_string() };
    let (w, _) = pass_words(&folded, tone, false);
    if !w.edited() {
        return folded;
    }
    w.finish(&folded).0
}

/// Takes a pass's output; keeps its map only when it edited something.
fn apply(input: &str, rw: Rewriter, map: &mut OffsetMap) -> String {
    let (out, pm) = rw.finish(input);
    map.push(pm);
    out
}

/// Splits `text` into lines: `(start, end, next_start)`, with `\n`, `\r\n` and `\r` ends.
fn physical_lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos > b.len() || (pos == b.len() && pos != 0 && !matches!(b[pos - 1], b'\n' | b'\r')) {
            return None;
        }
        if pos == b.len() {
            pos += 1;
            return if b.is_empty() { Some((0, 0, 0)) } else { None };
        }
        let start = pos;
        let mut i = memchr::memchr2(b'\n', b'\r', &b[pos..]).map_or(b.len(), |k| pos + k);
        let end = i;
        if i < b.len() {
            i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        }
        pos = if i == b.len() && end == b.len() { b.len() + 1 } else { i };
        Some((start, end, i))
    })
}

// ---------------------------------------------------------------------------------------
// Pass 1: markup.

/// The markup pass, and whether it took out markup (rather than only changing line ends).
fn pass_markup(input: &str) -> (Rewriter, bool) {
    let b = input.as_bytes();
    if memchr::memchr(b'\r', b).is_some() {
        return pass_markup_by_lines(input);
    }
    // With `\n` line ends only, a line without markup bytes is copied as it stands: only
    // the lines that hold one are read.
    let mut rw = Rewriter::with_capacity(input.len() + 16);
    let mut copied = 0;
    // The next byte `markup_line` acts on — `*`, `<`, `&`, `_`, `#`, `|` or the lead byte of
    // its own markers (EE) — from three searches, each remembered until passed.
    let mut found = [None; 3];
    loop {
        let k = next_at(&mut found[0], copied, |h| memchr::memchr3(b'*', b'<', b'&', h), b)
            .min(next_at(&mut found[1], copied, |h| memchr::memchr3(b'_', b'#', b'|', h), b))
            .min(next_at(&mut found[2], copied, |h| memchr::memchr(0xEE, h), b));
        if k >= b.len() {
            break;
        }
        let start = memchr::memrchr(b'\n', &b[..k]).map_or(0, |p| p + 1);
        let end = memchr::memchr(b'\n', &b[k..]).map_or(b.len(), |p| k + p);
        rw.copy(input, copied, start);
        markup_line(input, start, end, &mut rw);
        copied = end;
    }
    rw.copy(input, copied, b.len());
    let removed = rw.replaced() > 0;
    (rw, removed)
}

/// [`pass_markup`] line by line, for text with `\r` line ends.
fn pass_markup_by_lines(input: &str) -> (Rewriter, bool) {
    let mut rw = Rewriter::with_capacity(input.len() + 16);
    let mut line_ends = 0;
    for (start, end, next) in physical_lines(input) {
        markup_line(input, start, end, &mut rw);
        if next > end {
            if &input[end..next] == "\n" {
                rw.copy(input, end, next);
            } else {
                rw.replace(input, end, next, "\n");
                line_ends += 1;
            }
        }
    }
    let removed = rw.replaced() > line_ends;
    (rw, removed)
}

fn markup_line(input: &str, start: usize, end: usize, rw: &mut Rewriter) {
    let line = &input[start..end];
    // A line is read after its white space and the bold markers an earlier reading left
    // there (`__|$` is a bold marker, then a table row, once the marker goes).
    let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || c == STRONG || c == HEADING);
    let lead = line.len() - trimmed.len();
    let markers = line[..lead].contains([STRONG, HEADING]);
    // Markdown table row: one output line per cell.
    if trimmed.starts_with('|') && !trimmed.trim_end().eq("|") {
        if !markers {
            return table_row(input, start, end, rw);
        }
        rw.copy(input, start, start + lead);
        return table_row(input, start + lead, end, rw);
    }
    if trimmed.trim_end() == "|" {
        if markers {
            rw.copy(input, start, start + lead);
        }
        return rw.replace(input, if markers { start + lead } else { start }, end, "");
    }
    let mut pos = start;
    // Markdown heading.
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with([' ', '\t']) {
        // `# # x` is one heading: the markers go together, or a second run would take
        // the next one.
        let mut marker_end = hashes + 1;
        loop {
            let rest = &trimmed[marker_end..];
            let sp = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let h = rest[sp..].bytes().take_while(|&b| b == b'#').count();
            if !((1..=6).contains(&h) && rest[sp + h..].starts_with([' ', '\t'])) {
                break;
            }
            marker_end += sp + h + 1;
        }
        let mut buf = [0u8; 4];
        let from = if markers {
            rw.copy(input, start, start + lead);
            start + lead
        } else {
            start
        };
        rw.replace(input, from, start + lead + marker_end, HEADING.encode_utf8(&mut buf));
        pos = start + lead + marker_end;
    }
    inline_markup(input, pos, end, rw);
}

fn table_row(input: &str, start: usize, end: usize, rw: &mut Rewriter) {
    let line = &input[start..end];
    let mut first = true;
    let mut cells = Vec::new();
    let mut cell_start = start;
    for (i, c) in line.char_indices() {
        if c == '|' {
            cells.push((cell_start, start + i));
            cell_start = start + i + 1;
        }
    }
    cells.push((cell_start, end));
    let mut cursor = start;
    for (cs, ce) in cells {
        // Parts of a cell: separated by runs of 2+ spaces or by backslash runs.
        let cell = &input[cs..ce];
        let mut parts = Vec::new();
        let mut part_start = 0;
        let bytes = cell.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let sep_len = separator_at(bytes, i);
            if sep_len > 0 {
                parts.push((part_start, i));
                i += sep_len;
                part_start = i;
            } else {
                i += 1;
            }
        }
        parts.push((part_start, bytes.len()));
        for (ps, pe) in parts {
            let (ps, pe) = (cs + ps, cs + pe);
            let seg = input[ps..pe].trim();
            if seg.is_empty() {
                continue;
            }
            let seg_start = ps + (input[ps..pe].len() - input[ps..pe].trim_start().len());
            let seg_end = seg_start + seg.len();
            rw.replace(input, cursor, seg_start, if first { "" } else { "\n" });
            first = false;
            inline_markup(input, seg_start, seg_end, rw);
            cursor = seg_end;
        }
    }
    rw.replace(input, cursor, end, "");
}

/// Length of a part separator inside a table cell at byte `i`: 2+ white space, or `\`s.
fn separator_at(b: &[u8], i: usize) -> usize {
    let ws = |c: u8| c == b' ' || c == b'\t';
    if b[i] == b'\\' {
        let mut j = i;
        while j < b.len() && (b[j] == b'\\' || ws(b[j])) {
            j += 1;
        }
        return j - i;
    }
    if ws(b[i]) && i + 1 < b.len() && ws(b[i + 1]) {
        let mut j = i;
        while j < b.len() && ws(b[j]) {
            j += 1;
        }
        return j - i;
    }
    0
}

/// Emphasis markers, HTML comments, tags and entities inside one line.
fn inline_markup(input: &str, start: usize, end: usize, rw: &mut Rewriter) {
    let b = input.as_bytes();
    let mut i = start;
    let mut copied = start;
    let mut buf = [0u8; 4];
    while i < end {
        let hay = &b[i..end];
        let run = match (memchr::memchr3(b'*', b'<', b'&', hay), memchr::memchr(b'_', hay)) {
            (Some(x), Some(y)) => x.min(y),
            (x, y) => x.or(y).unwrap_or(hay.len()),
        };
        i += run;
        if i >= end {
            break;
        }
        let c = b[i];
        match c {
            b'*' | b'_' => {
                // A run of the marker, read across the bold markers this pass left between
                // its parts (`_**_` reads `_`, bold, `_`; taking the bold out later makes
                // `__` of it).
                let (mut j, mut n) = (i, 0);
                loop {
                    if j < end && b[j] == c {
                        j += 1;
                        n += 1;
                        continue;
                    }
                    let mut k = j;
                    while input[k..end].starts_with(STRONG) {
                        k += STRONG.len_utf8();
                    }
                    if k == j || k >= end || b[k] != c {
                        break;
                    }
                    j = k;
                }
                // The characters on either side, past combining marks: NFC reorders marks
                // (`\u{326}\u{5b6}` is `\u{5b6}\u{326}`) and composes them with their
                // letter, so only the letter they sit on says the same on a second run.
                let starter = |ch: &char| unicode_normalization::char::canonical_combining_class(*ch) == 0;
                let before = input[start..i].chars().rev().find(starter);
                let after = input[j..end].chars().find(starter);
                let word_before = before.is_some_and(|ch| ch.is_alphanumeric());
                let word_after = after.is_some_and(|ch| ch.is_alphanumeric());
                // Four or more are a rule (`____`, `****`), never emphasis.
                let is_marker = if n >= 4 {
                    false
                } else if c == b'*' {
                    // `**` always; a single `*` when it touches text or stands alone.
                    n >= 2 || !(word_before && word_after)
                } else {
                    // `__` at a word edge only: `_` inside names and codes stays.
                    n >= 2 && !(word_before && word_after)
                };
                if is_marker {
                    rw.copy(input, copied, i);
                    let strong = if n >= 2 { STRONG.encode_utf8(&mut buf) as &str } else { "" };
                    // An odd run of 3 is bold + italic: the bold toggles, the italic goes.
                    let rep = if n % 2 == 0 || n >= 3 { if (n / 2) % 2 == 1 { strong } else { "" } } else { "" };
                    rw.replace(input, i, j, rep);
                    copied = j;
                }
                i = j;
            }
            b'<' => {
                let rest = &input[i..end];
                let skip = if rest.starts_with("<!--") {
                    rest.find("-->").map(|k| k + 3)
                } else if tag_len(rest) > 0 {
                    Some(tag_len(rest))
                } else {
                    None
                };
                match skip {
                    Some(k) => {
                        rw.copy(input, copied, i);
                        let rep = if rest[..k].to_ascii_lowercase().starts_with("<br") { " " } else { "" };
                        rw.replace(input, i, i + k, rep);
                        i += k;
                        copied = i;
                    }
                    None => i += 1,
                }
            }
            b'&' => match entity(&input[i..end]).filter(|&(k, ch)| entity_is_safe(ch, &input[i + k..end])) {
                Some((k, ch)) => {
                    rw.copy(input, copied, i);
                    let ch = match fold_char(ch) {
                        Some(f) => f,
                        None => Some(ch),
                    };
                    rw.replace(input, i, i + k, ch.map_or("", |c| c.encode_utf8(&mut buf)));
                    i += k;
                    copied = i;
                }
                None => i += 1,
            },

            _ => i += 1,
        }
    }
    rw.copy(input, copied, end);
}

/// Length of an HTML tag such as `<br>`, `</p>`, `<span class="x">` at the start of `s`,
/// or 0 when `s` does not start with one (`a < b`, `<3`, `<Số>` are text).
fn tag_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 1;
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return 0;
    }
    while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-') {
        i += 1;
    }
    loop {
        while b.get(i) == Some(&b' ') || b.get(i) == Some(&b'\t') {
            i += 1;
        }
        match b.get(i) {
            Some(b'>') => return i + 1,
            Some(b'/') if b.get(i + 1) == Some(&b'>') => return i + 2,
            Some(c) if c.is_ascii_alphabetic() || *c == b'_' || *c == b':' => {
                while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')) {
                    i += 1;
                }
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    match b.get(i) {
                        Some(q @ (b'"' | b'\'')) => {
                            let q = *q;
                            let close = b[i + 1..].iter().take(400).position(|&c| c == q || c == b'\n');
                            match close {
                                Some(k) if b[i + 1 + k] == q => i += k + 2,
                                _ => return 0,
                            }
                        }
                        Some(c) if c.is_ascii_graphic() && !matches!(c, b'>' | b'<' | b'=' | b'`') => {
                            while b
                                .get(i)
                                .is_some_and(|c| c.is_ascii_graphic() && !matches!(c, b'>' | b'<' | b'"' | b'\''))
                            {
                                i += 1;
                            }
                        }
                        _ => return 0,
                    }
                }
            }
            _ => return 0,
        }
        if i > 400 {
            return 0;
        }
    }
}

/// Whether decoding an entity to `ch` before `rest` leaves text that a second reading
/// would not take for markup (`&amp;lt;`, `&lt;b>`, `&#42;`): normalizing stays idempotent.
fn entity_is_safe(ch: char, rest: &str) -> bool {
    match ch {
        '*' | '_' | '|' | '#' | '\u{E000}'..='\u{E002}' => false,
        '<' => !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!'),
        '&' => entity(&format!("&{}", rest.chars().take(12).collect::<String>())).is_none(),
        _ => true,
    }
}

/// The named HTML entities of Latin-1 (`&ecirc;` = ê …), in code point order from U+00A0.
fn latin1_entity(name: &str) -> Option<char> {
    const NAMES: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo", "not",
        "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil", "sup1",
        "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml",
        "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH",
        "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
        "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
        "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
        "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    NAMES.iter().position(|n| *n == name).and_then(|i| char::from_u32(0xA0 + i as u32))
}

/// An HTML entity at the start of `s`: its length and character.
fn entity(s: &str) -> Option<(usize, char)> {
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..end];
    let ch = if let Some(num) = name.strip_prefix('#') {
        let v = if let Some(h) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(h, 16).ok()?
        } else {
            num.parse().ok()?
        };
        char::from_u32(v).filter(|c| !matches!(c, '\u{E000}'..='\u{E002}'))?
    } else {
        match name {
            "nbsp" => '\u{A0}',
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "laquo" => '«',
            "raquo" => '»',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            _ => return latin1_entity(name).map(|c| (end + 1, c)),
        }
    };
    Some((end + 1, ch))
}

// ---------------------------------------------------------------------------------------
// The layout pass: text exports of two-column pages put a whole header row, or a whole
// signature block, on one line. Split them where one header part ends and the next begins.

static NATIONAL_IN_LINE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM").unwrap());
static MOTTO_IN_LINE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc").unwrap());
static SITE_ANCHOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:Công\s+văn|Quyết\s+định|Nghị\s+định|Thông\s+tư|Kế\s+hoạch|Nghị\s+quyết|Chỉ\s+thị|Thông\s+báo|Kết\s+luận|Quy\s+định|Hướng\s+dẫn|Luật)\s+\d+[^\s]*/[^\s]+(?:\s+năm\s+\d{4})?\.\s+(Điều|Chương|Mục|Phần|PHẦN|CHƯƠNG)").unwrap()
});
/// Cheap test for a line that may hold the Quốc hiệu, the motto or a dash rule.
/// The words that let a line be cut: one search over the whole text finds the lines that
/// hold one (the Quốc hiệu, the motto or a dash rule; or a date).
static LAYOUT_WORDS: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"NGHĨA|phúc|----|____|ngày").unwrap());

/// What a line holds of [`LAYOUT_WORDS`].
#[derive(Clone, Copy, Default)]
struct LineWords {
    national_or_rule: bool,
    date: bool,
}

impl LineWords {
    /// The words `line` holds, searched in it alone.
    fn of(line: &str) -> LineWords {
        let mut found = LineWords::default();
        for m in LAYOUT_WORDS.find_iter(line) {
            if m.as_str() == "ngày" {
                found.date = true;
            } else {
                found.national_or_rule = true;
            }
        }
        found
    }
}
static DASH_RUN: LazyLock<Regex> = LazyLock::new(|| crate::vocab::compile(r"[-_=]{4,}").unwrap());
static SO_START: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"^(?:Số|SỐ)\s*[:.]?\s*\d*[a-zđ]?\s*[-–/]?\s*[\p{L}\d&.]*(?:\s*[-–/]\s*[\p{L}\d&.]+)+")
        .unwrap()
});
/// `<Place>, ngày …` inside a line: up to four capitalised words before `, ngày`.
static PLACE_DATE_IN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?:TP\.\s*)?(?:\p{Lu}[\p{L}.]*\s+){0,3}\p{Lu}[\p{L}.]*\s*,\s*ngày\s*(?:\d{1,2}|[\s.…_]*)\s*(?:tháng|/)\s*(?:\d{1,2}|[\s.…_]*)\s*(?:năm|/)\s*(?:\d{4}|[\s.…_]*)").unwrap()
});
static HEADER_FOLLOWERS: LazyLock<Regex> = LazyLock::new(|| {
    // The word boundary after a name is checked by `header_followers`: a Unicode `\b` here
    // would send every search through the slow engine.
    crate::vocab::compile(r"\s(V/[vV]|Kính\s+gửi\s*:|(?:QUYẾT\s+ĐỊNH|KẾ\s+HOẠCH|CHỈ\s+THỊ|THÔNG\s+BÁO|NGHỊ\s+QUYẾT|CÔNG\s+ĐIỆN|BÁO\s+CÁO|TỜ\s+TRÌNH|HƯỚNG\s+DẪN|CHƯƠNG\s+TRÌNH|QUY\s+ĐỊNH|NGHỊ\s+ĐỊNH|THÔNG\s+TƯ|KẾT\s+LUẬN))").unwrap()
});

/// The `V/v`, `Kính gửi:` and tên loại that follow white space in `t`, each ending a word:
/// their byte ranges.
fn header_followers(t: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    HEADER_FOLLOWERS.find_iter(t).filter_map(move |m| {
        let ends_word =
            m.as_str().ends_with(':') || t[m.end()..].chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let lead = t[m.start()..].chars().next().map_or(0, char::len_utf8);
        ends_word.then_some((m.start() + lead, m.end()))
    })
}
static AUTHORITY_START: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"^(?:TM|KT|TL|TUQ|Q)\.\s*\p{Lu}|^(?:T/M|K/T|T/L)\s+\p{Lu}").unwrap());
static AUTHORITY_INSIDE: LazyLock<Regex> =
    LazyLock::new(|| crate::vocab::compile(r"\s(?:KT|TL|TUQ|Q)\.\s*\p{Lu}|\s(?:K/T|T/L)\s+\p{Lu}").unwrap());
/// A position (chức vụ) in capitals; `PHÓ …` and `TỔNG …` belong to it.
static POSITION_RUN: LazyLock<Regex> = LazyLock::new(|| {
    crate::vocab::compile(r"(?:PHÓ\s+)?(?:TỔNG\s+)?(?:GIÁM\s+ĐỐC|CHỦ\s+TỊCH|BÍ\s+THƯ|THỦ\s+TƯỚNG|CHỦ\s+NHIỆM|CHÁNH\s+VĂN\s+PHÒNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|TRƯỞNG\s+BAN|TRƯỞNG\s+PHÒNG|VỤ\s+TRƯỞNG|CỤC\s+TRƯỞNG|HIỆU\s+TRƯỞNG|VIỆN\s+TRƯỞNG|CHÁNH\s+ÁN|TỔNG\s+THƯ\s+KÝ)(?:\s|$|,)").unwrap()
});

/// The layout pass over every line, or, given `only`, over the lines holding one of those
/// (sorted) offsets; `lines` are the text's [`physical_lines`].
fn pass_layout(input: &str, lines: impl Iterator<Item = (usize, usize, usize)>, only: Option<&[usize]>) -> Rewriter {
    let mut rw = Rewriter::with_capacity(input.len() + 64);
    let mut copied = 0;
    let mut marks = only.map(|m| m.iter().copied().peekable());
    // Over the whole text, the words are found in one search; for some lines, in each.
    let mut words = LAYOUT_WORDS
        .find_iter(if only.is_some() { "" } else { input })
        .map(|m| (m.start(), m.as_str() != "ngày"))
        .peekable();
    // Where the next `/`, `. ` and `.\t` are, each remembered until passed.
    let (mut slash, mut dot_space, mut dot_tab) = (None, None, None);
    let b = input.as_bytes();
    for (start, end, next) in lines {
        let mut found = LineWords::default();
        while let Some((_, national)) = words.next_if(|&(at, _)| at < end) {
            if national {
                found.national_or_rule = true;
            } else {
                found.date = true;
            }
        }
        if let Some(m) = marks.as_mut() {
            let mut hit = false;
            while m.next_if(|&o| o < next.max(end + 1)).is_some() {
                hit = true;
            }
            if !hit {
                if m.peek().is_none() {
                    break;
                }
                continue;
            }
        }
        let line = &input[start..end];
        if only.is_some() {
            found = LineWords::of(line);
        }
        let has_slash = || next_at(&mut slash, start, |h| memchr::memchr(b'/', h), b) < end;
        let caps_after_break = || {
            for (found, finder) in [(&mut dot_space, &*DOT_SPACE), (&mut dot_tab, &*DOT_TAB)] {
                let mut q = next_at(found, start, |h| finder.find(h), b);
                while q < end {
                    if two_capitals(&input[q + 2..end]) {
                        return true;
                    }
                    q = next_at(found, q + 1, |h| finder.find(h), b);
                }
            }
            false
        };
        if !may_cut(line, found, has_slash, caps_after_break) {
            continue;
        }
        let cuts = layout_cuts_again(line, found, 4);
        for (s, e) in cuts {
            rw.copy(input, copied, start + s);
            rw.replace(input, start + s, start + e, "\n");
            copied = start + e;
        }
    }
    rw.copy(input, copied, input.len());
    rw
}

/// Whether [`layout_cuts`] can cut `line`, which holds `words` of [`LAYOUT_WORDS`], read
/// from what each of its rules needs, so that most lines are passed over at the cost of a
/// look at their first word: the Quốc hiệu, the motto or a rule, `ngày` after a comma (a
/// place and date), a line opening with `Số`, `V/` or a signature block, capitals that end
/// in a person's name, a web anchor's name with a `/` in the line (`has_slash`), or a
/// sentence break (`. ` or `.\t`) before two capitals, as every body name opens
/// (`caps_after_break`).
fn may_cut(
    line: &str,
    words: LineWords,
    has_slash: impl FnOnce() -> bool,
    caps_after_break: impl FnOnce() -> bool,
) -> bool {
    let t = line.trim_start_matches([' ', '\t']).trim_end();
    let Some(&first) = t.as_bytes().first() else { return false };
    // The Quốc hiệu, the motto, a rule; a place and date.
    if words.national_or_rule || (words.date && comma_before_ngay(t)) {
        return true;
    }
    if t.starts_with("Số") || t.starts_with("SỐ") || t.starts_with("V/") {
        return true;
    }
    if may_open_authority(t) || (opens_in_capitals(t) && trailing_name(t).is_some()) {
        return true;
    }
    if is_anchor_initial(first) && has_slash() {
        return true;
    }
    caps_after_break()
}

/// Whether `t` can open a signature block ([`AUTHORITY_START`]): `TM.`, `TL.`, `TUQ.`,
/// `KT.`, `Q.`, `T/M`, `K/T`, `T/L` — the first two bytes tell.
fn may_open_authority(t: &str) -> bool {
    matches!(t.as_bytes(), [b'T' | b'K' | b'Q', b'M' | b'L' | b'U' | b'T' | b'.' | b'/', ..])
}

/// Whether `x` is the first letter of a name a web anchor ([`SITE_ANCHOR`]) starts with.
fn is_anchor_initial(x: u8) -> bool {
    matches!(x, b'C' | b'Q' | b'N' | b'T' | b'K' | b'H' | b'L')
}

/// Whether the first word of `t` is two characters or more with none in lower case, as a
/// signature line's is. (Its first two characters tell most lines.)
fn opens_in_capitals(t: &str) -> bool {
    let mut two = t.trim_start().chars();
    two.next().is_some_and(|c| !c.is_lowercase())
        && two.next().is_some_and(|c| !c.is_lowercase() && !c.is_whitespace())
        && t.split_whitespace().next().is_some_and(|w| !w.chars().any(char::is_lowercase))
}

/// Whether `s` opens, past white space, with two capitals.
fn two_capitals(s: &str) -> bool {
    let mut cs = s.trim_start().chars();
    cs.next().is_some_and(char::is_uppercase) && cs.next().is_some_and(char::is_uppercase)
}

/// The first place at or after `from` where `search` finds something in `b` (`b.len()`
/// when nowhere), with `found` remembering the last answer: the places asked for move
/// forward only, so that each byte is read once over a whole pass.
fn next_at(found: &mut Option<usize>, from: usize, search: impl Fn(&[u8]) -> Option<usize>, b: &[u8]) -> usize {
    match *found {
        Some(p) if p >= from => p,
        _ => {
            let p = search(&b[from.min(b.len())..]).map_or(b.len(), |k| from + k);
            *found = Some(p);
            p
        }
    }
}

/// [`layout_cuts`], then again on each part it cuts the line into, as a second run reads
/// those parts as lines of their own (a part's sentence can end at the cut: `… ". ỦY BAN
/// …____` reads differently without what followed the rule), `depth` times at most.
fn layout_cuts_again(line: &str, words: LineWords, depth: usize) -> Vec<(usize, usize)> {
    let cuts = layout_cuts(line, words);
    if cuts.is_empty() || depth == 0 {
        return cuts;
    }
    let mut out = Vec::with_capacity(cuts.len());
    let mut from = 0;
    for (s, e) in cuts.iter().copied().chain(std::iter::once((line.len(), line.len()))) {
        let part = &line[from..s];
        out.extend(
            layout_cuts_again(part, LineWords::of(part), depth - 1).into_iter().map(|(a, b)| (from + a, from + b)),
        );
        if s < line.len() {
            out.push((s, e));
        }
        from = e;
    }
    out
}

/// Whether the text `b` is NFC for sure: it holds only ASCII, two-byte letters other than
/// the combining marks and the few Greek and Cyrillic signs NFC changes (lead bytes CC–CE,
/// D2, D6 and up), the Vietnamese letters of U+1E80–U+1EFF and the punctuation of
/// U+2002–U+203F; with no mark, nothing in it composes either.
fn surely_nfc(b: &[u8]) -> bool {
    let mut k = 0;
    while k < b.len() {
        match b[k] {
            0..=0xCB | 0xCF..=0xD1 | 0xD3..=0xD5 => k += 1,
            0xE1 if matches!(b.get(k + 1), Some(0xBA | 0xBB)) => k += 3,
            // General punctuation from U+2002 (dashes, quotes): U+2000 and U+2001 are not NFC.
            0xE2 if b.get(k + 1) == Some(&0x80) && b.get(k + 2).is_some_and(|&x| x >= 0x82) => k += 3,
            _ => return false,
        }
    }
    true
}

/// Whether a line is too short for [`layout_cuts`] to cut: under 12 characters.
fn is_short(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() >= 4 * 48 {
        return false;
    }
    // Twelve characters NFC leaves as they stand start it: long enough, whatever follows
    // (a mark after them composes into the twelfth at most).
    let mut starts = 0;
    if let Some(p) = b.iter().position(|&c| {
        starts += usize::from(c & 0xC0 != 0x80);
        starts == 13
    }) {
        if surely_nfc(&b[..p]) {
            return false;
        }
    }
    // Characters NFC leaves alone for sure: counted as they stand.
    if surely_nfc(b) {
        b.iter().filter(|&&c| c & 0xC0 != 0x80).count() < 12
    } else {
        t.chars().count() < 48 && t.nfc().count() < 12
    }
}

/// Where a line holding several header or signature parts is cut: byte ranges (the white
/// space between two parts, possibly empty) to become line ends, in order.
fn layout_cuts(full: &str, words: LineWords) -> Vec<(usize, usize)> {
    // Decisions read the line without its leading and trailing white space, and never
    // depend on how much white space there is: normalizing twice cuts the same.
    let lead = full.len() - full.trim_start_matches([' ', '\t']).len();
    let line = &full[lead..];
    let mut at: Vec<usize> = Vec::new();
    let t = line.trim_end();
    // Short lines (under 12 characters) are not cut. They are counted in characters as NFC
    // will write them, so that a second run decides the same: the tone pass moves a mark
    // from one letter to another, which can change the bytes but not the characters; NFC
    // composes a letter and its marks into one and splits `D` U+0344 into two. (NFC
    // composes four characters into one at most: from 48 on, 12 remain.)
    if is_short(t) {
        return Vec::new();
    }
    let upperish = |s: &str| !s.chars().any(char::is_lowercase);
    let mut header_part = false;
    // Quốc hiệu and Tiêu ngữ, and dash rules, inside a header line.
    if words.national_or_rule {
        if let Some(m) = NATIONAL_IN_LINE.find(t) {
            at.push(m.start());
            at.push(m.end());
            header_part = true;
        }
        if let Some(m) = MOTTO_IN_LINE.find(t) {
            at.push(m.start());
            at.push(m.end());
            header_part = true;
        }
        for m in DASH_RUN.find_iter(t) {
            at.push(m.start());
            at.push(m.end());
        }
    }
    // A web page's anchor before an article: `Quyết định 435/QĐ-UBND năm 2020. Điều 1.`
    if is_anchor_initial(t.as_bytes()[0]) && t.contains('/') {
        if let Some(g) = SITE_ANCHOR.captures(t).and_then(|c| c.get(1)) {
            at.push(g.start());
        }
    }
    // A web page's sentence before the issuer: `Công văn 19046/BTC-TCHQ. BỘ TÀI CHÍNH`.
    // The last such sentence first; once cut, the line before it is read the same way, as
    // a second run would read it (`…. ỦY BAN … . ỦY BAN …`).
    let tb = t.as_bytes();
    let mut end = t.len();
    while let Some(p) = memchr::memrchr_iter(b'.', &tb[..end]).find(|&i| matches!(tb.get(i + 1), Some(b' ' | b'\t'))) {
        let tail = t[p + 2..end].trim();
        let sentence = || t[..p].chars().any(char::is_lowercase) && t[..p].split_whitespace().count() >= 2;
        if upperish(tail)
            && tail.split_whitespace().count() >= 2
            && !tail.contains(':')
            && crate::vocab::starts_body(tail)
            && sentence()
        {
            at.push(p + 2);
            end = p;
            // A second run reads the line before the cut only if it is long enough.
            if is_short(t[..=p].trim_end()) {
                break;
            }
        } else {
            break;
        }
    }
    // `Số: 384/BYT-KCB V/v …`, `Số: 435/QĐ-UBND Kon Tum, ngày …`: the number ends its line.
    if let Some(m) = (t.starts_with("Số") || t.starts_with("SỐ")).then(|| SO_START.find(t)).flatten() {
        if m.end() < t.len() {
            at.push(m.end());
        }
        header_part = true;
    }
    // A place and date inside a header line (after the number, the `V/v`, the Quốc hiệu),
    // and what follows it (`Kính gửi:`, the tên loại). A dash rule or a sentence cut from
    // the line makes no header line of it: a second run reads the part after the cut alone
    // (`____TW, ngày 04/5/2023 của Ban Bí thư` is a sentence citing a date).
    let header_line = header_part || t.starts_with("V/") || t.starts_with("Số");
    if words.date && comma_before_ngay(t) {
        if let Some(m) = PLACE_DATE_IN_LINE.find(t) {
            let clean_start = m.start() == 0 || t[..m.start()].ends_with([' ', '\t']);
            let tail = &t[m.end()..];
            // What follows the date starts with a header part (`KẾ HOẠCH`, `Kính gửi:`), not
            // merely holds one further on.
            let header_tail =
                header_followers(&format!(" {}", tail.trim_start())).next().is_some_and(|(gs, _)| gs == 1)
                    || tail.trim().is_empty();
            if clean_start && (header_line || (m.start() == 0 && header_tail)) {
                at.push(m.start());
                at.push(m.end());
            }
        }
    }
    // `V/v`, `Kính gửi:` or a tên loại after another header part on the same line.
    if at.iter().any(|&p| p > 0 && p < t.len()) || t.starts_with("Số") || t.starts_with("V/") {
        for (gs, ge) in header_followers(t) {
            let g = &t[gs..ge];
            // A tên loại follows the date (`… năm 2020 QUYẾT ĐỊNH`); inside a body's name
            // (`BỘ KẾ HOẠCH VÀ ĐẦU TƯ`) it is no tên loại.
            let doc_type = !g.starts_with("V/") && !g.starts_with("Kính gửi");
            let after_year = t[..gs]
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
            if !doc_type || after_year {
                at.push(gs);
            }
        }
    }
    // A signature block on one line: `KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn`.
    let is_block = may_open_authority(t) && AUTHORITY_START.is_match(t);
    // Signature lines start in capitals: only they are looked at for a trailing name.
    let name_at = if opens_in_capitals(t) { trailing_name(t) } else { None };
    if is_block || name_at.is_some_and(|p| upperish(&t[..p]) && POSITION_RUN.is_match(&t[..p])) {
        let head_end = name_at.unwrap_or(t.len());
        if let Some(p) = name_at {
            at.push(p);
        }
        let head = &t[..head_end];
        for m in AUTHORITY_INSIDE.find_iter(head) {
            at.push(m.start() + 1);
        }
        // Within each authority segment: the body or position it signs for, then the
        // signer's own position.
        let mut seg_starts: Vec<usize> = vec![0];
        seg_starts.extend(AUTHORITY_INSIDE.find_iter(head).map(|m| m.start() + 1));
        seg_starts.push(head.len());
        for w in seg_starts.windows(2) {
            let seg = &head[w[0]..w[1]];
            let tm = seg.starts_with("TM.") || seg.starts_with("T/M");
            // The signer's position ends the segment (`BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN` is a body
            // with a position word inside, not a position).
            let seg_end = seg.trim_end().len();
            let runs: Vec<(usize, usize)> = POSITION_RUN
                .find_iter(seg)
                .map(|m| (m.start(), m.as_str().trim_end_matches([' ', ',']).len()))
                .collect();
            let mut from = if tm { 0 } else { 1 };
            // A position word after `BAN` names a body (`T/M BAN BÍ THƯ`, `TM. BAN GIÁM ĐỐC`).
            if runs.get(from).is_some_and(|&(p, _)| seg[..p].trim_end().rsplit(' ').next() == Some("BAN")) {
                from += 1;
            }
            if let Some(&(p, len)) = runs.get(from).filter(|&&(p, len)| p > 3 && p + len == seg_end) {
                let _ = len;
                at.push(w[0] + p);
            }
        }
    }
    at.retain(|&p| p > 0 && p < t.len());
    at.sort_unstable();
    at.dedup();
    // Each cut takes the white space around it.
    let b = line.as_bytes();
    let ws = |c: u8| c == b' ' || c == b'\t';
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for p in at {
        let mut s = p;
        while s > 0 && ws(b[s - 1]) {
            s -= 1;
        }
        let mut e = p;
        while e < b.len() && ws(b[e]) {
            e += 1;
        }
        // A part that would start its line with `|`, `#`, `_` or `*` would be read as a table
        // row, a heading or emphasis by a second run: no cut there.
        if cuts.last().is_some_and(|&(_, le)| s < le)
            || s == 0
            || e >= t.len()
            || matches!(b[e], b'|' | b'#' | b'_' | b'*')
        {
            continue;
        }
        cuts.push((s, e));
    }
    cuts.into_iter().map(|(s, e)| (s + lead, e + lead)).collect()
}

/// Whether `ngày` follows a comma in `t`, white space between: a place and date
/// ([`PLACE_DATE_IN_LINE`]) cannot be there otherwise.
fn comma_before_ngay(t: &str) -> bool {
    NGAY.find_iter(t.as_bytes()).any(|p| t[..p].trim_end().ends_with(','))
}

static DOT_SPACE: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(". "));
static DOT_TAB: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(".\t"));
static NGAY: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("ngày"));

/// Where a person's name (2 to 5 capitalised words) ends a line after text in capitals.
fn trailing_name(t: &str) -> Option<usize> {
    let title = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.clone().next().is_some() && cs.all(char::is_lowercase)
    };
    // Words (split at spaces) from the end while they are capitalised, five at most.
    let (mut n, mut start, mut rest) = (0, t.len(), t);
    loop {
        let trimmed = rest.trim_end_matches(' ');
        let ws = trimmed.rfind(' ').map_or(0, |p| p + 1);
        if trimmed.is_empty() || n == 5 || !title(&trimmed[ws..]) {
            break;
        }
        n += 1;
        start = ws;
        rest = &trimmed[..ws];
    }
    let before = t[..start].trim_end();
    ((2..=5).contains(&n) && !before.is_empty() && !before.chars().any(char::is_lowercase)).then_some(start)
}

// ---------------------------------------------------------------------------------------
// The character passes: folds first (so that markup is read on folded text), words after
// markup (so that removed markers cannot split a letter from its marks).

/// What a byte tells [`pass_fold`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum FoldLead {
    /// Nothing to fold starts here.
    Skip,
    /// `C3`: `Ð` or `ð` when `90` or `B0` follows.
    C3,
    /// `E1`: a letter of Latin Extended Additional when `BA` or `BB` follows (nothing to
    /// do); anything else is read (the Ogham space folds, combining marks compose).
    E1,
    /// Read the character.
    Read,
}

const FOLD_LEAD: [FoldLead; 256] = {
    let mut t = [FoldLead::Read; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            // Two-byte characters are skipped but where combining marks and characters NFC
            // changes live: U+0300–U+03BF (CC–CE), U+0483–U+0489 (D2), U+0591–U+07FF (D6–DF).
            b'\n' | b'\t' | b'\r' | 0x20..=0x7E | 0x80..=0xBF | 0xC4..=0xCB | 0xCF..=0xD1 | 0xD3..=0xD5 => {
                FoldLead::Skip
            }
            0xC3 => FoldLead::C3,
            0xE1 => FoldLead::E1,
            _ => FoldLead::Read,
        };
        c += 1;
    }
    t
};

/// Folds space, dash and letter variants and drops zero-width and control characters; and
/// whether the text holds characters that NFC may change (for [`pass_compose`]).
fn pass_fold(input: &str) -> (Rewriter, bool) {
    let mut rw = Rewriter::with_capacity(input.len());
    let b = input.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    let mut buf = [0u8; 4];
    let mut marks = false;
    while i < b.len() {
        // Blocks of 32 bytes with nothing to fold are skipped whole (most of a document).
        if let Some(block) = b.get(i..i + FOLD_BLOCK + 1) {
            if fold_free(block) {
                i += FOLD_BLOCK;
                continue;
            }
        }
        let stop = (i + FOLD_BLOCK).min(b.len());
        while i < stop {
            marks |= fold_step(input, &mut i, &mut copied, &mut rw, &mut buf);
        }
    }
    rw.copy(input, copied, b.len());
    (rw, marks)
}

const FOLD_BLOCK: usize = 32;

/// Whether the first [`FOLD_BLOCK`] bytes of `block` (one byte more, to see what follows
/// the last) start nothing [`pass_fold`] reads, as [`FOLD_LEAD`] says, in a form the
/// compiler turns into vector compares. Starting inside a character is fine: its
/// continuation bytes start nothing.
#[inline]
fn fold_free(block: &[u8]) -> bool {
    let (Ok(c), Ok(n)) =
        (<&[u8; FOLD_BLOCK]>::try_from(&block[..FOLD_BLOCK]), <&[u8; FOLD_BLOCK]>::try_from(&block[1..]))
    else {
        return false;
    };
    // What Vietnamese text is made of — printable ASCII, line ends and tabs, continuation
    // bytes, the lead bytes of U+00C0–U+01BF and E1 — less `Ð`, `ð` (C3 90, C3 B0) and
    // E1 outside U+1EA0–U+1EFF. Anything else sends the block to the byte-by-byte reading,
    // which decides.
    let mut read = 0u8;
    for (&x, &y) in c.iter().zip(n) {
        let common = (x.wrapping_sub(0x20) < 0x5F)
            | (x == b'\n')
            | (x == b'\t')
            | (x == b'\r')
            | (x & 0xC0 == 0x80)
            | (x.wrapping_sub(0xC3) < 4)
            | (x == 0xE1);
        let pair = ((x == 0xC3) & ((y == 0x90) | (y == 0xB0))) | ((x == 0xE1) & (y != 0xBA) & (y != 0xBB));
        read |= u8::from(!common) | u8::from(pair);
    }
    read == 0
}

/// One step of [`pass_fold`] at byte `i`: past a byte or character, folding it if it must;
/// whether the character is one NFC may change.
#[inline]
fn fold_step(input: &str, i: &mut usize, copied: &mut usize, rw: &mut Rewriter, buf: &mut [u8; 4]) -> bool {
    let b = input.as_bytes();
    // Skip, one table look-up a byte, what never folds: plain ASCII, continuation bytes
    // and the lead bytes of the Latin blocks Vietnamese letters live in, where nothing
    // folds but `Ð`, `ð` (C3 90, C3 B0) and the Ogham space (E1 9A 80).
    match FOLD_LEAD[usize::from(b[*i])] {
        FoldLead::Skip => {
            *i += 1;
            return false;
        }
        FoldLead::C3 if !matches!(b[*i + 1], 0x90 | 0xB0) => {
            *i += 2;
            return false;
        }
        FoldLead::E1 if matches!(b[*i + 1], 0xBA | 0xBB) => {
            *i += 3;
            return false;
        }
        _ => {}
    }
    let ch = input[*i..].chars().next().unwrap_or(' ');
    let l = ch.len_utf8();
    *i += l;
    if let Some(rep) = fold_char(ch) {
        rw.copy(input, *copied, *i - l);
        rw.replace(input, *i - l, *i, rep.map_or("", |r| r.encode_utf8(buf)));
        *copied = *i;
        return false;
    }
    nfc_may_change(ch)
}

/// Whether NFC may change `c` or what stands around it: a combining mark, or a character
/// that is not NFC on its own or may compose with the one before.
fn nfc_may_change(c: char) -> bool {
    // Latin letters, precomposed or not, are NFC and compose with nothing before them.
    !matches!(c as u32, 0..=0x7F | 0xC0..=0x24F | 0x1E00..=0x1EFF)
        && (unicode_normalization::char::canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
}

/// NFC where [`nfc_may_change`] finds something, before anything reads the text: markup,
/// layout and line decisions then see letters as the last pass writes them (`t` U+0326 is
/// `ț`; marks in canonical order). Markers taken out later can still leave a letter beside
/// its marks: the words pass composes those.
fn pass_compose(input: &str) -> Rewriter {
    let mut rw = Rewriter::with_capacity(input.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(rel) = input[i..].find(nfc_may_change) {
        let at = i + rel;
        let ws = with_base(input, at).max(copied);
        let we = at + input[at..].chars().take_while(|&c| nfc_may_change(c)).map(char::len_utf8).sum::<usize>();
        let seg = &input[ws..we];
        if is_nfc_quick(seg.chars()) != IsNormalized::Yes {
            let nfc: String = seg.nfc().collect();
            if nfc != seg {
                rw.copy(input, copied, ws);
                rw.replace(input, ws, we, &nfc);
                copied = we;
            }
        }
        i = we;
    }
    rw.copy(input, copied, input.len());
    rw
}

/// NFC and the tone policy, word by word.
///
/// Letters of the two blocks Vietnamese is written in are read straight from their UTF-8
/// bytes ([`LetterClass`]): a word made only of them is already NFC, and its tone mark can
/// only be misplaced when it sits on a vowel beside another vowel, so only such words go to
/// [`fix_word`]. A word with any other non-ASCII character always goes there.
///
/// With `gate`, it also tells whether the text shows the shape of syllables cut by PDF
/// text extraction ([`cut_at`]), which only a space after a non-ASCII letter can start:
/// every such space ends a stretch this pass reads.
fn pass_words(input: &str, tone: TonePolicy, gate: bool) -> (Rewriter, bool) {
    WORD_MEMO.with_borrow_mut(|memos| {
        pass_words_with(input, tone, gate, &mut memos[usize::from(tone == TonePolicy::Modern)])
    })
}

thread_local! {
    /// The answers of [`block_word_in_place`] by tone policy (traditional, modern).
    /// Vietnamese has a few thousand syllables: one memo serves every document a thread
    /// reads.
    static WORD_MEMO: std::cell::RefCell<[WordMemo; 2]> = std::cell::RefCell::new([WordMemo::new(), WordMemo::new()]);
}

/// [`pass_words`] with the memo of its tone policy.
fn pass_words_with(input: &str, tone: TonePolicy, gate: bool, seen: &mut WordMemo) -> (Rewriter, bool) {
    let table = &*TONE_TABLE;
    let classes = &table.class;
    let mut rw = Rewriter::with_capacity(input.len());
    let b = input.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    let mut cut = false;
    while i < b.len() {
        // (A cut piece starts with a consonant: `đ` is C4 90 or 91.)
        if gate && !cut && i > 0 && b[i - 1] >= 0x80 && b[i] == b' ' && cut_may_start(b, i + 1) {
            cut = cut_at(input, i);
        }
        // ASCII letters carry no tone mark: skip them.
        i = next_non_ascii(b, i);
        if i >= b.len() {
            break;
        }
        // Not ASCII: a letter of the two blocks or something else.
        let (len, slot) = slot_at(b, i);
        let class = classes[slot];
        let whole_word = match class {
            LetterClass::Toned => tone != TonePolicy::Keep && !mark_settled(b, i, len, table.rank[slot], table),
            LetterClass::Other => {
                let ch = input[i..].chars().next().unwrap_or(' ');
                if !is_word_char(ch) {
                    if is_nfc_quick(std::iter::once(ch)) != IsNormalized::Yes {
                        // A sign NFC replaces even alone (U+037E → `;`, U+2126 → `Ω`), with
                        // the marks and letters after it.
                        let (ws, we) = (with_base(input, i).max(copied), word_end(input, i + ch.len_utf8()));
                        if let Some(fixed) = fix_word(&input[ws..we], tone) {
                            rw.copy(input, copied, ws);
                            rw.replace(input, ws, we, &fixed);
                            copied = we;
                        }
                        i = we;
                    } else {
                        i += ch.len_utf8();
                    }
                    continue;
                }
                true
            }
            _ => false,
        };
        if !whole_word {
            i += len;
            continue;
        }
        let (ws, we) = word_bounds(input, i, classes);
        let ws = with_base(input, ws).max(copied);
        // An NFC word whose mark is in place: nothing to do.
        if class == LetterClass::Toned && seen.get_or_insert(&b[ws..we], || block_word_in_place(&input[ws..we], tone)) {
            i = we;
            continue;
        }
        if let Some(fixed) = fix_word(&input[ws..we], tone) {
            rw.copy(input, copied, ws);
            rw.replace(input, ws, we, &fixed);
            copied = we;
        }
        i = we;
    }
    rw.copy(input, copied, b.len());
    (rw, cut)
}

/// Whether a piece [`cut_at`] looks for can start at byte `i` of `b`, from its first two
/// bytes: an ASCII consonant followed by another, a closing sign or the end; or the lead
/// byte of `đ`.
#[inline]
fn cut_may_start(b: &[u8], i: usize) -> bool {
    let first = b.get(i).map_or(0, |&x| CUT_BYTE[usize::from(x)]);
    let second = b.get(i + 1).map_or(CUT_CLOSE, |&x| CUT_BYTE[usize::from(x)]);
    (first & CUT_D != 0) | ((first & CUT_CONSONANT != 0) & (second != 0))
}

const CUT_CONSONANT: u8 = 1;
const CUT_CLOSE: u8 = 2;
const CUT_D: u8 = 4;

/// What a byte can be in a piece [`cut_at`] looks for: an ASCII consonant, a sign that
/// closes the piece, or the lead byte of `đ` (C4).
const CUT_BYTE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let x = c as u8;
        t[c] = if x.is_ascii_alphabetic() {
            match x | 0x20 {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => 0,
                _ => CUT_CONSONANT,
            }
        } else if x == 0xC4 {
            CUT_D
        } else if matches!(x, b'\t'..=b'\r' | b' ' | b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'"' | 0xE2) {
            CUT_CLOSE
        } else {
            0
        };
        c += 1;
    }
    t
};

/// The first byte at or after `i` that is not ASCII; `b.len()` when there is none. Eight
/// bytes are read at once: runs of ASCII in Vietnamese text are short, and a loop over
/// single bytes mispredicts its end at almost every one.
#[inline]
fn next_non_ascii(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let high = u64::from_le_bytes(word) & 0x8080_8080_8080_8080;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + b[i..].iter().position(|c| *c >= 0x80).unwrap_or(b.len() - i)
}

/// The byte length and [`LetterClass`] of the character at byte `i` of `b` (valid UTF-8);
/// `(0, Other)` for characters outside the two blocks.
#[inline(always)]
fn letter_class(b: &[u8], i: usize, classes: &[LetterClass]) -> (usize, LetterClass) {
    let c = b[i];
    if c < 0x80 {
        (1, if c.is_ascii_alphabetic() { ASCII_LETTER[usize::from(c | 0x20)] } else { LetterClass::NotLetter })
    } else {
        let (len, s) = slot_at(b, i);
        (len, classes[s])
    }
}

/// The slot past the two blocks: the tables hold [`LetterClass::Other`] and rank 0 there.
const NO_SLOT: usize = 0x160;

/// The byte length and [`slot`] of the non-ASCII character at byte `i` of `b` (valid
/// UTF-8), read from its bytes; `(0, NO_SLOT)` outside the two blocks. Worked out without
/// branches: two-byte and three-byte letters alternate as no predictor can tell.
#[inline(always)]
fn slot_at(b: &[u8], i: usize) -> (usize, usize) {
    let c = b[i];
    let d = b.get(i + 1).copied().unwrap_or(0);
    let e = b.get(i + 2).copied().unwrap_or(0);
    // U+00C0–U+01BF: C3 80 … C6 BF.
    let two = c.wrapping_sub(0xC3) < 4;
    // U+1EA0–U+1EFF: E1 BA A0 … E1 BB BF.
    let three = (c == 0xE1) & ((d == 0xBB) | ((d == 0xBA) & (e >= 0xA0)));
    let s2 = ((usize::from(c & 0x1F) << 6) | usize::from(d & 0x3F)).wrapping_sub(0xC0);
    let s3 = (0x1000 | (usize::from(d & 0x3F) << 6) | usize::from(e & 0x3F)).wrapping_sub(0x1EA0 - 0x100);
    let slot = if two {
        s2
    } else if three {
        s3
    } else {
        NO_SLOT
    };
    (usize::from(two) * 2 + usize::from(three) * 3, slot)
}

/// A direct-mapped memo from a word's bytes (up to 30) to a yes or no.
struct WordMemo {
    /// Per slot: the key's length, its bytes, zeros after (all zeros: empty).
    keys: Vec<[u8; 32]>,
    answers: Vec<bool>,
}

impl WordMemo {
    const SLOTS: usize = 2048;

    fn new() -> WordMemo {
        WordMemo { keys: vec![[0u8; 32]; Self::SLOTS], answers: vec![false; Self::SLOTS] }
    }

    /// The answer for `key`, from the memo or from `f`.
    fn get_or_insert(&mut self, key: &[u8], f: impl FnOnce() -> bool) -> bool {
        if key.is_empty() || key.len() > 30 {
            return f();
        }
        // The padded key, hashed and compared eight bytes at a time.
        let mut k = [0u8; 32];
        k[0] = key.len() as u8;
        k[1..=key.len()].copy_from_slice(key);
        let mut h = 0u64;
        for chunk in k.chunks_exact(8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            h = (h.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        let slot = (h >> 53) as usize % Self::SLOTS;
        if self.keys[slot] == k {
            return self.answers[slot];
        }
        let answer = f();
        self.keys[slot] = k;
        self.answers[slot] = answer;
        answer
    }
}

/// Whether `word` needs no edit: it is NFC already ([`nfc_stable`]) and [`retone`] would
/// leave its mark where it is.
fn block_word_in_place(word: &str, tone: TonePolicy) -> bool {
    nfc_stable(word) && ToneWord::split(word.chars()).is_none_or(|w| w.placement(tone).is_none_or(|p| p.target == w.at))
}

/// Start and end of the word around byte `i` (a boundary), read by letter classes as far
/// as they go and by [`is_word_char`] beyond.
fn word_bounds(s: &str, i: usize, classes: &[LetterClass]) -> (usize, usize) {
    let b = s.as_bytes();
    let mut end = i;
    while end < b.len() {
        match letter_class(b, end, classes) {
            (0, _) => {
                end = word_end(s, end);
                break;
            }
            (_, LetterClass::NotLetter) => break,
            (len, _) => end += len,
        }
    }
    let mut start = i;
    while start > 0 {
        let p = char_start_before(b, start);
        match letter_class(b, p, classes) {
            (0, _) => {
                start = word_start(s, start);
                break;
            }
            (_, LetterClass::NotLetter) => break,
            _ => start = p,
        }
    }
    (start, end)
}

/// Whether the toned vowel at byte `i` (`len` bytes) is where [`ToneWord::placement`] puts
/// the mark in any word it is in, read from the run of vowels around it: it stands alone
/// (every rule marks a lone vowel), or it has a `â`, `ê`, `ô`, `ơ`, `ă` or `ư` shape, no
/// vowel of the run ranks above it ([`ToneTable::rank`]) and none before it ranks the
/// same (`hiện`, `người`, `quyết`). Such a word needs no edit but NFC, which the
/// characters of the two blocks already are; others go to the memo.
#[inline]
fn mark_settled(b: &[u8], i: usize, len: usize, r: u8, t: &ToneTable) -> bool {
    // Most toned vowels stand between consonants, spaces or signs: two looks tell.
    let before = if i > 0 { ASCII_VOWEL_OR_MORE[usize::from(b[i - 1])] } else { 0 };
    let after = b.get(i + len).map_or(0, |&x| ASCII_VOWEL_OR_MORE[usize::from(x)]);
    if before | after == 0 {
        return true;
    }
    let mut alone = true;
    let mut k = i;
    while k > 0 {
        let p = char_start_before(b, k);
        match vowel_rank(b, p, t) {
            Some((_, x)) => {
                alone = false;
                if x >= r {
                    return false;
                }
                k = p;
            }
            None => break,
        }
    }
    let mut k = i + len;
    while k < b.len() {
        match vowel_rank(b, k, t) {
            Some((n, x)) => {
                alone = false;
                if x > r || r == 0 {
                    return false;
                }
                k += n;
            }
            None => break,
        }
    }
    alone || r > 0
}

/// Per byte: 0 for ASCII that is no vowel letter, 1 for one that is, 2 for the bytes of
/// other characters (which [`vowel_rank`] reads).
const ASCII_VOWEL_OR_MORE: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut c = 0;
    while c < 128 {
        t[c] = match c as u8 | 0x20 {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' if (c as u8).is_ascii_alphabetic() => 1,
            _ => 0,
        };
        c += 1;
    }
    t
};

/// The byte length and [`ToneTable::rank`] of the vowel at byte `i` (a boundary); `None`
/// when it is no vowel of the two blocks or ASCII.
#[inline(always)]
fn vowel_rank(b: &[u8], i: usize, t: &ToneTable) -> Option<(usize, u8)> {
    let c = b[i];
    if c < 0x80 {
        return (c.is_ascii_alphabetic() && ASCII_LETTER[usize::from(c | 0x20)] == LetterClass::Vowel)
            .then_some((1, 0));
    }
    let (len, slot) = slot_at(b, i);
    matches!(t.class[slot], LetterClass::Vowel | LetterClass::Toned).then_some((len, t.rank[slot]))
}

/// Start of the character that ends at byte `i` of `b` (valid UTF-8; `i` a boundary above 0).
fn char_start_before(b: &[u8], i: usize) -> usize {
    let mut p = i - 1;
    while p > 0 && b[p] & 0xC0 == 0x80 {
        p -= 1;
    }
    p
}

/// What [`pass_words`] needs to know of a character read from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LetterClass {
    /// Ends a word (ASCII other than letters, `×`, `÷`).
    NotLetter,
    /// A letter that is no vowel.
    Consonant,
    /// A vowel without tone mark.
    Vowel,
    /// A vowel with a tone mark.
    Toned,
    /// Anything else: read by the general rule.
    Other,
}

/// Classes of the lower-case ASCII letters (index by byte).
const ASCII_LETTER: [LetterClass; 128] = {
    let mut t = [LetterClass::NotLetter; 128];
    let mut c = b'a';
    while c <= b'z' {
        t[c as usize] = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => LetterClass::Vowel,
            _ => LetterClass::Consonant,
        };
        c += 1;
    }
    t
};

fn is_word_char(c: char) -> bool {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F => false,
        0xC0..=0x24F => c != '×' && c != '÷',
        0x300..=0x36F | 0x1E00..=0x1EFF => true,
        // Marks that NFC reorders belong to the word they follow, whatever their script.
        _ => c.is_alphabetic() || unicode_normalization::char::canonical_combining_class(c) != 0,
    }
}

/// A word that starts with marks (or a character NFC may change) starts one character
/// earlier when NFC composes that character with them, whatever it is (`<` and U+0338 give
/// `≮`; `a`, U+0345 and U+0301 give `ά` U+0345).
fn with_base(s: &str, start: usize) -> usize {
    if !s[start..].chars().next().is_some_and(nfc_may_change) {
        return start;
    }
    match s[..start].chars().next_back() {
        Some(c) => {
            let marks = s[start..].chars().take_while(|&m| nfc_may_change(m));
            let composed = std::iter::once(c).chain(marks).nfc().next();
            if composed == Some(c) { start } else { start - c.len_utf8() }
        }
        None => start,
    }
}

/// Start of the word around byte `i` (which is at a char boundary).
fn word_start(s: &str, i: usize) -> usize {
    let mut start = i;
    for (j, c) in s[..i].char_indices().rev() {
        if is_word_char(c) {
            start = j;
        } else {
            break;
        }
    }
    start
}

fn word_end(s: &str, i: usize) -> usize {
    let mut end = i;
    for (j, c) in s[i..].char_indices() {
        if is_word_char(c) {
            end = i + j + c.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// The character fold: `None` keeps the character, `Some(None)` drops it.
fn fold_char(c: char) -> Option<Option<char>> {
    Some(match c {
        '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{1680}' => Some(' '),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => None,
        // Hyphen look-alikes fold to `-`; en and em dashes and curly quotes are typography
        // and stay as printed.
        '\u{2010}'..='\u{2012}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        '\u{FF02}' => Some('"'),
        '\u{2028}' | '\u{2029}' | '\u{85}' => Some(' '),
        // Our own markers for bold and headings must not come from the input.
        '\u{E000}'..='\u{E002}' => None,
        '\u{D0}' => Some('Đ'),
        '\u{F0}' => Some('đ'),
        '\n' | '\r' | '\t' => return None,
        c if c.is_control() => None,
        _ => return None,
    })
}

/// Whether `word` is NFC without looking: precomposed Latin letters are, only combining
/// marks need the check (Latin below U+0300 and Latin Extended Additional; Greek Extended
/// has singletons).
fn nfc_stable(word: &str) -> bool {
    word.chars().all(|c| matches!(c as u32, 0..=0x2FF | 0x1E00..=0x1EFF))
}

/// NFC and the tone policy for one word; `None` when nothing changes.
fn fix_word(word: &str, tone: TonePolicy) -> Option<String> {
    let mut w: std::borrow::Cow<str> = if nfc_stable(word) || is_nfc_quick(word.chars()) == IsNormalized::Yes {
        word.into()
    } else {
        word.nfc().collect::<String>().into()
    };
    // A sign NFC composed with the marks opening the word (`<` and U+0338 are `≮`) is no
    // letter: the tone rules read the letters after it, as a second run does.
    let lead = w.char_indices().find(|&(_, c)| is_word_char(c)).map_or(w.len(), |(k, _)| k);
    if let Some(t) = retone(&w[lead..], tone) {
        w = format!("{}{t}", &w[..lead]).into();
    }
    if w == word { None } else { Some(w.into_owned()) }
}

/// The five tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// Vowel letters without tone, lower and upper case.
const VOWELS: &str = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";

/// Toned vowel → (vowel without tone, tone index), and back, as dense tables over the two
/// blocks where Vietnamese letters live (U+00C0–U+01BF and U+1EA0–U+1EFF).
struct ToneTable {
    /// Index by [`slot`]: the base vowel and tone + 1 (0 = no tone).
    split: Vec<(char, u8)>,
    /// Index by [`slot`]: the letter class of each character ([`LetterClass::Other`] at
    /// [`NO_SLOT`]).
    class: Vec<LetterClass>,
    /// Index by [`slot`]: which vowel [`ToneWord::placement`] marks first, by its base
    /// letter: 3 for `â`, `ê`, `ô`; 2 for `ơ`; 1 for `ă`, `ư`; 0 for the others and for
    /// what is no vowel (and at [`NO_SLOT`]).
    rank: Vec<u8>,
    join: std::collections::HashMap<(char, u8), char>,
}

/// The character at position `i` of the dense tables (the inverse of [`slot`]).
fn slot_char(i: usize) -> char {
    char::from_u32(if i < 0x100 { 0xC0 + i as u32 } else { 0x1EA0 + (i - 0x100) as u32 }).unwrap_or(' ')
}

/// Position of `c` in the dense tables, if it is in one of the two blocks.
fn slot(c: char) -> Option<usize> {
    match c as u32 {
        0xC0..=0x1BF => Some(c as usize - 0xC0),
        0x1EA0..=0x1EFF => Some(0x100 + c as usize - 0x1EA0),
        _ => None,
    }
}

static TONE_TABLE: std::sync::LazyLock<ToneTable> = std::sync::LazyLock::new(|| {
    let mut split = vec![('\0', 0u8); 0x100 + 0x60];
    let mut join = std::collections::HashMap::new();
    for v in VOWELS.chars() {
        for (k, t) in TONES.iter().enumerate() {
            let s: String = [v, *t].into_iter().nfc().collect();
            let mut it = s.chars();
            if let (Some(c), None) = (it.next(), it.next()) {
                if let Some(i) = slot(c) {
                    split[i] = (v, k as u8 + 1);
                }
                join.insert((v, k as u8), c);
            }
        }
    }
    let class = (0..split.len())
        .map(|i| {
            let c = slot_char(i);
            if !is_word_char(c) {
                LetterClass::NotLetter
            } else if split[i].1 > 0 {
                LetterClass::Toned
            } else if is_vowel(lower(c)) {
                LetterClass::Vowel
            } else {
                LetterClass::Consonant
            }
        })
        .chain(std::iter::once(LetterClass::Other))
        .collect();
    let rank = (0..split.len())
        .map(|i| {
            let c = slot_char(i);
            let base = if split[i].1 > 0 { split[i].0 } else { c };
            match lower(base) {
                'â' | 'ê' | 'ô' => 3,
                'ơ' => 2,
                'ă' | 'ư' => 1,
                _ => 0,
            }
        })
        .chain(std::iter::once(0))
        .collect();
    ToneTable { split, join, class, rank }
});

/// Splits an NFC letter into (letter without tone, tone index).
fn split_tone(c: char) -> (char, Option<u8>) {
    match slot(c).map(|i| TONE_TABLE.split[i]) {
        Some((b, t)) if t > 0 => (b, Some(t - 1)),
        _ => (c, None),
    }
}

fn with_tone(base: char, tone: u8) -> char {
    TONE_TABLE.join.get(&(base, tone)).copied().unwrap_or(base)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y')
}

/// Lower case of the letters a syllable is made of (ASCII, the shaped vowels, `Đ`).
fn lower(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'Ă' => 'ă',
        'Â' => 'â',
        'Ê' => 'ê',
        'Ô' => 'ô',
        'Ơ' => 'ơ',
        'Ư' => 'ư',
        'Đ' => 'đ',
        _ => c,
    }
}

/// Spells the characters `cs` into `buf`; `None` when they do not fit.
fn spell<'a>(cs: &[char], buf: &'a mut [u8; 16]) -> Option<&'a str> {
    let mut len = 0;
    for c in cs {
        if len + c.len_utf8() > buf.len() {
            return None;
        }
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    std::str::from_utf8(&buf[..len]).ok()
}

fn is_onset(s: &str) -> bool {
    matches!(
        s,
        "" | "b"
            | "c"
            | "ch"
            | "d"
            | "đ"
            | "g"
            | "gh"
            | "gi"
            | "h"
            | "k"
            | "kh"
            | "l"
            | "m"
            | "n"
            | "ng"
            | "ngh"
            | "nh"
            | "p"
            | "ph"
            | "qu"
            | "r"
            | "s"
            | "t"
            | "th"
            | "tr"
            | "v"
            | "x"
    )
}

fn is_final(s: &str) -> bool {
    matches!(s, "" | "c" | "ch" | "m" | "n" | "ng" | "nh" | "p" | "t")
}

/// A word of at most 8 letters with exactly one tone mark: its letters without tone, and
/// where the mark is.
struct ToneWord {
    chars: [(char, Option<u8>); 8],
    n: usize,
    at: usize,
    tone: u8,
}

/// Where [`ToneWord::placement`] puts the mark, with the word in lower case and the end of
/// its onset and of its vowel group.
struct Placement {
    target: usize,
    low: [char; 8],
    onset_end: usize,
    vowels_end: usize,
}

impl ToneWord {
    /// `None` for a word of more than 8 letters, or with no tone mark or two.
    fn split(word: impl Iterator<Item = char>) -> Option<ToneWord> {
        let mut chars: [(char, Option<u8>); 8] = [(' ', None); 8];
        let mut n = 0;
        let mut tone: Option<(usize, u8)> = None;
        for c in word {
            if n == 8 {
                return None;
            }
            let (b, t) = split_tone(c);
            if let Some(t) = t {
                if tone.is_some() {
                    return None;
                }
                tone = Some((n, t));
            }
            chars[n] = (b, t);
            n += 1;
        }
        let (at, tone) = tone?;
        Some(ToneWord { chars, n, at, tone })
    }

    /// Where the spelling rules put the mark (see [`retone`]); `None` when the mark sits
    /// on a vowel with no vowel beside it (every rule puts it there), or the vowels are no
    /// one group of one to three.
    fn placement(&self, policy: TonePolicy) -> Option<Placement> {
        let (chars, n, at) = (&self.chars, self.n, self.at);
        // A word whose vowels are not one group is no syllable and is left alone anyway.
        let vowel_at = |k: usize| k < n && is_vowel(lower(chars[k].0));
        if !((at > 0 && vowel_at(at - 1)) || vowel_at(at + 1)) {
            return None;
        }
        let mut low = ['\0'; 8];
        for (k, c) in chars[..n].iter().enumerate() {
            low[k] = lower(c.0);
        }
        let l = &low[..n];
        // Onset: leading consonants; `qu` and `gi` take their vowel only when another follows.
        let mut v = l.iter().take_while(|c| !is_vowel(**c)).count();
        if v == 1 && n > 2 && matches!((l[0], l[1]), ('q', 'u') | ('g', 'i')) && is_vowel(l[2]) {
            v = 2;
        }
        let vowels_end = v + l[v..].iter().take_while(|c| is_vowel(**c)).count();
        let group = &l[v..vowels_end];
        if group.is_empty() || group.len() > 3 {
            return None;
        }
        let target = v + if group.len() == 1 {
            0
        } else if let Some(p) = group.iter().position(|c| matches!(c, 'â' | 'ê' | 'ô')) {
            p
        } else if let Some(p) = group.iter().position(|&c| c == 'ơ') {
            p
        } else if let Some(p) = group.iter().position(|c| matches!(c, 'ă' | 'ư')) {
            p
        } else if group.len() == 3 || vowels_end < n {
            // The middle of three vowels; the second of two before a final consonant.
            1
        } else if matches!((group[0], group[1]), ('o', 'a') | ('o', 'e') | ('u', 'y')) {
            usize::from(policy == TonePolicy::Modern)
        } else {
            0
        };
        Some(Placement { target, low, onset_end: v, vowels_end })
    }
}

/// Puts the tone of a Vietnamese syllable where the spelling rules want it (the rules of
/// Unikey's tone-position routine): a vowel with circumflex, else ơ, else ă or ư; the
/// middle of three vowels; the second of two before a final consonant; in an open pair,
/// the first — except `oa`, `oe`, `uy`, where `policy` decides. `None` when the word does
/// not parse as one syllable, has no tone or two, or already has its tone in place.
fn retone(word: &str, policy: TonePolicy) -> Option<String> {
    if policy == TonePolicy::Keep || word.len() > 32 {
        return None;
    }
    let w = ToneWord::split(word.chars())?;
    let (chars, n, at, t) = (w.chars, w.n, w.at, w.tone);
    let Placement { target, low, onset_end: v, vowels_end } = w.placement(policy)?;
    let low = &low[..n];
    if target == at {
        return None;
    }
    // The mark moves only in a word spelled as one syllable.
    let mut buf = [0u8; 16];
    if !spell(&low[..v], &mut buf).is_some_and(is_onset) || !spell(&low[vowels_end..], &mut buf).is_some_and(is_final) {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    for (k, (base, _)) in chars[..n].iter().enumerate() {
        out.push(if k == target { with_tone(*base, t) } else { *base });
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------
// Split syllables.

/// Whether `text` shows syllables cut by PDF text extraction: somewhere a letter with a
/// diacritic, a space, then one to three consonants of the same case standing alone
/// (`hiệ n`, `đị nh.`, `HOẠ CH`). Text written by hand has none (`để b/c` is an
/// abbreviation): one is enough to have [`pass_syllables`] read every line, where the
/// spelling decides. The word pass reads it as it goes ([`cut_at`] at each space after a
/// non-ASCII letter), so that other text pays next to nothing; this is that reading alone.
#[cfg(test)]
fn looks_cut_by_pdf(text: &str) -> bool {
    pass_words(text, TonePolicy::Keep, true).1
}

/// Whether the space at byte `p` shows a cut: after a letter with a diacritic, one to three
/// consonants of that letter's case standing alone (`hiệ n`, `đị nh.`, `HOẠ CH`), then white
/// space, a closing mark, a dash or quote, or the end.
fn cut_at(text: &str, p: usize) -> bool {
    let b = text.as_bytes();
    if p == 0 || b[p] != b' ' || b[p - 1] & 0xC0 != 0x80 {
        return false;
    }
    let consonant = |x: u8| x.is_ascii_alphabetic() && !matches!(x | 0x20, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let (mut j, mut n) = (p + 1, 0);
    while n < 4 {
        match b.get(j) {
            Some(&x) if consonant(x) => j += 1,
            Some(0xC4) if matches!(b.get(j + 1), Some(0x90 | 0x91)) => j += 2,
            _ => break,
        }
        n += 1;
    }
    let closed = b.get(j).is_none_or(|&x| {
        matches!(x, b'\t'..=b'\r' | b' ' | b'.' | b',' | b';' | b':' | b'!' | b'?' | b')' | b'"' | 0xE2)
    });
    if !(1..=3).contains(&n) || !closed {
        return false;
    }
    let tok = &text[p + 1..j];
    let lower = tok.chars().all(char::is_lowercase);
    let same_case = lower || tok.chars().all(char::is_uppercase);
    // The character ending at the space, read as NFC will write it (`t` U+0326 is `ț`, the
    // Kelvin sign is `K`): a letter with a diacritic, of the token's case.
    let mut s = char_start_before(b, p);
    while s > 0
        && text[s..].chars().next().is_some_and(|c| unicode_normalization::char::canonical_combining_class(c) != 0)
    {
        s = char_start_before(b, s);
    }
    let before = if is_nfc_quick(text[s..p].chars()) == IsNormalized::Yes {
        text[s..p].chars().next_back()
    } else {
        text[s..p].nfc().last()
    };
    same_case && before.is_some_and(|c| !c.is_ascii() && c.is_alphabetic() && c.is_lowercase() == lower)
}

/// Joins the syllables that PDF text extraction cut with spaces at glyphs with diacritics
/// (`ĐIỀ U KHO ẢN` → `ĐIỀU KHOẢN`; `syllable::split_joins` says where the evidence
/// is clear); with an output offset inside each line it edited.
fn pass_syllables(input: &str) -> (Rewriter, Vec<usize>) {
    let mut rw = Rewriter::with_capacity(input.len());
    let mut copied = 0;
    let mut edited = Vec::new();
    for (start, end, _) in physical_lines(input) {
        let joins = crate::syllable::split_joins(&input[start..end]);
        for &j in &joins {
            rw.copy(input, copied, start + j);
            rw.replace(input, start + j, start + j + 1, "");
            copied = start + j + 1;
        }
        if !joins.is_empty() {
            edited.push(rw.out_len());
        }
    }
    rw.copy(input, copied, input.len());
    (rw, edited)
}

// ---------------------------------------------------------------------------------------
// Pass 3: lines.

static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// The lines pass over the text's [`physical_lines`]; with the strong and heading spans it
/// found, and an output offset inside each line it rebuilt (joined, or edited other than
/// at its line end).
fn pass_lines(
    input: &str,
    lines: &[(usize, usize, usize)],
    opts: &Options,
) -> (Rewriter, Vec<Span>, Vec<Span>, Vec<usize>) {
    let mut rw = Rewriter::with_capacity(input.len());
    let mut rebuilt = Vec::new();
    let mut strong = Vec::new();
    let mut headings = Vec::new();
    let mut strong_open: Option<usize> = None;
    let b = input.as_bytes();
    let mut skip_to = 0;
    // Where the next tab, marker or double space is, each remembered until passed.
    let (mut tab_or_marker, mut double_space) = (None, None);
    for (k, &(start, end, next)) in lines.iter().enumerate() {
        if k < skip_to {
            continue;
        }
        let line_out_start = rw.out_len();
        let edits_before = rw.replaced();
        let mut is_heading = false;
        let mut pending_space: Option<(usize, usize)> = None;
        let mut open_pending = false;
        let mut i = start;
        // A line with nothing to fold (no white space at its ends, no tab or double space,
        // no marker) is copied whole.
        let line = &b[start..end];
        if !line.is_empty()
            && !matches!(line[0], b' ' | b'\t')
            && !matches!(line[line.len() - 1], b' ' | b'\t')
            && next_at(&mut tab_or_marker, start, |h| memchr::memchr2(b'\t', 0xEE, h), b) >= end
            && next_at(&mut double_space, start, |h| DOUBLE_SPACE.find(h), b) >= end
        {
            rw.copy(input, start, end);
            i = end;
        }
        while i < end {
            let c = b[i];
            if c == b' ' || c == b'\t' {
                let mut j = i;
                while j < end && (b[j] == b' ' || b[j] == b'\t') {
                    j += 1;
                }
                match pending_space {
                    // Two runs around a removed marker: drop the first, keep the second.
                    Some((ps, pe)) => {
                        rw.replace(input, ps, pe, "");
                        pending_space = Some((i, j));
                    }
                    None => pending_space = Some((i, j)),
                }
                i = j;
                continue;
            }
            if input[i..].starts_with(STRONG) || input[i..].starts_with(HEADING) {
                let sentinel = input[i..].chars().next().unwrap_or(STRONG);
                if sentinel == HEADING {
                    is_heading = true;
                } else if let Some(s) = strong_open.take() {
                    let e = rw.out_len();
                    if e > s {
                        strong.push(Span::new(s, e));
                    }
                } else {
                    open_pending = true;
                }
                rw.replace(input, i, i + 3, "");
                i += 3;
                continue;
            }
            // A run of text up to the next space or sentinel.
            let mut j = i;
            while j < end
                && b[j] != b' '
                && b[j] != b'\t'
                && !(b[j] == 0xEE && matches!(input[j..].chars().next(), Some(STRONG | HEADING)))
            {
                j += 1;
            }
            if let Some((ps, pe)) = pending_space.take() {
                if rw.out_len() > line_out_start {
                    if pe - ps == 1 && b[ps] == b' ' {
                        rw.copy(input, ps, pe);
                    } else {
                        rw.replace(input, ps, pe, " ");
                    }
                } else {
                    rw.replace(input, ps, pe, "");
                }
            }
            if open_pending {
                strong_open = Some(rw.out_len());
                open_pending = false;
            }
            rw.copy(input, i, j);
            i = j;
        }
        if let Some((ps, pe)) = pending_space.take() {
            rw.replace(input, ps, pe, "");
        }
        if is_heading && rw.out_len() > line_out_start {
            headings.push(Span::new(line_out_start, rw.out_len()));
        }
        if next > end {
            let blank = rw.out_len() == line_out_start;
            if blank {
                if let Some(s) = strong_open.take() {
                    let e = trim_end_len(&rw.written(input)[..line_out_start]);
                    if e > s {
                        strong.push(Span::new(s, e));
                    }
                }
            }
            let this = rw.written_since(input, line_out_start);
            let join = !opts.keep_line_breaks
                && !blank
                && lines
                    .get(k + 1)
                    .is_some_and(|&(ns, ne, _)| continues(this, &input[ns..ne]) && !cut_between(this, &input[ns..ne]));
            // A word or sentence broken by a page break: one blank line between a line that
            // does not end a sentence and one that goes on in lower case (`kinh` / / `phi`).
            let across_blank = !opts.keep_line_breaks
                && !blank
                && !join
                && lines.get(k + 1).is_some_and(|&(ns, ne, _)| {
                    // Blank once its markers are gone, as a second run reads it.
                    input[ns..ne].trim_matches(|c: char| c.is_whitespace() || c == STRONG || c == HEADING).is_empty()
                })
                && lines.get(k + 2).is_some_and(|&(ns, ne, _)| {
                    continues(this, &input[ns..ne])
                        && !is_item_start(&input[ns..ne])
                        && !cut_between(this, &input[ns..ne])
                });
            if join {
                rw.replace(input, end, next, " ");
            } else if across_blank {
                rw.replace(input, end, lines[k + 2].0, " ");
                skip_to = k + 2;
            } else {
                rw.copy(input, end, next);
            }
        }
        if rw.replaced() > edits_before {
            rebuilt.push(line_out_start);
        }
    }
    if let Some(s) = strong_open.take() {
        let e = trim_end_len(rw.written(input));
        if e > s {
            strong.push(Span::new(s, e));
        }
    }
    (rw, strong, headings, rebuilt)
}

fn trim_end_len(s: &str) -> usize {
    s.trim_end_matches([' ', '\n']).len()
}

/// A line that opens a list item or enumeration (`a)`, `-`, `Một là`): never the tail of
/// a broken sentence.
fn is_item_start(line: &str) -> bool {
    let t = line.trim_start();
    // The second word is `là` itself (`Một là,`), not a word that starts so (`làm`, or
    // `làip`, which the tone pass rewrites `laìp`).
    t.starts_with(['-', '+', '•', '–'])
        || t.split_whitespace().nth(1).is_some_and(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()) == "là")
}

/// Whether the layout pass cuts the written line `line` joined with the line `next` (raw,
/// before this pass) where they meet: `line` ends in a header part — a place and date, a
/// number, the Quốc hiệu or motto, a rule. Joining them would have the layout pass cut
/// them again, and the next run join them again. (Parts that open `next` and are cut
/// before — `V/v`, `Kính gửi`, a tên loại, a body, a name — open in capitals, which no
/// line that continues another does.)
fn cut_between(line: &str, next: &str) -> bool {
    let line = line.trim_end();
    let words = LineWords::of(line);
    if !words.national_or_rule && !words.date && !line.starts_with("Số") && !line.starts_with("SỐ") {
        return false;
    }
    let joined = format!("{line} {}", next.trim_start_matches([' ', '\t', STRONG, HEADING]));
    layout_cuts_again(&joined, LineWords::of(&joined), 4).iter().any(|&(s, e)| s <= line.len() && e > line.len())
}

/// Whether the line `next` (raw, before this pass) continues the written line `line`.
fn continues(line: &str, next: &str) -> bool {
    let next = next.trim_start_matches([' ', '\t', STRONG, HEADING]);
    let Some(first) = next.chars().next() else { return false };
    if !first.is_lowercase() {
        return false;
    }
    // The line as the words pass will write it: markers taken out can leave a sign beside
    // the mark that composes with it (`<` and U+0338 are `≮`, no tag). The compose pass has
    // composed the rest.
    let composed: String;
    let lb = line.as_bytes();
    let line = if !memchr::memchr_iter(0xCC, lb).any(|k| lb.get(k + 1) == Some(&0xB8)) {
        line
    } else {
        composed = line.nfc().collect();
        &composed
    };
    // A line in capitals is a heading (`NGHỊ QUYẾT` / `về …`), not wrapped prose.
    if !line.chars().any(char::is_lowercase) {
        return false;
    }
    // A document's number (`Số: 12/KH-UBND`) ends its line, as the layout pass cuts it.
    let t = line.trim();
    if (t.starts_with("Số") || t.starts_with("SỐ")) && SO_START.find(t).is_some_and(|m| m.end() == t.len()) {
        return false;
    }
    // The motto (`Độc lập - Tự do - Hạnh phúc`) ends its line; the date goes below it.
    let t = line.trim_start();
    if (t.starts_with("Độc lập") || t.starts_with("độc lập")) && line.contains("phúc") {
        return false;
    }
    // A dash rule (`____`, `----`) ends its line, as the layout pass cuts after it.
    if line.trim_end().bytes().rev().take(4).filter(|b| matches!(b, b'-' | b'_' | b'=')).count() == 4 {
        return false;
    }
    // A line with an open `<` may hold a broken tag: joining could make one.
    if line.rfind('<').is_some_and(|p| !line[p..].contains('>')) {
        return false;
    }
    let last = line.trim_end().chars().next_back().unwrap_or('.');
    if matches!(last, '.' | ';' | ':' | '!' | '?' | '|') {
        return false;
    }
    // `a)`, `b.`, `đ)`: a list marker, not a continuation.
    let mut it = next.chars();
    it.next();
    !matches!(it.next(), Some(')' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    /// The word pass as first written (every word with a non-ASCII character goes to
    /// `fix_word`): the fast one must agree with it.
    fn pass_words_reference(input: &str, tone: TonePolicy) -> String {
        fn word_start(s: &str, i: usize) -> usize {
            let mut start = i;
            for (j, c) in s[..i].char_indices().rev() {
                if is_word_char(c) {
                    start = j;
                } else {
                    break;
                }
            }
            start
        }
        let mut out = String::new();
        let b = input.as_bytes();
        let (mut copied, mut i) = (0, 0);
        while i < b.len() {
            i += b[i..].iter().position(|c| *c >= 0x80).unwrap_or(b.len() - i);
            if i >= b.len() {
                break;
            }
            let ch = input[i..].chars().next().unwrap_or(' ');
            if is_word_char(ch) {
                let wstart = with_base(input, word_start(input, i)).max(copied);
                let wend = word_end(input, i);
                if let Some(fixed) = fix_word(&input[wstart..wend], tone) {
                    out.push_str(&input[copied..wstart]);
                    out.push_str(&fixed);
                    copied = wend;
                }
                i = wend;
            } else if is_nfc_quick(std::iter::once(ch)) != IsNormalized::Yes {
                let wstart = with_base(input, i).max(copied);
                let wend = word_end(input, i + ch.len_utf8());
                if let Some(fixed) = fix_word(&input[wstart..wend], tone) {
                    out.push_str(&input[copied..wstart]);
                    out.push_str(&fixed);
                    copied = wend;
                }
                i = wend;
            } else {
                i += ch.len_utf8();
            }
        }
        out.push_str(&input[copied..]);
        out
    }

    /// A small linear congruential generator for the generated cases: the same sequence on
    /// every run.
    fn lcg(mut seed: u64) -> impl FnMut() -> usize {
        move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        }
    }

    /// The short-line test counts characters as NFC writes them.
    #[test]
    fn short_lines_are_counted_as_nfc() {
        for (t, short) in [
            ("Số: 12/KH", true),
            ("Số: 12/KH-UBND", false),
            ("ỦY BAN NHÂN", true),
            ("ỦY BAN NHÂN DÂN", false),
            ("U\u{309}Y BAN NHA\u{302}N", true),
            ("\u{344}\u{344}\u{344}\u{344}\u{344}\u{344}", false),
            ("\u{1F8F}\u{1F8F}\u{1F8F}\u{1F8F}", true),
        ] {
            assert_eq!(is_short(t), short, "{t:?}");
            assert_eq!(is_short(t), t.nfc().count() < 12, "{t:?}");
        }
        for c in (0x80u32..0x2080).chain(0x1E00..0x1F00).filter_map(char::from_u32) {
            let t: String = std::iter::repeat_n(c, 11).collect();
            assert_eq!(is_short(&t), t.nfc().count() < 12, "{c:?}");
        }
        // Lines around twelve characters, with marks that compose or reorder and signs NFC
        // splits, anywhere in them.
        let plain = ["a", "Ủ", "ê", " ", "—", "x"];
        let special = ["\u{301}", "\u{323}\u{302}", "\u{344}", "\u{1F8F}", "\u{2126}"];
        let mut next = lcg(7);
        for _ in 0..20_000 {
            let n = 8 + next() % 10;
            let t: String = (0..n)
                .map(|_| if next() % 6 == 0 { special[next() % special.len()] } else { plain[next() % plain.len()] })
                .collect();
            assert_eq!(is_short(&t), t.nfc().count() < 12, "{t:?}");
        }
    }

    /// The compose pass gives what NFC gives, for every character NFC may change, alone,
    /// after a letter or sign, and before marks out of order.
    #[test]
    fn compose_pass_is_nfc() {
        let mut text = String::new();
        for c in (0u32..0x11_0000).filter_map(char::from_u32).filter(|&c| nfc_may_change(c)) {
            for before in ["", "a", "<", "ư"] {
                for after in [" ", "\u{326}\u{301} "] {
                    text.push_str(before);
                    text.push(c);
                    text.push_str(after);
                }
            }
            text.push('\n');
        }
        let (f, marks) = pass_fold(&text);
        assert!(marks);
        let folded = if f.edited() { f.finish(&text).0 } else { text.clone() };
        let c = pass_compose(&folded);
        let out = if c.edited() { c.finish(&folded).0 } else { folded.clone() };
        let want: String = folded.nfc().collect();
        for (a, b) in out.lines().zip(want.lines()) {
            assert_eq!(a, b);
        }
        assert_eq!(out, want);
    }

    /// Every character NFC changes, standing alone or after a letter, comes out NFC.
    #[test]
    fn every_character_comes_out_nfc() {
        let mut text = String::new();
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            if is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
                for before in ["", "a", "<", " "] {
                    for after in [" b\n", "\u{301} b\n"] {
                        text.push_str(before);
                        text.push(c);
                        text.push_str(after);
                    }
                }
            }
        }
        let out = letters(&text, TonePolicy::Traditional);
        assert_eq!(text.lines().count(), out.lines().count());
        for (line, got) in text.lines().zip(out.lines()) {
            assert!(unicode_normalization::is_nfc(got), "{line:?} gives {got:?}");
        }
        assert!(unicode_normalization::is_nfc(&out));
    }

    /// The fold rule read character by character.
    fn fold_by_chars(text: &str) -> String {
        text.chars()
            .filter_map(|c| match fold_char(c) {
                None => Some(c),
                Some(r) => r,
            })
            .collect()
    }

    #[test]
    fn fold_pass_agrees_with_the_character_rule() {
        let mut all = String::new();
        for c in (0u32..0x3100).chain(0xE000..0xE010).chain(0xFE50..0xFF10).filter_map(char::from_u32) {
            all.push(c);
            all.push('a');
        }
        let expected = fold_by_chars(&all);
        let (f, _) = pass_fold(&all);
        assert_eq!(f.finish(&all).0, expected);
    }

    /// The same with every character that folds, and the letters around the skip rule,
    /// at each offset in clean text, so that they fall at every place of a skipped block
    /// (first and last byte, and a pair across two blocks).
    #[test]
    fn fold_pass_agrees_at_every_block_offset() {
        let clean = "Ủy ban nhân dân tỉnh Hòa Bình thực hiện kế hoạch số 12/KH-UBND năm 2024 ";
        let chars = (0u32..0x3100).filter_map(char::from_u32).filter(|&c| {
            fold_char(c).is_some() || matches!(c, '\u{C0}'..='\u{1FF}' | '\u{1E80}'..='\u{1EFF}' | '\u{1680}')
        });
        for c in chars {
            for off in 0..=FOLD_BLOCK + 2 {
                let cut = clean.char_indices().map(|(i, _)| i).find(|&i| i >= off).unwrap_or(clean.len());
                let text = format!("{}{c}{}{c}", &clean[..cut], &clean[cut..]);
                let expected = fold_by_chars(&text);
                let (f, _) = pass_fold(&text);
                let got = if f.edited() { f.finish(&text).0 } else { text.clone() };
                assert_eq!(got, expected, "{c:?} at {off}");
            }
        }
    }

    /// The cut gate as first written, a byte pattern tried at every space.
    fn looks_cut_reference(text: &str) -> bool {
        use unicode_normalization::char::canonical_combining_class;
        let cut = regex::bytes::Regex::new(
            r#"(?-u)^[\x80-\xBF] ((?:[bcdfghj-np-tv-xzBCDFGHJ-NP-TV-XZ]|\xC4[\x90\x91]){1,3})(?:[\s.,;:!?)"\xE2]|$)"#,
        )
        .unwrap();
        let b = text.as_bytes();
        (1..b.len()).any(|p| {
            let Some(c) = cut.captures(&b[p - 1..]) else { return false };
            let tok = std::str::from_utf8(&c[1]).unwrap();
            let lower = tok.chars().all(char::is_lowercase);
            let same_case = lower || tok.chars().all(char::is_uppercase);
            let mut s = char_start_before(b, p);
            while s > 0 && text[s..].chars().next().is_some_and(|c| canonical_combining_class(c) != 0) {
                s = char_start_before(b, s);
            }
            let before = text[s..p].nfc().last();
            same_case && before.is_some_and(|c| !c.is_ascii() && c.is_alphabetic() && c.is_lowercase() == lower)
        })
    }

    /// The slot read from the bytes is the character's, for every non-ASCII character,
    /// at the end of the text and before more.
    #[test]
    fn slot_at_reads_every_character() {
        for c in (0x80u32..0x11_0000).filter_map(char::from_u32) {
            for after in ["", "a", "\u{1EA0}"] {
                let t = format!("{c}{after}");
                let want = slot(c).map_or((0, NO_SLOT), |s| (c.len_utf8(), s));
                assert_eq!(slot_at(t.as_bytes(), 0), want, "{c:?}");
            }
        }
    }

    /// The cheap tests the layout pass runs before its patterns hold wherever a pattern
    /// matches: lines that match, with their white space and punctuation varied.
    #[test]
    fn layout_prechecks_hold_where_the_patterns_match() {
        let lines = [
            "UBND TỈNH X Hà Nội, ngày 12 tháng 3 năm 2024 KẾ HOẠCH",
            "Số: 12/KH-UBND TP. Hồ Chí Minh, ngày 01/02/2023",
            "Kon Tum , ngày ... tháng ... năm ...",
            "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn A",
            "KT. BỘ TRƯỞNG THỨ TRƯỞNG Đỗ Hoàng Anh Tuấn",
            "T/M BAN BÍ THƯ",
            "TUQ. CHỦ TỊCH",
            "Q. GIÁM ĐỐC",
            "K/T GIÁM ĐỐC",
            "TL. BỘ TRƯỞNG",
            "Quyết định 435/QĐ-UBND năm 2020. Điều 1. Phạm vi",
            "Công văn 19046/BTC-TCHQ. Chương I",
            "Luật 12/2020/QH14. Mục 1",
            "Hướng dẫn 05/HD-BTC năm 2021. PHẦN I",
        ];
        let spaces = [" ", "  ", "\t", "\u{A0}", "", " , ", "\u{2003}"];
        let mut next = lcg(11);
        let (mut dates, mut blocks, mut anchors) = (0, 0, 0);
        for _ in 0..400 {
            for line in lines {
                let t: String = line
                    .split(' ')
                    .enumerate()
                    .map(|(k, w)| if k == 0 { w.to_string() } else { format!("{}{w}", spaces[next() % spaces.len()]) })
                    .collect();
                if PLACE_DATE_IN_LINE.is_match(&t) {
                    dates += 1;
                    assert!(comma_before_ngay(&t), "{t:?}");
                }
                if AUTHORITY_START.is_match(&t) {
                    blocks += 1;
                    assert!(may_open_authority(&t), "{t:?}");
                }
                if SITE_ANCHOR.is_match(&t) {
                    anchors += 1;
                    assert!(is_anchor_initial(t.as_bytes()[0]), "{t:?}");
                }
            }
        }
        assert!(dates > 100 && blocks > 100 && anchors > 100, "{dates} {blocks} {anchors}");
    }

    #[test]
    fn latin_letters_are_left_alone_by_nfc() {
        for c in (0u32..0x2000).filter_map(char::from_u32) {
            let slow = !c.is_ascii()
                && (unicode_normalization::char::canonical_combining_class(c) != 0
                    || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes);
            assert_eq!(nfc_may_change(c), slow, "{c:?}");
        }
    }

    /// Reading only the lines that hold markup bytes gives what reading every line gives.
    #[test]
    fn markup_pass_reads_the_lines_that_need_it() {
        let pieces = [
            "**",
            "*",
            "_",
            "__",
            "<b>",
            "</p>",
            "<br>",
            "&amp;",
            "&nbsp;",
            "&#7871;",
            "# ",
            "## ",
            "| a | b |",
            "|",
            "\n",
            "\n",
            " ",
            "\t",
            "Kế hoạch",
            "x",
            "\u{E000}",
            "\u{E002}",
            "a < b",
            "&",
            "<!-- c -->",
            "-->",
            "\u{3000}",
        ];
        let mut next = lcg(3);
        for _ in 0..20_000 {
            let n = next() % 24;
            let t: String = (0..n).map(|_| pieces[next() % pieces.len()]).collect();
            let (fast, fast_removed) = pass_markup(&t);
            let (slow, slow_removed) = pass_markup_by_lines(&t);
            assert_eq!(fast_removed, slow_removed, "{t:?}");
            assert_eq!(fast.edited(), slow.edited(), "{t:?}");
            let (fo, fm) = fast.finish(&t);
            let (so, sm) = slow.finish(&t);
            assert_eq!(fo, so, "{t:?}");
            for k in 0..=t.len() {
                assert_eq!(fm.forward(k), sm.forward(k), "{t:?} at {k}");
            }
        }
    }

    /// A line the layout pass cuts passes the test that lets the pass read it: the
    /// corpus's lines, and lines made of two or three of them (as a flattened page writes
    /// them), alone and after `Số: `, `TM. `, `1. ` or a place and date.
    #[test]
    fn lines_the_layout_pass_cuts_pass_its_gate() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut lines = Vec::new();
        for sub in ["official", "seeds", "news"] {
            for e in std::fs::read_dir(dir.join(sub)).unwrap() {
                let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
                let text = normalize(&text, &Options::default()).text;
                lines.extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string));
            }
        }
        let mut next = lcg(5);
        let mut made: Vec<String> = lines.clone();
        for _ in 0..6000 {
            let n = 2 + next() % 2;
            let joins = [" ", ". ", ".\t", "  "];
            let mut l = lines[next() % lines.len()].clone();
            for _ in 1..n {
                l.push_str(joins[next() % joins.len()]);
                l.push_str(&lines[next() % lines.len()]);
            }
            made.push(l);
        }
        let (mut cut, mut gated) = (0, 0);
        for base in made {
            for opening in ["", "Số: ", "TM. ", "1. ", "  ", "Hà Nội, ngày 2 tháng 3 năm 2024 "] {
                let line = format!("{opening}{base}");
                let words = LineWords::of(&line);
                let slash = || line.contains('/');
                let caps = || {
                    line.match_indices(". ").chain(line.match_indices(".\t")).any(|(q, _)| two_capitals(&line[q + 2..]))
                };
                let may = may_cut(&line, words, slash, caps);
                if !layout_cuts(&line, words).is_empty() {
                    cut += 1;
                    assert!(may, "{line:?}");
                }
                gated += usize::from(!may);
            }
        }
        assert!(cut > 1000 && gated > 1000, "{cut} cut, {gated} passed over");
    }

    #[test]
    fn next_non_ascii_finds_the_first_at_every_offset() {
        for len in 0..40 {
            for at in 0..=len {
                let mut t = "a".repeat(len);
                if at < len {
                    t.replace_range(at..at + 1, "ư");
                }
                let b = t.as_bytes();
                for from in 0..=b.len() {
                    let want = (from..b.len()).find(|&k| b[k] >= 0x80).unwrap_or(b.len());
                    assert_eq!(next_non_ascii(b, from), want, "{t:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn cut_gate_agrees_with_the_reference() {
        // Pieces that make and unmake the shape, strung together by a small generator.
        let pieces = [
            "hiệ",
            " ",
            "n",
            "nh",
            "ngh",
            "đ",
            "Đ",
            "CH",
            "a",
            "ư",
            "ờ",
            " ",
            ".",
            "\n",
            "—",
            "x",
            "1",
            "é",
            "ĐĐĐ",
            "t\u{326}",
            "\u{212A}",
            "\u{301}",
            "bcd",
            "Hà Nội ",
            "thực hiện kế hoạch ",
            "…",
            "ó",
            "\t",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut yes, mut no) = (0, 0);
        for _ in 0..4000 {
            let n = (next() % 40) as usize;
            let text: String = (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            let want = looks_cut_reference(&text);
            assert_eq!(looks_cut_by_pdf(&text), want, "{text:?}");
            if want { yes += 1 } else { no += 1 }
        }
        assert!(yes > 100 && no > 100, "{yes} {no}");
        // Long clean text with one cut at every offset, to cross the block edges.
        let clean = "Ủy ban nhân dân tỉnh thực hiện kế hoạch số 12 năm 2024 về việc phối hợp ";
        for off in 0..=80 {
            let text = format!(
                "{}{}",
                &clean.repeat(2)[..clean.repeat(2).char_indices().map(|(i, _)| i).find(|&i| i >= off).unwrap()],
                "điề u hiệ n"
            );
            assert_eq!(looks_cut_by_pdf(&text), looks_cut_reference(&text), "{text:?}");
            assert!(looks_cut_by_pdf(&format!("{text} {clean}{clean}")));
        }
        assert!(!looks_cut_by_pdf(&clean.repeat(3)));
    }

    #[test]
    fn trailing_name_agrees_with_the_reference() {
        fn reference(t: &str) -> Option<usize> {
            let words: Vec<(usize, &str)> = t
                .split(' ')
                .scan(0, |pos, w| {
                    let at = *pos;
                    *pos += w.len() + 1;
                    Some((at, w))
                })
                .filter(|(_, w)| !w.is_empty())
                .collect();
            let title = |w: &str| {
                let mut cs = w.chars();
                cs.next().is_some_and(char::is_uppercase) && cs.clone().next().is_some() && cs.all(char::is_lowercase)
            };
            let n = words.iter().rev().take_while(|(_, w)| title(w)).count().min(5);
            if !(2..=5).contains(&n) || n == words.len() {
                return None;
            }
            let start = words[words.len() - n].0;
            let before = t[..start].trim_end();
            (!before.is_empty() && !before.chars().any(char::is_lowercase)).then_some(start)
        }
        let pieces =
            ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Đỗ", "Hoàng", "Anh", "Tuấn", "Lê", "Văn", "x", "A", "  ", " ", "\t", "Ủy"];
        let mut seed = 5u64;
        for _ in 0..5000 {
            let mut t = String::new();
            for _ in 0..(seed >> 61) + 2 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                if seed & 1 == 0 {
                    t.push(' ');
                }
            }
            assert_eq!(trailing_name(&t), reference(&t), "{t:?}");
        }
    }

    /// Every one-to-three-vowel group, with each tone on each of its vowels, between onsets
    /// and finals, in both cases: the word pass (with its shortcut for marks that are
    /// first in their run) agrees with the reference.
    #[test]
    fn word_pass_agrees_on_every_vowel_group() {
        let vowels: Vec<char> = "aăâeêioôơuưy".chars().collect();
        let mut groups: Vec<Vec<char>> = vowels.iter().map(|&v| vec![v]).collect();
        for n in 0..2 {
            let longer: Vec<Vec<char>> = groups
                .iter()
                .filter(|g| g.len() == n + 1)
                .flat_map(|g| vowels.iter().map(move |&v| [g.as_slice(), &[v]].concat()))
                .collect();
            groups.extend(longer);
        }
        let join = &TONE_TABLE.join;
        let mut text = String::new();
        for g in &groups {
            for at in 0..g.len() {
                for tone in [0u8, 4] {
                    let Some(&toned) = join.get(&(g[at], tone)) else { continue };
                    let word: String = g.iter().enumerate().map(|(k, &c)| if k == at { toned } else { c }).collect();
                    for onset in ["", "qu", "gi", "ngh", "đ"] {
                        for fin in ["", "n", "ch"] {
                            let w = format!("{onset}{word}{fin}");
                            text.push_str(&w);
                            text.push(' ');
                            text.push_str(&w.to_uppercase());
                            text.push('\n');
                        }
                    }
                }
            }
        }
        for tone in [TonePolicy::Traditional, TonePolicy::Modern] {
            let (w, _) = pass_words(&text, tone, true);
            let fast = if w.edited() { w.finish(&text).0 } else { text.clone() };
            let want = pass_words_reference(&text, tone);
            for (a, b) in fast.lines().zip(want.lines()) {
                assert_eq!(a, b, "{tone:?}");
            }
            assert_eq!(fast, want);
        }
    }

    #[test]
    fn word_pass_agrees_with_the_reference() {
        let pieces = [
            "hoà",
            "Thuỷ",
            "hòa",
            "thủy",
            "KHỎE",
            "qúy",
            "người",
            "ngừơi",
            "hòan",
            "KHOẺ",
            "A\u{301}",
            "e\u{323}\u{302}",
            "Ω",
            "ǹ",
            "ḿ",
            "ẞ",
            "×",
            "2020",
            " ",
            "\n",
            "-",
            "ỹ",
            "Ẻ",
            "Ẁ",
            "ĐẠI",
            "đ",
            "uy",
            "ý",
            "o",
            "à",
            "ǜ",
            "ΐ",
            "ñ",
            "x",
            "ƯỚ",
        ];
        let mut seed = 99u64;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(seed >> 60) + 1 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            for tone in [TonePolicy::Traditional, TonePolicy::Modern, TonePolicy::Keep] {
                // Reading for the cut shape as well changes nothing of what the pass writes.
                let (fast, cut) = pass_words(&t, tone, true);
                assert_eq!(cut, looks_cut_reference(&t), "{t:?}");
                let fast = if fast.edited() { fast.finish(&t).0 } else { t.clone() };
                assert_eq!(fast, pass_words_reference(&t, tone), "{t:?} {tone:?}");
            }
        }
    }

    fn norm(s: &str) -> String {
        normalize(s, &Options::default()).text
    }

    #[test]
    fn folds_white_space_and_line_ends() {
        assert_eq!(norm("  a  b\t c  \r\n\r\nD"), "a b c\n\nD");
    }

    #[test]
    fn strips_emphasis_and_keeps_strong_spans() {
        let n = normalize("**I. MỤC ĐÍCH,\nYÊU CẦU**\n\ntext", &Options::default());
        assert_eq!(n.text, "I. MỤC ĐÍCH,\nYÊU CẦU\n\ntext");
        assert_eq!(n.strong, vec![Span::new(0, n.text.find("\n\n").unwrap())]);
        assert_eq!(norm("*Hà Nội, ngày 19*"), "Hà Nội, ngày 19");
        assert_eq!(norm("** **"), "");
        assert_eq!(norm("(028) 3930.3279 _ 0906"), "(028) 3930.3279 _ 0906");
    }

    #[test]
    fn syllables_cut_by_pdf_extraction_are_joined() {
        assert_eq!(norm("ĐIỀ U KHO ẢN THI HÀ NH"), "ĐIỀU KHOẢN THI HÀNH");
        assert_eq!(norm("Quy ết đị nh số 12"), "Quyết định số 12");
        // Normal text is left alone: two real words are never joined on their own.
        assert_eq!(norm("cho anh Hà Nội, Bên B ủy quyền"), "cho anh Hà Nội, Bên B ủy quyền");
        let keep = Options { keep_split_syllables: true, ..Default::default() };
        assert_eq!(normalize("Quy ết đị nh", &keep).text, "Quy ết đị nh");
    }

    #[test]
    fn tone_policy_moves_marks_only_in_open_oa_oe_uy() {
        assert_eq!(norm("hoà thuỷ khoẻ Uỷ ban UỶ BAN"), "hòa thủy khỏe Ủy ban ỦY BAN");
        assert_eq!(norm("hoàn suýt huỳnh quý giữa thuở"), "hoàn suýt huỳnh quý giữa thuở");
        let modern = Options { tone: TonePolicy::Modern, ..Default::default() };
        assert_eq!(normalize("hòa thủy", &modern).text, "hoà thuỷ");
    }

    #[test]
    fn misplaced_tones_are_repaired() {
        for (from, to) in [
            ("qúy", "quý"),
            ("qủa", "quả"),
            ("gìa", "già"),
            ("hòan", "hoàn"),
            ("ngòai", "ngoài"),
            ("khủyu", "khuỷu"),
            ("ngừơi", "người"),
            ("thủơ", "thuở"),
            ("cuả", "của"),
            ("Quỳnh gìn giữa quyết GDĐT Voltar", "Quỳnh gìn giữa quyết GDĐT Voltar"),
        ] {
            assert_eq!(norm(from), to, "{from}");
        }
    }

    #[test]
    fn nfc_and_letter_folds() {
        assert_eq!(norm("Vie\u{302}\u{323}t ÐẢNG"), "Việt ĐẢNG");
        assert_eq!(norm("a\u{A0}b\u{200B}c\u{2011}d – “e”"), "a bc-d – “e”");
    }

    #[test]
    fn html_leftovers() {
        assert_eq!(norm("<!-- Trang 1 -->\nA &amp; B<br>C <b>D</b>"), "\nA & B C D");
    }

    #[test]
    fn table_rows_become_lines() {
        assert_eq!(
            norm("| BAN CHẤP HÀNH  \\\\\\  Số: 374 KH/TW | ĐOÀN TNCS  Hà Nội, ngày 20 |"),
            "BAN CHẤP HÀNH\nSố: 374 KH/TW\nĐOÀN TNCS\nHà Nội, ngày 20"
        );
        assert_eq!(norm("|  |  |\n|\nx"), "\n\nx");
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        assert_eq!(norm("triển khai thực hiện kịp thời,\nđồng bộ."), "triển khai thực hiện kịp thời, đồng bộ.");
        assert_eq!(norm("như sau:\nmột"), "như sau:\nmột");
        assert_eq!(norm("nội dung\na) Nhằm"), "nội dung\na) Nhằm");
        assert_eq!(norm("Hà Nội, ngày 20\ntháng 11 năm 2025"), "Hà Nội, ngày 20 tháng 11 năm 2025");
        assert_eq!(norm("thời gian, kinh\n\nphi để công nhân"), "thời gian, kinh phi để công nhân");
        assert_eq!(norm("hết.\n\nhai"), "hết.\n\nhai");
    }

    #[test]
    fn markdown_headings_are_recorded() {
        let n = normalize("# Tiêu đề\n\nThân", &Options::default());
        assert_eq!(n.text, "Tiêu đề\n\nThân");
        assert_eq!(n.headings, vec![Span::new(0, "Tiêu đề".len())]);
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let orig = "**Số:**   12/KH-UBND\r\nHà  Nội";
        let n = normalize(orig, &Options::default());
        assert_eq!(n.text, "Số: 12/KH-UBND\nHà Nội");
        let at = n.text.find("12/KH").unwrap();
        let r = n.map.original_range(Span::new(at, at + "12/KH-UBND".len()));
        assert_eq!(&orig[r], "12/KH-UBND");
        let at = n.text.find("Nội").unwrap();
        let r = n.map.original_range(Span::new(at, n.text.len()));
        assert_eq!(&orig[r], "Nội");
    }
}

#[cfg(test)]
mod layout_tests {
    use super::{Options, normalize};

    fn norm(s: &str) -> String {
        normalize(s, &Options::default()).text
    }

    #[test]
    fn a_flattened_header_row_goes_back_on_its_lines() {
        assert_eq!(
            norm(
                "BỘ KẾ HOẠCH VÀ ĐẦU TƯ ----------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------"
            ),
            "BỘ KẾ HOẠCH VÀ ĐẦU TƯ\n-----------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------"
        );
        assert_eq!(
            norm(
                "Số: 3397/BKHĐT-QLKTTW V/v hướng dẫn áp dụng Điều 162 Hà Nội, ngày 23 tháng 5 năm 2019 Kính gửi: Tổng công ty"
            ),
            "Số: 3397/BKHĐT-QLKTTW\nV/v hướng dẫn áp dụng Điều 162\nHà Nội, ngày 23 tháng 5 năm 2019\nKính gửi: Tổng công ty"
        );
        assert_eq!(
            norm("Số: 435/QĐ-UBND Kon Tum, ngày 04 tháng 5 năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH"),
            "Số: 435/QĐ-UBND\nKon Tum, ngày 04 tháng 5 năm 2020\nQUYẾT ĐỊNH\nV/V BAN HÀNH"
        );
        assert_eq!(norm("Công văn 19046/BTC-TCHQ. BỘ TÀI CHÍNH"), "Công văn 19046/BTC-TCHQ.\nBỘ TÀI CHÍNH");
        assert_eq!(norm("Quyết định 435/QĐ-UBND năm 2020. Điều 1."), "Quyết định 435/QĐ-UBND năm 2020.\nĐiều 1.");
    }

    #[test]
    fn a_signature_block_on_one_line_goes_back_on_its_lines() {
        assert_eq!(
            norm("KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC Phạm Lương Sơn"),
            "KT. TỔNG GIÁM ĐỐC\nPHÓ TỔNG GIÁM ĐỐC\nPhạm Lương Sơn"
        );
        assert_eq!(
            norm("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp"),
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Hữu Tháp"
        );
        // A body with a position word inside is no position.
        assert_eq!(norm("TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN"), "TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀN");
        assert_eq!(norm("T/M BAN BÍ THƯ"), "T/M BAN BÍ THƯ");
        assert_eq!(norm("**T/M BAN BÍ THƯ**\nTrần Cẩm Tú"), "T/M BAN BÍ THƯ\nTrần Cẩm Tú");
        // Body text is left alone.
        assert_eq!(
            norm("Thực hiện Kế hoạch số 349/KH-TLĐ, ngày 15/8/2023 của Tổng Liên đoàn"),
            "Thực hiện Kế hoạch số 349/KH-TLĐ, ngày 15/8/2023 của Tổng Liên đoàn"
        );
    }
}
