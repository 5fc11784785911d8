//! Which rules run and how a check fails: [`Selector`], [`Settings`], [`FailLevel`], and the
//! `vanban.toml` file ([`Config`]) that holds the same settings for a directory tree.
//!
//! A selector names rules by code (`VB201`), code prefix (`VB2`, `VB20`), rule name
//! (`numbering-gap`), ruleset (`nd30-2020`, `party`, `core`) or `ALL`. A rule runs when
//! no `select` is given or a `select` selector names it, and no `ignore` selector names it
//! (`ignore` wins).
//!
//! ```toml
//! # vanban.toml — found in the file's directory or any directory above it
//! [check]
//! select = ["ALL"]
//! ignore = ["VB206"]
//! fail-level = "warning"          # or "error"; info never fails
//! output-format = "concise"
//!
//! [check.severity]                # per-rule severity
//! VB103 = "info"
//!
//! [check.per-file-ignores]        # globs relative to this file's directory
//! "drafts/**" = ["VB105", "VB112"]
//! ```
//!
//! ```
//! use vanban::check::{Config, FailLevel};
//! let cfg = Config::parse("[check]\nignore = [\"VB2\"]\nfail-level = \"error\"\n", None)?;
//! assert_eq!(cfg.fail_level(), Some(FailLevel::Error));
//! let settings = cfg.settings_for(std::path::Path::new("a.txt"));
//! assert!(!settings.is_enabled(vanban::check::rules::by_code("VB201").unwrap()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use super::render::OutputFormat;
use super::rules::{self, RULES, Rule, Ruleset, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the configuration file.
pub const CONFIG_FILE: &str = "vanban.toml";

/// A set of rules named by code, prefix, name, ruleset or `ALL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    text: String,
    codes: Vec<&'static str>,
}

impl Selector {
    /// Reads a selector; `None` when it names no rule.
    ///
    /// ```
    /// use vanban::check::Selector;
    /// assert_eq!(Selector::parse("VB20").unwrap().codes().len(), 6);
    /// assert!(Selector::parse("numbering-gap").unwrap().codes().contains(&"VB201"));
    /// assert!(Selector::parse("VB999").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Selector> {
        let t = s.trim();
        let codes: Vec<&'static str> = if t.eq_ignore_ascii_case("ALL") {
            RULES.iter().map(|r| r.code).collect()
        } else if let Some(set) = Ruleset::ALL.iter().find(|r| r.as_str() == t) {
            RULES.iter().filter(|r| r.ruleset == *set).map(|r| r.code).collect()
        } else if let Some(r) = rules::find(t) {
            vec![r.code]
        } else {
            let up = t.to_ascii_uppercase();
            let prefix =
                up.len() >= 2 && up.len() < 5 && up.starts_with("VB") && up[2..].bytes().all(|b| b.is_ascii_digit());
            if !prefix {
                return None;
            }
            RULES.iter().filter(|r| r.code.starts_with(&up)).map(|r| r.code).collect()
        };
        (!codes.is_empty()).then(|| Selector { text: t.to_string(), codes })
    }

    /// Reads a list of selectors; the error names the first that names no rule.
    pub fn parse_list<S: AsRef<str>>(items: &[S]) -> Result<Vec<Selector>, String> {
        items
            .iter()
            .map(|s| s.as_ref().trim())
            .filter(|s| !s.is_empty())
            .map(|s| Selector::parse(s).ok_or_else(|| format!("`{s}` names no rule (give a code such as VB201, a prefix such as VB2, a rule name, a ruleset or ALL)")))
            .collect()
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The codes of the rules it names.
    pub fn codes(&self) -> &[&'static str] {
        &self.codes
    }

    /// True when it names `rule`.
    pub fn matches(&self, rule: &Rule) -> bool {
        self.codes.contains(&rule.code)
    }
}

/// The severity at which a check fails. Info findings never fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailLevel {
    /// Fail on warnings and errors (the default).
    #[default]
    Warning,
    /// Fail on errors only.
    Error,
}

impl FailLevel {
    /// Reads `warning` or `error`.
    pub fn parse(s: &str) -> Result<FailLevel, String> {
        match s {
            "warning" => Ok(FailLevel::Warning),
            "error" => Ok(FailLevel::Error),
            "info" => Err("`info` cannot be a fail level: info findings never fail a check".into()),
            other => Err(format!("unknown fail level `{other}` (warning or error)")),
        }
    }

