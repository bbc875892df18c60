//! The facilitator's page: per group the insight, its story and its two questions, each
//! with its action points and a field to add one; where and when; and who comes. Made
//! for a phone in one hand on the day: plain forms that work without JavaScript, which
//! only adds sending without a reload and keeping points while the network is gone.

use maud::{Markup, html};

use super::components::{Field, csrf, error_summary_in, paragraphs};
use super::{Ctx, page};
use crate::db::action_points::ActionPoint;
use crate::db::read::facilitator::{FacilitatorRead, LedGroup};
use crate::domain::FieldErrors;
use crate::domain::action_point::{PointForm, Question, Source};
use crate::i18n::{Lang, Msg};

/// Who captures on the page: the facilitator (their groups, who comes, and changing or
/// deleting points), or a participant at a group's table (that group, adding only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Facilitator,
    Table,
}

/// A capture form that came back with problems: shown again in its place, as typed.
pub struct Failed<'a> {
    pub form: &'a PointForm,
    pub errors: &'a FieldErrors,
}

fn field_label(field: &str) -> Msg {
    match field {
        "taker_name" => Msg::FieldTakerName,
        "taker_organisation" => Msg::FieldTakerOrganisation,
        "with_whom" => Msg::FieldWithWhom,
        "first_step" => Msg::FieldFirstStep,
        "text" => Msg::FieldPointTextEdit,
        _ => Msg::ErrorSummaryTitle,
    }
}

/// `base` is the link the page was opened with (`/f/{token}`, or `/c/{slug}/g/{code}`).
pub fn groups(
    ctx: &Ctx,
    read: &FacilitatorRead,
    base: &str,
    failed: Option<Failed>,
    mode: Mode,
) -> Markup {
    let (title, intro) = match mode {
        Mode::Facilitator => (ctx.t(Msg::FacilitatorTitle), ctx.t(Msg::FacilitatorIntro)),
        Mode::Table => (ctx.t(Msg::TableTitle), ctx.t(Msg::TableIntro)),
    };
    let locked = read.capture_locked_at.is_some();
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { (read.conference.title) }
            h1 { (title) }
            p { (intro) }
            @if locked {
                p.notice role="status" { (ctx.t(Msg::CaptureLocked)) }
            }
            // Filled in by the script while points wait for the network.
            div.notice.capture-queue hidden role="status" aria-live="polite"
                data-waiting=(ctx.t(Msg::PointsWaiting)) data-pending=(ctx.t(Msg::PointPending)) {
                p.queue-count {}
                p.hint { (ctx.t(Msg::PointsWaitingHint)) }
            }
            @for led in &read.groups {
                (group(ctx, led, base, locked, failed.as_ref(), mode))
            }
            (super::layout::script())
        },
    )
}

fn group(
    ctx: &Ctx,
    led: &LedGroup,
    base: &str,
    locked: bool,
    failed: Option<&Failed>,
    mode: Mode,
) -> Markup {
    let id = format!("groep-{}", led.group.id);
    html! {
        section.card.led-group id=(id) aria-labelledby={ (id) "-titel" } {
            h2 id={ (id) "-titel" } { (led.insight.title) }
            p {
                (led.round.title) ", " (ctx.lang.date(led.round.starts_at)) " "
                (ctx.lang.time(led.round.starts_at)) "–" (ctx.lang.time(led.round.ends_at))
                " · " (led.group.room)
            }
            @if !led.insight.description.trim().is_empty() {
                details.story {
                    summary { (ctx.t(Msg::FieldInsightDescription)) }
                    (paragraphs(&led.insight.description))
                }
            }
            @for question in Question::ALL {
                (question_block(ctx, led, *question, base, locked, failed, mode))
            }
            @if mode == Mode::Table {
            } @else if led.people.is_empty() {
                p { (ctx.t(Msg::FacilitatorNobody)) }
            } @else {
                details.people {
                    summary { (ctx.lang.tf(Msg::MailFacilitatorPeople, &[&led.people.len().to_string()])) }
                    ul {
                        @for (name, discipline, organisation) in &led.people {
                            li { (name) " – " (discipline) ", " (organisation) }
                        }
                    }
                }
            }
        }
    }
}

