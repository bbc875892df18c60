//! Hand-kept schema with types both engines share (Text ids, UTC Timestamps).

diesel::table! {
    organisers (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    conferences (id) {
        id -> Text,
        slug -> Text,
        title -> Text,
        description -> Text,
        venue_name -> Text,
        venue_address -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        capacity -> Integer,
        registration_opens_at -> Nullable<Timestamp>,
        registration_closes_at -> Nullable<Timestamp>,
        contact_email -> Text,
        status -> Text,
        archived_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    conference_texts (conference_id) {
        conference_id -> Text,
        privacy_statement -> Text,
        confirmation_text -> Text,
        confirmation_text_en -> Text,
        calendar_sequence -> Integer,
    }
}

diesel::table! {
    insights (id) {
        id -> Text,
        conference_id -> Text,
        position -> Integer,
        title -> Text,
        description -> Text,
        question_professional -> Text,
        question_together -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    programme_items (id) {
        id -> Text,
        conference_id -> Text,
        kind -> Text,
        title -> Text,
        description -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        conference_id -> Nullable<Text>,
        recipient -> Text,
        subject -> Text,
        kind -> Text,
        raw -> Text,
        status -> Text,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        next_attempt_at -> Timestamp,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        batch -> Nullable<Text>,
    }
}

diesel::table! {
    registrations (id) {
        id -> Text,
        conference_id -> Text,
        token -> Text,
        seq -> Integer,
        status -> Text,
        name -> Text,
        email -> Text,
        organisation -> Text,
        discipline -> Text,
        municipality -> Text,
        diet -> Text,
        accessibility -> Text,
        lang -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        cancelled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    registration_legacy_links (token_hash) {
        token_hash -> Text,
        registration_id -> Text,
    }
}

diesel::table! {
    registration_link_mails (registration_id) {
        registration_id -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    organiser_sessions (id) {
        id -> Text,
        organiser_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    registration_preferences (registration_id, rank) {
        registration_id -> Text,
        insight_id -> Text,
        rank -> Integer,
    }
}

diesel::table! {
    registration_rounds (registration_id, round_id) {
        registration_id -> Text,
        round_id -> Text,
    }
}

diesel::table! {
    jobs (id) {
        id -> Text,
        kind -> Text,
        job_key -> Text,
        payload -> Text,
        status -> Text,
        due_at -> Timestamp,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    breakout_groups (id) {
        id -> Text,
        conference_id -> Text,
        round_id -> Text,
        insight_id -> Text,
        room -> Text,
        capacity -> Integer,
        facilitator_name -> Text,
        facilitator_email -> Text,
        created_at -> Timestamp,
        facilitator_token -> Nullable<Text>,
        republish -> Bool,
    }
}

diesel::table! {
    placements (registration_id, round_id) {
        registration_id -> Text,
        round_id -> Text,
        group_id -> Text,
        conference_id -> Text,
        pinned -> Bool,
        published_group_id -> Nullable<Text>,
    }
}

diesel::table! {
    assignment_runs (conference_id) {
        conference_id -> Text,
        cost_total -> BigInt,
        cost_preference -> BigInt,
        cost_discipline -> BigInt,
        cost_organisation -> BigInt,
        ran_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        cost_bound -> Nullable<BigInt>,
    }
}

diesel::table! {
    action_points (id) {
        id -> Text,
        conference_id -> Text,
        group_id -> Text,
        question -> Text,
        body -> Text,
        taker_name -> Text,
        taker_organisation -> Text,
        with_whom -> Text,
        first_step -> Text,
        source -> Text,
        submission_key -> Text,
        deleted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        hidden -> Bool,
        pinned -> Bool,
    }
}

diesel::table! {
    point_harvest (action_point_id) {
        action_point_id -> Text,
        conference_id -> Text,
        status -> Text,
        merged_into -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    conference_capture (conference_id) {
        conference_id -> Text,
        locked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    votes (conference_id) {
        conference_id -> Text,
        dots -> Integer,
        per_point -> Integer,
        hide_results -> Bool,
        opened_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    ballots (registration_id) {
        registration_id -> Text,
        conference_id -> Text,
        version -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    dots (registration_id, action_point_id) {
        registration_id -> Text,
        action_point_id -> Text,
        conference_id -> Text,
        count -> Integer,
    }
}

diesel::table! {
    vote_results (action_point_id) {
        action_point_id -> Text,
        conference_id -> Text,
        dots -> Integer,
        medical -> Integer,
        social -> Integer,
        parents -> Integer,
        others -> Integer,
        voters -> Integer,
    }
}

diesel::table! {
    vote_codes (registration_id) {
        registration_id -> Text,
        code_hash -> Text,
        sent_at -> Timestamp,
        expires_at -> Timestamp,
        failures -> Integer,
    }
}

diesel::table! {
    pilots (id) {
        id -> Text,
        conference_id -> Nullable<Text>,
        title -> Text,
        aim -> Text,
        description -> Text,
        owner_name -> Text,
        owner_email -> Text,
        owner_organisation -> Text,
        partners -> Text,
        action_line -> Text,
        municipality -> Text,
        neighbourhood -> Text,
        starts_on -> Nullable<Date>,
        next_evaluation_on -> Nullable<Date>,
        status -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    pilot_follow (pilot_id) {
        pilot_id -> Text,
        token -> Text,
        show_owner -> Bool,
        sequence -> Integer,
        reminded_for -> Nullable<Date>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    pilot_points (action_point_id) {
        action_point_id -> Text,
        pilot_id -> Text,
    }
}

diesel::table! {
    pilot_updates (id) {
        id -> Text,
        pilot_id -> Text,
        kind -> Text,
        author -> Text,
        did -> Text,
        expected -> Text,
        happened -> Text,
        learned -> Text,
        decision -> Nullable<Text>,
        next_evaluation_on -> Nullable<Date>,
        status_from -> Nullable<Text>,
        status_to -> Nullable<Text>,
        created_at -> Timestamp,
        due_on -> Nullable<Date>,
    }
}

diesel::table! {
    pilot_feedback (pilot_id, conference_id) {
        pilot_id -> Text,
        conference_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    publications (name) {
        name -> Text,
        published_at -> Timestamp,
    }
}

diesel::joinable!(action_points -> breakout_groups (group_id));
diesel::joinable!(pilot_follow -> pilots (pilot_id));
diesel::joinable!(pilot_points -> pilots (pilot_id));
diesel::joinable!(pilot_feedback -> pilots (pilot_id));
diesel::joinable!(dots -> registrations (registration_id));
diesel::joinable!(point_harvest -> action_points (action_point_id));
diesel::joinable!(dots -> action_points (action_point_id));
diesel::joinable!(placements -> breakout_groups (group_id));
diesel::joinable!(breakout_groups -> insights (insight_id));
diesel::joinable!(breakout_groups -> programme_items (round_id));
diesel::joinable!(insights -> conferences (conference_id));
diesel::joinable!(registrations -> conferences (conference_id));
diesel::joinable!(registration_preferences -> registrations (registration_id));
diesel::joinable!(registration_rounds -> registrations (registration_id));
diesel::joinable!(programme_items -> conferences (conference_id));
diesel::joinable!(conference_texts -> conferences (conference_id));
diesel::joinable!(outbox -> conferences (conference_id));
diesel::joinable!(organiser_sessions -> organisers (organiser_id));
diesel::allow_tables_to_appear_in_same_query!(
    organisers,
    conferences,
    conference_texts,
    insights,
    programme_items,
    registrations,
    registration_preferences,
    registration_rounds,
    outbox,
    organiser_sessions,
    registration_link_mails,
    registration_legacy_links,
    jobs,
    breakout_groups,
    placements,
    assignment_runs,
    action_points,
    conference_capture,
    point_harvest,
    votes,
    ballots,
    dots,
    vote_results,
    vote_codes,
    pilots,
    pilot_follow,
    pilot_points,
    pilot_updates,
    pilot_feedback,
    publications,
);
