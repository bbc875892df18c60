//! Organiser pages.

use maud::{Markup, html};

use super::components::{Field, action_button, csrf, error_summary, paragraphs};
use super::public::status_badge;
use super::{Ctx, page};
use crate::db::conferences::Conference;
use crate::db::insights::Insight;
use crate::db::programme::ProgrammeItem;
use crate::domain::FieldErrors;
use crate::domain::account::LoginForm;
use crate::domain::conference::{ConferenceForm, Status};
use crate::domain::insight::InsightForm;
use crate::domain::programme::{ItemKind, ProgrammeForm};
use crate::i18n::Msg;

pub fn login(ctx: &Ctx, form: &LoginForm, error: Option<&str>, no_organisers: bool) -> Markup {
    let none = FieldErrors::default();
    page(
        ctx,
        ctx.t(Msg::LoginTitle),
        html! {
            h1 { (ctx.t(Msg::LoginTitle)) }
            @if no_organisers {
                div.notice role="note" {
                    p { (ctx.t(Msg::FirstRunNotice)) }
                    pre { code { "werkconf create-organiser --email naam@organisatie.nl --name \"Naam\"" } }
                }
            }
            @if let Some(error) = error {
                div.error-summary role="alert" tabindex="-1" autofocus {
                    p { (error) }
                }
            }
            form.stack method="post" action="/login" novalidate {
                (csrf(ctx))
                input type="hidden" name="next" value=(form.next);
                (Field::new(ctx, &none, "email", Msg::FieldEmail, &form.email)
                    .kind("email").required().autocomplete("username").input(ctx))
                (Field::new(ctx, &none, "password", Msg::FieldPassword, "")
                    .kind("password").required().autocomplete("current-password").input(ctx))
                button.primary type="submit" { (ctx.t(Msg::LoginButton)) }
            }
        },
    )
}

pub fn dashboard(ctx: &Ctx, conferences: &[Conference], archived: bool) -> Markup {
    let title = if archived {
        Msg::ArchiveTitle
    } else {
        Msg::DashboardTitle
    };
    page(
        ctx,
        ctx.t(title),
        html! {
            h1 { (ctx.t(title)) }
            p.actions {
                a.button.primary href="/beheer/conferenties/nieuw" { (ctx.t(Msg::NewConference)) }
                a.button href="/beheer/pilots" { (ctx.t(Msg::PilotsTitle)) }
                @if archived {
                    a href="/beheer" { (ctx.t(Msg::ShowCurrent)) }
                } @else {
                    a href="/beheer?archief=1" { (ctx.t(Msg::ShowArchive)) }
                }
            }
            @if conferences.is_empty() {
                p { (ctx.t(if archived { Msg::ArchiveEmpty } else { Msg::DashboardEmpty })) }
            } @else {
                table.list {
                    caption.visually-hidden { (ctx.t(title)) }
                    thead { tr {
                        th scope="col" { (ctx.t(Msg::FieldTitle)) }
                        th scope="col" { (ctx.t(Msg::When)) }
                        th scope="col" { (ctx.t(Msg::FieldStatus)) }
                    } }
                    tbody {
                        @for c in conferences {
                            tr {
                                td { a href={ "/beheer/conferenties/" (c.id) } { (c.title) } }
                                td { (ctx.lang.date(c.starts_at)) }
                                td { (status_badge(ctx, c.status())) }
                            }
                        }
                    }
                }
            }
            form.inline method="post" action="/logout/overal" {
                input type="hidden" name="csrf" value=(ctx.csrf());
                p {
                    button.link type="submit" aria-describedby="overal-uitleg" {
                        (ctx.t(Msg::LogoutEverywhere))
                    }
                    " "
                    span #overal-uitleg { (ctx.t(Msg::LogoutEverywhereHint)) }
                }
            }
        },
    )
}

fn conference_label(field: &str) -> Msg {
    match field {
        "title" => Msg::FieldTitle,
        "slug" => Msg::FieldSlug,
        "description" => Msg::FieldDescription,
        "venue_name" => Msg::FieldVenueName,
        "venue_address" => Msg::FieldVenueAddress,
        "starts_at" => Msg::FieldStartsAt,
        "ends_at" => Msg::FieldEndsAt,
        "capacity" => Msg::FieldCapacity,
        "registration_opens_at" => Msg::FieldRegistrationOpens,
        "registration_closes_at" => Msg::FieldRegistrationCloses,
        "contact_email" => Msg::FieldContactEmail,
        "status" => Msg::FieldStatus,
        _ => Msg::FieldUnknown,
    }
}

