DROP TABLE vote_codes;
DROP TABLE vote_results;
DROP TABLE dots;
DROP TABLE ballots;
DROP TABLE votes;
DROP TABLE point_harvest;
