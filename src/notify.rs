//! What werkconf writes to participants: subject, plain text and HTML of each message, in
//! the participant's language. Sending is the outbox's job; this module only composes.

use maud::{Markup, html};

use crate::db::conferences::{Conference, ConferenceTexts};
use crate::db::registrations::Registration;
use crate::domain::registration::RegistrationStatus;
use crate::domain::template::{self, Values};
use crate::i18n::{Lang, Msg};

/// A composed message, before it is addressed and formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One block of a message body.
pub enum Block {
    Text(String),
    Link(String, String),
}

impl Composed {
    pub fn new(lang: Lang, subject: String, blocks: &[Block]) -> Composed {
        let text = blocks
            .iter()
            .map(|b| match b {
                Block::Text(t) => t.clone(),
                Block::Link(label, url) => format!("{label}:\n{url}"),
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        let body: Markup = html! {
            @for block in blocks {
                @match block {
                    Block::Text(t) => p { @for (i, line) in t.lines().enumerate() { @if i > 0 { br; } (line) } },
                    Block::Link(label, url) => p { a href=(url) { (label) } },
                }
            }
        };
        let html = html! {
            (maud::DOCTYPE)
            html lang=(lang.code()) { head { meta charset="utf-8"; title { (subject) } }
                body style="font-family: sans-serif; line-height: 1.5; max-width: 40em;" { (body) } }
        }
        .into_string();
        Composed {
            subject,
            text: text + "\n",
            html,
        }
    }
}

/// One breakout session of a participant's programme, as a message tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub round: String,
    /// "10:00–11:00", in the participant's language and Amsterdam time.
    pub when: String,
    pub room: String,
    pub insight: String,
    pub question_professional: String,
    pub question_together: String,
}

/// What a message about one registration needs to know.
pub struct Context<'a> {
    pub conference: &'a Conference,
    pub texts: &'a ConferenceTexts,
    pub registration: &'a Registration,
    /// Absolute manage link, `{base_url}/r/{token}`.
    pub manage_link: &'a str,
    pub waiting_position: Option<i64>,
    /// Titles of the preferred insights, most wanted first.
    pub preferences: &'a [String],
}

