//! Requests: each answers with a result.
//! May import the services, the session and the leaves below them.

pub mod code_action;
pub mod diagnostic;
pub mod execute_command;
pub mod hover;
pub mod initialize;
