//! The dot vote as people see it: the participant's ballot, the way in with an emailed
//! code, the ranking with its breakdown by domain (wall, harvest), and the organiser's
//! buttons to open and close it.

use std::collections::HashMap;

use maud::{Markup, html};

use super::components::{Field, csrf, paragraphs};
use super::{Ctx, page};
use crate::db::conferences::Conference;
use crate::db::read::wall::WallRead;
use crate::domain::ids::{ActionPointId, ConferenceId};
use crate::domain::vote::{Domain, Tally, VoteForm, VoteState};
use crate::domain::{FieldErrors, Problem};
use crate::i18n::{Lang, Msg};

pub fn domain_label(domain: Domain) -> Msg {
    match domain {
        Domain::Medical => Msg::DomainMedical,
        Domain::Social => Msg::DomainSocial,
        Domain::Parents => Msg::DomainParents,
        Domain::Others => Msg::DomainOthers,
    }
}

/// The parts of a bar of `width` for `max` dots: per domain with dots, its index, start
/// and width.
pub fn segments(tally: &Tally, max: f64, width: f64) -> Vec<(usize, f64, f64)> {
    let mut x = 0.0;
    tally
        .by_domain
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| {
            let w = *n as f64 / max * width;
            x += w;
            (k, x - w, w)
        })
        .collect()
}

/// The dots of a point by domain: a bar (for the eye) and the same in words.
pub fn domain_bar(lang: Lang, tally: &Tally) -> Markup {
    let segments = segments(tally, tally.dots.max(1) as f64, 100.0);
    html! {
        div.domains {
            svg.domain-bar viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false" {
                @for (k, x, w) in &segments {
                    rect class={ "d-" (Domain::ALL[*k].as_str()) } x=(format!("{x:.2}")) y="0" width=(format!("{w:.2}")) height="6" {}
                }
            }
            p.domain-legend {
                @for (k, n) in tally.by_domain.iter().enumerate() {
                    @if k > 0 { " · " }
                    span class={ "d-" (Domain::ALL[k].as_str()) } { (lang.t(domain_label(Domain::ALL[k]))) " " (n) }
                }
                " – " (lang.tf(Msg::VoteDomainsCarried, &[&tally.domains().to_string()]))
            }
        }
    }
}

/// The ranking: the points with dots, most first, at most `limit`; with the breakdown by
/// domain when `breakdown`.
pub fn ranking(lang: Lang, read: &WallRead, limit: usize, breakdown: bool) -> Markup {
    let points = read.points();
    let ranked = read.votes.ranking(&points);
    html! {
        @if ranked.is_empty() {
            p { (lang.t(Msg::VoteStateNone)) }
        } @else {
            ol.ranking {
                @for (p, t) in ranked.iter().take(limit) {
                    li {
                        span.dots-count { (lang.tf(Msg::VoteDotsCount, &[&t.dots.to_string()])) }
                        div.ranked-text {
                            (paragraphs(&p.body))
                            @if let Some(i) = read.insight_of(p) {
                                p.hint { (i.title) " – " (i.question(p.question)) }
                            }
                            @if breakdown { (domain_bar(lang, t)) }
                        }
                    }
                }
            }
        }
    }
}

/// How the vote stands, in one line.
pub fn state_line(lang: Lang, read: &WallRead) -> String {
    let voters = read.votes.voters.to_string();
    match read.votes.state() {
        VoteState::Open => lang.tf(Msg::VoteStateOpen, &[&voters]),
        VoteState::Closed => lang.tf(Msg::VoteStateClosed, &[&voters]),
        VoteState::NotOpen => lang.t(Msg::VoteStateNone).to_owned(),
    }
}

/// What the wall shows of the vote while it is open: how to join, how many voted, the
/// ranking (or that it comes at closing). Replaced live as the dots change.
pub fn wall_ranking(lang: Lang, read: &WallRead) -> Markup {
    html! {
        p.vote-state { (state_line(lang, read)) }
        @if read.votes.visible() {
            h3 { (lang.t(Msg::VoteRanking)) }
            (ranking(lang, read, 5, false))
        } @else {
            p { (lang.t(Msg::VoteResultsHidden)) }
        }
    }
}

/// The dots per point, for the wall's badges (empty while hidden).
pub fn counts(read: &WallRead) -> HashMap<String, u32> {
    if !read.votes.visible() {
        return HashMap::new();
    }
    read.votes
        .tallies
        .iter()
        .map(|(id, t)| (id.to_string(), t.dots))
        .collect()
}

/// The organiser's buttons: open the vote (with its settings), close it, or open it again.
pub fn controls(
    ctx: &Ctx,
    conference: &ConferenceId,
    read: &WallRead,
    form: &VoteForm,
    errors: &FieldErrors,
    back: &str,
) -> Markup {
    let base = format!("/beheer/conferenties/{conference}/stemming");
    let state = read.votes.state();
    html! {
        div.vote-controls {
            p { (state_line(ctx.lang, read)) }
            @if state == VoteState::Open {
                form.inline method="post" action={ (base) "/sluiten?terug=" (back) } data-confirm=(ctx.t(Msg::VoteCloseConfirm)) {
                    (csrf(ctx))
                    p.hint { (ctx.t(Msg::VoteCloseConfirm)) }
                    button type="submit" { (ctx.t(Msg::VoteCloseAction)) }
                }
            } @else {
                form method="post" action={ (base) "/openen?terug=" (back) } novalidate {
                    (csrf(ctx))
                    (Field::new(ctx, errors, "dots", Msg::VoteDotsLabel, &form.dots).kind("number").required().prefix("stem").input(ctx))
                    (Field::new(ctx, errors, "per_point", Msg::VotePerPointLabel, &form.per_point).kind("number").required().prefix("stem").input(ctx))
                    div.field.checkbox {
                        input type="checkbox" id="f-stem-hide_results" name="hide_results" value="1" checked[!form.hide_results.is_empty()];
                        label for="f-stem-hide_results" { (ctx.t(Msg::VoteHideLabel)) }
                    }
                    button type="submit" {
                        (ctx.t(if state == VoteState::Closed { Msg::VoteReopenAction } else { Msg::VoteOpenAction }))
                    }
                }
            }
        }
    }
}

