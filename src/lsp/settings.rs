//! Editor settings: `initializationOptions` and the `copydesk` section of
//! `workspace/configuration`, layered over `copydesk.toml`.

use crate::config::is_database_url;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use crate::checks::{code_named, code_names};
use crate::config::Config;
use crate::finding::Severity;
use crate::linter::CodeSettings;

/// Debounce before re-analysing after an edit, unless `debounceMs` says otherwise.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckSetting {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawSettings {
    rules_dir: Option<String>,
    corpus_dirs: Option<OneOrMany>,
    builtin_rules: Option<bool>,
    #[serde(default)]
    checks: HashMap<String, CheckSetting>,
    debounce_ms: Option<u64>,
}

/// Settings from the editor; every field left out keeps the file's value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientSettings {
    pub rules_dir: Option<String>,
    pub corpus_dirs: Option<Vec<String>>,
    pub builtin_rules: Option<bool>,
    pub checks: HashMap<String, CheckSetting>,
    pub debounce_ms: Option<u64>,
}

impl ClientSettings {
    /// Read settings from a JSON value: either `{"copydesk": {...}}` or the
    /// section itself. `null` is no settings. The error is one line.
    pub fn from_json(value: &Value) -> Result<ClientSettings, String> {
        let section = match value {
            Value::Null => return Ok(ClientSettings::default()),
            Value::Object(map) => map.get("copydesk").unwrap_or(value),
            _ => return Err("copydesk settings must be an object".into()),
        };
        if section.is_null() {
            return Ok(ClientSettings::default());
        }
        // Workspace trust rides beside the settings in initializationOptions;
        // it is read there, by the server, and is no setting.
        let mut section = section.clone();
        if let Value::Object(map) = &mut section {
            map.remove("workspaceTrusted");
        }
        let raw: RawSettings = serde_json::from_value(section)
            .map_err(|e| format!("invalid copydesk settings: {e}"))?;
        for code in raw.checks.keys() {
            if code_named(code).is_none() {
                return Err(format!(
                    "invalid copydesk settings: unknown check `{code}` (known: {})",
                    code_names()
                ));
            }
        }
        Ok(ClientSettings {
            rules_dir: raw.rules_dir,
            corpus_dirs: raw.corpus_dirs.map(|dirs| match dirs {
                OneOrMany::One(dir) => vec![dir],
                OneOrMany::Many(dirs) => dirs,
            }),
            builtin_rules: raw.builtin_rules,
            checks: raw.checks,
            debounce_ms: raw.debounce_ms,
        })
    }

    /// `self` with every field `other` sets replaced by it.
    pub fn overlay(&self, other: &ClientSettings) -> ClientSettings {
        let mut checks = self.checks.clone();
        for (code, setting) in &other.checks {
            let merged = checks.entry(code.clone()).or_default();
            merged.enabled = setting.enabled.or(merged.enabled);
            merged.severity = setting.severity.or(merged.severity);
        }
        ClientSettings {
            rules_dir: other.rules_dir.clone().or_else(|| self.rules_dir.clone()),
            corpus_dirs: other
                .corpus_dirs
                .clone()
                .or_else(|| self.corpus_dirs.clone()),
            builtin_rules: other.builtin_rules.or(self.builtin_rules),
            checks,
            debounce_ms: other.debounce_ms.or(self.debounce_ms),
        }
    }

    pub fn debounce(&self) -> Duration {
        self.debounce_ms
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis)
    }

    /// Apply to a config from `copydesk.toml`; relative paths resolve
    /// against `base` (the workspace folder, or the config's folder).
    pub fn apply(&self, config: &mut Config, base: &Path) {
        let resolve = |dir: &String| -> PathBuf { base.join(expand_home(dir)) };
        if let Some(dir) = &self.rules_dir {
            config.rules_dir = Some(resolve(dir));
        }
        if let Some(dirs) = &self.corpus_dirs {
            let url = dirs.iter().find(|dir| is_database_url(dir));
            config.corpus_url = url.cloned();
            config.corpus_dirs = match url {
                Some(_) => Vec::new(),
                None => dirs.iter().map(resolve).collect(),
            };
        }
        if let Some(builtin) = self.builtin_rules {
            config.builtin_rules = builtin;
        }
        // Names were checked when the settings were read.
        let known = self
            .checks
            .iter()
            .filter_map(|(name, s)| Some((code_named(name)?, s)));
        for (code, setting) in known {
            let slot = config.settings.codes.entry(code).or_insert(CodeSettings {
                enabled: None,
                severity: None,
            });
            slot.enabled = setting.enabled.or(slot.enabled);
            slot.severity = setting.severity.or(slot.severity);
        }
    }
}

fn expand_home(dir: &str) -> PathBuf {
    match (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(dir),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_parse_nested_or_flat_and_reject_unknown_checks() {
        let nested = json!({"copydesk": {"rulesDir": "house", "corpusDirs": "wire", "debounceMs": 10,
            "checks": {"name-spelling": {"severity": "error"}}}});
        let settings = ClientSettings::from_json(&nested).expect("parses");
        assert_eq!(settings.corpus_dirs, Some(vec!["wire".to_string()]));
        assert_eq!(settings.debounce(), Duration::from_millis(10));
        let flat = json!({"rulesDir": "house"});
        assert_eq!(
            ClientSettings::from_json(&flat)
                .expect("parses")
                .rules_dir
                .as_deref(),
            Some("house")
        );
        let error = ClientSettings::from_json(&json!({"checks": {"speling": {}}})).unwrap_err();
        assert!(error.contains("unknown check `speling`"), "{error}");
        let error = ClientSettings::from_json(&json!({"rulez": 1})).unwrap_err();
        assert!(
            error.starts_with("invalid copydesk settings: unknown field `rulez`"),
            "{error}"
        );
    }

    #[test]
    fn overlay_and_apply_replace_only_what_is_set() {
        let base = ClientSettings::from_json(&json!({"rulesDir": "a", "debounceMs": 5})).unwrap();
        let top = ClientSettings::from_json(
            &json!({"corpusDirs": ["c"], "checks": {"name-spelling": {"enabled": false}}}),
        )
        .unwrap();
        let merged = base.overlay(&top);
        let mut config = Config::default_for(PathBuf::from("/ws"));
        merged.apply(&mut config, Path::new("/ws"));
        assert_eq!(config.rules_dir, Some(PathBuf::from("/ws/a")));
        assert_eq!(config.corpus_dirs, vec![PathBuf::from("/ws/c")]);
        assert!(
            !config
                .settings
                .is_enabled(crate::finding::Code::NameSpelling)
        );
        assert_eq!(merged.debounce(), Duration::from_millis(5));
    }
}
