//! The assignment preview: run the solver ("Verdeel deelnemers") and see the result.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

use super::conference_url;
use crate::db::read::assignment::AssignmentRead;
use crate::domain::ids::{GroupId, ProgrammeItemId, RegistrationId};
use crate::flows;
use crate::flows::assignment::{MoveCheck, Ran};
use crate::i18n::Msg;
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::{CsrfForm, NoFields};
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::assignment::MoveView;
use crate::views::{self, Ctx};

async fn read(
    state: &AppState,
    c: &crate::db::conferences::Conference,
) -> Result<AssignmentRead, AppError> {
    let id = c.id.clone();
    Ok(state
        .db
        .run(move |conn| AssignmentRead::load(conn, &id))
        .await?)
}

pub async fn preview(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    let read = read(&state, &c).await?;
    Ok(views::assignment::preview(&ctx, &c, &read, None))
}

/// The lists per room, to print for the day itself.
pub async fn room_lists(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    let read = read(&state, &c).await?;
    Ok(views::assignment::room_lists(&ctx, &c, &read))
}

/// A door sign per group, to print.
pub async fn door_signs(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    let read = read(&state, &c).await?;
    Ok(views::assignment::door_signs(&ctx, &c, &read))
}

/// One card per group for its table: the insight, the questions, and the group's link
/// with a QR code for participants to add action points.
pub async fn table_cards(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    let read = read(&state, &c).await?;
    let (mailer, slug) = (state.mailer.clone(), c.slug.clone());
    let link = move |group: &crate::domain::ids::GroupId| {
        format!(
            "{}/c/{slug}/g/{}",
            mailer.base_url,
            mailer.links.table_code(group)
        )
    };
    Ok(views::assignment::table_cards(&ctx, &c, &read, &link))
}

/// The assignment as CSV: one row per participant per round, in the order of the room lists.
pub async fn csv(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<HttpResponse, AppError> {
    let read = read(&state, &c).await?;
    let lang = ctx.lang;
    let header = [
        lang.t(Msg::FieldRound),
        lang.t(Msg::Time),
        lang.t(Msg::FieldRoom),
        lang.t(Msg::FieldInsight),
        lang.t(Msg::FieldFacilitatorName),
        lang.t(Msg::FieldName),
        lang.t(Msg::FieldEmail),
        lang.t(Msg::FieldOrganisation),
        lang.t(Msg::FieldDiscipline),
        lang.t(Msg::AssignChoices),
        lang.t(Msg::AssignPinnedColumn),
    ];
    let choice = [
        Msg::AssignFirst,
        Msg::AssignSecond,
        Msg::AssignThird,
        Msg::AssignNoChoice,
    ];
    let mut rows = Vec::new();
    for round in &read.rounds {
        let when = format!(
            "{} {}–{}",
            crate::domain::time::to_local(round.starts_at).format("%d-%m-%Y"),
            lang.time(round.starts_at),
            lang.time(round.ends_at)
        );
        for seats in read.seats(round) {
            for (r, pinned) in &seats.people {
                rows.push(vec![
                    round.title.clone(),
                    when.clone(),
                    seats.group.room.clone(),
                    seats.insight.to_owned(),
                    seats.group.facilitator_name.clone(),
                    r.name.clone(),
                    r.email.clone(),
                    r.organisation.clone(),
                    r.discipline.clone(),
                    lang.t(choice[read.rank(&r.id, &seats.group.insight_id)])
                        .to_owned(),
                    lang.t(if *pinned { Msg::Yes } else { Msg::No }).to_owned(),
                ]);
            }
        }
    }
    super::csv_download(&format!("indeling-{}.csv", c.slug), &header, rows)
}

pub async fn run(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, now) = (c.id.clone(), state.now());
    let (ran, effects) = state
        .db
        .run(move |conn| flows::assignment::run(conn, &id, now))
        .await?;
    state.apply(effects);
    match ran {
        Ran::Done(_) => {
            ctx.flash(Msg::AssignDone);
            Ok(see_other(&format!("{}/indeling", conference_url(&c.id))))
        }
        Ran::Refused(msg, reason) => {
            let read = read(&state, &c).await?;
            let said = match reason {
                Some(reason) => format!("{} ({reason})", ctx.t(msg)),
                None => ctx.t(msg).to_owned(),
            };
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::assignment::preview(&ctx, &c, &read, Some(&said)),
            ))
        }
    }
}

#[derive(serde::Deserialize)]
pub struct Which {
    deelnemer: RegistrationId,
    ronde: ProgrammeItemId,
    #[serde(default)]
    groep: Option<GroupId>,
    #[serde(default)]
    action: String,
    #[serde(default)]
    vast: String,
}

