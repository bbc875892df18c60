//! A conference's breakout groups: one insight in one round, edited through [`Child`];
//! and the overview per round, with the places against the participants who attend it.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::NaiveDateTime;
use maud::Markup;

use super::child::{Child, FormPage, Saved};
use crate::db::conferences::Conference;
use crate::db::groups::{Group, Refused, RoomTaken};
use crate::db::{self, DbConnection, DbError};
use crate::domain::group::{GroupDraft, GroupForm};
use crate::domain::ids::{ConferenceId, GroupId};
use crate::domain::{FieldErrors, Problem};
use crate::flows;
use crate::flows::copy::Copied;
use crate::i18n::Msg;
use crate::routes::access::ConferenceScope;
use crate::routes::error::AppError;
use crate::routes::extract::CsrfForm;
use crate::routes::{html, see_other};
use crate::state::AppState;
use crate::views::groups::{GroupsView, RoundGroups};
use crate::views::{self, Ctx};

pub struct Groups;

use crate::db::groups::{GroupOffer as Offer, offer};

fn room_taken() -> Saved {
    let mut e = FieldErrors::default();
    e.add("room", Problem::new(Msg::ErrRoomTaken));
    Saved::Refused(e)
}

impl Child for Groups {
    const SEGMENT: &'static str = "groepen";
    const SAVED: Msg = Msg::GroupSaved;
    const DELETED: Msg = Msg::GroupDeleted;
    const TOUCHES: Msg = Msg::GroupPlacedIn;
    const TOUCHES_ONE: Msg = Msg::GroupPlacedInOne;
    type Id = GroupId;
    type Row = Group;
    type Form = GroupForm;
    type Draft = GroupDraft;
    type Offer = Offer;

    fn offer(conn: &mut DbConnection, c: &Conference) -> Result<Offer, DbError> {
        offer(conn, &c.id)
    }

    /// The first round and insight, twelve places: a table or two.
    fn blank(_: &Conference, offer: &Offer) -> GroupForm {
        GroupForm {
            round: offer
                .rounds
                .first()
                .map(|r| r.id.to_string())
                .unwrap_or_default(),
            insight: offer
                .insights
                .first()
                .map(|i| i.id.to_string())
                .unwrap_or_default(),
            capacity: "12".to_owned(),
            ..GroupForm::default()
        }
    }

    /// Groups have a page of their own, by round.
    fn list_url(c: &Conference) -> String {
        format!("{}/groepen", super::conference_url(&c.id))
    }

    fn to_form(row: &Group) -> GroupForm {
        row.to_form()
    }

    fn title(row: &Group) -> String {
        row.room.clone()
    }

    fn parse(form: &GroupForm, _: &Conference, offer: &Offer) -> Result<GroupDraft, FieldErrors> {
        let rounds: Vec<&str> = offer.rounds.iter().map(|r| r.id.as_str()).collect();
        let insights: Vec<&str> = offer.insights.iter().map(|i| i.id.as_str()).collect();
        form.parse(&rounds, &insights)
    }

    fn form_page(ctx: &Ctx, page: &FormPage<Self>) -> Markup {
        views::groups::form(
            ctx,
            page.conference,
            page.offer,
            page.form,
            page.errors,
            page.editing,
        )
    }

    fn find(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &GroupId,
    ) -> Result<Option<Group>, DbError> {
        db::groups::find(conn, c, id)
    }

    fn create(
        conn: &mut DbConnection,
        c: &ConferenceId,
        draft: &GroupDraft,
        now: NaiveDateTime,
    ) -> Result<Saved, DbError> {
        Ok(match db::groups::create(conn, c, draft, now)? {
            Ok(_) => Saved::Done,
            Err(RoomTaken) => room_taken(),
        })
    }

    fn update(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &GroupId,
        draft: &GroupDraft,
    ) -> Result<Saved, DbError> {
        Ok(match db::groups::update(conn, c, id, draft)? {
            None => Saved::NotFound,
            Some(Ok(())) => Saved::Done,
            Some(Err(Refused::RoomTaken)) => room_taken(),
            Some(Err(Refused::Placed(field, n))) => {
                let mut e = FieldErrors::default();
                e.add(field, Problem::with(Msg::ErrGroupHasPlaced, n));
                Saved::Refused(e)
            }
            Some(Err(Refused::BelowPlaced(n))) => {
                let mut e = FieldErrors::default();
                e.add("capacity", Problem::with(Msg::ErrGroupBelowPlaced, n));
                Saved::Refused(e)
            }
        })
    }

    fn delete(conn: &mut DbConnection, c: &ConferenceId, id: &GroupId) -> Result<bool, DbError> {
        db::groups::delete(conn, c, id)
    }

