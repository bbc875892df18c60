//! The plenary wall: every action point, by insight and guiding question, readable from
//! the back of a room (large type, high contrast). Without JavaScript it is a correct
//! page as of its loading; the script adds points as they come in (server-sent events)
//! and, on a projector, shows one insight at a time, paging by itself.

use maud::{DOCTYPE, Markup, html};

use super::Ctx;
use super::components::paragraphs;
use super::facilitator::point_details;
use crate::db::action_points::ActionPoint;
use crate::db::insights::Insight;
use crate::db::read::wall::WallRead;
use crate::domain::action_point::Question;
use crate::i18n::{Lang, Msg};

/// Where a point goes on the wall: the list of its insight and question.
pub fn list_id(insight: &Insight, question: Question) -> String {
    format!("{}-{}", insight.id, question.as_str())
}

/// One point as the wall shows it.
pub fn point(lang: Lang, point: &ActionPoint) -> Markup {
    html! {
        li.point.pinned[point.pinned] id={ "punt-" (point.id) } {
            @if point.pinned {
                span.badge.pin { (lang.t(Msg::Pinned)) }
            }
            (paragraphs(&point.body))
            (point_details(lang, point))
        }
    }
}

/// `events` is the stream's address (with the wall's key, when opened with one).
pub fn wall(ctx: &Ctx, read: &WallRead, events: &str) -> Markup {
    let title = format!("{} – {}", ctx.t(Msg::WallTitle), read.conference.title);
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – werkconf" }
                link rel="stylesheet" href={ "/static/werkconf.css?v=" (super::layout::css_version()) };
            }
            body.wall {
                main id="inhoud" data-wall-events=(events)
                    data-only-pinned=[read.shown.only_pinned.then_some("1")] {
                    header.wall-head {
                        h1 { (read.conference.title) }
                        p.wall-count aria-live="polite" {
                            (ctx.lang.tf(Msg::PointsCaptured, &[&read.insights.iter().map(|i| i.count()).sum::<usize>().to_string()]))
                        }
                    }
                    @if read.insights.is_empty() {
                        p { (ctx.t(Msg::PointsNone)) }
                    }
                    @for (k, wi) in read.insights.iter().enumerate() {
                        section.wall-insight id={ "inzicht-" (wi.insight.id) } aria-labelledby={ "inzicht-" (wi.insight.id) "-titel" }
                            data-page=(k) {
                            h2 id={ "inzicht-" (wi.insight.id) "-titel" } { (wi.insight.title) }
                            div.wall-questions {
                                @for (question, points) in &wi.points {
                                    section.wall-question aria-label=(wi.insight.question(*question)) {
                                        h3 { (wi.insight.question(*question)) }
                                        ul.points data-points=(list_id(&wi.insight, *question)) {
                                            @for p in points {
                                                (point(ctx.lang, p))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                script src={ "/static/werkconf.js?v=" (super::layout::js_version()) } defer {}
            }
        }
    }
}

/// The data of a wall event for one point: where it goes, and its markup in both
/// languages (each wall shows its own).
pub fn point_event(point_row: &ActionPoint, insight: &Insight) -> String {
    let render = |lang: Lang| point(lang, point_row).into_string();
    serde_json::json!({
        "id": point_row.id.as_str(),
        "list": list_id(insight, point_row.question),
        "hidden": point_row.hidden,
        "pinned": point_row.pinned,
        "nl": render(Lang::Nl),
        "en": render(Lang::En),
    })
    .to_string()
}

/// The data of a wall event for a point that went.
pub fn removed_event(id: &str) -> String {
    serde_json::json!({ "id": id }).to_string()
}
