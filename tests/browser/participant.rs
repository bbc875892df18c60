//! A participant on a phone: the public page, registering, the confirmation mail's manage
//! link, a changed preference and a cancellation; the same without JavaScript; and the
//! language switch in the header.

use crate::browser::harness::{Browser, PHONE, PHONE_WITHOUT_JS, journey};
use crate::browser::seed::{INSIGHTS, open_conference};
use crate::common::{TestApp, spawn_manual_app};

/// The app with a stopped clock and mail delivered on demand into memory.
async fn app() -> TestApp {
    spawn_manual_app().await
}

fn text_part(part: &mailparse::ParsedMail) -> Option<String> {
    if part.ctype.mimetype.eq_ignore_ascii_case("text/plain") {
        return part.get_body().ok();
    }
    part.subparts.iter().find_map(text_part)
}

/// The path of the manage link in the first mail that has one, as the participant would
/// click it (the mail's host is the configured base URL, not this test's port). The mail
/// is delivered now, on demand.
async fn manage_path_from_mail(app: &TestApp) -> String {
    app.deliver_mail().await;
    for delivered in app.mailbox.all() {
        let mail = mailparse::parse_mail(delivered.raw.as_bytes()).expect("valid MIME");
        if let Some(text) = text_part(&mail)
            && let Some(start) = text.find("/r/")
        {
            let token: String = text[start + 3..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            return format!("/r/{token}");
        }
    }
    panic!("no mail with a manage link: {:?}", app.mailbox.all().len());
}

/// The visible text of the chosen option of a select.
async fn chosen(b: &Browser, select: &str) -> String {
    b.text(&format!("{select} option:checked")).await
}

async fn register_change_and_cancel(b: Browser) {
    let app = app().await;
    let c = open_conference(&app).await;

    if !b.javascript() {
        // Make sure this run really has no JavaScript: a script that renames the page.
        b.goto("data:text/html,<title>zonder</title><script>document.title='met'</script>")
            .await;
        assert_eq!(b.title().await, "zonder", "JavaScript should be off");
    }

    b.goto(&app.url(&format!("/c/{}", c.slug))).await;
    assert_eq!(b.text("h1").await, c.title);
    assert_eq!(
        b.find("html").await.attr("lang").await.unwrap().as_deref(),
        Some("nl")
    );
    b.step("conference-page").await;

    b.click_text("Aanmelden").await;
    assert_eq!(b.path().await, format!("/c/{}/aanmelden", c.slug));
    b.step("registration-form").await;

    // What happens with her data, from the link next to the consent box.
    b.click(&format!(
        "label[for=f-consent] a[href='/c/{}/privacy']",
        c.slug
    ))
    .await;
    assert_eq!(b.text("h1").await, "Privacyverklaring");
    b.step("privacy").await;
    b.goto(&app.url(&format!("/c/{}/aanmelden", c.slug))).await;

    b.fill("#f-name", "Anna de Vries").await;
    b.fill("#f-email", "anna@example.org").await;
    b.fill("#f-organisation", "Verloskundigenpraktijk De Wieg")
        .await;
    b.select("#f-discipline", "verloskundige").await;
    b.select("#f-municipality", "Utrecht").await;
    b.select("#f-preference_1", INSIGHTS[1]).await;
    b.select("#f-preference_2", INSIGHTS[0]).await;
    // Both rounds come ticked; Anna can only stay for the first.
    let rounds = b
        .client
        .find_all(fantoccini::Locator::Css("input[name=rounds]"))
        .await
        .unwrap();
    assert_eq!(rounds.len(), 2);
    let second = rounds[1].attr("id").await.unwrap().unwrap();
    b.set_checked(&format!("#{second}"), false).await;
    b.fill("#f-diet", "vegetarisch").await;
    b.set_checked("#f-consent", true).await;
    b.step("registration-filled").await;

    b.click_text("Aanmelden").await;
    assert_eq!(b.path().await, format!("/c/{}/aangemeld", c.slug));
    assert_eq!(b.text("h1").await, "Bedankt voor je aanmelding");
    b.step("thanks").await;

    let manage = manage_path_from_mail(&app).await;
    b.goto(&app.url(&manage)).await;
    assert_eq!(b.text("h1").await, "Je aanmelding");
    assert!(b.text(".status-box").await.contains("Bevestigd"));
    assert_eq!(chosen(&b, "#f-preference_1").await, INSIGHTS[1]);
    assert!(!b.is_checked(&format!("#{second}")).await);
    b.step("manage-page").await;

    // She can stay longer after all, and would rather talk about working together.
    b.select("#f-preference_1", INSIGHTS[2]).await;
    b.set_checked(&format!("#{second}"), true).await;
    b.click_text("Wijzigingen opslaan").await;
    assert_eq!(b.path().await, manage);
    assert_eq!(b.text(".flash").await, "Je wijzigingen zijn opgeslagen.");
    assert_eq!(chosen(&b, "#f-preference_1").await, INSIGHTS[2]);
    assert!(b.is_checked(&format!("#{second}")).await);
    b.step("manage-changed").await;

    b.click("a.button[href$='/annuleren']").await;
    assert_eq!(b.path().await, format!("{manage}/annuleren"));
    b.step("cancel-confirm").await;
    b.click_text("Ja, annuleer mijn aanmelding").await;
    assert_eq!(b.path().await, manage);
    assert!(b.text(".status-box").await.contains("Geannuleerd"));
    assert!(
        b.text(".flash")
            .await
            .starts_with("Je aanmelding is geannuleerd.")
    );
    b.step("cancelled").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participant_registers_changes_and_cancels_on_a_phone() {
    journey("participant-phone", PHONE, register_change_and_cancel).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participant_registers_changes_and_cancels_without_javascript() {
    journey(
        "participant-phone-no-js",
        PHONE_WITHOUT_JS,
        register_change_and_cancel,
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_switch_in_the_header_keeps_the_page() {
    journey("language-switch", PHONE, |b| async move {
        let app = app().await;
        let c = open_conference(&app).await;
        let form = format!("/c/{}/aanmelden", c.slug);
        b.goto(&app.url("/")).await;
        b.step("home").await;
        b.click_text(&c.title).await;
        b.click_text("Aanmelden").await;
        assert_eq!(b.path().await, form);
        assert_eq!(b.text("label[for=f-name]").await, "Naam *");
        b.step("form-dutch").await;

        b.click_text("English").await;
        assert_eq!(b.path().await, form);
        assert_eq!(
            b.find("html").await.attr("lang").await.unwrap().as_deref(),
            Some("en")
        );
        assert_eq!(b.text("h1").await, format!("Register: {}", c.title));
        b.step("form-english").await;

        // The choice sticks: the public page is English too.
        b.click(&format!("p.breadcrumb a[href='/c/{}']", c.slug))
            .await;
        assert_eq!(b.text("#programma").await, "Programme");
        b.step("conference-english").await;

        b.click_text("Nederlands").await;
        assert_eq!(b.path().await, format!("/c/{}", c.slug));
        assert_eq!(
            b.find("html").await.attr("lang").await.unwrap().as_deref(),
            Some("nl")
        );
        assert_eq!(b.text("#programma").await, "Programma");
        b.step("conference-dutch").await;
    })
    .await;
}
