DROP TABLE assignment_runs;
DROP TABLE placements;