    /// `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            FailLevel::Warning => "warning",
            FailLevel::Error => "error",
        }
    }

    /// True when a finding of this severity fails the check.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailLevel::Warning => severity >= Severity::Warning,
            FailLevel::Error => severity >= Severity::Error,
        }
    }
}

/// Which rules run and at what severity, for one document.
///
/// The default runs every rule at its own severity. Setters return `&mut Self`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    select: Option<Vec<Selector>>,
    ignore: Vec<Selector>,
    severity: Vec<(&'static str, Severity)>,
}

impl Settings {
    /// Every rule at its own severity.
    pub fn new() -> Settings {
        Settings::default()
    }

    /// Runs only the rules these selectors name (all rules by default).
    pub fn select(&mut self, selectors: Vec<Selector>) -> &mut Self {
        self.select = Some(selectors);
        self
    }

    /// Does not run the rules these selectors name, whatever `select` says (adds to earlier ignores).
    pub fn ignore(&mut self, selectors: impl IntoIterator<Item = Selector>) -> &mut Self {
        self.ignore.extend(selectors);
        self
    }

    /// Reports `code`'s findings at `severity` instead of the rule's own.
    pub fn severity(&mut self, code: &'static str, severity: Severity) -> &mut Self {
        self.severity.retain(|(c, _)| *c != code);
        self.severity.push((code, severity));
        self
    }

    /// True when `rule` runs.
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.select.as_ref().is_none_or(|s| s.iter().any(|x| x.matches(rule)))
            && !self.ignore.iter().any(|x| x.matches(rule))
    }

    /// The severity `rule`'s findings are reported at (before lowering).
    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity.iter().find(|(c, _)| *c == rule.code).map_or(rule.severity, |(_, s)| *s)
    }
}

/// A `vanban.toml` file could not be read or holds a wrong value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", path.as_ref().map_or_else(|| CONFIG_FILE.to_string(), |p| p.display().to_string()))]
pub struct ConfigError {
    /// The file, when there is one.
    pub path: Option<PathBuf>,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Deserialize, Default)]
struct FileConfig {
    #[serde(default)]
    check: CheckSection,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct CheckSection {
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    fail_level: Option<String>,
    output_format: Option<String>,
    severity: Option<BTreeMap<String, String>>,
    per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
}

/// The `[check]` table of a `vanban.toml`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    path: Option<PathBuf>,
    select: Option<Vec<Selector>>,
    ignore: Vec<Selector>,
    fail_level: Option<FailLevel>,
    output_format: Option<OutputFormat>,
    severity: Vec<(&'static str, Severity)>,
    per_file_ignores: Vec<(globset::GlobMatcher, Vec<Selector>)>,
}

impl Config {
    /// Reads the text of a `vanban.toml`; `path` names it in errors and anchors its globs.
    pub fn parse(text: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError { path: path.map(Path::to_path_buf), message };
        let file: FileConfig = toml::from_str(text).map_err(|e| err(e.to_string().trim_end().to_string()))?;
        let c = file.check;
        let mut cfg = Config { path: path.map(Path::to_path_buf), ..Config::default() };
        if let Some(s) = &c.select {
            cfg.select = Some(Selector::parse_list(s).map_err(|m| err(format!("check.select: {m}")))?);
        }
        if let Some(s) = &c.ignore {
            cfg.ignore = Selector::parse_list(s).map_err(|m| err(format!("check.ignore: {m}")))?;
        }
        if let Some(f) = &c.fail_level {
            cfg.fail_level = Some(FailLevel::parse(f).map_err(|m| err(format!("check.fail-level: {m}")))?);
        }
        if let Some(f) = &c.output_format {
            cfg.output_format = Some(OutputFormat::parse(f).map_err(|m| err(format!("check.output-format: {m}")))?);
        }
        for (code, sev) in c.severity.iter().flatten() {
            let rule = rules::find(code).ok_or_else(|| err(format!("check.severity: `{code}` is no rule")))?;
            let s = Severity::parse(sev)
                .ok_or_else(|| err(format!("check.severity.{code}: `{sev}` is not info, warning or error")))?;
            cfg.severity.push((rule.code, s));
        }
        for (pattern, sels) in c.per_file_ignores.iter().flatten() {
            let glob = globset::GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| err(format!("check.per-file-ignores: `{pattern}`: {e}")))?;
            let sels =
                Selector::parse_list(sels).map_err(|m| err(format!("check.per-file-ignores.\"{pattern}\": {m}")))?;
            cfg.per_file_ignores.push((glob.compile_matcher(), sels));
        }
        Ok(cfg)
    }

