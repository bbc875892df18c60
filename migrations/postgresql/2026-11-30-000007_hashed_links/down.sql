DROP TABLE registration_legacy_links;
