//! Errors of the library: what cannot give even a best-effort record.

/// Why a document could not be parsed at all.
///
/// Undecodable bytes, missing header parts and the like are not errors: they give a
/// record with diagnostics. An `Error` is only for input that must be refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than the parser accepts.
    #[error(
        "input is {size} bytes, more than the limit of {limit} bytes; no document is that large (raise the limit with --max-bytes if it really is one)"
    )]
    TooLarge {
        /// Size of the input.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The input is in a format that is not read: a Word 97–2003 `.doc`, a PDF, another archive.
    #[error("input is {format}, which is not read; {hint}")]
    Unsupported {
        /// The format found (`.doc (Word 97-2003)`, `PDF`, …).
        format: &'static str,
        /// How to turn it into a format that is read.
        hint: &'static str,
    },
    /// A DOCX or HTML input that cannot be read: a broken archive, or one past a safety limit
    /// (a zip bomb, too many entries, tables nested too deep).
    #[error("cannot read the {format} input: {reason}")]
    Malformed {
        /// `docx` or `html`.
        format: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}
