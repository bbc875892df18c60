//! The organiser's action points: the harvest list (filters, status, merging, what the
//! wall does with each point), the merge form, the vote page, the printable report and
//! the charts on the conference page.

use maud::{Markup, html};

use super::components::{action_button, csrf, paragraphs};
use super::facilitator::point_details;
use super::vote::{domain_bar, ranking};
use super::{Ctx, page};
use crate::db::action_points::ActionPoint;
use crate::db::programme::ProgrammeItem;
use crate::db::read::wall::{HarvestFilter, WallRead};
use crate::domain::action_point::{Mark, PointStatus, Question};
use crate::domain::vote::{VoteForm, VoteState};
use crate::domain::{FieldErrors, Problem};
use crate::i18n::{Lang, Msg};

pub struct ListView<'a> {
    pub read: &'a WallRead,
    pub rounds: &'a [ProgrammeItem],
    pub filter: &'a HarvestFilter,
    /// The pilot each point became: (point, pilot, its title).
    pub pilots: &'a [(
        crate::domain::ids::ActionPointId,
        crate::domain::ids::PilotId,
        String,
    )],
}

fn question_short(q: Question) -> Msg {
    match q {
        Question::Professional => Msg::QuestionProfessionalShort,
        Question::Together => Msg::QuestionTogetherShort,
    }
}

/// A select of the filter form, "all" first.
fn filter_select(
    ctx: &Ctx,
    name: &str,
    label: Msg,
    value: &str,
    options: &[(String, String)],
) -> Markup {
    let id = format!("filter-{name}");
    html! {
        div.field {
            label for=(id) { (ctx.t(label)) }
            select id=(id) name=(name) {
                option value="" { (ctx.t(Msg::FilterAll)) }
                @for (v, l) in options {
                    option value=(v) selected[v == value] { (l) }
                }
            }
        }
    }
}

fn filter_form(ctx: &Ctx, v: &ListView, action: &str) -> Markup {
    let read = v.read;
    let insights: Vec<_> = read
        .insights
        .iter()
        .map(|i| (i.insight.id.to_string(), i.insight.title.clone()))
        .collect();
    let questions: Vec<_> = Question::ALL
        .iter()
        .map(|q| (q.as_str().to_owned(), ctx.t(question_short(*q)).to_owned()))
        .collect();
    let rounds: Vec<_> = v
        .rounds
        .iter()
        .map(|r| (r.id.to_string(), r.title.clone()))
        .collect();
    let groups: Vec<_> = read
        .groups
        .iter()
        .map(|g| {
            let insight = read
                .insights
                .iter()
                .find(|i| i.insight.id == g.insight_id)
                .map_or("", |i| i.insight.title.as_str());
            let round = v
                .rounds
                .iter()
                .find(|r| r.id == g.round_id)
                .map_or("", |r| r.title.as_str());
            (g.id.to_string(), format!("{round}, {}: {insight}", g.room))
        })
        .collect();
    let statuses: Vec<_> = PointStatus::ALL
        .iter()
        .map(|s| (s.as_str().to_owned(), ctx.t(s.label()).to_owned()))
        .collect();
    let f = v.filter;
    html! {
        form.filters method="get" action=(action) {
            (filter_select(ctx, "insight", Msg::FilterInsight, &f.insight, &insights))
            (filter_select(ctx, "question", Msg::FilterQuestion, &f.question, &questions))
            (filter_select(ctx, "round", Msg::FilterRound, &f.round, &rounds))
            (filter_select(ctx, "group", Msg::FilterGroup, &f.group, &groups))
            (filter_select(ctx, "status", Msg::StatusLabel, &f.status, &statuses))
            button type="submit" class="secondary" { (ctx.t(Msg::FilterApply)) }
        }
    }
}

/// Where a point was captured: "Groep: zaal, ronde".
fn group_line(lang: Lang, read: &WallRead, rounds: &[ProgrammeItem], p: &ActionPoint) -> Markup {
    html! {
        @if let Some(g) = read.groups.iter().find(|g| g.id == p.group_id) {
            (lang.tf(Msg::PointGroup, &[
                &g.room,
                rounds.iter().find(|r| r.id == g.round_id).map_or("", |r| r.title.as_str()),
            ]))
        }
    }
}

