DROP TABLE programme_items;
DROP TABLE insights;
DROP TABLE conferences;
DROP TABLE organisers;
