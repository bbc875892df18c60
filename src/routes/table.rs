//! Every route in one table: its method, its path and its audience. The same table
//! registers the handlers and tells [`super::access`] which guard applies, and the access
//! matrix test walks it, so a route added here is guarded and tested the day it exists.

use actix_web::web;

use super::access::Audience;
use super::beheer::assignment;
use super::beheer::child;
use super::beheer::groups::{self, Groups};
use super::beheer::insights::Insights;
use super::beheer::programme::Programme;
use super::beheer::{conferences, insights, messages, participants, pilots, points, texts};
use super::{account, public, registration};

/// One route of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// "GET" or "POST".
    pub method: &'static str,
    pub path: &'static str,
    pub audience: Audience,
}

macro_rules! route_table {
    ($($method:ident $path:literal => $handler:expr, $audience:ident;)*) => {
        /// Every route the application serves.
        pub const ROUTES: &[Route] = &[
            $(Route {
                method: route_table!(@upper $method),
                path: $path,
                audience: Audience::$audience,
            },)*
        ];

        /// Registers every route of [`ROUTES`] with its handler.
        pub fn configure(cfg: &mut web::ServiceConfig) {
            $(cfg.route($path, web::$method().to($handler));)*
        }
    };
    (@upper get) => { "GET" };
    (@upper post) => { "POST" };
}

