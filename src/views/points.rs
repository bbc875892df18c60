//! The organiser's list of a conference's action points, by insight and question, with
//! what the wall does with each: hide or show, pin or unpin.

use maud::{Markup, html};

use super::components::{action_button, paragraphs};
use super::facilitator::point_details;
use super::{Ctx, page};
use crate::db::programme::ProgrammeItem;
use crate::db::read::wall::WallRead;
use crate::domain::action_point::Mark;
use crate::i18n::Msg;

pub fn list(ctx: &Ctx, read: &WallRead, rounds: &[ProgrammeItem]) -> Markup {
    let c = &read.conference;
    let base = format!("/beheer/conferenties/{}", c.id);
    let title = ctx.t(Msg::ActionPointsTitle);
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { a href=(base) { (c.title) } }
            h1 { (title) }
            p { (ctx.t(Msg::PointsIntro)) }
            p.actions {
                a.button href={ "/c/" (c.slug) "/wall" } { (ctx.t(Msg::WallOpen)) }
                a href={ "/c/" (c.slug) "/wall?alleen=vastgezet" } { (ctx.t(Msg::WallOnlyPinned)) }
            }
            @for wi in &read.insights {
                section aria-labelledby={ "inzicht-" (wi.insight.id) } {
                    h2 id={ "inzicht-" (wi.insight.id) } { (wi.insight.title) }
                    @for (question, points) in &wi.points {
                        h3 { (wi.insight.question(*question)) }
                        @if points.is_empty() {
                            p.hint { (ctx.t(Msg::PointsNone)) }
                        }
                        ul.points {
                            @for p in points {
                                li.point id={ "punt-" (p.id) } {
                                    @if p.pinned { span.badge.pin { (ctx.t(Msg::Pinned)) } " " }
                                    @if p.hidden { span.badge { (ctx.t(Msg::HiddenPoint)) } }
                                    (paragraphs(&p.body))
                                    (point_details(ctx.lang, p))
                                    @if let Some(g) = read.groups.iter().find(|g| g.id == p.group_id) {
                                        p.hint {
                                            (ctx.lang.tf(Msg::PointGroup, &[
                                                &g.room,
                                                rounds.iter().find(|r| r.id == g.round_id).map_or("", |r| r.title.as_str()),
                                            ]))
                                        }
                                    }
                                    p.point-actions {
                                        @let (show, pin) = (
                                            if p.hidden { (Mark::Show, Msg::MarkShow) } else { (Mark::Hide, Msg::MarkHide) },
                                            if p.pinned { (Mark::Unpin, Msg::MarkUnpin) } else { (Mark::Pin, Msg::MarkPin) },
                                        );
                                        @for (mark, label) in [show, pin] {
                                            (action_button(ctx, &format!("{base}/actiepunten/{}/{}", p.id, mark.as_str()), ctx.t(label), "secondary"))
                                            " "
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
