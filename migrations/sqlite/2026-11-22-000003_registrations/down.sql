DROP TABLE registration_rounds;
DROP TABLE registration_preferences;
DROP TABLE registrations;
DROP TABLE conference_texts;
