//! Formatting a message into the RFC 5322 text the outbox stores and sends as is.

use anyhow::Context;
use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::calendar;

#[derive(Debug, Clone)]
pub struct Email {
    pub to_name: String,
    pub to_email: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An invite: its method and its ics text.
    pub calendar: Option<(calendar::Method, String)>,
}

/// Formats with lettre: multipart/alternative text+html; when calendar is set, also a
/// `text/calendar; method=REQUEST|CANCEL; charset=UTF-8` alternative part whose method equals
/// the ics METHOD (Outlook rejects a mismatch) AND an `invite.ics` attachment. From from
/// config, Reply-To from the argument. Returns the raw bytes as a String.
pub fn format(from: &str, email: &Email) -> anyhow::Result<String> {
    let from: Mailbox = from.parse().context("mail.from is not a valid address")?;
    // Made here rather than by lettre, whose default names the machine's host.
    let message_id = format!(
        "<{}@{}>",
        uuid::Uuid::new_v4().simple(),
        from.email.domain()
    );
    let to = Mailbox::new(
        Some(email.to_name.clone()).filter(|n| !n.trim().is_empty()),
        email
            .to_email
            .trim()
            .parse()
            .context("the recipient's address is not valid")?,
    );
    let mut builder = Message::builder()
        .message_id(Some(message_id))
        .from(from)
        .to(to)
        .subject(email.subject.clone());
    if let Some(reply_to) = email.reply_to.as_deref().filter(|r| !r.trim().is_empty()) {
        builder = builder.reply_to(
            reply_to
                .trim()
                .parse()
                .context("the reply-to address is not valid")?,
        );
    }

    let alternative = MultiPart::alternative()
        .singlepart(SinglePart::plain(email.text.clone()))
        .singlepart(SinglePart::html(email.html.clone()));
    let message = match &email.calendar {
        None => builder.multipart(alternative),
        Some((method, ics)) => {
            anyhow::ensure!(
                ics.contains(&format!("\r\nMETHOD:{}\r\n", method.as_str())),
                "the invite's METHOD differs from {}",
                method.as_str()
            );
            let part_type = ContentType::parse(&format!(
                "text/calendar; method={}; charset=UTF-8",
                method.as_str()
            ))?;
            let inline = SinglePart::builder()
                .content_type(part_type)
                .body(ics.clone());
            let attachment = Attachment::new("invite.ics".to_owned())
                .body(ics.clone(), ContentType::parse("application/ics")?);
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative.singlepart(inline))
                    .singlepart(attachment),
            )
        }
    }
    .context("building the message")?;
    String::from_utf8(message.formatted()).context("formatted message is not text")
}

/// The address part of a From header in a formatted message: the envelope sender.
pub fn sender_address(raw: &str) -> Option<String> {
    let value = header_value(raw, "From")?;
    let address = match (value.rfind('<'), value.rfind('>')) {
        (Some(start), Some(end)) if start < end => &value[start + 1..end],
        _ => value.trim(),
    };
    Some(address.trim().to_owned())
}

/// One header's value, unfolded, from the header section of a formatted message.
pub fn header_value(raw: &str, name: &str) -> Option<String> {
    let head = raw.split("\r\n\r\n").next()?;
    let mut value: Option<String> = None;
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            if let Some(v) = value.as_mut() {
                v.push_str(line);
            }
            continue;
        }
        if value.is_some() {
            break;
        }
        if let Some((key, rest)) = line.split_once(':')
            && key.eq_ignore_ascii_case(name)
        {
            value = Some(rest.trim().to_owned());
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> Email {
        Email {
            to_name: "Anouk de Vries".into(),
            to_email: "anouk@example.org".into(),
            reply_to: Some("kansrijkestart@example.org".into()),
            subject: "Nieuws over de werkconferentie".into(),
            text: "Beste Anouk".into(),
            html: "<p>Beste Anouk</p>".into(),
            calendar: None,
        }
    }

    #[test]
    fn without_an_invite_it_is_text_and_html_only() {
        let raw = format("werkconf <noreply@werkconf.example.org>", &email()).unwrap();
        assert!(raw.contains("Content-Type: multipart/alternative"));
        assert!(!raw.contains("multipart/mixed"));
        assert!(!raw.contains("text/calendar"));
        assert_eq!(
            sender_address(&raw).as_deref(),
            Some("noreply@werkconf.example.org")
        );
        assert_eq!(
            header_value(&raw, "reply-to").as_deref(),
            Some("kansrijkestart@example.org")
        );
        assert!(header_value(&raw, "Message-ID").is_some());
    }

    #[test]
    fn an_invite_whose_method_differs_from_the_part_is_refused() {
        let mut e = email();
        e.calendar = Some((
            calendar::Method::Cancel,
            "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n".into(),
        ));
        assert!(format("noreply@werkconf.example.org", &e).is_err());
    }

    #[test]
    fn bad_addresses_are_errors_not_panics() {
        let mut e = email();
        e.to_email = "geen adres".into();
        assert!(format("noreply@werkconf.example.org", &e).is_err());
        assert!(format("not an address", &email()).is_err());
    }
}