    /// Reads a `vanban.toml` file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError { path: Some(path.to_path_buf()), message: e.to_string() })?;
        Config::parse(&text, Some(path))
    }

    /// The nearest `vanban.toml` in `dir` or a directory above it.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        start.ancestors().map(|d| d.join(CONFIG_FILE)).find(|p| p.is_file())
    }

    /// The file this configuration was read from.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// `fail-level`, when the file sets it.
    pub fn fail_level(&self) -> Option<FailLevel> {
        self.fail_level
    }

    /// `output-format`, when the file sets it.
    pub fn output_format(&self) -> Option<OutputFormat> {
        self.output_format
    }

    /// The settings for `file`: `select`, `ignore`, `severity`, and the `per-file-ignores`
    /// whose glob matches the file's path relative to this file's directory.
    pub fn settings_for(&self, file: &Path) -> Settings {
        let mut s = Settings::new();
        if let Some(sel) = &self.select {
            s.select(sel.clone());
        }
        s.ignore(self.ignore.iter().cloned());
        for (code, sev) in &self.severity {
            s.severity(code, *sev);
        }
        if !self.per_file_ignores.is_empty() {
            let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
            let base = self.path.as_deref().and_then(Path::parent).and_then(|d| std::path::absolute(d).ok());
            let rel = base.as_deref().and_then(|b| abs.strip_prefix(b).ok()).unwrap_or(file);
            for (glob, sels) in &self.per_file_ignores {
                if glob.is_match(rel) {
                    s.ignore(sels.iter().cloned());
                }
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors() {
        assert_eq!(Selector::parse("ALL").unwrap().codes().len(), RULES.len());
        assert!(Selector::parse("party").unwrap().codes().iter().all(|c| c.starts_with("VB14")));
        assert_eq!(Selector::parse("vb201").unwrap().codes(), ["VB201"]);
        assert!(Selector::parse("VB").is_some() && Selector::parse("VB8").is_none() && Selector::parse("X").is_none());
        assert!(Selector::parse_list(&["VB201", "nope"]).unwrap_err().contains("`nope`"));
    }

    #[test]
    fn ignore_wins_and_severities_override() {
        let r = rules::by_code("VB201").unwrap();
        let mut s = Settings::new();
        s.select(Selector::parse_list(&["VB2"]).unwrap()).ignore(Selector::parse_list(&["VB201"]).unwrap());
        assert!(!s.is_enabled(r) && s.is_enabled(rules::by_code("VB202").unwrap()));
        assert!(!s.is_enabled(rules::by_code("VB101").unwrap()));
        s.severity("VB201", Severity::Error);
        assert_eq!(s.severity_of(r), Severity::Error);
    }

    #[test]
    fn config_errors_name_the_key() {
        let e = Config::parse("[check]\nselct = []\n", None).unwrap_err();
        assert!(e.message.contains("selct"), "{e}");
        let e = Config::parse("[check]\nfail-level = \"info\"\n", None).unwrap_err();
        assert!(e.to_string().contains("never fail"), "{e}");
        let e = Config::parse("[check.severity]\nVB999 = \"info\"\n", None).unwrap_err();
        assert!(e.message.contains("VB999"));
        assert!(Config::parse("[batch]\njobs = 4\n", None).is_ok(), "other commands' tables are left alone");
    }

    #[test]
    fn per_file_ignores_match_relative_paths() {
        let cfg = Config::parse(
            "[check.per-file-ignores]\n\"drafts/*.txt\" = [\"VB105\"]\n",
            Some(Path::new("/x/vanban.toml")),
        )
        .unwrap();
        let r = rules::by_code("VB105").unwrap();
        assert!(!cfg.settings_for(Path::new("/x/drafts/a.txt")).is_enabled(r));
        assert!(cfg.settings_for(Path::new("/x/final/a.txt")).is_enabled(r));
    }
}
