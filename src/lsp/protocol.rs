//! The names and wire types the server shares with its clients: the
//! diagnostic source, command names, the fix-all kind, what a diagnostic
//! carries in `data`, and the corpus-status notification. A leaf: it
//! imports nothing from the rest of the server.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::CodeActionKind;
use tower_lsp_server::ls_types::notification::Notification;

/// The `source` of every diagnostic.
pub const SOURCE: &str = "copydesk";

/// `workspace/executeCommand` name of "Add to the house names rules".
pub const ADD_TO_HOUSE_NAMES: &str = "copydesk.addToHouseNames";
/// The rules file that action writes to, in the rules dir.
pub const HOUSE_NAMES_FILE: &str = "house-names.toml";

/// The arguments of [`ADD_TO_HOUSE_NAMES`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HouseNameArgs {
    pub rules_dir: PathBuf,
    pub variant: String,
    pub canonical: String,
}

/// `workspace/executeCommand` name of "Lint the workspace".
pub const LINT_WORKSPACE: &str = "copydesk.lintWorkspace";

/// The code-action kind of "fix all copydesk problems".
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.copydesk")
}

/// What a diagnostic carries for the code actions, in its `data` field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticData {
    /// The flagged text, so that a fix is offered only while it is still there.
    #[serde(rename = "match")]
    pub matched: String,
    pub suggestions: Vec<String>,
    /// The suggestions change a fact or a quotation: offered, never applied
    /// by fix-all.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unsafe_fix: bool,
    /// The house rule behind the finding, if one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
}

/// `copydesk/corpusStatus`: how a project's corpus load is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorpusState {
    Loading,
    Ready,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStatusParams {
    /// The project's root folder.
    pub root: String,
    pub state: CorpusState,
    /// Articles in the corpus, once ready.
    pub articles: Option<usize>,
    pub message: Option<String>,
}

pub enum CorpusStatus {}

impl Notification for CorpusStatus {
    type Params = CorpusStatusParams;
    const METHOD: &'static str = "copydesk/corpusStatus";
}
