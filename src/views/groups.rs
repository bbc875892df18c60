//! The breakout groups of a conference: per round, the groups with their insight, room,
//! places and facilitator, and the places against the participants who attend.

use maud::{Markup, html};

use super::beheer::{ChildForm, child_form};
use super::components::Field;
use super::{Ctx, page};
use crate::db::conferences::Conference;
use crate::db::groups::{Group, GroupOffer};
use crate::db::insights::Insight;
use crate::db::programme::ProgrammeItem;
use crate::domain::FieldErrors;
use crate::domain::group::{GroupForm, places_short};
use crate::i18n::Msg;

/// One breakout round with its groups.
pub struct RoundGroups<'a> {
    pub round: &'a ProgrammeItem,
    pub groups: Vec<&'a Group>,
    /// Confirmed participants who attend the round.
    pub attending: i64,
}

pub struct GroupsView<'a> {
    pub conference: &'a Conference,
    pub rounds: &'a [RoundGroups<'a>],
    pub insights: &'a [Insight],
    /// Other conferences to copy groups from: (id, title and date).
    pub sources: &'a [(String, String)],
    /// The copy form as sent, with what was wrong with it.
    pub copy: (&'a str, &'a FieldErrors),
}

fn label(field: &str) -> Msg {
    match field {
        "round" => Msg::FieldRound,
        "insight" => Msg::FieldInsight,
        "room" => Msg::FieldRoom,
        "capacity" => Msg::FieldGroupPlaces,
        "facilitator_name" => Msg::FieldFacilitatorName,
        "facilitator_email" => Msg::FieldFacilitatorEmail,
        _ => Msg::FieldUnknown,
    }
}

pub fn overview(ctx: &Ctx, v: &GroupsView) -> Markup {
    let c = v.conference;
    let base = format!("/beheer/conferenties/{}", c.id);
    let title = ctx.t(Msg::GroupsTitle);
    let insight = |g: &Group| {
        v.insights
            .iter()
            .find(|i| i.id == g.insight_id)
            .map_or(String::new(), |i| i.title.clone())
    };
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { a href=(base) { (c.title) } }
            h1 id="groepen" { (title) }
            p { (ctx.t(Msg::GroupsIntro)) }
            @if v.rounds.is_empty() {
                p { (ctx.t(Msg::GroupsNoRounds)) }
            }
            @for r in v.rounds {
                @let places: i64 = r.groups.iter().map(|g| i64::from(g.capacity)).sum();
                section aria-labelledby={ "ronde-" (r.round.id) } {
                    h2 id={ "ronde-" (r.round.id) } {
                        (r.round.title) " (" (ctx.lang.time(r.round.starts_at)) "–" (ctx.lang.time(r.round.ends_at)) ")"
                    }
                    p {
                        (ctx.lang.tf(Msg::GroupsPlaces, &[&places.to_string(), &r.attending.to_string()]))
                    }
                    @if let Some(short) = places_short(places, r.attending) {
                        div.error-summary role="status" {
                            p { (ctx.lang.tf(Msg::GroupsShort, &[&short.to_string()])) }
                        }
                    }
                    @if r.groups.is_empty() {
                        p { (ctx.t(Msg::GroupsNone)) }
                    } @else {
                        table.list {
                            caption.visually-hidden { (r.round.title) }
                            thead { tr {
                                th scope="col" { (ctx.t(Msg::FieldInsight)) }
                                th scope="col" { (ctx.t(Msg::FieldRoom)) }
                                th scope="col" { (ctx.t(Msg::FieldGroupPlaces)) }
                                th scope="col" { (ctx.t(Msg::FieldFacilitatorName)) }
                                th scope="col" { span.visually-hidden { (ctx.t(Msg::Actions)) } }
                            } }
                            tbody {
                                @for g in &r.groups {
                                    tr {
                                        td { (insight(g)) }
                                        td { (g.room) }
                                        td { (g.capacity) }
                                        td { (g.facilitator_name) }
                                        td.row-actions {
                                            a href={ (base) "/groepen/" (g.id) "/bewerken" } {
                                                (ctx.t(Msg::Edit)) span.visually-hidden { ": " (g.room) }
                                            }
                                            " "
                                            a.danger href={ (base) "/groepen/" (g.id) "/verwijderen" } {
                                                (ctx.t(Msg::Delete)) span.visually-hidden { ": " (g.room) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !v.rounds.is_empty() {
                p.actions {
                    a.button href={ (base) "/groepen/nieuw" } { (ctx.t(Msg::NewGroup)) }
                    a.button href={ (base) "/indeling" } { (ctx.t(Msg::AssignTitle)) }
                }
            }
            @if !v.sources.is_empty() {
                section aria-labelledby="overnemen" {
                    h2 id="overnemen" { (ctx.t(Msg::GroupsCopyTitle)) }
                    p { (ctx.t(Msg::GroupsCopyHint)) }
                    form method="post" action={ (base) "/groepen/overnemen" } novalidate {
                        (super::components::csrf(ctx))
                        (Field::new(ctx, v.copy.1, "bron", Msg::FieldCopySource, v.copy.0).required().select(ctx, v.sources))
                        button.secondary type="submit" { (ctx.t(Msg::GroupsCopyButton)) }
                    }
                }
            }
        },
    )
}

pub fn form(
    ctx: &Ctx,
    c: &Conference,
    offer: &GroupOffer,
    form: &GroupForm,
    errors: &FieldErrors,
    editing: Option<&str>,
) -> Markup {
    let rounds: Vec<(String, String)> = offer
        .rounds
        .iter()
        .map(|r| {
            let when = format!(
                "{}–{}",
                ctx.lang.time(r.starts_at),
                ctx.lang.time(r.ends_at)
            );
            (r.id.to_string(), format!("{} ({when})", r.title))
        })
        .collect();
    let insights: Vec<(String, String)> = offer
        .insights
        .iter()
        .map(|i| (i.id.to_string(), i.title.clone()))
        .collect();
    let f = |name, value| Field::new(ctx, errors, name, label(name), value);
    child_form(
        ctx,
        &ChildForm {
            conference: c,
            segment: "groepen",
            back: format!("/beheer/conferenties/{}/groepen", c.id),
            title: if editing.is_some() {
                Msg::EditGroup
            } else {
                Msg::NewGroup
            },
            editing,
            errors,
            label,
        },
        html! {},
        html! {
            (f("round", &form.round).required().select(ctx, &rounds))
            (f("insight", &form.insight).required().select(ctx, &insights))
            (f("room", &form.room).required().hint(ctx.t(Msg::HintRoom)).input(ctx))
            (f("capacity", &form.capacity).kind("number").required().input(ctx))
            (f("facilitator_name", &form.facilitator_name).input(ctx))
            (f("facilitator_email", &form.facilitator_email).kind("email").hint(ctx.t(Msg::HintFacilitatorEmail)).input(ctx))
        },
    )
}
