DROP TABLE pilot_updates;
DROP TABLE pilot_points;
DROP TABLE pilot_follow;
DROP TABLE pilots;
