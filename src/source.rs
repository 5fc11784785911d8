//! Positions: spans in the normalized text and the way back to the original input.
//!
//! Every stage after [`normalize`](crate::normalize) works on the normalized text and
//! produces values that carry a [`Span`] (a half-open byte range of that text). Nothing
//! downstream computes a line number itself: [`Source::loc`] maps a span through the
//! [`OffsetMap`] recorded by normalization and then through a [`LineIndex`] over the
//! decoded original, giving a 1-based [`Loc`] in the file as the user sees it.
//!
//! ```
//! use vanban::{Parser, Span};
//! let doc = Parser::new().parse_str("  **KẾ HOẠCH**\nSố:   12/KH-UBND")?;
//! let src = doc.source();
//! let at = src.text().find("12/KH").unwrap();
//! let loc = src.loc(Span::new(at, at + 10));
//! assert_eq!((loc.line, loc.column), (2, 7));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Serialize;

/// A half-open byte range `start..end` in the normalized text of a [`Source`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end: end.max(start) }
    }

    /// The number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text this span covers in `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// A place in the original input: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Loc {
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column (in characters) of the first character.
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based column just past the last character.
    pub end_column: usize,
}

/// One rewrite pass: markers at edit boundaries, in output order.
///
/// A marker says "from output offset `out` on, the output comes from input offset `inp`";
/// a copied segment maps byte for byte, a replaced segment maps to the whole input range
/// it replaced.
#[derive(Debug, Clone, Default)]
pub(crate) struct PassMap {
    markers: Vec<Marker>,
    out_len: usize,
    in_len: usize,
}

#[derive(Debug, Clone, Copy)]
struct Marker {
    out: usize,
    inp: usize,
    copied: bool,
}

impl PassMap {
    /// Index of the last marker whose output offset is `<= off` (or `< off` when `strict`).
    fn find(&self, off: usize, strict: bool) -> Option<usize> {
        let idx = self.markers.partition_point(|m| if strict { m.out < off } else { m.out <= off });
        idx.checked_sub(1)
    }

    fn next_in(&self, i: usize) -> usize {
        self.markers.get(i + 1).map_or(self.in_len, |m| m.inp)
    }

    /// Maps the start of a range.
    fn map_start(&self, off: usize) -> usize {
        if off >= self.out_len {
            return self.in_len;
        }
        match self.find(off, false) {
            None => 0,
            Some(i) => {
                let m = self.markers[i];
                if m.copied { (m.inp + (off - m.out)).min(self.next_in(i)) } else { m.inp }
            }
        }
    }

    /// Maps the (exclusive) end of a range.
    fn map_end(&self, off: usize) -> usize {
        if off == 0 {
            return 0;
        }
        match self.find(off, true) {
            None => 0,
            Some(i) => {
                let m = self.markers[i];
                if m.copied { (m.inp + (off - m.out)).min(self.next_in(i)) } else { self.next_in(i) }
            }
        }
    }
}

impl PassMap {
    /// Maps an input offset forward to the output (for spans recorded before a pass).
    pub(crate) fn forward(&self, off: usize) -> usize {
        let i = self.markers.partition_point(|m| m.inp <= off);
        match i.checked_sub(1) {
            None => 0,
            Some(i) => {
                let m = self.markers[i];
                let next_out = self.markers.get(i + 1).map_or(self.out_len, |n| n.out);
                if m.copied { (m.out + (off - m.inp)).min(next_out) } else { m.out }
            }
        }
    }
}

/// Builds one [`PassMap`] while a pass writes its output.
///
/// Copies of the input are held as one range while they follow each other and written
/// when something else comes: a pass that edits nothing writes nothing, and one that
/// copies line by line writes a stretch of lines at once.
#[derive(Debug, Default)]
pub(crate) struct Rewriter {
    out: String,
    /// The input range copied after `out` and not written yet.
    pending: (usize, usize),
    capacity: usize,
    markers: Vec<Marker>,
    edited: bool,
    replaced: usize,
}

impl Rewriter {
    pub(crate) fn with_capacity(n: usize) -> Rewriter {
        Rewriter { capacity: n, ..Rewriter::default() }
    }

    /// The output's length so far.
    pub(crate) fn out_len(&self) -> usize {
        self.out.len() + (self.pending.1 - self.pending.0)
    }

