//! The participant's pages: the registration form, the thank-you page and their own page
//! behind the manage link.

use maud::{Markup, html};

use super::components::{Field, csrf, error_summary, paragraphs};
use super::{Ctx, page};
use crate::db::conferences::Conference;
use crate::db::insights::Insight;
use crate::db::programme::ProgrammeItem;
use crate::db::registrations::Registration;
use crate::domain::FieldErrors;
use crate::domain::registration::{RegistrationForm, RegistrationStatus};
use crate::i18n::Msg;

/// Everything the form offers to choose from.
pub struct FormChoices<'a> {
    pub insights: &'a [Insight],
    pub rounds: &'a [ProgrammeItem],
    pub disciplines: &'a [String],
    pub municipalities: &'a [String],
}

impl<'a> FormChoices<'a> {
    pub fn new(
        insights: &'a [Insight],
        rounds: &'a [ProgrammeItem],
        lists: &'a crate::config::ListSettings,
    ) -> FormChoices<'a> {
        FormChoices {
            insights,
            rounds,
            disciplines: &lists.disciplines,
            municipalities: &lists.municipalities,
        }
    }

    /// What a submitted form is checked against: the same options, by id.
    pub fn allowed(&self) -> crate::domain::registration::Choices<'a> {
        crate::domain::registration::Choices {
            disciplines: self.disciplines,
            municipalities: self.municipalities,
            insight_ids: self.insights.iter().map(|i| i.id.as_str()).collect(),
            round_ids: self.rounds.iter().map(|r| r.id.as_str()).collect(),
        }
    }
}

pub fn field_label(field: &str) -> Msg {
    match field {
        "name" => Msg::FieldName,
        "email" => Msg::FieldEmail,
        "organisation" => Msg::FieldOrganisation,
        "discipline" => Msg::FieldDiscipline,
        "municipality" => Msg::FieldMunicipality,
        "preference_1" => Msg::FieldPreference1,
        "preference_2" => Msg::FieldPreference2,
        "preference_3" => Msg::FieldPreference3,
        "rounds" => Msg::FieldRounds,
        "diet" => Msg::FieldDiet,
        "accessibility" => Msg::FieldAccessibility,
        "consent" => Msg::FieldConsent,
        _ => Msg::FieldUnknown,
    }
}

/// Which optional parts of the registration fields to show.
#[derive(Clone, Copy)]
pub struct Parts {
    pub email: bool,
    pub consent: bool,
}

/// The fields shared by a new registration, a change and an organiser's addition.
pub fn fields(
    ctx: &Ctx,
    c: &Conference,
    form: &RegistrationForm,
    errors: &FieldErrors,
    choices: &FormChoices,
    parts: Parts,
) -> Markup {
    let f = |name, value| Field::new(ctx, errors, name, field_label(name), value);
    let choose = ctx.t(Msg::ChooseOne);
    let with_empty = |list: &[String]| -> Vec<(String, String)> {
        std::iter::once((String::new(), choose.to_owned()))
            .chain(list.iter().map(|d| (d.clone(), d.clone())))
            .collect()
    };
    let disciplines = with_empty(choices.disciplines);
    let municipalities = with_empty(choices.municipalities);
    let insight_options: Vec<(String, String)> =
        std::iter::once((String::new(), ctx.t(Msg::NoPreference).to_owned()))
            .chain(
                choices
                    .insights
                    .iter()
                    .map(|i| (i.id.to_string(), i.title.clone())),
            )
            .collect();
    let rounds_error = errors.get("rounds").map(|p| p.text(ctx.lang));
    let consent_error = errors.get("consent").map(|p| p.text(ctx.lang));
    html! {
        (f("name", &form.name).required().autocomplete("name").input(ctx))
        @if parts.email {
            (f("email", &form.email).kind("email").required().autocomplete("email")
                .hint(ctx.t(Msg::HintRegistrationEmail)).input(ctx))
        }
        (f("organisation", &form.organisation).required().autocomplete("organization").input(ctx))
        (f("discipline", &form.discipline).required().select(ctx, &disciplines))
        (f("municipality", &form.municipality).required().hint(ctx.t(Msg::HintMunicipality))
            .select(ctx, &municipalities))
        @if !choices.insights.is_empty() {
            fieldset {
                legend { (ctx.t(Msg::PreferencesLegend)) }
                p.hint { (ctx.t(Msg::HintPreferences)) " "
                    a href={ "/c/" (c.slug) "#inzichten" } { (ctx.t(Msg::ReadAboutInsights)) } }
                (f("preference_1", &form.preference_1).select(ctx, &insight_options))
                (f("preference_2", &form.preference_2).select(ctx, &insight_options))
                (f("preference_3", &form.preference_3).select(ctx, &insight_options))
            }
        }
        @if !choices.rounds.is_empty() {
            fieldset.field.has-error[rounds_error.is_some()] id="f-rounds"
                aria-describedby=[rounds_error.as_ref().map(|_| "f-rounds-error")] {
                legend { (ctx.t(Msg::FieldRounds)) " " abbr.req title=(ctx.t(Msg::Required)) { "*" } }
                @if let Some(error) = &rounds_error {
                    p.error-message id="f-rounds-error" {
                        span.visually-hidden { (ctx.t(Msg::ErrorPrefix)) " " } (error)
                    }
                }
                @for round in choices.rounds {
                    div.check {
                        input type="checkbox" name="rounds" value=(round.id) id={ "f-round-" (round.id) }
                            checked[form.rounds.iter().any(|r| r == round.id.as_str())];
                        label for={ "f-round-" (round.id) } {
                            (round.title) " (" (ctx.lang.time(round.starts_at)) "–" (ctx.lang.time(round.ends_at)) ")"
                        }
                    }
                }
            }
        }
        fieldset {
            legend { (ctx.t(Msg::NeedsLegend)) }
            (f("diet", &form.diet).textarea(ctx, 2))
            (f("accessibility", &form.accessibility).textarea(ctx, 2))
        }
        @if parts.consent {
            div.field.check.has-error[consent_error.is_some()] {
                input type="checkbox" name="consent" value="ja" id="f-consent"
                    checked[!form.consent.is_empty()] required
                    aria-invalid=[consent_error.as_ref().map(|_| "true")]
                    aria-describedby=[consent_error.as_ref().map(|_| "f-consent-error")];
                label for="f-consent" {
                    (ctx.t(Msg::ConsentText)) " "
                    a href={ "/c/" (c.slug) "/privacy" } { (ctx.t(Msg::PrivacyStatement)) }
                    " " abbr.req title=(ctx.t(Msg::Required)) { "*" }
                }
                @if let Some(error) = &consent_error {
                    p.error-message id="f-consent-error" {
                        span.visually-hidden { (ctx.t(Msg::ErrorPrefix)) " " } (error)
                    }
                }
            }
        }
    }
}

