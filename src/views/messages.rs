use maud::{Markup, html};

use super::components::{Field, action_button, csrf, error_summary};
use super::{Ctx, page};
use crate::config::ListSettings;
use crate::db::conferences::Conference;
use crate::db::outbox::PAGE as OUTBOX_PAGE;
use crate::db::outbox::{Counts, Status, Summary};
use crate::db::read::roster::Roster;
use crate::db::registrations::Registration;
use crate::domain::FieldErrors;
use crate::domain::message::MessageForm;
use crate::domain::registration::RegistrationStatus;
use crate::domain::template::PLACEHOLDERS;
use crate::i18n::Msg;
use crate::notify::Composed;

fn label(field: &str) -> Msg {
    match field {
        "subject" => Msg::Subject,
        "body" => Msg::MessageBody,
        "status" => Msg::Recipients,
        "discipline" => Msg::FieldDiscipline,
        "municipality" => Msg::FieldMunicipality,
        "insight" => Msg::InsightPreference,
        _ => Msg::FieldUnknown,
    }
}

fn pairs(list: &[String]) -> Vec<(String, String)> {
    list.iter().map(|d| (d.clone(), d.clone())).collect()
}

fn with_all(all: &str, options: Vec<(String, String)>) -> Vec<(String, String)> {
    std::iter::once((String::new(), all.to_owned()))
        .chain(options)
        .collect()
}

pub fn compose(
    ctx: &Ctx,
    roster: &Roster,
    form: &MessageForm,
    errors: &FieldErrors,
    recipients: usize,
    preview: Option<(&Registration, &Composed)>,
    lists: &ListSettings,
) -> Markup {
    let c = &roster.conference;
    let base = format!("/beheer/conferenties/{}", c.id);
    let f = |name, value| Field::new(ctx, errors, name, label(name), value);
    let statuses = {
        let mut v = vec![(String::new(), ctx.t(Msg::RecipientsActive).to_owned())];
        v.extend(
            RegistrationStatus::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), ctx.t(s.label()).to_owned())),
        );
        v
    };
    let all = ctx.t(Msg::All);
    let disciplines = with_all(all, pairs(&lists.disciplines));
    let municipalities = with_all(all, pairs(&lists.municipalities));
    let insights = with_all(
        all,
        roster
            .insights
            .iter()
            .map(|i| (i.id.to_string(), i.title.clone()))
            .collect(),
    );
    page(
        ctx,
        ctx.t(Msg::MessageTitle),
        html! {
            p.breadcrumb { a href=(base) { (c.title) } }
            h1 { (ctx.t(Msg::MessageTitle)) }
            p { a href={ (base) "/mail" } { (ctx.t(Msg::OutboxTitle)) } }
            (error_summary(ctx, errors, label))
            form.stack method="post" action={ (base) "/berichten" } novalidate {
                (csrf(ctx))
                input type="hidden" name="batch" value=(form.batch);
                fieldset {
                    legend { (ctx.t(Msg::Recipients)) }
                    (f("status", &form.status).select(ctx, &statuses))
                    (f("discipline", &form.discipline).select(ctx, &disciplines))
                    (f("municipality", &form.municipality).select(ctx, &municipalities))
                    (f("insight", &form.insight).select(ctx, &insights))
                    p role="status" { (ctx.lang.tf(Msg::RecipientCount, &[&recipients.to_string()])) }
                }
                (f("subject", &form.subject).required().input(ctx))
                (f("body", &form.body).required().textarea(ctx, 10))
                details {
                    summary { (ctx.t(Msg::PlaceholdersSummary)) }
                    dl.placeholders {
                        @for (key, meaning) in PLACEHOLDERS {
                            dt { code { "{{" (key) "}}" } }
                            dd { (ctx.t(meaning)) }
                        }
                    }
                }
                p.actions {
                    button type="submit" name="action" value="preview" { (ctx.t(Msg::Preview)) }
                    @if preview.is_some() {
                        button.primary type="submit" name="action" value="send" {
                            (ctx.lang.tf(Msg::SendToCount, &[&recipients.to_string()]))
                        }
                    }
                }
            }
            @if let Some((first, mail)) = preview {
                section aria-labelledby="voorbeeld" {
                    h2 id="voorbeeld" { (ctx.t(Msg::Preview)) }
                    p { (ctx.lang.tf(Msg::PreviewFor, &[&first.name])) }
                    article.mail-preview {
                        p { strong { (ctx.t(Msg::Subject)) ": " } (mail.subject) }
                        pre { (mail.text) }
                    }
                }
            }
        },
    )
}