impl Context<'_> {
    fn lang(&self) -> Lang {
        Lang::parse(&self.registration.lang).unwrap_or_default()
    }

    fn status_text(&self) -> String {
        let lang = self.lang();
        match (self.registration.status(), self.waiting_position) {
            (RegistrationStatus::Waiting, Some(n)) => {
                lang.tf(Msg::MailStatusWaiting, &[&n.to_string()])
            }
            (status, _) => lang.t(status.label()).to_lowercase(),
        }
    }

    fn venue(&self) -> String {
        match self.conference.location() {
            location if location.is_empty() => self.lang().t(Msg::VenueFollows).to_owned(),
            location => location,
        }
    }

    /// The organiser's text (or the default) with this participant's values.
    pub fn intro(&self) -> String {
        let lang = self.lang();
        let custom = match lang {
            Lang::Nl => &self.texts.confirmation_text,
            Lang::En => &self.texts.confirmation_text_en,
        };
        let text = if custom.trim().is_empty() {
            lang.t(Msg::DefaultConfirmationText)
        } else {
            custom
        };
        let date = lang.span(self.conference.starts_at, self.conference.ends_at);
        template::fill(
            text,
            &Values {
                name: &self.registration.name,
                conference: &self.conference.title,
                date: &date,
                venue: &self.venue(),
                status: &self.status_text(),
                manage_link: self.manage_link,
            },
        )
    }

    fn details(&self) -> Block {
        let lang = self.lang();
        let c = self.conference;
        let mut lines = vec![
            format!("{}: {}", lang.t(Msg::MailYourStatus), self.status_text()),
            format!(
                "{}: {}",
                lang.t(Msg::When),
                lang.span(c.starts_at, c.ends_at)
            ),
            format!("{}: {}", lang.t(Msg::Where), self.venue()),
        ];
        if !self.preferences.is_empty() {
            let list = self
                .preferences
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{}. {p}", i + 1))
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(format!("{}: {list}", lang.t(Msg::Insights)));
        }
        Block::Text(lines.join("\n"))
    }

    fn manage_block(&self) -> Block {
        Block::Link(
            self.lang().t(Msg::MailManageLink).to_owned(),
            self.manage_link.to_owned(),
        )
    }

    fn closing(&self) -> Block {
        Block::Text(self.lang().t(Msg::MailClosing).to_owned())
    }

    fn subject(&self, msg: Msg) -> String {
        self.lang().tf(msg, &[&self.conference.title])
    }

    /// After registering: confirmed or on the waiting list.
    pub fn confirmation(&self) -> Composed {
        let subject = match self.registration.status() {
            RegistrationStatus::Waiting => Msg::MailSubjectWaiting,
            _ => Msg::MailSubjectConfirmed,
        };
        Composed::new(
            self.lang(),
            self.subject(subject),
            &[
                Block::Text(self.intro()),
                self.details(),
                self.manage_block(),
                self.closing(),
            ],
        )
    }

    /// Someone registered again with the same address: their link, nothing more.
    pub fn link_again(&self) -> Composed {
        Composed::new(
            self.lang(),
            self.subject(Msg::MailSubjectLinkAgain),
            &[
                Block::Text(
                    self.lang()
                        .tf(Msg::MailLinkAgain, &[&self.registration.name]),
                ),
                self.details(),
                self.manage_block(),
                self.closing(),
            ],
        )
    }

    /// A place came free and is theirs now.
    pub fn promoted(&self) -> Composed {
        Composed::new(
            self.lang(),
            self.subject(Msg::MailSubjectPromoted),
            &[
                Block::Text(
                    self.lang()
                        .tf(Msg::MailPromoted, &[&self.registration.name]),
                ),
                self.details(),
                self.manage_block(),
                self.closing(),
            ],
        )
    }

    pub fn cancelled(&self) -> Composed {
        Composed::new(
            self.lang(),
            self.subject(Msg::MailSubjectCancelled),
            &[
                Block::Text(
                    self.lang()
                        .tf(Msg::MailCancelled, &[&self.registration.name]),
                ),
                self.closing(),
            ],
        )
    }

    /// The published programme: per breakout round the time, room, insight and its two
    /// guiding questions.
    pub fn programme(&self, sessions: &[Session]) -> Composed {
        let lang = self.lang();
        let mut blocks = vec![Block::Text(
            lang.tf(Msg::MailProgramme, &[&self.registration.name]),
        )];
        for s in sessions {
            blocks.push(Block::Text(format!(
                "{} ({}), {}: {}\n– {}\n– {}",
                s.round, s.when, s.room, s.insight, s.question_professional, s.question_together
            )));
        }
        blocks.push(self.details());
        blocks.push(self.manage_block());
        blocks.push(self.closing());
        Composed::new(lang, self.subject(Msg::MailSubjectProgramme), &blocks)
    }

    /// The organiser changed the time or the venue.
    pub fn changed(&self) -> Composed {
        Composed::new(
            self.lang(),
            self.subject(Msg::MailSubjectChanged),
            &[
                Block::Text(self.lang().tf(Msg::MailChanged, &[&self.registration.name])),
                self.details(),
                self.manage_block(),
                self.closing(),
            ],
        )
    }
}

/// One group as its facilitator reads it: the session and who sits there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilitatorGroup {
    pub session: Session,
    /// Name, discipline and organisation of each participant, by name.
    pub people: Vec<(String, String, String)>,
}