pub fn form(
    ctx: &Ctx,
    c: &Conference,
    form: &RegistrationForm,
    errors: &FieldErrors,
    choices: &FormChoices,
    full: bool,
) -> Markup {
    let title = ctx.lang.tf(Msg::RegisterFor, &[&c.title]);
    page(
        ctx,
        &title,
        html! {
            p.breadcrumb { a href={ "/c/" (c.slug) } { (c.title) } }
            h1 { (title) }
            p { (ctx.lang.span(c.starts_at, c.ends_at)) @if !c.venue_name.is_empty() { ", " (c.venue_name) } }
            @if full {
                p.notice role="note" { strong { (ctx.t(Msg::FullNotice)) } }
            }
            (error_summary(ctx, errors, field_label))
            form.stack method="post" action={ "/c/" (c.slug) "/aanmelden" } novalidate {
                (csrf(ctx))
                (fields(ctx, c, form, errors, choices, Parts { email: true, consent: true }))
                button.primary type="submit" {
                    (ctx.t(if full { Msg::RegisterWaitingButton } else { Msg::RegisterButton }))
                }
            }
        },
    )
}

/// Registration is not possible now: say why, and where to look instead.
pub fn closed(ctx: &Ctx, c: &Conference, reason: Msg) -> Markup {
    let title = ctx.lang.tf(Msg::RegisterFor, &[&c.title]);
    page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p.notice { (ctx.t(reason)) }
            p { a href={ "/c/" (c.slug) } { (ctx.t(Msg::BackToConference)) } }
        },
    )
}

/// The same page for a new, a repeated and a waiting-list registration, so the form tells
/// nobody who registered.
pub fn thanks(ctx: &Ctx, c: &Conference) -> Markup {
    page(
        ctx,
        ctx.t(Msg::ThanksTitle),
        html! {
            h1 { (ctx.t(Msg::ThanksTitle)) }
            p.flash role="status" { (ctx.t(Msg::ThanksText)) }
            p { (ctx.t(Msg::ThanksNoMail)) " " a href={ "mailto:" (c.contact_email) } { (c.contact_email) } "." }
            p { a href={ "/c/" (c.slug) } { (ctx.t(Msg::BackToConference)) } }
        },
    )
}

pub fn privacy(ctx: &Ctx, c: &Conference, statement: &str) -> Markup {
    // PrivacyStatement is the lower-case phrase used inside the consent sentence.
    page(
        ctx,
        ctx.t(Msg::FieldPrivacyStatement),
        html! {
            p.breadcrumb { a href={ "/c/" (c.slug) } { (c.title) } }
            h1 { (ctx.t(Msg::FieldPrivacyStatement)) }
            (paragraphs(statement))
        },
    )
}

