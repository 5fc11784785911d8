//! The JSON Schema in `schemas/` is the one the types give, and every corpus record
//! validates against it.

mod common;

const SCHEMA_PATH: &str = "schemas/record.v1.schema.json";

#[test]
fn checked_in_schema_matches_the_types() {
    let path = common::root().join(SCHEMA_PATH);
    let generated = serde_json::to_string_pretty(&vanban::record::schema()).unwrap() + "\n";
    if std::env::var_os("VANBAN_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{SCHEMA_PATH} is out of date with src/record.rs; regenerate it with:\n\n    VANBAN_UPDATE_SCHEMA=1 cargo test --test schema\n"
    );
}

#[test]
fn corpus_records_validate() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join(SCHEMA_PATH)).unwrap()).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    for rel in common::corpus_files() {
        let rec = serde_json::to_value(common::record_of(&rel)).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&rec).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", rel.display());
    }
    // The validator does reject what the contract forbids.
    let mut bad = serde_json::to_value(common::record_of(&common::corpus_files()[0])).unwrap();
    bad["kind"] = serde_json::Value::Null;
    assert!(!validator.is_valid(&bad));
}
