//! `copydesk/corpusStatus`: a notification telling the editor how a
//! project's corpus load is going, for a status bar item.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::notification::Notification;

use super::backend::Backend;
use super::workspaces::ProjectKey;

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

impl Backend {
    pub async fn corpus_status(
        &self,
        key: &ProjectKey,
        state: CorpusState,
        articles: Option<usize>,
        message: Option<String>,
    ) {
        let root = key.root().display().to_string();
        self.client
            .send_notification::<CorpusStatus>(CorpusStatusParams {
                root,
                state,
                articles,
                message,
            })
            .await;
    }
}