route_table! {
    get "/" => public::home, Public;
    get "/healthz" => public::healthz, Public;
    get "/static/werkconf.css" => super::stylesheet, Public;
    get "/static/werkconf.js" => super::script, Public;
    get "/taal/{lang}" => public::switch_language, Public;
    get "/c/{slug}" => public::conference, Public;
    get "/c/{slug}/aanmelden" => registration::form, Public;
    post "/c/{slug}/aanmelden" => registration::submit, Public;
    get "/c/{slug}/aangemeld" => registration::thanks, Public;
    get "/c/{slug}/privacy" => registration::privacy, Public;
    get "/c/{slug}/agenda.ics" => registration::feed, Public;
    get "/c/{slug}/g/{code}" => super::facilitator::table, Table;
    post "/c/{slug}/g/{code}/punten" => super::facilitator::table_add, Table;
    get "/c/{slug}/wall" => super::wall::page, Wall;
    get "/c/{slug}/wall/events" => super::wall::events, Wall;
    get "/c/{slug}/stemmen" => super::vote::code_start, Public;
    post "/c/{slug}/stemmen" => super::vote::code_request, Public;
    post "/c/{slug}/stemmen/code" => super::vote::code_redeem, Public;
    get "/samen-leren" => super::beheer::pilots::public, Public;
    get "/login" => account::login_form, Public;
    post "/login" => account::login, Public;
    post "/logout" => account::logout, Public;

    get "/f/{token}" => super::facilitator::groups, Facilitator;
    post "/f/{token}/punten" => super::facilitator::add, Facilitator;
    get "/f/{token}/punten/{item}/bewerken" => super::facilitator::edit_form, Facilitator;
    post "/f/{token}/punten/{item}/bewerken" => super::facilitator::update, Facilitator;
    get "/f/{token}/punten/{item}/verwijderen" => super::facilitator::delete_form, Facilitator;
    post "/f/{token}/punten/{item}/verwijderen" => super::facilitator::delete, Facilitator;
    get "/p/{token}" => super::pilot::page, PilotOwner;
    post "/p/{token}" => super::pilot::post, PilotOwner;
    get "/r/{token}" => registration::manage, Participant;
    post "/r/{token}" => registration::change, Participant;
    get "/r/{token}/agenda.ics" => registration::participant_ics, Participant;
    get "/r/{token}/programma.ics" => registration::programme_ics, Participant;
    get "/r/{token}/annuleren" => registration::cancel_form, Participant;
    post "/r/{token}/annuleren" => registration::cancel, Participant;
    get "/r/{token}/stemmen" => super::vote::ballot, Participant;
    post "/r/{token}/stemmen" => super::vote::cast, Participant;

    post "/logout/overal" => account::logout_everywhere, Organiser;
    get "/beheer" => conferences::dashboard, Organiser;
    get "/beheer/pilots" => pilots::board, Organiser;
    get "/beheer/pilots.csv" => pilots::csv, Organiser;
    get "/beheer/pilots/voortgang" => pilots::report, Organiser;
    post "/beheer/pilots/publiceren" => pilots::publish, Organiser;
    get "/beheer/pilots/nieuw" => pilots::new_form, Organiser;
    post "/beheer/pilots/nieuw" => pilots::create, Organiser;
    get "/beheer/pilots/{id}" => pilots::detail, Organiser;
    get "/beheer/pilots/{id}/bewerken" => pilots::edit_form, Organiser;
    post "/beheer/pilots/{id}/bewerken" => pilots::update, Organiser;
    post "/beheer/pilots/{id}/status" => pilots::move_status, Organiser;
    post "/beheer/pilots/{id}/notitie" => pilots::note, Organiser;
    get "/beheer/pilots/{id}/blad" => pilots::sheet, Organiser;
    post "/beheer/pilots/{id}/terugkoppeling" => pilots::report_back, Organiser;
    get "/beheer/conferenties/nieuw" => conferences::new_form, Organiser;
    post "/beheer/conferenties/nieuw" => conferences::create, Organiser;
    get "/beheer/conferenties/{id}" => conferences::detail, Organiser;
    get "/beheer/conferenties/{id}/bewerken" => conferences::edit_form, Organiser;
    post "/beheer/conferenties/{id}/bewerken" => conferences::update, Organiser;
    post "/beheer/conferenties/{id}/archiveren" => conferences::archive, Organiser;
    post "/beheer/conferenties/{id}/terugzetten" => conferences::restore, Organiser;
    get "/beheer/conferenties/{id}/berichten" => messages::compose, Organiser;
    post "/beheer/conferenties/{id}/berichten" => messages::submit, Organiser;
    get "/beheer/conferenties/{id}/berichten/{item}" => messages::progress, Organiser;
    get "/beheer/conferenties/{id}/berichten/{item}/voortgang" => messages::progress_json, Organiser;
    get "/beheer/conferenties/{id}/mail" => messages::outbox, Organiser;
    post "/beheer/conferenties/{id}/mail/{item}/opnieuw" => messages::retry, Organiser;
    get "/beheer/conferenties/{id}/teksten" => texts::edit, Organiser;
    post "/beheer/conferenties/{id}/teksten" => texts::save, Organiser;
    get "/beheer/conferenties/{id}/deelnemers" => participants::list, Organiser;
    get "/beheer/conferenties/{id}/deelnemers.csv" => participants::csv, Organiser;
    get "/beheer/conferenties/{id}/deelnemers/nieuw" => participants::add_form, Organiser;
    post "/beheer/conferenties/{id}/deelnemers/nieuw" => participants::add, Organiser;
    get "/beheer/conferenties/{id}/deelnemers/{item}/annuleren" => participants::cancel_form, Organiser;
    post "/beheer/conferenties/{id}/deelnemers/{item}/annuleren" => participants::cancel, Organiser;
    post "/beheer/conferenties/{id}/inzichten/{item}/omhoog" => insights::move_up, Organiser;
    post "/beheer/conferenties/{id}/inzichten/{item}/omlaag" => insights::move_down, Organiser;
    get "/beheer/conferenties/{id}/inzichten/nieuw" => child::new_form::<Insights>, Organiser;
    post "/beheer/conferenties/{id}/inzichten/nieuw" => child::create::<Insights>, Organiser;
    get "/beheer/conferenties/{id}/inzichten/{item}/bewerken" => child::edit_form::<Insights>, Organiser;
    post "/beheer/conferenties/{id}/inzichten/{item}/bewerken" => child::update::<Insights>, Organiser;
    get "/beheer/conferenties/{id}/inzichten/{item}/verwijderen" => child::delete_form::<Insights>, Organiser;
    post "/beheer/conferenties/{id}/inzichten/{item}/verwijderen" => child::delete::<Insights>, Organiser;
    get "/beheer/conferenties/{id}/actiepunten" => points::list, Organiser;
    get "/beheer/conferenties/{id}/actiepunten.csv" => points::csv, Organiser;
    get "/beheer/conferenties/{id}/opbrengst" => points::report, Organiser;
    get "/beheer/conferenties/{id}/stemming" => points::vote_page, Organiser;
    post "/beheer/conferenties/{id}/stemming/openen" => points::open_vote, Organiser;
    post "/beheer/conferenties/{id}/stemming/sluiten" => points::close_vote, Organiser;
    post "/beheer/conferenties/{id}/actiepunten/{item}/status" => points::set_status, Organiser;
    get "/beheer/conferenties/{id}/actiepunten/{item}/samenvoegen" => points::merge_form, Organiser;
    post "/beheer/conferenties/{id}/actiepunten/{item}/samenvoegen" => points::merge, Organiser;
    post "/beheer/conferenties/{id}/actiepunten/{item}/splitsen" => points::split, Organiser;
    post "/beheer/conferenties/{id}/actiepunten/{item}/{mark}" => points::mark, Organiser;
    post "/beheer/conferenties/{id}/actiepunten/sluiten" => points::lock, Organiser;
    post "/beheer/conferenties/{id}/actiepunten/openen" => points::unlock, Organiser;
    get "/beheer/conferenties/{id}/groepen" => groups::overview, Organiser;
    post "/beheer/conferenties/{id}/groepen/overnemen" => groups::copy, Organiser;
    get "/beheer/conferenties/{id}/indeling" => assignment::preview, Organiser;
    get "/beheer/conferenties/{id}/indeling.csv" => assignment::csv, Organiser;
    get "/beheer/conferenties/{id}/indeling/lijsten" => assignment::room_lists, Organiser;
    get "/beheer/conferenties/{id}/indeling/deurbordjes" => assignment::door_signs, Organiser;
    get "/beheer/conferenties/{id}/indeling/tafelkaarten" => assignment::table_cards, Organiser;
    post "/beheer/conferenties/{id}/indeling/verdelen" => assignment::run, Organiser;
    get "/beheer/conferenties/{id}/indeling/verplaatsen" => assignment::move_form, Organiser;
    post "/beheer/conferenties/{id}/indeling/verplaatsen" => assignment::move_participant, Organiser;
    post "/beheer/conferenties/{id}/indeling/vastzetten" => assignment::pin, Organiser;
    post "/beheer/conferenties/{id}/indeling/publiceren" => assignment::publish, Organiser;
    get "/beheer/conferenties/{id}/groepen/nieuw" => child::new_form::<Groups>, Organiser;
    post "/beheer/conferenties/{id}/groepen/nieuw" => child::create::<Groups>, Organiser;
    get "/beheer/conferenties/{id}/groepen/{item}/bewerken" => child::edit_form::<Groups>, Organiser;
    post "/beheer/conferenties/{id}/groepen/{item}/bewerken" => child::update::<Groups>, Organiser;
    get "/beheer/conferenties/{id}/groepen/{item}/verwijderen" => child::delete_form::<Groups>, Organiser;
    post "/beheer/conferenties/{id}/groepen/{item}/verwijderen" => child::delete::<Groups>, Organiser;
    get "/beheer/conferenties/{id}/programma/nieuw" => child::new_form::<Programme>, Organiser;
    post "/beheer/conferenties/{id}/programma/nieuw" => child::create::<Programme>, Organiser;
    get "/beheer/conferenties/{id}/programma/{item}/bewerken" => child::edit_form::<Programme>, Organiser;
    post "/beheer/conferenties/{id}/programma/{item}/bewerken" => child::update::<Programme>, Organiser;
    get "/beheer/conferenties/{id}/programma/{item}/verwijderen" => child::delete_form::<Programme>, Organiser;
    post "/beheer/conferenties/{id}/programma/{item}/verwijderen" => child::delete::<Programme>, Organiser;
}

