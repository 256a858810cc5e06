//! Notifications: each updates the session and starts what follows.
//! May import the services, the session and the leaves below them.

pub mod did_change;
pub mod did_change_configuration;
pub mod did_change_watched_files;
pub mod did_change_workspace_folders;
pub mod did_close;
pub mod did_open;
pub mod initialized;