/// New (`id` None) or edit form for a conference.
pub fn conference_form(
    ctx: &Ctx,
    form: &ConferenceForm,
    errors: &FieldErrors,
    id: Option<&str>,
) -> Markup {
    let title = if id.is_some() {
        Msg::EditConference
    } else {
        Msg::NewConference
    };
    let action = match id {
        Some(id) => format!("/beheer/conferenties/{id}/bewerken"),
        None => "/beheer/conferenties/nieuw".to_owned(),
    };
    let statuses: Vec<(&str, &str)> = Status::ALL
        .iter()
        .map(|s| (s.as_str(), ctx.t(s.label())))
        .collect();
    let f = |name, value| Field::new(ctx, errors, name, conference_label(name), value);
    page(
        ctx,
        ctx.t(title),
        html! {
            h1 { (ctx.t(title)) }
            (error_summary(ctx, errors, conference_label))
            form.stack method="post" action=(action) novalidate {
                (csrf(ctx))
                (f("title", &form.title).required().input(ctx))
                (f("slug", &form.slug).hint(ctx.t(if id.is_some() { Msg::HintSlugEdit } else { Msg::HintSlug })).input(ctx))
                (f("description", &form.description).hint(ctx.t(Msg::HintDescription)).textarea(ctx, 6))
                fieldset {
                    legend { (ctx.t(Msg::WhenAndWhere)) }
                    (f("starts_at", &form.starts_at).kind("datetime-local").required().hint(ctx.t(Msg::HintDateTime)).input(ctx))
                    (f("ends_at", &form.ends_at).kind("datetime-local").required().hint(ctx.t(Msg::HintDateTime)).input(ctx))
                    (f("venue_name", &form.venue_name).input(ctx))
                    (f("venue_address", &form.venue_address).textarea(ctx, 2))
                }
                fieldset {
                    legend { (ctx.t(Msg::Registration)) }
                    (f("capacity", &form.capacity).kind("number").required().input(ctx))
                    (f("registration_opens_at", &form.registration_opens_at).kind("datetime-local").hint(ctx.t(Msg::HintOpens)).input(ctx))
                    (f("registration_closes_at", &form.registration_closes_at).kind("datetime-local").hint(ctx.t(Msg::HintCloses)).input(ctx))
                    (f("contact_email", &form.contact_email).kind("email").required().autocomplete("email").input(ctx))
                    (f("status", &form.status).required().hint(ctx.t(Msg::HintStatus)).select(ctx, &statuses))
                }
                p.actions {
                    button.primary type="submit" { (ctx.t(Msg::Save)) }
                    a href=(id.map(|id| format!("/beheer/conferenties/{id}")).unwrap_or_else(|| "/beheer".into())) { (ctx.t(Msg::Cancel)) }
                }
            }
        },
    )
}

/// Where the capture of action points stands.
pub struct Capture {
    pub locked_at: Option<chrono::NaiveDateTime>,
    /// Live action points captured so far.
    pub points: usize,
    /// The wall with its key, for the screen in the room.
    pub wall_link: String,
    /// The points and the vote, for the charts.
    pub read: crate::db::read::wall::WallRead,
}

