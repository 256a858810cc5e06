//! Loading a project's reference corpus in the background: progress and
//! `copydesk/corpusStatus` for the editor, the corpus installed when it is
//! still the latest load, then the project's documents analysed again.

use std::time::Instant;

use tower_lsp_server::ls_types::{MessageType, NumberOrString};
use tower_lsp_server::{NotCancellable, OngoingProgress, Unbounded};

use super::{Event, Services};
use crate::lsp::protocol::{CorpusState, CorpusStatus, CorpusStatusParams};
use crate::lsp::session::{LoadedCorpus, ProjectKey, load_corpus_for};

/// Read a project's corpus on the blocking pool, reporting progress,
/// then install it and re-lint the project's documents.
pub fn start_corpus_load(services: &Services, key: ProjectKey) {
    let Some(source) = services.session.corpus_source(&key) else {
        return;
    };
    let load = services.session.begin_corpus_load(&key);
    let services = services.clone();
    tokio::spawn(async move {
        let started = Instant::now();
        corpus_status(&services, &key, CorpusState::Loading, None, None).await;
        let progress = begin_progress(&services, load, "Loading the reference corpus").await;
        let loaded = tokio::task::spawn_blocking(move || load_corpus_for(&source)).await;
        let failure = match loaded {
            Ok(Ok(loaded)) => Ok(loaded),
            Ok(Err(message)) => Err((
                message.clone(),
                format!("{message} (checks that need no corpus still run)"),
            )),
            Err(error) => {
                let message = format!("loading the corpus failed: {error}");
                Err((message.clone(), message))
            }
        };
        let LoadedCorpus {
            corpus,
            warnings,
            cache,
            database,
        } = match failure {
            Ok(loaded) => loaded,
            Err((status, shown)) => {
                if let Some(progress) = progress {
                    progress.finish_with_message("failed").await;
                }
                corpus_status(&services, &key, CorpusState::Failed, None, Some(status)).await;
                services.show_error(shown).await;
                return;
            }
        };
        for warning in warnings {
            services
                .log(MessageType::WARNING, format!("corpus: {warning}"))
                .await;
        }
        if let Some(problem) = cache.problem {
            services
                .log(
                    MessageType::WARNING,
                    format!("corpus index cache: {problem}"),
                )
                .await;
        }
        let articles = corpus.article_count();
        if let Some(progress) = &progress {
            progress
                .report(format!("Indexing {articles} articles"))
                .await;
        }
        let session = services.session.clone();
        let installing = key.clone();
        let installed = tokio::task::spawn_blocking(move || {
            session.install_corpus(&installing, load, corpus, database)
        })
        .await
        .unwrap_or(false);
        if let Some(progress) = progress {
            progress
                .finish_with_message(format!("{articles} articles"))
                .await;
        }
        if installed {
            corpus_status(&services, &key, CorpusState::Ready, Some(articles), None).await;
            services
                .log(
                    MessageType::INFO,
                    format!(
                        "reference corpus loaded: {articles} articles in {} ms ({} from the index cache)",
                        started.elapsed().as_millis(),
                        cache.reused
                    ),
                )
                .await;
            services.send(Event::Relint(key));
        }
    });
}

async fn begin_progress(
    services: &Services,
    id: u64,
    title: &str,
) -> Option<OngoingProgress<Unbounded, NotCancellable>> {
    if !services.session.caps().work_done_progress {
        return None;
    }
    let token = NumberOrString::String(format!("copydesk/corpus/{id}"));
    services
        .client
        .create_work_done_progress(token.clone())
        .await
        .ok()?;
    Some(
        services
            .client
            .progress(token, title)
            .with_message("Reading articles")
            .begin()
            .await,
    )
}

/// `copydesk/corpusStatus`: tell the editor how a project's corpus load is
/// going, for a status bar item.
pub(super) async fn corpus_status(
    services: &Services,
    key: &ProjectKey,
    state: CorpusState,
    articles: Option<usize>,
    message: Option<String>,
) {
    let root = key.root().display().to_string();
    services
        .client
        .send_notification::<CorpusStatus>(CorpusStatusParams {
            root,
            state,
            articles,
            message,
        })
        .await;
}
