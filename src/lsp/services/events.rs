//! The events services send instead of calling each other, handled one at
//! a time in the order sent: a reload's file changes are applied before the
//! analyses they ask for.

use std::time::Duration;

use tokio::sync::mpsc::UnboundedReceiver;

use super::analysis::{relint, schedule};
use super::projects::files_changed;
use super::{Event, Services};

/// Handle `events` until the server ends.
pub async fn run(services: Services, mut events: UnboundedReceiver<Event>) {
    while let Some(event) = events.recv().await {
        match event {
            Event::FilesChanged(paths) => files_changed(&services, paths).await,
            Event::Relint(key) => relint(&services, &key),
            Event::Analyse(uri) => schedule(&services, uri, Duration::ZERO),
        }
    }
}
