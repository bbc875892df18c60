//! The organiser's participant pages.

use maud::{Markup, html};

use super::components::{csrf, error_summary};
use super::registration::{FormChoices, Parts, field_label, fields};
use super::{Ctx, page};
use crate::db::conferences::Conference;
use crate::db::read::roster::{Roster, Row};
use crate::db::registrations::Registration;
use crate::domain::FieldErrors;
use crate::domain::registration::{ParticipantFilter, RegistrationForm, RegistrationStatus};
use crate::i18n::Msg;

pub struct ListView<'a> {
    pub roster: &'a Roster,
    pub rows: &'a [Row<'a>],
    pub filter: &'a ParticipantFilter,
    pub disciplines: &'a [String],
    pub municipalities: &'a [String],
    /// The filter as a query string, for the CSV link.
    pub query: String,
}

fn select(
    name: &str,
    label: &str,
    current: &str,
    all: &str,
    options: &[(String, String)],
) -> Markup {
    html! {
        div.field {
            label for={ "filter-" (name) } { (label) }
            select id={ "filter-" (name) } name=(name) {
                option value="" selected[current.is_empty()] { (all) }
                @for (value, text) in options {
                    option value=(value) selected[value == current] { (text) }
                }
            }
        }
    }
}

pub fn list(ctx: &Ctx, v: &ListView) -> Markup {
    let c = &v.roster.conference;
    let base = format!("/beheer/conferenties/{}", c.id);
    let all = ctx.t(Msg::All);
    let count = |status: RegistrationStatus| {
        v.roster
            .registrations
            .iter()
            .filter(|r| r.status() == status)
            .count()
    };
    let mut per_discipline: Vec<(&str, usize)> = Vec::new();
    for r in v
        .roster
        .registrations
        .iter()
        .filter(|r| r.status() != RegistrationStatus::Cancelled)
    {
        match per_discipline.iter_mut().find(|(d, _)| *d == r.discipline) {
            Some((_, n)) => *n += 1,
            None => per_discipline.push((&r.discipline, 1)),
        }
    }
    per_discipline.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let statuses: Vec<(String, String)> = RegistrationStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), ctx.t(s.label()).to_owned()))
        .collect();
    let pairs = |list: &[String]| -> Vec<(String, String)> {
        list.iter().map(|d| (d.clone(), d.clone())).collect()
    };
    let insights: Vec<(String, String)> = v
        .roster
        .insights
        .iter()
        .map(|i| (i.id.to_string(), i.title.clone()))
        .collect();
    page(
        ctx,
        ctx.t(Msg::Participants),
        html! {
            p.breadcrumb { a href=(base) { (c.title) } }
            h1 { (ctx.t(Msg::Participants)) }
            dl.facts.counts {
                dt { (ctx.t(Msg::RegConfirmed)) } dd { (count(RegistrationStatus::Confirmed)) " / " (c.capacity) }
                dt { (ctx.t(Msg::RegWaiting)) } dd { (count(RegistrationStatus::Waiting)) }
                dt { (ctx.t(Msg::RegCancelled)) } dd { (count(RegistrationStatus::Cancelled)) }
            }
            @if !per_discipline.is_empty() {
                details {
                    summary { (ctx.t(Msg::PerDiscipline)) }
                    table.list {
                        caption.visually-hidden { (ctx.t(Msg::PerDiscipline)) }
                        thead { tr { th scope="col" { (ctx.t(Msg::FieldDiscipline)) } th scope="col" { (ctx.t(Msg::Number)) } } }
                        tbody {
                            @for (discipline, n) in &per_discipline {
                                tr { td { (discipline) } td { (n) } }
                            }
                        }
                    }
                }
            }
            p.actions {
                a.button.primary href={ (base) "/deelnemers/nieuw" } { (ctx.t(Msg::AddParticipant)) }
                a.button href={ (base) "/deelnemers.csv?" (v.query) } { (ctx.t(Msg::ExportCsv)) }
            }
            form.filters method="get" action={ (base) "/deelnemers" } role="search" aria-label=(ctx.t(Msg::Filter)) {
                div.field {
                    label for="filter-q" { (ctx.t(Msg::Search)) }
                    input id="filter-q" type="search" name="q" value=(v.filter.q);
                }
                (select("status", ctx.t(Msg::FieldStatus), &v.filter.status, all, &statuses))
                (select("discipline", ctx.t(Msg::FieldDiscipline), &v.filter.discipline, all, &pairs(v.disciplines)))
                (select("municipality", ctx.t(Msg::FieldMunicipality), &v.filter.municipality, all, &pairs(v.municipalities)))
                (select("insight", ctx.t(Msg::InsightPreference), &v.filter.insight, all, &insights))
                p.actions {
                    button type="submit" { (ctx.t(Msg::Filter)) }
                    @if !v.filter.is_empty() { a href={ (base) "/deelnemers" } { (ctx.t(Msg::ClearFilter)) } }
                }
            }
            p role="status" { (ctx.lang.tf(Msg::ShowingCount, &[&v.rows.len().to_string(), &v.roster.registrations.len().to_string()])) }
            @if !v.rows.is_empty() {
                table.list {
                    caption.visually-hidden { (ctx.t(Msg::Participants)) }
                    thead { tr {
                        th scope="col" { (ctx.t(Msg::FieldName)) }
                        th scope="col" { (ctx.t(Msg::FieldOrganisation)) }
                        th scope="col" { (ctx.t(Msg::FieldDiscipline)) }
                        th scope="col" { (ctx.t(Msg::FieldStatus)) }
                        th scope="col" { (ctx.t(Msg::Insights)) }
                        th scope="col" { span.visually-hidden { (ctx.t(Msg::Actions)) } }
                    } }
                    tbody {
                        @for row in v.rows {
                            @let r = row.registration;
                            tr {
                                td { (r.name) br; small { (r.email) } }
                                td { (r.organisation) br; small { (r.municipality) } }
                                td { (r.discipline) }
                                td {
                                    (ctx.t(r.status().label()))
                                    @if let Some(p) = row.waiting_position { " (" (p) ")" }
                                }
                                td { (row.preferences.join(", ")) }
                                td {
                                    @if r.status() != RegistrationStatus::Cancelled {
                                        a.danger href={ (base) "/deelnemers/" (r.id) "/annuleren" } {
                                            (ctx.t(Msg::CancelAction)) span.visually-hidden { " " (r.name) }
                                        }
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

/// Asks before an organiser cancels someone's registration: it mails them and may give
/// their place to the waiting list.
pub fn cancel_confirm(ctx: &Ctx, c: &Conference, r: &Registration) -> Markup {
    let base = format!("/beheer/conferenties/{}/deelnemers", c.id);
    page(
        ctx,
        ctx.t(Msg::CancelRegistration),
        html! {
            p.breadcrumb { a href=(base) { (ctx.t(Msg::Participants)) } }
            h1 { (ctx.t(Msg::CancelRegistration)) }
            p { (ctx.lang.tf(Msg::OrganiserCancelQuestion, &[&r.name, &r.email])) }
            form method="post" action={ (base) "/" (r.id) "/annuleren" } {
                (csrf(ctx))
                p.actions {
                    button.primary.danger type="submit" { (ctx.t(Msg::CancelRegistration)) }
                    a href=(base) { (ctx.t(Msg::Cancel)) }
                }
            }
        },
    )
}

pub fn add_form(
    ctx: &Ctx,
    c: &Conference,
    form: &RegistrationForm,
    errors: &FieldErrors,
    choices: &FormChoices,
) -> Markup {
    let base = format!("/beheer/conferenties/{}", c.id);
    page(
        ctx,
        ctx.t(Msg::AddParticipant),
        html! {
            p.breadcrumb { a href={ (base) "/deelnemers" } { (ctx.t(Msg::Participants)) } }
            h1 { (ctx.t(Msg::AddParticipant)) }
            p { (ctx.t(Msg::AddParticipantHint)) }
            (error_summary(ctx, errors, field_label))
            form.stack method="post" action={ (base) "/deelnemers/nieuw" } novalidate {
                (csrf(ctx))
                (fields(ctx, c, form, errors, choices, Parts { email: true, consent: false }))
                p.actions {
                    button.primary type="submit" { (ctx.t(Msg::AddParticipant)) }
                    a href={ (base) "/deelnemers" } { (ctx.t(Msg::Cancel)) }
                }
            }
        },
    )
}