pub fn progress(ctx: &Ctx, c: &Conference, batch: &str, counts: &Counts) -> Markup {
    let base = format!("/beheer/conferenties/{}", c.id);
    page(
        ctx,
        ctx.t(Msg::ProgressTitle),
        html! {
            p.breadcrumb { a href=(base) { (c.title) } }
            h1 { (ctx.t(Msg::ProgressTitle)) }
            div #voortgang data-url={ (base) "/berichten/" (batch) "/voortgang" } {
                progress max=(counts.total()) value=(counts.sent + counts.failed) aria-labelledby="voortgang-tekst" {}
                p #voortgang-tekst role="status" aria-live="polite" {
                    (ctx.lang.tf(Msg::ProgressText, &[
                        &counts.sent.to_string(),
                        &counts.total().to_string(),
                        &counts.pending().to_string(),
                        &counts.failed.to_string(),
                    ]))
                }
                template #voortgang-sjabloon { (ctx.t(Msg::ProgressText)) }
            }
            p.actions {
                a href={ (base) "/berichten/" (batch) } { (ctx.t(Msg::Refresh)) }
                a href={ (base) "/mail" } { (ctx.t(Msg::OutboxTitle)) }
            }
            (super::layout::script())
        },
    )
}

pub fn outbox(
    ctx: &Ctx,
    c: &Conference,
    counts: &Counts,
    messages: &[Summary],
    page_number: i64,
) -> Markup {
    let pages = (counts.total() + OUTBOX_PAGE - 1) / OUTBOX_PAGE;
    let base = format!("/beheer/conferenties/{}", c.id);
    let status_label = |s: Status| match s {
        Status::Queued => ctx.t(Msg::MailQueued),
        Status::Sending => ctx.t(Msg::MailSending),
        Status::Sent => ctx.t(Msg::MailSent),
        Status::Retrying => ctx.t(Msg::MailRetrying),
        Status::Failed => ctx.t(Msg::MailFailed),
    };
    page(
        ctx,
        ctx.t(Msg::OutboxTitle),
        html! {
            p.breadcrumb { a href=(base) { (c.title) } }
            h1 { (ctx.t(Msg::OutboxTitle)) }
            dl.facts.counts {
                dt { (ctx.t(Msg::MailQueued)) } dd { (counts.queued + counts.sending) }
                dt { (ctx.t(Msg::MailRetrying)) } dd { (counts.retrying) }
                dt { (ctx.t(Msg::MailSent)) } dd { (counts.sent) }
                dt { (ctx.t(Msg::MailFailed)) } dd { (counts.failed) }
            }
            p.actions { a.button href={ (base) "/berichten" } { (ctx.t(Msg::MessageTitle)) } }
            @if pages > 1 {
                nav.pages aria-label=(ctx.t(Msg::Pages)) {
                    p {
                        (ctx.lang.tf(Msg::PageOf, &[&page_number.to_string(), &pages.to_string()]))
                        @if page_number > 1 {
                            " " a href={ (base) "/mail?pagina=" (page_number - 1) } { (ctx.t(Msg::PreviousPage)) }
                        }
                        @if page_number < pages {
                            " " a href={ (base) "/mail?pagina=" (page_number + 1) } { (ctx.t(Msg::NextPage)) }
                        }
                    }
                }
            }
            @if messages.is_empty() {
                p { (ctx.t(Msg::OutboxEmpty)) }
            } @else {
                table.list {
                    caption.visually-hidden { (ctx.t(Msg::OutboxTitle)) }
                    thead { tr {
                        th scope="col" { (ctx.t(Msg::Time)) }
                        th scope="col" { (ctx.t(Msg::Recipient)) }
                        th scope="col" { (ctx.t(Msg::Subject)) }
                        th scope="col" { (ctx.t(Msg::FieldStatus)) }
                        th scope="col" { span.visually-hidden { (ctx.t(Msg::Actions)) } }
                    } }
                    tbody {
                        @for m in messages {
                            tr {
                                td { (ctx.lang.datetime(m.created_at)) }
                                td { (m.recipient) }
                                td { (m.subject) }
                                td {
                                    (status_label(m.status))
                                    @if m.attempts > 1 || m.status == Status::Failed || m.status == Status::Retrying {
                                        br; small { (ctx.lang.tf(Msg::Attempts, &[&m.attempts.to_string()])) }
                                    }
                                    @if let Some(error) = &m.last_error {
                                        @if m.status != Status::Sent { br; small { (error) } }
                                    }
                                }
                                td {
                                    @if m.status == Status::Failed {
                                        (action_button(ctx, &format!("{base}/mail/{}/opnieuw", m.id),
                                            &format!("{} {}", ctx.t(Msg::RetryAction), m.recipient), "link"))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
