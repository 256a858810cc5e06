//! Connecting to the corpus database. The URL names the server, database
//! and role; the password comes from `PGPASSWORD` or `~/.pgpass` (or the
//! URL the user typed), never from a project's `copydesk.toml`. TLS is set
//! as libpq sets it (see `tls`).

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use postgres::config::Host;
use postgres::{Client, Config, NoTls};

use super::tls::{Mode, split_url};

/// The URL with any password left out, for messages.
pub fn display_url(url: &str) -> String {
    // The query (TLS files, options) is not shown, and may hold what the
    // driver does not parse.
    let base = url.split_once('?').map_or(url, |(base, _)| base);
    match Config::from_str(base) {
        Ok(config) => {
            let host = config
                .get_hosts()
                .first()
                .map(|h| match h {
                    Host::Tcp(name) => name.clone(),
                    Host::Unix(path) => path.display().to_string(),
                })
                .unwrap_or_default();
            let port = config.get_ports().first().copied().unwrap_or(5432);
            let db = config.get_dbname().unwrap_or("");
            format!("postgres://{host}:{port}/{db}")
        }
        Err(_) => "postgres://…".to_string(),
    }
}

/// Open a connection; the error is one line naming the server.
pub fn connect(url: &str) -> Result<Client, String> {
    let shown = display_url(url);
    let (url, tls) = split_url(url).map_err(|e| format!("{shown}: {e}"))?;
    let mut config =
        Config::from_str(&url).map_err(|e| format!("{shown}: not a database URL ({e})"))?;
    if config.get_user().is_none() {
        let user = std::env::var("PGUSER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "postgres".into());
        config.user(&user);
    }
    if config.get_password().is_none()
        && let Some(password) = password_for(&config)
    {
        config.password(password);
    }
    config.connect_timeout(Duration::from_secs(5));
    config.application_name("copydesk");
    config.ssl_mode(tls.driver_mode());
    let connected = if tls.mode == Mode::Disable {
        config.connect(NoTls)
    } else {
        let connector = tls.connector().map_err(|e| format!("{shown}: {e}"))?;
        config.connect(connector)
    };
    connected.map_err(|e| format!("{shown}: cannot connect ({})", error_chain(&e)))
}

/// The error with its causes: the driver's own message for a failed
/// handshake is only "error performing TLS handshake".
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let said = cause.to_string();
        if !text.contains(&said) {
            text = format!("{text}: {said}");
        }
        source = cause.source();
    }
    text
}

/// `PGPASSWORD`, else the first matching line of `PGPASSFILE` or
/// `~/.pgpass` (host:port:database:user:password, `*` matching any).
fn password_for(config: &Config) -> Option<String> {
    if let Ok(password) = std::env::var("PGPASSWORD") {
        return Some(password);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first()? {
        Host::Tcp(name) => name.clone(),
        Host::Unix(_) => "localhost".into(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let wanted = [
        host.as_str(),
        port.as_str(),
        config.get_dbname().unwrap_or(""),
        config.get_user().unwrap_or(""),
    ];
    pgpass_lookup(&text, wanted)
}

/// The password of the first `.pgpass` line whose fields match.
fn pgpass_lookup(text: &str, wanted: [&str; 4]) -> Option<String> {
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .find_map(|line| {
            let fields = split_pgpass(line);
            let [host, port, db, user, password] = fields.as_slice() else {
                return None;
            };
            [host, port, db, user]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field.as_str() == "*" || field.as_str() == want)
                .then(|| password.clone())
        })
}

/// Fields split at unescaped colons, `\:` and `\\` unescaped.
fn split_pgpass(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), fields.last_mut()) {
                    field.push(next);
                }
            }
            ':' => fields.push(String::new()),
            c => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_lines_match_field_by_field_with_wildcards() {
        let text = "# comment\nother:5432:news:reader:nope\n*:5432:news:read\\:er:s3cret\n";
        assert_eq!(
            pgpass_lookup(text, ["db.local", "5432", "news", "read:er"]),
            Some("s3cret".into())
        );
        assert_eq!(
            pgpass_lookup(text, ["db.local", "5433", "news", "read:er"]),
            None
        );
    }

    #[test]
    fn urls_are_shown_without_their_password() {
        let url = "postgres://writer:hunter2@db.local:6543/archive";
        assert_eq!(display_url(url), "postgres://db.local:6543/archive");
    }
}
