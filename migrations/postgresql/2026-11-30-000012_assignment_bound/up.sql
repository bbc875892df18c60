-- The solver's lower bound for the run: no assignment that meets the rules costs less.
-- NULL for runs stored before it was kept.
ALTER TABLE assignment_runs ADD COLUMN cost_bound BIGINT;
