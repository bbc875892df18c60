DROP TABLE breakout_groups;
