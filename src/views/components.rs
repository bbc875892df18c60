//! Form fields with their label, hint and error, wired for screen readers: the error is
//! linked through aria-describedby and the field marked aria-invalid.

use maud::{Markup, html};

use super::Ctx;
use crate::domain::FieldErrors;
use crate::i18n::Msg;

/// One form field as rendered.
pub struct Field<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub value: &'a str,
    pub error: Option<String>,
    pub hint: Option<&'a str>,
    pub required: bool,
    pub kind: &'a str,
    pub autocomplete: Option<&'a str>,
    /// Set where a page holds several forms with the same fields: ids stay unique.
    pub prefix: Option<&'a str>,
}

impl<'a> Field<'a> {
    pub fn new(ctx: &Ctx, errors: &FieldErrors, name: &'a str, label: Msg, value: &'a str) -> Self {
        Field {
            name,
            label: ctx.t(label),
            value,
            error: errors.get(name).map(|p| p.text(ctx.lang)),
            hint: None,
            required: false,
            kind: "text",
            autocomplete: None,
            prefix: None,
        }
    }

    /// Ids become `f-{prefix}-{name}`, for one of several forms on a page.
    pub fn prefix(mut self, prefix: &'a str) -> Self {
        self.prefix = Some(prefix);
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn kind(mut self, kind: &'a str) -> Self {
        self.kind = kind;
        self
    }

    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn autocomplete(mut self, value: &'a str) -> Self {
        self.autocomplete = Some(value);
        self
    }

    fn id(&self) -> String {
        field_id(self.prefix, self.name)
    }

    fn described_by(&self) -> Option<String> {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{}-hint", self.id()));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.id()));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn head(&self, ctx: &Ctx) -> Markup {
        html! {
            label for=(self.id()) {
                (self.label)
                @if self.required {
                    " " abbr.req title=(ctx.t(Msg::Required)) { "*" }
                }
            }
            @if let Some(hint) = self.hint {
                p.hint id={ (self.id()) "-hint" } { (hint) }
            }
            @if let Some(error) = &self.error {
                p.error-message id={ (self.id()) "-error" } {
                    span.visually-hidden { (ctx.t(Msg::ErrorPrefix)) " " }
                    (error)
                }
            }
        }
    }

    pub fn input(&self, ctx: &Ctx) -> Markup {
        html! {
            div.field.has-error[self.error.is_some()] {
                (self.head(ctx))
                input id=(self.id()) name=(self.name) type=(self.kind) value=(self.value)
                    required[self.required] aria-required=[self.required.then_some("true")]
                    aria-invalid=[self.error.as_ref().map(|_| "true")]
                    aria-describedby=[self.described_by()]
                    autocomplete=[self.autocomplete];
            }
        }
    }

    pub fn textarea(&self, ctx: &Ctx, rows: u32) -> Markup {
        html! {
            div.field.has-error[self.error.is_some()] {
                (self.head(ctx))
                textarea id=(self.id()) name=(self.name) rows=(rows)
                    required[self.required] aria-required=[self.required.then_some("true")]
                    aria-invalid=[self.error.as_ref().map(|_| "true")]
                    aria-describedby=[self.described_by()] { (self.value) }
            }
        }
    }

    /// A select from (value, label) pairs.
    pub fn select<V: AsRef<str>, L: AsRef<str>>(&self, ctx: &Ctx, options: &[(V, L)]) -> Markup {
        html! {
            div.field.has-error[self.error.is_some()] {
                (self.head(ctx))
                select id=(self.id()) name=(self.name)
                    required[self.required] aria-required=[self.required.then_some("true")]
                    aria-invalid=[self.error.as_ref().map(|_| "true")]
                    aria-describedby=[self.described_by()] {
                    @for (value, label) in options {
                        option value=(value.as_ref()) selected[value.as_ref() == self.value] { (label.as_ref()) }
                    }
                }
            }
        }
    }
}

/// The id of a form field: `f-{name}`, or `f-{prefix}-{name}`.
pub fn field_id(prefix: Option<&str>, name: &str) -> String {
    match prefix {
        Some(prefix) => format!("f-{prefix}-{name}"),
        None => format!("f-{name}"),
    }
}

/// The hidden field every state-changing form carries.
pub fn csrf(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name="csrf" value=(ctx.csrf()); }
}

/// A list of all problems at the top of a form, each linking to its field. It takes
/// focus (`autofocus` works without JavaScript), so screen readers announce it.
pub fn error_summary(ctx: &Ctx, errors: &FieldErrors, label: impl Fn(&str) -> Msg) -> Markup {
    error_summary_in(ctx, errors, None, label)
}

/// [`error_summary`] for the form whose fields carry `prefix` (see [`Field::prefix`]).
pub fn error_summary_in(
    ctx: &Ctx,
    errors: &FieldErrors,
    prefix: Option<&str>,
    label: impl Fn(&str) -> Msg,
) -> Markup {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        div.error-summary role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus {
            h2 id="error-summary-title" { (ctx.t(Msg::ErrorSummaryTitle)) }
            ul {
                @for (field, problem) in errors.iter() {
                    li {
                        a href={ "#" (field_id(prefix, field)) } {
                            (ctx.t(label(field))) ": " (problem.text(ctx.lang))
                        }
                    }
                }
            }
        }
    }
}

/// A button in its own small form, for actions like archive, delete and move.
pub fn action_button(ctx: &Ctx, action: &str, label: &str, class: &str) -> Markup {
    html! {
        form.inline method="post" action=(action) {
            (csrf(ctx))
            button type="submit" class=(class) { (label) }
        }
    }
}

/// Text with blank lines as paragraph breaks and single line breaks kept.
pub fn paragraphs(text: &str) -> Markup {
    html! {
        @for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p {
                @for (i, line) in para.lines().enumerate() {
                    @if i > 0 { br; }
                    (line)
                }
            }
        }
    }
}

/// A status label with its text for everyone, not only its colour.
pub fn badge(text: &str, class: &str) -> Markup {
    html! { span class={ "badge " (class) } { (text) } }
}

/// A QR code of `text` as inline SVG, labelled for screen readers by the link beside it.
pub fn qr(text: &str) -> Markup {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => {
            let svg = code
                .render::<qrcode::render::svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build();
            // The SVG comes from the QR encoder, never from user text; drop its XML prolog.
            let svg = svg
                .split_once("?>")
                .map_or(svg.as_str(), |(_, rest)| rest)
                .to_owned();
            html! { div.qr aria-hidden="true" { (maud::PreEscaped(svg)) } }
        }
        Err(_) => html! {},
    }
}
