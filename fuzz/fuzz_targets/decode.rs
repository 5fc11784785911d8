//! Decoding any bytes never panics, and gives text with the encoding named.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = vanban::decode::decode_with_report(data, None);
    assert!(!r.decoded.encoding.name().is_empty());
    for &e in vanban::decode::Encoding::all() {
        let _ = vanban::decode::decode(data, Some(e));
    }
});