/// What a participant's ballot shows.
pub struct BallotView<'a> {
    pub read: &'a WallRead,
    /// `/r/{token}/stemmen`.
    pub action: String,
    /// The version of the ballot the form is for.
    pub version: i32,
    /// The dots as the form shows them: stored, or as sent when refused.
    pub dots: HashMap<ActionPointId, u32>,
    pub problem: Option<Problem>,
    pub saved: bool,
}

/// The participant's ballot: every point that takes part, by insight and question, with
/// a checkbox (one dot per point) or a number (more), and how many dots are left.
pub fn ballot(ctx: &Ctx, b: &BallotView) -> Markup {
    let read = b.read;
    let title = ctx.t(Msg::VoteTitle);
    let state = read.votes.state();
    let settings = read
        .votes
        .vote
        .as_ref()
        .map(|v| v.settings())
        .unwrap_or_default();
    let used: u32 = b.dots.values().sum();
    page(
        ctx,
        title,
        html! {
            h1 { (title) ": " (read.conference.title) }
            @if let Some(problem) = &b.problem {
                div.error-summary role="alert" tabindex="-1" autofocus {
                    p { span.visually-hidden { (ctx.t(Msg::ErrorPrefix)) " " } (problem.text(ctx.lang)) }
                }
            }
            @if b.saved {
                p.notice role="status" { (ctx.t(Msg::VoteSaved)) }
            }
            @match state {
                VoteState::NotOpen => p { (ctx.t(Msg::VoteNotOpenYet)) },
                VoteState::Closed => {
                    p { (ctx.t(Msg::VoteClosedText)) }
                    (ranking(ctx.lang, read, usize::MAX, true))
                },
                VoteState::Open => {
                    p { (ctx.lang.tf(Msg::VoteIntro, &[&settings.dots.to_string()])) " "
                        (ctx.lang.tf(Msg::VotePerPointHint, &[&settings.per_point.to_string()])) }
                    form.ballot method="post" action=(b.action) data-dots=(settings.dots) {
                        (csrf(ctx))
                        input type="hidden" name="version" value=(b.version);
                        p.dots-left aria-live="polite" {
                            (ctx.lang.tf(Msg::VoteLeft, &[&settings.dots.saturating_sub(used).to_string()]))
                        }
                        @for wi in &read.insights {
                            @if wi.count() > 0 {
                                h2 { (wi.insight.title) }
                                @for (question, points) in &wi.points {
                                    @if !points.is_empty() {
                                        fieldset {
                                            legend { (wi.insight.question(*question)) }
                                            ul.ballot-points {
                                                @for p in points {
                                                    @let id = format!("stip-{}", p.id);
                                                    @let n = b.dots.get(&p.id).copied().unwrap_or(0);
                                                    li {
                                                        @if settings.per_point == 1 {
                                                            input type="checkbox" id=(id) name={ "p-" (p.id) } value="1" checked[n > 0];
                                                            label for=(id) { (p.body) }
                                                        } @else {
                                                            label for=(id) { (p.body) }
                                                            input type="number" id=(id) name={ "p-" (p.id) } min="0" max=(settings.per_point)
                                                                inputmode="numeric" value=(n);
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        button type="submit" { (ctx.t(Msg::VoteSave)) }
                    }
                    (super::layout::script())
                }
            }
        },
    )
}

/// The way in without a personal link: first the address, then the code from the mail.
pub fn code_form(
    ctx: &Ctx,
    conference: &Conference,
    email: &str,
    code_sent: bool,
    errors: &FieldErrors,
) -> Markup {
    let title = ctx.t(Msg::VoteByCodeTitle);
    let base = format!("/c/{}/stemmen", conference.slug);
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { a href={ "/c/" (conference.slug) } { (conference.title) } }
            h1 { (title) }
            @if code_sent {
                p.notice role="status" { (ctx.t(Msg::VoteByCodeSent)) }
                form method="post" action={ (base) "/code" } novalidate {
                    (csrf(ctx))
                    (Field::new(ctx, errors, "email", Msg::FieldEmail, email).kind("email").required().autocomplete("email").input(ctx))
                    (Field::new(ctx, errors, "code", Msg::VoteCodeLabel, "").required().autocomplete("one-time-code").input(ctx))
                    button type="submit" { (ctx.t(Msg::VoteCodeGo)) }
                }
            } @else {
                p { (ctx.t(Msg::VoteByCodeIntro)) }
                form method="post" action=(base) novalidate {
                    (csrf(ctx))
                    (Field::new(ctx, errors, "email", Msg::FieldEmail, email).kind("email").required().autocomplete("email").input(ctx))
                    button type="submit" { (ctx.t(Msg::VoteByCodeSend)) }
                }
            }
        },
    )
}