pub fn conference_detail(
    ctx: &Ctx,
    c: &Conference,
    insights: &[Insight],
    programme: &[ProgrammeItem],
    capture: &Capture,
) -> Markup {
    let base = format!("/beheer/conferenties/{}", c.id);
    page(
        ctx,
        &c.title,
        html! {
            p.breadcrumb { a href="/beheer" { (ctx.t(Msg::DashboardTitle)) } }
            h1 { (c.title) }
            p { (status_badge(ctx, c.status()))
                @if c.archived_at.is_some() { " " (super::components::badge(ctx.t(Msg::Archived), "archived")) } }
            p.actions {
                a.button href={ (base) "/bewerken" } { (ctx.t(Msg::EditConference)) }
                a.button href={ (base) "/deelnemers" } { (ctx.t(Msg::ManageParticipants)) }
                a.button href={ (base) "/groepen" } { (ctx.t(Msg::GroupsTitle)) }
                a.button href={ (base) "/teksten" } { (ctx.t(Msg::TextsTitle)) }
                a.button href={ (base) "/berichten" } { (ctx.t(Msg::MessageTitle)) }
                a href={ (base) "/mail" } { (ctx.t(Msg::OutboxTitle)) }
                a href={ "/c/" (c.slug) } { (ctx.t(Msg::ViewPublicPage)) }
                @if c.archived_at.is_some() {
                    (action_button(ctx, &format!("{base}/terugzetten"), ctx.t(Msg::Restore), "secondary"))
                } @else {
                    (action_button(ctx, &format!("{base}/archiveren"), ctx.t(Msg::ArchiveAction), "secondary"))
                }
            }
            dl.facts {
                dt { (ctx.t(Msg::When)) }
                dd { (ctx.lang.span(c.starts_at, c.ends_at)) }
                dt { (ctx.t(Msg::Where)) }
                dd { @if c.venue_name.is_empty() { (ctx.t(Msg::VenueFollows)) } @else { (c.venue_name) } }
                dt { (ctx.t(Msg::FieldCapacity)) }
                dd { (c.capacity) }
                dt { (ctx.t(Msg::FieldRegistrationOpens)) }
                dd { (c.registration_opens_at.map(|t| ctx.lang.datetime(t)).unwrap_or_else(|| ctx.t(Msg::WhenPublished).to_owned())) }
                dt { (ctx.t(Msg::FieldRegistrationCloses)) }
                dd { (c.registration_closes_at.map(|t| ctx.lang.datetime(t)).unwrap_or_else(|| ctx.t(Msg::AtStart).to_owned())) }
                dt { (ctx.t(Msg::FieldContactEmail)) }
                dd { (c.contact_email) }
                dt { (ctx.t(Msg::PublicAddress)) }
                dd { code { "/c/" (c.slug) } }
            }

            section aria-labelledby="actiepunten" {
                h2 id="actiepunten" { (ctx.t(Msg::ActionPointsTitle)) }
                p { (ctx.lang.tf(Msg::PointsCaptured, &[&capture.points.to_string()])) " "
                    @match capture.locked_at {
                        Some(at) => (ctx.lang.tf(Msg::CaptureLockedAt, &[&ctx.lang.datetime(at)])),
                        None => (ctx.t(Msg::CaptureOpen)),
                    }
                }
                p.actions {
                    a.button href={ (base) "/actiepunten" } { (ctx.t(Msg::ActionPointsTitle)) }
                    a.button href={ "/c/" (c.slug) "/wall" } { (ctx.t(Msg::WallOpen)) }
                }
                p { (ctx.t(Msg::WallLink)) " " code.link { (capture.wall_link) } }
                p { (super::vote::state_line(ctx.lang, &capture.read)) " " a href={ (base) "/stemming" } { (ctx.t(Msg::VoteTitle)) } }
                @if capture.points > 0 {
                    (super::points::points_chart(ctx.lang, &capture.read))
                    (super::points::vote_chart(ctx.lang, &capture.read))
                }
                @if capture.locked_at.is_some() {
                    (action_button(ctx, &format!("{base}/actiepunten/openen"), ctx.t(Msg::CaptureUnlock), "secondary"))
                } @else {
                    (action_button(ctx, &format!("{base}/actiepunten/sluiten"), ctx.t(Msg::CaptureLock), "secondary"))
                }
            }

            section aria-labelledby="programma" {
                h2 id="programma" { (ctx.t(Msg::Programme)) }
                @if programme.is_empty() { p { (ctx.t(Msg::ProgrammeEmpty)) } }
                @else {
                    table.list {
                        caption.visually-hidden { (ctx.t(Msg::Programme)) }
                        thead { tr {
                            th scope="col" { (ctx.t(Msg::Time)) }
                            th scope="col" { (ctx.t(Msg::FieldTitle)) }
                            th scope="col" { (ctx.t(Msg::FieldKind)) }
                            th scope="col" { span.visually-hidden { (ctx.t(Msg::Actions)) } }
                        } }
                        tbody {
                            @for item in programme {
                                tr {
                                    td { (ctx.lang.time(item.starts_at)) "–" (ctx.lang.time(item.ends_at)) }
                                    td { (item.title) }
                                    td { (ctx.t(item.kind().label())) }
                                    td.row-actions {
                                        a href={ (base) "/programma/" (item.id) "/bewerken" } {
                                            (ctx.t(Msg::Edit)) span.visually-hidden { ": " (item.title) }
                                        }
                                        a.danger href={ (base) "/programma/" (item.id) "/verwijderen" } {
                                            (ctx.t(Msg::Delete)) span.visually-hidden { ": " (item.title) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                p { a.button href={ (base) "/programma/nieuw" } { (ctx.t(Msg::NewProgrammeItem)) } }
            }

            section aria-labelledby="inzichten" {
                h2 id="inzichten" { (ctx.t(Msg::Insights)) }
                @if insights.is_empty() { p { (ctx.t(Msg::InsightsEmpty)) } }
                @else {
                    ol.insights.admin {
                        @for (n, i) in insights.iter().enumerate() {
                            li {
                                h3 { (i.title) }
                                (paragraphs(&i.description))
                                ul.questions { li { (i.question_professional) } li { (i.question_together) } }
                                p.row-actions {
                                    a href={ (base) "/inzichten/" (i.id) "/bewerken" } {
                                        (ctx.t(Msg::Edit)) span.visually-hidden { ": " (i.title) }
                                    }
                                    @if n > 0 {
                                        (action_button(ctx, &format!("{base}/inzichten/{}/omhoog", i.id),
                                            &format!("↑ {}", ctx.lang.tf(Msg::MoveUp, &[&i.title])), "link"))
                                    }
                                    @if n + 1 < insights.len() {
                                        (action_button(ctx, &format!("{base}/inzichten/{}/omlaag", i.id),
                                            &format!("↓ {}", ctx.lang.tf(Msg::MoveDown, &[&i.title])), "link"))
                                    }
                                    a.danger href={ (base) "/inzichten/" (i.id) "/verwijderen" } {
                                        (ctx.t(Msg::Delete)) span.visually-hidden { ": " (i.title) }
                                    }
                                }
                            }
                        }
                    }
                }
                p { a.button href={ (base) "/inzichten/nieuw" } { (ctx.t(Msg::NewInsight)) } }
            }
        },
    )
}

fn insight_label(field: &str) -> Msg {
    match field {
        "title" => Msg::FieldTitle,
        "description" => Msg::FieldInsightDescription,
        "question_professional" => Msg::FieldQuestionProfessional,
        "question_together" => Msg::FieldQuestionTogether,
        _ => Msg::FieldUnknown,
    }
}

pub fn insight_form(
    ctx: &Ctx,
    c: &Conference,
    form: &InsightForm,
    errors: &FieldErrors,
    id: Option<&str>,
) -> Markup {
    let f = |name, value| Field::new(ctx, errors, name, insight_label(name), value);
    child_form(
        ctx,
        &ChildForm {
            conference: c,
            segment: "inzichten",
            back: format!("/beheer/conferenties/{}#inzichten", c.id),
            title: if id.is_some() {
                Msg::EditInsight
            } else {
                Msg::NewInsight
            },
            editing: id,
            errors,
            label: insight_label,
        },
        html! {},
        html! {
            (f("title", &form.title).required().input(ctx))
            (f("description", &form.description).hint(ctx.t(Msg::HintInsightDescription)).textarea(ctx, 5))
            (f("question_professional", &form.question_professional).required().input(ctx))
            (f("question_together", &form.question_together).required().input(ctx))
        },
    )
}

/// What the form for something below a conference is about.
pub(crate) struct ChildForm<'a> {
    pub conference: &'a Conference,
    /// Its URL segment below the conference.
    pub segment: &'a str,
    pub title: Msg,
    /// The id of the row being changed; None for a new one.
    pub editing: Option<&'a str>,
    pub errors: &'a FieldErrors,
    pub label: fn(&str) -> Msg,
    /// Where "cancel" goes: the list it belongs to.
    pub back: String,
}

/// The frame every such form shares: where it belongs, its title, the error summary, the
/// fields, save and cancel.
pub(crate) fn child_form(ctx: &Ctx, f: &ChildForm, intro: Markup, fields: Markup) -> Markup {
    let base = format!("/beheer/conferenties/{}", f.conference.id);
    let action = match f.editing {
        Some(id) => format!("{base}/{}/{id}/bewerken", f.segment),
        None => format!("{base}/{}/nieuw", f.segment),
    };
    page(
        ctx,
        ctx.t(f.title),
        html! {
            p.breadcrumb { a href=(base) { (f.conference.title) } }
            h1 { (ctx.t(f.title)) }
            (intro)
            (error_summary(ctx, f.errors, f.label))
            form.stack method="post" action=(action) novalidate {
                (csrf(ctx))
                (fields)
                p.actions {
                    button.primary type="submit" { (ctx.t(Msg::Save)) }
                    a href=(f.back) { (ctx.t(Msg::Cancel)) }
                }
            }
        },
    )
}

fn programme_label(field: &str) -> Msg {
    match field {
        "kind" => Msg::FieldKind,
        "title" => Msg::FieldTitle,
        "description" => Msg::FieldDescription,
        "starts_at" => Msg::FieldStartsAt,
        "ends_at" => Msg::FieldEndsAt,
        _ => Msg::FieldUnknown,
    }
}

pub fn programme_form(
    ctx: &Ctx,
    c: &Conference,
    form: &ProgrammeForm,
    errors: &FieldErrors,
    id: Option<&str>,
) -> Markup {
    let kinds: Vec<(&str, &str)> = ItemKind::ALL
        .iter()
        .map(|k| (k.as_str(), ctx.t(k.label())))
        .collect();
    let f = |name, value| Field::new(ctx, errors, name, programme_label(name), value);
    child_form(
        ctx,
        &ChildForm {
            conference: c,
            segment: "programma",
            back: format!("/beheer/conferenties/{}#programma", c.id),
            title: if id.is_some() {
                Msg::EditProgrammeItem
            } else {
                Msg::NewProgrammeItem
            },
            editing: id,
            errors,
            label: programme_label,
        },
        html! { p { (ctx.t(Msg::When)) ": " (ctx.lang.span(c.starts_at, c.ends_at)) } },
        html! {
            (f("kind", &form.kind).required().hint(ctx.t(Msg::HintKind)).select(ctx, &kinds))
            (f("title", &form.title).required().input(ctx))
            (f("starts_at", &form.starts_at).kind("datetime-local").required().hint(ctx.t(Msg::HintDateTime)).input(ctx))
            (f("ends_at", &form.ends_at).kind("datetime-local").required().hint(ctx.t(Msg::HintDateTime)).input(ctx))
            (f("description", &form.description).textarea(ctx, 3))
        },
    )
}

/// A delete that asks first: what goes, and whose choices go with it.
pub struct DeleteConfirmation<'a> {
    pub conference: &'a Conference,
    /// The title of what would be deleted.
    pub title: &'a str,
    /// "12 deelnemers kozen dit inzicht…"
    pub touches: &'a str,
    /// Whose choices go.
    pub names: &'a [String],
    /// Why it cannot go yet, if it cannot.
    pub blocked: Option<&'a str>,
    pub action: &'a str,
    pub back: &'a str,
}

pub fn delete_confirmation(ctx: &Ctx, d: &DeleteConfirmation) -> Markup {
    let question = ctx.lang.tf(Msg::DeleteQuestion, &[d.title]);
    let base = format!("/beheer/conferenties/{}", d.conference.id);
    page(
        ctx,
        &question,
        html! {
            p.breadcrumb { a href=(base) { (d.conference.title) } }
            h1 { (question) }
            @if d.names.is_empty() {
                p { (ctx.t(Msg::NobodyTouched)) }
            } @else {
                div.notice role="note" {
                    p { (d.touches) }
                }
                h2 { (ctx.t(Msg::DeleteWhose)) }
                ul { @for name in d.names { li { (name) } } }
            }
            @if let Some(blocked) = d.blocked {
                div.error-summary role="alert" { p { (blocked) } }
                p { a href=(d.back) { (ctx.t(Msg::Cancel)) } }
            } @else {
                form.stack method="post" action=(d.action) {
                    (csrf(ctx))
                    p.actions {
                        button.primary.danger type="submit" { (ctx.t(Msg::DeleteConfirm)) }
                        a href=(d.back) { (ctx.t(Msg::Cancel)) }
                    }
                }
            }
        },
    )
}