    /// Who loses their place in it (before publishing, or moved in since): they are
    /// placed again by the next run.
    fn touched(
        conn: &mut DbConnection,
        c: &ConferenceId,
        id: &GroupId,
    ) -> Result<Vec<String>, DbError> {
        db::groups::placed_names(conn, c, id)
    }

    /// Participants who were told (by publishing) that they sit here: move them first.
    /// Action points captured in it (deleted ones too) keep it for good.
    fn in_use(
        conn: &mut DbConnection,
        _: &ConferenceId,
        id: &GroupId,
    ) -> Result<Option<Problem>, DbError> {
        let told = db::groups::published_in(conn, id)?;
        if told > 0 {
            return Ok(Some(Problem::with(Msg::GroupInUse, told)));
        }
        let points = db::action_points::count_in_group(conn, id)?;
        Ok((points > 0).then(|| Problem::with(Msg::GroupHasPoints, points)))
    }
}

/// The groups of every breakout round, with the places against those who attend it.
pub async fn overview(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
) -> Result<Markup, AppError> {
    overview_page(&ctx, &state, &c, "", &FieldErrors::default()).await
}

async fn overview_page(
    ctx: &Ctx,
    state: &AppState,
    c: &Conference,
    copy_from: &str,
    copy_errors: &FieldErrors,
) -> Result<Markup, AppError> {
    let id = c.id.clone();
    let (offer, groups, attending, conferences) = state
        .db
        .run(move |conn| {
            let mut all = db::conferences::list(conn, false)?;
            all.extend(db::conferences::list(conn, true)?);
            Ok::<_, DbError>((
                offer(conn, &id)?,
                db::groups::list(conn, &id)?,
                db::groups::attending_per_round(conn, &id)?,
                all,
            ))
        })
        .await?;
    let rounds: Vec<RoundGroups> = offer
        .rounds
        .iter()
        .map(|round| RoundGroups {
            round,
            groups: groups.iter().filter(|g| g.round_id == round.id).collect(),
            attending: attending
                .iter()
                .find(|(r, _)| *r == round.id)
                .map_or(0, |(_, n)| *n),
        })
        .collect();
    let mut sources: Vec<(String, String)> = conferences
        .iter()
        .filter(|o| o.id != c.id)
        .map(|o| {
            (
                o.id.to_string(),
                format!("{} ({})", o.title, ctx.lang.date(o.starts_at)),
            )
        })
        .collect();
    if !sources.is_empty() {
        sources.insert(0, (String::new(), ctx.t(Msg::ChooseOne).to_owned()));
    }
    Ok(views::groups::overview(
        ctx,
        &GroupsView {
            conference: c,
            rounds: &rounds,
            insights: &offer.insights,
            sources: &sources,
            copy: (copy_from, copy_errors),
        },
    ))
}

#[derive(serde::Deserialize)]
pub struct CopyFrom {
    #[serde(default)]
    bron: String,
}

/// "Groepen overnemen": adds an earlier edition's groups (with the insights and rounds
/// they need) to this conference.
pub async fn copy(
    ctx: Ctx,
    state: web::Data<AppState>,
    ConferenceScope(c): ConferenceScope,
    CsrfForm(form): CsrfForm<CopyFrom>,
) -> Result<HttpResponse, AppError> {
    let outcome = match ConferenceId::parse(form.bron.trim()) {
        None => Copied::Refused(if form.bron.trim().is_empty() {
            Msg::ErrRequired
        } else {
            Msg::ErrChoice
        }),
        Some(source) => {
            let (target, now) = (c.id.clone(), state.now());
            let (copied, effects) = state
                .db
                .run(move |conn| flows::copy::copy_groups(conn, &target, &source, now))
                .await?;
            state.apply(effects);
            copied
        }
    };
    match outcome {
        Copied::Done {
            groups,
            insights,
            rounds,
            skipped,
        } => {
            let mut said = ctx.lang.tf(
                Msg::GroupsCopied,
                &[
                    &groups.to_string(),
                    &insights.to_string(),
                    &rounds.to_string(),
                ],
            );
            if skipped > 0 {
                said = format!(
                    "{said} {}",
                    ctx.lang.tf(Msg::GroupsCopySkipped, &[&skipped.to_string()])
                );
            }
            ctx.flash_text(said);
            Ok(see_other(&format!(
                "{}/groepen",
                super::conference_url(&c.id)
            )))
        }
        Copied::Refused(msg) => {
            let mut errors = FieldErrors::default();
            errors.add("bron", Problem::new(msg));
            let page = overview_page(&ctx, &state, &c, &form.bron, &errors).await?;
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}