/// The participant's own page.
pub struct ManageView<'a> {
    pub conference: &'a Conference,
    pub registration: &'a Registration,
    /// The token of the personal link (the database keeps only its hash).
    pub token: &'a str,
    pub waiting_position: Option<i64>,
    pub form: &'a RegistrationForm,
    pub errors: &'a FieldErrors,
    pub choices: FormChoices<'a>,
    pub can_change: bool,
    pub can_cancel: bool,
    /// The published breakout programme; empty before publishing.
    pub programme: &'a [crate::notify::Session],
    /// Where the conference's vote stands.
    pub vote: crate::domain::vote::VoteState,
}

pub fn manage(ctx: &Ctx, v: &ManageView) -> Markup {
    let c = v.conference;
    let r = v.registration;
    let base = format!("/r/{}", v.token);
    let status = r.status();
    page(
        ctx,
        ctx.t(Msg::YourRegistration),
        html! {
            p.breadcrumb { a href={ "/c/" (c.slug) } { (c.title) } }
            h1 { (ctx.t(Msg::YourRegistration)) }
            div.status-box class={ "reg-" (status.as_str()) } {
                p {
                    strong { (ctx.t(status.label())) }
                    @if let Some(position) = v.waiting_position {
                        " – " (ctx.lang.tf(Msg::WaitingPosition, &[&position.to_string()]))
                    }
                }
                p { (c.title) br; (ctx.lang.span(c.starts_at, c.ends_at))
                    @if !c.venue_name.is_empty() { br; (c.venue_name) } }
                @if status == RegistrationStatus::Confirmed {
                    p { a href={ (base) "/agenda.ics" } download="werkconferentie.ics" { (ctx.t(Msg::DownloadIcs)) } }
                }
            }
            @if status == RegistrationStatus::Confirmed && v.vote != crate::domain::vote::VoteState::NotOpen {
                p.notice {
                    a.button href={ (base) "/stemmen" } { (ctx.t(Msg::VoteTitle)) }
                    " "
                    @if v.vote == crate::domain::vote::VoteState::Open {
                        (ctx.t(Msg::VoteOpened))
                    } @else {
                        (ctx.t(Msg::VoteClosedText))
                    }
                }
            }
            @if status == RegistrationStatus::Confirmed && !v.programme.is_empty() {
                h2 { (ctx.t(Msg::ProgrammeYours)) }
                ol.programme {
                    @for s in v.programme {
                        li {
                            strong { (s.round) " (" (s.when) "), " (s.room) } br;
                            (s.insight)
                            ul.questions { li { (s.question_professional) } li { (s.question_together) } }
                        }
                    }
                }
                p { a href={ (base) "/programma.ics" } download="programma.ics" { (ctx.t(Msg::ProgrammeFeed)) } }
            }
            @if status == RegistrationStatus::Cancelled {
                p { (ctx.t(Msg::CancelledText)) " " a href={ "/c/" (c.slug) "/aanmelden" } { (ctx.t(Msg::RegisterAgain)) } }
            } @else if v.can_change {
                h2 { (ctx.t(Msg::ChangeRegistration)) }
                p { (ctx.t(Msg::FieldEmail)) ": " strong { (r.email) } }
                (error_summary(ctx, v.errors, field_label))
                form.stack method="post" action=(base) novalidate {
                    (csrf(ctx))
                    (fields(ctx, c, v.form, v.errors, &v.choices, Parts { email: false, consent: false }))
                    button.primary type="submit" { (ctx.t(Msg::SaveChanges)) }
                }
            } @else {
                p { (ctx.t(Msg::ChangesClosed)) " " a href={ "mailto:" (c.contact_email) } { (c.contact_email) } "." }
            }
            @if status != RegistrationStatus::Cancelled && v.can_cancel {
                h2 { (ctx.t(Msg::CancelRegistration)) }
                p { a.button href={ (base) "/annuleren" } { (ctx.t(Msg::CancelRegistration)) } }
            }
        },
    )
}

pub fn cancel_confirm(ctx: &Ctx, c: &Conference, token: &str) -> Markup {
    page(
        ctx,
        ctx.t(Msg::CancelRegistration),
        html! {
            h1 { (ctx.t(Msg::CancelRegistration)) }
            p { (ctx.lang.tf(Msg::CancelQuestion, &[&c.title])) }
            form method="post" action={ "/r/" (token) "/annuleren" } {
                (csrf(ctx))
                p.actions {
                    button.primary.danger type="submit" { (ctx.t(Msg::CancelConfirm)) }
                    a href={ "/r/" (token) } { (ctx.t(Msg::CancelKeep)) }
                }
            }
        },
    )
}

/// A manage link that leads nowhere (mistyped, or from a removed registration).
pub fn unknown_link(ctx: &Ctx) -> Markup {
    page(
        ctx,
        ctx.t(Msg::UnknownLinkTitle),
        html! {
            h1 { (ctx.t(Msg::UnknownLinkTitle)) }
            p { (ctx.t(Msg::UnknownLinkText)) }
            p { a href="/" { (ctx.t(Msg::BackHome)) } }
        },
    )
}
