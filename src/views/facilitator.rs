//! The facilitator's page: per group the insight and its two questions, where and when,
//! and who comes. Made for a phone on the day.

use maud::{Markup, html};

use super::{Ctx, page};
use crate::db::read::facilitator::FacilitatorRead;
use crate::i18n::Msg;

pub fn groups(ctx: &Ctx, read: &FacilitatorRead) -> Markup {
    let title = ctx.t(Msg::FacilitatorTitle);
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { (read.conference.title) }
            h1 { (title) }
            p { (ctx.t(Msg::FacilitatorIntro)) }
            @for led in &read.groups {
                section.card aria-labelledby={ "groep-" (led.group.id) } {
                    h2 id={ "groep-" (led.group.id) } { (led.insight.title) }
                    p {
                        (led.round.title) ", " (ctx.lang.date(led.round.starts_at)) " "
                        (ctx.lang.time(led.round.starts_at)) "–" (ctx.lang.time(led.round.ends_at))
                        " · " (led.group.room)
                    }
                    ol {
                        li { (led.insight.question_professional) }
                        li { (led.insight.question_together) }
                    }
                    @if led.people.is_empty() {
                        p { (ctx.t(Msg::FacilitatorNobody)) }
                    } @else {
                        h3 { (ctx.lang.tf(Msg::MailFacilitatorPeople, &[&led.people.len().to_string()])) }
                        ul {
                            @for (name, discipline, organisation) in &led.people {
                                li { (name) " – " (discipline) ", " (organisation) }
                            }
                        }
                    }
                }
            }
        },
    )
}
