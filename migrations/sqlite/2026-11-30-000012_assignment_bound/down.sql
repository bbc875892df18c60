ALTER TABLE assignment_runs DROP COLUMN cost_bound;
