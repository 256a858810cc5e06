//! `copydesk/corpusStatus`: a notification telling the editor how a
//! project's corpus load is going, for a status bar item.

use super::backend::Backend;
use super::protocol::{CorpusState, CorpusStatus, CorpusStatusParams};
use super::workspaces::ProjectKey;

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
