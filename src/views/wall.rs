//! The plenary wall: every action point, by insight and guiding question, readable from
//! the back of a room (large type, high contrast). Without JavaScript it is a correct
//! page as of its loading; the script adds points as they come in (server-sent events)
//! and, on a projector, shows one insight at a time, paging by itself.

use maud::{DOCTYPE, Markup, html};

use super::Ctx;
use super::components::{paragraphs, qr};
use super::facilitator::point_details;
use crate::db::action_points::ActionPoint;
use crate::db::insights::Insight;
use crate::db::read::wall::WallRead;
use crate::domain::action_point::Question;
use crate::domain::vote::VoteState;
use crate::i18n::{Lang, Msg};

/// Where a point goes on the wall: the list of its insight and question.
pub fn list_id(insight: &Insight, question: Question) -> String {
    format!("{}-{}", insight.id, question.as_str())
}

/// One point as the wall shows it: with how many points were merged into it, and its
/// dots when the vote's results are shown.
pub fn point(lang: Lang, point: &ActionPoint, sources: usize, dots: Option<u32>) -> Markup {
    html! {
        li.point.pinned[point.pinned] id={ "punt-" (point.id) } {
            @if point.pinned {
                span.badge.pin { (lang.t(Msg::Pinned)) }
            }
            @if let Some(n) = dots.filter(|n| *n > 0) {
                span.badge.dot-badge { (lang.tf(Msg::VoteDotsCount, &[&n.to_string()])) }
            }
            (paragraphs(&point.body))
            (point_details(lang, point))
            @if sources > 0 {
                p.hint { (lang.t(Msg::MergeSources)) " " (sources + 1) }
            }
        }
    }
}

/// What the wall adds to its points: the way to vote, and the organiser's buttons.
pub struct WallExtra {
    /// Where participants vote without their own link (shown with its QR code).
    pub join_url: String,
    /// The organiser's buttons (None on the screen opened with the wall link).
    pub controls: Option<Markup>,
}

/// `events` is the stream's address (with the wall's key, when opened with one).
pub fn wall(ctx: &Ctx, read: &WallRead, events: &str, extra: &WallExtra) -> Markup {
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
                    @if read.votes.state() == VoteState::Open {
                        section.wall-vote aria-labelledby="stemmen-titel" {
                            div.wall-join {
                                h2 id="stemmen-titel" { (ctx.t(Msg::VoteTitle)) }
                                p { (ctx.t(Msg::VoteJoin)) " " code.link { (extra.join_url) } }
                                (qr(&extra.join_url))
                            }
                            div.wall-vote-live aria-live="polite" {
                                (super::vote::wall_ranking(ctx.lang, read))
                            }
                        }
                    }
                    @if read.votes.state() == VoteState::Closed {
                        section.wall-insight.wall-results aria-labelledby="uitslag-titel" data-page="uitslag" {
                            h2 id="uitslag-titel" { (ctx.t(Msg::ChartVoteTitle)) }
                            p { (super::vote::state_line(ctx.lang, read)) }
                            (super::vote::ranking(ctx.lang, read, 10, true))
                        }
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
                                                (point(ctx.lang, p, read.sources_of(&p.id).len(),
                                                    read.votes.visible().then(|| read.votes.tally(&p.id).dots)))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if let Some(controls) = &extra.controls {
                    footer.wall-controls { (controls) }
                }
                (super::layout::script())
            }
        }
    }
}

/// The data of a wall event for one point, for the walls in `lang`: where it goes, and
/// its markup (under the language's code).
pub fn point_event(
    point_row: &ActionPoint,
    insight: &Insight,
    sources: usize,
    lang: Lang,
) -> String {
    serde_json::json!({
        "id": point_row.id.as_str(),
        "list": list_id(insight, point_row.question),
        "hidden": point_row.hidden,
        "pinned": point_row.pinned,
        lang.code(): point(lang, point_row, sources, None).into_string(),
    })
    .to_string()
}

/// The data of a wall event for the vote, for the walls in `lang`: the dots per point,
/// and the ranking (under the language's code).
pub fn votes_event(read: &WallRead, lang: Lang) -> String {
    serde_json::json!({
        "counts": super::vote::counts(read),
        lang.code(): super::vote::wall_ranking(lang, read).into_string(),
        "dots": Msg::VoteDotsCount.text(lang),
    })
    .to_string()
}

/// The data of a wall event for a point that went.
pub fn removed_event(id: &str) -> String {
    serde_json::json!({ "id": id }).to_string()
}
