-- Savepoints taken on the spec's schedule and disposed ones: the origin takes the longer names PERIODIC and
-- RETAINED_CHECKPOINT, and a disposed savepoint records when (its state is DISPOSED; it is never restored from).
-- SET DATA TYPE is the form H2 and PostgreSQL both read.
ALTER TABLE savepoint ALTER COLUMN origin SET DATA TYPE VARCHAR(32);
ALTER TABLE savepoint ADD COLUMN disposed_at TIMESTAMP WITH TIME ZONE;
