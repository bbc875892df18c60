//! A facilitator's personal link, `/f/{token}`: their groups with the insight, the two
//! questions, the room, the time and who comes. (Capturing action points comes here too.)

use actix_web::web;
use maud::Markup;

use crate::db::read::facilitator::FacilitatorRead;
use crate::routes::access::Facilitator;
use crate::routes::error::AppError;
use crate::state::AppState;
use crate::views::{self, Ctx};

pub async fn groups(
    ctx: Ctx,
    state: web::Data<AppState>,
    Facilitator(groups): Facilitator,
) -> Result<Markup, AppError> {
    let read = state
        .db
        .run(move |conn| FacilitatorRead::load(conn, groups))
        .await?
        .ok_or(AppError::UnknownLink)?;
    Ok(views::facilitator::groups(&ctx, &read))
}
