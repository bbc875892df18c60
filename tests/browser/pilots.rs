//! Pilots in the browser: the organiser's board on a desktop (filters, a card moved with
//! its reason, the charts) and the owner's page on a phone, with and without JavaScript,
//! where they record an evaluation. Checked with axe.

use werkconf::db::{self, DbError};

use crate::browser::facilitator::demo;
use crate::browser::harness::{Browser, DESKTOP, PHONE, PHONE_WITHOUT_JS, journey};
use crate::common::PASSWORD;

async fn board(b: Browser) {
    let (app, _) = demo().await;
    app.create_organiser("eline@example.org").await;
    b.goto(&app.url("/login")).await;
    b.fill("#f-email", "eline@example.org").await;
    b.fill("#f-password", PASSWORD).await;
    b.click_text("Inloggen").await;
    b.goto(&app.url("/beheer/pilots")).await;
    assert_eq!(b.text("h1").await, "Pilots");
    assert!(b.text("main").await.contains("Evaluatie te laat"));
    b.step("board").await;

    // The idea moves to preparation, with its reason, from the board itself.
    let idea = "#kolom-idee + ul details.move";
    b.find(&format!("{idea} summary"))
        .await
        .click()
        .await
        .unwrap();
    b.fill(&format!("{idea} input[name=reason]"), "Partners gevonden")
        .await;
    b.click(&format!("{idea} button[type=submit]")).await;
    assert!(b.text("main").await.contains("Status veranderd."));
    assert!(
        b.text("#kolom-in-voorbereiding").await.contains("(2)"),
        "two in preparation now"
    );
    b.step("moved").await;

    // A pilot's page: where it came from, its timeline, and a report-back form.
    b.click_text("Vaderavond in het buurthuis").await;
    let main = b.text("main").await;
    assert!(main.contains("Tijdlijn") && main.contains("Status: evalueren → afgerond"));
    assert!(
        main.contains("Ontmoeten van andere (aanstaande) ouders"),
        "its insight"
    );
    b.step("pilot").await;
    b.goto(&app.url("/beheer/pilots/voortgang")).await;
    assert!(b.text("h1").await.contains("Voortgang van de pilots"));
    b.step("progress-report").await;
    b.goto(&app.url("/samen-leren")).await;
    b.step("public-overview").await;
    b.goto(&app.url("/beheer/pilots")).await;

    b.select("#filter-gemeente", "Zeist").await;
    b.click_text("Filteren").await;
    assert!(b.text("main").await.contains("1 pilots getoond."));
    b.step("filtered").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_follows_pilots_on_the_board() {
    journey("pilots-board", DESKTOP, board).await;
}

async fn evaluate(b: Browser) {
    let (app, _) = demo().await;
    let (id, email) = app
        .db
        .run(|conn| {
            let p = db::pilots::list(conn)?
                .into_iter()
                .find(|p| p.status == werkconf::domain::pilot::PilotStatus::Running)
                .unwrap();
            Ok::<_, DbError>((p.id, p.owner_email))
        })
        .await
        .unwrap();
    let link = format!("/p/{}", app.link_key().pilot_token(&id, &email));
    b.goto(&app.url(&link)).await;
    assert!(
        b.text("main")
            .await
            .contains("Voortgang of evaluatie vastleggen")
    );
    b.step("owner").await;
    b.set_checked("#soort-evaluatie", true).await;
    b.fill("#f-expected", "Alle ouders in één gesprek.").await;
    b.fill("#f-happened", "Bij de helft lukte het.").await;
    b.fill("#f-learned", "Plan het gesprek al bij de 36 weken.")
        .await;
    b.select("#f-decision", "bijsturen").await;
    // Without a next date: refused, with what was typed kept.
    b.click_text("Opslaan").await;
    assert!(b.exists(".error-summary").await);
    assert_eq!(
        b.value("#f-learned").await,
        "Plan het gesprek al bij de 36 weken."
    );
    b.step("evaluation-refused").await;
    let next = werkconf::flows::pilot::today(werkconf::clock::Clock::system().now())
        + chrono::Duration::days(60);
    // Chromium lays a date field out as mm/dd/yyyy (its own locale), whatever the page.
    let keys = next.format("%m%d%Y").to_string();
    let field = b.find("#f-next_evaluation_on").await;
    field.send_keys(&keys).await.expect("type date");
    assert_eq!(
        b.value("#f-next_evaluation_on").await,
        next.format("%Y-%m-%d").to_string()
    );
    b.click_text("Opslaan").await;
    assert!(b.text("main").await.contains("Opgeslagen in de tijdlijn."));
    assert!(
        b.text("main")
            .await
            .contains("Plan het gesprek al bij de 36 weken.")
    );
    b.step("evaluation-saved").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_records_an_evaluation_on_a_phone() {
    journey("pilot-owner-phone", PHONE, evaluate).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_records_an_evaluation_without_javascript() {
    journey("pilot-owner-phone-no-js", PHONE_WITHOUT_JS, evaluate).await;
}