/// The audience of a request path, told by its start: cheaper on every request than
/// matching the path against the table, and held to the table by the test below. Paths
/// that match no route are 404 whatever the audience.
pub fn audience_of(path: &str) -> Audience {
    if path == "/beheer" || path.starts_with("/beheer/") || path == "/logout/overal" {
        Audience::Organiser
    } else if path.starts_with("/r/") {
        Audience::Participant
    } else if path.starts_with("/f/") {
        Audience::Facilitator
    } else if path.starts_with("/p/") {
        Audience::PilotOwner
    } else if path.starts_with("/c/") && path.split('/').nth(3) == Some("wall") {
        Audience::Wall
    } else if path.starts_with("/c/") && path.split('/').nth(3) == Some("g") {
        Audience::Table
    } else {
        Audience::Public
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_has_the_audience_its_path_tells() {
        for route in ROUTES {
            let path = route
                .path
                .replace("{id}", "c1")
                .replace("{item}", "i1")
                .replace("{token}", "t1")
                .replace("{slug}", "s1")
                .replace("{lang}", "en")
                .replace("{mark}", "verbergen")
                .replace("{code}", "abc");
            assert_eq!(
                audience_of(&path),
                route.audience,
                "{} {}",
                route.method,
                route.path
            );
        }
    }
}
