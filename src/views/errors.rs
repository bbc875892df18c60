use actix_web::http::StatusCode;
use maud::{Markup, html};

use super::{Ctx, page};
use crate::i18n::Msg;

pub fn error_page(ctx: &Ctx, status: StatusCode) -> Markup {
    let (title, text) = match status.as_u16() {
        400 => (Msg::Err400Title, Msg::Err400Text),
        403 => (Msg::Err403Title, Msg::Err403Text),
        404 => (Msg::Err404Title, Msg::Err404Text),
        405 => (Msg::Err405Title, Msg::Err400Text),
        413 => (Msg::Err413Title, Msg::Err413Text),
        429 => (Msg::Err429Title, Msg::Err429Text),
        503 => (Msg::Err503Title, Msg::Err500Text),
        _ => (Msg::Err500Title, Msg::Err500Text),
    };
    page(
        ctx,
        ctx.t(title),
        html! {
            h1 { (ctx.t(title)) }
            p { (ctx.t(text)) }
            p { a href="/" { (ctx.t(Msg::BackHome)) } }
        },
    )
}
