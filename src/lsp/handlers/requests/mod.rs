//! Requests: each answers with a result.

pub mod code_action;
pub mod diagnostic;
pub mod execute_command;
pub mod hover;
pub mod initialize;
