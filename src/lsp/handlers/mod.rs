//! One small handler per request or notification: each takes the services
//! (client and session), reads what it needs from the session, and
//! returns its result or starts background work.
//! May import the services, the session and the leaves; never the server.

pub mod notifications;
pub mod requests;
