use std::sync::OnceLock;

use maud::{DOCTYPE, Markup, html};

use super::Ctx;
use crate::i18n::Msg;

pub const CSS: &str = include_str!("werkconf.css");
pub const JS: &str = include_str!("werkconf.js");

/// A short hash of a static file, so its URL changes whenever it does and browsers may
/// cache it for a year.
fn version(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:08x}", hash as u32)
}

pub fn css_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| version(CSS))
}

pub fn js_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| version(JS))
}

/// The site's script, for the pages it improves (it is left off where it does nothing).
pub fn script() -> Markup {
    html! { script src={ "/static/werkconf.js?v=" (js_version()) } defer {} }
}

/// The page around every page's content: landmarks, skip link, menu, language switch.
pub fn page(ctx: &Ctx, title: &str, content: Markup) -> Markup {
    let flash = ctx.take_flash();
    let other = ctx.lang.other();
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – werkconf" }
                link rel="stylesheet" href={ "/static/werkconf.css?v=" (css_version()) };
            }
            body {
                a.skip href="#inhoud" { (ctx.t(Msg::SkipToContent)) }
                header.site {
                    div.wrap {
                        a.brand href="/" { "werkconf" }
                        nav aria-label=(ctx.t(Msg::MainMenu)) {
                            ul {
                                @if let Some(organiser) = &ctx.organiser {
                                    li { a href="/beheer" { (ctx.t(Msg::NavBeheer)) } }
                                    li {
                                        form.inline method="post" action="/logout" {
                                            input type="hidden" name="csrf" value=(ctx.csrf());
                                            button.link type="submit" {
                                                (ctx.t(Msg::Logout))
                                                span.visually-hidden { " (" (organiser.name) ")" }
                                            }
                                        }
                                    }
                                } @else {
                                    li { a href="/login" { (ctx.t(Msg::NavLogin)) } }
                                }
                                li {
                                    a href={ "/taal/" (other.code()) "?terug=" (encode(&ctx.path)) }
                                        lang=(other.code()) hreflang=(other.code()) {
                                        (ctx.lang.t(Msg::OtherLanguage))
                                    }
                                }
                            }
                        }
                    }
                }
                main id="inhoud" tabindex="-1" {
                    div.wrap {
                        @if let Some(text) = flash {
                            p.flash role="status" { (text) }
                        }
                        (content)
                    }
                }
                footer.site {
                    div.wrap {
                        p { (ctx.t(Msg::FooterText)) }
                    }
                }
            }
        }
    }
}

/// Percent-encodes a path for use as a query value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
