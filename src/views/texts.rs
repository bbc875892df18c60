use maud::{Markup, html};

use super::components::{Field, csrf, error_summary};
use super::{Ctx, page};
use crate::db::conferences::Conference;
use crate::domain::FieldErrors;
use crate::domain::template::PLACEHOLDERS;
use crate::domain::texts::TextsForm;
use crate::i18n::{Lang, Msg};
use crate::notify::Composed;

fn label(field: &str) -> Msg {
    match field {
        "privacy_statement" => Msg::FieldPrivacyStatement,
        "confirmation_text" => Msg::FieldConfirmationText,
        "confirmation_text_en" => Msg::FieldConfirmationTextEn,
        _ => Msg::FieldUnknown,
    }
}

pub fn edit(
    ctx: &Ctx,
    c: &Conference,
    form: &TextsForm,
    errors: &FieldErrors,
    previews: &[(Lang, Composed)],
) -> Markup {
    let base = format!("/beheer/conferenties/{}", c.id);
    let f = |name, value| Field::new(ctx, errors, name, label(name), value);
    page(
        ctx,
        ctx.t(Msg::TextsTitle),
        html! {
            p.breadcrumb { a href=(base) { (c.title) } }
            h1 { (ctx.t(Msg::TextsTitle)) }
            (error_summary(ctx, errors, label))
            form.stack method="post" action={ (base) "/teksten" } novalidate {
                (csrf(ctx))
                (f("privacy_statement", &form.privacy_statement).hint(ctx.t(Msg::HintPrivacyStatement)).textarea(ctx, 8))
                h2 { (ctx.t(Msg::ConfirmationMail)) }
                p { (ctx.t(Msg::HintConfirmationText)) }
                dl.placeholders {
                    @for (key, meaning) in PLACEHOLDERS {
                        dt { code { "{{" (key) "}}" } }
                        dd { (ctx.t(meaning)) }
                    }
                }
                (f("confirmation_text", &form.confirmation_text).textarea(ctx, 8))
                (f("confirmation_text_en", &form.confirmation_text_en).textarea(ctx, 8))
                p.actions {
                    button type="submit" name="action" value="preview" { (ctx.t(Msg::Preview)) }
                    button.primary type="submit" name="action" value="save" { (ctx.t(Msg::Save)) }
                    a href=(base) { (ctx.t(Msg::Cancel)) }
                }
            }
            @if !previews.is_empty() {
                section aria-labelledby="voorbeeld" {
                    h2 id="voorbeeld" { (ctx.t(Msg::Preview)) }
                    @for (lang, mail) in previews {
                        article.mail-preview lang=(lang.code()) {
                            p { strong { (ctx.t(Msg::Subject)) ": " } (mail.subject) }
                            pre { (mail.text) }
                        }
                    }
                }
            }
        },
    )
}
