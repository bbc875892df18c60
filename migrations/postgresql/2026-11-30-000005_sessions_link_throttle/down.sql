DROP TABLE organiser_sessions;
DROP TABLE registration_link_mails;
