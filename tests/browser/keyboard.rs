//! The registration form by keyboard alone: Tab reaches every field in order, focus is
//! always visible, and a submit with mistakes puts focus on the error summary, whose links
//! lead to the fields.

use fantoccini::key::Key;
use serde_json::Value;

use crate::browser::harness::{Browser, DESKTOP, journey};
use crate::browser::seed::open_conference;
use crate::common::spawn_app;

/// What has focus: its id, or else its tag and text, and whether its focus ring shows.
async fn focused(b: &Browser) -> (String, bool) {
    let v = b
        .js(r#"
            const e = document.activeElement;
            const s = getComputedStyle(e);
            const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                || s.boxShadow !== 'none';
            const name = e.id || (e.tagName.toLowerCase() + ':' + e.textContent.trim());
            return [name, ring && e.matches(':focus-visible')];
        "#)
        .await;
    (
        v[0].as_str().unwrap_or_default().to_owned(),
        v[1] == Value::Bool(true),
    )
}

async fn tab(b: &Browser) -> String {
    b.press(&char::from(Key::Tab).to_string()).await;
    let (name, visible) = focused(b).await;
    assert!(visible, "focus on {name} is not visible");
    name
}

/// Presses Tab until `id` has focus; returns what had focus on the way.
async fn tab_to(b: &Browser, id: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for _ in 0..60 {
        let name = tab(b).await;
        seen.push(name.clone());
        if name == id {
            return seen;
        }
    }
    panic!("Tab never reached {id}; went through {seen:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_form_by_keyboard_alone() {
    journey("keyboard", DESKTOP, |b| async move {
        let app = spawn_app().await;
        let c = open_conference(&app).await;
        b.goto(&app.url(&format!("/c/{}/aanmelden", c.slug))).await;

        // The first Tab shows the skip link.
        assert_eq!(tab(&b).await, format!("a:{}", "Naar de inhoud"));
        b.shot("skip-link").await;

        let rounds: Vec<String> = b
            .js("return [...document.querySelectorAll('input[name=rounds]')].map(e => e.id);")
            .await
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        let mut fields: Vec<String> = [
            "f-name",
            "f-email",
            "f-organisation",
            "f-discipline",
            "f-municipality",
            "f-preference_1",
            "f-preference_2",
            "f-preference_3",
        ]
        .map(String::from)
        .to_vec();
        fields.extend(rounds);
        fields.extend(["f-diet", "f-accessibility", "f-consent"].map(String::from));
        let path = tab_to(&b, "button:Aanmelden").await;
        let reached: Vec<&String> = path.iter().filter(|n| n.starts_with("f-")).collect();
        assert_eq!(
            reached,
            fields.iter().collect::<Vec<_>>(),
            "Tab order through the form"
        );

        // Back to the name, type it, and submit with Enter, leaving out the rest.
        b.find("#f-name").await.send_keys("Anna de Vries").await.unwrap();
        b.shot("name-typed").await;
        tab_to(&b, "button:Aanmelden").await;
        b.press_and_wait(&char::from(Key::Enter).to_string()).await;

        let (active, _) = focused(&b).await;
        let summary_focused = b
            .js("return document.activeElement.classList.contains('error-summary');")
            .await;
        assert_eq!(summary_focused, Value::Bool(true), "focus is on {active}");
        let links: Vec<String> = b
            .js("return [...document.querySelectorAll('.error-summary a')].map(a => a.getAttribute('href'));")
            .await
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        for field in ["#f-email", "#f-organisation", "#f-discipline", "#f-municipality", "#f-consent"] {
            assert!(links.iter().any(|l| l == field), "no link to {field} in {links:?}");
        }
        assert_eq!(b.value("#f-name").await, "Anna de Vries", "what was typed stays");
        b.step("errors").await;

        // The first link leads to the e-mail field, with focus.
        assert_eq!(tab(&b).await, format!("a:{}", b.text(".error-summary a").await));
        b.press(&char::from(Key::Enter).to_string()).await;
        assert_eq!(focused(&b).await.0, "f-email");

        // Finish by keyboard: type, choose from the selects by typing, tick with Space.
        b.press("anna@example.org").await;
        assert_eq!(tab(&b).await, "f-organisation");
        b.press("Verloskundigenpraktijk De Wieg").await;
        assert_eq!(tab(&b).await, "f-discipline");
        b.press("verloskundige").await;
        assert_eq!(tab(&b).await, "f-municipality");
        b.press("Utrecht").await;
        tab_to(&b, "f-consent").await;
        b.press(" ").await;
        assert!(b.is_checked("#f-consent").await);
        b.step("corrected").await;
        tab_to(&b, "button:Aanmelden").await;
        b.press_and_wait(&char::from(Key::Enter).to_string()).await;
        assert_eq!(b.text("h1").await, "Bedankt voor je aanmelding");
        b.step("thanks").await;
    })
    .await;
}
