//! Normalizing any text never panics, gives NFC, is idempotent, and every span maps back
//! inside the input.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vanban::normalize::{Options, normalize};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let opts = Options::default();
    let once = normalize(text, &opts);
    assert!(unicode_normalization::is_nfc(&once.text));
    assert_eq!(normalize(&once.text, &opts).text, once.text);
    let r = once.map.original_range(vanban::Span::new(0, once.text.len()));
    assert!(r.start <= r.end && r.end <= text.len());
});