    /// The output so far (`input` is the pass's input).
    pub(crate) fn written(&mut self, input: &str) -> &str {
        self.flush(input);
        &self.out
    }

    /// The output from `from` on (`input` is the pass's input), written out only when
    /// part of it is not a copy still held.
    pub(crate) fn written_since<'a>(&'a mut self, input: &'a str, from: usize) -> &'a str {
        if from >= self.out.len() {
            return &input[self.pending.0 + (from - self.out.len())..self.pending.1];
        }
        self.flush(input);
        &self.out[from..]
    }

    fn flush(&mut self, input: &str) {
        let (start, end) = std::mem::take(&mut self.pending);
        if end > start {
            if self.out.capacity() == 0 {
                self.out.reserve(self.capacity.max(end - start));
            }
            self.out.push_str(&input[start..end]);
        }
    }

    /// Copies `input[range]` unchanged.
    pub(crate) fn copy(&mut self, input: &str, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let contiguous = matches!(self.markers.last(), Some(m) if m.copied
            && m.inp + (self.out_len() - m.out) == start);
        if !contiguous {
            self.markers.push(Marker { out: self.out_len(), inp: start, copied: true });
        }
        if self.pending.1 > self.pending.0 && self.pending.1 == start {
            self.pending.1 = end;
        } else {
            self.flush(input);
            self.pending = (start, end);
        }
    }

    /// Writes `with` in place of `input[start..end]` (either may be empty).
    pub(crate) fn replace(&mut self, input: &str, start: usize, end: usize, with: &str) {
        self.flush(input);
        self.edited = true;
        self.replaced += 1;
        self.markers.push(Marker { out: self.out.len(), inp: start, copied: false });
        if self.out.capacity() == 0 {
            self.out.reserve(self.capacity);
        }
        self.out.push_str(with);
        // A zero-length replacement still needs the next copy to start a new marker.
        if with.is_empty() {
            self.markers.pop();
            self.markers.push(Marker { out: self.out.len(), inp: end, copied: false });
        }
    }

    /// How many replacements the pass made.
    pub(crate) fn replaced(&self) -> usize {
        self.replaced
    }

    /// True when the pass changed anything.
    pub(crate) fn edited(&self) -> bool {
        self.edited
    }

    /// The output and its map (`input` is the pass's input).
    pub(crate) fn finish(mut self, input: &str) -> (String, PassMap) {
        self.flush(input);
        let out_len = self.out.len();
        (self.out, PassMap { markers: self.markers, out_len, in_len: input.len() })
    }
}

/// The way back from normalized offsets to offsets in the decoded original.
///
/// It holds one map per normalization pass that changed something and walks them in
/// reverse. Markers exist only at edit boundaries, so the map stays small for clean text.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    passes: Vec<PassMap>,
}

impl OffsetMap {
    pub(crate) fn push(&mut self, pass: PassMap) {
        self.passes.push(pass);
    }

    /// Appends the passes of `later`, a map from a text made from this map's output.
    pub(crate) fn extend(&mut self, later: OffsetMap) {
        self.passes.extend(later.passes);
    }

    /// Maps an offset of this map's input forward to its output.
    pub(crate) fn forward(&self, mut off: usize) -> usize {
        for p in &self.passes {
            off = p.forward(off);
        }
        off
    }

    /// Maps a normalized span to the byte range of the original text it came from.
    pub fn original_range(&self, span: Span) -> std::ops::Range<usize> {
        let (mut s, mut e) = (span.start, span.end);
        for p in self.passes.iter().rev() {
            let ns = p.map_start(s);
            let ne = if e == s { ns } else { p.map_end(e) };
            s = ns;
            e = ne.max(ns);
        }
        s..e
    }
}

/// Line starts of a text, for turning byte offsets into 1-based line and column.
///
/// Line ends are `\n`, `\r\n` and a lone `\r`, as a reader of the file sees them.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let b = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// Number of lines (a text without line end has one).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Always false: even an empty text has one (empty) line.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// 1-based line of byte `offset` (a binary search; no character counting).
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// 1-based line and column (in characters) of byte `offset` in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let mut off = offset;
        while !text.is_char_boundary(off) {
            off -= 1;
        }
        let col = text[start.min(off)..off].chars().count() + 1;
        (line, col)
    }
}