fn question_block(
    ctx: &Ctx,
    led: &LedGroup,
    question: Question,
    base: &str,
    locked: bool,
    failed: Option<&Failed>,
    mode: Mode,
) -> Markup {
    let prefix = format!("{}-{}", led.group.id, question.as_str());
    let heading = format!("v-{prefix}");
    let points: Vec<&ActionPoint> = led.points_for(question).collect();
    let mine = failed.filter(|f| {
        f.form.group.trim() == led.group.id.as_str() && f.form.question.trim() == question.as_str()
    });
    html! {
        section.question aria-labelledby=(heading) {
            h3 id=(heading) { (led.insight.question(question)) }
            ul.points data-points=(prefix) {
                @for point in &points {
                    (point_item(ctx, point, base, locked || mode == Mode::Table))
                }
            }
            @if points.is_empty() {
                p.hint.no-points { (ctx.t(Msg::PointsNone)) }
            }
            @if !locked {
                @let fresh = PointForm {
                    group: led.group.id.to_string(),
                    question: question.as_str().to_owned(),
                    key: uuid::Uuid::new_v4().to_string(),
                    ..PointForm::default()
                };
                @let empty = FieldErrors::default();
                @let (form, errors) = match mine {
                    Some(f) => (f.form, f.errors),
                    None => (&fresh, &empty),
                };
                (capture_form(ctx, form, errors, &prefix, &format!("{base}/punten"), Msg::AddPoint, Msg::FieldPointText))
            }
        }
    }
}

/// One point as listed: its text, who takes it up, and (when `fixed` is false) links to
/// change or delete it.
pub fn point_item(ctx: &Ctx, point: &ActionPoint, base: &str, fixed: bool) -> Markup {
    html! {
        li.point id={ "punt-" (point.id) } {
            (paragraphs(&point.body))
            (point_details(ctx.lang, point))
            @if !fixed {
                p.point-actions {
                    a href={ (base) "/punten/" (point.id) "/bewerken" } {
                        (ctx.t(Msg::Edit)) span.visually-hidden { ": " (excerpt(&point.body)) }
                    }
                    " · "
                    a href={ (base) "/punten/" (point.id) "/verwijderen" } {
                        (ctx.t(Msg::Delete)) span.visually-hidden { ": " (excerpt(&point.body)) }
                    }
                }
            }
        }
    }
}