pub fn list(ctx: &Ctx, v: &ListView) -> Markup {
    let read = v.read;
    let c = &read.conference;
    let base = format!("/beheer/conferenties/{}", c.id);
    let title = ctx.t(Msg::ActionPointsTitle);
    let shown = read.harvest(v.filter);
    let query = serde_html_form::to_string(v.filter).unwrap_or_default();
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
                a href={ (base) "/stemming" } { (ctx.t(Msg::VoteTitle)) }
                a href={ (base) "/actiepunten.csv?" (query) } { (ctx.t(Msg::HarvestCsv)) }
                a href={ (base) "/opbrengst" } { (ctx.t(Msg::HarvestReport)) }
            }
            p { (super::vote::state_line(ctx.lang, read)) }
            (filter_form(ctx, v, &format!("{base}/actiepunten")))
            p role="status" { (ctx.lang.tf(Msg::FilterShown, &[&shown.len().to_string()])) }
            @for wi in &read.insights {
                @let here: Vec<_> = shown.iter().filter(|h| h.insight.id == wi.insight.id).collect();
                @if !here.is_empty() {
                    section aria-labelledby={ "inzicht-" (wi.insight.id) } {
                        h2 id={ "inzicht-" (wi.insight.id) } { (wi.insight.title) }
                        @for question in Question::ALL {
                            @let points: Vec<_> = here.iter().filter(|h| h.point.question == *question).collect();
                            @if !points.is_empty() {
                                h3 { (wi.insight.question(*question)) }
                                ul.points {
                                    @for h in points {
                                        (point_item(ctx, v, &base, h.point))
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

fn point_item(ctx: &Ctx, v: &ListView, base: &str, p: &ActionPoint) -> Markup {
    let read = v.read;
    let sources = read.sources_of(&p.id);
    let tally = read.votes.tally(&p.id);
    let (show, pin) = (
        if p.hidden {
            (Mark::Show, Msg::MarkShow)
        } else {
            (Mark::Hide, Msg::MarkHide)
        },
        if p.pinned {
            (Mark::Unpin, Msg::MarkUnpin)
        } else {
            (Mark::Pin, Msg::MarkPin)
        },
    );
    let status_id = format!("status-{}", p.id);
    html! {
        li.point id={ "punt-" (p.id) } {
            span.badge.status { (ctx.t(p.status.label())) } " "
            @if p.pinned { span.badge.pin { (ctx.t(Msg::Pinned)) } " " }
            @if p.hidden { span.badge { (ctx.t(Msg::HiddenPoint)) } " " }
            @if read.votes.state() != VoteState::NotOpen && tally.dots > 0 {
                span.badge.dot-badge { (ctx.lang.tf(Msg::VoteDotsCount, &[&tally.dots.to_string()])) }
            }
            (paragraphs(&p.body))
            (point_details(ctx.lang, p))
            p.hint { (group_line(ctx.lang, read, v.rounds, p)) }
            @if read.votes.state() == VoteState::Closed && tally.dots > 0 {
                (domain_bar(ctx.lang, &tally))
            }
            @if !sources.is_empty() {
                div.sources {
                    p { (ctx.t(Msg::MergeSources)) }
                    ul {
                        @for s in &sources {
                            li {
                                (paragraphs(&s.body))
                                p.hint { (group_line(ctx.lang, read, v.rounds, s)) }
                                (action_button(ctx, &format!("{base}/actiepunten/{}/splitsen", s.id), ctx.t(Msg::MergeSplit), "secondary"))
                            }
                        }
                    }
                }
            }
            div.point-actions {
                form.inline method="post" action={ (base) "/actiepunten/" (p.id) "/status" } {
                    (csrf(ctx))
                    label for=(status_id) { (ctx.t(Msg::StatusLabel)) " " }
                    select id=(status_id) name="status" {
                        @for s in PointStatus::ALL {
                            option value=(s.as_str()) selected[*s == p.status] { (ctx.t(s.label())) }
                        }
                    }
                    " "
                    button type="submit" class="secondary" { (ctx.t(Msg::StatusSet)) }
                }
                " "
                @for (mark, label) in [show, pin] {
                    (action_button(ctx, &format!("{base}/actiepunten/{}/{}", p.id, mark.as_str()), ctx.t(label), "secondary"))
                    " "
                }
                a href={ (base) "/actiepunten/" (p.id) "/samenvoegen" } { (ctx.t(Msg::MergeAction)) }
                " "
                @match v.pilots.iter().find(|(point, _, _)| *point == p.id) {
                    Some((_, pilot, title)) => a href={ "/beheer/pilots/" (pilot) } { (ctx.lang.tf(Msg::PilotBecame, &[title])) },
                    None => a href={ "/beheer/pilots/nieuw?conferentie=" (read.conference.id) "&punten=" (p.id) } { (ctx.t(Msg::PilotMake)) },
                }
            }
        }
    }
}

/// Which point is this one a duplicate of: every other listed point, by insight.
pub fn merge_form(
    ctx: &Ctx,
    read: &WallRead,
    point: &ActionPoint,
    problem: Option<&Problem>,
) -> Markup {
    let c = &read.conference;
    let base = format!("/beheer/conferenties/{}", c.id);
    let title = ctx.t(Msg::MergeTitle);
    html! {
        (page(ctx, title, html! {
            p.breadcrumb { a href=(base) { (c.title) } " › " a href={ (base) "/actiepunten" } { (ctx.t(Msg::ActionPointsTitle)) } }
            h1 { (title) }
            @if let Some(problem) = problem {
                div.error-summary role="alert" tabindex="-1" autofocus {
                    p { span.visually-hidden { (ctx.t(Msg::ErrorPrefix)) " " } (problem.text(ctx.lang)) }
                }
            }
            blockquote.point { (paragraphs(&point.body)) (point_details(ctx.lang, point)) }
            p { (ctx.t(Msg::MergeIntro)) }
            form method="post" action={ (base) "/actiepunten/" (point.id) "/samenvoegen" } {
                (csrf(ctx))
                fieldset {
                    legend { (ctx.t(Msg::MergeInto)) }
                    @for wi in &read.insights {
                        @let others: Vec<_> = wi.points.iter().flat_map(|(_, ps)| ps.iter()).filter(|p| p.id != point.id).collect();
                        @if !others.is_empty() {
                            h2 { (wi.insight.title) }
                            ul.choices {
                                @for p in others {
                                    li {
                                        input type="radio" name="into" id={ "into-" (p.id) } value=(p.id);
                                        label for={ "into-" (p.id) } { (p.body) }
                                    }
                                }
                            }
                        }
                    }
                }
                button type="submit" { (ctx.t(Msg::MergeAction)) }
                " "
                a href={ (base) "/actiepunten#punt-" (point.id) } { (ctx.t(Msg::Cancel)) }
            }
        }))
    }
}

/// The vote: how it stands, the organiser's buttons, and the ranking with its domains.
pub fn vote_page(ctx: &Ctx, read: &WallRead, form: &VoteForm, errors: &FieldErrors) -> Markup {
    let c = &read.conference;
    let base = format!("/beheer/conferenties/{}", c.id);
    let title = ctx.t(Msg::VoteTitle);
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { a href=(base) { (c.title) } " › " a href={ (base) "/actiepunten" } { (ctx.t(Msg::ActionPointsTitle)) } }
            h1 { (title) }
            (super::components::error_summary_in(ctx, errors, Some("stem"), |f| match f {
                "dots" => Msg::VoteDotsLabel,
                _ => Msg::VotePerPointLabel,
            }))
            (super::vote::controls(ctx, &c.id, read, form, errors, ""))
            p.actions {
                a.button href={ "/c/" (c.slug) "/wall" } { (ctx.t(Msg::WallOpen)) }
                a href={ "/c/" (c.slug) "/stemmen" } { (ctx.t(Msg::VoteByCodeTitle)) }
            }
            h2 { (ctx.t(Msg::VoteRanking)) }
            (ranking(ctx.lang, read, usize::MAX, true))
            (super::layout::script())
        },
    )
}

/// The printable harvest: the top of the vote, then per insight its two questions with
/// their points, dots and status.
pub fn report(ctx: &Ctx, read: &WallRead) -> Markup {
    let c = &read.conference;
    let title = format!("{} – {}", ctx.t(Msg::HarvestTitle), c.title);
    let points = read.points();
    let voted = read.votes.state() != VoteState::NotOpen;
    html! {
        (page(ctx, &title, html! {
            article.report {
                h1 { (ctx.t(Msg::HarvestTitle)) }
                p.lead { (c.title) " – " (ctx.lang.date(c.starts_at)) }
                p { (ctx.lang.tf(Msg::HarvestCounts, &[&points.len().to_string(), &super::vote::state_line(ctx.lang, read)])) }
                (points_chart(ctx.lang, read))
                @if voted {
                    section {
                        h2 { (ctx.t(Msg::HarvestTop)) }
                        (ranking(ctx.lang, read, 10, true))
                    }
                }
                @for wi in &read.insights {
                    section.report-insight {
                        h2 { (wi.insight.title) }
                        @for (question, ps) in &wi.points {
                            h3 { (wi.insight.question(*question)) " (" (ps.len()) ")" }
                            @if ps.is_empty() {
                                p.hint { (ctx.t(Msg::PointsNone)) }
                            }
                            ul {
                                @for p in ps {
                                    @let t = read.votes.tally(&p.id);
                                    li {
                                        (paragraphs(&p.body))
                                        (point_details(ctx.lang, p))
                                        p.hint {
                                            (ctx.t(p.status.label()))
                                            @if voted { " · " (ctx.lang.tf(Msg::VoteDotsCount, &[&t.dots.to_string()])) }
                                            @let n = read.sources_of(&p.id).len();
                                            @if n > 0 { " · " (ctx.t(Msg::MergeSources)) " " (n + 1) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}

/// Points per insight and question as a bar chart (SVG, with the numbers in text too).
pub fn points_chart(lang: Lang, read: &WallRead) -> Markup {
    let rows: Vec<(&str, usize, usize)> = read
        .insights
        .iter()
        .map(|wi| {
            let n = |q: Question| {
                wi.points
                    .iter()
                    .find(|(x, _)| *x == q)
                    .map_or(0, |(_, p)| p.len())
            };
            (
                wi.insight.title.as_str(),
                n(Question::Professional),
                n(Question::Together),
            )
        })
        .collect();
    let max = rows
        .iter()
        .map(|(_, a, b)| (*a).max(*b))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (label_w, bar_w, row_h) = (260.0, 300.0, 34.0);
    let height = rows.len() as f64 * row_h + 30.0;
    html! {
        figure.chart {
            figcaption { (lang.t(Msg::ChartPointsTitle)) }
            svg viewBox={ "0 0 " (label_w + bar_w + 50.0) " " (height) } role="img" aria-labelledby="chart-points-text" {
                @for (k, (title, a, b)) in rows.iter().enumerate() {
                    @let y = k as f64 * row_h + 4.0;
                    text x="0" y=(y + 18.0) class="chart-label" { (title.chars().take(34).collect::<String>()) }
                    rect.bar-professional x=(label_w) y=(y) width=(format!("{:.1}", *a as f64 / max * bar_w)) height="12" {}
                    text x=(format!("{:.1}", label_w + *a as f64 / max * bar_w + 4.0)) y=(y + 11.0) class="chart-value" { (a) }
                    rect.bar-together x=(label_w) y=(y + 14.0) width=(format!("{:.1}", *b as f64 / max * bar_w)) height="12" {}
                    text x=(format!("{:.1}", label_w + *b as f64 / max * bar_w + 4.0)) y=(y + 25.0) class="chart-value" { (b) }
                }
                rect.bar-professional x=(label_w) y=(height - 18.0) width="12" height="12" {}
                text x=(label_w + 16.0) y=(height - 8.0) class="chart-value" { (lang.t(Msg::QuestionProfessionalShort)) }
                rect.bar-together x=(label_w + 150.0) y=(height - 18.0) width="12" height="12" {}
                text x=(label_w + 166.0) y=(height - 8.0) class="chart-value" { (lang.t(Msg::QuestionTogetherShort)) }
            }
            p.visually-hidden id="chart-points-text" {
                @for (title, a, b) in &rows {
                    (title) ": " (a) " " (lang.t(Msg::QuestionProfessionalShort)) ", " (b) " " (lang.t(Msg::QuestionTogetherShort)) ". "
                }
            }
        }
    }
}

/// The vote's top ten as a bar chart, each bar split by domain.
pub fn vote_chart(lang: Lang, read: &WallRead) -> Markup {
    let points = read.points();
    let ranked = read.votes.ranking(&points);
    let top: Vec<_> = ranked.iter().take(10).collect();
    if top.is_empty() {
        return html! {};
    }
    let max = top[0].1.dots.max(1) as f64;
    let (label_w, bar_w, row_h) = (300.0, 260.0, 24.0);
    let height = top.len() as f64 * row_h + 4.0;
    html! {
        figure.chart {
            figcaption { (lang.t(Msg::ChartVoteTitle)) }
            svg viewBox={ "0 0 " (label_w + bar_w + 40.0) " " (height) } role="img" aria-labelledby="chart-vote-text" {
                @for (k, (p, t)) in top.iter().enumerate() {
                    @let y = k as f64 * row_h + 4.0;
                    @let label: String = p.body.chars().take(40).collect();
                    text x="0" y=(y + 13.0) class="chart-label" { (label) }
                    @for (d, x, w) in super::vote::segments(t, max, bar_w) {
                        rect class={ "d-" (crate::domain::vote::Domain::ALL[d].as_str()) } x=(format!("{:.1}", label_w + x)) y=(y) width=(format!("{w:.1}")) height="16" {}
                    }
                    text x=(format!("{:.1}", label_w + t.dots as f64 / max * bar_w + 4.0)) y=(y + 13.0) class="chart-value" { (t.dots) }
                }
            }
            p.visually-hidden id="chart-vote-text" {
                @for (p, t) in &top {
                    (p.body.chars().take(80).collect::<String>()) ": " (lang.tf(Msg::VoteDotsCount, &[&t.dots.to_string()])) ". "
                }
            }
        }
    }
}
