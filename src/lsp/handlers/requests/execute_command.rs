//! `workspace/executeCommand`: lint the workspace, or add a spelling to
//! the house names rules of an open project (a file the server writes,
//! only inside a trusted workspace).

use std::path::{Path, PathBuf};

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{ExecuteCommandParams, LSPAny, MessageType};

use crate::lsp::protocol::{ADD_TO_HOUSE_NAMES, HOUSE_NAMES_FILE, HouseNameArgs, LINT_WORKSPACE};
use crate::lsp::services::Services;
use crate::lsp::services::projects::files_changed;
use crate::lsp::services::workspace_lint::lint_workspace;
use crate::rules::RuleSet;

pub async fn handle(services: &Services, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
    if params.command == LINT_WORKSPACE {
        return Ok(Some(lint_workspace(services).await));
    }
    if params.command != ADD_TO_HOUSE_NAMES {
        return Err(Error::invalid_params(format!(
            "unknown command `{}`",
            params.command
        )));
    }
    let args: HouseNameArgs = params
        .arguments
        .first()
        .cloned()
        .and_then(|value: Value| serde_json::from_value(value).ok())
        .ok_or_else(|| {
            Error::invalid_params("expected one argument: {rulesDir, variant, canonical}")
        })?;
    // Only the rules folder of an open project, inside a trusted
    // workspace: the arguments come back from the client, and the
    // server never writes where a repository's config alone points.
    let rules = services
        .session
        .rules_of_writable_dir(&args.rules_dir)
        .ok_or_else(|| {
            Error::invalid_params(format!(
                "{} is not the rules folder of an open project in a trusted workspace; \
                 nothing was written",
                args.rules_dir.display()
            ))
        })?;
    let writing = args.clone();
    let written = tokio::task::spawn_blocking(move || add_house_name(&writing, &rules))
        .await
        .map_err(|e| e.to_string())
        .and_then(|result| result);
    match written {
        Ok(path) => {
            services
                .log(
                    MessageType::INFO,
                    format!(
                        "added ‘{}’ → ‘{}’ to {}",
                        args.variant,
                        args.canonical,
                        path.display()
                    ),
                )
                .await;
            // Reload now rather than waiting for the watcher.
            files_changed(services, vec![path]).await;
            Ok(None)
        }
        Err(message) => {
            services.show_error(message.clone()).await;
            Err(Error {
                message: message.into(),
                ..Error::internal_error()
            })
        }
    }
}

/// Append a `[[name]]` rule for `args` to the house names file, creating it
/// (and the rules dir) if needed, atomically. Returns the file written.
fn add_house_name(args: &HouseNameArgs, rules: &RuleSet) -> std::result::Result<PathBuf, String> {
    if let Some(rule) = rules.name_rule_for_variant(&args.variant) {
        return Err(format!(
            "‘{}’ is already a variant in house rule `{}`",
            args.variant, rule.id
        ));
    }
    if args.variant.trim().is_empty() || args.variant == args.canonical {
        return Err(format!(
            "cannot add ‘{}’ → ‘{}’: the variant must be non-empty and differ from the canonical form",
            args.variant, args.canonical
        ));
    }
    let dir = &args.rules_dir;
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot create the rules directory: {e}", dir.display()))?;
    let path = dir.join(HOUSE_NAMES_FILE);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut text = existing.clone();
    if !text.is_empty() {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str(&rule_text(
        &unique_id(&args.canonical, rules, &existing),
        args,
    ));
    write_new_or_existing(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn rule_text(id: &str, args: &HouseNameArgs) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    format!(
        "[[name]]\nid = {}\ncanonical = {}\nvariants = [{}]\n",
        quote(id),
        quote(&args.canonical),
        quote(&args.variant)
    )
}

/// `house.<canonical as a slug>`, with a number added if that id is taken.
fn unique_id(canonical: &str, rules: &RuleSet, file_text: &str) -> String {
    let mut slug = String::new();
    for c in canonical.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let base = format!("house.{}", slug.trim_matches('-'));
    let taken = |id: &str| {
        rules.names.iter().any(|r| r.id == id) || file_text.contains(&format!("\"{id}\""))
    };
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken(id))
        .unwrap_or(base)
}

fn write_new_or_existing(path: &Path, text: &str) -> std::io::Result<()> {
    if path.exists() {
        return crate::fix::write_atomically(path, text);
    }
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_names_are_appended_with_a_fresh_id_and_parse() {
        let dir = tempfile::tempdir().expect("tempdir");
        let rules_dir = dir.path().join("rules");
        let args = HouseNameArgs {
            rules_dir: rules_dir.clone(),
            variant: "Whitkoff".into(),
            canonical: "Witkoff".into(),
        };
        let rules = RuleSet::defaults();
        let path = add_house_name(&args, &rules).expect("creates");
        let second = HouseNameArgs {
            variant: "Witcoff".into(),
            ..args.clone()
        };
        add_house_name(&second, &rules).expect("appends");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(
            "id = \"house.witkoff\"\ncanonical = \"Witkoff\"\nvariants = [\"Whitkoff\"]"
        ));
        assert!(text.contains("id = \"house.witkoff-2\""), "{text}");
        let source = crate::rules::RuleSource { path, text };
        let (set, errors) = RuleSet::from_sources(&[source]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            set.name_rule_for_variant("Witcoff")
                .expect("rule")
                .canonical,
            "Witkoff"
        );
        let error = add_house_name(
            &HouseNameArgs {
                variant: "Kiev".into(),
                canonical: "Kyiv".into(),
                ..args
            },
            &rules,
        )
        .unwrap_err();
        assert!(
            error.contains("already a variant in house rule `place.kyiv`"),
            "{error}"
        );
    }
}
