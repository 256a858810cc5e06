//! Watching config, rules and corpus files: through the client's
//! `workspace/didChangeWatchedFiles` when it can register watchers
//! dynamically, else with a file-system watcher of our own, whose changes
//! come back as [`Event::FilesChanged`].

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecursiveMode, Watcher};
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, MessageType, Registration,
    Unregistration,
};

use super::{Event, Services};
use crate::lsp::session::WatchState;

const REGISTRATION_ID: &str = "copydesk-watched-files";
const WATCHED_FILES: &str = "workspace/didChangeWatchedFiles";
/// Changes arriving this close together are handled as one reload.
const BATCH: Duration = Duration::from_millis(100);
/// How often the polling watcher looks, when the system has no
/// file-event watcher to give (each user has a few hundred at most).
const POLL: Duration = Duration::from_secs(2);

/// Bring the watchers in line with the loaded projects.
pub async fn update_watchers(services: &Services) {
    let targets = services.session.watch_targets();
    let caps = services.session.caps();
    if caps.watched_files_dynamic {
        register_client_watchers(services, targets.client_watchers(caps.relative_patterns));
    } else {
        update_fallback_watcher(services, targets.fallback_paths()).await;
    }
}

fn register_client_watchers(services: &Services, watchers: Vec<FileSystemWatcher>) {
    let Some(previous) = services.session.replace_registered_watchers(&watchers) else {
        return;
    };
    let services = services.clone();
    // The client answers these requests; never make a handler wait on them.
    tokio::spawn(async move {
        let client = &services.client;
        if previous.is_some() {
            let _ = client
                .unregister_capability(vec![Unregistration {
                    id: REGISTRATION_ID.to_string(),
                    method: WATCHED_FILES.to_string(),
                }])
                .await;
        }
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: REGISTRATION_ID.to_string(),
            method: WATCHED_FILES.to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(error) = client.register_capability(vec![registration]).await {
            services
                .log(
                    MessageType::WARNING,
                    format!("the editor refused to watch files ({error}); reload by restarting the server"),
                )
                .await;
        }
    });
}

async fn update_fallback_watcher(services: &Services, wanted: BTreeMap<PathBuf, RecursiveMode>) {
    let synced = services
        .session
        .with_watch_state(|state| sync_fallback_watcher(services, state, wanted));
    let messages = match synced {
        Ok(failures) => failures,
        Err(error) => vec![format!(
            "cannot watch files ({error}); rules and corpus will not reload"
        )],
    };
    for message in messages {
        services.log(MessageType::WARNING, message).await;
    }
}

/// Watch exactly `wanted`; returns the paths that could not be watched.
fn sync_fallback_watcher(
    services: &Services,
    state: &mut WatchState,
    wanted: BTreeMap<PathBuf, RecursiveMode>,
) -> notify::Result<Vec<String>> {
    let mut failures = Vec::new();
    if state.fallback.is_none() {
        let (watcher, polling) = new_fallback_watcher(services)?;
        failures.extend(polling);
        state.fallback = Some(watcher);
    }
    let WatchState {
        fallback, watching, ..
    } = state;
    let Some(watcher) = fallback.as_mut() else {
        return Ok(Vec::new());
    };
    let stale: Vec<PathBuf> = watching
        .iter()
        .filter(|(path, mode)| wanted.get(*path) != Some(mode))
        .map(|(path, _)| path.clone())
        .collect();
    for path in stale {
        let _ = watcher.unwatch(&path);
        watching.remove(&path);
    }
    for (path, mode) in wanted {
        if watching.contains_key(&path) {
            continue;
        }
        match watcher.watch(&path, mode) {
            Ok(()) => {
                watching.insert(path, mode);
            }
            Err(error) => failures.push(format!("cannot watch {}: {error}", path.display())),
        }
    }
    Ok(failures)
}

/// A watcher of file-system events, or a polling one when none is left
/// (with the reason, to log); its events are batched and sent on as
/// [`Event::FilesChanged`].
fn new_fallback_watcher(
    services: &Services,
) -> notify::Result<(Box<dyn Watcher + Send>, Option<String>)> {
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<Vec<PathBuf>>();
    let handler = |sender: tokio::sync::mpsc::UnboundedSender<Vec<PathBuf>>| {
        move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && !matches!(event.kind, EventKind::Access(_))
            {
                let _ = sender.send(event.paths);
            }
        }
    };
    let watcher: (Box<dyn Watcher + Send>, Option<String>) = match notify::recommended_watcher(
        handler(sender.clone()),
    ) {
        Ok(watcher) => (Box::new(watcher), None),
        Err(error) => {
            let config = notify::Config::default().with_poll_interval(POLL);
            let polling = PollWatcher::new(handler(sender), config)?;
            let note = format!(
                "cannot watch files for events ({error}); looking for changes every {} s instead",
                POLL.as_secs()
            );
            (Box::new(polling), Some(note))
        }
    };
    let services = services.clone();
    tokio::spawn(async move {
        while let Some(mut paths) = receiver.recv().await {
            tokio::time::sleep(BATCH).await;
            while let Ok(more) = receiver.try_recv() {
                paths.extend(more);
            }
            paths.sort();
            paths.dedup();
            services.send(Event::FilesChanged(paths));
        }
    });
    Ok(watcher)
}
