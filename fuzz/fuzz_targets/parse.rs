//! Parsing any bytes never panics and gives a record that serializes to JSON and back.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = vanban::Parser::new().parse_bytes(data) else { return };
    let rec = doc.record();
    let json = serde_json::to_string(&rec).unwrap();
    let back: vanban::Record = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rec);
});