/// Who takes a point up, with whom, its first step, and who captured it when that was
/// not the facilitator.
pub fn point_details(lang: Lang, point: &ActionPoint) -> Markup {
    let taker = [point.taker_name.as_str(), point.taker_organisation.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    html! {
        @if !taker.is_empty() || !point.with_whom.is_empty() || !point.first_step.is_empty()
            || point.source != Source::Facilitator {
            p.point-meta {
                @if !taker.is_empty() { span { (lang.tf(Msg::PointTaker, &[&taker])) } " " }
                @if !point.with_whom.is_empty() { span { (lang.tf(Msg::PointWithWhom, &[&point.with_whom])) } " " }
                @if !point.first_step.is_empty() { span { (lang.tf(Msg::PointFirstStep, &[&point.first_step])) } " " }
                @match point.source {
                    Source::Participant => span.badge.participant { (lang.t(Msg::PointByParticipant)) },
                    Source::Organiser => span.badge { (lang.t(Msg::PointByOrganiser)) },
                    Source::Facilitator => {},
                }
            }
        }
    }
}

/// The first words of a point, to tell its links apart for a screen reader.
fn excerpt(text: &str) -> String {
    let mut words: Vec<&str> = text.split_whitespace().take(8).collect();
    if text.split_whitespace().count() > 8 {
        words.push("…");
    }
    words.join(" ")
}

/// The form that adds (or changes) a point: the text, and behind "more" who takes it up,
/// with whom and a first step. `prefix` keeps its field ids apart from the other forms.
fn capture_form(
    ctx: &Ctx,
    form: &PointForm,
    errors: &FieldErrors,
    prefix: &str,
    action: &str,
    button: Msg,
    text_label: Msg,
) -> Markup {
    let details_open = !form.taker_name.is_empty()
        || !form.taker_organisation.is_empty()
        || !form.with_whom.is_empty()
        || !form.first_step.is_empty()
        || [
            "taker_name",
            "taker_organisation",
            "with_whom",
            "first_step",
        ]
        .iter()
        .any(|f| errors.get(f).is_some());
    html! {
        form.capture method="post" action={ (action) "#groep-" (form.group) } data-capture {
            (error_summary_in(ctx, errors, Some(prefix), field_label))
            (csrf(ctx))
            input type="hidden" name="group" value=(form.group);
            input type="hidden" name="question" value=(form.question);
            input type="hidden" name="key" value=(form.key);
            (Field::new(ctx, errors, "text", text_label, &form.text).prefix(prefix).required().textarea(ctx, 3))
            details.more open[details_open] {
                summary { (ctx.t(Msg::PointMore)) }
                (Field::new(ctx, errors, "taker_name", Msg::FieldTakerName, &form.taker_name).prefix(prefix).input(ctx))
                (Field::new(ctx, errors, "taker_organisation", Msg::FieldTakerOrganisation, &form.taker_organisation).prefix(prefix).input(ctx))
                (Field::new(ctx, errors, "with_whom", Msg::FieldWithWhom, &form.with_whom).prefix(prefix).input(ctx))
                (Field::new(ctx, errors, "first_step", Msg::FieldFirstStep, &form.first_step).prefix(prefix).input(ctx))
            }
            button.primary type="submit" { (ctx.t(button)) }
        }
    }
}

/// Changing one point: its text and details, and which of the facilitator's groups and
/// questions it answers (a point put under the wrong question moves).
pub fn edit(
    ctx: &Ctx,
    read: &FacilitatorRead,
    base: &str,
    point: &ActionPoint,
    form: &PointForm,
    errors: &FieldErrors,
) -> Markup {
    let title = ctx.t(Msg::EditPointTitle);
    let mut places: Vec<(String, String)> = Vec::new();
    for led in &read.groups {
        for question in Question::ALL {
            places.push((
                format!("{}|{}", led.group.id, question.as_str()),
                format!("{}: {}", led.insight.title, led.insight.question(*question)),
            ));
        }
    }
    let current = format!("{}|{}", form.group.trim(), form.question.trim());
    let back = match read.group_of(point) {
        Some(led) => format!("{base}#groep-{}", led.group.id),
        None => base.to_owned(),
    };
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { a href=(back) { (ctx.t(Msg::FacilitatorTitle)) } }
            h1 { (title) }
            @if read.capture_locked_at.is_some() {
                p.notice role="status" { (ctx.t(Msg::CaptureLocked)) }
            }
            form method="post" action={ (base) "/punten/" (point.id) "/bewerken" } {
                (error_summary_in(ctx, errors, None, field_label))
                (csrf(ctx))
                input type="hidden" name="key" value=(form.key);
                (Field::new(ctx, errors, "place", Msg::FieldPointPlace, &current).select(ctx, &places))
                (Field::new(ctx, errors, "text", Msg::FieldPointTextEdit, &form.text).required().textarea(ctx, 4))
                (Field::new(ctx, errors, "taker_name", Msg::FieldTakerName, &form.taker_name).input(ctx))
                (Field::new(ctx, errors, "taker_organisation", Msg::FieldTakerOrganisation, &form.taker_organisation).input(ctx))
                (Field::new(ctx, errors, "with_whom", Msg::FieldWithWhom, &form.with_whom).input(ctx))
                (Field::new(ctx, errors, "first_step", Msg::FieldFirstStep, &form.first_step).input(ctx))
                div.actions {
                    button.primary type="submit" { (ctx.t(Msg::Save)) }
                    " "
                    a href=(back) { (ctx.t(Msg::Cancel)) }
                }
            }
        },
    )
}

/// Asks before deleting, and says what goes.
pub fn delete(ctx: &Ctx, read: &FacilitatorRead, base: &str, point: &ActionPoint) -> Markup {
    let title = ctx.t(Msg::DeletePointTitle);
    let (insight, back) = match read.group_of(point) {
        Some(led) => (
            led.insight.title.as_str(),
            format!("{base}#groep-{}", led.group.id),
        ),
        None => ("", base.to_owned()),
    };
    page(
        ctx,
        title,
        html! {
            p.breadcrumb { a href=(back) { (ctx.t(Msg::FacilitatorTitle)) } }
            h1 { (title) }
            p { (ctx.lang.tf(Msg::DeletePointQuestion, &[insight])) }
            blockquote.point { (paragraphs(&point.body)) (point_details(ctx.lang, point)) }
            form method="post" action={ (base) "/punten/" (point.id) "/verwijderen" } {
                (csrf(ctx))
                div.actions {
                    button.danger type="submit" { (ctx.t(Msg::Delete)) }
                    " "
                    a href=(back) { (ctx.t(Msg::Cancel)) }
                }
            }
        },
    )
}
