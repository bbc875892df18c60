//! Delivering one formatted message: as a file, or to an SMTP server.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use lettre::address::Envelope;
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Address, SmtpTransport, Transport as _};

use crate::config::{MailSettings, SmtpSettings, Tls, TransportKind};

/// Why one attempt failed. The text holds no addresses, so it may be stored and logged.
#[derive(Debug)]
pub struct SendError {
    pub message: String,
    /// Trying again cannot help (the server refused the message for good).
    pub permanent: bool,
}

#[derive(Clone)]
pub enum Transport {
    File(PathBuf),
    Smtp(Box<SmtpTransport>),
    /// Kept in memory, for tests that read what was sent; never chosen by configuration.
    Memory(Mailbox),
}

/// One message as a transport delivered it.
#[derive(Debug, Clone)]
pub struct Delivered {
    pub id: String,
    pub recipient: String,
    pub raw: String,
}

/// What the memory transport delivered, oldest first. Cheap to clone; clones share it.
#[derive(Clone, Default)]
pub struct Mailbox(Arc<Mutex<Vec<Delivered>>>);

impl Mailbox {
    pub fn all(&self) -> Vec<Delivered> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The messages to one address, oldest first.
    pub fn to(&self, recipient: &str) -> Vec<Delivered> {
        self.all()
            .into_iter()
            .filter(|m| m.recipient.eq_ignore_ascii_case(recipient))
            .collect()
    }

    fn push(&self, message: Delivered) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(message);
    }
}

impl Transport {
    pub fn from_settings(settings: &MailSettings) -> anyhow::Result<Transport> {
        match settings.transport {
            TransportKind::File => Ok(Transport::File(settings.file_dir.clone())),
            TransportKind::Smtp => Ok(Transport::Smtp(Box::new(smtp(&settings.smtp)?))),
        }
    }

    /// Sends `raw` as it is, from the address in its From header to `recipient`.
    pub fn send(&self, id: &str, recipient: &str, raw: &str) -> Result<(), SendError> {
        match self {
            Transport::File(dir) => write_file(dir, id, raw).map_err(|e| SendError {
                message: redact(&format!("{e:#}")),
                permanent: false,
            }),
            Transport::Memory(mailbox) => {
                mailbox.push(Delivered {
                    id: id.to_owned(),
                    recipient: recipient.to_owned(),
                    raw: raw.to_owned(),
                });
                Ok(())
            }
            Transport::Smtp(smtp) => {
                let envelope = envelope(recipient, raw).map_err(|e| SendError {
                    message: redact(&format!("{e:#}")),
                    permanent: true,
                })?;
                smtp.send_raw(&envelope, raw.as_bytes())
                    .map(|_| ())
                    .map_err(|e| SendError {
                        message: redact(&error_chain(&e)),
                        permanent: e.is_permanent(),
                    })
            }
        }
    }
}

fn smtp(s: &SmtpSettings) -> anyhow::Result<SmtpTransport> {
    let builder = match s.tls {
        Tls::None => SmtpTransport::builder_dangerous(&s.host),
        Tls::Starttls => SmtpTransport::starttls_relay(&s.host)
            .with_context(|| format!("mail.smtp.host {:?}", s.host))?,
        Tls::Tls => {
            SmtpTransport::relay(&s.host).with_context(|| format!("mail.smtp.host {:?}", s.host))?
        }
    };
    let mut builder = builder
        .port(s.port)
        .timeout(Some(Duration::from_secs(s.timeout_seconds.max(1))))
        .pool_config(PoolConfig::new().max_size(s.pool_size.max(1)));
    if !s.user.is_empty() {
        builder = builder.credentials(Credentials::new(
            s.user.clone(),
            s.password.expose().to_owned(),
        ));
    }
    Ok(builder.build())
}

fn envelope(recipient: &str, raw: &str) -> anyhow::Result<Envelope> {
    let from = super::message::sender_address(raw).context("the message has no From")?;
    let from: Address = from.parse().context("the From address is not valid")?;
    let to: Address = recipient
        .parse()
        .context("the recipient address is not valid")?;
    Ok(Envelope::new(Some(from), vec![to])?)
}

/// Writes `<id>.eml` whole or not at all: a temporary file renamed into place, so whoever
/// watches the folder never reads half a message.
fn write_file(dir: &std::path::Path, id: &str, raw: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
        "unexpected message id"
    );
    std::fs::create_dir_all(dir).context("creating the mail folder")?;
    let tmp = dir.join(format!(".{id}.eml.tmp"));
    let path = dir.join(format!("{id}.eml"));
    let mut file = std::fs::File::create(&tmp).context("creating the mail file")?;
    file.write_all(raw.as_bytes())
        .and_then(|_| file.sync_all())
        .context("writing the mail file")?;
    std::fs::rename(&tmp, &path).context("moving the mail file into place")?;
    Ok(())
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Servers echo addresses in their replies ("550 <x@y>: unknown user"); the outbox keeps
/// errors and the log shows them, so every word with an @ is blanked.
pub fn redact(text: &str) -> String {
    let mut out: String = text
        .split(' ')
        .map(|word| {
            if word.contains('@') {
                "[address]"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    if out.len() > 500 {
        let mut cut = 500;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_lose_their_addresses() {
        assert_eq!(
            redact("550 5.1.1 <anouk@example.org>: Recipient address rejected"),
            "550 5.1.1 [address] Recipient address rejected"
        );
    }

    #[test]
    fn file_transport_writes_the_message_whole_under_its_id() {
        let dir = std::env::temp_dir().join(format!("werkconf-mail-{}", uuid::Uuid::new_v4()));
        let transport = Transport::File(dir.clone());
        transport
            .send(
                "0192f3a4-aaaa-7bbb-8ccc-123456789abc",
                "a@example.org",
                "raw",
            )
            .unwrap();
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec!["0192f3a4-aaaa-7bbb-8ccc-123456789abc.eml"]);
        assert!(transport.send("../escape", "a@example.org", "raw").is_err());
        let _ = std::fs::remove_dir_all(dir);
    }
}