/// The mail to a facilitator after publishing: their groups, with who comes, and their
/// personal link. A facilitator has no registration that records a language, so the
/// caller picks it (Dutch, the conference's language).
pub fn facilitator(
    lang: Lang,
    conference: &Conference,
    name: &str,
    groups: &[FacilitatorGroup],
    link: &str,
) -> Composed {
    let mut blocks = vec![Block::Text(lang.tf(Msg::MailFacilitator, &[name]))];
    for g in groups {
        let s = &g.session;
        let mut text = format!(
            "{} ({}), {}: {}\n– {}\n– {}\n{}",
            s.round,
            s.when,
            s.room,
            s.insight,
            s.question_professional,
            s.question_together,
            lang.tf(Msg::MailFacilitatorPeople, &[&g.people.len().to_string()])
        );
        for (person, discipline, organisation) in &g.people {
            text.push_str(&format!("\n• {person} – {discipline}, {organisation}"));
        }
        blocks.push(Block::Text(text));
    }
    blocks.push(Block::Link(
        lang.t(Msg::MailFacilitatorLink).to_owned(),
        link.to_owned(),
    ));
    blocks.push(Block::Text(lang.t(Msg::MailClosing).to_owned()));
    Composed::new(
        lang,
        lang.tf(Msg::MailSubjectFacilitator, &[&conference.title]),
        &blocks,
    )
}

/// The code to vote with, for someone who came through the conference's QR code, with
/// the link to their own ballot as well.
pub fn vote_code(
    lang: Lang,
    conference: &Conference,
    name: &str,
    code: &str,
    link: &str,
) -> Composed {
    Composed::new(
        lang,
        lang.tf(Msg::MailSubjectVoteCode, &[&conference.title]),
        &[
            Block::Text(lang.tf(Msg::MailVoteCode, &[name, code])),
            Block::Link(lang.t(Msg::MailVoteLink).to_owned(), link.to_owned()),
            Block::Text(lang.t(Msg::MailClosing).to_owned()),
        ],
    )
}

/// The owner's link to their pilot: where they post progress and evaluations.
pub fn pilot_owner(lang: Lang, title: &str, name: &str, link: &str) -> Composed {
    Composed::new(
        lang,
        lang.tf(Msg::MailSubjectPilotOwner, &[title]),
        &[
            Block::Text(lang.tf(Msg::MailPilotOwner, &[name, title])),
            Block::Link(lang.t(Msg::MailPilotLink).to_owned(), link.to_owned()),
            Block::Text(lang.t(Msg::MailClosing).to_owned()),
        ],
    )
}

/// The reminder before an evaluation: the date, the questions of the cycle, the link.
pub fn pilot_reminder(lang: Lang, title: &str, name: &str, date: &str, link: &str) -> Composed {
    Composed::new(
        lang,
        lang.tf(Msg::MailSubjectPilotReminder, &[title, date]),
        &[
            Block::Text(lang.tf(Msg::MailPilotReminder, &[name, title, date])),
            Block::Link(lang.t(Msg::MailPilotLink).to_owned(), link.to_owned()),
            Block::Text(lang.t(Msg::MailClosing).to_owned()),
        ],
    )
}

/// The organisers' weekly summary: overdue evaluations first, then this week's.
pub fn pilot_summary(
    lang: Lang,
    name: &str,
    overdue: &[(String, String, String)],
    coming: &[(String, String, String)],
) -> Composed {
    let list = |items: &[(String, String, String)]| {
        items
            .iter()
            .map(|(title, date, url)| format!("• {title} ({date})\n  {url}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut blocks = vec![Block::Text(lang.tf(Msg::MailPilotSummary, &[name]))];
    if !overdue.is_empty() {
        blocks.push(Block::Text(format!(
            "{}\n{}",
            lang.t(Msg::MailPilotSummaryOverdue),
            list(overdue)
        )));
    }
    if !coming.is_empty() {
        blocks.push(Block::Text(format!(
            "{}\n{}",
            lang.t(Msg::MailPilotSummaryComing),
            list(coming)
        )));
    }
    blocks.push(Block::Text(lang.t(Msg::MailClosing).to_owned()));
    Composed::new(
        lang,
        lang.tf(Msg::MailSubjectPilotSummary, &[&overdue.len().to_string()]),
        &blocks,
    )
}