/// A decoded, normalized document with the way back to its original lines.
#[derive(Debug, Clone)]
pub struct Source {
    pub(crate) path: Option<String>,
    pub(crate) byte_len: usize,
    pub(crate) sha256: String,
    pub(crate) encoding: crate::decode::Encoding,
    pub(crate) original: String,
    pub(crate) text: String,
    pub(crate) map: OffsetMap,
    pub(crate) strong: Vec<Span>,
    pub(crate) headings: Vec<Span>,
    pub(crate) index: LineIndex,
}

impl Source {
    /// The path given for the input, if any.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// Size of the input in bytes.
    pub fn byte_len(&self) -> usize {
        self.byte_len
    }

    /// SHA-256 of the input bytes, lower-case hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The encoding the input was decoded from.
    pub fn encoding(&self) -> crate::decode::Encoding {
        self.encoding
    }

    /// The decoded input before normalization.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The normalized text every later stage reads.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of `span` in the normalized text.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// Byte range of the original that `span` came from.
    pub fn original_range(&self, span: Span) -> std::ops::Range<usize> {
        self.map.original_range(span)
    }

    /// 1-based line and column of `span` in the original input.
    pub fn loc(&self, span: Span) -> Loc {
        let r = self.original_range(span);
        let (line, column) = self.index.line_col(&self.original, r.start);
        let (end_line, end_column) = self.index.line_col(&self.original, r.end);
        Loc { line, column, end_line, end_column }
    }

    /// 1-based line in the original input where `span` starts.
    pub fn line_of(&self, span: Span) -> usize {
        let r = self.original_range(span);
        self.index.line(r.start.min(self.original.len()))
    }

    /// True when the normalized `span` was set in bold (markdown `**…**`) in the input.
    pub fn is_strong(&self, span: Span) -> bool {
        let i = self.strong.partition_point(|s| s.end <= span.start);
        self.strong.get(i).is_some_and(|s| s.start <= span.start && s.end >= span.end)
    }

    /// True when a bold run that started before `offset` is still open at it.
    pub fn strong_continues_at(&self, offset: usize) -> bool {
        let i = self.strong.partition_point(|s| s.end <= offset);
        self.strong.get(i).is_some_and(|s| s.start < offset)
    }

    /// True when the line at `span` was a markdown heading (`# …`).
    pub fn is_heading(&self, span: Span) -> bool {
        self.headings.binary_search_by(|h| h.start.cmp(&span.start)).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_all_line_ends() {
        let t = "a\r\nb\rc\nd";
        let li = LineIndex::new(t);
        assert_eq!(li.len(), 4);
        assert_eq!(li.line_col(t, 0), (1, 1));
        assert_eq!(li.line_col(t, 3), (2, 1));
        assert_eq!(li.line_col(t, 5), (3, 1));
        assert_eq!(li.line_col(t, 7), (4, 1));
    }

    #[test]
    fn columns_count_characters() {
        let t = "Số: 12";
        let li = LineIndex::new(t);
        assert_eq!(li.line_col(t, t.find('1').unwrap()), (1, 5));
    }

    #[test]
    fn rewriter_maps_copies_and_replacements() {
        let input = "ab**cd**ef";
        let mut rw = Rewriter::default();
        rw.copy(input, 0, 2);
        rw.replace(input, 2, 4, "");
        rw.copy(input, 4, 6);
        rw.replace(input, 6, 8, "");
        rw.copy(input, 8, 10);
        let (out, pm) = rw.finish(input);
        assert_eq!(out, "abcdef");
        let mut m = OffsetMap::default();
        m.push(pm);
        assert_eq!(m.original_range(Span::new(2, 4)), 4..6);
        assert_eq!(m.original_range(Span::new(0, 6)), 0..10);
        assert_eq!(m.original_range(Span::new(4, 6)), 8..10);
    }

    #[test]
    fn replaced_segment_maps_to_whole_input_range() {
        let input = "x&amp;y";
        let mut rw = Rewriter::default();
        rw.copy(input, 0, 1);
        rw.replace(input, 1, 6, "&");
        rw.copy(input, 6, 7);
        let (out, pm) = rw.finish(input);
        assert_eq!(out, "x&y");
        let mut m = OffsetMap::default();
        m.push(pm);
        assert_eq!(m.original_range(Span::new(1, 2)), 1..6);
        assert_eq!(m.original_range(Span::new(2, 3)), 6..7);
    }
}