/// The move page: who, which round, and the round's groups with their seats.
async fn move_page(
    ctx: &Ctx,
    state: &AppState,
    c: &crate::db::conferences::Conference,
    which: &Which,
    check: Option<&MoveCheck>,
    error: Option<&str>,
) -> Result<HttpResponse, AppError> {
    let read = read(state, c).await?;
    let person = read
        .confirmed
        .iter()
        .find(|r| r.id == which.deelnemer)
        .ok_or(AppError::NotFound)?;
    let round = read
        .rounds
        .iter()
        .find(|r| r.id == which.ronde)
        .ok_or(AppError::NotFound)?;
    let current = read
        .placements
        .iter()
        .find(|p| p.registration_id == which.deelnemer && p.round_id == which.ronde)
        .ok_or(AppError::NotFound)?;
    let chosen = which
        .groep
        .as_ref()
        .map_or(current.group_id.to_string(), |g| g.to_string());
    let seats = read.seats(round);
    let groups = seats
        .iter()
        .map(|s| {
            (
                s.group.id.to_string(),
                s.insight,
                s.group.room.as_str(),
                s.people.len(),
                s.group.capacity,
            )
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(html(
        status,
        views::assignment::move_form(
            ctx,
            &MoveView {
                conference: c,
                person,
                round,
                groups,
                chosen: &chosen,
                check,
                error,
            },
        ),
    ))
}

pub async fn move_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    which: web::Query<Which>,
) -> Result<HttpResponse, AppError> {
    move_page(&ctx, &state, &c, &which, None, None).await
}

/// "Bekijk het effect" shows the cost change and whether the rules allow it; "Verplaatsen
/// en vastzetten" saves it (checked again).
pub async fn move_participant(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    CsrfForm(which): CsrfForm<Which>,
) -> Result<HttpResponse, AppError> {
    let Some(group) = which.groep.clone() else {
        return move_page(&ctx, &state, &c, &which, None, Some(ctx.t(Msg::ErrChoice))).await;
    };
    let (id, person, round) = (c.id.clone(), which.deelnemer.clone(), which.ronde.clone());
    if which.action == "save" {
        let g = group.clone();
        let moved = state
            .db
            .run(move |conn| flows::assignment::apply_move(conn, &id, &person, &round, &g))
            .await?;
        return match moved {
            None => Err(AppError::NotFound),
            Some(Ok(())) => {
                ctx.flash(Msg::AssignMoved);
                Ok(see_other(&format!("{}/indeling", conference_url(&c.id))))
            }
            Some(Err(refused)) => {
                move_page(&ctx, &state, &c, &which, None, Some(ctx.t(refused))).await
            }
        };
    }
    let check = state
        .db
        .run(move |conn| flows::assignment::check_move(conn, &id, &person, &round, &group))
        .await?
        .ok_or(AppError::NotFound)?;
    let refused = check.refused.map(|m| ctx.t(m));
    move_page(&ctx, &state, &c, &which, Some(&check), refused).await
}

/// Pins a placement (a new run keeps it) or releases it.
pub async fn pin(
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    CsrfForm(which): CsrfForm<Which>,
) -> Result<HttpResponse, AppError> {
    let (id, person, round) = (c.id.clone(), which.deelnemer.clone(), which.ronde.clone());
    let pinned = which.vast == "1";
    let found = state
        .db
        .run(move |conn| crate::db::placements::set_pinned(conn, &id, &person, &round, pinned))
        .await?;
    if !found {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!("{}/indeling", conference_url(&c.id))))
}

/// Publishes: the participants whose programme is new or changed get it by mail.
pub async fn publish(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (id, now, mailer) = (c.id.clone(), state.now(), state.mailer.clone());
    let (published, effects) = state
        .db
        .run(move |conn| flows::assignment::publish(conn, &mailer, &id, now))
        .await?;
    state.apply(effects);
    match published {
        flows::assignment::Published::Mailed {
            participants,
            facilitators,
        } => {
            ctx.flash_text(ctx.lang.tf(
                Msg::AssignPublished,
                &[&participants.to_string(), &facilitators.to_string()],
            ));
            Ok(see_other(&format!("{}/indeling", conference_url(&c.id))))
        }
        flows::assignment::Published::Refused(msg) => {
            let read = read(&state, &c).await?;
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::assignment::preview(&ctx, &c, &read, Some(ctx.t(msg))),
            ))
        }
    }
}
