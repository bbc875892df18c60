use maud::{Markup, html};

use super::components::{badge, paragraphs};
use super::{Ctx, page};
use crate::db::conferences::Conference;
use crate::db::insights::Insight;
use crate::db::programme::ProgrammeItem;
use crate::domain::conference::Status;
use crate::i18n::Msg;

pub fn home(ctx: &Ctx, conferences: &[Conference]) -> Markup {
    page(
        ctx,
        ctx.t(Msg::HomeTitle),
        html! {
            h1 { (ctx.t(Msg::HomeTitle)) }
            p.lead { (ctx.t(Msg::HomeIntro)) }
            @if conferences.is_empty() {
                p { (ctx.t(Msg::HomeNone)) }
            } @else {
                ul.cards {
                    @for c in conferences {
                        li.card {
                            h2 { a href={ "/c/" (c.slug) } { (c.title) } }
                            p { (ctx.lang.span(c.starts_at, c.ends_at)) }
                            @if !c.venue_name.is_empty() { p { (c.venue_name) } }
                            p { (status_badge(ctx, c.status())) }
                        }
                    }
                }
            }
        },
    )
}

pub fn status_badge(ctx: &Ctx, status: Status) -> Markup {
    badge(
        ctx.t(status.label()),
        &format!("status-{}", status.as_str()),
    )
}

/// What the registration window means for a visitor right now.
fn registration_note(ctx: &Ctx, c: &Conference, now: chrono::NaiveDateTime) -> String {
    match c.status() {
        Status::Open => match (c.registration_opens_at, c.registration_closes_at) {
            (Some(open), _) if now < open => ctx
                .lang
                .tf(Msg::RegistrationOpensAt, &[&ctx.lang.datetime(open)]),
            (_, Some(close)) if now >= close => ctx.t(Msg::RegistrationClosed).to_owned(),
            (_, Some(close)) => ctx
                .lang
                .tf(Msg::RegistrationOpenUntil, &[&ctx.lang.datetime(close)]),
            (_, None) if now >= c.starts_at => ctx.t(Msg::RegistrationClosed).to_owned(),
            (_, None) => ctx.t(Msg::RegistrationOpen).to_owned(),
        },
        Status::Concept => ctx.t(Msg::RegistrationNotYet).to_owned(),
        Status::Closed | Status::Finished => ctx.t(Msg::RegistrationClosed).to_owned(),
    }
}

pub fn conference(
    ctx: &Ctx,
    c: &Conference,
    insights: &[Insight],
    programme: &[ProgrammeItem],
    pilots: &[(crate::db::pilots::Pilot, Option<String>)],
    now: chrono::NaiveDateTime,
) -> Markup {
    let registration_open = c.registration_window(now).is_ok();
    page(
        ctx,
        &c.title,
        html! {
            article.conference {
                h1 { (c.title) }
                @if c.status() == Status::Concept {
                    p.notice { (ctx.t(Msg::ConceptPreview)) }
                }
                dl.facts {
                    dt { (ctx.t(Msg::When)) }
                    dd { (ctx.lang.span(c.starts_at, c.ends_at)) }
                    dt { (ctx.t(Msg::Where)) }
                    dd {
                        @if c.venue_name.is_empty() {
                            (ctx.t(Msg::VenueFollows))
                        } @else {
                            (c.venue_name)
                            @if !c.venue_address.is_empty() {
                                br;
                                span.address { (c.venue_address) }
                            }
                        }
                    }
                    dt { (ctx.t(Msg::Registration)) }
                    dd { (registration_note(ctx, c, now)) }
                    dt { (ctx.t(Msg::Calendar)) }
                    dd { a href={ "/c/" (c.slug) "/agenda.ics" } { (ctx.t(Msg::CalendarFeed)) } }
                    dt { (ctx.t(Msg::Contact)) }
                    dd { a href={ "mailto:" (c.contact_email) } { (c.contact_email) } }
                }
                @if registration_open {
                    p { a.button.primary href={ "/c/" (c.slug) "/aanmelden" } { (ctx.t(Msg::RegisterButton)) } }
                }
                (paragraphs(&c.description))

                section aria-labelledby="programma" {
                    h2 id="programma" { (ctx.t(Msg::Programme)) }
                    @if programme.is_empty() {
                        p { (ctx.t(Msg::ProgrammeFollows)) }
                    } @else {
                        ol.programme {
                            @for item in programme {
                                li class={ "item-" (item.kind.as_str()) } {
                                    span.time { (ctx.lang.time(item.starts_at)) "–" (ctx.lang.time(item.ends_at)) }
                                    " "
                                    span.title { (item.title) }
                                    @if item.kind() != crate::domain::programme::ItemKind::Plenary {
                                        " " (badge(ctx.t(item.kind().label()), "kind"))
                                    }
                                    @if !item.description.is_empty() {
                                        div.description { (paragraphs(&item.description)) }
                                    }
                                }
                            }
                        }
                    }
                }

                section aria-labelledby="inzichten" {
                    h2 id="inzichten" { (ctx.t(Msg::Insights)) }
                    @if insights.is_empty() {
                        p { (ctx.t(Msg::InsightsFollow)) }
                    } @else {
                        p { (ctx.t(Msg::InsightsIntro)) }
                        ol.insights {
                            @for i in insights {
                                li {
                                    h3 { (i.title) }
                                    (paragraphs(&i.description))
                                    ul.questions aria-label=(ctx.t(Msg::GuidingQuestions)) {
                                        li { (i.question_professional) }
                                        li { (i.question_together) }
                                    }
                                }
                            }
                        }
                    }
                }
                @if !pilots.is_empty() {
                    section aria-labelledby="terugkoppeling" {
                        h2 id="terugkoppeling" { (ctx.t(Msg::PilotsAtConference)) }
                        @for (p, learned) in pilots {
                            h3 { (p.title) }
                            (paragraphs(&p.aim))
                            p.hint { (ctx.t(p.status.label())) @if !p.owner_organisation.is_empty() { ", " (p.owner_organisation) } }
                            @if let Some(l) = learned { (paragraphs(l)) }
                        }
                    }
                }
            }
        },
    )
}
