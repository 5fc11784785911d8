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
}
