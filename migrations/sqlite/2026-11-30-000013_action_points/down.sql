DROP TABLE conference_capture;
DROP TABLE action_points;
