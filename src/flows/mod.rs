//! What happens when people act: the database change and the mail it causes, together in
//! one transaction, so that neither exists without the other.

pub mod registration;
